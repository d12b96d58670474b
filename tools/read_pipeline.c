/* The read pipeline of `filter` and `trim`: the calling thread reads batches, worker threads decide
 * and format them, a writer thread writes them in order; a fixed ring of batches bounds memory. */
#include "read_pipeline.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BATCH_RECORDS 8192
#define BATCH_BYTES (1u << 20)
#define MAX_SLOTS 66
#define MESSAGE_MAX 1024
#define NAME_SHOWN 200 /* characters of a read name quoted in messages */

enum { SLOT_FREE, SLOT_READ, SLOT_BUSY, SLOT_DONE };

typedef struct {
    char *p;
    size_t len, cap;
} outbuf_t;

typedef struct {
    int state;
    bm_batch_t b1, b2; /* b2: mates from the second file */
    outbuf_t out1, out2;
    rp_stats_t counts; /* this batch's contribution to the totals */
    int error;         /* BM_E* code when the batch could not be read or processed */
    char message[MESSAGE_MAX];
} slot_t;

typedef struct {
    const rp_config_t *cfg;
    bm_fastx_reader_t *r1, *r2;
    bm_sink_t *s1, *s2;
    slot_t *slots;
    size_t nslots;
    pthread_mutex_t mu;
    pthread_cond_t can_read, can_work, can_write;
    uint64_t read_seq;  /* batches handed over by the reader */
    uint64_t work_seq;  /* the next batch a worker takes */
    uint64_t write_seq; /* the next batch the writer writes */
    int reading_done;   /* read_seq is final */
    int aborted;        /* an error stopped the run: every thread leaves */
    int qual_offset;
    bm_format_t format; /* of the first record */
    rp_stats_t total;   /* written batches only; touched by the writer until it is joined */
    int error;
    char message[MESSAGE_MAX];
} pipeline_t;

static int slot_fail(slot_t *s, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int slot_fail(slot_t *s, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->message, sizeof s->message, fmt, ap);
    va_end(ap);
    s->error = code;
    return code;
}

char *rp_scratch(rp_worker_t *w, size_t n)
{
    if (n > w->scratch_cap) {
        char *p = realloc(w->scratch, n);
        if (!p) return NULL;
        w->scratch = p;
        w->scratch_cap = n;
    }
    return w->scratch;
}

static rp_read_t read_at(const bm_batch_t *b, size_t i)
{
    rp_read_t r;
    r.name = b->data + b->name_off[i];
    r.name_len = b->name_len[i];
    r.seq = b->data + b->seq_off[i];
    r.qual = b->qual_off[i] == UINT64_MAX ? NULL : b->data + b->qual_off[i];
    r.len = b->seq_len[i];
    r.number = b->first_number + i;
    return r;
}

static int shown(size_t name_len)
{
    return (int)(name_len > NAME_SHOWN ? NAME_SHOWN : name_len);
}

/* ---- Reading (calling thread) ---------------------------------------------------------------- */

/* Quality offset from the first batch, by the rule of bm_guess_quality_offset over all of it. */
static int guess_offset(const bm_batch_t *b, int lowest_so_far, int *lowest, uint64_t *high)
{
    *lowest = lowest_so_far;
    for (size_t i = 0; i < b->count; i++) {
        rp_read_t r = read_at(b, i);
        if (!r.qual || r.len == 0) continue;
        bm_qual_summary_t s;
        bm_quality_summary(r.qual, r.len, 0, 'J' + 1, &s);
        if ((int)s.min < *lowest) *lowest = (int)s.min;
        *high += s.at_least;
    }
    return *lowest < ';' ? 33 : (*lowest >= '@' && *high > 0 ? 64 : 33);
}

static int check_first_batch(pipeline_t *p, slot_t *s)
{
    const rp_config_t *cfg = p->cfg;
    if (s->b1.count == 0) return 0;
    p->format = s->b1.format;
    if (p->r2 && s->b1.format != s->b2.format)
        return slot_fail(s, BM_EFORMAT, "%s is %s but %s is %s", bm_fastx_name(p->r1),
                         s->b1.format == BM_FORMAT_FASTQ ? "FASTQ" : "FASTA", bm_fastx_name(p->r2),
                         s->b2.format == BM_FORMAT_FASTQ ? "FASTQ" : "FASTA");
    if (cfg->needs_quality && s->b1.format == BM_FORMAT_FASTA)
        return slot_fail(s, BM_EINVAL, "%s is FASTA: %s needs base qualities (FASTQ input)",
                         bm_fastx_name(p->r1), cfg->needs_quality);
    if (cfg->qual_offset == 0) {
        int lowest;
        uint64_t high = 0;
        p->qual_offset = guess_offset(&s->b1, 255, &lowest, &high);
        if (p->r2) p->qual_offset = guess_offset(&s->b2, lowest, &lowest, &high);
    }
    return 0;
}

/* An interleaved batch must end with a whole pair: reads one more record when the count is odd. */
static int complete_pair(pipeline_t *p, slot_t *s)
{
    bm_record_t rec;
    int rc = bm_fastx_next(p->r1, &rec);
    if (rc < 0) return slot_fail(s, rc, "%s", bm_last_error());
    if (rc == 0) {
        rp_read_t last = read_at(&s->b1, s->b1.count - 1);
        return slot_fail(s, BM_EMISMATCH,
                         "%s: record %llu '%.*s' has no mate: the interleaved input ends after it",
                         bm_fastx_name(p->r1), (unsigned long long)last.number,
                         shown(last.name_len), last.name);
    }
    if (bm_batch_push(&s->b1, &rec) < 0) return slot_fail(s, BM_ENOMEM, "out of memory");
    return 0;
}

/* One file of a pair ended before the other: names the first record without a mate. */
static int unequal_ends(slot_t *s, bm_fastx_reader_t *shorter, bm_fastx_reader_t *longer,
                        const bm_batch_t *extra, size_t i)
{
    rp_read_t r = read_at(extra, i);
    return slot_fail(s, BM_EMISMATCH,
                     "%s ends after %llu records but %s goes on: record %llu '%.*s' has no mate",
                     bm_fastx_name(shorter), (unsigned long long)bm_fastx_count(shorter),
                     bm_fastx_name(longer), (unsigned long long)r.number, shown(r.name_len),
                     r.name);
}

/* Fills the slot with the next batch: returns its record count (0 at the end of the input) or a
 * negative code with the slot's error set. */
static int read_batch(pipeline_t *p, slot_t *s, uint64_t seq)
{
    int n = bm_fastx_next_batch(p->r1, &s->b1, BATCH_RECORDS, BATCH_BYTES);
    if (n < 0) return slot_fail(s, n, "%s", bm_last_error());
    if (p->cfg->interleaved && n % 2 == 1) {
        int rc = complete_pair(p, s);
        if (rc < 0) return rc;
        n++;
    }
    if (p->r2) {
        /* The second file follows the first batch for batch; at the end it must be empty too. */
        int m = bm_fastx_next_batch(p->r2, &s->b2, n > 0 ? (size_t)n : 1, 0);
        if (m < 0) return slot_fail(s, m, "%s", bm_last_error());
        if (m < n) return unequal_ends(s, p->r2, p->r1, &s->b1, (size_t)m);
        if (m > n) return unequal_ends(s, p->r1, p->r2, &s->b2, 0);
    }
    if (seq == 0) {
        int rc = check_first_batch(p, s);
        if (rc < 0) return rc;
    }
    return n;
}

static void read_all(pipeline_t *p)
{
    for (uint64_t seq = 0;; seq++) {
        slot_t *s = &p->slots[seq % p->nslots];
        pthread_mutex_lock(&p->mu);
        while (!p->aborted && s->state != SLOT_FREE) pthread_cond_wait(&p->can_read, &p->mu);
        int aborted = p->aborted;
        pthread_mutex_unlock(&p->mu);
        if (aborted) break;

        s->error = 0;
        int n = read_batch(p, s, seq);

        pthread_mutex_lock(&p->mu);
        if (n != 0) { /* records, or an error that the writer reports in its turn */
            s->state = SLOT_READ;
            p->read_seq++;
        }
        if (n <= 0) p->reading_done = 1;
        pthread_cond_broadcast(&p->can_work);
        pthread_cond_broadcast(&p->can_write);
        pthread_mutex_unlock(&p->mu);
        if (n <= 0) break;
    }
}

/* ---- Deciding and formatting (worker threads) ------------------------------------------------ */

static int reserve(outbuf_t *o, size_t n)
{
    if (n <= o->cap) return 0;
    char *p = realloc(o->p, n);
    if (!p) return BM_ENOMEM;
    o->p = p;
    o->cap = n;
    return 0;
}

/* Writes read r, bases [b, e), as FASTQ (or FASTA when it has no qualities) at o. */
static char *put_read(char *o, const rp_read_t *r, size_t b, size_t e)
{
    *o++ = r->qual ? '@' : '>';
    memcpy(o, r->name, r->name_len);
    o += r->name_len;
    *o++ = '\n';
    memcpy(o, r->seq + b, e - b);
    o += e - b;
    *o++ = '\n';
    if (r->qual) {
        *o++ = '+';
        *o++ = '\n';
        memcpy(o, r->qual + b, e - b);
        o += e - b;
        *o++ = '\n';
    }
    return o;
}

/* Runs the command's decision and keeps its answer within the reads. */
static int decide(const rp_config_t *cfg, rp_worker_t *w, const rp_read_t *r1, const rp_read_t *r2,
                  rp_cut_t cut[2])
{
    cut[1].begin = cut[1].end = 0;
    int why = cfg->decide(cfg->cmd, w, r1, r2, cut);
    for (int m = 0; m < (r2 ? 2 : 1); m++) {
        size_t len = m ? r2->len : r1->len;
        if (cut[m].end > len) cut[m].end = len;
        if (cut[m].begin > cut[m].end) cut[m].begin = cut[m].end;
    }
    return why > 0 && why < RP_MAX_REASONS ? why : (why != 0);
}

static int mates_differ(pipeline_t *p, slot_t *s, const rp_read_t *a, const rp_read_t *b)
{
    if (p->r2)
        return slot_fail(s, BM_EMISMATCH,
                         "%s record %llu '%.*s' and %s record %llu '%.*s' are not mates (names "
                         "differ)",
                         bm_fastx_name(p->r1), (unsigned long long)a->number, shown(a->name_len),
                         a->name, bm_fastx_name(p->r2), (unsigned long long)b->number,
                         shown(b->name_len), b->name);
    return slot_fail(s, BM_EMISMATCH,
                     "%s: records %llu '%.*s' and %llu '%.*s' are not mates (names differ)",
                     bm_fastx_name(p->r1), (unsigned long long)a->number, shown(a->name_len),
                     a->name, (unsigned long long)b->number, shown(b->name_len), b->name);
}

static void process(pipeline_t *p, rp_worker_t *w, slot_t *s)
{
    const rp_config_t *cfg = p->cfg;
    const int paired = p->r2 || cfg->interleaved;
    const bm_batch_t *b1 = &s->b1, *b2 = p->r2 ? &s->b2 : &s->b1;
    const size_t step = p->r2 || !paired ? 1 : 2, mate = p->r2 ? 0 : 1;
    const size_t npairs = b1->count / step;
    size_t bytes = b1->data_len + 4 * b1->count + (p->r2 ? b2->data_len + 4 * b2->count : 0);
    if (reserve(&s->out1, bytes) < 0 || (p->s2 && reserve(&s->out2, bytes) < 0)) {
        slot_fail(s, BM_ENOMEM, "out of memory for an output batch of %zu bytes", bytes);
        return;
    }
    memset(&s->counts, 0, sizeof s->counts);
    memset(w->trimmed, 0, sizeof w->trimmed);
    char *o1 = s->out1.p, *o2 = p->s2 ? s->out2.p : NULL;
    rp_stats_t *c = &s->counts;
    for (size_t i = 0; i < npairs; i++) {
        rp_read_t r1 = read_at(b1, i * step), r2;
        if (paired) {
            r2 = read_at(b2, i * step + mate);
            if (!bm_mate_names_match(r1.name, r1.name_len, r2.name, r2.name_len)) {
                mates_differ(p, s, &r1, &r2);
                return;
            }
        }
        rp_cut_t cut[2];
        int why = decide(cfg, w, &r1, paired ? &r2 : NULL, cut);
        const uint64_t reads = paired ? 2 : 1;
        const uint64_t kept = (cut[0].end - cut[0].begin) + (cut[1].end - cut[1].begin);
        c->reads_in += reads;
        c->bases_in += r1.len + (paired ? r2.len : 0);
        if (why) {
            c->dropped[why] += reads;
            c->bases_dropped += kept;
            continue;
        }
        c->reads_out += reads;
        c->bases_out += kept;
        o1 = put_read(o1, &r1, cut[0].begin, cut[0].end);
        if (paired) {
            if (o2)
                o2 = put_read(o2, &r2, cut[1].begin, cut[1].end);
            else
                o1 = put_read(o1, &r2, cut[1].begin, cut[1].end);
        }
    }
    if (paired) {
        c->pairs_in = npairs;
        c->pairs_out = c->reads_out / 2;
    }
    memcpy(c->trimmed, w->trimmed, sizeof c->trimmed);
    s->out1.len = (size_t)(o1 - s->out1.p);
    s->out2.len = o2 ? (size_t)(o2 - s->out2.p) : 0;
}

static void *work(void *arg)
{
    pipeline_t *p = arg;
    rp_worker_t w = {0};
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->aborted && p->work_seq >= p->read_seq && !p->reading_done)
            pthread_cond_wait(&p->can_work, &p->mu);
        if (p->aborted || p->work_seq >= p->read_seq) break;
        slot_t *s = &p->slots[p->work_seq++ % p->nslots];
        s->state = SLOT_BUSY;
        w.qual_offset = p->qual_offset;
        pthread_mutex_unlock(&p->mu);

        if (!s->error) process(p, &w, s);

        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->can_write);
    }
    pthread_mutex_unlock(&p->mu);
    free(w.scratch);
    return NULL;
}

/* ---- Writing (writer thread) ----------------------------------------------------------------- */

static void add_counts(rp_stats_t *t, const rp_stats_t *c)
{
    t->reads_in += c->reads_in;
    t->reads_out += c->reads_out;
    t->bases_in += c->bases_in;
    t->bases_out += c->bases_out;
    t->pairs_in += c->pairs_in;
    t->pairs_out += c->pairs_out;
    t->bases_dropped += c->bases_dropped;
    for (int i = 0; i < RP_MAX_REASONS; i++) t->dropped[i] += c->dropped[i];
    for (int i = 0; i < RP_MAX_STEPS; i++) t->trimmed[i] += c->trimmed[i];
}

static void stop(pipeline_t *p, int code, const char *message)
{
    pthread_mutex_lock(&p->mu);
    p->error = code;
    snprintf(p->message, sizeof p->message, "%s", message);
    p->aborted = 1;
    pthread_cond_broadcast(&p->can_read);
    pthread_cond_broadcast(&p->can_work);
    pthread_cond_broadcast(&p->can_write);
    pthread_mutex_unlock(&p->mu);
}

static void *write_all(void *arg)
{
    pipeline_t *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        slot_t *s = &p->slots[p->write_seq % p->nslots];
        while (!p->aborted && !(p->write_seq < p->read_seq && s->state == SLOT_DONE) &&
               !(p->reading_done && p->write_seq >= p->read_seq))
            pthread_cond_wait(&p->can_write, &p->mu);
        int finished = p->aborted || p->write_seq >= p->read_seq;
        pthread_mutex_unlock(&p->mu);
        if (finished) return NULL;

        if (s->error) {
            stop(p, s->error, s->message);
            return NULL;
        }
        int rc = bm_sink_write(p->s1, s->out1.p, s->out1.len);
        if (rc == 0 && p->s2) rc = bm_sink_write(p->s2, s->out2.p, s->out2.len);
        if (rc < 0) {
            stop(p, rc, bm_last_error());
            return NULL;
        }
        add_counts(&p->total, &s->counts);

        pthread_mutex_lock(&p->mu);
        s->state = SLOT_FREE;
        p->write_seq++;
        pthread_cond_signal(&p->can_read);
        pthread_mutex_unlock(&p->mu);
    }
}

/* ---- Set-up and the run ---------------------------------------------------------------------- */

static int open_all(pipeline_t *p)
{
    const rp_config_t *cfg = p->cfg;
    /* One read-ahead thread per input: decompression overlaps parsing. */
    bm_reader_opts_t ropts = {.source = {.threads = 1}};
    int rc = bm_fastx_open(&p->r1, cfg->in1, &ropts);
    if (rc == 0 && cfg->in2) rc = bm_fastx_open(&p->r2, cfg->in2, &ropts);
    bm_sink_opts_t sopts = {.compression = -1, .level = 0};
    if (rc == 0) rc = bm_sink_open(&p->s1, cfg->out1, &sopts);
    if (rc == 0 && cfg->out2) rc = bm_sink_open(&p->s2, cfg->out2, &sopts);
    return rc;
}

/* Closes both outputs so that either both are in place or neither is. */
static int close_outputs(pipeline_t *p)
{
    int rc = bm_sink_close(p->s1);
    p->s1 = NULL;
    if (rc < 0) {
        bm_sink_abort(p->s2);
        p->s2 = NULL;
        return rc;
    }
    rc = bm_sink_close(p->s2);
    p->s2 = NULL;
    struct stat st; /* the first output is in place already: take it back (never a device) */
    if (rc < 0 && strcmp(p->cfg->out1, "-") != 0 && stat(p->cfg->out1, &st) == 0 &&
        S_ISREG(st.st_mode))
        unlink(p->cfg->out1);
    return rc;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int start_threads(pipeline_t *p, pthread_t *workers, int *nworkers, pthread_t *writer)
{
    *nworkers = 0;
    for (int i = 0; i < p->cfg->threads; i++) {
        if (pthread_create(&workers[i], NULL, work, p) != 0) break;
        ++*nworkers;
    }
    if (*nworkers == 0) return bm_error(BM_ENOMEM, "cannot start a worker thread");
    if (pthread_create(writer, NULL, write_all, p) != 0)
        return bm_error(BM_ENOMEM, "cannot start the writer thread");
    return 0;
}

int rp_run(const rp_config_t *cfg, rp_stats_t *stats)
{
    double t0 = now();
    memset(stats, 0, sizeof *stats);
    if (cfg->threads < 1 || !cfg->decide) return bm_error(BM_EINVAL, "invalid pipeline options");
    pipeline_t *p = calloc(1, sizeof *p);
    size_t nslots = 2 * (size_t)cfg->threads + 2;
    if (nslots > MAX_SLOTS) nslots = MAX_SLOTS;
    slot_t *slots = calloc(nslots, sizeof *slots);
    pthread_t *workers = calloc((size_t)cfg->threads, sizeof *workers);
    if (!p || !slots || !workers) {
        free(p);
        free(slots);
        free(workers);
        return bm_error(BM_ENOMEM, "out of memory");
    }
    p->cfg = cfg;
    p->slots = slots;
    p->nslots = nslots;
    p->qual_offset = cfg->qual_offset ? cfg->qual_offset : 33;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->can_read, NULL);
    pthread_cond_init(&p->can_work, NULL);
    pthread_cond_init(&p->can_write, NULL);

    int nworkers = 0, have_writer = 0;
    pthread_t writer;
    int rc = open_all(p);
    if (rc == 0) {
        rc = start_threads(p, workers, &nworkers, &writer);
        have_writer = rc == 0;
        if (rc < 0) stop(p, rc, bm_last_error());
        if (rc == 0) read_all(p);
    }
    if (!have_writer) stop(p, rc ? rc : BM_ENOMEM, bm_last_error());
    for (int i = 0; i < nworkers; i++) pthread_join(workers[i], NULL);
    if (have_writer) pthread_join(writer, NULL);

    if (rc == 0 && p->error) rc = bm_error(p->error, "%s", p->message);
    if (rc == 0) rc = close_outputs(p);
    bm_sink_abort(p->s1);
    bm_sink_abort(p->s2);
    bm_fastx_close(p->r1);
    bm_fastx_close(p->r2);

    *stats = p->total;
    stats->qual_offset = p->qual_offset;
    stats->format = p->format;
    stats->seconds = now() - t0;
    for (size_t i = 0; i < nslots; i++) {
        bm_batch_free(&slots[i].b1);
        bm_batch_free(&slots[i].b2);
        free(slots[i].out1.p);
        free(slots[i].out2.p);
    }
    pthread_cond_destroy(&p->can_read);
    pthread_cond_destroy(&p->can_work);
    pthread_cond_destroy(&p->can_write);
    pthread_mutex_destroy(&p->mu);
    free(slots);
    free(workers);
    free(p);
    return rc;
}
