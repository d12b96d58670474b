/* AVX2 kernels: 32-byte vectors; the kernel bodies come from kernels_simd.h.
 * Compiled with -mavx2 (see CMakeLists.txt), called only when the CPU has AVX2. */
#include "ops_internal.h"

#include <immintrin.h>
#include <string.h>

typedef __m256i vec_t;
#define VB 32
#define KFN(name) name##_avx2

static inline vec_t v_load(const char *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}
static inline vec_t v_set1(unsigned char c)
{
    return _mm256_set1_epi8((char)c);
}
static inline vec_t v_zero(void)
{
    return _mm256_setzero_si256();
}
static inline vec_t v_ones(void)
{
    return _mm256_set1_epi8(-1);
}
static inline vec_t v_eq(vec_t a, vec_t b)
{
    return _mm256_cmpeq_epi8(a, b);
}
static inline vec_t v_or(vec_t a, vec_t b)
{
    return _mm256_or_si256(a, b);
}
static inline vec_t v_and(vec_t a, vec_t b)
{
    return _mm256_and_si256(a, b);
}
static inline vec_t v_sub(vec_t a, vec_t b)
{
    return _mm256_sub_epi8(a, b);
}
static inline vec_t v_subs(vec_t a, vec_t b)
{
    return _mm256_subs_epu8(a, b);
}
static inline vec_t v_max(vec_t a, vec_t b)
{
    return _mm256_max_epu8(a, b);
}
static inline vec_t v_min(vec_t a, vec_t b)
{
    return _mm256_min_epu8(a, b);
}
static inline uint64_t sum4(__m256i s)
{
    __m128i t = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
    return (uint64_t)_mm_cvtsi128_si64(t) + (uint64_t)_mm_extract_epi64(t, 1);
}
static inline uint64_t v_hsum(vec_t v)
{
    return sum4(_mm256_sad_epu8(v, _mm256_setzero_si256()));
}
static inline unsigned v_hmin(vec_t v)
{
    __m128i m = _mm_min_epu8(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 8));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 4));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 2));
    m = _mm_min_epu8(m, _mm_srli_si128(m, 1));
    return (unsigned)(_mm_cvtsi128_si32(m) & 0xff);
}
static inline vec_t v_last_lanes(size_t r)
{
    static const unsigned char t[2 * VB] = {[VB] = 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                            0xff,        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                            0xff,        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                            0xff,        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    return v_load((const char *)t + r);
}
typedef __m256i vsum_t;
static inline vsum_t vsum_zero(void)
{
    return _mm256_setzero_si256();
}
static inline vsum_t vsum_add(vsum_t acc, vec_t v)
{
    return _mm256_add_epi64(acc, _mm256_sad_epu8(v, _mm256_setzero_si256()));
}
static inline uint64_t vsum_total(vsum_t acc)
{
    return sum4(acc);
}

static inline void v_store(char *p, vec_t v)
{
    _mm256_storeu_si256((__m256i *)p, v);
}
static inline vec_t v_table16(const unsigned char *t)
{
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t));
}
static inline vec_t v_lookup16(vec_t table, vec_t idx)
{
    return _mm256_shuffle_epi8(table, idx);
}
static inline vec_t v_blend(vec_t mask, vec_t a, vec_t b)
{
    return _mm256_blendv_epi8(b, a, mask);
}
static inline vec_t v_reverse(vec_t v)
{
    const __m256i rev = _mm256_broadcastsi128_si256(
        _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    v = _mm256_shuffle_epi8(v, rev);              /* reverse within each 16-byte lane */
    return _mm256_permute2x128_si256(v, v, 0x01); /* then swap the lanes */
}

#include "kernels_simd.h"
