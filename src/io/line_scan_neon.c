/* The reader's block scanner with NEON (every ARM64 CPU): 64 bytes as four 16-byte vectors,
 * lane masks folded to bit masks by pairwise adds. */
#include "line_scan.h"

#include <arm_neon.h>

/* 64 lane masks (0x00/0xff) to a bit mask, lane i -> bit i. */
static inline uint64_t mask64(uint8x16_t m0, uint8x16_t m1, uint8x16_t m2, uint8x16_t m3)
{
    const uint8x16_t bits = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    uint8x16_t s0 = vpaddq_u8(vandq_u8(m0, bits), vandq_u8(m1, bits));
    uint8x16_t s1 = vpaddq_u8(vandq_u8(m2, bits), vandq_u8(m3, bits));
    uint8x16_t s = vpaddq_u8(s0, s1);
    s = vpaddq_u8(s, s);
    return vgetq_lane_u64(vreinterpretq_u64_u8(s), 0);
}

static inline void scan64(const char *p, uint64_t *nl, uint64_t *bad)
{
    uint8x16_t n[4], b[4];
    for (int k = 0; k < 4; k++) {
        uint8x16_t v = vld1q_u8((const uint8_t *)p + 16 * k);
        n[k] = vceqq_u8(v, vdupq_n_u8('\n'));
        b[k] = vcgtq_u8(vsubq_u8(v, vdupq_n_u8(33)), vdupq_n_u8(93));
    }
    *nl = mask64(n[0], n[1], n[2], n[3]);
    *bad = mask64(b[0], b[1], b[2], b[3]);
}

#define SCAN_CHUNKS bm_scan_chunks_neon
#include "line_scan_chunks.h"
