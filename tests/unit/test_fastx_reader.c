/* Unit tests of the FASTQ/FASTA reader: line ends, empty and lower-case records, multi-line FASTA,
 * errors, buffer boundaries against a getline parser, and range readers tiling a file. */
#include "test_helpers.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reads `text` both from memory and from a plain file (the buffered path), checks that both give
 * the same records and end, and returns the records from the file in *rs. */
static int read_text(const char *text, th_recs_t *rs, char *err)
{
    size_t len = strlen(text);
    th_recs_t mem = {0};
    char merr[512], path[PATH_MAX];
    int mrc = th_read_all_memory(text, len, &mem, merr);
    th_write_file(th_path(path, "text.fx"), text, len);
    bm_reader_opts_t no_map = {.source = {.mmap_min_size = SIZE_MAX}};
    int frc = th_read_all(path, &no_map, rs, err);
    assert_int_equal(mrc, frc);
    th_assert_recs_equal(&mem, rs, "memory vs file");
    th_recs_free(&mem);
    return frc;
}

/* Checks that `text` fails with `code` and the message "<name>: <suffix>" both from memory and
 * from a file. */
static void expect_error(const char *text, int code, const char *suffix)
{
    char err[512], want[PATH_MAX + 512], path[PATH_MAX];
    th_recs_t rs = {0};
    int rc = th_read_all_memory(text, strlen(text), &rs, err);
    assert_int_equal(rc, code);
    snprintf(want, sizeof want, "mem: %s", suffix);
    assert_string_equal(err, want);
    th_recs_free(&rs);
    th_write_file(th_path(path, "bad.fx"), text, strlen(text));
    rc = th_read_all(path, NULL, &rs, err);
    assert_int_equal(rc, code);
    snprintf(want, sizeof want, "%s: %s", path, suffix);
    assert_string_equal(err, want);
    th_recs_free(&rs);
}

static void assert_rec(const th_rec_t *r, const char *name, const char *seq, const char *qual)
{
    assert_int_equal(r->name_len, strlen(name));
    assert_string_equal(r->name, name);
    assert_int_equal(r->seq_len, strlen(seq));
    assert_string_equal(r->seq, seq);
    if (qual) {
        assert_non_null(r->qual);
        assert_string_equal(r->qual, qual);
    } else {
        assert_null(r->qual);
    }
}

/* ---- FASTQ ---- */

static void test_fastq_basic(void **state)
{
    (void)state;
    bm_fastx_reader_t *r;
    const char *t = "@r1 some description\nACGTN\n+\nIIII#\n@r2\nAC\n+\n!~\n";
    assert_int_equal(bm_fastx_open_memory(&r, t, strlen(t), "mem"), 0);
    assert_int_equal(bm_fastx_format(r), BM_FORMAT_UNKNOWN);
    bm_record_t rec;
    assert_int_equal(bm_fastx_next(r, &rec), 1);
    assert_int_equal(bm_fastx_format(r), BM_FORMAT_FASTQ);
    assert_int_equal(rec.number, 1);
    assert_int_equal(bm_fastx_count(r), 1);
    assert_int_equal(bm_fastx_next(r, &rec), 1);
    assert_int_equal(rec.number, 2);
    assert_int_equal(bm_fastx_next(r, &rec), 0);
    assert_int_equal(bm_fastx_next(r, &rec), 0);
    assert_int_equal(bm_fastx_count(r), 2);
    assert_string_equal(bm_fastx_name(r), "mem");
    assert_int_equal(bm_fastx_compression(r), BM_COMPRESSION_NONE);
    bm_fastx_close(r);

    th_recs_t rs = {0};
    assert_int_equal(read_text(t, &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[0], "r1 some description", "ACGTN", "IIII#");
    assert_rec(&rs.v[1], "r2", "AC", "!~");
    th_recs_free(&rs);
}

static void test_fastq_crlf(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(
        read_text("@r1 d\r\nACGT\r\n+\r\nIIII\r\n@r2\r\nGG\r\n+r2\r\nAB\r\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[0], "r1 d", "ACGT", "IIII");
    assert_rec(&rs.v[1], "r2", "GG", "AB");
    th_recs_free(&rs);
}

static void test_fastq_missing_final_newline(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text("@a\nAC\n+\nII\n@b\nGTA\n+\n#$%", &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[1], "b", "GTA", "#$%");
    th_recs_free(&rs);
    assert_int_equal(read_text("@a\r\nAC\r\n+\r\nII\r\n@b\r\nGTA\r\n+\r\n#$%", &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[1], "b", "GTA", "#$%");
    th_recs_free(&rs);
}

static void test_fastq_plus_repeats_name(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text("@r1 desc\nACG\n+r1 desc\nIII\n@r2\nT\n+r2\nI\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[0], "r1 desc", "ACG", "III");
    assert_rec(&rs.v[1], "r2", "T", "I");
    th_recs_free(&rs);
}

static void test_fastq_plus_other_name_is_error(void **state)
{
    (void)state;
    expect_error("@r1\nACG\n+r1\nIII\n@r2\nT\n+r3\nI\n", BM_EFORMAT,
                 "record 2: '+' line does not repeat the header");
    expect_error("@r1 desc\nACG\n+r1\nIII\n", BM_EFORMAT,
                 "record 1: '+' line does not repeat the header");
}

static void test_fastq_lowercase_kept(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text("@x\nacgtnACGTn\n+\nIIIIIIIIII\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 1);
    assert_rec(&rs.v[0], "x", "acgtnACGTn", "IIIIIIIIII");
    th_recs_free(&rs);
}

static void test_fastq_empty_sequence(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text("@e1\n\n+\n\n@a\nAC\n+\nII\n@e2\n\n+\n\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 3);
    assert_rec(&rs.v[0], "e1", "", "");
    assert_rec(&rs.v[1], "a", "AC", "II");
    assert_rec(&rs.v[2], "e2", "", "");
    assert_int_equal(rs.v[2].number, 3);
    th_recs_free(&rs);
    /* An empty record at the very end may lack the empty quality line. */
    assert_int_equal(read_text("@a\nAC\n+\nII\n@e\n\n+\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[1], "e", "", "");
    th_recs_free(&rs);
    assert_int_equal(read_text("@e\r\n\r\n+\r\n\r\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 1);
    assert_rec(&rs.v[0], "e", "", "");
    th_recs_free(&rs);
}

static void test_fastq_blank_lines_at_end(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text("@a\nAC\n+\nII\n\n\n\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 1);
    assert_rec(&rs.v[0], "a", "AC", "II");
    th_recs_free(&rs);
    assert_int_equal(read_text("@a\r\nAC\r\n+\r\nII\r\n\r\n\r\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 1);
    assert_rec(&rs.v[0], "a", "AC", "II");
    th_recs_free(&rs);
}

static void test_fastq_errors(void **state)
{
    (void)state;
    expect_error("@a\nACGT\n+\nIIII\n@b\nACGT\n+\nIII\n@c\nA\n+\nI\n", BM_EFORMAT,
                 "record 2: quality length 3 != sequence length 4");
    expect_error("@a\nACGT\n+\nII", BM_ETRUNC,
                 "record 1: truncated record: input ends inside the quality line (quality length 2 "
                 "!= sequence length 4)");
    expect_error("@a\nACGT\n+\nIIII\n@b\nAC\n", BM_ETRUNC,
                 "record 2: truncated record: input ends after the sequence");
    expect_error("@a\nACGT\n-\nIIII\n", BM_EFORMAT,
                 "record 1: expected '+' line after the sequence, found '-'");
    expect_error("@a\nACGT\n+\nIIII\nb\nAC\n+\nII\n", BM_EFORMAT,
                 "record 2: expected '@' at the start of a FASTQ header, found 'b'");
    expect_error("@a\nAC\n+\nI\x01\n", BM_EFORMAT,
                 "record 1: invalid byte 0x01 at quality position 2 (binary data?)");
}

/* A last quality line that is complete (it ends with a newline) but short is a format error: the
 * input did not end inside the record. Cut inside the line, it is a truncation. */
static void test_fastq_short_last_quality_is_format_error(void **state)
{
    (void)state;
    expect_error("@a\nACGT\n+\nIIII\n@b\nACGT\n+\nIII\n", BM_EFORMAT,
                 "record 2: quality length 3 != sequence length 4");
    expect_error("@a\nACGT\n+\nIIII\n@b\nACGT\n+\nIII", BM_ETRUNC,
                 "record 2: truncated record: input ends inside the quality line (quality length 3 "
                 "!= sequence length 4)");
}

static void test_reader_stays_failed(void **state)
{
    (void)state;
    const char *t = "@a\nAC\n+\nI\n@b\nAC\n+\nII\n";
    bm_fastx_reader_t *r;
    bm_record_t rec;
    assert_int_equal(bm_fastx_open_memory(&r, t, strlen(t), "mem"), 0);
    assert_int_equal(bm_fastx_next(r, &rec), BM_EFORMAT);
    assert_int_equal(bm_fastx_next(r, &rec), BM_EFORMAT);
    assert_int_equal(bm_fastx_count(r), 0);
    bm_fastx_close(r);
}

/* ---- FASTA ---- */

static void test_fasta_multiline(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text(">s1\nACGT\nacgt\nNN\n>s2\nA\n>s3\nCC\nGG", &rs, NULL), 0);
    assert_int_equal(rs.n, 3);
    assert_rec(&rs.v[0], "s1", "ACGTacgtNN", NULL);
    assert_rec(&rs.v[1], "s2", "A", NULL);
    assert_rec(&rs.v[2], "s3", "CCGG", NULL);
    assert_int_equal(rs.v[2].number, 3);
    th_recs_free(&rs);
}

static void test_fasta_empty_sequence(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text(">e1\n>a\nAC\n>e2\n>b\nG\n>e3\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 5);
    assert_rec(&rs.v[0], "e1", "", NULL);
    assert_rec(&rs.v[1], "a", "AC", NULL);
    assert_rec(&rs.v[2], "e2", "", NULL);
    assert_rec(&rs.v[3], "b", "G", NULL);
    assert_rec(&rs.v[4], "e3", "", NULL);
    th_recs_free(&rs);
    assert_int_equal(read_text(">only", &rs, NULL), 0);
    assert_int_equal(rs.n, 1);
    assert_rec(&rs.v[0], "only", "", NULL);
    th_recs_free(&rs);
}

static void test_fasta_description(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(
        read_text(">chr1 Homo sapiens\tchromosome 1, GRCh38\nACGT\n>\nGG\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[0], "chr1 Homo sapiens\tchromosome 1, GRCh38", "ACGT", NULL);
    assert_rec(&rs.v[1], "", "GG", NULL);
    th_recs_free(&rs);
}

static void test_fasta_crlf(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text(">s1 d\r\nAC\r\nGT\r\n>s2\r\nTT\r\n>e\r\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 3);
    assert_rec(&rs.v[0], "s1 d", "ACGT", NULL);
    assert_rec(&rs.v[1], "s2", "TT", NULL);
    assert_rec(&rs.v[2], "e", "", NULL);
    th_recs_free(&rs);
}

static void test_fasta_blank_lines(void **state)
{
    (void)state;
    th_recs_t rs = {0};
    assert_int_equal(read_text("\n>a\nAC\n\nGT\n\n>b\nT\n\n\n", &rs, NULL), 0);
    assert_int_equal(rs.n, 2);
    assert_rec(&rs.v[0], "a", "ACGT", NULL);
    assert_rec(&rs.v[1], "b", "T", NULL);
    th_recs_free(&rs);
}

/* ---- empty and foreign input ---- */

static void test_empty_input(void **state)
{
    (void)state;
    const char *texts[] = {"", "\n", "\r\n\r\n\n"};
    for (size_t i = 0; i < 3; i++) {
        bm_fastx_reader_t *r;
        bm_record_t rec;
        assert_int_equal(bm_fastx_open_memory(&r, texts[i], strlen(texts[i]), "mem"), 0);
        assert_int_equal(bm_fastx_next(r, &rec), 0);
        assert_int_equal(bm_fastx_format(r), BM_FORMAT_UNKNOWN);
        assert_int_equal(bm_fastx_count(r), 0);
        bm_fastx_close(r);
        th_recs_t rs = {0};
        assert_int_equal(read_text(texts[i], &rs, NULL), 0);
        assert_int_equal(rs.n, 0);
        th_recs_free(&rs);
    }
}

static void test_not_fastx(void **state)
{
    (void)state;
    expect_error("hello\n", BM_EFORMAT,
                 "not FASTQ or FASTA: input starts with 'h' (expected '@' or '>')");
    expect_error("\x7f"
                 "ELF",
                 BM_EFORMAT, "not FASTQ or FASTA: input starts with byte 0x7f (binary data?)");
}

/* ---- records larger than the buffer, random files against the reference parser ---- */

static void test_record_larger_than_buffer(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(11);
    th_recs_t want = {0}, got = {0};
    th_random_recs(&rng, &want, 3, 100, 1);
    /* One 9 MB FASTQ record between small ones: more than twice the reader's 4 MiB buffer. */
    size_t big = 9u << 20;
    char *seq = malloc(big), *qual = malloc(big);
    for (size_t i = 0; i < big; i++) seq[i] = "ACGT"[th_below(&rng, 4)], qual[i] = 'F';
    th_recs_push(&want, "big", 3, seq, big, qual, 4);
    th_random_recs(&rng, &want, 3, 100, 1);
    for (size_t i = 0; i < want.n; i++) want.v[i].number = i + 1;
    size_t len;
    char *text = th_format(&want, 1, 0, 0, &len), path[PATH_MAX];
    th_write_file(th_path(path, "big.fq"), text, len);
    bm_reader_opts_t no_map = {.source = {.mmap_min_size = SIZE_MAX}};
    assert_int_equal(th_read_all(path, &no_map, &got, NULL), 0);
    th_assert_recs_equal(&want, &got, "9 MB FASTQ record");
    th_recs_free(&got);
    free(text);
    /* The same sequence as multi-line FASTA. */
    for (size_t i = 0; i < want.n; i++) free(want.v[i].qual), want.v[i].qual = NULL;
    text = th_format(&want, 0, 70, 0, &len);
    th_write_file(th_path(path, "big.fa"), text, len);
    assert_int_equal(th_read_all(path, &no_map, &got, NULL), 0);
    th_assert_recs_equal(&want, &got, "9 MB FASTA record");
    th_recs_free(&got);
    free(text);
    free(seq);
    free(qual);
    th_recs_free(&want);
}

/* Writes a random file of about `mb` MB, then compares the library (buffered, mapped, read-ahead
 * and gzip-compressed) with the reference parser. */
static void compare_random_file(const char *name, int fastq, size_t width, int crlf, size_t mb,
                                uint64_t salt)
{
    th_rng_t rng = th_rng(salt);
    th_recs_t recs = {0}, ref = {0};
    size_t max_len = fastq ? 400 : 3000;
    size_t n = (mb << 20) / (fastq ? max_len + 20 : max_len / 2 + 20);
    th_random_recs(&rng, &recs, n, max_len, fastq);
    size_t len;
    char *text = th_format(&recs, fastq, width, crlf, &len), path[PATH_MAX], gz[PATH_MAX + 8];
    th_path(path, name);
    th_write_file(path, text, len);
    th_ref_read(path, &ref);
    th_assert_recs_equal(&recs, &ref, "reference parser vs generated records");

    const struct {
        const char *what;
        bm_reader_opts_t opts;
    } modes[] = {
        {"buffered", {.source = {.mmap_min_size = SIZE_MAX}}},
        {"mapped", {.source = {.mmap_min_size = 1}}},
        {"read-ahead", {.source = {.mmap_min_size = SIZE_MAX, .threads = 1}}},
    };
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        th_recs_t got = {0};
        char err[512];
        int rc = th_read_all(path, &modes[m].opts, &got, err);
        TH_CHECK(rc == 0, "%s %s: %s", name, modes[m].what, err);
        th_assert_recs_equal(&ref, &got, modes[m].what);
        th_recs_free(&got);
    }
    snprintf(gz, sizeof gz, "%s.gz", path);
    assert_int_equal(th_sh("gzip -c '%s' > '%s'", path, gz), 0);
    for (int threads = 0; threads <= 1; threads++) {
        th_recs_t got = {0};
        bm_reader_opts_t o = {.source = {.threads = threads}};
        char err[512];
        TH_CHECK(th_read_all(gz, &o, &got, err) == 0, "%s: %s", gz, err);
        th_assert_recs_equal(&ref, &got, threads ? "gzip read-ahead" : "gzip");
        th_recs_free(&got);
    }
    free(text);
    th_recs_free(&recs);
    th_recs_free(&ref);
}

static void test_random_fastq_against_reference(void **state)
{
    (void)state;
    compare_random_file("random.fq", 1, 0, 0, 6, 21);
}

static void test_random_fastq_crlf_against_reference(void **state)
{
    (void)state;
    compare_random_file("random_crlf.fq", 1, 0, 1, 3, 22);
}

static void test_random_fasta_against_reference(void **state)
{
    (void)state;
    compare_random_file("random.fa", 0, 60, 0, 6, 23);
    compare_random_file("random_crlf.fa", 0, 77, 1, 3, 24);
    compare_random_file("random_oneline.fa", 0, 0, 0, 3, 25);
}

/* A FIFO written in random small pieces: reads return short counts at arbitrary places. */
static void test_fifo_in_small_pieces(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(31);
    th_recs_t recs = {0}, got = {0};
    th_random_recs(&rng, &recs, 3000, 300, 1);
    size_t len;
    char *text = th_format(&recs, 1, 0, 0, &len), path[PATH_MAX];
    th_path(path, "pieces.fifo");
    assert_int_equal(mkfifo(path, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(path, O_WRONLY);
        for (size_t at = 0; fd >= 0 && at < len;) {
            size_t n = 1 + (size_t)th_below(&rng, 9000);
            if (n > len - at) n = len - at;
            ssize_t w = write(fd, text + at, n);
            if (w <= 0) _exit(1);
            at += (size_t)w;
        }
        _exit(0);
    }
    char err[512];
    int rc = th_read_all(path, NULL, &got, err);
    int st;
    waitpid(pid, &st, 0);
    TH_CHECK(rc == 0, "fifo: %s", err);
    th_assert_recs_equal(&recs, &got, "FIFO in small pieces");
    free(text);
    th_recs_free(&recs);
    th_recs_free(&got);
}

/* ---- range readers ---- */

/* Reads `path` as ranges [0, cuts[0]), [cuts[0], cuts[1]), ..., [cuts[n-1], size), appending the
 * records to *out renumbered across the file, and checks that the ranges tile the file: each range
 * starts where the previous one stopped, records are numbered from 1 in each range, and the last
 * stops at the end. */
static void read_ranges(const char *path, bm_format_t format, const uint64_t *cuts, size_t ncuts,
                        uint64_t size, th_recs_t *out)
{
    uint64_t begin = 0, stop = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        uint64_t end = i < ncuts ? cuts[i] : size;
        bm_fastx_reader_t *r;
        int rc = bm_fastx_open_range(&r, path, format, begin, end);
        TH_CHECK(rc == 0, "%s: range [%llu, %llu): %s", path, (unsigned long long)begin,
                 (unsigned long long)end, bm_last_error());
        if (i > 0)
            TH_CHECK(bm_fastx_range_start(r) == stop,
                     "%s: range [%llu, %llu) starts at %llu, the previous one stopped at %llu",
                     path, (unsigned long long)begin, (unsigned long long)end,
                     (unsigned long long)bm_fastx_range_start(r), (unsigned long long)stop);
        th_recs_t part = {0};
        char err[512];
        rc = th_read_all_reader(r, &part, err);
        TH_CHECK(rc == 0, "%s: range [%llu, %llu): %s", path, (unsigned long long)begin,
                 (unsigned long long)end, err);
        stop = bm_fastx_offset(r);
        bm_fastx_close(r);
        for (size_t k = 0; k < part.n; k++) {
            th_rec_t *p = &part.v[k];
            TH_CHECK(p->number == k + 1, "%s: range [%llu, %llu): record %zu numbered %llu", path,
                     (unsigned long long)begin, (unsigned long long)end, k + 1,
                     (unsigned long long)p->number);
            th_recs_push(out, p->name, p->name_len, p->seq, p->seq_len, p->qual, out->n + 1);
        }
        th_recs_free(&part);
        begin = end;
    }
    TH_CHECK(stop == size, "%s: the last range stopped at %llu of %llu bytes", path,
             (unsigned long long)stop, (unsigned long long)size);
}

/* Every split of a small tricky file into two ranges, and every split into three. */
static void check_all_splits(const char *name, const char *text, bm_format_t format, int triples)
{
    char path[PATH_MAX], what[128];
    size_t size = strlen(text);
    th_write_file(th_path(path, name), text, size);
    th_recs_t whole = {0};
    assert_int_equal(th_read_all(path, NULL, &whole, NULL), 0);
    for (uint64_t a = 0; a <= size; a++) {
        for (uint64_t b = triples ? a : size; b <= size; b++) {
            uint64_t cuts[2] = {a, b};
            th_recs_t got = {0};
            read_ranges(path, format, cuts, b < size ? 2 : 1, size, &got);
            snprintf(what, sizeof what, "%s cut at %llu, %llu", name, (unsigned long long)a,
                     (unsigned long long)b);
            th_assert_recs_equal(&whole, &got, what);
            th_recs_free(&got);
        }
    }
    th_recs_free(&whole);
}

static void test_range_every_split_fastq(void **state)
{
    (void)state;
    /* Qualities starting with '@' and '+', a '+' line repeating the name, an empty record. */
    check_all_splits("split.fq",
                     "@r1 d\nACGT\n+\n@II+\n@r2\nGG\n+r2\n@@\n@e\n\n+\n\n@r4\nT\n+\n+\n\n",
                     BM_FORMAT_FASTQ, 1);
    check_all_splits("split_crlf.fq", "@a\r\nAC\r\n+\r\n@I\r\n@b\r\nG\r\n+\r\n@\r\n",
                     BM_FORMAT_FASTQ, 1);
}

static void test_range_every_split_fasta(void **state)
{
    (void)state;
    check_all_splits("split.fa", ">s1 d\nACGT\nAC\n>e\n>s3\nG\n\n>s4\nTT", BM_FORMAT_FASTA, 1);
    check_all_splits("split_crlf.fa", ">a\r\nAC\r\nGT\r\n>b\r\n>c\r\nA\r\n", BM_FORMAT_FASTA, 1);
}

static int cmp_cut(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* A few MB of random records cut at random places, at record starts and next to them. */
static void check_random_ranges(const char *name, int fastq, size_t width, int crlf, uint64_t salt)
{
    th_rng_t rng = th_rng(salt);
    th_recs_t recs = {0};
    th_random_recs(&rng, &recs, fastq ? 12000 : 3000, fastq ? 300 : 2000, fastq);
    size_t len;
    char *text = th_format(&recs, fastq, width, crlf, &len), path[PATH_MAX];
    th_write_file(th_path(path, name), text, len);
    for (int round = 0; round < 6; round++) {
        uint64_t cuts[40];
        size_t n = 1 + (size_t)th_below(&rng, 39);
        for (size_t i = 0; i < n; i++) {
            uint64_t at = th_below(&rng, len);
            if (th_below(&rng, 2)) { /* at a record start, or one byte either side */
                while (at < len && text[at] != (fastq ? '@' : '>')) at++;
                at = at + th_below(&rng, 3) - 1;
                if (at == 0 || at >= len) at = len / 2;
            }
            cuts[i] = at;
        }
        qsort(cuts, n, sizeof cuts[0], cmp_cut);
        th_recs_t got = {0};
        read_ranges(path, fastq ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA, cuts, n, len, &got);
        th_assert_recs_equal(&recs, &got, name);
        th_recs_free(&got);
    }
    free(text);
    th_recs_free(&recs);
}

static void test_range_random(void **state)
{
    (void)state;
    check_random_ranges("ranges.fq", 1, 0, 0, 71);
    check_random_ranges("ranges_crlf.fq", 1, 0, 1, 72);
    check_random_ranges("ranges.fa", 0, 60, 0, 73);
    check_random_ranges("ranges_crlf.fa", 0, 50, 1, 74);
}

static void test_range_errors(void **state)
{
    (void)state;
    char path[PATH_MAX];
    th_write_file(th_path(path, "range_err.fq"), "@a\nA\n+\nI\n", 9);
    bm_fastx_reader_t *r = (bm_fastx_reader_t *)1;
    assert_int_equal(bm_fastx_open_range(&r, path, BM_FORMAT_UNKNOWN, 0, 9), BM_EINVAL);
    assert_null(r);
    th_path(path, "range_missing.fq");
    assert_int_equal(bm_fastx_open_range(&r, path, BM_FORMAT_FASTQ, 0, 9), BM_EIO);
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fastq_basic),
        cmocka_unit_test(test_fastq_crlf),
        cmocka_unit_test(test_fastq_missing_final_newline),
        cmocka_unit_test(test_fastq_plus_repeats_name),
        cmocka_unit_test(test_fastq_plus_other_name_is_error),
        cmocka_unit_test(test_fastq_lowercase_kept),
        cmocka_unit_test(test_fastq_empty_sequence),
        cmocka_unit_test(test_fastq_blank_lines_at_end),
        cmocka_unit_test(test_fastq_errors),
        cmocka_unit_test(test_fastq_short_last_quality_is_format_error),
        cmocka_unit_test(test_reader_stays_failed),
        cmocka_unit_test(test_fasta_multiline),
        cmocka_unit_test(test_fasta_empty_sequence),
        cmocka_unit_test(test_fasta_description),
        cmocka_unit_test(test_fasta_crlf),
        cmocka_unit_test(test_fasta_blank_lines),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_not_fastx),
        cmocka_unit_test(test_record_larger_than_buffer),
        cmocka_unit_test(test_random_fastq_against_reference),
        cmocka_unit_test(test_random_fastq_crlf_against_reference),
        cmocka_unit_test(test_random_fasta_against_reference),
        cmocka_unit_test(test_fifo_in_small_pieces),
        cmocka_unit_test(test_range_every_split_fastq),
        cmocka_unit_test(test_range_every_split_fasta),
        cmocka_unit_test(test_range_random),
        cmocka_unit_test(test_range_errors),
    };
    return cmocka_run_group_tests_name("fastx_reader", tests, th_setup, th_teardown);
}
