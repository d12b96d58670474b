/* The reader's block scanner for AVX-512BW: one 64-byte vector, comparisons straight to masks.
 * Compiled with -mavx512f -mavx512bw; called only when the CPU has them (src/io/line_scan.c). */
#include "line_scan.h"

#include <immintrin.h>

static inline void scan64(const char *p, uint64_t *nl, uint64_t *bad)
{
    __m512i v = _mm512_loadu_si512((const void *)p);
    __m512i d = _mm512_sub_epi8(v, _mm512_set1_epi8(33));
    *nl = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
    *bad = _mm512_cmpgt_epu8_mask(d, _mm512_set1_epi8(93));
}

#define SCAN_CHUNKS bm_scan_chunks_avx512
#include "line_scan_chunks.h"
