/* The reader's block scanner with SSE2 (every x86-64 CPU): 64 bytes as four 16-byte vectors.
 * Used at the SSE4.1 kernel level; popcount without the POPCNT instruction. */
#include "line_scan.h"

#include <emmintrin.h>

static inline void scan64(const char *p, uint64_t *nl, uint64_t *bad)
{
    const __m128i vnl = _mm_set1_epi8('\n'), v33 = _mm_set1_epi8(33), v93 = _mm_set1_epi8(93);
    uint64_t a = 0, b = 0;
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * k));
        __m128i d = _mm_sub_epi8(v, v33); /* in '!'..'~'  <=>  (v - 33) <= 93 unsigned */
        __m128i ok = _mm_cmpeq_epi8(_mm_max_epu8(d, v93), v93);
        a |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vnl)) << (16 * k);
        b |= (uint64_t)(uint32_t)(~_mm_movemask_epi8(ok) & 0xffff) << (16 * k);
    }
    *nl = a;
    *bad = b;
}

static inline size_t popcount_swar(uint64_t m)
{
    m = m - ((m >> 1) & 0x5555555555555555ull);
    m = (m & 0x3333333333333333ull) + ((m >> 2) & 0x3333333333333333ull);
    m = (m + (m >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (size_t)((m * 0x0101010101010101ull) >> 56);
}

#define SCAN_CHUNKS bm_scan_chunks_sse2
#define SCAN_POPCOUNT popcount_swar
#include "line_scan_chunks.h"
