/* SSE4.1 striped alignment kernels: 16 unsigned 8-bit, 8 signed 16-bit or 4 signed 32-bit lanes per
 * 128-bit vector; the kernel bodies come from striped_simd.h. Compiled with -msse4.1. */
#include "striped.h"

#include <immintrin.h>
#include <string.h>

/* Shifts the vector up by `bytes` (lane k takes lane k-1), zeros entering at the bottom. */
#define SHIFT_UP(v, bytes) _mm_slli_si128((v), (bytes))

static inline int first_bit(unsigned m)
{
    return m ? __builtin_ctz(m) : -1;
}
static inline int last_bit(unsigned m)
{
    return m ? 31 - __builtin_clz(m) : -1;
}

/* ---- unsigned 8-bit lanes (local mode, biased profile) ---- */

static inline __m128i u8_load(const uint8_t *p)
{
    return _mm_loadu_si128((const __m128i *)p);
}
static inline void u8_store(uint8_t *p, __m128i v)
{
    _mm_storeu_si128((__m128i *)p, v);
}
static inline __m128i u8_set1(int32_t x)
{
    return _mm_set1_epi8((char)x);
}
static inline __m128i u8_adds(__m128i a, __m128i b)
{
    return _mm_adds_epu8(a, b);
}
static inline __m128i u8_subs(__m128i a, __m128i b)
{
    return _mm_subs_epu8(a, b);
}
static inline __m128i u8_max(__m128i a, __m128i b)
{
    return _mm_max_epu8(a, b);
}
static inline int u8_any_gt(__m128i a, __m128i b)
{
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(a, b), b)) != 0xffffu;
}
static inline __m128i u8_eq(__m128i a, __m128i b)
{
    return _mm_cmpeq_epi8(a, b);
}
static inline int u8_any(__m128i m)
{
    return _mm_movemask_epi8(m) != 0;
}
static inline __m128i u8_mor(__m128i a, __m128i b)
{
    return _mm_or_si128(a, b);
}
static inline int u8_first(__m128i m)
{
    return first_bit((unsigned)_mm_movemask_epi8(m));
}
static inline int u8_last(__m128i m)
{
    return last_bit((unsigned)_mm_movemask_epi8(m));
}
static inline __m128i u8_shift_up(__m128i v, int d)
{
    switch (d) {
    case 1:
        return _mm_slli_si128(v, 1);
    case 2:
        return _mm_slli_si128(v, 2);
    case 4:
        return _mm_slli_si128(v, 4);
    default:
        return _mm_slli_si128(v, 8);
    }
}
static inline int32_t u8_hmax(__m128i v)
{
    __m128i x = _mm_max_epu8(v, _mm_srli_si128(v, 8));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 4));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 2));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 1));
    return (uint8_t)_mm_cvtsi128_si32(x);
}

/* ---- signed 16-bit lanes ---- */

static inline __m128i i16_load(const int16_t *p)
{
    return _mm_loadu_si128((const __m128i *)p);
}
static inline void i16_store(int16_t *p, __m128i v)
{
    _mm_storeu_si128((__m128i *)p, v);
}
static inline __m128i i16_set1(int32_t x)
{
    return _mm_set1_epi16((short)x);
}
static inline __m128i i16_adds(__m128i a, __m128i b)
{
    return _mm_adds_epi16(a, b);
}
static inline __m128i i16_subs(__m128i a, __m128i b)
{
    return _mm_subs_epi16(a, b);
}
static inline __m128i i16_max(__m128i a, __m128i b)
{
    return _mm_max_epi16(a, b);
}
static inline int i16_any_gt(__m128i a, __m128i b)
{
    return _mm_movemask_epi8(_mm_cmpgt_epi16(a, b)) != 0;
}
static inline __m128i i16_eq(__m128i a, __m128i b)
{
    return _mm_cmpeq_epi16(a, b);
}
static inline int i16_any(__m128i m)
{
    return _mm_movemask_epi8(m) != 0;
}
static inline __m128i i16_mor(__m128i a, __m128i b)
{
    return _mm_or_si128(a, b);
}
static inline int i16_first(__m128i m)
{
    int b = first_bit((unsigned)_mm_movemask_epi8(m));
    return b < 0 ? -1 : b / 2;
}
static inline int i16_last(__m128i m)
{
    int b = last_bit((unsigned)_mm_movemask_epi8(m));
    return b < 0 ? -1 : b / 2;
}
static inline __m128i i16_shift_up(__m128i v, int d)
{
    static const int16_t fill[16] = {INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN,
                                     INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN};
    __m128i f = _mm_loadu_si128((const __m128i *)(fill + 8 - d));
    switch (d) {
    case 1:
        return _mm_or_si128(_mm_slli_si128(v, 2), f);
    case 2:
        return _mm_or_si128(_mm_slli_si128(v, 4), f);
    default:
        return _mm_or_si128(_mm_slli_si128(v, 8), f);
    }
}
static inline int32_t i16_hmax(__m128i v)
{
    __m128i x = _mm_max_epi16(v, _mm_srli_si128(v, 8));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 4));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 2));
    return (int16_t)_mm_cvtsi128_si32(x);
}
static inline __m128i i16_gt(__m128i a, __m128i b)
{
    return _mm_cmpgt_epi16(a, b);
}
static inline __m128i i16_bits(__m128i m, int b)
{
    return _mm_and_si128(m, _mm_set1_epi16((short)b));
}
static inline __m128i i16_bits_not(__m128i m, int b)
{
    return _mm_andnot_si128(m, _mm_set1_epi16((short)b));
}
static inline __m128i i16_or(__m128i a, __m128i b)
{
    return _mm_or_si128(a, b);
}
static inline __m128i i16_and(__m128i a, __m128i b)
{
    return _mm_and_si128(a, b);
}
static inline __m128i i16_select(__m128i m, __m128i a, __m128i b)
{
    return _mm_blendv_epi8(b, a, m);
}
static inline void i16_store_codes(uint8_t *p, __m128i c)
{
    _mm_storel_epi64((__m128i *)p, _mm_packus_epi16(c, c));
}
static inline __m128i i16_load_codes(const uint8_t *p)
{
    return _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)p));
}

/* ---- signed 32-bit lanes (plain arithmetic: align.h's range check keeps scores far inside) ----
 */

static inline __m128i i32_load(const int32_t *p)
{
    return _mm_loadu_si128((const __m128i *)p);
}
static inline void i32_store(int32_t *p, __m128i v)
{
    _mm_storeu_si128((__m128i *)p, v);
}
static inline __m128i i32_set1(int32_t x)
{
    return _mm_set1_epi32(x);
}
static inline __m128i i32_adds(__m128i a, __m128i b)
{
    return _mm_add_epi32(a, b);
}
static inline __m128i i32_subs(__m128i a, __m128i b)
{
    return _mm_sub_epi32(a, b);
}
static inline __m128i i32_max(__m128i a, __m128i b)
{
    return _mm_max_epi32(a, b);
}
static inline int i32_any_gt(__m128i a, __m128i b)
{
    return _mm_movemask_epi8(_mm_cmpgt_epi32(a, b)) != 0;
}
static inline __m128i i32_eq(__m128i a, __m128i b)
{
    return _mm_cmpeq_epi32(a, b);
}
static inline int i32_any(__m128i m)
{
    return _mm_movemask_epi8(m) != 0;
}
static inline __m128i i32_mor(__m128i a, __m128i b)
{
    return _mm_or_si128(a, b);
}
static inline int i32_first(__m128i m)
{
    int b = first_bit((unsigned)_mm_movemask_epi8(m));
    return b < 0 ? -1 : b / 4;
}
static inline int i32_last(__m128i m)
{
    int b = last_bit((unsigned)_mm_movemask_epi8(m));
    return b < 0 ? -1 : b / 4;
}
static inline __m128i i32_shift_up(__m128i v, int d)
{
    static const int32_t fill[8] = {-(1 << 30), -(1 << 30), -(1 << 30), -(1 << 30)};
    __m128i f = _mm_loadu_si128((const __m128i *)(fill + 4 - d));
    return d == 1 ? _mm_or_si128(_mm_slli_si128(v, 4), f) : _mm_or_si128(_mm_slli_si128(v, 8), f);
}
static inline int32_t i32_hmax(__m128i v)
{
    __m128i x = _mm_max_epi32(v, _mm_srli_si128(v, 8));
    x = _mm_max_epi32(x, _mm_srli_si128(x, 4));
    return _mm_cvtsi128_si32(x);
}
static inline __m128i i32_gt(__m128i a, __m128i b)
{
    return _mm_cmpgt_epi32(a, b);
}
static inline __m128i i32_bits(__m128i m, int b)
{
    return _mm_and_si128(m, _mm_set1_epi32(b));
}
static inline __m128i i32_bits_not(__m128i m, int b)
{
    return _mm_andnot_si128(m, _mm_set1_epi32(b));
}
static inline __m128i i32_or(__m128i a, __m128i b)
{
    return _mm_or_si128(a, b);
}
static inline __m128i i32_and(__m128i a, __m128i b)
{
    return _mm_and_si128(a, b);
}
static inline __m128i i32_select(__m128i m, __m128i a, __m128i b)
{
    return _mm_blendv_epi8(b, a, m);
}
static inline void i32_store_codes(uint8_t *p, __m128i c)
{
    __m128i w = _mm_packus_epi32(c, c);
    int32_t b = _mm_cvtsi128_si32(_mm_packus_epi16(w, w));
    memcpy(p, &b, 4);
}
static inline __m128i i32_load_codes(const uint8_t *p)
{
    int32_t b;
    memcpy(&b, p, 4);
    return _mm_cvtepu8_epi32(_mm_cvtsi32_si128(b));
}

/* ---- the kernels, once per lane width ---- */

#define SW_VEC __m128i
#define SW_MASK __m128i

#define SW_ELEM uint8_t
#define SW_LANES 16
#define SW_MIN 0
#define SW_MAX 255
#define SW_NEG 0
#define SW_ZERO 0
#define SW_BIASED 1
#define SW_FN(name) name##_sse41_u8
#define SW_V(op) u8_##op
#include "striped_simd.h"
#undef SW_ELEM
#undef SW_LANES
#undef SW_MIN
#undef SW_MAX
#undef SW_NEG
#undef SW_ZERO
#undef SW_BIASED
#undef SW_FN
#undef SW_V

#define SW_ELEM int16_t
#define SW_LANES 8
#define SW_MIN INT16_MIN
#define SW_MAX INT16_MAX
#define SW_NEG INT16_MIN
#define SW_ZERO INT16_MIN
#define SW_BIASED 0
#define SW_FN(name) name##_sse41_i16
#define SW_V(op) i16_##op
#include "striped_simd.h"
#undef SW_ELEM
#undef SW_LANES
#undef SW_MIN
#undef SW_MAX
#undef SW_NEG
#undef SW_ZERO
#undef SW_BIASED
#undef SW_FN
#undef SW_V

#define SW_ELEM int32_t
#define SW_LANES 4
#define SW_MIN INT32_MIN
#define SW_MAX INT32_MAX
#define SW_NEG (-(1 << 30))
#define SW_ZERO 0
#define SW_BIASED 0
#define SW_FN(name) name##_sse41_i32
#define SW_V(op) i32_##op
#include "striped_simd.h"

const bm_sw_kernels_t bm_sw_sse41 = {
    "sse41",
    {16, forward_sse41_u8, NULL, NULL},
    {8, forward_sse41_i16, bound_sse41_i16, fill_sse41_i16},
    {4, forward_sse41_i32, bound_sse41_i32, fill_sse41_i32},
};
