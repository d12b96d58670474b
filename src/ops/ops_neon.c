/* NEON kernels for ARM64: 16-byte vectors; the kernel bodies come from kernels_simd.h.
 * NEON is part of every ARMv8-A CPU, so no feature flag is needed. */
#include "ops_internal.h"

#include <arm_neon.h>
#include <string.h>

typedef uint8x16_t vec_t;
#define VB 16
#define KFN(name) name##_neon

static inline vec_t v_load(const char *p)
{
    return vld1q_u8((const uint8_t *)p);
}
static inline vec_t v_set1(unsigned char c)
{
    return vdupq_n_u8(c);
}
static inline vec_t v_zero(void)
{
    return vdupq_n_u8(0);
}
static inline vec_t v_ones(void)
{
    return vdupq_n_u8(0xff);
}
static inline vec_t v_eq(vec_t a, vec_t b)
{
    return vceqq_u8(a, b);
}
static inline vec_t v_or(vec_t a, vec_t b)
{
    return vorrq_u8(a, b);
}
static inline vec_t v_and(vec_t a, vec_t b)
{
    return vandq_u8(a, b);
}
static inline vec_t v_sub(vec_t a, vec_t b)
{
    return vsubq_u8(a, b);
}
static inline vec_t v_subs(vec_t a, vec_t b)
{
    return vqsubq_u8(a, b);
}
static inline vec_t v_max(vec_t a, vec_t b)
{
    return vmaxq_u8(a, b);
}
static inline vec_t v_min(vec_t a, vec_t b)
{
    return vminq_u8(a, b);
}
static inline uint64_t v_hsum(vec_t v)
{
    return vaddlvq_u8(v);
}
static inline unsigned v_hmin(vec_t v)
{
    return vminvq_u8(v);
}
static inline vec_t v_last_lanes(size_t r)
{
    static const unsigned char t[2 * VB] = {[VB] = 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                            0xff,        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    return v_load((const char *)t + r);
}
typedef uint64x2_t vsum_t;
static inline vsum_t vsum_zero(void)
{
    return vdupq_n_u64(0);
}
static inline vsum_t vsum_add(vsum_t acc, vec_t v)
{
    return vpadalq_u32(acc, vpaddlq_u16(vpaddlq_u8(v)));
}
static inline uint64_t vsum_total(vsum_t acc)
{
    return vaddvq_u64(acc);
}

static inline void v_store(char *p, vec_t v)
{
    vst1q_u8((uint8_t *)p, v);
}
static inline vec_t v_table16(const unsigned char *t)
{
    return vld1q_u8(t);
}
static inline vec_t v_lookup16(vec_t table, vec_t idx)
{
    return vqtbl1q_u8(table, idx);
}
static inline vec_t v_blend(vec_t mask, vec_t a, vec_t b)
{
    return vbslq_u8(mask, a, b);
}
static inline vec_t v_reverse(vec_t v)
{
    v = vrev64q_u8(v);        /* reverse each 8-byte half */
    return vextq_u8(v, v, 8); /* then swap the halves */
}

#include "kernels_simd.h"
