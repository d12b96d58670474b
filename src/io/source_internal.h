/* Internal layers of a byte source: the raw file reader every decoder pulls from, and the
 * decoder interface (plain, gzip, BGZF) plus the background prefetch thread. */
#ifndef BIOMETAL_SOURCE_INTERNAL_H
#define BIOMETAL_SOURCE_INTERNAL_H

#include "biometal/io.h"

#include <stdint.h>

/* Buffered reads from a file descriptor; decoders consume bytes from buf[pos..len). */
typedef struct {
    int fd;
    unsigned char *buf;
    size_t cap, pos, len;
    int eof;
    uint64_t offset; /* file offset of buf[0] */
    const char *name;
} bm_raw_t;

/* Reads more bytes into raw->buf, keeping unread bytes. Returns bytes added, 0 at EOF, <0 error. */
ssize_t bm_raw_fill(bm_raw_t *raw);

/* Makes at least `n` unread bytes available if the file has them. Returns the number available
 * (may be < n at EOF) or a negative code. */
ssize_t bm_raw_require(bm_raw_t *raw, size_t n);

/* A decoder turns raw bytes into the source's output bytes. */
typedef struct bm_decoder {
    ssize_t (*read)(struct bm_decoder *d, bm_raw_t *raw, void *buf, size_t cap);
    void (*free)(struct bm_decoder *d);
} bm_decoder_t;

int bm_gzip_decoder_new(bm_decoder_t **out);
int bm_bgzf_decoder_new(bm_decoder_t **out);

/* A background thread that calls `read_fn(ctx, ...)` ahead of the consumer into a ring of
 * buffers. */
typedef struct bm_prefetch bm_prefetch_t;
typedef ssize_t (*bm_read_fn)(void *ctx, void *buf, size_t cap);
int bm_prefetch_start(bm_prefetch_t **out, bm_read_fn read_fn, void *ctx);
ssize_t bm_prefetch_read(bm_prefetch_t *p, void *buf, size_t cap);
void bm_prefetch_stop(bm_prefetch_t *p);

#endif
