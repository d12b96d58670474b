/* libFuzzer harness for the byte sources: gzip (ISA-L) and BGZF decoding through memory and file
 * sources at varying read sizes, checked against libdeflate, and FASTQ/FASTA read on top of them.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "fuzz_common.h"

#define OUT_LIMIT ((size_t)64 << 20) /* decompressed bytes compared at most */
#define BIG_READ 65536

typedef struct {
    uint8_t *d;
    size_t n, cap;
    int rc;      /* 0 = read to the end, < 0 = error code */
    int too_big; /* stopped at OUT_LIMIT: not compared */
} fz_bytes_t;

static void bytes_append(fz_bytes_t *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        size_t ncap = b->cap ? b->cap : 4096;
        while (ncap < b->n + n) ncap *= 2;
        b->d = fz_realloc(b->d, ncap);
        b->cap = ncap;
    }
    memcpy(b->d + b->n, p, n);
    b->n += n;
}

/* Reads the whole source, read sizes cycling through `caps` until `small_until` bytes are out and
 * BIG_READ after that. Each read lands at the end of the buffer, so a write past `cap` is caught.
 */
static void read_source(bm_source_t *s, const char *name, const size_t *caps, size_t ncaps,
                        size_t small_until, fz_bytes_t *out)
{
    memset(out, 0, sizeof *out);
    uint8_t *buf = fz_alloc(BIG_READ);
    for (size_t k = 0;; k++) {
        size_t cap = out->n < small_until ? caps[k % ncaps] : BIG_READ;
        uint8_t *dst = buf + BIG_READ - cap;
        bm_clear_error();
        ssize_t got = bm_source_read(s, dst, cap);
        if (got < 0) {
            out->rc = (int)got;
            fz_check_error(out->rc, name, "bm_source_read");
            ssize_t again = bm_source_read(s, dst, cap);
            FUZZ_CHECK(again == got, "read after error %zd returned %zd", got, again);
            fz_check_error((int)again, name, "bm_source_read after an error");
            break;
        }
        FUZZ_CHECK((size_t)got <= cap, "bm_source_read returned %zd for %zu bytes", got, cap);
        if (got == 0) {
            ssize_t again = bm_source_read(s, dst, cap);
            FUZZ_CHECK(again == 0, "read after the end returned %zd", again);
            break;
        }
        if (out->n + (size_t)got > OUT_LIMIT) {
            out->too_big = 1;
            break;
        }
        bytes_append(out, dst, (size_t)got);
    }
    free(buf);
}

/* Two reads of the same stream: both succeed with the same bytes, or both fail, the bytes of one
 * a prefix of the other's (how much is handed out before an error may depend on read sizes). */
static void check_same_stream(const fz_bytes_t *a, const fz_bytes_t *b, const char *what)
{
    if (a->too_big || b->too_big) return;
    FUZZ_CHECK((a->rc == 0) == (b->rc == 0), "%s: one read ended with %d, the other with %d", what,
               a->rc, b->rc);
    if (a->rc == 0) {
        FUZZ_CHECK(a->n == b->n && (a->n == 0 || memcmp(a->d, b->d, a->n) == 0),
                   "%s: %zu vs %zu bytes, or different bytes", what, a->n, b->n);
    } else {
        size_t n = a->n < b->n ? a->n : b->n;
        FUZZ_CHECK(n == 0 || memcmp(a->d, b->d, n) == 0, "%s: bytes before the error differ", what);
    }
}

/* libdeflate's decoding of a (multi-member) gzip stream: 0 = ok, -1 = bad data, 1 = too big. */
static int ref_gunzip(const uint8_t *in, size_t n, fz_bytes_t *out)
{
    memset(out, 0, sizeof *out);
    struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
    if (!z) abort();
    out->cap = 1 << 16;
    out->d = fz_alloc(out->cap);
    size_t at = 0;
    int rc = 0;
    while (at < n) {
        size_t used = 0, got = 0;
        enum libdeflate_result r = libdeflate_gzip_decompress_ex(
            z, in + at, n - at, out->d + out->n, out->cap - out->n, &used, &got);
        if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {
            if (out->cap >= OUT_LIMIT) {
                rc = 1;
                break;
            }
            out->cap *= 2;
            out->d = fz_realloc(out->d, out->cap);
            continue;
        }
        if (r != LIBDEFLATE_SUCCESS || used == 0) {
            rc = -1;
            break;
        }
        out->n += got;
        at += used;
    }
    libdeflate_free_decompressor(z);
    out->rc = rc;
    return rc;
}

/* Opens the bytes as a file (memfd), so the raw file reader and the read-ahead thread are used. */
static bm_source_t *open_as_file(const uint8_t *data, size_t size, int threads, char *path,
                                 size_t path_cap, int *fd_out)
{
    *fd_out = -1;
    int fd = fz_memfd(data, size, path, path_cap);
    if (fd < 0) return NULL;
    bm_source_opts_t o;
    memset(&o, 0, sizeof o);
    o.threads = threads;
    o.mmap_min_size = SIZE_MAX;
    bm_source_t *s = NULL;
    if (bm_source_open(&s, path, &o) < 0) {
        close(fd);
        return NULL;
    }
    *fd_out = fd;
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char name[] = "fuzz.gz";
    static const size_t big[] = {BIG_READ};
    static const size_t tiny[] = {1, 2, 3, 5, 7};
    static const size_t mixed[] = {4096, 1, 13, 1000, 65535};
    uint64_t h = fz_hash(data, size);

    bm_clear_error();
    bm_source_t *s = NULL;
    int rc = bm_source_open_memory(&s, data, size, name);
    if (rc < 0) {
        fz_check_error(rc, name, "bm_source_open_memory");
        return 0;
    }
    FUZZ_CHECK(strcmp(bm_source_name(s), name) == 0, "bm_source_name '%s'", bm_source_name(s));
    bm_compression_t comp = bm_source_compression(s);
    int magic = size >= 3 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8;
    int bgzf_header = magic && size >= 16 && (data[3] & 4) && data[10] == 6 && data[11] == 0 &&
                      data[12] == 'B' && data[13] == 'C' && data[14] == 2 && data[15] == 0;
    FUZZ_CHECK(magic ? comp != BM_COMPRESSION_NONE : comp == BM_COMPRESSION_NONE,
               "compression %d for first bytes %02x %02x %02x", (int)comp, size > 0 ? data[0] : 0,
               size > 1 ? data[1] : 0, size > 2 ? data[2] : 0);
    FUZZ_CHECK(!bgzf_header || comp == BM_COMPRESSION_BGZF, "BGZF header detected as %d",
               (int)comp);

    /* Pass A: read sizes picked by the input. */
    fz_bytes_t a, b;
    if (h & 1)
        read_source(s, name, mixed, 5, OUT_LIMIT, &a);
    else
        read_source(s, name, big, 1, 0, &a);
    bm_source_close(s);
    if (comp == BM_COMPRESSION_NONE)
        FUZZ_CHECK(a.rc == 0 && a.n == size && (size == 0 || memcmp(a.d, data, size) == 0),
                   "plain source did not give back its bytes (rc %d, %zu of %zu)", a.rc, a.n, size);

    /* Pass B: tiny reads for the first 64 KiB. */
    rc = bm_source_open_memory(&s, data, size, name);
    FUZZ_CHECK(rc == 0, "second open failed: %d", rc);
    read_source(s, name, tiny, 5, 1 << 16, &b);
    bm_source_close(s);
    check_same_stream(&a, &b, "large vs tiny reads");
    free(b.d);

    /* Pass C: the same bytes as a file, with or without the read-ahead thread. */
    char path[64];
    int fd;
    s = open_as_file(data, size, (int)((h >> 1) & 1), path, sizeof path, &fd);
    if (s) {
        FUZZ_CHECK(bm_source_compression(s) == comp, "file source detected %d, memory %d",
                   (int)bm_source_compression(s), (int)comp);
        read_source(s, path, (h & 4) ? tiny : mixed, 5, 1 << 12, &b);
        bm_source_close(s);
        close(fd);
        check_same_stream(&a, &b, "memory vs file source");
        free(b.d);
    }

    /* gzip: libdeflate is the reference. A stream both accept must give the same bytes; a stream
     * biometal accepts must be one libdeflate accepts (a truncated or corrupt stream never passes
     * as a shorter one). */
    if (comp == BM_COMPRESSION_GZIP && !a.too_big) {
        int ref = ref_gunzip(data, size, &b);
        if (ref == 0 && a.rc == 0)
            FUZZ_CHECK(a.n == b.n && (a.n == 0 || memcmp(a.d, b.d, a.n) == 0),
                       "gzip: biometal gave %zu bytes, libdeflate %zu (or different bytes)", a.n,
                       b.n);
        if (a.rc == 0) FUZZ_CHECK(ref >= 0, "gzip: biometal accepted a stream libdeflate rejects");
        free(b.d);
    }

    /* FASTQ/FASTA on the source: the same records as reading the decompressed bytes in place, and
     * a decompression error is never hidden. */
    fz_list_t l1, l2;
    fz_read_all(data, size, name, &l1);
    FUZZ_CHECK(l1.rc < 0 || l1.compression == comp, "reader detected %d, source %d",
               (int)l1.compression, (int)comp);
    if (comp != BM_COMPRESSION_NONE && !a.too_big) {
        if (a.rc < 0) {
            FUZZ_CHECK(l1.rc < 0,
                       "decompression failed (%d) but the reader ended cleanly after "
                       "%zu records",
                       a.rc, l1.n);
        } else {
            fz_read_all(a.d, a.n, name, &l2);
            if (l2.compression == BM_COMPRESSION_NONE) { /* not gzip inside gzip */
                l2.compression = l1.compression;
                fz_check_same_lists(&l2, &l1, "decompressed in place vs read through the decoder");
            }
            fz_list_free(&l2);
        }
    }
    bm_seqstats_summary_t sum;
    fz_check_stats(&l1, h >> 32, &sum);
    fz_list_free(&l1);
    free(a.d);
    return 0;
}
