/* Striped alignment kernels (Farrar 2007: query profile, lazy-F loop) written once and included by
 * each ISA file (striped_sse41.c, striped_avx2.c, ...) once per lane width.
 *
 * The includer defines SW_VEC (a vector), SW_MASK (a lane mask), SW_ELEM (a lane), SW_LANES,
 * SW_MIN / SW_MAX (the lane range), SW_NEG (unreachable: SW_MIN, or a large negative value in
 * 32-bit lanes, which do not saturate), SW_BIASED (1 for unsigned 8-bit lanes that hold local
 * scores with the profile biased by -min_score, as SSW does), SW_ZERO (how local mode stores a
 * score of 0: saturating lanes store local scores + SW_MIN, as parasail does, so that saturation
 * is the floor at 0; 32-bit lanes store them as they are and take the maximum with 0), SW_FN(name)
 * and SW_V(op), the
 * primitives: load(const SW_ELEM *) and store(SW_ELEM *, v) (unaligned), set1(int32_t), adds, subs
 * (saturating, plain in 32-bit lanes), max, any_gt(a, b) (any lane a > b), eq(a, b) (a mask),
 * any(mask), mor(mask, mask), first(mask) / last(mask) (lowest / highest lane set, -1 if none),
 * shift_up(v, d) (lane k takes lane k-d, lanes below d are unreachable; d a power of 2 below
 * SW_LANES) and hmax(v); for the signed widths also
 * gt(a, b) (a mask), bits(mask, b) / bits_not(mask, b) (b in the lanes set / not set, else 0),
 * or, and, select(mask, a, b) (a where set), store_codes(uint8_t *, v) (each lane's low byte) and
 * load_codes(const uint8_t *) (bytes widened to lanes).
 *
 * Layout: with seg = ceil(m / SW_LANES) segments, query row i (1-based) lives in lane (i-1) / seg
 * of segment (i-1) % seg. Rows past m are padding: their profile scores are <= 0 and nothing
 * flows from them into real rows, so they never exceed the real cells of the columns seen so far
 * (the best-cell scans below still pick the smallest real row).
 *
 * Lazy F: the first pass over a column takes F only within each lane. Raising H to a carried F
 * never makes a larger F than the carried chain itself (F - open <= F - extend), so the F that
 * enters lane k is carry_k = max over lanes j < k of a_j - (k-1-j) * seg * extend, a_j being
 * the F leaving lane j in the first pass: a max-scan across lanes in log2(lanes) steps. Farrar's
 * test decides whether anything is left to do: at a row not yet visited where, in every lane, the
 * carried F is not above H - open, it can change neither H nor any later F. The first
 * SW_UNTESTED rows of each lane take the F leaving the lane above without a test (it is a true F
 * candidate: the maximum with it is always right), because the test's outcome there is hard to
 * predict; the test at the next row ends most columns. Otherwise the carries are scanned and one
 * pass applies them, stopping at the first unvisited row that passes the test (rather than
 * Farrar's loop, which walks one lane further per round: slow when F runs down many lanes, as
 * below the diagonal of two similar sequences). In local mode a carried F <= 0 is also done
 * with: F only falls further and H >= 0 (negative F never reaches H, nor a traceback code the
 * walk reads: F-state cells of a local path are > 0). E is updated where H rises, so an
 * insertion next to a deletion is scored as align.h says. */

static inline int32_t SW_FN(clamp)(int64_t v)
{
    return v < SW_MIN ? SW_MIN : v > SW_MAX ? SW_MAX : (int32_t)v;
}

/* The cost of a gap of k letters (0 for k = 0). */
static inline int64_t SW_FN(gap)(const bm_sw_task_t *tk, int64_t k)
{
    return k ? tk->open + (k - 1) * (int64_t)tk->extend : 0;
}

/* The bias added to every profile score of unsigned lanes (so that they are >= 0). */
static inline int32_t SW_FN(bias)(const bm_sw_task_t *tk)
{
    return SW_BIASED && tk->sc->min_score < 0 ? -tk->sc->min_score : 0;
}

static inline int32_t SW_FN(segments)(int32_t m)
{
    return (m + SW_LANES - 1) / SW_LANES;
}

static inline int32_t SW_FN(lane)(SW_VEC v, int k)
{
    SW_ELEM e[SW_LANES];
    SW_V(store)(e, v);
    return e[k];
}

/* Marks profiles of this lane width (its address is the id). */
static const char SW_FN(profile_id);

/* The striped profile of the task's query; reused when `pr` already holds it. */
static const SW_VEC *SW_FN(profile)(const bm_sw_task_t *tk, bm_sw_profile_t *pr, const void *id)
{
    const int32_t m = tk->m, seg = SW_FN(segments)(m), size = tk->sc->size;
    if (pr->kernel == id && pr->m == m && memcmp(pr->query.p, tk->q, (size_t)m) == 0)
        return pr->buf.p;
    pr->kernel = NULL;
    SW_VEC *prof = bm_sw_reserve(&pr->buf, (size_t)size * (size_t)seg * sizeof(SW_VEC));
    uint8_t *copy = bm_sw_reserve(&pr->query, (size_t)m);
    if (!prof || !copy) return NULL;
    const int32_t bias = SW_FN(bias)(tk);
    const int32_t pad = SW_BIASED ? 0 : SW_MIN / 2; /* padding rows: <= 0, see above */
    SW_ELEM e[SW_LANES];
    for (int32_t a = 0; a < size; a++) {
        for (int32_t s = 0; s < seg; s++) { /* s(q[i], a): matrices need not be symmetric */
            for (int32_t k = 0; k < SW_LANES; k++) {
                int32_t i = k * seg + s;
                e[k] = (SW_ELEM)(i < m ? tk->sc->score[tk->q[i]][a] + bias : pad);
            }
            prof[(size_t)a * (size_t)seg + (size_t)s] = SW_V(load)(e);
        }
    }
    memcpy(copy, tk->q, (size_t)m);
    pr->kernel = id;
    pr->m = m;
    return prof;
}

#define SW_SAT_FLOOR (SW_ZERO == SW_MIN) /* local scores floored by saturation */
#define SW_UNTESTED 4 /* rows of each lane that take the carried F without Farrar's test */

/* Column 0: H(i,0) (0 in local mode, else a gap of i letters) and E(i,1) = H(i,0) - open. */
static void SW_FN(first_column)(const bm_sw_task_t *tk, int32_t seg, SW_VEC *H, SW_VEC *E,
                                int anchored)
{
    const SW_VEC vO = SW_V(set1)(SW_FN(clamp)(tk->open));
    SW_ELEM e[SW_LANES];
    for (int32_t s = 0; s < seg; s++) {
        for (int32_t k = 0; k < SW_LANES; k++)
            e[k] = (SW_ELEM)(anchored ? SW_FN(clamp)(-SW_FN(gap)(tk, k * seg + s + 1)) : SW_ZERO);
        H[s] = SW_V(load)(e);
        E[s] = SW_V(subs)(H[s], vO);
    }
}

/* x in lane 0, unreachable in the others. */
static inline SW_VEC SW_FN(lane0)(int64_t x)
{
    SW_ELEM e[SW_LANES];
    for (int k = 0; k < SW_LANES; k++) e[k] = (SW_ELEM)SW_NEG;
    e[0] = (SW_ELEM)SW_FN(clamp)(x);
    return SW_V(load)(e);
}

/* The row-0 boundary of a column as lane-0 vectors: h0 holds H(0,j-1) (shifted into the column's
 * diagonal), f1 holds F(1,j) = H(0,j) - open. Anchored modes step them down column by column (a
 * gap grows by open, then by extend); the other modes keep them. */
typedef struct {
    SW_VEC h0, f1, step_open, step_extend;
    int anchored;
} SW_FN(border_t);

static inline SW_FN(border_t) SW_FN(border)(const bm_sw_task_t *tk, int anchored, int local)
{
    SW_FN(border_t) b;
    int64_t zero = local ? SW_ZERO : 0;
    b.anchored = anchored;
    b.h0 = SW_FN(lane0)(anchored ? 0 : zero);
    b.f1 = SW_FN(lane0)(anchored ? -SW_FN(gap)(tk, 1) - tk->open : zero - tk->open);
    SW_ELEM e[SW_LANES] = {0};
    e[0] = (SW_ELEM)SW_FN(clamp)(tk->open);
    b.step_open = SW_V(load)(e);
    e[0] = (SW_ELEM)SW_FN(clamp)(tk->extend);
    b.step_extend = SW_V(load)(e);
    return b;
}

/* After column j: the border of column j+1. */
static inline void SW_FN(border_next)(SW_FN(border_t) * b, int32_t j)
{
    if (!b->anchored) return;
    b->h0 = SW_V(subs)(b->h0, j == 1 ? b->step_open : b->step_extend);
    b->f1 = SW_V(subs)(b->f1, b->step_extend);
}

/* The F entering each lane (see Lazy F above), from v holding in lane k the F leaving lane k-1. */
static inline SW_VEC SW_FN(carry_scan)(SW_VEC v, int32_t seg, int32_t extend)
{
    for (int d = 1; d < SW_LANES; d *= 2)
        v = SW_V(max)(v, SW_V(subs)(SW_V(shift_up)(v, d),
                                    SW_V(set1)(SW_FN(clamp)((int64_t)d * seg * extend))));
    return v;
}

/* One column: H of column j into Hc from Hp (column j-1), E(.,j) in E becomes E(.,j+1); h0 and f1
 * are the border (see SW_FN(border_t)). Returns the column maximum in local mode, and with
 * `pen` (0 in real rows, unreachable in padding rows, added first) in extension mode. */
static BM_ALWAYS_INLINE SW_VEC SW_FN(column)(const SW_VEC *P, const SW_VEC *Hp, SW_VEC *Hc,
                                             SW_VEC *E, int32_t seg, SW_VEC h0, SW_VEC f1,
                                             SW_VEC vO, SW_VEC vX, int32_t extend, SW_VEC vBias,
                                             const SW_VEC *pen, const int local)
{
    const SW_VEC vNeg = SW_V(set1)(SW_NEG), vZero = SW_V(set1)(0);
    SW_VEC vH = SW_V(max)(SW_V(shift_up)(Hp[seg - 1], 1), h0);
    SW_VEC vF = f1;
    SW_VEC vMax = vNeg;
    for (int32_t s = 0; s < seg; s++) {
        SW_VEC vE = E[s];
        vH = SW_BIASED ? SW_V(subs)(SW_V(adds)(vH, P[s]), vBias) : SW_V(adds)(vH, P[s]);
        vH = SW_V(max)(vH, vE);
        vH = SW_V(max)(vH, vF);
        if (local && !SW_SAT_FLOOR) vH = SW_V(max)(vH, vZero);
        if (local) vMax = SW_V(max)(vMax, vH);
        if (pen) vMax = SW_V(max)(vMax, SW_V(adds)(vH, pen[s]));
        SW_VEC vDiag = Hp[s];
        Hc[s] = vH;
        SW_VEC vHo = SW_V(subs)(vH, vO);
        E[s] = SW_V(max)(SW_V(subs)(vE, vX), vHo);
        vF = SW_V(max)(SW_V(subs)(vF, vX), vHo);
        vH = vDiag;
    }
    const SW_VEC vF_exit = vF;
    /* the first rows untested, then Farrar's test (see Lazy F above) */
    vF = SW_V(shift_up)(vF, 1);
    const int32_t untested = seg < SW_UNTESTED ? seg : SW_UNTESTED;
    for (int32_t s = 0; s < untested; s++) {
        SW_VEC h = SW_V(max)(Hc[s], vF);
        Hc[s] = h;
        if (local) vMax = SW_V(max)(vMax, h);
        if (pen) vMax = SW_V(max)(vMax, SW_V(adds)(h, pen[s]));
        E[s] = SW_V(max)(E[s], SW_V(subs)(h, vO));
        vF = SW_V(subs)(vF, vX);
    }
    if (untested < seg) {
        SW_VEC ho = SW_V(subs)(Hc[untested], vO);
        if (local && !SW_SAT_FLOOR) ho = SW_V(max)(ho, vZero);
        if (!SW_V(any_gt)(vF, ho)) return vMax;
    }
    /* F goes on: every lane's entering F by the scan, applied in one pass (the first rows again:
     * the maximum twice changes nothing) up to the first unvisited row that passes the test */
    vF = SW_FN(carry_scan)(SW_V(shift_up)(vF_exit, 1), seg, extend);
    for (int32_t s = 0; s < seg; s++) {
        SW_VEC h = Hc[s], ho = SW_V(subs)(h, vO);
        if (local && !SW_SAT_FLOOR) ho = SW_V(max)(ho, vZero);
        if (s >= untested && !SW_V(any_gt)(vF, ho)) break;
        h = SW_V(max)(h, vF);
        Hc[s] = h;
        if (local) vMax = SW_V(max)(vMax, h);
        if (pen) vMax = SW_V(max)(vMax, SW_V(adds)(h, pen[s]));
        E[s] = SW_V(max)(E[s], SW_V(subs)(h, vO));
        vF = SW_V(subs)(vF, vX);
    }
    return vMax;
}

/* The smallest real row of column H holding v (0 if none). */
static int32_t SW_FN(first_row)(const SW_VEC *H, int32_t seg, int32_t m, int32_t v)
{
    const SW_VEC vv = SW_V(set1)(v);
    int32_t best = 0;
    for (int32_t s = 0; s < seg; s++) {
        int k = SW_V(first)(SW_V(eq)(H[s], vv));
        int32_t i = k * seg + s + 1;
        if (k >= 0 && i <= m && (best == 0 || i < best)) best = i;
    }
    return best;
}

static BM_ALWAYS_INLINE int SW_FN(forward_mode)(const bm_sw_task_t *tk, const SW_VEC *prof,
                                                SW_VEC *cols, bm_sw_end_t *out,
                                                const bm_sw_mode_t mode)
{
    const int32_t m = tk->m, n = tk->n, seg = SW_FN(segments)(m);
    const int local = mode == BM_SW_LOCAL, ext = mode == BM_SW_EXTEND;
    SW_VEC *Hp = cols, *Hc = cols + seg, *E = cols + 2 * seg, *pen = NULL;
    const SW_VEC vO = SW_V(set1)(SW_FN(clamp)(tk->open)), vX = SW_V(set1)(SW_FN(clamp)(tk->extend));
    const SW_VEC vBias = SW_V(set1)(SW_FN(bias)(tk));
    SW_FN(first_column)(tk, seg, Hp, E, !local);
    if (ext) { /* the column maximum must ignore padding rows (they may hold earlier maxima) */
        pen = cols + 3 * seg;
        SW_ELEM e[SW_LANES];
        for (int32_t s = 0; s < seg; s++) {
            for (int32_t k = 0; k < SW_LANES; k++) e[k] = (SW_ELEM)(k * seg + s < m ? 0 : SW_NEG);
            pen[s] = SW_V(load)(e);
        }
    }
    const int drops = ext && (tk->o->zdrop >= 0 || tk->o->xdrop >= 0);
    const int32_t last_seg = (m - 1) % seg, last_lane = (m - 1) / seg;
    int32_t best = mode == BM_SW_SEMI ? (int32_t)-SW_FN(gap)(tk, m) : local ? SW_ZERO : 0;
    int32_t bi = 0, bj = 0;
    if (mode == BM_SW_SEMI) bi = m;
    SW_VEC vBest = SW_V(set1)(best);
    SW_FN(border_t) border = SW_FN(border)(tk, mode == BM_SW_GLOBAL || ext, local);
    const uint8_t *t = tk->t;
    const int32_t extend = tk->extend;
    for (int32_t j = 1; j <= n; j++) {
        const SW_VEC *P = prof + (size_t)t[j - 1] * (size_t)seg;
        SW_VEC vMax = SW_FN(column)(P, Hp, Hc, E, seg, border.h0, border.f1, vO, vX, extend, vBias,
                                    pen, local);
        SW_FN(border_next)(&border, j);
        if ((local || ext) && SW_V(any_gt)(vMax, vBest)) {
            best = SW_V(hmax)(vMax);
            vBest = SW_V(set1)(best);
            bi = SW_FN(first_row)(Hc, seg, m, best);
            bj = j;
        } else if (drops) { /* align.h's drop test; the row is needed only when z-drop can fire */
            int32_t c = SW_V(hmax)(vMax), ci = 0;
            if (tk->o->zdrop >= 0 && (int64_t)best - c > tk->o->zdrop)
                ci = SW_FN(first_row)(Hc, seg, m, c);
            if (bm_extend_drops(tk->o, best, bi, bj, c, ci, j)) break;
        } else if (mode == BM_SW_SEMI) {
            int32_t h = SW_FN(lane)(Hc[last_seg], last_lane);
            if (h > best) best = h, bj = j;
        }
        SW_VEC *done = Hp;
        Hp = Hc;
        Hc = done;
    }
    if (mode == BM_SW_GLOBAL) best = SW_FN(lane)(Hp[last_seg], last_lane), bi = m, bj = n;
    out->score = local ? best - SW_ZERO : best;
    out->qend = bi;
    out->tend = bj;
    /* a saturated lane cannot be told from a true score at the limit */
    out->overflow = local && best >= SW_MAX - SW_FN(bias)(tk);
    return 0;
}

static int SW_FN(forward)(const bm_sw_task_t *tk, bm_sw_profile_t *pr, bm_sw_ws_t *ws,
                          bm_sw_end_t *out)
{
    const SW_VEC *prof = SW_FN(profile)(tk, pr, &SW_FN(profile_id));
    SW_VEC *cols = bm_sw_reserve(&ws->cols, 4 * (size_t)SW_FN(segments)(tk->m) * sizeof(SW_VEC));
    if (!prof || !cols) return BM_ENOMEM;
    switch (tk->mode) {
    case BM_SW_LOCAL:
        return SW_FN(forward_mode)(tk, prof, cols, out, BM_SW_LOCAL);
    case BM_SW_EXTEND:
        return SW_BIASED ? BM_EINVAL : SW_FN(forward_mode)(tk, prof, cols, out, BM_SW_EXTEND);
    case BM_SW_GLOBAL:
        return SW_BIASED ? BM_EINVAL : SW_FN(forward_mode)(tk, prof, cols, out, BM_SW_GLOBAL);
    case BM_SW_SEMI:
        return SW_BIASED ? BM_EINVAL : SW_FN(forward_mode)(tk, prof, cols, out, BM_SW_SEMI);
    default:
        return BM_EINVAL;
    }
}

#if !SW_BIASED
/* The largest real row of column H holding v (0 if none). */
static int32_t SW_FN(last_row)(const SW_VEC *H, int32_t seg, int32_t m, int32_t v)
{
    const SW_VEC vv = SW_V(set1)(v);
    int32_t best = 0;
    for (int32_t s = 0; s < seg; s++) {
        SW_MASK eq = SW_V(eq)(H[s], vv);
        for (int k = SW_V(last)(eq); k >= 0; k--) { /* the highest lane whose row is real */
            int32_t i = k * seg + s + 1;
            if (i <= m) {
                if (i > best) best = i;
                break;
            }
        }
    }
    return best;
}

/* The begin bound (see bm_sw_width_t.bound): the anchored recurrences over the reversed prefixes;
 * a column is the last one looked at when no cell of it, nor the first row, can still reach
 * `score` (each later row adds at most max_score, later gaps only cost). */
static int SW_FN(bound)(const bm_sw_task_t *tk, int32_t score, bm_sw_profile_t *pr, bm_sw_ws_t *ws,
                        int32_t *max_i, int32_t *max_j)
{
    const int32_t m = tk->m, n = tk->n, seg = SW_FN(segments)(m);
    const int semi = tk->mode == BM_SW_SEMI;
    const SW_VEC *prof = SW_FN(profile)(tk, pr, &SW_FN(profile_id));
    SW_VEC *cols = bm_sw_reserve(&ws->cols, 4 * (size_t)seg * sizeof(SW_VEC));
    if (!prof || !cols) return BM_ENOMEM;
    SW_VEC *Hp = cols, *Hc = cols + seg, *E = cols + 2 * seg, *Pot = cols + 3 * seg;
    const int64_t gain = tk->sc->max_score > 0 ? tk->sc->max_score : 0;
    SW_ELEM e[SW_LANES];
    for (int32_t s = 0; s < seg; s++) {
        for (int32_t k = 0; k < SW_LANES; k++) {
            int32_t i = k * seg + s + 1;
            e[k] = (SW_ELEM)(i <= m ? SW_FN(clamp)(gain * (m - i)) : SW_NEG);
        }
        Pot[s] = SW_V(load)(e);
    }
    const SW_VEC vO = SW_V(set1)(tk->open), vX = SW_V(set1)(tk->extend), vZero = SW_V(set1)(0);
    const SW_VEC vS = SW_V(set1)(score), vS1 = SW_V(set1)(score - 1);
    SW_FN(first_column)(tk, seg, Hp, E, 1);
    const int32_t last_seg = (m - 1) % seg, last_lane = (m - 1) / seg;
    *max_i = *max_j = -1;
    if (semi && -SW_FN(gap)(tk, m) == score) *max_i = m, *max_j = 0;
    SW_FN(border_t) border = SW_FN(border)(tk, 1, 0);
    for (int32_t j = 1; j <= n; j++) {
        const SW_VEC *P = prof + (size_t)tk->t[j - 1] * (size_t)seg;
        SW_FN(column)(P, Hp, Hc, E, seg, border.h0, border.f1, vO, vX, tk->extend, vZero, NULL, 0);
        SW_FN(border_next)(&border, j);
        SW_VEC vPot = SW_V(set1)(SW_NEG);
        SW_MASK hit = SW_V(eq)(vZero, SW_V(set1)(1)); /* no lane */
        for (int32_t s = 0; s < seg; s++) {
            vPot = SW_V(max)(vPot, SW_V(adds)(Hc[s], Pot[s]));
            if (!semi) hit = SW_V(mor)(hit, SW_V(eq)(Hc[s], vS));
        }
        if (semi) {
            if (SW_FN(lane)(Hc[last_seg], last_lane) == score) *max_i = m, *max_j = j;
        } else if (SW_V(any)(hit)) {
            int32_t i = SW_FN(last_row)(Hc, seg, m, score);
            if (i > 0) {
                *max_j = j;
                if (i > *max_i) *max_i = i;
            }
        }
        if (!SW_V(any_gt)(vPot, vS1) && -SW_FN(gap)(tk, j) + gain * m < score) break;
        SW_VEC *done = Hp;
        Hp = Hc;
        Hc = done;
    }
    return 0;
}

/* Row s of a fill column takes the carried F (see SW_FN(fill_column)). */
static BM_ALWAYS_INLINE void SW_FN(fill_carry)(SW_VEC *Hc, SW_VEC *E, uint8_t *codes, int32_t s,
                                               SW_VEC vF, SW_VEC vO, SW_VEC vX, SW_VEC keep_f,
                                               SW_VEC rise_f)
{
    SW_VEC h = Hc[s], ho = SW_V(subs)(h, vO);
    SW_MASK up = SW_V(gt)(vF, h);
    SW_VEC hn = SW_V(max)(h, vF), en = E[s], hno = SW_V(subs)(hn, vO);
    Hc[s] = hn;
    uint8_t *cp = codes + (size_t)s * SW_LANES;
    SW_VEC c = SW_V(load_codes)(cp);
    SW_VEC c_up = SW_V(or)(SW_V(bits_not)(SW_V(gt)(en, hno), BM_SW_E_OPEN), rise_f);
    SW_VEC f_still = SW_V(bits_not)(SW_V(gt)(SW_V(subs)(vF, vX), ho), BM_SW_F_OPEN);
    SW_VEC c_keep = SW_V(and)(c, SW_V(or)(keep_f, f_still));
    SW_V(store_codes)(cp, SW_V(select)(up, c_up, c_keep));
    E[s] = SW_V(max)(en, hno);
}

/* One column of the traceback fill: the column of SW_FN(column) plus the codes of its cells (see
 * BM_SW_DIAG ...). Where the carried F raises H, the cell now comes from F, opens E(i,j+1) if
 * H - open reaches the old E(i,j+1), and F(i+1,j) extends F unless open == extend; where it does
 * not, F(i+1,j) still opens only if H - open reaches the carried F - extend (the carried F joins
 * F(i,j)). Rows the pass does not reach keep correct codes (Farrar's test: no later F changes
 * there). */
static BM_ALWAYS_INLINE void SW_FN(fill_column)(const SW_VEC *P, const SW_VEC *Hp, SW_VEC *Hc,
                                                SW_VEC *E, int32_t seg, SW_VEC h0, SW_VEC f1,
                                                SW_VEC vO, SW_VEC vX, int32_t extend,
                                                int open_is_extend, uint8_t *codes, const int local)
{
    const SW_VEC vZero = SW_V(set1)(local ? SW_ZERO : 0);
    SW_VEC vH = SW_V(max)(SW_V(shift_up)(Hp[seg - 1], 1), h0);
    SW_VEC vF = f1;
    for (int32_t s = 0; s < seg; s++) {
        SW_VEC vE = E[s];
        SW_VEC vD = SW_V(adds)(vH, P[s]);
        vH = SW_V(max)(SW_V(max)(vD, vE), vF);
        if (local && !SW_SAT_FLOOR) vH = SW_V(max)(vH, vZero);
        SW_VEC vDiag = Hp[s];
        Hc[s] = vH;
        SW_VEC vHo = SW_V(subs)(vH, vO), vEx = SW_V(subs)(vE, vX), vFx = SW_V(subs)(vF, vX);
        SW_VEC c = SW_V(or)(SW_V(bits)(SW_V(eq)(vH, vD), BM_SW_DIAG),
                            SW_V(bits)(SW_V(eq)(vH, vE), BM_SW_E));
        if (local) c = SW_V(or)(c, SW_V(bits)(SW_V(eq)(vH, vZero), BM_SW_ZERO));
        c = SW_V(or)(c, SW_V(bits_not)(SW_V(gt)(vEx, vHo), BM_SW_E_OPEN));
        c = SW_V(or)(c, SW_V(bits_not)(SW_V(gt)(vFx, vHo), BM_SW_F_OPEN));
        SW_V(store_codes)(codes + (size_t)s * SW_LANES, c);
        E[s] = SW_V(max)(vEx, vHo);
        vF = SW_V(max)(vFx, vHo);
        vH = vDiag;
    }
    const SW_VEC keep_f = SW_V(set1)(~BM_SW_F_OPEN & 0x7f);
    const SW_VEC rise_f = SW_V(set1)(open_is_extend ? BM_SW_F_OPEN : 0);
    /* as in SW_FN(column); visiting a row whose carried F changes nothing leaves its codes */
    const SW_VEC vF_exit = vF;
    vF = SW_V(shift_up)(vF, 1);
    const int32_t untested = seg < SW_UNTESTED ? seg : SW_UNTESTED;
    for (int32_t s = 0; s < untested; s++) {
        SW_FN(fill_carry)(Hc, E, codes, s, vF, vO, vX, keep_f, rise_f);
        vF = SW_V(subs)(vF, vX);
    }
    if (untested < seg) {
        SW_VEC ho = SW_V(subs)(Hc[untested], vO);
        if (!SW_V(any_gt)(vF, local && !SW_SAT_FLOOR ? SW_V(max)(ho, vZero) : ho)) return;
    }
    vF = SW_FN(carry_scan)(SW_V(shift_up)(vF_exit, 1), seg, extend);
    for (int32_t s = 0; s < seg; s++) {
        SW_VEC ho = SW_V(subs)(Hc[s], vO);
        if (s >= untested && !SW_V(any_gt)(vF, local && !SW_SAT_FLOOR ? SW_V(max)(ho, vZero) : ho))
            return;
        SW_FN(fill_carry)(Hc, E, codes, s, vF, vO, vX, keep_f, rise_f);
        vF = SW_V(subs)(vF, vX);
    }
}

static BM_ALWAYS_INLINE int32_t SW_FN(fill_mode)(const bm_sw_task_t *tk, const SW_VEC *prof,
                                                 SW_VEC *cols, uint8_t *codes, const int local,
                                                 const int anchored)
{
    const int32_t m = tk->m, n = tk->n, seg = SW_FN(segments)(m);
    SW_VEC *Hp = cols, *Hc = cols + seg, *E = cols + 2 * seg;
    const SW_VEC vO = SW_V(set1)(tk->open), vX = SW_V(set1)(tk->extend);
    SW_FN(first_column)(tk, seg, Hp, E, !local);
    SW_FN(border_t) border = SW_FN(border)(tk, anchored, local);
    for (int32_t j = 1; j <= n; j++) {
        SW_FN(fill_column)
        (prof + (size_t)tk->t[j - 1] * (size_t)seg, Hp, Hc, E, seg, border.h0, border.f1, vO, vX,
         tk->extend, tk->open == tk->extend, codes + (size_t)(j - 1) * seg * SW_LANES, local);
        SW_FN(border_next)(&border, j);
        SW_VEC *done = Hp;
        Hp = Hc;
        Hc = done;
    }
    return SW_FN(lane)(Hp[(m - 1) % seg], (m - 1) / seg) - (local ? SW_ZERO : 0);
}

static int SW_FN(fill)(const bm_sw_task_t *tk, bm_sw_profile_t *pr, bm_sw_ws_t *ws, int32_t *seg,
                       int32_t *corner)
{
    *seg = SW_FN(segments)(tk->m);
    const SW_VEC *prof = SW_FN(profile)(tk, pr, &SW_FN(profile_id));
    SW_VEC *cols = bm_sw_reserve(&ws->cols, 3 * (size_t)*seg * sizeof(SW_VEC));
    uint8_t *codes = bm_sw_reserve(&ws->codes, (size_t)tk->n * (size_t)*seg * SW_LANES);
    if (!prof || !cols || !codes) return BM_ENOMEM;
    switch (tk->mode) {
    case BM_SW_LOCAL:
        *corner = SW_FN(fill_mode)(tk, prof, cols, codes, 1, 0);
        return 0;
    case BM_SW_SEMI:
        *corner = SW_FN(fill_mode)(tk, prof, cols, codes, 0, 0);
        return 0;
    default:
        *corner = SW_FN(fill_mode)(tk, prof, cols, codes, 0, 1);
        return 0;
    }
}
#endif
