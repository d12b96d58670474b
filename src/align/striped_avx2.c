/* AVX2 striped alignment kernels: 32 unsigned 8-bit, 16 signed 16-bit or 8 signed 32-bit lanes per
 * 256-bit vector; the kernel bodies come from striped_simd.h. Compiled with -mavx2. */
#include "striped.h"

#include <immintrin.h>
#include <string.h>

/* Shifts the 256-bit vector up by `bytes` (lane k takes lane k-1), zeros entering at the bottom. */
#define SHIFT_UP(v, bytes)                                                                         \
    _mm256_alignr_epi8((v), _mm256_permute2x128_si256((v), (v), 0x08), 16 - (bytes))

static inline int first_bit(unsigned m)
{
    return m ? __builtin_ctz(m) : -1;
}
static inline int last_bit(unsigned m)
{
    return m ? 31 - __builtin_clz(m) : -1;
}

/* ---- unsigned 8-bit lanes (local mode, biased profile) ---- */

static inline __m256i u8_load(const uint8_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}
static inline void u8_store(uint8_t *p, __m256i v)
{
    _mm256_storeu_si256((__m256i *)p, v);
}
static inline __m256i u8_set1(int32_t x)
{
    return _mm256_set1_epi8((char)x);
}
static inline __m256i u8_adds(__m256i a, __m256i b)
{
    return _mm256_adds_epu8(a, b);
}
static inline __m256i u8_subs(__m256i a, __m256i b)
{
    return _mm256_subs_epu8(a, b);
}
static inline __m256i u8_max(__m256i a, __m256i b)
{
    return _mm256_max_epu8(a, b);
}
static inline int u8_any_gt(__m256i a, __m256i b)
{
    return (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(a, b), b)) !=
           0xffffffffu;
}
static inline __m256i u8_eq(__m256i a, __m256i b)
{
    return _mm256_cmpeq_epi8(a, b);
}
static inline int u8_any(__m256i m)
{
    return _mm256_movemask_epi8(m) != 0;
}
static inline __m256i u8_mor(__m256i a, __m256i b)
{
    return _mm256_or_si256(a, b);
}
static inline int u8_first(__m256i m)
{
    return first_bit((unsigned)_mm256_movemask_epi8(m));
}
static inline int u8_last(__m256i m)
{
    return last_bit((unsigned)_mm256_movemask_epi8(m));
}
static inline __m256i u8_shift_up(__m256i v, int d)
{
    switch (d) {
    case 1:
        return SHIFT_UP(v, 1);
    case 2:
        return SHIFT_UP(v, 2);
    case 4:
        return SHIFT_UP(v, 4);
    case 8:
        return SHIFT_UP(v, 8);
    default:
        return _mm256_permute2x128_si256(v, v, 0x08);
    }
}
static inline int32_t u8_hmax(__m256i v)
{
    __m128i x = _mm_max_epu8(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 8));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 4));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 2));
    x = _mm_max_epu8(x, _mm_srli_si128(x, 1));
    return (uint8_t)_mm_cvtsi128_si32(x);
}

/* ---- signed 16-bit lanes ---- */

static inline __m256i i16_load(const int16_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}
static inline void i16_store(int16_t *p, __m256i v)
{
    _mm256_storeu_si256((__m256i *)p, v);
}
static inline __m256i i16_set1(int32_t x)
{
    return _mm256_set1_epi16((short)x);
}
static inline __m256i i16_adds(__m256i a, __m256i b)
{
    return _mm256_adds_epi16(a, b);
}
static inline __m256i i16_subs(__m256i a, __m256i b)
{
    return _mm256_subs_epi16(a, b);
}
static inline __m256i i16_max(__m256i a, __m256i b)
{
    return _mm256_max_epi16(a, b);
}
static inline int i16_any_gt(__m256i a, __m256i b)
{
    return _mm256_movemask_epi8(_mm256_cmpgt_epi16(a, b)) != 0;
}
static inline __m256i i16_eq(__m256i a, __m256i b)
{
    return _mm256_cmpeq_epi16(a, b);
}
static inline int i16_any(__m256i m)
{
    return _mm256_movemask_epi8(m) != 0;
}
static inline __m256i i16_mor(__m256i a, __m256i b)
{
    return _mm256_or_si256(a, b);
}
static inline int i16_first(__m256i m)
{
    int b = first_bit((unsigned)_mm256_movemask_epi8(m));
    return b < 0 ? -1 : b / 2;
}
static inline int i16_last(__m256i m)
{
    int b = last_bit((unsigned)_mm256_movemask_epi8(m));
    return b < 0 ? -1 : b / 2;
}
static inline __m256i i16_shift_up(__m256i v, int d)
{
    static const int16_t fill[32] = {
        INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN,
        INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN, INT16_MIN};
    __m256i f = _mm256_loadu_si256((const __m256i *)(fill + 16 - d));
    switch (d) {
    case 1:
        return _mm256_or_si256(SHIFT_UP(v, 2), f);
    case 2:
        return _mm256_or_si256(SHIFT_UP(v, 4), f);
    case 4:
        return _mm256_or_si256(SHIFT_UP(v, 8), f);
    default:
        return _mm256_or_si256(_mm256_permute2x128_si256(v, v, 0x08), f);
    }
}
static inline int32_t i16_hmax(__m256i v)
{
    __m128i x = _mm_max_epi16(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 8));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 4));
    x = _mm_max_epi16(x, _mm_srli_si128(x, 2));
    return (int16_t)_mm_cvtsi128_si32(x);
}
static inline __m256i i16_gt(__m256i a, __m256i b)
{
    return _mm256_cmpgt_epi16(a, b);
}
static inline __m256i i16_bits(__m256i m, int b)
{
    return _mm256_and_si256(m, _mm256_set1_epi16((short)b));
}
static inline __m256i i16_bits_not(__m256i m, int b)
{
    return _mm256_andnot_si256(m, _mm256_set1_epi16((short)b));
}
static inline __m256i i16_or(__m256i a, __m256i b)
{
    return _mm256_or_si256(a, b);
}
static inline __m256i i16_and(__m256i a, __m256i b)
{
    return _mm256_and_si256(a, b);
}
static inline __m256i i16_select(__m256i m, __m256i a, __m256i b)
{
    return _mm256_blendv_epi8(b, a, m);
}
static inline void i16_store_codes(uint8_t *p, __m256i c)
{
    __m256i b = _mm256_permute4x64_epi64(_mm256_packus_epi16(c, c), 0xd8);
    _mm_storeu_si128((__m128i *)p, _mm256_castsi256_si128(b));
}
static inline __m256i i16_load_codes(const uint8_t *p)
{
    return _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)p));
}

/* ---- signed 32-bit lanes (plain arithmetic: align.h's range check keeps scores far inside) ----
 */

static inline __m256i i32_load(const int32_t *p)
{
    return _mm256_loadu_si256((const __m256i *)p);
}
static inline void i32_store(int32_t *p, __m256i v)
{
    _mm256_storeu_si256((__m256i *)p, v);
}
static inline __m256i i32_set1(int32_t x)
{
    return _mm256_set1_epi32(x);
}
static inline __m256i i32_adds(__m256i a, __m256i b)
{
    return _mm256_add_epi32(a, b);
}
static inline __m256i i32_subs(__m256i a, __m256i b)
{
    return _mm256_sub_epi32(a, b);
}
static inline __m256i i32_max(__m256i a, __m256i b)
{
    return _mm256_max_epi32(a, b);
}
static inline int i32_any_gt(__m256i a, __m256i b)
{
    return _mm256_movemask_epi8(_mm256_cmpgt_epi32(a, b)) != 0;
}
static inline __m256i i32_eq(__m256i a, __m256i b)
{
    return _mm256_cmpeq_epi32(a, b);
}
static inline int i32_any(__m256i m)
{
    return _mm256_movemask_epi8(m) != 0;
}
static inline __m256i i32_mor(__m256i a, __m256i b)
{
    return _mm256_or_si256(a, b);
}
static inline int i32_first(__m256i m)
{
    int b = first_bit((unsigned)_mm256_movemask_epi8(m));
    return b < 0 ? -1 : b / 4;
}
static inline int i32_last(__m256i m)
{
    int b = last_bit((unsigned)_mm256_movemask_epi8(m));
    return b < 0 ? -1 : b / 4;
}
static inline __m256i i32_shift_up(__m256i v, int d)
{
    static const int32_t fill[16] = {-(1 << 30), -(1 << 30), -(1 << 30), -(1 << 30),
                                     -(1 << 30), -(1 << 30), -(1 << 30), -(1 << 30)};
    __m256i f = _mm256_loadu_si256((const __m256i *)(fill + 8 - d));
    switch (d) {
    case 1:
        return _mm256_or_si256(SHIFT_UP(v, 4), f);
    case 2:
        return _mm256_or_si256(SHIFT_UP(v, 8), f);
    default:
        return _mm256_or_si256(_mm256_permute2x128_si256(v, v, 0x08), f);
    }
}
static inline int32_t i32_hmax(__m256i v)
{
    __m128i x = _mm_max_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    x = _mm_max_epi32(x, _mm_srli_si128(x, 8));
    x = _mm_max_epi32(x, _mm_srli_si128(x, 4));
    return _mm_cvtsi128_si32(x);
}
static inline __m256i i32_gt(__m256i a, __m256i b)
{
    return _mm256_cmpgt_epi32(a, b);
}
static inline __m256i i32_bits(__m256i m, int b)
{
    return _mm256_and_si256(m, _mm256_set1_epi32(b));
}
static inline __m256i i32_bits_not(__m256i m, int b)
{
    return _mm256_andnot_si256(m, _mm256_set1_epi32(b));
}
static inline __m256i i32_or(__m256i a, __m256i b)
{
    return _mm256_or_si256(a, b);
}
static inline __m256i i32_and(__m256i a, __m256i b)
{
    return _mm256_and_si256(a, b);
}
static inline __m256i i32_select(__m256i m, __m256i a, __m256i b)
{
    return _mm256_blendv_epi8(b, a, m);
}
static inline void i32_store_codes(uint8_t *p, __m256i c)
{
    __m256i w = _mm256_packus_epi32(c, c);
    __m256i b = _mm256_packus_epi16(w, w); /* bytes 0-3: lanes 0-3; bytes 16-19: lanes 4-7 */
    b = _mm256_permutevar8x32_epi32(b, _mm256_setr_epi32(0, 4, 0, 0, 0, 0, 0, 0));
    _mm_storel_epi64((__m128i *)p, _mm256_castsi256_si128(b));
}
static inline __m256i i32_load_codes(const uint8_t *p)
{
    return _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)p));
}

/* ---- the kernels, once per lane width ---- */

#define SW_VEC __m256i
#define SW_MASK __m256i

#define SW_ELEM uint8_t
#define SW_LANES 32
#define SW_MIN 0
#define SW_MAX 255
#define SW_NEG 0
#define SW_ZERO 0
#define SW_BIASED 1
#define SW_FN(name) name##_avx2_u8
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
#define SW_LANES 16
#define SW_MIN INT16_MIN
#define SW_MAX INT16_MAX
#define SW_NEG INT16_MIN
#define SW_ZERO INT16_MIN
#define SW_BIASED 0
#define SW_FN(name) name##_avx2_i16
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
#define SW_LANES 8
#define SW_MIN INT32_MIN
#define SW_MAX INT32_MAX
#define SW_NEG (-(1 << 30))
#define SW_ZERO 0
#define SW_BIASED 0
#define SW_FN(name) name##_avx2_i32
#define SW_V(op) i32_##op
#include "striped_simd.h"

const bm_sw_kernels_t bm_sw_avx2 = {
    "avx2",
    {32, forward_avx2_u8, NULL, NULL},
    {16, forward_avx2_i16, bound_avx2_i16, fill_avx2_i16},
    {8, forward_avx2_i32, bound_avx2_i32, fill_avx2_i32},
};
