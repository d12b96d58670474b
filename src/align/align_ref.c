/* The scalar reference aligner with a CIGAR: plain Gotoh with full H, E, F matrices (32-bit), the
 * best cell chosen as align.h defines, and a three-state traceback. Everything else is tested
 * against it (and against align_ref_score.c, which reaches the same numbers another way). */
#include "align_internal.h"

#include <stdlib.h>
#include <string.h>

/* a - b, keeping unreachable cells unreachable. */
static int32_t minus(int32_t a, int32_t b)
{
    return a == BM_NEG_INF ? BM_NEG_INF : a - b;
}

static int32_t max2(int32_t a, int32_t b)
{
    return a >= b ? a : b;
}

typedef struct {
    int32_t *H, *E, *F;
    size_t width; /* n + 1 */
} dp_t;

#define CELL(M, i, j) (dp->M[(size_t)(i)*dp->width + (size_t)(j)])

/* Fills every cell with the recurrences of align.h, row by row. */
static void fill(const bm_align_opts_t *o, const bm_pair_t *p, dp_t *dp)
{
    const bm_scoring_t *sc = o->scoring;
    const int32_t O = o->gap_open, X = o->gap_extend, band = o->band;
    const int local = o->mode == BM_ALIGN_LOCAL, semi = o->mode == BM_ALIGN_SEMIGLOBAL;
    for (int32_t i = 0; i <= p->m; i++) {
        for (int32_t j = 0; j <= p->n; j++) {
            int32_t h = BM_NEG_INF, e = BM_NEG_INF, f = BM_NEG_INF;
            if (!bm_in_band(band, i, j)) {
                /* outside the band: unreachable */
            } else if (i == 0 && j == 0) {
                h = 0;
            } else {
                if (j >= 1) e = max2(minus(CELL(H, i, j - 1), O), minus(CELL(E, i, j - 1), X));
                if (i >= 1) f = max2(minus(CELL(H, i - 1, j), O), minus(CELL(F, i - 1, j), X));
                int32_t d = BM_NEG_INF;
                if (i >= 1 && j >= 1 && CELL(H, i - 1, j - 1) != BM_NEG_INF)
                    d = CELL(H, i - 1, j - 1) + sc->score[p->q[i - 1]][p->t[j - 1]];
                h = max2(d, max2(e, f));
                if (local && h < 0) h = 0;
                if (semi && i == 0) h = 0;
            }
            CELL(H, i, j) = h;
            CELL(E, i, j) = e;
            CELL(F, i, j) = f;
        }
    }
}

/* The end cell of align.h: returns its score, sets *bi, *bj. */
static int32_t best_cell(const bm_align_opts_t *o, const bm_pair_t *p, const dp_t *dp, int32_t *bi,
                         int32_t *bj)
{
    int32_t best = 0;
    *bi = *bj = 0;
    switch (o->mode) {
    case BM_ALIGN_GLOBAL:
        *bi = p->m;
        *bj = p->n;
        return CELL(H, p->m, p->n);
    case BM_ALIGN_SEMIGLOBAL:
        best = BM_NEG_INF;
        for (int32_t j = 0; j <= p->n; j++)
            if (CELL(H, p->m, j) > best) best = CELL(H, p->m, j), *bi = p->m, *bj = j;
        return best;
    case BM_ALIGN_LOCAL:
        for (int32_t j = 0; j <= p->n; j++)
            for (int32_t i = 0; i <= p->m; i++)
                if (CELL(H, i, j) > best) best = CELL(H, i, j), *bi = i, *bj = j;
        return best;
    case BM_ALIGN_EXTEND:
        for (int32_t j = 1; j <= p->n; j++) {
            int32_t c = BM_NEG_INF, ci = 0;
            for (int32_t i = 1; i <= p->m; i++)
                if (CELL(H, i, j) > c) c = CELL(H, i, j), ci = i;
            if (c == BM_NEG_INF) continue; /* no cell of this column in the band */
            if (c > best)
                best = c, *bi = ci, *bj = j;
            else if (bm_extend_drops(o, best, *bi, *bj, c, ci, j))
                break;
        }
        return best;
    }
    return best;
}

enum { IN_H, IN_E, IN_F };

/* Walks back from (i, j) with the preferences of align.h, writing ops last-first into `rev`;
 * sets the begin cell. */
static int traceback(const bm_align_opts_t *o, const bm_pair_t *p, const dp_t *dp, int32_t i,
                     int32_t j, bm_cigar_buf_t *rev, int32_t *qbeg, int32_t *tbeg)
{
    const bm_scoring_t *sc = o->scoring;
    const int32_t O = o->gap_open;
    int state = IN_H, rc = 0;
    while (rc == 0) {
        if (state == IN_H) {
            int32_t h = CELL(H, i, j);
            if (o->mode == BM_ALIGN_LOCAL && h == 0) break;
            if (o->mode == BM_ALIGN_SEMIGLOBAL && i == 0) break;
            if (i == 0 && j == 0) break;
            if (i >= 1 && j >= 1 && CELL(H, i - 1, j - 1) != BM_NEG_INF) {
                int a = p->q[i - 1], b = p->t[j - 1];
                if (h == CELL(H, i - 1, j - 1) + sc->score[a][b]) {
                    int match = a == b && a != sc->wildcard;
                    rc = bm_cigar_push(rev, match ? BM_CIGAR_OP_EQ : BM_CIGAR_OP_X, 1);
                    i--, j--;
                    continue;
                }
            }
            state = h == CELL(E, i, j) ? IN_E : IN_F;
        } else if (state == IN_E) {
            rc = bm_cigar_push(rev, BM_CIGAR_OP_D, 1);
            state = CELL(E, i, j) == minus(CELL(H, i, j - 1), O) ? IN_H : IN_E;
            j--;
        } else {
            rc = bm_cigar_push(rev, BM_CIGAR_OP_I, 1);
            state = CELL(F, i, j) == minus(CELL(H, i - 1, j), O) ? IN_H : IN_F;
            i--;
        }
    }
    *qbeg = i;
    *tbeg = j;
    return rc;
}

/* Appends `rev` reversed to `out` (no merging with what `out` already holds), in the options'
 * style, and fills the counts. */
static int emit(const bm_align_opts_t *o, const bm_cigar_buf_t *rev, bm_cigar_buf_t *out,
                bm_align_result_t *r)
{
    r->cigar_off = out->len;
    r->n_cigar = 0;
    r->n_match = r->n_mismatch = r->n_gap_open = r->n_gap_bases = 0;
    if (rev->len == 0) return 0; /* empty alignment (out->ops may still be NULL) */
    if (out->cap - out->len < rev->len) {
        size_t cap = out->len + rev->len + 64;
        uint32_t *ops = realloc(out->ops, cap * sizeof *ops);
        if (!ops) return bm_error(BM_ENOMEM, "out of memory for CIGARs (%zu ops)", cap);
        out->ops = ops;
        out->cap = cap;
    }
    uint32_t *dst = out->ops + out->len;
    for (size_t k = 0; k < rev->len; k++) dst[k] = rev->ops[rev->len - 1 - k];
    bm_cigar_count(dst, rev->len, r);
    size_t n = o->cigar_style == BM_CIGAR_M ? bm_cigar_to_m(dst, rev->len) : rev->len;
    r->n_cigar = (uint32_t)n;
    out->len += n;
    return 0;
}

int bm_align_ref_full(const bm_align_opts_t *o, const bm_pair_t *p, bm_scratch_t *scratch,
                      bm_align_result_t *r, bm_cigar_buf_t *cigars)
{
    uint64_t cells = (uint64_t)(p->m + 1) * (uint64_t)(p->n + 1);
    if (cells * 3 * sizeof(int32_t) > BM_ALIGN_REF_MAX_BYTES)
        return bm_error(BM_ENOMEM,
                        "a CIGAR for %d x %d letters needs %.1f GiB of reference matrices (limit "
                        "1 GiB); align without a CIGAR (O(length) memory) or split the pair",
                        p->m, p->n, (double)(cells * 12) / (1 << 30));
    int rc = bm_scratch_reserve(scratch, (size_t)cells * 3 * sizeof(int32_t));
    if (rc < 0) return rc;
    dp_t dpv = {.H = scratch->p, .width = (size_t)p->n + 1};
    dp_t *dp = &dpv;
    dp->E = dp->H + cells;
    dp->F = dp->E + cells;
    fill(o, p, dp);

    int32_t bi, bj;
    r->score = best_cell(o, p, dp, &bi, &bj);
    r->qend = bi;
    r->tend = bj;
    bm_cigar_buf_t rev = {0};
    rc = traceback(o, p, dp, bi, bj, &rev, &r->qbeg, &r->tbeg);
    if (rc == 0) rc = emit(o, &rev, cigars, r);
    bm_cigar_buf_free(&rev);
    return rc;
}
