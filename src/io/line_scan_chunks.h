/* Template of the block scanner's inner loop, included once per instruction set: the includer
 * defines SCAN_CHUNKS (the function name) and a static inline scan64(p, &nl, &bad). */
#include "line_scan.h"

#ifndef SCAN_POPCOUNT
#define SCAN_POPCOUNT(m) ((size_t)__builtin_popcountll(m))
#endif

/* Appends the newline positions of one chunk's mask (buffer offset `at` of its first byte). Writes
 * up to 8 slots past the count unconditionally: fewer branches than one per newline. */
static inline size_t add_positions(size_t *o, uint64_t m, size_t at)
{
    const uint64_t top = (uint64_t)1 << 63; /* keeps ctz defined once m runs out of bits */
    size_t cnt = SCAN_POPCOUNT(m);
    for (int i = 0; i < 4; i++, m &= m - 1) o[i] = at + (size_t)__builtin_ctzll(m | top);
    if (cnt > 4) {
        for (int i = 4; i < 8; i++, m &= m - 1) o[i] = at + (size_t)__builtin_ctzll(m | top);
        for (size_t i = 8; m; i++, m &= m - 1) o[i] = at + (size_t)__builtin_ctzll(m);
    }
    return cnt;
}

void SCAN_CHUNKS(struct bm_line_scan *s, const char *p, size_t nchunks, bm_chunk_bits_t *bits,
                 size_t at)
{
    size_t n = s->npos;
    for (size_t w = 0; w < nchunks; w++, p += 64, at += 64) {
        scan64(p, &bits[w].nl, &bits[w].bad);
        n += add_positions(s->pos + n, bits[w].nl, at);
    }
    s->npos = n;
}
