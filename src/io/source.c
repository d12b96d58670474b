/* Byte sources: open a file or stdin, detect gzip/BGZF from magic bytes, map large plain files,
 * and hand out decompressed bytes, optionally read ahead by a background thread. */
#include "source_internal.h"

#include "biometal/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define RAW_BUFFER_SIZE (1u << 20)
#define DEFAULT_MMAP_MIN SIZE_MAX

struct bm_source {
    char *name;
    bm_compression_t compression;
    bm_raw_t raw;
    const char *map; /* whole file when mapped */
    size_t map_len, map_pos;
    bm_decoder_t *decoder; /* NULL for plain */
    bm_prefetch_t *prefetch;
    int failed;
    int map_owned; /* the mapping is ours to munmap */
};

ssize_t bm_raw_fill(bm_raw_t *raw)
{
    if (raw->eof) return 0;
    if (raw->pos > 0) {
        memmove(raw->buf, raw->buf + raw->pos, raw->len - raw->pos);
        raw->offset += raw->pos;
        raw->len -= raw->pos;
        raw->pos = 0;
    }
    if (raw->len == raw->cap) {
        size_t ncap = raw->cap * 2;
        unsigned char *nb = realloc(raw->buf, ncap);
        if (!nb) return bm_error(BM_ENOMEM, "%s: out of memory", raw->name);
        raw->buf = nb;
        raw->cap = ncap;
    }
    for (;;) {
        ssize_t n = read(raw->fd, raw->buf + raw->len, raw->cap - raw->len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return bm_error(BM_EIO, "%s: read failed: %s", raw->name, strerror(errno));
        if (n == 0) raw->eof = 1;
        raw->len += (size_t)n;
        return n;
    }
}

ssize_t bm_raw_require(bm_raw_t *raw, size_t n)
{
    while (raw->len - raw->pos < n) {
        ssize_t got = bm_raw_fill(raw);
        if (got < 0) return got;
        if (got == 0) break;
    }
    return (ssize_t)(raw->len - raw->pos);
}

static bm_compression_t detect_compression(const unsigned char *p, size_t n)
{
    if (n < 3 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) return BM_COMPRESSION_NONE;
    /* BGZF: FEXTRA set, XLEN 6, subfield 'B','C' of length 2. */
    if (n >= 16 && (p[3] & 4) && p[10] == 6 && p[11] == 0 && p[12] == 'B' && p[13] == 'C' &&
        p[14] == 2 && p[15] == 0)
        return BM_COMPRESSION_BGZF;
    return BM_COMPRESSION_GZIP;
}

static ssize_t read_unprefetched(void *ctx, void *buf, size_t cap)
{
    bm_source_t *s = ctx;
    if (s->map) {
        size_t n = s->map_len - s->map_pos;
        if (n > cap) n = cap;
        memcpy(buf, s->map + s->map_pos, n);
        s->map_pos += n;
        return (ssize_t)n;
    }
    if (s->decoder) return s->decoder->read(s->decoder, &s->raw, buf, cap);
    /* Plain: serve what is buffered first, then read straight into the caller's buffer. */
    bm_raw_t *raw = &s->raw;
    if (raw->pos < raw->len) {
        size_t n = raw->len - raw->pos;
        if (n > cap) n = cap;
        memcpy(buf, raw->buf + raw->pos, n);
        raw->pos += n;
        return (ssize_t)n;
    }
    if (raw->eof) return 0;
    for (;;) {
        ssize_t n = read(raw->fd, buf, cap);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return bm_error(BM_EIO, "%s: read failed: %s", raw->name, strerror(errno));
        if (n == 0) raw->eof = 1;
        return n;
    }
}

static int try_map(bm_source_t *s, size_t min_size)
{
    struct stat st;
    if (fstat(s->raw.fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    if ((uint64_t)st.st_size < min_size || st.st_size == 0) return 0;
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, s->raw.fd, 0);
    if (m == MAP_FAILED) return 0;
    madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
    s->map = m;
    s->map_len = (size_t)st.st_size;
    s->map_owned = 1;
    return 1;
}

int bm_source_open(bm_source_t **out, const char *path, const bm_source_opts_t *opts)
{
    *out = NULL;
    bm_source_opts_t o = {0};
    if (opts) o = *opts;
    int is_stdin = (path == NULL || strcmp(path, "-") == 0);
    bm_source_t *s = calloc(1, sizeof *s);
    if (!s) return bm_error(BM_ENOMEM, "out of memory");
    s->name = strdup(is_stdin ? "stdin" : path);
    s->raw.buf = malloc(RAW_BUFFER_SIZE);
    if (!s->name || !s->raw.buf) {
        free(s->name);
        free(s->raw.buf);
        free(s);
        return bm_error(BM_ENOMEM, "out of memory");
    }
    s->raw.cap = RAW_BUFFER_SIZE;
    s->raw.name = s->name;
    if (is_stdin) {
        s->raw.fd = STDIN_FILENO;
    } else {
        s->raw.fd = open(path, O_RDONLY | O_CLOEXEC);
        if (s->raw.fd < 0) {
            int e = errno;
            bm_source_close(s);
            return bm_error(BM_EIO, "%s: cannot open: %s", path, strerror(e));
        }
        struct stat st;
        if (fstat(s->raw.fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            bm_source_close(s);
            return bm_error(BM_EIO, "%s: is a directory", path);
        }
    }
    if (o.offset > 0) {
        /* A part of a plain file: no magic bytes to look at. */
        if (is_stdin || lseek(s->raw.fd, (off_t)o.offset, SEEK_SET) != (off_t)o.offset) {
            bm_source_close(s);
            return bm_error(BM_EINVAL, "%s: cannot seek to byte %llu", path ? path : "stdin",
                            (unsigned long long)o.offset);
        }
        s->raw.offset = o.offset;
        *out = s;
        return 0;
    }
    ssize_t have = bm_raw_require(&s->raw, 18);
    if (have < 0) {
        int rc = (int)have;
        bm_source_close(s);
        return rc;
    }
    s->compression = detect_compression(s->raw.buf, (size_t)have);
    int rc = 0;
    if (s->compression == BM_COMPRESSION_GZIP) rc = bm_gzip_decoder_new(&s->decoder);
    if (s->compression == BM_COMPRESSION_BGZF) rc = bm_bgzf_decoder_new(&s->decoder);
    if (rc < 0) {
        bm_source_close(s);
        return rc;
    }
    size_t min_map = o.mmap_min_size ? o.mmap_min_size : DEFAULT_MMAP_MIN;
    if (s->compression == BM_COMPRESSION_NONE && !is_stdin && min_map != SIZE_MAX)
        try_map(s, min_map);
    if (o.threads > 0 && !s->map) {
        rc = bm_prefetch_start(&s->prefetch, read_unprefetched, s);
        if (rc < 0) {
            bm_source_close(s);
            return rc;
        }
    }
    *out = s;
    return 0;
}

int bm_source_open_memory(bm_source_t **out, const void *data, size_t len, const char *name)
{
    *out = NULL;
    bm_source_t *s = calloc(1, sizeof *s);
    if (!s) return bm_error(BM_ENOMEM, "out of memory");
    s->raw.fd = -1;
    s->name = strdup(name ? name : "memory");
    s->compression = detect_compression(data, len);
    s->raw.buf = malloc(s->compression == BM_COMPRESSION_NONE ? 1 : len + 1);
    if (!s->name || !s->raw.buf) {
        bm_source_close(s);
        return bm_error(BM_ENOMEM, "out of memory");
    }
    s->raw.name = s->name;
    s->raw.eof = 1;
    int rc = 0;
    if (s->compression == BM_COMPRESSION_NONE) {
        s->map = data;
        s->map_len = len;
        s->raw.cap = 1;
    } else {
        memcpy(s->raw.buf, data, len);
        s->raw.cap = len + 1;
        s->raw.len = len;
        rc = s->compression == BM_COMPRESSION_GZIP ? bm_gzip_decoder_new(&s->decoder)
                                                   : bm_bgzf_decoder_new(&s->decoder);
    }
    if (rc < 0) {
        bm_source_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

ssize_t bm_source_read(bm_source_t *s, void *buf, size_t cap)
{
    if (s->failed) return bm_error(s->failed, "%s: read after an error", s->name);
    if (cap == 0) return 0;
    ssize_t n =
        s->prefetch ? bm_prefetch_read(s->prefetch, buf, cap) : read_unprefetched(s, buf, cap);
    if (n < 0) s->failed = (int)n;
    return n;
}

int bm_source_mapped(bm_source_t *s, const char **data, size_t *len)
{
    if (!s->map) return 0;
    *data = s->map;
    *len = s->map_len;
    return 1;
}

const char *bm_source_name(const bm_source_t *s)
{
    return s->name;
}

bm_compression_t bm_source_compression(const bm_source_t *s)
{
    return s->compression;
}

void bm_source_close(bm_source_t *s)
{
    if (!s) return;
    if (s->prefetch) bm_prefetch_stop(s->prefetch);
    if (s->decoder) s->decoder->free(s->decoder);
    if (s->map && s->map_owned) munmap((void *)s->map, s->map_len);
    if (s->raw.fd > STDIN_FILENO) close(s->raw.fd);
    free(s->raw.buf);
    free(s->name);
    free(s);
}
