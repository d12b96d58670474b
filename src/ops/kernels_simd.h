/* SIMD kernels written once and included by each ISA file (ops_sse41.c, ops_avx2.c, ...), which
 * first defines vec_t, VB (bytes per vector), KFN(name) and the v_* primitives listed below.
 *
 * Primitives: v_load(p), v_set1(byte), v_zero(), v_ones(), v_eq(a,b) (0xff/0x00 per byte),
 * v_or, v_and, v_sub (wrapping u8), v_subs (saturating u8), v_max, v_min (u8), v_hsum(v) (sum of
 * the bytes), v_hmin(v), v_last_lanes(r) (the last r lanes set, 0 < r < VB), and a widening sum
 * accumulator: vsum_t, vsum_zero(), vsum_add(acc, v), vsum_total(acc); and for transforms
 * v_store(p, v), v_reverse(v) (byte order), v_table16(t) (16 bytes, in every 16-byte lane),
 * v_lookup16(table, idx) (idx in 0..15, per lane) and v_blend(mask, a, b) (mask ? a : b).
 *
 * A read is processed in whole vectors; the last partial vector is loaded so that it ends at the
 * read's end (overlapping lanes already seen) and masked with v_last_lanes. Byte counters are
 * flushed to 64 bits every 255 vectors. Reads shorter than one vector use the scalar reference. */

static void KFN(count_bases)(const char *s, size_t n, bm_base_counts_t *out)
{
    if (n < VB) {
        bm_count_bases_scalar(s, n, out);
        return;
    }
    memset(out, 0, sizeof *out);
    const vec_t low = v_set1(0x20), la = v_set1('a'), lc = v_set1('c'), lg = v_set1('g'),
                lt = v_set1('t'), ln = v_set1('n');
    size_t i = 0;
    while (i < n) {
        vec_t ca = v_zero(), cc = v_zero(), cg = v_zero(), ct = v_zero(), cn = v_zero();
        for (int blocks = 0; i < n && blocks < 255; blocks++, i += VB) {
            vec_t keep = v_ones();
            if (i + VB > n) {
                keep = v_last_lanes(n - i);
                i = n - VB;
            }
            vec_t v = v_or(v_load(s + i), low); /* upper and lower case together */
            ca = v_sub(ca, v_and(v_eq(v, la), keep));
            cc = v_sub(cc, v_and(v_eq(v, lc), keep));
            cg = v_sub(cg, v_and(v_eq(v, lg), keep));
            ct = v_sub(ct, v_and(v_eq(v, lt), keep));
            cn = v_sub(cn, v_and(v_eq(v, ln), keep));
        }
        out->a += v_hsum(ca);
        out->c += v_hsum(cc);
        out->g += v_hsum(cg);
        out->t += v_hsum(ct);
        out->n += v_hsum(cn);
    }
    out->other = n - out->a - out->c - out->g - out->t - out->n;
}

/* `offset` is in 0..255 and `threshold` in 1..255 here (the dispatcher handles the rest). */
static void KFN(quality_summary)(const char *q, size_t n, int offset, int threshold,
                                 bm_qual_summary_t *out)
{
    if (n < VB) {
        bm_quality_summary_scalar(q, n, offset, threshold, out);
        return;
    }
    memset(out, 0, sizeof *out);
    const vec_t off = v_set1((unsigned char)offset), thr = v_set1((unsigned char)threshold);
    vec_t mn = v_set1(255);
    vsum_t sum = vsum_zero();
    size_t i = 0;
    while (i < n) {
        vec_t ge = v_zero();
        for (int blocks = 0; i < n && blocks < 255; blocks++, i += VB) {
            vec_t keep = v_ones();
            if (i + VB > n) {
                keep = v_last_lanes(n - i);
                i = n - VB;
            }
            vec_t p = v_subs(v_load(q + i), off); /* Phred, 0 below the offset */
            mn = v_min(mn, p);                    /* overlapping lanes do not change a minimum */
            sum = vsum_add(sum, v_and(p, keep));
            ge = v_sub(ge, v_and(v_eq(v_max(p, thr), p), keep));
        }
        out->at_least += v_hsum(ge);
    }
    out->sum = vsum_total(sum);
    out->min = v_hmin(mn);
    out->expected_errors = bm_expected_errors_from_fixed(bm_expected_errors_fixed(q, n, offset));
}

/* Pairs i, i+1 for i in [0, n-1) are compared as two loads one byte apart. */
static uint64_t KFN(adjacent_differences)(const char *s, size_t n)
{
    if (n < VB + 1) return bm_adjacent_differences_scalar(s, n);
    size_t pairs = n - 1;
    uint64_t equal = 0;
    size_t i = 0;
    while (i < pairs) {
        vec_t eq = v_zero();
        for (int blocks = 0; i < pairs && blocks < 255; blocks++, i += VB) {
            vec_t keep = v_ones();
            if (i + VB > pairs) {
                keep = v_last_lanes(pairs - i);
                i = pairs - VB;
            }
            eq = v_sub(eq, v_and(v_eq(v_load(s + i), v_load(s + i + 1)), keep));
        }
        equal += v_hsum(eq);
    }
    return pairs - equal;
}

/* Unsigned a <= b, per byte. */
static inline vec_t KFN(v_le)(vec_t a, vec_t b)
{
    return v_eq(v_min(a, b), a);
}

/* Complement of every letter of v (see bm_complement_low5); other bytes unchanged. */
static inline vec_t KFN(complement)(vec_t c, vec_t lo_table, vec_t hi_table)
{
    vec_t is_letter = KFN(v_le)(v_sub(v_or(c, v_set1(0x20)), v_set1('a')), v_set1(25));
    vec_t idx = v_and(c, v_set1(0x0f));
    vec_t upper16 = v_eq(v_and(c, v_set1(0x10)), v_set1(0x10));
    vec_t low5 = v_blend(upper16, v_lookup16(hi_table, idx), v_lookup16(lo_table, idx));
    vec_t comp = v_or(v_and(c, v_set1(0xe0)), low5);
    return v_blend(is_letter, comp, c);
}

static void KFN(reverse_complement)(const char *s, size_t n, char *out)
{
    if (n < VB) {
        bm_reverse_complement_scalar(s, n, out);
        return;
    }
    const vec_t lo = v_table16(bm_complement_low5), hi = v_table16(bm_complement_low5 + 16);
    for (size_t o = 0; o < n; o += VB) {
        if (o + VB > n) o = n - VB; /* the last vector overlaps: same values written twice */
        v_store(out + o, KFN(complement)(v_reverse(v_load(s + n - o - VB)), lo, hi));
    }
}

/* In place allowed: a final overlapping vector re-reads bytes already written, and both
 * transforms give the same result when applied twice. */
static void KFN(to_upper)(const char *s, size_t n, char *out)
{
    if (n < VB) {
        bm_to_upper_scalar(s, n, out);
        return;
    }
    for (size_t i = 0; i < n; i += VB) {
        if (i + VB > n) i = n - VB;
        vec_t c = v_load(s + i);
        vec_t lower = KFN(v_le)(v_sub(c, v_set1('a')), v_set1(25));
        v_store(out + i, v_sub(c, v_and(lower, v_set1(0x20))));
    }
}

static void KFN(mask_low_quality)(const char *s, const char *q, size_t n, int offset, int min_q,
                                  char mask_char, char *out)
{
    if (n < VB) {
        bm_mask_low_quality_scalar(s, q, n, offset, min_q, mask_char, out);
        return;
    }
    const vec_t off = v_set1((unsigned char)offset), minq = v_set1((unsigned char)min_q);
    const vec_t m = v_set1((unsigned char)mask_char);
    for (size_t i = 0; i < n; i += VB) {
        if (i + VB > n) i = n - VB;
        vec_t p = v_subs(v_load(q + i), off);
        vec_t good = v_eq(v_max(p, minq), p); /* p >= min_q */
        v_store(out + i, v_blend(good, v_load(s + i), m));
    }
}

static void KFN(read_tallies)(const char *s, const char *q, size_t n, unsigned char t1,
                              unsigned char t2, uint64_t out[4])
{
    if (n < VB) {
        bm_read_tallies_scalar(s, q, n, t1, t2, out);
        return;
    }
    const vec_t low = v_set1(0x20), g = v_set1('g'), c = v_set1('c');
    const vec_t dash = v_set1('-'), dot = v_set1('.'), sp = v_set1(' ');
    const vec_t v1 = v_set1(t1), v2 = v_set1(t2);
    size_t i = 0;
    while (i < n) {
        vec_t a_gc = v_zero(), a_gap = v_zero(), a1 = v_zero(), a2 = v_zero();
        for (int blocks = 0; i < n && blocks < 255; blocks++, i += VB) {
            vec_t keep = v_ones();
            if (i + VB > n) {
                keep = v_last_lanes(n - i);
                i = n - VB;
            }
            vec_t v = v_load(s + i), l = v_or(v, low);
            a_gc = v_sub(a_gc, v_and(v_or(v_eq(l, g), v_eq(l, c)), keep));
            a_gap = v_sub(a_gap, v_and(v_or(v_or(v_eq(v, dash), v_eq(v, dot)), v_eq(v, sp)), keep));
            if (q) { /* x >= t  <=>  max(x, t) == x */
                vec_t x = v_load(q + i);
                a1 = v_sub(a1, v_and(v_eq(v_max(x, v1), x), keep));
                a2 = v_sub(a2, v_and(v_eq(v_max(x, v2), x), keep));
            }
        }
        out[0] += v_hsum(a_gc);
        out[1] += v_hsum(a_gap);
        if (q) {
            out[2] += v_hsum(a1);
            out[3] += v_hsum(a2);
        }
    }
}

const bm_ops_table_t KFN(bm_ops) = {
    KFN(count_bases), KFN(quality_summary),  KFN(adjacent_differences), KFN(reverse_complement),
    KFN(to_upper),    KFN(mask_low_quality), KFN(read_tallies)};
