/* Shared code of the biometal fuzz harnesses: invariant checks on records, batches, errors and
 * statistics, differential reads (BGZF/gzip-wrapped, batches, file ranges) of the same input. */
#ifndef BIOMETAL_FUZZ_COMMON_H
#define BIOMETAL_FUZZ_COMMON_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif

#include "biometal/error.h"
#include "biometal/io.h"
#include "biometal/seqstats.h"

#include <libdeflate.h>
#include <math.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A failed invariant: print what and where, then abort (a crash for libFuzzer and for the replay
 * test). Not assert(): release builds define NDEBUG. */
#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "\nfuzz invariant failed at %s:%d: %s\n  ", __FILE__, __LINE__,        \
                    #cond);                                                                        \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fprintf(stderr, "\n  last error: [%d] %s\n", bm_last_error_code(), bm_last_error());   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Allocation that never fails quietly (a failed allocation in the harness is not a finding). */
static inline void *fz_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) abort();
    return p;
}

static inline void *fz_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) abort();
    return q;
}

/* FNV-1a: a deterministic function of the input that picks read sizes, block sizes, etc. */
static inline uint64_t fz_hash(const uint8_t *d, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ d[i]) * 1099511628211ull;
    return h ^ (h >> 29);
}

/* Reads every byte so AddressSanitizer sees any view that points outside live memory. */
static volatile unsigned fz_sink;
static inline void fz_touch(const char *p, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++) s += (unsigned char)p[i];
    fz_sink += s;
}

/* ---- errors ---------------------------------------------------------------------------------- */

/* A negative return must be a known code with a non-empty message that names the input. */
static inline void fz_check_error(int rc, const char *name, const char *what)
{
    FUZZ_CHECK(rc >= BM_EMISMATCH && rc <= BM_EIO, "%s returned unknown code %d", what, rc);
    const char *msg = bm_last_error();
    FUZZ_CHECK(msg != NULL && msg[0] != '\0', "%s returned %d with an empty bm_last_error()", what,
               rc);
    FUZZ_CHECK(strstr(msg, name) != NULL, "%s: message does not name the input '%s': %s", what,
               name, msg);
    FUZZ_CHECK(bm_last_error_code() == rc, "%s returned %d but bm_last_error_code() is %d", what,
               rc, bm_last_error_code());
}

/* ---- record lists -----------------------------------------------------------------------------
 */

typedef struct {
    char *name, *seq, *qual; /* copies; qual NULL for FASTA */
    size_t name_len, seq_len;
    uint64_t number;
} fz_rec_t;

typedef struct {
    fz_rec_t *v;
    size_t n, cap;
    int rc;             /* how reading ended: 0 = clean end, < 0 = error code */
    bm_format_t format; /* bm_fastx_format() at the end */
    bm_compression_t compression;
} fz_list_t;

static inline char *fz_dup(const char *s, size_t n)
{
    char *d = fz_alloc(n + 1);
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static inline void fz_list_push(fz_list_t *l, const bm_record_t *r)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = fz_realloc(l->v, l->cap * sizeof *l->v);
    }
    fz_rec_t *c = &l->v[l->n++];
    c->name = fz_dup(r->name, r->name_len);
    c->name_len = r->name_len;
    c->seq = fz_dup(r->seq, r->seq_len);
    c->seq_len = r->seq_len;
    c->qual = r->qual ? fz_dup(r->qual, r->seq_len) : NULL;
    c->number = r->number;
}

static inline void fz_list_free(fz_list_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].name);
        free(l->v[i].seq);
        free(l->v[i].qual);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static inline bm_record_t fz_view(const fz_rec_t *c)
{
    bm_record_t r;
    r.name = c->name;
    r.name_len = c->name_len;
    r.seq = c->seq;
    r.seq_len = c->seq_len;
    r.qual = c->qual;
    r.number = c->number;
    return r;
}

/* Same name, sequence, qualities and number. */
static inline int fz_same_record(const bm_record_t *a, const bm_record_t *b)
{
    if (a->name_len != b->name_len || a->seq_len != b->seq_len || a->number != b->number) return 0;
    if ((a->qual == NULL) != (b->qual == NULL)) return 0;
    if (a->name_len && memcmp(a->name, b->name, a->name_len)) return 0;
    if (a->seq_len && memcmp(a->seq, b->seq, a->seq_len)) return 0;
    if (a->qual && a->seq_len && memcmp(a->qual, b->qual, a->seq_len)) return 0;
    return 1;
}

static inline void fz_check_same_lists(const fz_list_t *a, const fz_list_t *b, const char *what)
{
    FUZZ_CHECK(a->n == b->n, "%s: %zu records vs %zu records", what, a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        bm_record_t x = fz_view(&a->v[i]), y = fz_view(&b->v[i]);
        FUZZ_CHECK(fz_same_record(&x, &y), "%s: record %zu differs", what, i + 1);
    }
    FUZZ_CHECK(a->rc == b->rc, "%s: reading ended with %d vs %d", what, a->rc, b->rc);
    FUZZ_CHECK(a->format == b->format, "%s: format %d vs %d", what, (int)a->format, (int)b->format);
}

/* ---- records ----------------------------------------------------------------------------------
 */

/* What must hold for every record a reader hands out. */
static inline void fz_check_record(const bm_record_t *r, uint64_t expect_number, bm_format_t format)
{
    FUZZ_CHECK(r->number == expect_number, "record number %llu, expected %llu",
               (unsigned long long)r->number, (unsigned long long)expect_number);
    FUZZ_CHECK(r->name_len == 0 || r->name != NULL, "record %llu: NULL name of length %zu",
               (unsigned long long)r->number, r->name_len);
    FUZZ_CHECK(r->seq_len == 0 || r->seq != NULL, "record %llu: NULL sequence of length %zu",
               (unsigned long long)r->number, r->seq_len);
    fz_touch(r->name, r->name_len);
    fz_touch(r->seq, r->seq_len);
    /* Names hold any byte but control characters (tab allowed). */
    for (size_t i = 0; i < r->name_len; i++) {
        unsigned char c = (unsigned char)r->name[i];
        FUZZ_CHECK((c >= 32 || c == '\t') && c != 127,
                   "record %llu: control byte 0x%02x at %zu of the name accepted",
                   (unsigned long long)r->number, c, i + 1);
    }
    /* Sequences are printable text: control bytes and bytes >= 0x7f are binary data. */
    for (size_t i = 0; i < r->seq_len; i++) {
        unsigned char c = (unsigned char)r->seq[i];
        FUZZ_CHECK(c >= 32 && c <= 126, "record %llu: sequence byte 0x%02x at %zu accepted",
                   (unsigned long long)r->number, c, i + 1);
    }
    if (format == BM_FORMAT_FASTQ) {
        FUZZ_CHECK(r->qual != NULL, "record %llu: FASTQ record with qual == NULL",
                   (unsigned long long)r->number);
        fz_touch(r->qual, r->seq_len);
        for (size_t i = 0; i < r->seq_len; i++) {
            unsigned char c = (unsigned char)r->qual[i];
            FUZZ_CHECK(c >= '!' && c <= '~', "record %llu: quality byte 0x%02x at %zu accepted",
                       (unsigned long long)r->number, c, i + 1);
        }
        for (size_t i = 0; i < r->seq_len; i++)
            FUZZ_CHECK(r->seq[i] != ' ', "record %llu: space in a FASTQ sequence",
                       (unsigned long long)r->number);
    } else {
        FUZZ_CHECK(format == BM_FORMAT_FASTA, "record %llu handed out with format %d",
                   (unsigned long long)r->number, (int)format);
        FUZZ_CHECK(r->qual == NULL, "record %llu: FASTA record with qualities",
                   (unsigned long long)r->number);
    }
}

/* Opens `len` bytes as a reader named `name` and reads every record with bm_fastx_next, checking
 * each one, the end (repeatable), and any error (sticky, with a message naming the input). */
static inline void fz_read_all(const void *data, size_t len, const char *name, fz_list_t *out)
{
    memset(out, 0, sizeof *out);
    bm_clear_error();
    bm_fastx_reader_t *r = NULL;
    int rc = bm_fastx_open_memory(&r, data, len, name);
    if (rc < 0) {
        fz_check_error(rc, name, "bm_fastx_open_memory");
        FUZZ_CHECK(r == NULL, "failed open left a reader");
        out->rc = rc;
        return;
    }
    FUZZ_CHECK(r != NULL, "bm_fastx_open_memory returned 0 without a reader");
    FUZZ_CHECK(strcmp(bm_fastx_name(r), name) == 0, "bm_fastx_name '%s' != '%s'", bm_fastx_name(r),
               name);
    out->compression = bm_fastx_compression(r);
    bm_record_t rec;
    for (;;) {
        memset(&rec, 0xa5, sizeof rec);
        rc = bm_fastx_next(r, &rec);
        if (rc != 1) break;
        bm_format_t f = bm_fastx_format(r);
        FUZZ_CHECK(f == BM_FORMAT_FASTQ || f == BM_FORMAT_FASTA, "record read with format %d",
                   (int)f);
        FUZZ_CHECK(out->n == 0 || f == out->format, "format changed from %d to %d",
                   (int)out->format, (int)f);
        out->format = f;
        fz_check_record(&rec, out->n + 1, f);
        FUZZ_CHECK(bm_fastx_count(r) == out->n + 1, "bm_fastx_count %llu after record %zu",
                   (unsigned long long)bm_fastx_count(r), out->n + 1);
        fz_list_push(out, &rec);
    }
    FUZZ_CHECK(rc == 0 || rc < 0, "bm_fastx_next returned %d", rc);
    out->rc = rc;
    out->format = bm_fastx_format(r);
    if (rc < 0) {
        fz_check_error(rc, name, "bm_fastx_next");
        char first[1024];
        snprintf(first, sizeof first, "%s", bm_last_error());
        int again = bm_fastx_next(r, &rec);
        FUZZ_CHECK(again == rc, "after error %d (%s) the next call returned %d", rc, first, again);
    } else {
        int again = bm_fastx_next(r, &rec);
        FUZZ_CHECK(again == 0, "after the end the next call returned %d", again);
    }
    FUZZ_CHECK(bm_fastx_count(r) == out->n, "bm_fastx_count %llu != %zu records read",
               (unsigned long long)bm_fastx_count(r), out->n);
    if (out->n > 0)
        FUZZ_CHECK(out->format == (out->v[0].qual ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA),
                   "format %d does not match the records", (int)out->format);
    bm_fastx_close(r);
}

/* For uncompressed input: the format follows from the first byte after blank lines. */
static inline void fz_check_format_choice(const uint8_t *data, size_t size, const fz_list_t *l)
{
    if (l->compression != BM_COMPRESSION_NONE) return;
    size_t i = 0;
    while (i < size && (data[i] == '\n' || data[i] == '\r')) i++;
    if (i == size) {
        FUZZ_CHECK(l->rc == 0 && l->n == 0, "blank input gave rc %d and %zu records", l->rc, l->n);
        return;
    }
    if (data[i] != '@' && data[i] != '>') {
        FUZZ_CHECK(l->rc < 0 && l->n == 0,
                   "input starting with byte 0x%02x gave rc %d, %zu records", data[i], l->rc, l->n);
        return;
    }
    if (l->n > 0)
        FUZZ_CHECK(l->format == (data[i] == '@' ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA),
                   "first byte '%c' but format %d", data[i], (int)l->format);
}

/* ---- round trip: writing the records out as text and reading them back gives them again ----- */

static inline void fz_check_round_trip(const fz_list_t *l)
{
    if (l->n == 0) return;
    size_t cap = 1, n = 0;
    for (size_t i = 0; i < l->n; i++) {
        const fz_rec_t *c = &l->v[i];
        cap += c->name_len + 2 * c->seq_len + 8;
    }
    char *text = fz_alloc(cap);
    for (size_t i = 0; i < l->n; i++) {
        const fz_rec_t *c = &l->v[i];
        text[n++] = c->qual ? '@' : '>';
        memcpy(text + n, c->name, c->name_len);
        n += c->name_len;
        text[n++] = '\n';
        memcpy(text + n, c->seq, c->seq_len);
        n += c->seq_len;
        text[n++] = '\n';
        if (c->qual) {
            text[n++] = '+';
            text[n++] = '\n';
            memcpy(text + n, c->qual, c->seq_len);
            n += c->seq_len;
            text[n++] = '\n';
        }
    }
    fz_list_t again;
    fz_read_all(text, n, "roundtrip", &again);
    FUZZ_CHECK(again.rc == 0, "re-reading %zu written records failed: %d", l->n, again.rc);
    fz_list_t expect = *l;
    expect.rc = 0;
    expect.compression = BM_COMPRESSION_NONE;
    fz_check_same_lists(&expect, &again, "records written back as text and read again");
    fz_list_free(&again);
    free(text);
}

/* ---- compression wrappers -------------------------------------------------------------------- */

static inline void fz_put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void fz_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* `in` cut into blocks of `block` bytes (<= 60000), each a BGZF block, then the EOF block. */
static inline uint8_t *fz_bgzf_wrap(const uint8_t *in, size_t n, size_t block, int level,
                                    size_t *out_len)
{
    static const uint8_t eof_block[28] = {0x1f, 0x8b, 8,    4, 0, 0, 0, 0, 0, 0xff, 6, 0, 'B', 'C',
                                          2,    0,    0x1b, 0, 3, 0, 0, 0, 0, 0,    0, 0, 0,   0};
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(level);
    if (!z) abort();
    size_t nblocks = n / block + 1;
    size_t cap = nblocks * (libdeflate_deflate_compress_bound(z, block) + 26) + sizeof eof_block;
    uint8_t *out = fz_alloc(cap), *o = out;
    for (size_t at = 0; at < n; at += block) {
        size_t len = n - at < block ? n - at : block;
        static const uint8_t hdr[16] = {0x1f, 0x8b, 8, 4, 0,   0,   0, 0,
                                        0,    0xff, 6, 0, 'B', 'C', 2, 0};
        memcpy(o, hdr, 16);
        size_t c = libdeflate_deflate_compress(z, in + at, len, o + 18,
                                               libdeflate_deflate_compress_bound(z, len));
        if (c == 0) abort();
        fz_put16(o + 16, (unsigned)(18 + c + 8 - 1));
        fz_put32(o + 18 + c, libdeflate_crc32(0, in + at, len));
        fz_put32(o + 18 + c + 4, (uint32_t)len);
        o += 18 + c + 8;
    }
    memcpy(o, eof_block, sizeof eof_block);
    o += sizeof eof_block;
    libdeflate_free_compressor(z);
    *out_len = (size_t)(o - out);
    return out;
}

/* `in` cut into pieces of `member` bytes, each its own gzip member (a multi-member stream). */
static inline uint8_t *fz_gzip_wrap(const uint8_t *in, size_t n, size_t member, int level,
                                    size_t *out_len)
{
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(level);
    if (!z) abort();
    size_t nm = n / member + 1;
    size_t cap = nm * libdeflate_gzip_compress_bound(z, member) + 64;
    uint8_t *out = fz_alloc(cap), *o = out;
    size_t at = 0;
    do {
        size_t len = n - at < member ? n - at : member;
        size_t c = libdeflate_gzip_compress(z, in + at, len, o, cap - (size_t)(o - out));
        if (c == 0) abort();
        o += c;
        at += len;
    } while (at < n);
    libdeflate_free_compressor(z);
    *out_len = (size_t)(o - out);
    return out;
}

/* The plain input read through BGZF and gzip streams cut at small, varying sizes must give the
 * same records and the same outcome as reading it in place: this drives the reader's refill
 * paths (records split across reads), which in-memory plain input never takes. */
static inline void fz_check_streamed(const uint8_t *data, size_t size, const fz_list_t *plain,
                                     uint64_t h)
{
    if (size == 0 || plain->compression != BM_COMPRESSION_NONE) return;
    static const size_t sizes[] = {1, 2, 3, 5, 7, 16, 31, 64, 100, 255, 1000, 4096};
    size_t nsizes = sizeof sizes / sizeof sizes[0];
    size_t block = sizes[h % nsizes];
    size_t member = sizes[(h >> 8) % nsizes];
    int level = (int)((h >> 16) % 3) * 3 + 1;

    /* One of the two per input: each compressed reader costs a large buffer, and speed matters. */
    size_t zlen;
    fz_list_t l;
    if ((h >> 20) & 1) {
        uint8_t *z = fz_bgzf_wrap(data, size, block, level, &zlen);
        fz_read_all(z, zlen, "fuzz-bgzf", &l);
        FUZZ_CHECK(l.compression == BM_COMPRESSION_BGZF, "wrapped input detected as %d",
                   (int)l.compression);
        l.compression = BM_COMPRESSION_NONE;
        fz_check_same_lists(plain, &l, "plain vs BGZF-wrapped input");
        free(z);
    } else {
        uint8_t *z = fz_gzip_wrap(data, size, member, level, &zlen);
        fz_read_all(z, zlen, "fuzz-gzip", &l);
        FUZZ_CHECK(l.compression == BM_COMPRESSION_GZIP, "wrapped input detected as %d",
                   (int)l.compression);
        l.compression = BM_COMPRESSION_NONE;
        fz_check_same_lists(plain, &l, "plain vs gzip-wrapped input");
        free(z);
    }
    fz_list_free(&l);
}

/* ---- range readers (parallel statistics) ---------------------------------------------------- */

/* Writes the bytes to an anonymous file; returns its fd (path in `path`) or -1 without memfd. */
static inline int fz_memfd(const uint8_t *data, size_t size, char *path, size_t path_cap)
{
    int fd = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd < 0) return -1;
    for (size_t at = 0; at < size;) {
        ssize_t w = write(fd, data + at, size - at);
        if (w <= 0) abort();
        at += (size_t)w;
    }
    snprintf(path, path_cap, "/proc/self/fd/%d", fd);
    return fd;
}

/* The file cut into 2..4 ranges, each read with bm_fastx_open_range as bm_seqstats_file does.
 * Whenever the ranges pass the documented tiling check (each range stops where the next one's
 * first record starts, the last at the end of the file, no errors), their records in order must
 * be exactly the records read serially, and the serial read must succeed: otherwise parallel
 * statistics would silently differ from serial ones. */
static inline void fz_check_ranges(const uint8_t *data, size_t size, const fz_list_t *l, uint64_t h)
{
    if (l->compression != BM_COMPRESSION_NONE || l->format == BM_FORMAT_UNKNOWN) return;
    char path[64];
    int fd = fz_memfd(data, size, path, sizeof path);
    if (fd < 0) return;
    enum { MAXR = 4 };
    size_t k = 2 + (size_t)(h % 3), cut[MAXR + 1];
    h /= 3;
    cut[0] = 0;
    cut[k] = size;
    for (size_t i = 1; i < k; i++) {
        /* Mostly even splits as bm_seqstats_file makes, sometimes anywhere. */
        cut[i] = (h & 1) ? (size_t)((h >> 1) % (size + 1)) : size * i / k;
        h = h * 6364136223846793005ull + 1442695040888963407ull;
    }
    for (size_t i = 1; i < k; i++) /* sort the inner cuts */
        for (size_t j = i + 1; j < k; j++)
            if (cut[j] < cut[i]) {
                size_t t = cut[i];
                cut[i] = cut[j];
                cut[j] = t;
            }
    fz_list_t parts;
    memset(&parts, 0, sizeof parts);
    int tiled = 1;
    uint64_t prev_stop = 0;
    for (size_t i = 0; i < k; i++) {
        bm_clear_error();
        bm_fastx_reader_t *r = NULL;
        int rc = bm_fastx_open_range(&r, path, l->format, cut[i], cut[i + 1]);
        if (rc < 0) {
            fz_check_error(rc, path, "bm_fastx_open_range");
            tiled = 0;
            continue;
        }
        uint64_t first = bm_fastx_range_start(r);
        FUZZ_CHECK(first >= cut[i] && first <= size, "range %zu [%zu, %zu): first record at %llu",
                   i, cut[i], cut[i + 1], (unsigned long long)first);
        if (i == 0) FUZZ_CHECK(first == 0, "range 0 starts at %llu", (unsigned long long)first);
        if (i > 0 && first != prev_stop) tiled = 0;
        bm_record_t rec;
        uint64_t n = 0;
        while ((rc = bm_fastx_next(r, &rec)) == 1) {
            fz_check_record(&rec, ++n, l->format);
            fz_list_push(&parts, &rec);
        }
        if (rc < 0) {
            fz_check_error(rc, path, "bm_fastx_next on a range");
            tiled = 0;
        }
        prev_stop = bm_fastx_offset(r);
        bm_fastx_close(r);
    }
    if (prev_stop != size) tiled = 0;
    if (tiled) {
        FUZZ_CHECK(l->rc == 0, "ranges tile the file but the serial read failed: %d", l->rc);
        FUZZ_CHECK(parts.n == l->n, "ranges tile the file with %zu records; serially %zu", parts.n,
                   l->n);
        for (size_t i = 0; i < l->n; i++) {
            bm_record_t x = fz_view(&parts.v[i]), y = fz_view(&l->v[i]);
            x.number = y.number; /* numbers restart in each range */
            FUZZ_CHECK(fz_same_record(&x, &y), "ranges tile the file but record %zu differs",
                       i + 1);
        }
    }
    fz_list_free(&parts);
    close(fd);
}

/* ---- batches ----------------------------------------------------------------------------------
 */

static inline void fz_check_batch(const bm_batch_t *b, size_t max_records, uint64_t first)
{
    FUZZ_CHECK(b->count <= max_records, "batch of %zu records, limit %zu", b->count, max_records);
    FUZZ_CHECK(b->count <= b->cap, "batch count %zu > cap %zu", b->count, b->cap);
    FUZZ_CHECK(b->data_len <= b->data_cap, "batch data_len %zu > data_cap %zu", b->data_len,
               b->data_cap);
    if (b->count == 0) return;
    FUZZ_CHECK(b->first_number == first, "batch first_number %llu, expected %llu",
               (unsigned long long)b->first_number, (unsigned long long)first);
    for (size_t i = 0; i < b->count; i++) {
        FUZZ_CHECK(b->name_off[i] + b->name_len[i] < b->data_len, "batch record %zu: name outside",
                   i);
        FUZZ_CHECK(b->seq_off[i] + b->seq_len[i] < b->data_len, "batch record %zu: seq outside", i);
        FUZZ_CHECK(b->data[b->name_off[i] + b->name_len[i]] == '\0', "batch name %zu not NUL-ended",
                   i);
        FUZZ_CHECK(b->data[b->seq_off[i] + b->seq_len[i]] == '\0', "batch seq %zu not NUL-ended",
                   i);
        if (b->format == BM_FORMAT_FASTQ) {
            FUZZ_CHECK(b->qual_off[i] + b->seq_len[i] < b->data_len,
                       "batch record %zu: qual outside", i);
            FUZZ_CHECK(b->data[b->qual_off[i] + b->seq_len[i]] == '\0',
                       "batch qual %zu not NUL-ended", i);
        } else {
            FUZZ_CHECK(b->format == BM_FORMAT_FASTA, "batch format %d", (int)b->format);
        }
    }
}

/* Record i of a batch as a record view. */
static inline bm_record_t fz_batch_record(const bm_batch_t *b, size_t i)
{
    bm_record_t r;
    r.name = b->data + b->name_off[i];
    r.name_len = (size_t)b->name_len[i];
    r.seq = b->data + b->seq_off[i];
    r.seq_len = (size_t)b->seq_len[i];
    r.qual = b->format == BM_FORMAT_FASTQ ? b->data + b->qual_off[i] : NULL;
    r.number = b->first_number + i;
    return r;
}

/* ---- statistics -------------------------------------------------------------------------------
 */

static inline int fz_same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static inline void fz_check_same_summary(const bm_seqstats_summary_t *a,
                                         const bm_seqstats_summary_t *b, const char *what)
{
    FUZZ_CHECK(a->format == b->format, "%s: format", what);
    FUZZ_CHECK(strcmp(a->type, b->type) == 0, "%s: type '%s' vs '%s'", what, a->type, b->type);
    FUZZ_CHECK(a->num_seqs == b->num_seqs && a->sum_len == b->sum_len && a->min_len == b->min_len &&
                   a->max_len == b->max_len,
               "%s: counts or lengths differ", what);
    FUZZ_CHECK(a->sum_gap == b->sum_gap && a->n50 == b->n50 && a->l50 == b->l50 &&
                   a->gc_bases == b->gc_bases && a->q20_bases == b->q20_bases &&
                   a->q30_bases == b->q30_bases,
               "%s: gap/N50/L50/GC/Q20/Q30 counts differ", what);
    FUZZ_CHECK(fz_same_double(a->avg_len, b->avg_len) && fz_same_double(a->q1, b->q1) &&
                   fz_same_double(a->q2, b->q2) && fz_same_double(a->q3, b->q3) &&
                   fz_same_double(a->q20_pct, b->q20_pct) &&
                   fz_same_double(a->q30_pct, b->q30_pct) && fz_same_double(a->gc_pct, b->gc_pct),
               "%s: averages, quartiles or percentages differ", what);
}

static inline int fz_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Median of the sorted lengths v[first .. first+count). */
static inline double fz_median(const uint64_t *v, size_t first, size_t count)
{
    if (count == 0) return 0;
    size_t mid = first + count / 2;
    if (count % 2) return (double)v[mid];
    return ((double)v[mid - 1] + (double)v[mid]) / 2;
}

/* Checks a summary against straightforward recomputation from the records. */
static inline void fz_check_summary(const bm_seqstats_summary_t *s, const fz_list_t *l)
{
    FUZZ_CHECK(s->num_seqs == l->n, "stats: %llu sequences, %zu read",
               (unsigned long long)s->num_seqs, l->n);
    if (l->n == 0) {
        FUZZ_CHECK(s->type && s->type[0] == '\0', "stats: type '%s' without records", s->type);
        return;
    }
    FUZZ_CHECK(s->format == (l->v[0].qual ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA), "stats: format");
    FUZZ_CHECK(!strcmp(s->type, "DNA") || !strcmp(s->type, "RNA") || !strcmp(s->type, "Protein") ||
                   !strcmp(s->type, "Unlimit"),
               "stats: type '%s'", s->type);
    uint64_t *len = fz_alloc(l->n * sizeof *len);
    uint64_t sum = 0, gc = 0, gap = 0, q20 = 0, q30 = 0;
    for (size_t i = 0; i < l->n; i++) {
        const fz_rec_t *c = &l->v[i];
        len[i] = c->seq_len;
        sum += c->seq_len;
        for (size_t k = 0; k < c->seq_len; k++) {
            unsigned char x = (unsigned char)c->seq[k];
            gc += x == 'G' || x == 'C' || x == 'g' || x == 'c';
            gap += x == '-' || x == '.' || x == ' ';
            if (c->qual) {
                q20 += (unsigned char)c->qual[k] >= 33 + 20;
                q30 += (unsigned char)c->qual[k] >= 33 + 30;
            }
        }
    }
    qsort(len, l->n, sizeof *len, fz_cmp_u64);
    size_t n = l->n, half = n / 2;
    FUZZ_CHECK(s->sum_len == sum, "stats: sum_len %llu != %llu", (unsigned long long)s->sum_len,
               (unsigned long long)sum);
    FUZZ_CHECK(s->min_len == len[0] && s->max_len == len[n - 1], "stats: min/max %llu/%llu",
               (unsigned long long)s->min_len, (unsigned long long)s->max_len);
    FUZZ_CHECK(s->gc_bases == gc, "stats: gc_bases %llu != %llu", (unsigned long long)s->gc_bases,
               (unsigned long long)gc);
    FUZZ_CHECK(s->sum_gap == gap, "stats: sum_gap %llu != %llu", (unsigned long long)s->sum_gap,
               (unsigned long long)gap);
    FUZZ_CHECK(s->q20_bases == q20 && s->q30_bases == q30, "stats: q20/q30 %llu/%llu != %llu/%llu",
               (unsigned long long)s->q20_bases, (unsigned long long)s->q30_bases,
               (unsigned long long)q20, (unsigned long long)q30);
    FUZZ_CHECK(fabs(s->avg_len - (double)sum / (double)n) <= 0.05 + 1e-9, "stats: avg_len %f",
               s->avg_len);
    FUZZ_CHECK(s->q2 == fz_median(len, 0, n), "stats: q2 %f", s->q2);
    FUZZ_CHECK(s->q1 == fz_median(len, 0, n % 2 ? half + 1 : half), "stats: q1 %f", s->q1);
    FUZZ_CHECK(s->q3 == fz_median(len, half, n - half), "stats: q3 %f", s->q3);
    uint64_t acc = 0, n50 = 0, l50 = 0;
    for (size_t i = n; i-- > 0;) {
        acc += len[i];
        if (2 * acc >= sum) {
            n50 = len[i];
            l50 = n - i;
            break;
        }
    }
    FUZZ_CHECK(s->n50 == n50 && s->l50 == l50, "stats: N50/L50 %llu/%llu, expected %llu/%llu",
               (unsigned long long)s->n50, (unsigned long long)s->l50, (unsigned long long)n50,
               (unsigned long long)l50);
    if (sum == 0) {
        FUZZ_CHECK(isnan(s->gc_pct) && isnan(s->q20_pct) && isnan(s->q30_pct),
                   "stats: percentages of nothing are not NaN");
    } else {
        FUZZ_CHECK(fabs(s->gc_pct - 100.0 * (double)gc / (double)sum) <= 0.005 + 1e-9,
                   "stats: gc_pct %f", s->gc_pct);
        FUZZ_CHECK(fabs(s->q20_pct - 100.0 * (double)q20 / (double)sum) <= 0.005 + 1e-9,
                   "stats: q20_pct %f", s->q20_pct);
        FUZZ_CHECK(fabs(s->q30_pct - 100.0 * (double)q30 / (double)sum) <= 0.005 + 1e-9,
                   "stats: q30_pct %f", s->q30_pct);
    }
    free(len);
}

static inline bm_seqstats_t *fz_stats_new(void)
{
    bm_seqstats_t *s = NULL;
    int rc = bm_seqstats_new(&s);
    FUZZ_CHECK(rc == 0 && s != NULL, "bm_seqstats_new failed: %d", rc);
    return s;
}

/* Statistics of the records added one by one must match the recomputation; split in two
 * accumulators (picked by `h`) and merged they must give the same summary. Returns the summary. */
static inline void fz_check_stats(const fz_list_t *l, uint64_t h, bm_seqstats_summary_t *out)
{
    int merge = (h & 3) == 0; /* a quarter of the inputs: accumulators are large */
    size_t split = (size_t)(h >> 2) % (l->n + 1);
    bm_seqstats_t *all = fz_stats_new(), *a = merge ? fz_stats_new() : NULL,
                  *b = merge ? fz_stats_new() : NULL;
    for (size_t i = 0; i < l->n; i++) {
        bm_record_t r = fz_view(&l->v[i]);
        FUZZ_CHECK(bm_seqstats_add(all, &r) == 0, "bm_seqstats_add failed");
        if (merge)
            FUZZ_CHECK(bm_seqstats_add(i < split ? a : b, &r) == 0, "bm_seqstats_add failed");
    }
    bm_seqstats_summary(all, out);
    fz_check_summary(out, l);
    if (merge) {
        FUZZ_CHECK(bm_seqstats_merge(a, b) == 0, "bm_seqstats_merge failed");
        bm_seqstats_summary_t sm;
        bm_seqstats_summary(a, &sm);
        fz_check_same_summary(out, &sm, "stats added one by one vs split and merged");
    }
    bm_seqstats_free(all);
    bm_seqstats_free(a);
    bm_seqstats_free(b);
}

/* Reads the input again in batches of varying size and checks the batches against the records
 * read one by one, and their statistics (bm_seqstats_add_batch) against `expect`. */
static inline void fz_check_batches(const void *data, size_t len, const char *name,
                                    const fz_list_t *l, uint64_t h,
                                    const bm_seqstats_summary_t *expect)
{
    static const size_t recs[] = {1, 2, 3, 7, 64, 100000};
    static const size_t bytes[] = {0, 1, 10, 100, 1000, 0};
    size_t max_records = recs[h % 6], max_bytes = bytes[(h >> 4) % 6];
    bm_clear_error();
    bm_fastx_reader_t *r = NULL;
    int rc = bm_fastx_open_memory(&r, data, len, name);
    if (rc < 0) {
        FUZZ_CHECK(rc == l->rc, "batch open failed with %d, record open ended with %d", rc, l->rc);
        return;
    }
    bm_seqstats_t *st = fz_stats_new();
    bm_batch_t b;
    bm_batch_init(&b);
    size_t seen = 0;
    for (;;) {
        rc = bm_fastx_next_batch(r, &b, max_records, max_bytes);
        size_t got = rc >= 0 ? (size_t)rc : b.count;
        if (rc >= 0)
            FUZZ_CHECK(b.count == (size_t)rc, "batch returned %d but holds %zu", rc, b.count);
        FUZZ_CHECK(seen + got <= l->n, "batches hold more records (%zu) than were read (%zu)",
                   seen + got, l->n);
        fz_check_batch(&b, max_records, seen + 1);
        for (size_t i = 0; i < got; i++) {
            bm_record_t x = fz_batch_record(&b, i), y = fz_view(&l->v[seen + i]);
            FUZZ_CHECK(fz_same_record(&x, &y), "batch record %zu differs from record read singly",
                       seen + i + 1);
        }
        if (rc > 0) {
            FUZZ_CHECK((size_t)rc == max_records || (max_bytes && b.data_len >= max_bytes) ||
                           seen + got == l->n,
                       "short batch of %d records before the end", rc);
            FUZZ_CHECK(bm_seqstats_add_batch(st, &b) == 0, "bm_seqstats_add_batch failed");
        }
        seen += got;
        if (rc <= 0) break;
    }
    if (rc == 0) {
        FUZZ_CHECK(l->rc == 0 && seen == l->n,
                   "batches ended cleanly after %zu records; singly: %d "
                   "after %zu",
                   seen, l->rc, l->n);
        bm_seqstats_summary_t s;
        bm_seqstats_summary(st, &s);
        fz_check_same_summary(expect, &s, "stats of records vs stats of batches");
    } else {
        fz_check_error(rc, name, "bm_fastx_next_batch");
        FUZZ_CHECK(rc == l->rc, "batches failed with %d, single records ended with %d", rc, l->rc);
    }
    bm_batch_free(&b);
    bm_seqstats_free(st);
    bm_fastx_close(r);
}

/* Everything the FASTQ and FASTA harnesses run on one input. The records read singly are moved
 * into *keep when it is not NULL (free them with fz_list_free). */
static inline void fz_fastx_one(const uint8_t *data, size_t size, const char *name, fz_list_t *keep)
{
    uint64_t h = fz_hash(data, size);
    fz_list_t l;
    fz_read_all(data, size, name, &l);
    fz_check_format_choice(data, size, &l);
    fz_check_round_trip(&l);
    bm_seqstats_summary_t sum;
    fz_check_stats(&l, h >> 40, &sum);
    fz_check_batches(data, size, name, &l, h >> 12, &sum);
    fz_check_streamed(data, size, &l, h >> 24);
    fz_check_ranges(data, size, &l, fz_hash(data, size / 2) ^ h);
    if (keep)
        *keep = l;
    else
        fz_list_free(&l);
}

#endif
