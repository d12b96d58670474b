/* The fast alignment path over the striped kernels: picks the lane width (local mode: 8-bit lanes,
 * then 16, then 32 bits on overflow; other modes: 16 or 32 bits from their proven range), finds
 * the end cell with a forward pass, then the begin and the CIGAR exactly as the reference's
 * traceback would, walking traceback codes filled over a sub-rectangle only:
 *
 * Let (a, b) be any cell with a <= qbeg and b <= tbeg of the reference's alignment ending at
 * (ie, je). Inside the sub-rectangle [a..ie] x [b..je] (semi-global: a = 0) every value is at
 * most the full matrix's (fewer paths) and equal on the reference's traceback path (which lies
 * inside), so every test of the traceback gives the same answer there: a traceback over the
 * sub-rectangle alone walks the reference's path. (a, b) comes from the score (see score_bound)
 * or, with free gap extension or a rectangle too large, from the reversed prefixes: every cell
 * that starts an optimal alignment ending at (ie, je) scores exactly S there (the reversed
 * recurrences, anchored at the end cell) and no cell scores more, so the largest row and column
 * of a cell scoring S give a = ie - max_i and b = je - max_j. Global mode fills the whole matrix
 * (its path may use any cell); extension mode the rows and columns up to its end. */
#include "striped.h"

#include <stdlib.h>
#include <string.h>

void *bm_sw_reserve(bm_sw_buf_t *b, size_t bytes)
{
    if (b->p && bytes <= b->cap) return b->p;
    size_t cap = b->cap + b->cap / 2; /* grow geometrically: lengths often creep up */
    if (cap < bytes) cap = bytes;
    cap = (cap + 63) / 64 * 64;
    void *p = aligned_alloc(64, cap ? cap : 64);
    if (!p) {
        bm_error(BM_ENOMEM, "out of memory for %zu bytes of alignment scratch", cap);
        return NULL;
    }
    free(b->p);
    b->p = p;
    b->cap = cap;
    return p;
}

static void buf_free(bm_sw_buf_t *b)
{
    free(b->p);
    b->p = NULL;
    b->cap = 0;
}

static void profile_free(bm_sw_profile_t *pr)
{
    buf_free(&pr->buf);
    buf_free(&pr->query);
    pr->kernel = NULL;
}

void bm_sw_ws_free(bm_sw_ws_t *ws)
{
    for (int k = 0; k < 3; k++) profile_free(&ws->fwd[k]);
    profile_free(&ws->aux);
    buf_free(&ws->cols);
    buf_free(&ws->codes);
    buf_free(&ws->seq);
    bm_cigar_buf_free(&ws->rev);
}

static int64_t gain_per_row(const bm_scoring_t *sc)
{
    return sc->max_score > 0 ? sc->max_score : 0;
}

static int64_t bias_of(const bm_scoring_t *sc)
{
    return sc->min_score < 0 ? -(int64_t)sc->min_score : 0;
}

/* Whether 16-bit lanes hold every value of an m x n global or semi-global matrix exactly: H lies
 * between minus two gaps (m + n letters) and max_score * min(m, n); E, F and the diagonal term are
 * at most an opening or a substitution lower. */
static int fits16(const bm_sw_task_t *tk)
{
    int64_t low = 3 * (int64_t)tk->open + ((int64_t)tk->m + tk->n) * tk->extend + bias_of(tk->sc);
    int64_t high = gain_per_row(tk->sc) * (tk->m < tk->n ? tk->m : tk->n);
    return low < 32700 && high < 32700;
}

/* Whether to try 8-bit lanes first (local mode): the profile must fit, and when the score could
 * overflow, recent pairs must not have overflowed mostly (an occasional pair still tries). */
static int try_u8(const bm_sw_kernels_t *K, const bm_sw_task_t *tk, bm_sw_ws_t *ws)
{
    int64_t bias = bias_of(tk->sc), top = gain_per_row(tk->sc);
    if (!K->u8.lanes || bias + top > 255 || bias >= 200) return 0;
    if (top * (tk->m < tk->n ? tk->m : tk->n) < 255 - bias) return 1; /* cannot overflow */
    if (ws->u8_misses < 4) return 1;
    return ++ws->pairs_skipping % 32 == 0;
}

static int run_forward(const bm_sw_kernels_t *K, const bm_sw_task_t *tk, bm_sw_ws_t *ws,
                       bm_sw_end_t *end)
{
    int rc;
    if (tk->mode != BM_SW_LOCAL)
        return fits16(tk) ? K->i16.forward(tk, &ws->fwd[1], ws, end)
                          : K->i32.forward(tk, &ws->fwd[2], ws, end);
    if (try_u8(K, tk, ws)) {
        if ((rc = K->u8.forward(tk, &ws->fwd[0], ws, end)) < 0) return rc;
        if (!end->overflow) {
            if (ws->u8_misses > 0) ws->u8_misses--;
            return 0;
        }
        if (ws->u8_misses < 8) ws->u8_misses++;
    }
    if ((rc = K->i16.forward(tk, &ws->fwd[1], ws, end)) < 0 || !end->overflow) return rc;
    return K->i32.forward(tk, &ws->fwd[2], ws, end);
}

/* Codes of a sub-rectangle above this size are not kept for a begin alone: the reference's
 * begin-carrying pass (O(rows) memory) runs on the sub-rectangle instead. */
#define BEGIN_CODES_MAX ((size_t)64 << 20)

/* The lane width whose values hold a fill of the task: local values lie in [0, score] (16-bit
 * lanes hold local scores up to 65534, stored - 32768); the other modes need their range proven. */
static const bm_sw_width_t *fill_width(const bm_sw_kernels_t *K, const bm_sw_task_t *tk,
                                       int32_t score)
{
    int use16 = tk->mode == BM_SW_LOCAL ? score < 65000 : fits16(tk);
    return use16 ? &K->i16 : &K->i32;
}

/* Traceback codes over the task's matrix, walked from (i, j): the begin (relative to the task)
 * and, with `rev`, the ops. The profile comes from `prof` (the forward pass's when the task's
 * query is the whole query). */
static int fill_and_walk(const bm_sw_width_t *w, const bm_sw_task_t *tk, bm_sw_profile_t *prof,
                         int32_t i, int32_t j, bm_sw_ws_t *ws, bm_cigar_buf_t *rev, int32_t *ib,
                         int32_t *jb)
{
    int32_t seg, corner;
    int rc = w->fill(tk, prof, ws, &seg, &corner);
    if (rc < 0) return rc;
    bm_sw_trace_t tr = {ws->codes.p, seg, w->lanes, tk->q, tk->t, tk->mode, tk->sc->wildcard};
    return bm_sw_walk(&tr, i, j, rev, ib, jb);
}

/* Where the begin can be from the score alone (extend > 0): an alignment with d diagonal steps
 * scores at most max_score * d - extend * (its gap letters), so it spans at most
 * d + (max_score * d - score) / extend rows and as many columns, d <= min(rows, columns). */
static void score_bound(const bm_align_opts_t *o, const bm_align_result_t *r, int32_t *a,
                        int32_t *b)
{
    int64_t d = r->qend < r->tend ? r->qend : r->tend;
    int64_t span = d + (gain_per_row(o->scoring) * d - r->score) / o->gap_extend;
    *a = o->mode == BM_ALIGN_LOCAL && r->qend > span ? (int32_t)(r->qend - span) : 0;
    *b = r->tend > span ? (int32_t)(r->tend - span) : 0;
}

/* The bound from the reversed prefixes (see the top of this file). */
static int reverse_bound(const bm_sw_kernels_t *K, const bm_align_opts_t *o, const bm_pair_t *p,
                         bm_sw_ws_t *ws, const bm_align_result_t *r, int32_t *a, int32_t *b)
{
    const int semi = o->mode == BM_ALIGN_SEMIGLOBAL;
    const int32_t M = semi ? p->m : r->qend, N = r->tend;
    uint8_t *buf = bm_sw_reserve(&ws->seq, (size_t)M + (size_t)N);
    if (!buf) return BM_ENOMEM;
    for (int32_t i = 0; i < M; i++) buf[i] = p->q[M - 1 - i];
    for (int32_t j = 0; j < N; j++) buf[M + j] = p->t[N - 1 - j];
    bm_sw_task_t tk = {
        buf, buf + M, M, N, o->scoring, o->gap_open, o->gap_extend, semi ? BM_SW_SEMI : BM_SW_LOCAL,
        NULL};
    /* 16-bit lanes saturate at -32768; a saturated cell stays below S when S - max_score * M
     * does (see the kernel), so the cells scoring S are exact */
    int64_t S = r->score;
    int use16 = S < 32700 && S - gain_per_row(o->scoring) * M > -32700;
    int32_t max_i, max_j;
    int rc = (use16 ? &K->i16 : &K->i32)->bound(&tk, r->score, &ws->aux, ws, &max_i, &max_j);
    if (rc < 0) return rc;
    if (max_j < 0 || max_i < 1)
        return bm_error(BM_EINVAL,
                        "internal error: no begin found for a score of %d ending at (%d, %d)",
                        r->score, r->qend, r->tend);
    *a = r->qend - max_i;
    *b = r->tend - max_j;
    return 0;
}

/* Cells of the sub-rectangle rows a..qend, columns b..tend as codes of the widest lanes. */
static size_t codes_of(const bm_sw_kernels_t *K, const bm_align_result_t *r, int32_t a, int32_t b)
{
    size_t lanes = (size_t)K->i32.lanes, rows = (size_t)(r->qend - a);
    return (size_t)(r->tend - b) * ((rows + lanes - 1) / lanes * lanes);
}

/* The begin (and with `rev` the ops) of a local (score > 0) or semi-global (tend > 0) alignment
 * whose end is in r. */
static int trace_local_semi(const bm_sw_kernels_t *K, const bm_align_opts_t *o, const bm_pair_t *p,
                            bm_sw_ws_t *ws, bm_scratch_t *dp, bm_align_result_t *r,
                            bm_cigar_buf_t *rev)
{
    const bm_sw_mode_t mode = o->mode == BM_ALIGN_SEMIGLOBAL ? BM_SW_SEMI : BM_SW_LOCAL;
    int32_t a = 0, b = 0, ib, jb;
    int rc;
    if (o->gap_extend > 0) score_bound(o, r, &a, &b);
    if (o->gap_extend == 0 || (!rev && codes_of(K, r, a, b) > BEGIN_CODES_MAX))
        if ((rc = reverse_bound(K, o, p, ws, r, &a, &b)) < 0) return rc;
    if (!rev && codes_of(K, r, a, b) > BEGIN_CODES_MAX) {
        bm_pair_t sub = {p->q + a, p->t + b, r->qend - a, r->tend - b};
        bm_align_opts_t so = *o;
        so.want_cigar = 0;
        bm_align_result_t sr;
        if ((rc = bm_align_ref_score(&so, &sub, dp, &sr)) < 0) return rc;
        if (sr.score != r->score || sr.qend != sub.m || sr.tend != sub.n)
            return bm_error(BM_EINVAL,
                            "internal error: the sub-rectangle from (%d, %d) ends at (%d, %d) "
                            "with %d, not at (%d, %d) with %d",
                            a, b, a + sr.qend, b + sr.tend, sr.score, r->qend, r->tend, r->score);
        r->qbeg = a + sr.qbeg;
        r->tbeg = b + sr.tbeg;
        return 0;
    }
    /* Rows below the end do not change the rows above: the whole query (whose profile the forward
     * pass built) serves when it is not much taller than the sub-rectangle. */
    int whole = (int64_t)p->m * 4 <= (int64_t)(r->qend - a) * 5 + 64;
    int32_t off = whole ? 0 : a;
    bm_sw_task_t tk = {p->q + off,    p->t + b,   whole ? p->m : r->qend - a,
                       r->tend - b,   o->scoring, o->gap_open,
                       o->gap_extend, mode,       NULL};
    const bm_sw_width_t *w = fill_width(K, &tk, r->score);
    bm_sw_profile_t *prof = whole ? &ws->fwd[w == &K->i16 ? 1 : 2] : &ws->aux;
    if ((rc = fill_and_walk(w, &tk, prof, r->qend - off, r->tend - b, ws, rev, &ib, &jb)) < 0)
        return rc;
    r->qbeg = off + ib;
    r->tbeg = b + jb;
    return 0;
}

/* The ops of an extension ending in r (anchored at (0,0) like global mode): the columns and rows
 * up to the end are exactly the full matrix's, so their codes are filled and walked. */
static int trace_extension(const bm_sw_kernels_t *K, const bm_align_opts_t *o, const bm_pair_t *p,
                           bm_sw_ws_t *ws, bm_align_result_t *r, bm_cigar_buf_t *rev)
{
    if (r->tend == 0) return 0; /* the empty extension at (0,0) */
    int whole = (int64_t)p->m * 4 <= (int64_t)r->qend * 5 + 64;
    bm_sw_task_t tk = {p->q,        p->t,          whole ? p->m : r->qend, r->tend, o->scoring,
                       o->gap_open, o->gap_extend, BM_SW_GLOBAL,           NULL};
    const bm_sw_width_t *w = fill_width(K, &tk, r->score);
    bm_sw_profile_t *prof = whole ? &ws->fwd[w == &K->i16 ? 1 : 2] : &ws->aux;
    int32_t ib, jb;
    return fill_and_walk(w, &tk, prof, r->qend, r->tend, ws, rev, &ib, &jb);
}

int bm_align_fast(const bm_align_opts_t *o, const bm_pair_t *p, bm_sw_ws_t *ws, bm_scratch_t *dp,
                  bm_align_result_t *r, bm_cigar_buf_t *cigars)
{
    const bm_sw_kernels_t *K = bm_sw_active();
    static const bm_sw_mode_t modes[] = {BM_SW_LOCAL, BM_SW_GLOBAL, BM_SW_SEMI, BM_SW_EXTEND};
    bm_sw_task_t tk = {p->q,        p->t,          p->m,           p->n, o->scoring,
                       o->gap_open, o->gap_extend, modes[o->mode], o};
    bm_cigar_buf_t *rev = o->want_cigar ? &ws->rev : NULL;
    int rc;
    memset(r, 0, sizeof *r);
    if (rev) rev->len = 0;
    if (o->mode == BM_ALIGN_GLOBAL && rev) { /* the path may use any cell: fill them all */
        int32_t seg, ib, jb;
        const bm_sw_width_t *w = fill_width(K, &tk, 0);
        bm_sw_profile_t *prof = &ws->fwd[w == &K->i16 ? 1 : 2];
        if ((rc = w->fill(&tk, prof, ws, &seg, &r->score)) < 0) return rc;
        bm_sw_trace_t tr = {ws->codes.p,         seg, w->lanes, p->q, p->t, BM_SW_GLOBAL,
                            o->scoring->wildcard};
        if ((rc = bm_sw_walk(&tr, p->m, p->n, rev, &ib, &jb)) < 0) return rc;
        r->qend = p->m;
        r->tend = p->n;
        return bm_sw_emit(o, rev, cigars, r);
    }
    bm_sw_end_t end;
    if ((rc = run_forward(K, &tk, ws, &end)) < 0) return rc;
    r->score = end.score;
    r->qend = end.qend;
    r->tend = end.tend;
    if (o->mode == BM_ALIGN_GLOBAL) return 0;
    if (o->mode == BM_ALIGN_EXTEND) {
        if (rev && (rc = trace_extension(K, o, p, ws, r, rev)) < 0) return rc;
    } else if (o->mode == BM_ALIGN_LOCAL && end.score == 0) {
        r->qend = r->tend = 0; /* no positive cell: the empty alignment at the origin */
    } else if (o->mode == BM_ALIGN_SEMIGLOBAL && end.tend == 0) {
        if (rev && (rc = bm_cigar_push(rev, BM_CIGAR_OP_I, (uint32_t)p->m)) < 0) return rc;
    } else if ((rc = trace_local_semi(K, o, p, ws, dp, r, rev)) < 0) {
        return rc;
    }
    return rev ? bm_sw_emit(o, rev, cigars, r) : 0;
}
