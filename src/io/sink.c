/* Output byte sinks: plain, gzip (one member per 1 MiB chunk) or BGZF (64 KiB blocks + EOF block)
 * through libdeflate, written under NAME.tmp and renamed into place only on success. */
#include "biometal/io.h"

#include "biometal/error.h"

#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BGZF_INPUT_MAX 0xff00 /* as htslib: leaves room for headers in a 64 KiB block */
#define BGZF_BLOCK_MAX 65536
#define GZIP_CHUNK (1u << 20)
#define PLAIN_CHUNK (1u << 20)

struct bm_sink {
    int fd;
    char *path, *tmp; /* tmp == NULL for stdout */
    int own_fd;       /* a device or pipe written in place: closed, never renamed over */
    bm_compression_t compression;
    struct libdeflate_compressor *z, *z_store;
    unsigned char *in, *out;
    size_t in_len, in_cap, out_cap;
    int failed;
    int wrote_member; /* gzip: at least one member written */
};

static const unsigned char BGZF_EOF[28] = {0x1f, 0x8b, 8,    4,    0, 0, 0,    0, 0, 0xff,
                                           6,    0,    0x42, 0x43, 2, 0, 0x1b, 0, 3, 0,
                                           0,    0,    0,    0,    0, 0, 0,    0};

static int write_all(bm_sink_t *s, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(s->fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            s->failed = BM_EIO;
            return bm_error(BM_EIO, "%s: write failed: %s", s->path, strerror(errno));
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void put_le16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void put_le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static int flush_bgzf_block(bm_sink_t *s, const unsigned char *data, size_t len)
{
    unsigned char *o = s->out;
    size_t room = BGZF_BLOCK_MAX - 18 - 8;
    size_t clen = libdeflate_deflate_compress(s->z, data, len, o + 18, room);
    if (clen == 0) clen = libdeflate_deflate_compress(s->z_store, data, len, o + 18, room);
    if (clen == 0) return bm_error(BM_EIO, "%s: BGZF block does not fit", s->path);
    static const unsigned char head[16] = {0x1f, 0x8b, 8, 4, 0,   0,   0, 0,
                                           0,    0xff, 6, 0, 'B', 'C', 2, 0};
    memcpy(o, head, 16);
    put_le16(o + 16, (unsigned)(18 + clen + 8 - 1));
    put_le32(o + 18 + clen, libdeflate_crc32(0, data, len));
    put_le32(o + 18 + clen + 4, (uint32_t)len);
    return write_all(s, o, 18 + clen + 8);
}

static int flush_input(bm_sink_t *s)
{
    if (s->in_len == 0 && (s->compression != BM_COMPRESSION_GZIP || s->wrote_member)) return 0;
    int rc = 0;
    if (s->compression == BM_COMPRESSION_NONE) {
        rc = write_all(s, s->in, s->in_len);
    } else if (s->compression == BM_COMPRESSION_GZIP) {
        /* An empty output still gets one (empty) member: a 0-byte file is not valid gzip. */
        size_t n = libdeflate_gzip_compress(s->z, s->in, s->in_len, s->out, s->out_cap);
        s->wrote_member = 1;
        rc = n ? write_all(s, s->out, n) : bm_error(BM_EIO, "%s: gzip compression failed", s->path);
    } else {
        rc = flush_bgzf_block(s, s->in, s->in_len);
    }
    s->in_len = 0;
    return rc;
}

static int compression_from_name(const char *path)
{
    size_t n = strlen(path);
    if (n >= 3 && strcmp(path + n - 3, ".gz") == 0) return BM_COMPRESSION_GZIP;
    if (n >= 4 && strcmp(path + n - 4, ".bgz") == 0) return BM_COMPRESSION_BGZF;
    if (n >= 5 && strcmp(path + n - 5, ".bgzf") == 0) return BM_COMPRESSION_BGZF;
    return BM_COMPRESSION_NONE;
}

int bm_sink_open(bm_sink_t **out, const char *path, const bm_sink_opts_t *opts)
{
    *out = NULL;
    int is_stdout = (path == NULL || strcmp(path, "-") == 0);
    int comp = opts ? opts->compression : -1;
    if (comp < 0) comp = is_stdout ? BM_COMPRESSION_NONE : compression_from_name(path);
    if (comp > BM_COMPRESSION_BGZF)
        return bm_error(BM_EINVAL, "unknown output compression %d", comp);
    int level = opts && opts->level ? opts->level : 6;
    if (level < 0 || level > 12)
        return bm_error(BM_EINVAL, "compression level %d not in 0..12", level);
    bm_sink_t *s = calloc(1, sizeof *s);
    if (!s) return bm_error(BM_ENOMEM, "out of memory");
    s->compression = (bm_compression_t)comp;
    s->path = strdup(is_stdout ? "stdout" : path);
    s->in_cap = comp == BM_COMPRESSION_BGZF   ? BGZF_INPUT_MAX
                : comp == BM_COMPRESSION_GZIP ? GZIP_CHUNK
                                              : PLAIN_CHUNK;
    s->in = malloc(s->in_cap);
    if (comp != BM_COMPRESSION_NONE) {
        s->z = libdeflate_alloc_compressor(level);
        s->z_store = libdeflate_alloc_compressor(0);
        s->out_cap = comp == BM_COMPRESSION_BGZF ? BGZF_BLOCK_MAX
                                                 : libdeflate_gzip_compress_bound(s->z, GZIP_CHUNK);
        s->out = malloc(s->out_cap);
    }
    if (!s->path || !s->in || (comp != BM_COMPRESSION_NONE && (!s->z || !s->z_store || !s->out))) {
        s->fd = -1;
        bm_sink_abort(s);
        return bm_error(BM_ENOMEM, "out of memory");
    }
    struct stat st;
    if (is_stdout) {
        s->fd = STDOUT_FILENO;
    } else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/null, a FIFO: renaming a temporary file over it would replace it */
        s->fd = open(path, O_WRONLY | O_CLOEXEC);
        s->own_fd = 1;
        if (s->fd < 0) {
            int e = errno;
            bm_sink_abort(s);
            return bm_error(BM_EIO, "%s: cannot open: %s", path, strerror(e));
        }
    } else {
        size_t n = strlen(path);
        s->tmp = malloc(n + 5);
        if (!s->tmp) {
            s->fd = -1;
            bm_sink_abort(s);
            return bm_error(BM_ENOMEM, "out of memory");
        }
        memcpy(s->tmp, path, n);
        memcpy(s->tmp + n, ".tmp", 5);
        s->fd = open(s->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (s->fd < 0) {
            int e = errno;
            free(s->tmp);
            s->tmp = NULL;
            bm_sink_abort(s);
            return bm_error(BM_EIO, "%s: cannot create: %s", path, strerror(e));
        }
    }
    *out = s;
    return 0;
}

int bm_sink_write(bm_sink_t *s, const void *data, size_t len)
{
    if (s->failed) return s->failed;
    const unsigned char *p = data;
    while (len > 0) {
        if (s->in_len == 0 && len >= s->in_cap && s->compression == BM_COMPRESSION_NONE)
            return write_all(s, p, len); /* large plain write: skip the copy */
        size_t n = s->in_cap - s->in_len;
        if (n > len) n = len;
        memcpy(s->in + s->in_len, p, n);
        s->in_len += n;
        p += n;
        len -= n;
        if (s->in_len == s->in_cap && flush_input(s) < 0) return BM_EIO;
    }
    return 0;
}

static void release(bm_sink_t *s)
{
    libdeflate_free_compressor(s->z);
    libdeflate_free_compressor(s->z_store);
    free(s->in);
    free(s->out);
    free(s->path);
    free(s->tmp);
    free(s);
}

int bm_sink_close(bm_sink_t *s)
{
    if (!s) return 0;
    int rc = s->failed ? s->failed : flush_input(s);
    if (rc == 0 && s->compression == BM_COMPRESSION_BGZF)
        rc = write_all(s, BGZF_EOF, sizeof BGZF_EOF);
    if (s->own_fd && close(s->fd) != 0 && rc == 0)
        rc = bm_error(BM_EIO, "%s: close failed: %s", s->path, strerror(errno));
    if (s->tmp) {
        if (close(s->fd) != 0 && rc == 0)
            rc = bm_error(BM_EIO, "%s: close failed: %s", s->path, strerror(errno));
        s->fd = -1;
        if (rc == 0 && rename(s->tmp, s->path) != 0)
            rc =
                bm_error(BM_EIO, "%s: cannot rename from %s: %s", s->path, s->tmp, strerror(errno));
        if (rc != 0) unlink(s->tmp);
    }
    release(s);
    return rc;
}

void bm_sink_abort(bm_sink_t *s)
{
    if (!s) return;
    if (s->own_fd && s->fd >= 0) close(s->fd);
    if (s->tmp) {
        if (s->fd >= 0) close(s->fd);
        unlink(s->tmp);
    }
    release(s);
}
