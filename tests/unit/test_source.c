/* Unit tests of byte sources: compression detected from content, multi-member gzip, BGZF, offsets,
 * and the mmap and read-ahead paths giving the same bytes, records and errors as plain reads. */
#include "test_helpers.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* All decompressed bytes of `path`, read `cap` bytes at a time. Returns the final read status
 * (0 or a negative code); the bytes in *out (malloc'd), their count in *len. */
static int source_bytes(const char *path, const bm_source_opts_t *opts, size_t cap, char **out,
                        size_t *len, bm_compression_t *comp, int *mapped)
{
    bm_source_t *s;
    int rc = bm_source_open(&s, path, opts);
    if (rc < 0) return rc;
    if (comp) *comp = bm_source_compression(s);
    const char *d;
    size_t dl;
    if (mapped) *mapped = bm_source_mapped(s, &d, &dl);
    size_t have = 0, room = 1 << 16;
    char *buf = malloc(room);
    ssize_t n;
    for (;;) {
        if (room - have < cap) buf = realloc(buf, room = 2 * room + cap);
        n = bm_source_read(s, buf + have, cap);
        if (n <= 0) break;
        assert_true((size_t)n <= cap);
        have += (size_t)n;
    }
    if (n == 0) assert_int_equal(bm_source_read(s, buf, cap), 0); /* the end stays the end */
    bm_source_close(s);
    *out = buf;
    *len = have;
    return (int)n;
}

/* Random FASTQ text of about `kb` KiB written to `name`; returns the text. */
static char *write_random_fastq(const char *name, size_t kb, uint64_t salt, size_t *len, char *path)
{
    th_rng_t rng = th_rng(salt);
    th_recs_t recs = {0};
    th_random_recs(&rng, &recs, (kb << 10) / 180, 300, 1);
    char *text = th_format(&recs, 1, 0, 0, len);
    th_write_file(th_path(path, name), text, *len);
    th_recs_free(&recs);
    return text;
}

static void skip_without(const char *tool)
{
    if (!th_have(tool)) {
        print_message("%s not installed: skipped\n", tool);
        skip();
    }
}

/* ---- detection by content ---- */

static void expect_compression_and_records(const char *path, bm_compression_t want,
                                           const char *text, size_t len)
{
    char *bytes;
    size_t n;
    bm_compression_t comp;
    assert_int_equal(source_bytes(path, NULL, 1 << 16, &bytes, &n, &comp, NULL), 0);
    assert_int_equal(comp, want);
    assert_int_equal(n, len);
    assert_memory_equal(bytes, text, len);
    free(bytes);
    th_recs_t want_recs = {0}, got = {0};
    assert_int_equal(th_read_all_memory(text, len, &want_recs, NULL), 0);
    bm_fastx_reader_t *r;
    assert_int_equal(bm_fastx_open(&r, path, NULL), 0);
    assert_int_equal(bm_fastx_compression(r), want);
    assert_string_equal(bm_fastx_name(r), path);
    assert_int_equal(th_read_all_reader(r, &got, NULL), 0);
    bm_fastx_close(r);
    th_assert_recs_equal(&want_recs, &got, path);
    th_recs_free(&want_recs);
    th_recs_free(&got);
}

static void test_plain_named_gz(void **state)
{
    (void)state;
    char path[PATH_MAX];
    size_t len;
    char *text = write_random_fastq("plain.fq.gz", 50, 1, &len, path);
    expect_compression_and_records(path, BM_COMPRESSION_NONE, text, len);
    free(text);
}

static void test_gzip_named_plain(void **state)
{
    (void)state;
    char path[PATH_MAX], gz[PATH_MAX];
    size_t len;
    char *text = write_random_fastq("g.fq", 300, 2, &len, path);
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "gzip.fq")), 0);
    expect_compression_and_records(gz, BM_COMPRESSION_GZIP, text, len);
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "gzip.bgz")), 0);
    expect_compression_and_records(gz, BM_COMPRESSION_GZIP, text, len);
    free(text);
}

static void test_bgzf_named_txt(void **state)
{
    (void)state;
    skip_without("bgzip");
    char path[PATH_MAX], bgz[PATH_MAX];
    size_t len;
    char *text = write_random_fastq("b.fq", 700, 3, &len, path); /* many 64 KiB blocks */
    assert_int_equal(th_sh("bgzip -c '%s' > '%s'", path, th_path(bgz, "bgzf.txt")), 0);
    expect_compression_and_records(bgz, BM_COMPRESSION_BGZF, text, len);
    assert_int_equal(th_sh("bgzip -c '%s' > '%s'", path, th_path(bgz, "bgzf.fq.gz")), 0);
    expect_compression_and_records(bgz, BM_COMPRESSION_BGZF, text, len);
    free(text);
}

static void test_memory_detection(void **state)
{
    (void)state;
    char path[PATH_MAX], gz[PATH_MAX];
    size_t len, zlen;
    char *text = write_random_fastq("m.fq", 100, 4, &len, path);
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "m.fq.gz")), 0);
    char *z = th_read_file(gz, &zlen);
    bm_source_t *s;
    assert_int_equal(bm_source_open_memory(&s, z, zlen, "zmem"), 0);
    assert_int_equal(bm_source_compression(s), BM_COMPRESSION_GZIP);
    assert_string_equal(bm_source_name(s), "zmem");
    char *out = malloc(len + 1);
    size_t have = 0;
    ssize_t n;
    while ((n = bm_source_read(s, out + have, len + 1 - have)) > 0) have += (size_t)n;
    assert_int_equal(n, 0);
    assert_int_equal(have, len);
    assert_memory_equal(out, text, len);
    bm_source_close(s);
    assert_int_equal(bm_source_open_memory(&s, text, len, NULL), 0);
    assert_int_equal(bm_source_compression(s), BM_COMPRESSION_NONE);
    bm_source_close(s);
    free(out);
    free(z);
    free(text);
}

static void test_tiny_and_empty_inputs(void **state)
{
    (void)state;
    char path[PATH_MAX], gz[PATH_MAX];
    th_recs_t rs = {0};
    /* Shorter than the 18 bytes the detector asks for. */
    th_write_file(th_path(path, "tiny.fq"), "@a\nA\n+\nI\n", 9);
    assert_int_equal(th_read_all(path, NULL, &rs, NULL), 0);
    assert_int_equal(rs.n, 1);
    assert_string_equal(rs.v[0].seq, "A");
    th_recs_free(&rs);
    th_write_file(th_path(path, "empty.fq"), "", 0);
    assert_int_equal(th_read_all(path, NULL, &rs, NULL), 0);
    assert_int_equal(rs.n, 0);
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "empty.fq.gz")), 0);
    char *bytes;
    size_t n;
    bm_compression_t comp;
    assert_int_equal(source_bytes(gz, NULL, 100, &bytes, &n, &comp, NULL), 0);
    assert_int_equal(comp, BM_COMPRESSION_GZIP);
    assert_int_equal(n, 0);
    free(bytes);
    assert_int_equal(th_read_all(gz, NULL, &rs, NULL), 0);
    assert_int_equal(rs.n, 0);
    if (th_have("bgzip")) {
        assert_int_equal(th_sh("bgzip -c '%s' > '%s'", path, th_path(gz, "empty.fq.bgz")), 0);
        assert_int_equal(source_bytes(gz, NULL, 100, &bytes, &n, &comp, NULL), 0);
        assert_int_equal(comp, BM_COMPRESSION_BGZF);
        assert_int_equal(n, 0);
        free(bytes);
        assert_int_equal(th_read_all(gz, NULL, &rs, NULL), 0);
        assert_int_equal(rs.n, 0);
    }
}

/* ---- gzip members ---- */

static void test_multi_member_gzip(void **state)
{
    (void)state;
    char a[PATH_MAX], b[PATH_MAX], cat[PATH_MAX];
    size_t alen, blen;
    char *ta = write_random_fastq("mm_a.fq", 200, 5, &alen, a);
    char *tb = write_random_fastq("mm_b.fq", 150, 6, &blen, b);
    th_path(cat, "mm.fq.gz");
    assert_int_equal(th_sh("(gzip -c '%s'; gzip -c /dev/null; gzip -c '%s') > '%s'", a, b, cat), 0);
    char *whole = malloc(alen + blen);
    memcpy(whole, ta, alen);
    memcpy(whole + alen, tb, blen);
    for (int threads = 0; threads <= 1; threads++) {
        bm_source_opts_t o = {.threads = threads};
        char *bytes;
        size_t n;
        assert_int_equal(source_bytes(cat, &o, 4093, &bytes, &n, NULL, NULL), 0);
        assert_int_equal(n, alen + blen);
        assert_memory_equal(bytes, whole, n);
        free(bytes);
    }
    th_recs_t want = {0}, got = {0};
    assert_int_equal(th_read_all_memory(whole, alen + blen, &want, NULL), 0);
    assert_int_equal(th_read_all(cat, NULL, &got, NULL), 0);
    th_assert_recs_equal(&want, &got, "two gzip files concatenated");
    assert_int_equal(got.v[got.n - 1].number, got.n);
    th_recs_free(&want);
    th_recs_free(&got);
    free(whole);
    free(ta);
    free(tb);
}

static void test_many_small_members(void **state)
{
    (void)state;
    char path[PATH_MAX], one[PATH_MAX];
    th_path(path, "many.fq.gz");
    th_write_file(path, "", 0);
    th_path(one, "one.fq");
    for (int i = 0; i < 40; i++) {
        char rec[64];
        int n = snprintf(rec, sizeof rec, "@m%d\nACGT\n+\nIIII\n", i);
        th_write_file(one, rec, (size_t)n);
        assert_int_equal(th_sh("gzip -c '%s' >> '%s'", one, path), 0);
    }
    th_recs_t got = {0};
    assert_int_equal(th_read_all(path, NULL, &got, NULL), 0);
    assert_int_equal(got.n, 40);
    assert_string_equal(got.v[39].name, "m39");
    assert_int_equal(got.v[39].number, 40);
    th_recs_free(&got);
}

/* ---- mmap ---- */

static void test_mmap_same_bytes_and_records(void **state)
{
    (void)state;
    char path[PATH_MAX];
    size_t len;
    char *text = write_random_fastq("big_plain.fq", 3 << 10, 7, &len, path); /* 3 MiB */
    bm_source_opts_t map = {.mmap_min_size = 4096}, no_map = {.mmap_min_size = SIZE_MAX};
    char *mb, *pb;
    size_t ml, pl;
    int mapped;
    assert_int_equal(source_bytes(path, &map, 100003, &mb, &ml, NULL, &mapped), 0);
    assert_int_equal(mapped, 1);
    assert_int_equal(source_bytes(path, &no_map, 100003, &pb, &pl, NULL, &mapped), 0);
    assert_int_equal(mapped, 0);
    assert_int_equal(ml, len);
    assert_int_equal(pl, len);
    assert_memory_equal(mb, text, len);
    assert_memory_equal(pb, text, len);
    free(mb);
    free(pb);
    th_recs_t a = {0}, b = {0};
    bm_reader_opts_t ra = {.source = map}, rb = {.source = no_map};
    assert_int_equal(th_read_all(path, &ra, &a, NULL), 0);
    assert_int_equal(th_read_all(path, &rb, &b, NULL), 0);
    th_assert_recs_equal(&a, &b, "mapped vs read");
    th_recs_free(&a);
    th_recs_free(&b);
    free(text);
}

static void test_mmap_thresholds(void **state)
{
    (void)state;
    char path[PATH_MAX], small[PATH_MAX], gz[PATH_MAX];
    size_t len;
    free(write_random_fastq("map_big.fq", 1100, 8, &len, path)); /* > 1 MiB */
    assert_true(len > (1u << 20));
    bm_source_t *s;
    const char *d;
    size_t dl;
    /* A threshold above the size: not mapped. */
    bm_source_opts_t o = {.mmap_min_size = len + 1};
    assert_int_equal(bm_source_open(&s, path, &o), 0);
    assert_int_equal(bm_source_mapped(s, &d, &dl), 0);
    bm_source_close(s);
    o.mmap_min_size = len;
    assert_int_equal(bm_source_open(&s, path, &o), 0);
    assert_int_equal(bm_source_mapped(s, &d, &dl), 1);
    assert_int_equal(dl, len);
    bm_source_close(s);
    /* Compressed files are never mapped. */
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "map_big.fq.gz")), 0);
    o.mmap_min_size = 1;
    assert_int_equal(bm_source_open(&s, gz, &o), 0);
    assert_int_equal(bm_source_mapped(s, &d, &dl), 0);
    bm_source_close(s);
    /* A small threshold maps small files too. */
    free(write_random_fastq("map_small.fq", 20, 9, &len, small));
    o.mmap_min_size = 1;
    assert_int_equal(bm_source_open(&s, small, &o), 0);
    assert_int_equal(bm_source_mapped(s, &d, &dl), 1);
    assert_int_equal(dl, len);
    bm_source_close(s);
}

/* The documented default (mmap_min_size 0, or no options): never map, whatever the size. */
static void test_mmap_default_never(void **state)
{
    (void)state;
    char path[PATH_MAX];
    size_t len;
    free(write_random_fastq("map_default.fq", 1100, 8, &len, path));
    bm_source_t *s;
    const char *d;
    size_t dl;
    bm_source_opts_t o = {0};
    assert_int_equal(bm_source_open(&s, path, &o), 0);
    assert_int_equal(bm_source_mapped(s, &d, &dl), 0);
    bm_source_close(s);
    assert_int_equal(bm_source_open(&s, path, NULL), 0);
    assert_int_equal(bm_source_mapped(s, &d, &dl), 0);
    bm_source_close(s);
}

/* ---- reading from an offset ---- */

static void test_offset(void **state)
{
    (void)state;
    char path[PATH_MAX], gz[PATH_MAX];
    size_t len;
    char *text = write_random_fastq("offset.fq", 300, 14, &len, path);
    const uint64_t offsets[] = {1, 17, 65536, len - 1, len, len + 10};
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
        bm_source_opts_t o = {.offset = offsets[i]};
        char *bytes;
        size_t n;
        bm_compression_t comp;
        assert_int_equal(source_bytes(path, &o, 4096, &bytes, &n, &comp, NULL), 0);
        size_t want = offsets[i] < len ? len - (size_t)offsets[i] : 0;
        assert_int_equal(comp, BM_COMPRESSION_NONE);
        TH_CHECK(n == want && memcmp(bytes, text + (offsets[i] < len ? offsets[i] : len), n) == 0,
                 "offset %llu: %zu bytes, expected %zu", (unsigned long long)offsets[i], n, want);
        free(bytes);
    }
    /* No compression detection at an offset: the raw bytes of a gzip file. */
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "offset.fq.gz")), 0);
    size_t zlen, n;
    char *z = th_read_file(gz, &zlen), *bytes;
    bm_source_opts_t o = {.offset = 3};
    assert_int_equal(source_bytes(gz, &o, 4096, &bytes, &n, NULL, NULL), 0);
    assert_int_equal(n, zlen - 3);
    assert_memory_equal(bytes, z + 3, n);
    free(bytes);
    free(z);
    /* stdin cannot seek. */
    bm_source_t *s = (bm_source_t *)1;
    o.offset = 5;
    assert_int_equal(bm_source_open(&s, "-", &o), BM_EINVAL);
    assert_null(s);
    assert_non_null(strstr(bm_last_error(), "cannot seek to byte 5"));
    free(text);
}

/* ---- read-ahead thread ---- */

static void test_read_ahead_same_bytes(void **state)
{
    (void)state;
    char path[PATH_MAX], gz[PATH_MAX], bgz[PATH_MAX];
    size_t len;
    char *text = write_random_fastq("ra.fq", 5 << 10, 10, &len, path); /* 5 slots of 1 MiB */
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "ra.fq.gz")), 0);
    const char *files[3] = {path, gz, NULL};
    if (th_have("bgzip")) {
        assert_int_equal(th_sh("bgzip -c '%s' > '%s'", path, th_path(bgz, "ra.fq.bgz")), 0);
        files[2] = bgz;
    }
    size_t caps[] = {1, 777, 1 << 20, 3 << 20};
    for (size_t f = 0; f < 3 && files[f]; f++) {
        for (size_t c = 0; c < sizeof caps / sizeof caps[0]; c++) {
            if (caps[c] == 1 && f != 1) continue; /* byte-by-byte once is enough */
            bm_source_opts_t o = {.threads = 1, .mmap_min_size = SIZE_MAX};
            char *bytes;
            size_t n;
            assert_int_equal(source_bytes(files[f], &o, caps[c], &bytes, &n, NULL, NULL), 0);
            TH_CHECK(n == len && memcmp(bytes, text, len) == 0,
                     "%s with read-ahead, reads of %zu: %zu bytes, expected %zu", files[f], caps[c],
                     n, len);
            free(bytes);
        }
    }
    free(text);
}

/* Reads `path` with and without the read-ahead thread; both must give the same records, the same
 * code and the same message. Returns the code. */
static int same_with_read_ahead(const char *path, const char *want_suffix)
{
    th_recs_t a = {0}, b = {0};
    char ea[512], eb[512];
    bm_reader_opts_t plain = {.source = {.mmap_min_size = SIZE_MAX}};
    bm_reader_opts_t ahead = {.source = {.mmap_min_size = SIZE_MAX, .threads = 1}};
    int ra = th_read_all(path, &plain, &a, ea);
    int rb = th_read_all(path, &ahead, &b, eb);
    assert_int_equal(ra, rb);
    assert_string_equal(ea, eb);
    th_assert_recs_equal(&a, &b, "without vs with read-ahead");
    if (want_suffix) {
        TH_CHECK(strstr(ea, want_suffix) != NULL, "%s: message '%s' lacks '%s'", path, ea,
                 want_suffix);
        TH_CHECK(strncmp(ea, path, strlen(path)) == 0, "message '%s' does not name %s", ea, path);
    }
    th_recs_free(&a);
    th_recs_free(&b);
    return ra;
}

/* True when a FASTQ header starts at text[at] (a quality line may also start with '@', but the
 * line two below a header is the '+' line). */
static int is_header_at(const char *text, size_t len, size_t at)
{
    if (text[at - 1] != '\n' || text[at] != '@') return 0;
    const char *p = memchr(text + at, '\n', len - at);
    p = p ? memchr(p + 1, '\n', (size_t)(text + len - p - 1)) : NULL;
    return p && p + 2 < text + len && p[1] == '+' && p[2] == '\n';
}

static void test_read_ahead_parse_error(void **state)
{
    (void)state;
    char path[PATH_MAX], bad[PATH_MAX];
    size_t len;
    char *text = write_random_fastq("rae.fq", 3 << 10, 11, &len, path);
    assert_int_equal(same_with_read_ahead(path, NULL), 0);
    /* A malformed record after 2.5 MiB: past two read-ahead slots. */
    size_t at = (5u << 19);
    while (!is_header_at(text, len, at)) at++;
    text[at] = 'X';
    th_write_file(th_path(bad, "rae_bad.fq"), text, len);
    assert_int_equal(
        same_with_read_ahead(bad, "expected '@' at the start of a FASTQ header, found 'X'"),
        BM_EFORMAT);
    free(text);
}

static void test_read_ahead_gzip_errors(void **state)
{
    (void)state;
    char path[PATH_MAX], gz[PATH_MAX], cut[PATH_MAX];
    size_t len, zlen;
    free(write_random_fastq("raz.fq", 3 << 10, 12, &len, path));
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, th_path(gz, "raz.fq.gz")), 0);
    char *z = th_read_file(gz, &zlen);
    th_write_file(th_path(cut, "raz_cut.fq.gz"), z, zlen - 1000);
    assert_int_equal(same_with_read_ahead(cut, "truncated gzip stream"), BM_ETRUNC);
    z[zlen / 2] ^= 0x55;
    z[zlen / 2 + 1] ^= 0x55;
    th_write_file(th_path(cut, "raz_corrupt.fq.gz"), z, zlen);
    assert_true(same_with_read_ahead(cut, NULL) < 0);
    free(z);
    assert_int_equal(
        th_sh("(gzip -c '%s'; printf 'garbage') > '%s'", path, th_path(cut, "raz_garbage.fq.gz")),
        0);
    assert_int_equal(same_with_read_ahead(cut, "trailing garbage after gzip data"), BM_EFORMAT);
}

static void test_read_ahead_bgzf_error(void **state)
{
    (void)state;
    skip_without("bgzip");
    char path[PATH_MAX], gz[PATH_MAX], cut[PATH_MAX];
    size_t len, zlen;
    free(write_random_fastq("rab.fq", 3 << 10, 13, &len, path));
    assert_int_equal(th_sh("bgzip -c '%s' > '%s'", path, th_path(gz, "rab.fq.bgz")), 0);
    char *z = th_read_file(gz, &zlen);
    th_write_file(th_path(cut, "rab_cut.fq.bgz"), z, zlen / 2);
    assert_int_equal(same_with_read_ahead(cut, "truncated BGZF block"), BM_ETRUNC);
    free(z);
}

/* Data written to a pipe reaches the reader without waiting for the writer to close it: a bad
 * record is reported at once, with and without the read-ahead thread. */
static void check_pipe_latency(int threads)
{
    char path[PATH_MAX];
    th_path(path, threads ? "latency1.fifo" : "latency0.fifo");
    assert_int_equal(mkfifo(path, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(path, O_WRONLY);
        const char *t = "@a\nACGT\n+\nIIII\n@b\nAC\n+\nI\n@c\nA\n+\nI\n";
        if (fd < 0 || write(fd, t, strlen(t)) < 0) _exit(1);
        sleep(3); /* keep the pipe open */
        _exit(0);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bm_reader_opts_t o = {.source = {.threads = threads}};
    th_recs_t rs = {0};
    char err[512];
    int rc = th_read_all(path, &o, &rs, err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_int_equal(rc, BM_EFORMAT);
    assert_int_equal(rs.n, 1);
    th_recs_free(&rs);
    TH_CHECK(secs < 1.5,
             "threads=%d: the error in the first 30 bytes of a pipe came after %.1f s (the writer "
             "kept the pipe open for 3 s)",
             threads, secs);
}

static void test_pipe_latency(void **state)
{
    (void)state;
    check_pipe_latency(0);
}

static void test_pipe_latency_read_ahead(void **state)
{
    (void)state;
    check_pipe_latency(1);
}

/* ---- open errors ---- */

static void test_open_errors(void **state)
{
    (void)state;
    char path[PATH_MAX], want[PATH_MAX + 64];
    bm_source_t *s = (bm_source_t *)1;
    th_path(path, "does-not-exist.fq");
    assert_int_equal(bm_source_open(&s, path, NULL), BM_EIO);
    assert_null(s);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory", path);
    assert_string_equal(bm_last_error(), want);
    assert_int_equal(bm_last_error_code(), BM_EIO);
    th_path(path, "");
    path[strlen(path) - 1] = '\0'; /* the temporary directory itself */
    assert_int_equal(bm_source_open(&s, path, NULL), BM_EIO);
    snprintf(want, sizeof want, "%s: is a directory", path);
    assert_string_equal(bm_last_error(), want);
    bm_fastx_reader_t *r = (bm_fastx_reader_t *)1;
    assert_int_equal(bm_fastx_open(&r, path, NULL), BM_EIO);
    assert_null(r);
    bm_source_close(NULL);
    bm_fastx_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_named_gz),
        cmocka_unit_test(test_gzip_named_plain),
        cmocka_unit_test(test_bgzf_named_txt),
        cmocka_unit_test(test_memory_detection),
        cmocka_unit_test(test_tiny_and_empty_inputs),
        cmocka_unit_test(test_multi_member_gzip),
        cmocka_unit_test(test_many_small_members),
        cmocka_unit_test(test_mmap_same_bytes_and_records),
        cmocka_unit_test(test_mmap_thresholds),
        cmocka_unit_test(test_mmap_default_never),
        cmocka_unit_test(test_offset),
        cmocka_unit_test(test_read_ahead_same_bytes),
        cmocka_unit_test(test_read_ahead_parse_error),
        cmocka_unit_test(test_read_ahead_gzip_errors),
        cmocka_unit_test(test_read_ahead_bgzf_error),
        cmocka_unit_test(test_pipe_latency),
        cmocka_unit_test(test_pipe_latency_read_ahead),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests_name("source", tests, th_setup, th_teardown);
}
