/* AVX-512BW kernels: 64-byte vectors; the kernel bodies come from kernels_simd.h.
 * Compiled with -mavx512f -mavx512bw (see CMakeLists.txt), called only when the CPU has both. */
#include "ops_internal.h"

#include <immintrin.h>
#include <string.h>

typedef __m512i vec_t;
#define VB 64
#define KFN(name) name##_avx512

static inline vec_t v_load(const char *p)
{
    return _mm512_loadu_si512((const void *)p);
}
static inline vec_t v_set1(unsigned char c)
{
    return _mm512_set1_epi8((char)c);
}
static inline vec_t v_zero(void)
{
    return _mm512_setzero_si512();
}
static inline vec_t v_ones(void)
{
    return _mm512_set1_epi8(-1);
}
static inline vec_t v_eq(vec_t a, vec_t b)
{
    return _mm512_movm_epi8(_mm512_cmpeq_epi8_mask(a, b));
}
static inline vec_t v_or(vec_t a, vec_t b)
{
    return _mm512_or_si512(a, b);
}
static inline vec_t v_and(vec_t a, vec_t b)
{
    return _mm512_and_si512(a, b);
}
static inline vec_t v_sub(vec_t a, vec_t b)
{
    return _mm512_sub_epi8(a, b);
}
static inline vec_t v_subs(vec_t a, vec_t b)
{
    return _mm512_subs_epu8(a, b);
}
static inline vec_t v_max(vec_t a, vec_t b)
{
    return _mm512_max_epu8(a, b);
}
static inline vec_t v_min(vec_t a, vec_t b)
{
    return _mm512_min_epu8(a, b);
}
static inline uint64_t v_hsum(vec_t v)
{
    return (uint64_t)_mm512_reduce_add_epi64(_mm512_sad_epu8(v, _mm512_setzero_si512()));
}
static inline unsigned v_hmin(vec_t v)
{
    __m256i h = _mm256_min_epu8(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
    __m128i m = _mm_min_epu8(_mm256_castsi256_si128(h), _mm256_extracti128_si256(h, 1));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 8));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 4));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 2));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 1));
    return (unsigned)(_mm_cvtsi128_si32(m) & 0xff);
}
static inline vec_t v_last_lanes(size_t r)
{
    return _mm512_movm_epi8(~(__mmask64)0 << (VB - r)); /* lanes VB-r .. VB-1 */
}
typedef __m512i vsum_t;
static inline vsum_t vsum_zero(void)
{
    return _mm512_setzero_si512();
}
static inline vsum_t vsum_add(vsum_t acc, vec_t v)
{
    return _mm512_add_epi64(acc, _mm512_sad_epu8(v, _mm512_setzero_si512()));
}
static inline uint64_t vsum_total(vsum_t acc)
{
    return (uint64_t)_mm512_reduce_add_epi64(acc);
}

static inline void v_store(char *p, vec_t v)
{
    _mm512_storeu_si512((void *)p, v);
}
static inline vec_t v_table16(const unsigned char *t)
{
    return _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)t));
}
static inline vec_t v_lookup16(vec_t table, vec_t idx)
{
    return _mm512_shuffle_epi8(table, idx);
}
static inline vec_t v_blend(vec_t mask, vec_t a, vec_t b)
{
    return _mm512_mask_blend_epi8(_mm512_movepi8_mask(mask), b, a);
}
static inline vec_t v_reverse(vec_t v)
{
    const __m512i rev =
        _mm512_broadcast_i32x4(_mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    v = _mm512_shuffle_epi8(v, rev);         /* reverse within each 16-byte lane */
    return _mm512_shuffle_i64x2(v, v, 0x1b); /* then the order of the four lanes */
}

#include "kernels_simd.h"
