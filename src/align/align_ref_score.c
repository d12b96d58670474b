/* The scalar reference without a CIGAR, in O(m) memory: the same recurrences as align_ref.c taken
 * target column by target column, each cell carrying the begin cell its traceback would reach
 * (same predecessor preferences), so score and all four coordinates come out of one pass. */
#include "align_internal.h"

#include <string.h>

/* a - b, keeping unreachable cells unreachable. */
static int32_t minus(int32_t a, int32_t b)
{
    return a == BM_NEG_INF ? BM_NEG_INF : a - b;
}

/* A DP value with the begin cell of the alignment it scores. */
typedef struct {
    int32_t v, bi, bj;
} val_t;

static const val_t unreachable = {BM_NEG_INF, 0, 0};

/* a when take_a, else b (field by field, so the compiler can avoid unpredictable branches). */
static val_t pick(int take_a, val_t a, val_t b)
{
    val_t r;
    r.v = take_a ? a.v : b.v;
    r.bi = take_a ? a.bi : b.bi;
    r.bj = take_a ? a.bj : b.bj;
    return r;
}

/* Opening from h (preferred on ties) or extending x. */
static val_t gap(val_t h, val_t x, int32_t open, int32_t extend)
{
    val_t a = {minus(h.v, open), h.bi, h.bj}, b = {minus(x.v, extend), x.bi, x.bj};
    return pick(a.v >= b.v, a, b);
}

int bm_align_ref_score(const bm_align_opts_t *o, const bm_pair_t *p, bm_scratch_t *scratch,
                       bm_align_result_t *r)
{
    const bm_scoring_t *sc = o->scoring;
    const int32_t m = p->m, n = p->n, O = o->gap_open, X = o->gap_extend, band = o->band;
    const int local = o->mode == BM_ALIGN_LOCAL, semi = o->mode == BM_ALIGN_SEMIGLOBAL;
    const size_t rows = (size_t)m + 1;
    int rc = bm_scratch_reserve(scratch, 3 * rows * sizeof(val_t));
    if (rc < 0) return rc;
    val_t *Hprev = scratch->p, *Hcur = Hprev + rows, *E = Hcur + rows;
    for (size_t i = 0; i < rows; i++) Hprev[i] = E[i] = unreachable;

    val_t best = {o->mode == BM_ALIGN_SEMIGLOBAL ? BM_NEG_INF : 0, 0, 0};
    int32_t best_i = 0, best_j = 0;
    for (int32_t j = 0; j <= n; j++) {
        val_t F = unreachable;
        int32_t colmax = BM_NEG_INF, colmax_i = 0;
        for (int32_t i = 0; i <= m; i++) {
            val_t h = unreachable, e = unreachable, f = unreachable;
            if (!bm_in_band(band, i, j)) {
                /* unreachable */
            } else if (i == 0 && j == 0) {
                h = (val_t){0, 0, 0};
            } else {
                if (j >= 1) e = gap(Hprev[i], E[i], O, X);
                if (i >= 1) f = gap(Hcur[i - 1], F, O, X);
                val_t d = unreachable;
                if (i >= 1 && j >= 1 && Hprev[i - 1].v != BM_NEG_INF) {
                    d = Hprev[i - 1];
                    d.v += sc->score[p->q[i - 1]][p->t[j - 1]];
                }
                /* the diagonal, then E, then F, as the traceback prefers */
                h = pick(d.v >= e.v, d, e);
                h = pick(h.v >= f.v, h, f);
                if (local) h = pick(h.v > 0, h, (val_t){0, i, j});
                if (semi && i == 0) h = (val_t){0, 0, j};
            }
            Hcur[i] = h;
            E[i] = e;
            F = f;
            if (local && h.v > best.v) best = h, best_i = i, best_j = j;
            if (semi && i == m && h.v > best.v) best = h, best_i = i, best_j = j;
            if (i >= 1 && h.v > colmax) colmax = h.v, colmax_i = i;
        }
        if (o->mode == BM_ALIGN_GLOBAL && j == n) best = Hcur[m], best_i = m, best_j = n;
        if (o->mode == BM_ALIGN_EXTEND && j >= 1 && colmax != BM_NEG_INF) {
            if (colmax > best.v) {
                best = Hcur[colmax_i];
                best_i = colmax_i;
                best_j = j;
            } else if (bm_extend_drops(o, best.v, best_i, best_j, colmax, colmax_i, j)) {
                break;
            }
        }
        val_t *done = Hprev; /* column j becomes the previous one */
        Hprev = Hcur;
        Hcur = done;
    }
    r->score = best.v;
    r->qbeg = best.bi;
    r->tbeg = best.bj;
    r->qend = best_i;
    r->tend = best_j;
    r->n_cigar = 0;
    r->cigar_off = 0;
    return 0;
}
