/* Block scanner for the FASTQ/FASTA reader: one SIMD pass marks newlines, bytes outside '!'..'~'
 * and control bytes as bitmaps, and lists the newline positions, so that parsing is table lookups.
 */
#ifndef BIOMETAL_LINE_SCAN_H
#define BIOMETAL_LINE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* Per 64 input bytes: bit i of nl is set when byte i is '\n', of bad when it is outside '!'..'~'
 * (not allowed in sequence or quality lines; in a header only space, tab and bytes >= 128 are). */
typedef struct {
    uint64_t nl, bad;
} bm_chunk_bits_t;

struct bm_line_scan;

/* Scans `nchunks` whole 64-byte chunks at p into bits[0..nchunks) and appends the positions of
 * their newlines (`at` = buffer offset of p) to s->pos, which has room for 64 * nchunks + 8 more.
 */
typedef void (*bm_scan_chunks_fn)(struct bm_line_scan *s, const char *p, size_t nchunks,
                                  bm_chunk_bits_t *bits, size_t at);

void bm_scan_chunks_scalar(struct bm_line_scan *s, const char *p, size_t nchunks,
                           bm_chunk_bits_t *bits, size_t at);
#if defined(__x86_64__)
void bm_scan_chunks_sse2(struct bm_line_scan *s, const char *p, size_t nchunks,
                         bm_chunk_bits_t *bits, size_t at);
void bm_scan_chunks_avx2(struct bm_line_scan *s, const char *p, size_t nchunks,
                         bm_chunk_bits_t *bits, size_t at);
void bm_scan_chunks_avx512(struct bm_line_scan *s, const char *p, size_t nchunks,
                           bm_chunk_bits_t *bits, size_t at);
#elif defined(__aarch64__)
void bm_scan_chunks_neon(struct bm_line_scan *s, const char *p, size_t nchunks,
                         bm_chunk_bits_t *bits, size_t at);
#endif

/* The variant for the kernel level in use (bm_isa_active(), so BIOMETAL_ISA applies here too). */
bm_scan_chunks_fn bm_scan_chunks_best(void);

/* Scanned bytes of one buffer: bitmaps for [base, end) and the positions of its newlines. */
typedef struct bm_line_scan {
    size_t base,
        end; /* buffer offsets; (end - base) is a multiple of 64 unless end is the data end */
    bm_chunk_bits_t *bits; /* one entry per 64 bytes from base */
    size_t words, word_cap;
    size_t *pos; /* ascending buffer offsets of every '\n' in [base, end) */
    size_t npos, pos_cap;
    size_t cursor; /* index into pos of the last lookup */
    bm_scan_chunks_fn scan_chunks;
} bm_line_scan_t;

/* Forgets the scanned bytes (the buffer moved or grew); keeps the memory. */
void bm_line_scan_reset(bm_line_scan_t *s);

/* Scans buf[s->end, s->end + n) (n > 0), appending to what was scanned; with s->base == s->end
 * after a reset, buf[base..] starts a new scan at `base`. Only the n bytes are read. Returns 0 or
 * -1 when out of memory. */
int bm_line_scan_extend(bm_line_scan_t *s, const char *buf, size_t n);

/* The bad-byte words covering buffer offsets [b, b + n) (n > 0, all scanned): words w0..w1 of
 * s->bits, the first and last masked to the range. */
typedef struct {
    size_t w0, w1;
    uint64_t first, last;
} bm_scan_span_t;

static inline bm_scan_span_t bm_scan_span(const bm_line_scan_t *s, size_t b, size_t n)
{
    size_t o = b - s->base, e = o + n - 1;
    bm_scan_span_t sp = {o >> 6, e >> 6, ~(uint64_t)0 << (o & 63), ~(uint64_t)0 >> (63 - (e & 63))};
    return sp;
}

/* 1 when buffer offsets [b, b + n) hold no byte outside '!'..'~', 0 when they do, -1 when the range
 * is not (wholly) scanned. */
static inline int bm_line_scan_clear(const bm_line_scan_t *s, size_t b, size_t n)
{
    if (b < s->base || b + n > s->end) return -1;
    if (n == 0) return 1;
    const bm_chunk_bits_t *m = s->bits;
    bm_scan_span_t sp = bm_scan_span(s, b, n);
    if (sp.w0 == sp.w1) return (m[sp.w0].bad & sp.first & sp.last) == 0;
    uint64_t acc = m[sp.w0].bad & sp.first;
    for (size_t w = sp.w0 + 1; w < sp.w1; w++) acc |= m[w].bad;
    acc |= m[sp.w1].bad & sp.last;
    return acc == 0;
}

/* 1 when buffer offsets [b, b + n) of buf hold no control byte (below 32 except tab, or 127): only
 * the bytes marked bad are looked at. 0 when one is there, -1 when the range is not scanned. */
static inline int bm_line_scan_no_control(const bm_line_scan_t *s, const char *buf, size_t b,
                                          size_t n)
{
    if (b < s->base || b + n > s->end) return -1;
    if (n == 0) return 1;
    bm_scan_span_t sp = bm_scan_span(s, b, n);
    for (size_t w = sp.w0; w <= sp.w1; w++) {
        uint64_t bits = s->bits[w].bad;
        if (w == sp.w0) bits &= sp.first;
        if (w == sp.w1) bits &= sp.last;
        for (; bits; bits &= bits - 1) {
            unsigned char c = (unsigned char)buf[s->base + w * 64 + (size_t)__builtin_ctzll(bits)];
            if (c < 32 ? c != '\t' : c == 127) return 0;
        }
    }
    return 1;
}

void bm_line_scan_free(bm_line_scan_t *s);

#endif
