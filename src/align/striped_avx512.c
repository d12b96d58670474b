/* AVX-512BW striped alignment kernels: 64 unsigned 8-bit, 32 signed 16-bit or 16 signed 32-bit
 * lanes per 512-bit vector, comparisons into mask registers; the kernel bodies come from
 * striped_simd.h. Compiled with -mavx512f -mavx512bw. */
#include "striped.h"

#include <immintrin.h>
#include <string.h>

/* Shifts the vector up by `bytes` (lane k takes lane k-1), zeros entering at the bottom: each
 * 128-bit block takes its low bytes from the top of the block below. */
#define SHIFT_UP(v, bytes)                                                                         \
    _mm512_alignr_epi8((v), _mm512_alignr_epi64((v), _mm512_setzero_si512(), 6), 16 - (bytes))

/* Shifts up by whole 128-bit blocks: 1, 2 or 3. */
static inline __m512i shift_blocks(__m512i v, int blocks)
{
    switch (blocks) {
    case 1:
        return _mm512_alignr_epi64(v, _mm512_setzero_si512(), 6);
    case 2:
        return _mm512_alignr_epi64(v, _mm512_setzero_si512(), 4);
    default:
        return _mm512_alignr_epi64(v, _mm512_setzero_si512(), 2);
    }
}

/* Shifts up by `bytes` (1, 2, 4, 8 or a multiple of 16), zeros entering at the bottom. */
static inline __m512i shift_bytes(__m512i v, int bytes)
{
    switch (bytes) {
    case 1:
        return SHIFT_UP(v, 1);
    case 2:
        return SHIFT_UP(v, 2);
    case 4:
        return SHIFT_UP(v, 4);
    case 8:
        return SHIFT_UP(v, 8);
    default:
        return shift_blocks(v, bytes / 16);
    }
}

static inline int first_bit(uint64_t m)
{
    return m ? __builtin_ctzll(m) : -1;
}
static inline int last_bit(uint64_t m)
{
    return m ? 63 - __builtin_clzll(m) : -1;
}

/* The largest of the 16-bit lanes of a 256-bit vector. */
static inline int32_t hmax16_256(__m256i v)
{
    __m128i x = _mm_max_epi16(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 8));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 4));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 2));
    return (int16_t)_mm_cvtsi128_si32(x);
}

/* ---- unsigned 8-bit lanes (local mode, biased profile) ---- */

static inline __m512i u8_load(const uint8_t *p)
{
    return _mm512_loadu_si512(p);
}
static inline void u8_store(uint8_t *p, __m512i v)
{
    _mm512_storeu_si512(p, v);
}
static inline __m512i u8_set1(int32_t x)
{
    return _mm512_set1_epi8((char)x);
}
static inline __m512i u8_adds(__m512i a, __m512i b)
{
    return _mm512_adds_epu8(a, b);
}
static inline __m512i u8_subs(__m512i a, __m512i b)
{
    return _mm512_subs_epu8(a, b);
}
static inline __m512i u8_max(__m512i a, __m512i b)
{
    return _mm512_max_epu8(a, b);
}
static inline int u8_any_gt(__m512i a, __m512i b)
{
    return _mm512_cmpgt_epu8_mask(a, b) != 0;
}
static inline __mmask64 u8_eq(__m512i a, __m512i b)
{
    return _mm512_cmpeq_epi8_mask(a, b);
}
static inline int u8_any(__mmask64 m)
{
    return m != 0;
}
static inline __mmask64 u8_mor(__mmask64 a, __mmask64 b)
{
    return a | b;
}
static inline int u8_first(__mmask64 m)
{
    return first_bit(m);
}
static inline int u8_last(__mmask64 m)
{
    return last_bit(m);
}
static inline __m512i u8_shift_up(__m512i v, int d)
{
    return shift_bytes(v, d);
}
static inline int32_t u8_hmax(__m512i v)
{
    __m256i y = _mm256_max_epu8(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
    __m128i x = _mm_max_epu8(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 8));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 4));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 2));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 1));
    return (uint8_t)_mm_cvtsi128_si32(x);
}

/* ---- signed 16-bit lanes ---- */

static inline __m512i i16_load(const int16_t *p)
{
    return _mm512_loadu_si512(p);
}
static inline void i16_store(int16_t *p, __m512i v)
{
    _mm512_storeu_si512(p, v);
}
static inline __m512i i16_set1(int32_t x)
{
    return _mm512_set1_epi16((short)x);
}
static inline __m512i i16_adds(__m512i a, __m512i b)
{
    return _mm512_adds_epi16(a, b);
}
static inline __m512i i16_subs(__m512i a, __m512i b)
{
    return _mm512_subs_epi16(a, b);
}
static inline __m512i i16_max(__m512i a, __m512i b)
{
    return _mm512_max_epi16(a, b);
}
static inline int i16_any_gt(__m512i a, __m512i b)
{
    return _mm512_cmpgt_epi16_mask(a, b) != 0;
}
static inline __mmask32 i16_eq(__m512i a, __m512i b)
{
    return _mm512_cmpeq_epi16_mask(a, b);
}
static inline int i16_any(__mmask32 m)
{
    return m != 0;
}
static inline __mmask32 i16_mor(__mmask32 a, __mmask32 b)
{
    return a | b;
}
static inline int i16_first(__mmask32 m)
{
    return first_bit(m);
}
static inline int i16_last(__mmask32 m)
{
    return last_bit(m);
}
static inline __m512i i16_shift_up(__m512i v, int d)
{
    return _mm512_mask_set1_epi16(shift_bytes(v, 2 * d), (__mmask32)((1u << d) - 1), INT16_MIN);
}
static inline int32_t i16_hmax(__m512i v)
{
    return hmax16_256(_mm256_max_epi16(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1)));
}
static inline __mmask32 i16_gt(__m512i a, __m512i b)
{
    return _mm512_cmpgt_epi16_mask(a, b);
}
static inline __m512i i16_bits(__mmask32 m, int b)
{
    return _mm512_maskz_mov_epi16(m, _mm512_set1_epi16((short)b));
}
static inline __m512i i16_bits_not(__mmask32 m, int b)
{
    return _mm512_maskz_mov_epi16((__mmask32)~m, _mm512_set1_epi16((short)b));
}
static inline __m512i i16_or(__m512i a, __m512i b)
{
    return _mm512_or_si512(a, b);
}
static inline __m512i i16_and(__m512i a, __m512i b)
{
    return _mm512_and_si512(a, b);
}
static inline __m512i i16_select(__mmask32 m, __m512i a, __m512i b)
{
    return _mm512_mask_blend_epi16(m, b, a);
}
static inline void i16_store_codes(uint8_t *p, __m512i c)
{
    _mm256_storeu_si256((__m256i *)p, _mm512_cvtepi16_epi8(c));
}
static inline __m512i i16_load_codes(const uint8_t *p)
{
    return _mm512_cvtepu8_epi16(_mm256_loadu_si256((const __m256i *)p));
}

/* ---- signed 32-bit lanes (plain arithmetic: align.h's range check keeps scores far inside) ----
 */

static inline __m512i i32_load(const int32_t *p)
{
    return _mm512_loadu_si512(p);
}
static inline void i32_store(int32_t *p, __m512i v)
{
    _mm512_storeu_si512(p, v);
}
static inline __m512i i32_set1(int32_t x)
{
    return _mm512_set1_epi32(x);
}
static inline __m512i i32_adds(__m512i a, __m512i b)
{
    return _mm512_add_epi32(a, b);
}
static inline __m512i i32_subs(__m512i a, __m512i b)
{
    return _mm512_sub_epi32(a, b);
}
static inline __m512i i32_max(__m512i a, __m512i b)
{
    return _mm512_max_epi32(a, b);
}
static inline int i32_any_gt(__m512i a, __m512i b)
{
    return _mm512_cmpgt_epi32_mask(a, b) != 0;
}
static inline __mmask16 i32_eq(__m512i a, __m512i b)
{
    return _mm512_cmpeq_epi32_mask(a, b);
}
static inline int i32_any(__mmask16 m)
{
    return m != 0;
}
static inline __mmask16 i32_mor(__mmask16 a, __mmask16 b)
{
    return a | b;
}
static inline int i32_first(__mmask16 m)
{
    return first_bit(m);
}
static inline int i32_last(__mmask16 m)
{
    return last_bit(m);
}
static inline __m512i i32_shift_up(__m512i v, int d)
{
    return _mm512_mask_set1_epi32(shift_bytes(v, 4 * d), (__mmask16)((1u << d) - 1), -(1 << 30));
}
static inline int32_t i32_hmax(__m512i v)
{
    return _mm512_reduce_max_epi32(v);
}
static inline __mmask16 i32_gt(__m512i a, __m512i b)
{
    return _mm512_cmpgt_epi32_mask(a, b);
}
static inline __m512i i32_bits(__mmask16 m, int b)
{
    return _mm512_maskz_mov_epi32(m, _mm512_set1_epi32(b));
}
static inline __m512i i32_bits_not(__mmask16 m, int b)
{
    return _mm512_maskz_mov_epi32((__mmask16)~m, _mm512_set1_epi32(b));
}
static inline __m512i i32_or(__m512i a, __m512i b)
{
    return _mm512_or_si512(a, b);
}
static inline __m512i i32_and(__m512i a, __m512i b)
{
    return _mm512_and_si512(a, b);
}
static inline __m512i i32_select(__mmask16 m, __m512i a, __m512i b)
{
    return _mm512_mask_blend_epi32(m, b, a);
}
static inline void i32_store_codes(uint8_t *p, __m512i c)
{
    _mm_storeu_si128((__m128i *)p, _mm512_cvtepi32_epi8(c));
}
static inline __m512i i32_load_codes(const uint8_t *p)
{
    return _mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *)p));
}

/* ---- the kernels, once per lane width ---- */

#define SW_VEC __m512i

#define SW_MASK __mmask64
#define SW_ELEM uint8_t
#define SW_LANES 64
#define SW_MIN 0
#define SW_MAX 255
#define SW_NEG 0
#define SW_ZERO 0
#define SW_BIASED 1
#define SW_FN(name) name##_avx512_u8
#define SW_V(op) u8_##op
#include "striped_simd.h"
#undef SW_MASK
#undef SW_ELEM
#undef SW_LANES
#undef SW_MIN
#undef SW_MAX
#undef SW_NEG
#undef SW_ZERO
#undef SW_BIASED
#undef SW_FN
#undef SW_V

#define SW_MASK __mmask32
#define SW_ELEM int16_t
#define SW_LANES 32
#define SW_MIN INT16_MIN
#define SW_MAX INT16_MAX
#define SW_NEG INT16_MIN
#define SW_ZERO INT16_MIN
#define SW_BIASED 0
#define SW_FN(name) name##_avx512_i16
#define SW_V(op) i16_##op
#include "striped_simd.h"
#undef SW_MASK
#undef SW_ELEM
#undef SW_LANES
#undef SW_MIN
#undef SW_MAX
#undef SW_NEG
#undef SW_ZERO
#undef SW_BIASED
#undef SW_FN
#undef SW_V

#define SW_MASK __mmask16
#define SW_ELEM int32_t
#define SW_LANES 16
#define SW_MIN INT32_MIN
#define SW_MAX INT32_MAX
#define SW_NEG (-(1 << 30))
#define SW_ZERO 0
#define SW_BIASED 0
#define SW_FN(name) name##_avx512_i32
#define SW_V(op) i32_##op
#include "striped_simd.h"

const bm_sw_kernels_t bm_sw_avx512 = {
    "avx512",
    {64, forward_avx512_u8, NULL, NULL},
    {32, forward_avx512_i16, bound_avx512_i16, fill_avx512_i16},
    {16, forward_avx512_i32, bound_avx512_i32, fill_avx512_i32},
};
