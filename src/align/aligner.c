/* The public alignment entry points: options, aligners (options + scratch), letter encoding and
 * range checks, one pair, and batches spread over threads with CIGARs kept in pair order. */
#include "align_internal.h"
#include "striped.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct bm_aligner {
    bm_align_opts_t opts; /* opts.scoring points at `scoring` */
    bm_scoring_t scoring;
    bm_scratch_t dp;  /* the reference's matrices or columns */
    bm_scratch_t seq; /* the encoded pair */
    bm_sw_ws_t sw;    /* the striped kernels' profiles and columns */
};

/* ---- scratch ---------------------------------------------------------------------------------
 */

int bm_scratch_reserve(bm_scratch_t *s, size_t bytes)
{
    if (bytes <= s->cap) return 0;
    void *p = malloc(bytes);
    if (!p) return bm_error(BM_ENOMEM, "out of memory for %zu bytes of alignment scratch", bytes);
    free(s->p);
    s->p = p;
    s->cap = bytes;
    return 0;
}

void bm_scratch_free(bm_scratch_t *s)
{
    free(s->p);
    s->p = NULL;
    s->cap = 0;
}

/* ---- checks ----------------------------------------------------------------------------------
 */

/* A letter for a message: itself when printable, else \xNN. */
static const char *shown(char c, char buf[8])
{
    unsigned char u = (unsigned char)c;
    if (u >= 32 && u < 127)
        snprintf(buf, 8, "%c", c);
    else
        snprintf(buf, 8, "\\x%02x", u);
    return buf;
}

int bm_align_encode(const bm_scoring_t *sc, const char *seq, size_t len, uint8_t *out,
                    const char *what)
{
    for (size_t i = 0; i < len; i++) {
        int8_t k = sc->index[(unsigned char)seq[i]];
        if (k < 0) {
            char b[8];
            return bm_error(BM_EINVAL, "%s: letter '%s' at position %zu is not in %s (letters %s)",
                            what, shown(seq[i], b), i + 1, sc->name, sc->letters);
        }
        out[i] = (uint8_t)k;
    }
    return 0;
}

int bm_align_check_pair(const bm_align_opts_t *o, int64_t m, int64_t n)
{
    const bm_scoring_t *sc = o->scoring;
    int64_t big = -(int64_t)sc->min_score;
    if (sc->max_score > big) big = sc->max_score;
    if (o->gap_open > big) big = o->gap_open;
    if (big < 1) big = 1;
    if (m >= INT32_MAX / 2 || n >= INT32_MAX / 2 || (m + n + 1) * big >= ((int64_t)1 << 29))
        return bm_error(BM_EINVAL,
                        "query of %lld and target of %lld letters are too long for 32-bit scores "
                        "with scores or penalties up to %lld",
                        (long long)m, (long long)n, (long long)big);
    int64_t w = o->band;
    if (w >= 0 && o->mode == BM_ALIGN_GLOBAL && (m - n > w || n - m > w))
        return bm_error(BM_EINVAL,
                        "band %lld is too narrow for a global alignment of %lld and %lld letters",
                        (long long)w, (long long)m, (long long)n);
    if (w >= 0 && o->mode == BM_ALIGN_SEMIGLOBAL && m > n + w)
        return bm_error(BM_EINVAL,
                        "band %lld is too narrow for a semi-global alignment of a %lld-letter "
                        "query to a %lld-letter target",
                        (long long)w, (long long)m, (long long)n);
    return 0;
}

/* ---- options and aligners ------------------------------------------------------------------ */

void bm_align_opts_init(bm_align_opts_t *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->mode = BM_ALIGN_LOCAL;
    opts->scoring = NULL;
    opts->gap_open = 6;
    opts->gap_extend = 2;
    opts->want_cigar = 0;
    opts->cigar_style = BM_CIGAR_EQX;
    opts->band = -1;
    opts->zdrop = -1;
    opts->xdrop = -1;
}

int bm_align_check_opts(const bm_align_opts_t *opts, const bm_scoring_t *sc)
{
    if (opts->mode < BM_ALIGN_LOCAL || opts->mode > BM_ALIGN_EXTEND)
        return bm_error(BM_EINVAL, "unknown alignment mode %d", (int)opts->mode);
    if (opts->cigar_style != BM_CIGAR_EQX && opts->cigar_style != BM_CIGAR_M)
        return bm_error(BM_EINVAL, "unknown CIGAR style %d", (int)opts->cigar_style);
    if (opts->gap_extend < 0 || opts->gap_extend > opts->gap_open ||
        opts->gap_open > BM_SCORE_LIMIT)
        return bm_error(BM_EINVAL,
                        "gap penalties open %d, extend %d: need 0 <= extend <= open <= %d (a gap "
                        "of length k costs open + (k-1) * extend)",
                        opts->gap_open, opts->gap_extend, BM_SCORE_LIMIT);
    if (opts->band < -1) return bm_error(BM_EINVAL, "band %d: -1 (none) or >= 0", opts->band);
    if (opts->zdrop < -1 || opts->xdrop < -1)
        return bm_error(BM_EINVAL, "zdrop %d, xdrop %d: -1 (off) or >= 0", opts->zdrop,
                        opts->xdrop);
    if (sc->size < 1 || sc->size > BM_SCORING_MAX_LETTERS || sc->wildcard >= sc->size ||
        sc->wildcard < -1)
        return bm_error(BM_EINVAL, "scoring '%s' has %d letters: not a valid scoring", sc->name,
                        sc->size);
    for (int a = 0; a < sc->size; a++)
        for (int b = 0; b < sc->size; b++)
            if (sc->score[a][b] < -BM_SCORE_LIMIT || sc->score[a][b] > BM_SCORE_LIMIT)
                return bm_error(BM_EINVAL, "scoring '%s': score %d outside +-%d", sc->name,
                                sc->score[a][b], BM_SCORE_LIMIT);
    for (int c = 0; c < 256; c++)
        if (sc->index[c] >= sc->size)
            return bm_error(BM_EINVAL, "scoring '%s': byte %d maps outside the alphabet", sc->name,
                            c);
    return 0;
}

int bm_aligner_new(bm_aligner_t **out, const bm_align_opts_t *opts)
{
    if (!out || !opts) return bm_error(BM_EINVAL, "bm_aligner_new: no options");
    *out = NULL;
    bm_aligner_t *al = calloc(1, sizeof *al);
    if (!al) return bm_error(BM_ENOMEM, "out of memory for an aligner");
    int rc = 0;
    if (opts->scoring)
        al->scoring = *opts->scoring;
    else
        rc = bm_scoring_dna(&al->scoring, 2, -4, -1);
    if (rc == 0) rc = bm_align_check_opts(opts, &al->scoring);
    if (rc < 0) {
        free(al);
        return rc;
    }
    al->opts = *opts;
    al->opts.scoring = &al->scoring;
    *out = al;
    return 0;
}

const bm_align_opts_t *bm_aligner_opts(const bm_aligner_t *al)
{
    return &al->opts;
}

void bm_aligner_free(bm_aligner_t *al)
{
    if (!al) return;
    bm_scratch_free(&al->dp);
    bm_scratch_free(&al->seq);
    bm_sw_ws_free(&al->sw);
    free(al);
}

/* ---- one pair -------------------------------------------------------------------------------- */

static int align_one(bm_aligner_t *al, const char *query, size_t qlen, const char *target,
                     size_t tlen, bm_align_result_t *res, bm_cigar_buf_t *cigars)
{
    const bm_align_opts_t *o = &al->opts;
    memset(res, 0, sizeof *res);
    int rc = bm_align_check_pair(o, (int64_t)qlen, (int64_t)tlen);
    if (rc < 0) return rc;
    if ((rc = bm_scratch_reserve(&al->seq, qlen + tlen + 1)) < 0) return rc;
    uint8_t *q = al->seq.p, *t = q + qlen;
    if ((rc = bm_align_encode(o->scoring, query, qlen, q, "query")) < 0) return rc;
    if ((rc = bm_align_encode(o->scoring, target, tlen, t, "target")) < 0) return rc;
    bm_pair_t p = {q, t, (int32_t)qlen, (int32_t)tlen};
    if (bm_align_fast_covers(o, &p)) return bm_align_fast(o, &p, &al->sw, &al->dp, res, cigars);
    if (o->want_cigar) return bm_align_ref_full(o, &p, &al->dp, res, cigars);
    return bm_align_ref_score(o, &p, &al->dp, res);
}

int bm_align_pair(bm_aligner_t *al, const char *query, size_t qlen, const char *target, size_t tlen,
                  bm_align_result_t *res, bm_cigar_buf_t *cigars)
{
    if (!al || !res || (qlen && !query) || (tlen && !target))
        return bm_error(BM_EINVAL, "bm_align_pair: missing aligner, result or sequence");
    if (al->opts.want_cigar && !cigars)
        return bm_error(BM_EINVAL, "bm_align_pair: a CIGAR was asked but no CIGAR buffer given");
    return align_one(al, query, qlen, target, tlen, res, cigars);
}

/* ---- batches --------------------------------------------------------------------------------- */

typedef struct {
    bm_aligner_t *al;
    const bm_batch_t *queries, *targets;
    size_t n, chunk;
    bm_align_shape_t shape;
    bm_align_result_t *results;
    uint16_t *owner;           /* worker whose buffer holds pair k's CIGAR (threaded runs) */
    atomic_size_t next;        /* first pair of the next chunk to take */
    atomic_size_t first_error; /* smallest failing pair so far (SIZE_MAX: none) */
    pthread_mutex_t mu;
    int error_code;
    char error[1024];
} batch_t;

typedef struct {
    batch_t *b;
    bm_aligner_t *al;
    bm_cigar_buf_t cigars;
    uint16_t id;
    int rc; /* setup failure of this worker */
} worker_t;

static void pair_records(const batch_t *b, size_t k, size_t *qi, size_t *ti)
{
    if (b->shape == BM_ALIGN_PAIRWISE) {
        *qi = *ti = k;
    } else {
        *qi = k / b->targets->count;
        *ti = k % b->targets->count;
    }
}

/* A record named for messages: "'NAME' (record N)", the name cut at the first blank. */
static void record_label(const bm_batch_t *bt, size_t i, char *out, size_t cap)
{
    const char *name = bt->data + bt->name_off[i];
    size_t len = 0;
    while (len < bt->name_len[i] && len < 60 && name[len] != ' ' && name[len] != '\t') len++;
    snprintf(out, cap, "'%.*s' (record %llu)", (int)len, name,
             (unsigned long long)(bt->first_number + i));
}

/* Records pair k's failure (this thread's bm_last_error) if it is the earliest so far. */
static void record_error(batch_t *b, size_t k, int rc)
{
    size_t qi, ti;
    pair_records(b, k, &qi, &ti);
    char ql[128], tl[128];
    record_label(b->queries, qi, ql, sizeof ql);
    record_label(b->targets, ti, tl, sizeof tl);
    pthread_mutex_lock(&b->mu);
    if (k < atomic_load(&b->first_error)) {
        atomic_store(&b->first_error, k);
        b->error_code = rc;
        snprintf(b->error, sizeof b->error, "pair %zu (query %s, target %s): %s", k + 1, ql, tl,
                 bm_last_error());
    }
    pthread_mutex_unlock(&b->mu);
}

static int run_pair(batch_t *b, bm_aligner_t *al, size_t k, bm_cigar_buf_t *cigars)
{
    size_t qi, ti;
    pair_records(b, k, &qi, &ti);
    const bm_batch_t *Q = b->queries, *T = b->targets;
    return align_one(al, Q->data + Q->seq_off[qi], Q->seq_len[qi], T->data + T->seq_off[ti],
                     T->seq_len[ti], &b->results[k], cigars);
}

static void *worker_main(void *arg)
{
    worker_t *w = arg;
    batch_t *b = w->b;
    for (;;) {
        size_t start = atomic_fetch_add(&b->next, b->chunk);
        /* pairs after a failure are not needed; pairs before it still are (the error reported is
         * the first failing pair, whatever the thread count) */
        if (start >= b->n || start > atomic_load(&b->first_error)) break;
        size_t end = start + b->chunk < b->n ? start + b->chunk : b->n;
        for (size_t k = start; k < end; k++) {
            int rc = run_pair(b, w->al, k, &w->cigars);
            if (rc < 0) {
                record_error(b, k, rc);
                break;
            }
            b->owner[k] = w->id;
        }
    }
    return NULL;
}

static int check_batch(const bm_aligner_t *al, const bm_batch_t *queries, const bm_batch_t *targets,
                       size_t n, bm_align_shape_t shape, const bm_align_result_t *results,
                       const bm_cigar_buf_t *cigars)
{
    if (!al || !queries || !targets || (n && !results))
        return bm_error(BM_EINVAL, "bm_align_batch: missing aligner, batch or results");
    if (al->opts.want_cigar && !cigars)
        return bm_error(BM_EINVAL, "bm_align_batch: a CIGAR was asked but no CIGAR buffer given");
    size_t pairs;
    if (shape == BM_ALIGN_PAIRWISE) {
        pairs = queries->count < targets->count ? queries->count : targets->count;
    } else if (shape == BM_ALIGN_ALL_VS_ALL) {
        if (targets->count && queries->count > SIZE_MAX / targets->count)
            return bm_error(BM_EINVAL, "bm_align_batch: too many pairs");
        pairs = queries->count * targets->count;
    } else {
        return bm_error(BM_EINVAL, "bm_align_batch: unknown shape %d", (int)shape);
    }
    if (n > pairs)
        return bm_error(BM_EINVAL,
                        "bm_align_batch: %zu pairs asked, the batches (%zu queries, %zu targets) "
                        "hold %zu",
                        n, queries->count, targets->count, pairs);
    return 0;
}

/* Copies each pair's CIGAR from its worker's buffer into `out`, in pair order. */
static int gather_cigars(batch_t *b, worker_t *workers, bm_cigar_buf_t *out)
{
    size_t total = 0;
    for (size_t k = 0; k < b->n; k++) total += b->results[k].n_cigar;
    if (out->cap - out->len < total) {
        size_t cap = out->len + total;
        uint32_t *ops = realloc(out->ops, (cap ? cap : 1) * sizeof *ops);
        if (!ops) return bm_error(BM_ENOMEM, "out of memory for %zu CIGAR ops", total);
        out->ops = ops;
        out->cap = cap;
    }
    for (size_t k = 0; k < b->n; k++) {
        bm_align_result_t *r = &b->results[k];
        if (r->n_cigar) /* (an empty worker buffer may be NULL: no pointer arithmetic on it) */
            memcpy(out->ops + out->len, workers[b->owner[k]].cigars.ops + r->cigar_off,
                   r->n_cigar * sizeof *out->ops);
        r->cigar_off = out->len;
        out->len += r->n_cigar;
    }
    return 0;
}

int bm_align_batch(bm_aligner_t *al, const bm_batch_t *queries, const bm_batch_t *targets, size_t n,
                   bm_align_shape_t shape, int threads, bm_align_result_t *results,
                   bm_cigar_buf_t *cigars)
{
    int rc = check_batch(al, queries, targets, n, shape, results, cigars);
    if (rc < 0) return rc;
    if (threads <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores > 0 ? (int)cores : 1;
    }
    if (threads > 1024) threads = 1024;
    if ((size_t)threads > n) threads = n ? (int)n : 1;

    batch_t b = {.al = al,
                 .queries = queries,
                 .targets = targets,
                 .n = n,
                 .shape = shape,
                 .results = results};
    atomic_init(&b.next, 0);
    atomic_init(&b.first_error, SIZE_MAX);
    if (threads == 1) {
        for (size_t k = 0; k < n; k++) {
            rc = run_pair(&b, al, k, cigars);
            if (rc < 0) {
                record_error(&b, k, rc);
                return bm_error(b.error_code, "%s", b.error);
            }
        }
        return 0;
    }

    /* Chunks small enough to balance uneven lengths, large enough to keep the counter cold. */
    b.chunk = n / ((size_t)threads * 16);
    if (b.chunk < 1) b.chunk = 1;
    if (b.chunk > 64) b.chunk = 64;
    b.owner = calloc(n, sizeof *b.owner);
    worker_t *workers = calloc((size_t)threads, sizeof *workers);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    if (!b.owner || !workers || !tids) {
        free(b.owner);
        free(workers);
        free(tids);
        return bm_error(BM_ENOMEM, "out of memory for a batch of %zu pairs", n);
    }
    pthread_mutex_init(&b.mu, NULL);
    int started = 0;
    for (int w = 0; w < threads; w++) {
        workers[w].b = &b;
        workers[w].id = (uint16_t)w;
        if (w == 0) {
            workers[w].al = al;
            continue;
        }
        if (bm_aligner_new(&workers[w].al, &al->opts) < 0) break;
        if (pthread_create(&tids[w], NULL, worker_main, &workers[w]) != 0) {
            bm_aligner_free(workers[w].al);
            workers[w].al = NULL;
            break;
        }
        started = w;
    }
    worker_main(&workers[0]); /* the calling thread works too */
    for (int w = 1; w <= started; w++) pthread_join(tids[w], NULL);

    rc = 0;
    if (atomic_load(&b.first_error) != SIZE_MAX)
        rc = bm_error(b.error_code, "%s", b.error);
    else if (al->opts.want_cigar)
        rc = gather_cigars(&b, workers, cigars);
    for (int w = 0; w < threads; w++) {
        bm_cigar_buf_free(&workers[w].cigars);
        if (w > 0) bm_aligner_free(workers[w].al);
    }
    pthread_mutex_destroy(&b.mu);
    free(b.owner);
    free(workers);
    free(tids);
    return rc;
}
