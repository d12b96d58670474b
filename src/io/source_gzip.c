/* Streaming gzip decoder over ISA-L's igzip: multi-member streams, CRC and length checked by
 * igzip, truncated streams and trailing garbage reported with the file name and byte offset. */
#include "source_internal.h"

#include "biometal/error.h"

#include <isa-l/igzip_lib.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    bm_decoder_t base;
    struct inflate_state st;
    int member_done; /* the last member ended; another may follow */
    int finished;    /* the input is exhausted after a complete member */
    int started;     /* the first member's header was checked */
} gzip_decoder_t;

static const char *isal_message(int rc)
{
    switch (rc) {
    case ISAL_INVALID_BLOCK:
        return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
        return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
        return "invalid deflate distance";
    case ISAL_INVALID_WRAPPER:
        return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD:
        return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM:
        return "CRC or length check failed";
    default:
        return "corrupt data";
    }
}

/* igzip accepts gzip headers with reserved flag bits set; RFC 1952 (and gzip -d) reject them. */
static int check_member_header(bm_raw_t *raw)
{
    ssize_t have = bm_raw_require(raw, 4);
    if (have < 0) return (int)have;
    const unsigned char *h = raw->buf + raw->pos;
    if (have >= 4 && h[0] == 0x1f && h[1] == 0x8b && (h[3] & 0xe0))
        return bm_error(BM_EFORMAT, "%s: byte %llu: invalid gzip header (reserved flags set)",
                        raw->name, (unsigned long long)(raw->offset + raw->pos));
    return 0;
}

static void start_member(gzip_decoder_t *g)
{
    isal_inflate_reset(&g->st);
    g->st.crc_flag = ISAL_GZIP;
    g->member_done = 0;
}

static ssize_t gzip_read(bm_decoder_t *d, bm_raw_t *raw, void *buf, size_t cap)
{
    gzip_decoder_t *g = (gzip_decoder_t *)d;
    if (g->finished) return 0;
    if (!g->started) {
        int rc = check_member_header(raw);
        if (rc < 0) return rc;
        g->started = 1;
    }
    if (cap > UINT32_MAX) cap = UINT32_MAX;
    int need_more = 0;
    for (;;) {
        if (g->member_done) {
            ssize_t have = bm_raw_require(raw, 1);
            if (have < 0) return have;
            if (have == 0) {
                g->finished = 1;
                return 0;
            }
            if (raw->buf[raw->pos] != 0x1f)
                return bm_error(BM_EFORMAT, "%s: byte %llu: trailing garbage after gzip data",
                                raw->name, (unsigned long long)(raw->offset + raw->pos));
            int rc = check_member_header(raw);
            if (rc < 0) return rc;
            start_member(g);
        }
        if (raw->pos == raw->len || need_more) {
            ssize_t got = bm_raw_fill(raw);
            if (got < 0) return got;
            if (got == 0 && need_more) raw->pos = raw->len; /* nothing more will come */
        }
        size_t avail = raw->len - raw->pos;
        if (avail == 0)
            return bm_error(BM_ETRUNC, "%s: truncated gzip stream (ends at byte %llu)", raw->name,
                            (unsigned long long)(raw->offset + raw->pos));
        if (avail > UINT32_MAX) avail = UINT32_MAX;
        g->st.next_in = raw->buf + raw->pos;
        g->st.avail_in = (uint32_t)avail;
        g->st.next_out = buf;
        g->st.avail_out = (uint32_t)cap;
        int rc = isal_inflate(&g->st);
        raw->pos += avail - g->st.avail_in;
        if (rc < 0)
            return bm_error(BM_EFORMAT, "%s: corrupt gzip data near byte %llu: %s", raw->name,
                            (unsigned long long)(raw->offset + raw->pos), isal_message(rc));
        size_t produced = cap - g->st.avail_out;
        if (g->st.block_state == ISAL_BLOCK_FINISH) g->member_done = 1;
        if (produced > 0) return (ssize_t)produced;
        need_more = (g->st.avail_in == avail); /* igzip took nothing: it needs more input */
    }
}

static void gzip_free(bm_decoder_t *d)
{
    free(d);
}

int bm_gzip_decoder_new(bm_decoder_t **out)
{
    gzip_decoder_t *g = calloc(1, sizeof *g);
    if (!g) return bm_error(BM_ENOMEM, "out of memory");
    isal_inflate_init(&g->st);
    g->st.crc_flag = ISAL_GZIP;
    g->base.read = gzip_read;
    g->base.free = gzip_free;
    *out = &g->base;
    return 0;
}
