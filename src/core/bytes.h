/* Byte-scanning primitives used by the parsers and statistics: newline bitmasks, range checks and
 * letter counts, in SSE2 (x86-64 baseline), NEON (ARM64 baseline) or portable C. */
#ifndef BIOMETAL_BYTES_H
#define BIOMETAL_BYTES_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define BM_BYTES_SSE2 1
#elif defined(__aarch64__) && defined(__ARM_NEON)
#include <arm_neon.h>
#define BM_BYTES_NEON 1
#endif

/* ---- portable reference versions (also used for tails) ---- */

static inline uint64_t bm_newline_mask64_scalar(const char *p, size_t n)
{
    uint64_t m = 0;
    for (size_t i = 0; i < n; i++) m |= (uint64_t)(p[i] == '\n') << i;
    return m;
}

/* Index of the first byte outside [lo, lo+span], or n. */
static inline size_t bm_first_outside_scalar(const char *s, size_t n, unsigned char lo,
                                             unsigned char span)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)((unsigned char)s[i] - lo) > span) return i;
    return n;
}

/* Index of the first control byte (< 32 other than tab, or 127), or n. */
static inline size_t bm_first_control_scalar(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 32 && c != '\t') || c == 127) return i;
    }
    return n;
}

static inline void bm_count_gc_gap_scalar(const char *s, size_t n, uint64_t *gc, uint64_t *gap)
{
    uint64_t g = 0, x = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i], l = c | 0x20;
        g += (l == 'g') | (l == 'c');
        x += (c == '-') | (c == '.') | (c == ' ');
    }
    *gc += g;
    *gap += x;
}

static inline void bm_count_ge2_scalar(const char *q, size_t n, unsigned char t1, unsigned char t2,
                                       uint64_t *c1, uint64_t *c2)
{
    uint64_t a = 0, b = 0;
    for (size_t i = 0; i < n; i++) {
        a += (unsigned char)q[i] >= t1;
        b += (unsigned char)q[i] >= t2;
    }
    *c1 += a;
    *c2 += b;
}

#if defined(BM_BYTES_SSE2)

/* Bit i set when p[i] == '\n', for 64 readable bytes at p. */
static inline uint64_t bm_newline_mask64(const char *p)
{
    const __m128i nl = _mm_set1_epi8('\n');
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        m |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)) << (16 * k);
    }
    return m;
}

static inline size_t bm_first_outside(const char *s, size_t n, unsigned char lo, unsigned char span)
{
    /* x - lo (wrapping) > span  <=>  max(x - lo, span) != span, with unsigned bytes */
    if (n < 16) return bm_first_outside_scalar(s, n, lo, span);
    const __m128i vlo = _mm_set1_epi8((char)lo), vspan = _mm_set1_epi8((char)span);
    for (size_t i = 0;; i += 16) {
        if (i + 16 > n) i = n - 16; /* last chunk overlaps the previous one */
        __m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(s + i)), vlo);
        __m128i ok = _mm_cmpeq_epi8(_mm_max_epu8(d, vspan), vspan);
        if (_mm_movemask_epi8(ok) != 0xffff)
            return i + bm_first_outside_scalar(s + i, 16, lo, span);
        if (i + 16 == n) return n;
    }
}

static inline size_t bm_first_control(const char *s, size_t n)
{
    const __m128i c31 = _mm_set1_epi8(31), tab = _mm_set1_epi8('\t'), del = _mm_set1_epi8(127);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i low =
            _mm_andnot_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(_mm_min_epu8(v, c31), v));
        if (_mm_movemask_epi8(_mm_or_si128(low, _mm_cmpeq_epi8(v, del)))) break;
    }
    return i + bm_first_control_scalar(s + i, n - i);
}

/* The last r lanes set (1 <= r <= 15): in a final load that overlaps bytes already counted, these
 * are the r new bytes. */
static inline __m128i bm_tail_lanes(size_t r)
{
    static const unsigned char t[32] = {0,    0,    0,    0,    0,    0,    0,    0,
                                        0,    0,    0,    0,    0,    0,    0,    0,
                                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    return _mm_loadu_si128((const __m128i *)(t + r));
}

static inline uint64_t bm_hsum_epu8(__m128i acc)
{
    __m128i s = _mm_sad_epu8(acc, _mm_setzero_si128());
    return (uint64_t)_mm_cvtsi128_si64(s) + (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s));
}

static inline void bm_count_gc_gap(const char *s, size_t n, uint64_t *gc, uint64_t *gap)
{
    if (n < 16) {
        bm_count_gc_gap_scalar(s, n, gc, gap);
        return;
    }
    const __m128i low = _mm_set1_epi8(0x20), g = _mm_set1_epi8('g'), c = _mm_set1_epi8('c');
    const __m128i dash = _mm_set1_epi8('-'), dot = _mm_set1_epi8('.'), sp = _mm_set1_epi8(' ');
    size_t i = 0;
    for (;;) {
        __m128i a_gc = _mm_setzero_si128(), a_gap = _mm_setzero_si128();
        size_t stop = n - i > 255 * 16 ? i + 255 * 16 : n;
        for (; i < stop; i += 16) {
            __m128i keep = _mm_set1_epi8((char)0xff);
            if (i + 16 > n) { /* overlapping last load: count only the new lanes */
                keep = bm_tail_lanes(n - i);
                i = n - 16;
            }
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            __m128i l = _mm_or_si128(v, low);
            __m128i is_gc = _mm_or_si128(_mm_cmpeq_epi8(l, g), _mm_cmpeq_epi8(l, c));
            __m128i is_gap =
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dash), _mm_cmpeq_epi8(v, dot)),
                             _mm_cmpeq_epi8(v, sp));
            a_gc = _mm_sub_epi8(a_gc, _mm_and_si128(is_gc, keep));
            a_gap = _mm_sub_epi8(a_gap, _mm_and_si128(is_gap, keep));
        }
        *gc += bm_hsum_epu8(a_gc);
        *gap += bm_hsum_epu8(a_gap);
        if (i >= n) return;
    }
}

static inline void bm_count_ge2(const char *q, size_t n, unsigned char t1, unsigned char t2,
                                uint64_t *c1, uint64_t *c2)
{
    if (n < 16) {
        bm_count_ge2_scalar(q, n, t1, t2, c1, c2);
        return;
    }
    /* x >= t  <=>  max(x, t) == x */
    const __m128i v1 = _mm_set1_epi8((char)t1), v2 = _mm_set1_epi8((char)t2);
    size_t i = 0;
    for (;;) {
        __m128i a1 = _mm_setzero_si128(), a2 = _mm_setzero_si128();
        size_t stop = n - i > 255 * 16 ? i + 255 * 16 : n;
        for (; i < stop; i += 16) {
            __m128i keep = _mm_set1_epi8((char)0xff);
            if (i + 16 > n) {
                keep = bm_tail_lanes(n - i);
                i = n - 16;
            }
            __m128i v = _mm_loadu_si128((const __m128i *)(q + i));
            a1 = _mm_sub_epi8(a1, _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, v1), v), keep));
            a2 = _mm_sub_epi8(a2, _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, v2), v), keep));
        }
        *c1 += bm_hsum_epu8(a1);
        *c2 += bm_hsum_epu8(a2);
        if (i >= n) return;
    }
}

#elif defined(BM_BYTES_NEON)

static inline uint64_t bm_newline_mask64(const char *p)
{
    const uint8x16_t nl = vdupq_n_u8('\n');
    static const uint8_t bitv[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    const uint8x16_t bits = vld1q_u8(bitv);
    uint8x16_t c0 = vandq_u8(vceqq_u8(vld1q_u8((const uint8_t *)p), nl), bits);
    uint8x16_t c1 = vandq_u8(vceqq_u8(vld1q_u8((const uint8_t *)p + 16), nl), bits);
    uint8x16_t c2 = vandq_u8(vceqq_u8(vld1q_u8((const uint8_t *)p + 32), nl), bits);
    uint8x16_t c3 = vandq_u8(vceqq_u8(vld1q_u8((const uint8_t *)p + 48), nl), bits);
    uint8x16_t s = vpaddq_u8(vpaddq_u8(c0, c1), vpaddq_u8(c2, c3));
    s = vpaddq_u8(s, s);
    return vgetq_lane_u64(vreinterpretq_u64_u8(s), 0);
}

static inline size_t bm_first_outside(const char *s, size_t n, unsigned char lo, unsigned char span)
{
    const uint8x16_t vlo = vdupq_n_u8(lo);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        uint8x16_t d = vsubq_u8(vld1q_u8((const uint8_t *)s + i), vlo);
        if (vmaxvq_u8(d) > span) break;
    }
    return i + bm_first_outside_scalar(s + i, n - i, lo, span);
}

static inline size_t bm_first_control(const char *s, size_t n)
{
    const uint8x16_t c31 = vdupq_n_u8(31), tab = vdupq_n_u8('\t'), del = vdupq_n_u8(127);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        uint8x16_t v = vld1q_u8((const uint8_t *)s + i);
        uint8x16_t bad = vorrq_u8(vbicq_u8(vcleq_u8(v, c31), vceqq_u8(v, tab)), vceqq_u8(v, del));
        if (vmaxvq_u8(bad)) break;
    }
    return i + bm_first_control_scalar(s + i, n - i);
}

static inline void bm_count_gc_gap(const char *s, size_t n, uint64_t *gc, uint64_t *gap)
{
    const uint8x16_t low = vdupq_n_u8(0x20), g = vdupq_n_u8('g'), c = vdupq_n_u8('c');
    const uint8x16_t dash = vdupq_n_u8('-'), dot = vdupq_n_u8('.'), sp = vdupq_n_u8(' ');
    size_t i = 0;
    while (i + 16 <= n) {
        uint8x16_t a_gc = vdupq_n_u8(0), a_gap = vdupq_n_u8(0);
        size_t stop = n - i > 255 * 16 ? i + 255 * 16 : i + ((n - i) & ~(size_t)15);
        for (; i < stop; i += 16) {
            uint8x16_t v = vld1q_u8((const uint8_t *)s + i), l = vorrq_u8(v, low);
            a_gc = vsubq_u8(a_gc, vorrq_u8(vceqq_u8(l, g), vceqq_u8(l, c)));
            a_gap = vsubq_u8(
                a_gap, vorrq_u8(vorrq_u8(vceqq_u8(v, dash), vceqq_u8(v, dot)), vceqq_u8(v, sp)));
        }
        *gc += vaddlvq_u8(a_gc);
        *gap += vaddlvq_u8(a_gap);
    }
    bm_count_gc_gap_scalar(s + i, n - i, gc, gap);
}

static inline void bm_count_ge2(const char *q, size_t n, unsigned char t1, unsigned char t2,
                                uint64_t *c1, uint64_t *c2)
{
    const uint8x16_t v1 = vdupq_n_u8(t1), v2 = vdupq_n_u8(t2);
    size_t i = 0;
    while (i + 16 <= n) {
        uint8x16_t a1 = vdupq_n_u8(0), a2 = vdupq_n_u8(0);
        size_t stop = n - i > 255 * 16 ? i + 255 * 16 : i + ((n - i) & ~(size_t)15);
        for (; i < stop; i += 16) {
            uint8x16_t v = vld1q_u8((const uint8_t *)q + i);
            a1 = vsubq_u8(a1, vcgeq_u8(v, v1));
            a2 = vsubq_u8(a2, vcgeq_u8(v, v2));
        }
        *c1 += vaddlvq_u8(a1);
        *c2 += vaddlvq_u8(a2);
    }
    bm_count_ge2_scalar(q + i, n - i, t1, t2, c1, c2);
}

#else

static inline uint64_t bm_newline_mask64(const char *p)
{
    return bm_newline_mask64_scalar(p, 64);
}

static inline size_t bm_first_control(const char *s, size_t n)
{
    return bm_first_control_scalar(s, n);
}

static inline size_t bm_first_outside(const char *s, size_t n, unsigned char lo, unsigned char span)
{
    return bm_first_outside_scalar(s, n, lo, span);
}

static inline void bm_count_gc_gap(const char *s, size_t n, uint64_t *gc, uint64_t *gap)
{
    bm_count_gc_gap_scalar(s, n, gc, gap);
}

static inline void bm_count_ge2(const char *q, size_t n, unsigned char t1, unsigned char t2,
                                uint64_t *c1, uint64_t *c2)
{
    bm_count_ge2_scalar(q, n, t1, t2, c1, c2);
}

#endif
#endif
