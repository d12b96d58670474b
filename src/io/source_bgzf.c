/* BGZF decoder: reads one block at a time, inflates it with libdeflate, checks CRC32 and ISIZE.
 * Each block is a complete gzip member of at most 64 KiB, so one block is decoded per call. */
#include "source_internal.h"

#include "biometal/error.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#define BGZF_MAX_BLOCK 65536

typedef struct {
    bm_decoder_t base;
    struct libdeflate_decompressor *z;
    unsigned char out[BGZF_MAX_BLOCK];
    size_t out_pos, out_len;
    uint64_t blocks;
    int last_was_eof; /* the last block read was empty (the BGZF end-of-file marker) */
} bgzf_decoder_t;

static unsigned le16(const unsigned char *p)
{
    return p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Decodes the next block into d->out. Returns 1 when a block was read, 0 at a clean end. */
static int next_block(bgzf_decoder_t *d, bm_raw_t *raw)
{
    unsigned long long at = (unsigned long long)(raw->offset + raw->pos);
    ssize_t have = bm_raw_require(raw, 18);
    if (have < 0) return (int)have;
    if (have == 0) {
        /* Without the empty end-of-file block, a file cut at a block boundary would look whole. */
        if (!d->last_was_eof)
            return bm_error(BM_ETRUNC,
                            "%s: truncated BGZF file: no end-of-file block after byte "
                            "%llu",
                            raw->name, at);
        return 0;
    }
    const unsigned char *h = raw->buf + raw->pos;
    if (have < 18)
        return bm_error(BM_ETRUNC, "%s: truncated BGZF block header at byte %llu", raw->name, at);
    if (h[0] != 0x1f || h[1] != 0x8b || h[2] != 8 || !(h[3] & 4))
        return bm_error(BM_EFORMAT, "%s: byte %llu: not a BGZF block", raw->name, at);
    unsigned xlen = le16(h + 10);
    have = bm_raw_require(raw, 12 + xlen);
    if (have < 0) return (int)have;
    h = raw->buf + raw->pos;
    if ((size_t)have < 12 + xlen)
        return bm_error(BM_ETRUNC, "%s: truncated BGZF block header at byte %llu", raw->name, at);
    long bsize = -1;
    for (unsigned i = 0; i + 4 <= xlen;) {
        const unsigned char *f = h + 12 + i;
        unsigned slen = le16(f + 2);
        if (f[0] == 'B' && f[1] == 'C' && slen == 2 && i + 6 <= xlen) bsize = (long)le16(f + 4);
        i += 4 + slen;
    }
    if (bsize < 0)
        return bm_error(BM_EFORMAT, "%s: byte %llu: gzip member without a BGZF size field",
                        raw->name, at);
    size_t block_len = (size_t)bsize + 1;
    if (block_len < 12 + xlen + 8)
        return bm_error(BM_EFORMAT, "%s: byte %llu: BGZF block size %zu too small", raw->name, at,
                        block_len);
    have = bm_raw_require(raw, block_len);
    if (have < 0) return (int)have;
    if ((size_t)have < block_len)
        return bm_error(BM_ETRUNC, "%s: truncated BGZF block at byte %llu (%zd of %zu bytes)",
                        raw->name, at, have, block_len);
    h = raw->buf + raw->pos;
    const unsigned char *cdata = h + 12 + xlen;
    size_t clen = block_len - 12 - xlen - 8;
    uint32_t crc = le32(h + block_len - 8);
    uint32_t isize = le32(h + block_len - 4);
    if (isize > BGZF_MAX_BLOCK)
        return bm_error(BM_EFORMAT, "%s: byte %llu: BGZF block claims %u bytes (> 65536)",
                        raw->name, at, isize);
    size_t got = 0;
    enum libdeflate_result r =
        libdeflate_deflate_decompress(d->z, cdata, clen, d->out, isize, &got);
    if (r != LIBDEFLATE_SUCCESS || got != isize)
        return bm_error(BM_EFORMAT, "%s: byte %llu: corrupt BGZF block (bad deflate data or size)",
                        raw->name, at);
    if (libdeflate_crc32(0, d->out, got) != crc)
        return bm_error(BM_EFORMAT, "%s: byte %llu: BGZF block CRC mismatch", raw->name, at);
    raw->pos += block_len;
    d->out_pos = 0;
    d->out_len = got;
    d->blocks++;
    d->last_was_eof = (got == 0);
    return 1;
}

static ssize_t bgzf_read(bm_decoder_t *base, bm_raw_t *raw, void *buf, size_t cap)
{
    bgzf_decoder_t *d = (bgzf_decoder_t *)base;
    while (d->out_pos == d->out_len) {
        int rc = next_block(d, raw);
        if (rc <= 0) return rc;
    }
    size_t n = d->out_len - d->out_pos;
    if (n > cap) n = cap;
    memcpy(buf, d->out + d->out_pos, n);
    d->out_pos += n;
    return (ssize_t)n;
}

static void bgzf_free(bm_decoder_t *base)
{
    bgzf_decoder_t *d = (bgzf_decoder_t *)base;
    libdeflate_free_decompressor(d->z);
    free(d);
}

int bm_bgzf_decoder_new(bm_decoder_t **out)
{
    bgzf_decoder_t *d = calloc(1, sizeof *d);
    if (!d) return bm_error(BM_ENOMEM, "out of memory");
    d->z = libdeflate_alloc_decompressor();
    if (!d->z) {
        free(d);
        return bm_error(BM_ENOMEM, "out of memory");
    }
    d->base.read = bgzf_read;
    d->base.free = bgzf_free;
    *out = &d->base;
    return 0;
}
