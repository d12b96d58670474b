/* Byte-scanning primitives of the parsers' error paths: the first byte outside a range, the first
 * control byte; in SSE2 (x86-64 baseline), NEON (ARM64 baseline) or portable C. */
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

#if defined(BM_BYTES_SSE2)

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

#elif defined(BM_BYTES_NEON)

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

#else

static inline size_t bm_first_control(const char *s, size_t n)
{
    return bm_first_control_scalar(s, n);
}

static inline size_t bm_first_outside(const char *s, size_t n, unsigned char lo, unsigned char span)
{
    return bm_first_outside_scalar(s, n, lo, span);
}

#endif
#endif
