/* The reader's block scanner for AVX2: 64 bytes as two 32-byte vectors.
 * Compiled with -mavx2; called only when the CPU has AVX2 (src/io/line_scan.c picks it). */
#include "line_scan.h"

#include <immintrin.h>

static inline void scan32(__m256i v, uint32_t *nl, uint32_t *bad)
{
    const __m256i vnl = _mm256_set1_epi8('\n'), v33 = _mm256_set1_epi8(33);
    const __m256i v93 = _mm256_set1_epi8(93);
    __m256i d = _mm256_sub_epi8(v, v33); /* in '!'..'~'  <=>  (v - 33) <= 93 unsigned */
    __m256i ok = _mm256_cmpeq_epi8(_mm256_max_epu8(d, v93), v93);
    *nl = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, vnl));
    *bad = ~(uint32_t)_mm256_movemask_epi8(ok);
}

static inline void scan64(const char *p, uint64_t *nl, uint64_t *bad)
{
    uint32_t n0, b0, n1, b1;
    scan32(_mm256_loadu_si256((const __m256i *)p), &n0, &b0);
    scan32(_mm256_loadu_si256((const __m256i *)(p + 32)), &n1, &b1);
    *nl = n0 | (uint64_t)n1 << 32;
    *bad = b0 | (uint64_t)b1 << 32;
}

#define SCAN_CHUNKS bm_scan_chunks_avx2
#include "line_scan_chunks.h"
