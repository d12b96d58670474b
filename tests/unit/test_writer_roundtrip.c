/* Unit tests of the sinks and FASTQ/FASTA writers: read -> write -> read round trips through plain,
 * gzip and BGZF output, checked by bgzip/gzip -t, and safe output (no file after abort, no .tmp).
 */
#include "test_helpers.h"

#include <limits.h>
#include <string.h>

static void to_records(const th_recs_t *rs, size_t i, bm_record_t *rec)
{
    const th_rec_t *t = &rs->v[i];
    rec->name = t->name;
    rec->name_len = t->name_len;
    rec->seq = t->seq;
    rec->seq_len = t->seq_len;
    rec->qual = t->qual;
    rec->number = t->number;
}

/* Writes all records to `path` and checks the .tmp file exists (and `path` not) while writing. */
static void write_all(const char *path, const th_recs_t *rs, bm_format_t format,
                      const bm_sink_opts_t *opts)
{
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    remove(path);
    bm_fastx_writer_t *w = NULL;
    assert_int_equal(bm_fastx_writer_open(&w, path, format, opts), 0);
    for (size_t i = 0; i < rs->n; i++) {
        bm_record_t rec;
        to_records(rs, i, &rec);
        TH_CHECK(bm_fastx_write(w, &rec) == 0, "write %s record %zu: %s", path, i + 1,
                 bm_last_error());
    }
    assert_true(th_exists(tmp));
    assert_false(th_exists(path));
    TH_CHECK(bm_fastx_writer_close(w) == 0, "close %s: %s", path, bm_last_error());
    assert_true(th_exists(path));
    TH_CHECK(!th_exists(tmp), "%s left behind after a successful close", tmp);
}

static const unsigned char BGZF_EOF[28] = {0x1f, 0x8b, 8,    4,    0, 0, 0,    0, 0, 0xff,
                                           6,    0,    0x42, 0x43, 2, 0, 0x1b, 0, 3, 0,
                                           0,    0,    0,    0,    0, 0, 0,    0};

/* Checks a written file with the external tools where they are installed. */
static void check_external(const char *path, bm_compression_t comp, const char *plain_text,
                           size_t plain_len)
{
    size_t len;
    char *bytes = th_read_file(path, &len);
    assert_non_null(bytes);
    if (comp == BM_COMPRESSION_NONE) {
        assert_int_equal(len, plain_len);
        assert_memory_equal(bytes, plain_text, len);
    } else {
        TH_CHECK(len >= 18 && (unsigned char)bytes[0] == 0x1f && (unsigned char)bytes[1] == 0x8b,
                 "%s: compressed output of %zu text bytes is not a gzip file (%zu bytes)", path,
                 plain_len, len);
        TH_CHECK(th_sh("gzip -t '%s' 2>/dev/null", path) == 0, "gzip -t fails on %s", path);
        char out[PATH_MAX + 8];
        snprintf(out, sizeof out, "%s.dc", path);
        assert_int_equal(th_sh("gzip -dc '%s' > '%s'", path, out), 0);
        size_t dl;
        char *d = th_read_file(out, &dl);
        TH_CHECK(dl == plain_len && memcmp(d, plain_text, dl) == 0,
                 "gzip -dc of %s differs from the expected text", path);
        free(d);
        remove(out);
    }
    if (comp == BM_COMPRESSION_BGZF) {
        assert_true(len >= 28);
        assert_memory_equal(bytes + len - 28, BGZF_EOF, 28);
        if (th_have("bgzip"))
            TH_CHECK(th_sh("bgzip -t '%s' 2>/dev/null", path) == 0, "bgzip -t fails on %s", path);
        else
            print_message("bgzip not installed: BGZF check by bgzip -t skipped\n");
    }
    free(bytes);
}

/* Streams every record of `in` to a writer on `out` (read -> write), checking the .tmp file. */
static void copy_file(const char *in, const char *out, bm_format_t format,
                      const bm_sink_opts_t *opts)
{
    char tmp[PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    remove(out);
    bm_fastx_reader_t *r;
    bm_fastx_writer_t *w;
    assert_int_equal(bm_fastx_open(&r, in, NULL), 0);
    assert_int_equal(bm_fastx_writer_open(&w, out, format, opts), 0);
    bm_record_t rec;
    int rc;
    while ((rc = bm_fastx_next(r, &rec)) == 1)
        TH_CHECK(bm_fastx_write(w, &rec) == 0, "write %s: %s", out, bm_last_error());
    TH_CHECK(rc == 0, "read %s: %s", in, bm_last_error());
    bm_fastx_close(r);
    assert_true(th_exists(tmp));
    assert_false(th_exists(out));
    TH_CHECK(bm_fastx_writer_close(w) == 0, "close %s: %s", out, bm_last_error());
    assert_true(th_exists(out));
    TH_CHECK(!th_exists(tmp), "%s left behind after a successful close", tmp);
}

/* Random records -> plain input file (FASTA wrapped at 60) -> read -> write `name` -> read back. */
static void roundtrip(const char *name, int fastq, int compression, bm_compression_t want, size_t n,
                      size_t max_len, uint64_t salt)
{
    th_rng_t rng = th_rng(salt);
    th_recs_t recs = {0}, back = {0};
    th_random_recs(&rng, &recs, n, max_len, fastq);
    char in[PATH_MAX], path[PATH_MAX], err[512];
    size_t in_len;
    char *in_text = th_format(&recs, fastq, 60, 0, &in_len);
    th_write_file(th_path(in, "roundtrip_input"), in_text, in_len);
    free(in_text);
    th_path(path, name);
    bm_sink_opts_t opts = {.compression = compression};
    copy_file(in, path, fastq ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA, &opts);
    size_t plain_len;
    char *plain = th_format(&recs, fastq, 0, 0, &plain_len); /* one sequence line per record */
    check_external(path, want, plain, plain_len);
    bm_fastx_reader_t *r;
    assert_int_equal(bm_fastx_open(&r, path, NULL), 0);
    TH_CHECK(th_read_all_reader(r, &back, err) == 0, "%s: %s", path, err);
    TH_CHECK(bm_fastx_compression(r) == want, "%s: compression %d, expected %d", path,
             (int)bm_fastx_compression(r), (int)want);
    if (n) assert_int_equal(bm_fastx_format(r), fastq ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA);
    bm_fastx_close(r);
    th_assert_recs_equal(&recs, &back, name);
    free(plain);
    th_recs_free(&recs);
    th_recs_free(&back);
}

/* ---- round trips ---- */

static void test_roundtrip_plain(void **state)
{
    (void)state;
    roundtrip("rt.fq", 1, -1, BM_COMPRESSION_NONE, 20000, 300, 1);
    roundtrip("rt.fa", 0, -1, BM_COMPRESSION_NONE, 5000, 2000, 2);
    roundtrip("rt_empty.fq", 1, -1, BM_COMPRESSION_NONE, 0, 10, 3);
}

static void test_roundtrip_gzip(void **state)
{
    (void)state;
    /* About 6 MB of FASTQ: several 1 MiB gzip members. */
    roundtrip("rt.fq.gz", 1, -1, BM_COMPRESSION_GZIP, 20000, 300, 4);
    roundtrip("rt.fa.gz", 0, -1, BM_COMPRESSION_GZIP, 3000, 3000, 5);
    roundtrip("rt_named_plain.fq", 1, BM_COMPRESSION_GZIP, BM_COMPRESSION_GZIP, 500, 300, 6);
}

/* No records: the output must still be a valid (empty) gzip file that gzip -t accepts. */
static void test_roundtrip_gzip_empty(void **state)
{
    (void)state;
    roundtrip("rt_empty.fq.gz", 1, -1, BM_COMPRESSION_GZIP, 0, 10, 7);
}

static void test_roundtrip_bgzf(void **state)
{
    (void)state;
    roundtrip("rt.fq.bgz", 1, -1, BM_COMPRESSION_BGZF, 20000, 300, 8);
    roundtrip("rt.fa.bgzf", 0, -1, BM_COMPRESSION_BGZF, 3000, 3000, 9);
    roundtrip("rt_bgzf.fq.gz", 1, BM_COMPRESSION_BGZF, BM_COMPRESSION_BGZF, 3000, 300, 10);
    roundtrip("rt_empty.fq.bgz", 1, -1, BM_COMPRESSION_BGZF, 0, 10, 11);
    /* Records longer than a 64 KiB BGZF block. */
    roundtrip("rt_long.fa.bgz", 0, -1, BM_COMPRESSION_BGZF, 20, 300000, 12);
}

static void test_roundtrip_plain_named_gz(void **state)
{
    (void)state;
    roundtrip("rt_plain.fq.gz", 1, BM_COMPRESSION_NONE, BM_COMPRESSION_NONE, 500, 300, 13);
}

static void test_roundtrip_levels(void **state)
{
    (void)state;
    for (int level = 1; level <= 12; level += 11) {
        bm_sink_opts_t opts = {.compression = BM_COMPRESSION_BGZF, .level = level};
        th_rng_t rng = th_rng(14);
        th_recs_t recs = {0}, back = {0};
        th_random_recs(&rng, &recs, 1000, 300, 1);
        char path[PATH_MAX];
        write_all(th_path(path, "level.bgz"), &recs, BM_FORMAT_FASTQ, &opts);
        assert_int_equal(th_read_all(path, NULL, &back, NULL), 0);
        th_assert_recs_equal(&recs, &back, level == 1 ? "BGZF level 1" : "BGZF level 12");
        th_recs_free(&recs);
        th_recs_free(&back);
    }
    bm_fastx_writer_t *w = (bm_fastx_writer_t *)1;
    bm_sink_opts_t bad = {.compression = BM_COMPRESSION_GZIP, .level = 13};
    char path[PATH_MAX];
    assert_int_equal(bm_fastx_writer_open(&w, th_path(path, "bad_level.gz"), BM_FORMAT_FASTQ, &bad),
                     BM_EINVAL);
    assert_null(w);
    assert_false(th_exists(path));
}

/* Bytes written through a sink in pieces of random size come back unchanged. */
static void test_sink_bytes_roundtrip(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(15);
    size_t len = 3u << 20;
    char *data = malloc(len);
    for (size_t i = 0; i < len; i++) data[i] = "ACGT\n@+I"[th_below(&rng, 8)];
    const bm_compression_t comps[] = {BM_COMPRESSION_NONE, BM_COMPRESSION_GZIP,
                                      BM_COMPRESSION_BGZF};
    for (size_t c = 0; c < 3; c++) {
        char path[PATH_MAX];
        th_path(path, "sink.bin");
        bm_sink_opts_t opts = {.compression = (int)comps[c]};
        bm_sink_t *s;
        assert_int_equal(bm_sink_open(&s, path, &opts), 0);
        for (size_t at = 0; at < len;) {
            size_t n =
                th_below(&rng, 4) == 0 ? (size_t)th_below(&rng, 2u << 20) : 1 + th_below(&rng, 300);
            if (n > len - at) n = len - at;
            assert_int_equal(bm_sink_write(s, data + at, n), 0);
            at += n;
        }
        assert_int_equal(bm_sink_close(s), 0);
        check_external(path, comps[c], data, len);
        bm_source_t *src;
        bm_source_opts_t so = {.mmap_min_size = SIZE_MAX};
        assert_int_equal(bm_source_open(&src, path, &so), 0);
        assert_int_equal(bm_source_compression(src), comps[c]);
        char *back = malloc(len + 1);
        size_t have = 0;
        ssize_t n;
        while ((n = bm_source_read(src, back + have, len + 1 - have)) > 0) have += (size_t)n;
        assert_int_equal(n, 0);
        bm_source_close(src);
        TH_CHECK(have == len && memcmp(back, data, len) == 0,
                 "sink compression %d: %zu bytes back of %zu", (int)comps[c], have, len);
        free(back);
    }
    free(data);
}

/* ---- safe output ---- */

static void test_abort_leaves_nothing(void **state)
{
    (void)state;
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    const char *names[] = {"abort.fq", "abort.fq.gz", "abort.fq.bgz"};
    for (size_t i = 0; i < 3; i++) {
        th_path(path, names[i]);
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        bm_fastx_writer_t *w;
        assert_int_equal(bm_fastx_writer_open(&w, path, BM_FORMAT_FASTQ, NULL), 0);
        bm_record_t rec = {"r", 1, "ACGT", 4, "IIII", 1};
        for (int k = 0; k < 50000; k++) assert_int_equal(bm_fastx_write(w, &rec), 0);
        assert_true(th_exists(tmp));
        bm_fastx_writer_abort(w);
        assert_false(th_exists(path));
        assert_false(th_exists(tmp));
    }
    bm_fastx_writer_abort(NULL);
    bm_sink_abort(NULL);
}

static void test_abort_keeps_existing_file(void **state)
{
    (void)state;
    char path[PATH_MAX], tmp[PATH_MAX + 8];
    th_path(path, "existing.fa");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    th_write_file(path, ">old\nAC\n", 8);
    bm_fastx_writer_t *w;
    assert_int_equal(bm_fastx_writer_open(&w, path, BM_FORMAT_FASTA, NULL), 0);
    bm_record_t rec = {"new", 3, "GGGG", 4, NULL, 1};
    assert_int_equal(bm_fastx_write(w, &rec), 0);
    bm_fastx_writer_abort(w);
    size_t len;
    char *text = th_read_file(path, &len);
    assert_string_equal(text, ">old\nAC\n");
    free(text);
    assert_false(th_exists(tmp));
    /* A successful close replaces it. */
    assert_int_equal(bm_fastx_writer_open(&w, path, BM_FORMAT_FASTA, NULL), 0);
    assert_int_equal(bm_fastx_write(w, &rec), 0);
    assert_int_equal(bm_fastx_writer_close(w), 0);
    text = th_read_file(path, &len);
    assert_string_equal(text, ">new\nGGGG\n");
    free(text);
    assert_false(th_exists(tmp));
}

static void test_writer_errors(void **state)
{
    (void)state;
    char path[PATH_MAX], want[PATH_MAX + 64];
    bm_fastx_writer_t *w = (bm_fastx_writer_t *)1;
    th_path(path, "no-such-dir/out.fq");
    assert_int_equal(bm_fastx_writer_open(&w, path, BM_FORMAT_FASTQ, NULL), BM_EIO);
    assert_null(w);
    snprintf(want, sizeof want, "%s: cannot create: No such file or directory", path);
    assert_string_equal(bm_last_error(), want);
    assert_int_equal(bm_fastx_writer_open(&w, th_path(path, "x.fq"), BM_FORMAT_UNKNOWN, NULL),
                     BM_EINVAL);
    assert_false(th_exists(path));
    /* FASTQ output needs qualities. */
    assert_int_equal(bm_fastx_writer_open(&w, th_path(path, "noqual.fq"), BM_FORMAT_FASTQ, NULL),
                     0);
    bm_record_t rec = {"a", 1, "ACGT", 4, NULL, 7};
    assert_int_equal(bm_fastx_write(w, &rec), BM_EINVAL);
    assert_string_equal(bm_last_error(), "record 7 has no qualities for FASTQ output");
    bm_fastx_writer_abort(w);
    assert_false(th_exists(path));
    /* FASTA output of a FASTQ record drops the qualities. */
    assert_int_equal(bm_fastx_writer_open(&w, th_path(path, "fromfq.fa"), BM_FORMAT_FASTA, NULL),
                     0);
    bm_record_t fq = {"q d", 3, "acgN", 4, "IIII", 1};
    assert_int_equal(bm_fastx_write(w, &fq), 0);
    assert_int_equal(bm_fastx_writer_close(w), 0);
    char *text = th_read_file(path, NULL);
    assert_string_equal(text, ">q d\nacgN\n");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_plain),
        cmocka_unit_test(test_roundtrip_gzip),
        cmocka_unit_test(test_roundtrip_gzip_empty),
        cmocka_unit_test(test_roundtrip_bgzf),
        cmocka_unit_test(test_roundtrip_plain_named_gz),
        cmocka_unit_test(test_roundtrip_levels),
        cmocka_unit_test(test_sink_bytes_roundtrip),
        cmocka_unit_test(test_abort_leaves_nothing),
        cmocka_unit_test(test_abort_keeps_existing_file),
        cmocka_unit_test(test_writer_errors),
    };
    return cmocka_run_group_tests_name("writer_roundtrip", tests, th_setup, th_teardown);
}
