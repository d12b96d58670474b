/* NEON striped alignment kernels for ARM64: 16 unsigned 8-bit, 8 signed 16-bit or 4 signed 32-bit
 * lanes per 128-bit vector; the kernel bodies come from striped_simd.h. NEON is part of every
 * ARMv8-A CPU, so no feature flag is needed. */
#include "striped.h"

#include <arm_neon.h>
#include <string.h>

static inline int first_bit(uint64_t m, int per_lane)
{
    return m ? __builtin_ctzll(m) / per_lane : -1;
}
static inline int last_bit(uint64_t m, int per_lane)
{
    return m ? (63 - __builtin_clzll(m)) / per_lane : -1;
}

/* A 16-bit lane mask as 64 bits, 8 per lane (a byte mask: 4 per lane). */
static inline uint64_t bits_of_u16(uint16x8_t m)
{
    return vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(m, 4)), 0);
}

/* ---- unsigned 8-bit lanes (local mode, biased profile) ---- */

static inline uint8x16_t u8_load(const uint8_t *p)
{
    return vld1q_u8(p);
}
static inline void u8_store(uint8_t *p, uint8x16_t v)
{
    vst1q_u8(p, v);
}
static inline uint8x16_t u8_set1(int32_t x)
{
    return vdupq_n_u8((uint8_t)x);
}
static inline uint8x16_t u8_adds(uint8x16_t a, uint8x16_t b)
{
    return vqaddq_u8(a, b);
}
static inline uint8x16_t u8_subs(uint8x16_t a, uint8x16_t b)
{
    return vqsubq_u8(a, b);
}
static inline uint8x16_t u8_max(uint8x16_t a, uint8x16_t b)
{
    return vmaxq_u8(a, b);
}
static inline int u8_any_gt(uint8x16_t a, uint8x16_t b)
{
    return vmaxvq_u8(vcgtq_u8(a, b)) != 0;
}
static inline uint8x16_t u8_eq(uint8x16_t a, uint8x16_t b)
{
    return vceqq_u8(a, b);
}
static inline int u8_any(uint8x16_t m)
{
    return vmaxvq_u8(m) != 0;
}
static inline uint8x16_t u8_mor(uint8x16_t a, uint8x16_t b)
{
    return vorrq_u8(a, b);
}
static inline int u8_first(uint8x16_t m)
{
    return first_bit(bits_of_u16(vreinterpretq_u16_u8(m)), 4);
}
static inline int u8_last(uint8x16_t m)
{
    return last_bit(bits_of_u16(vreinterpretq_u16_u8(m)), 4);
}
static inline uint8x16_t u8_shift_up(uint8x16_t v, int d)
{
    const uint8x16_t z = vdupq_n_u8(0);
    switch (d) {
    case 1:
        return vextq_u8(z, v, 15);
    case 2:
        return vextq_u8(z, v, 14);
    case 4:
        return vextq_u8(z, v, 12);
    default:
        return vextq_u8(z, v, 8);
    }
}
static inline int32_t u8_hmax(uint8x16_t v)
{
    return vmaxvq_u8(v);
}

/* ---- signed 16-bit lanes ---- */

static inline int16x8_t i16_load(const int16_t *p)
{
    return vld1q_s16(p);
}
static inline void i16_store(int16_t *p, int16x8_t v)
{
    vst1q_s16(p, v);
}
static inline int16x8_t i16_set1(int32_t x)
{
    return vdupq_n_s16((int16_t)x);
}
static inline int16x8_t i16_adds(int16x8_t a, int16x8_t b)
{
    return vqaddq_s16(a, b);
}
static inline int16x8_t i16_subs(int16x8_t a, int16x8_t b)
{
    return vqsubq_s16(a, b);
}
static inline int16x8_t i16_max(int16x8_t a, int16x8_t b)
{
    return vmaxq_s16(a, b);
}
static inline int i16_any_gt(int16x8_t a, int16x8_t b)
{
    return vmaxvq_u16(vcgtq_s16(a, b)) != 0;
}
static inline uint16x8_t i16_eq(int16x8_t a, int16x8_t b)
{
    return vceqq_s16(a, b);
}
static inline uint16x8_t i16_gt(int16x8_t a, int16x8_t b)
{
    return vcgtq_s16(a, b);
}
static inline int i16_any(uint16x8_t m)
{
    return vmaxvq_u16(m) != 0;
}
static inline uint16x8_t i16_mor(uint16x8_t a, uint16x8_t b)
{
    return vorrq_u16(a, b);
}
static inline int i16_first(uint16x8_t m)
{
    return first_bit(bits_of_u16(m), 8);
}
static inline int i16_last(uint16x8_t m)
{
    return last_bit(bits_of_u16(m), 8);
}
static inline int16x8_t i16_shift_up(int16x8_t v, int d)
{
    const int16x8_t f = vdupq_n_s16(INT16_MIN);
    switch (d) {
    case 1:
        return vextq_s16(f, v, 7);
    case 2:
        return vextq_s16(f, v, 6);
    default:
        return vextq_s16(f, v, 4);
    }
}
static inline int32_t i16_hmax(int16x8_t v)
{
    return vmaxvq_s16(v);
}
static inline int16x8_t i16_bits(uint16x8_t m, int b)
{
    return vandq_s16(vreinterpretq_s16_u16(m), vdupq_n_s16((int16_t)b));
}
static inline int16x8_t i16_bits_not(uint16x8_t m, int b)
{
    return vbicq_s16(vdupq_n_s16((int16_t)b), vreinterpretq_s16_u16(m));
}
static inline int16x8_t i16_or(int16x8_t a, int16x8_t b)
{
    return vorrq_s16(a, b);
}
static inline int16x8_t i16_and(int16x8_t a, int16x8_t b)
{
    return vandq_s16(a, b);
}
static inline int16x8_t i16_select(uint16x8_t m, int16x8_t a, int16x8_t b)
{
    return vbslq_s16(m, a, b);
}
static inline void i16_store_codes(uint8_t *p, int16x8_t c)
{
    vst1_u8(p, vqmovun_s16(c));
}
static inline int16x8_t i16_load_codes(const uint8_t *p)
{
    return vreinterpretq_s16_u16(vmovl_u8(vld1_u8(p)));
}

/* ---- signed 32-bit lanes (plain arithmetic: align.h's range check keeps scores far inside) ----
 */

static inline int32x4_t i32_load(const int32_t *p)
{
    return vld1q_s32(p);
}
static inline void i32_store(int32_t *p, int32x4_t v)
{
    vst1q_s32(p, v);
}
static inline int32x4_t i32_set1(int32_t x)
{
    return vdupq_n_s32(x);
}
static inline int32x4_t i32_adds(int32x4_t a, int32x4_t b)
{
    return vaddq_s32(a, b);
}
static inline int32x4_t i32_subs(int32x4_t a, int32x4_t b)
{
    return vsubq_s32(a, b);
}
static inline int32x4_t i32_max(int32x4_t a, int32x4_t b)
{
    return vmaxq_s32(a, b);
}
static inline int i32_any_gt(int32x4_t a, int32x4_t b)
{
    return vmaxvq_u32(vcgtq_s32(a, b)) != 0;
}
static inline uint32x4_t i32_eq(int32x4_t a, int32x4_t b)
{
    return vceqq_s32(a, b);
}
static inline uint32x4_t i32_gt(int32x4_t a, int32x4_t b)
{
    return vcgtq_s32(a, b);
}
static inline int i32_any(uint32x4_t m)
{
    return vmaxvq_u32(m) != 0;
}
static inline uint32x4_t i32_mor(uint32x4_t a, uint32x4_t b)
{
    return vorrq_u32(a, b);
}
static inline int i32_first(uint32x4_t m)
{
    return first_bit(vget_lane_u64(vreinterpret_u64_u16(vmovn_u32(m)), 0), 16);
}
static inline int i32_last(uint32x4_t m)
{
    return last_bit(vget_lane_u64(vreinterpret_u64_u16(vmovn_u32(m)), 0), 16);
}
static inline int32x4_t i32_shift_up(int32x4_t v, int d)
{
    const int32x4_t f = vdupq_n_s32(-(1 << 30));
    return d == 1 ? vextq_s32(f, v, 3) : vextq_s32(f, v, 2);
}
static inline int32_t i32_hmax(int32x4_t v)
{
    return vmaxvq_s32(v);
}
static inline int32x4_t i32_bits(uint32x4_t m, int b)
{
    return vandq_s32(vreinterpretq_s32_u32(m), vdupq_n_s32(b));
}
static inline int32x4_t i32_bits_not(uint32x4_t m, int b)
{
    return vbicq_s32(vdupq_n_s32(b), vreinterpretq_s32_u32(m));
}
static inline int32x4_t i32_or(int32x4_t a, int32x4_t b)
{
    return vorrq_s32(a, b);
}
static inline int32x4_t i32_and(int32x4_t a, int32x4_t b)
{
    return vandq_s32(a, b);
}
static inline int32x4_t i32_select(uint32x4_t m, int32x4_t a, int32x4_t b)
{
    return vbslq_s32(m, a, b);
}
static inline void i32_store_codes(uint8_t *p, int32x4_t c)
{
    uint16x4_t w = vqmovun_s32(c);
    uint32_t b = vget_lane_u32(vreinterpret_u32_u8(vqmovn_u16(vcombine_u16(w, w))), 0);
    memcpy(p, &b, 4);
}
static inline int32x4_t i32_load_codes(const uint8_t *p)
{
    uint32_t b;
    memcpy(&b, p, 4);
    uint8x8_t bytes = vreinterpret_u8_u32(vdup_n_u32(b));
    return vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(vmovl_u8(bytes))));
}

/* ---- the kernels, once per lane width ---- */

#define SW_VEC uint8x16_t
#define SW_MASK uint8x16_t
#define SW_ELEM uint8_t
#define SW_LANES 16
#define SW_MIN 0
#define SW_MAX 255
#define SW_NEG 0
#define SW_ZERO 0
#define SW_BIASED 1
#define SW_FN(name) name##_neon_u8
#define SW_V(op) u8_##op
#include "striped_simd.h"
#undef SW_VEC
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

#define SW_VEC int16x8_t
#define SW_MASK uint16x8_t
#define SW_ELEM int16_t
#define SW_LANES 8
#define SW_MIN INT16_MIN
#define SW_MAX INT16_MAX
#define SW_NEG INT16_MIN
#define SW_ZERO INT16_MIN
#define SW_BIASED 0
#define SW_FN(name) name##_neon_i16
#define SW_V(op) i16_##op
#include "striped_simd.h"
#undef SW_VEC
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

#define SW_VEC int32x4_t
#define SW_MASK uint32x4_t
#define SW_ELEM int32_t
#define SW_LANES 4
#define SW_MIN INT32_MIN
#define SW_MAX INT32_MAX
#define SW_NEG (-(1 << 30))
#define SW_ZERO 0
#define SW_BIASED 0
#define SW_FN(name) name##_neon_i32
#define SW_V(op) i32_##op
#include "striped_simd.h"

const bm_sw_kernels_t bm_sw_neon = {
    "neon",
    {16, forward_neon_u8, NULL, NULL},
    {8, forward_neon_i16, bound_neon_i16, fill_neon_i16},
    {4, forward_neon_i32, bound_neon_i32, fill_neon_i32},
};
