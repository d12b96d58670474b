/* Block scanner for the FASTQ/FASTA reader: the scalar reference of the chunk scan, the choice of
 * variant (src/io/line_scan_*.c), and the bookkeeping of bitmaps and newline positions. */
#include "line_scan.h"

#include "biometal/ops.h"

#include <stdlib.h>
#include <string.h>

/* The scalar reference of the chunk scanner (the other variants are tested against it). */
static inline void scan64(const char *p, uint64_t *nl, uint64_t *bad)
{
    uint64_t a = 0, b = 0;
    for (int i = 0; i < 64; i++) {
        unsigned char x = (unsigned char)p[i];
        a |= (uint64_t)(x == '\n') << i;
        b |= (uint64_t)(x < '!' || x > '~') << i;
    }
    *nl = a;
    *bad = b;
}

/* No popcount instruction is assumed here (baseline x86-64 has none). */
static inline size_t popcount_portable(uint64_t m)
{
    size_t n = 0;
    for (; m; m &= m - 1) n++;
    return n;
}

#define SCAN_CHUNKS bm_scan_chunks_scalar
#define SCAN_POPCOUNT popcount_portable
#include "line_scan_chunks.h"

bm_scan_chunks_fn bm_scan_chunks_best(void)
{
    switch (bm_isa_active()) {
#if defined(__x86_64__)
    case BM_ISA_AVX512:
        return bm_scan_chunks_avx512;
    case BM_ISA_AVX2:
        return bm_scan_chunks_avx2;
    case BM_ISA_SSE41:
        return bm_scan_chunks_sse2;
#elif defined(__aarch64__)
    case BM_ISA_NEON:
        return bm_scan_chunks_neon;
#endif
    default:
        return bm_scan_chunks_scalar;
    }
}

void bm_line_scan_reset(bm_line_scan_t *s)
{
    s->base = s->end = 0;
    s->words = s->npos = s->cursor = 0;
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) ncap *= 2;
    void *np = realloc(*p, ncap * size);
    if (!np) return -1;
    *p = np;
    *cap = ncap;
    return 0;
}

int bm_line_scan_extend(bm_line_scan_t *s, const char *buf, size_t n)
{
    if (!s->scan_chunks) s->scan_chunks = bm_scan_chunks_best();
    if ((s->end - s->base) % 64) { /* the last chunk was partial: scan it again, whole */
        size_t chunk = s->base + (s->words - 1) * 64;
        n += s->end - chunk;
        s->end = chunk;
        s->words--;
        while (s->npos > 0 && s->pos[s->npos - 1] >= chunk) s->npos--;
        if (s->cursor > s->npos) s->cursor = s->npos;
    }
    size_t full = n / 64, rest = n % 64, words = s->words + full + (rest > 0);
    if (grow((void **)&s->bits, &s->word_cap, words, sizeof *s->bits) < 0 ||
        grow((void **)&s->pos, &s->pos_cap, s->npos + 64 * (full + 1) + 8, sizeof *s->pos) < 0)
        return -1;
    s->scan_chunks(s, buf + s->end, full, s->bits + s->words, s->end);
    if (rest) { /* last partial chunk: scan a zero-padded copy (zero is no newline) */
        char tmp[64] = {0};
        memcpy(tmp, buf + s->end + 64 * full, rest);
        s->scan_chunks(s, tmp, 1, s->bits + s->words + full, s->end + 64 * full);
    }
    s->words = words;
    s->end += n;
    return 0;
}

void bm_line_scan_free(bm_line_scan_t *s)
{
    free(s->bits);
    free(s->pos);
    memset(s, 0, sizeof *s);
}
