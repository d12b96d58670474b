/* SSE4.1 kernels: 16-byte vectors; the kernel bodies come from kernels_simd.h.
 * Compiled with -msse4.1 (see CMakeLists.txt), called only when the CPU has SSE4.1. */
#include "ops_internal.h"

#include <smmintrin.h>
#include <string.h>

typedef __m128i vec_t;
#define VB 16
#define KFN(name) name##_sse41

static inline vec_t v_load(const char *p)
{
    return _mm_loadu_si128((const __m128i *)p);
}
static inline vec_t v_set1(unsigned char c)
{
    return _mm_set1_epi8((char)c);
}
static inline vec_t v_zero(void)
{
    return _mm_setzero_si128();
}
static inline vec_t v_ones(void)
{
    return _mm_set1_epi8(-1);
}
static inline vec_t v_eq(vec_t a, vec_t b)
{
    return _mm_cmpeq_epi8(a, b);
}
static inline vec_t v_or(vec_t a, vec_t b)
{
    return _mm_or_si128(a, b);
}
static inline vec_t v_and(vec_t a, vec_t b)
{
    return _mm_and_si128(a, b);
}
static inline vec_t v_sub(vec_t a, vec_t b)
{
    return _mm_sub_epi8(a, b);
}
static inline vec_t v_subs(vec_t a, vec_t b)
{
    return _mm_subs_epu8(a, b);
}
static inline vec_t v_max(vec_t a, vec_t b)
{
    return _mm_max_epu8(a, b);
}
static inline vec_t v_min(vec_t a, vec_t b)
{
    return _mm_min_epu8(a, b);
}
static inline uint64_t v_hsum(vec_t v)
{
    __m128i s = _mm_sad_epu8(v, _mm_setzero_si128());
    return (uint64_t)_mm_cvtsi128_si64(s) + (uint64_t)_mm_extract_epi64(s, 1);
}
static inline unsigned v_hmin(vec_t v)
{
    v = _mm_min_epu8(v, _mm_srli_si128(v, 8));
    v = _mm_min_epu8(v, _mm_srli_si128(v, 4));
    v = _mm_min_epu8(v, _mm_srli_si128(v, 2));
    v = _mm_min_epu8(v, _mm_srli_si128(v, 1));
    return (unsigned)(_mm_cvtsi128_si32(v) & 0xff);
}
static inline vec_t v_last_lanes(size_t r)
{
    static const unsigned char t[2 * VB] = {[VB] = 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                            0xff,        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    return v_load((const char *)t + r);
}
typedef __m128i vsum_t;
static inline vsum_t vsum_zero(void)
{
    return _mm_setzero_si128();
}
static inline vsum_t vsum_add(vsum_t acc, vec_t v)
{
    return _mm_add_epi64(acc, _mm_sad_epu8(v, _mm_setzero_si128()));
}
static inline uint64_t vsum_total(vsum_t acc)
{
    return (uint64_t)_mm_cvtsi128_si64(acc) + (uint64_t)_mm_extract_epi64(acc, 1);
}

static inline void v_store(char *p, vec_t v)
{
    _mm_storeu_si128((__m128i *)p, v);
}
static inline vec_t v_table16(const unsigned char *t)
{
    return _mm_loadu_si128((const __m128i *)t);
}
static inline vec_t v_lookup16(vec_t table, vec_t idx)
{
    return _mm_shuffle_epi8(table, idx);
}
static inline vec_t v_blend(vec_t mask, vec_t a, vec_t b)
{
    return _mm_blendv_epi8(b, a, mask);
}
static inline vec_t v_reverse(vec_t v)
{
    return _mm_shuffle_epi8(v, _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
}

#include "kernels_simd.h"
