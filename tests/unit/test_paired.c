/* Unit tests of paired reading: two files and interleaved input, mate names with /1 /2 and
 * descriptions, and the messages when one input is shorter or mate names differ. */
#include "test_helpers.h"

#include <limits.h>
#include <string.h>

/* Writes `text` to a file of the temporary directory; returns the path in out. */
static char *put(char *out, const char *name, const char *text)
{
    th_write_file(th_path(out, name), text, strlen(text));
    return out;
}

/* Reads all pairs; copies mates into m1/m2 and returns the last return of bm_paired_next, with
 * the message in err. */
static int read_pairs(const char *p1, const char *p2, const bm_reader_opts_t *opts, th_recs_t *m1,
                      th_recs_t *m2, char *err)
{
    bm_paired_reader_t *p;
    int rc = bm_paired_open(&p, p1, p2, opts);
    if (rc < 0) {
        snprintf(err, 512, "%s", bm_last_error());
        return rc;
    }
    bm_record_t a, b;
    bm_clear_error();
    while ((rc = bm_paired_next(p, &a, &b)) == 1) {
        th_recs_push_rec(m1, &a);
        th_recs_push_rec(m2, &b);
    }
    snprintf(err, 512, "%s", bm_last_error());
    bm_paired_close(p);
    return rc;
}

static void test_mate_names_match(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        int match;
    } cases[] = {
        {"r1/1", "r1/2", 1},
        {"r1", "r1", 1},
        {"r1/1 desc", "r1/2 other", 1},
        {"r1 1:N:0:ACGT", "r1 2:N:0:ACGT", 1},
        {"r1\tx", "r1\ty", 1},
        {"r1/1", "r1", 1},
        {"r1/3", "r1/4", 0},
        {"r1", "r2", 0},
        {"r1", "r12", 0},
        {"r1/1", "r2/2", 0},
        {"", "", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got =
            bm_mate_names_match(cases[i].a, strlen(cases[i].a), cases[i].b, strlen(cases[i].b));
        TH_CHECK(!got == !cases[i].match, "bm_mate_names_match('%s', '%s') = %d, expected %d",
                 cases[i].a, cases[i].b, got, cases[i].match);
    }
}

static void test_two_files(void **state)
{
    (void)state;
    char p1[PATH_MAX], p2[PATH_MAX], err[512];
    put(p1, "two_1.fq", "@a/1\nACGT\n+\nIIII\n@b 1:N:0\nGG\n+\nII\n@c/1 x\nT\n+\nI\n");
    put(p2, "two_2.fq", "@a/2\nTTTT\n+\n####\n@b 2:N:0\nCC\n+\n!!\n@c/2 y\nA\n+\nJ\n");
    th_recs_t m1 = {0}, m2 = {0};
    assert_int_equal(read_pairs(p1, p2, NULL, &m1, &m2, err), 0);
    assert_int_equal(m1.n, 3);
    assert_int_equal(m2.n, 3);
    assert_string_equal(m1.v[0].name, "a/1");
    assert_string_equal(m2.v[0].name, "a/2");
    assert_string_equal(m2.v[0].seq, "TTTT");
    assert_string_equal(m2.v[0].qual, "####");
    assert_string_equal(m1.v[1].name, "b 1:N:0");
    assert_string_equal(m2.v[1].name, "b 2:N:0");
    assert_string_equal(m1.v[2].name, "c/1 x");
    assert_string_equal(m2.v[2].seq, "A");
    assert_int_equal(m2.v[2].number, 3);
    th_recs_free(&m1);
    th_recs_free(&m2);
}

static void test_interleaved(void **state)
{
    (void)state;
    char p[PATH_MAX], err[512];
    put(p, "inter.fa", ">a/1\nAC\nGT\n>a/2\nTT\n>b\nG\n>b\nC\n");
    th_recs_t m1 = {0}, m2 = {0};
    assert_int_equal(read_pairs(p, NULL, NULL, &m1, &m2, err), 0);
    assert_int_equal(m1.n, 2);
    assert_string_equal(m1.v[0].name, "a/1");
    assert_string_equal(m1.v[0].seq, "ACGT");
    assert_null(m1.v[0].qual);
    assert_int_equal(m1.v[0].number, 1);
    assert_string_equal(m2.v[0].name, "a/2");
    assert_string_equal(m2.v[0].seq, "TT");
    assert_int_equal(m2.v[0].number, 2);
    assert_string_equal(m1.v[1].seq, "G");
    assert_string_equal(m2.v[1].seq, "C");
    th_recs_free(&m1);
    th_recs_free(&m2);
}

/* Many pairs of random lengths: mate 1 must survive the buffer moving while mate 2 is read. */
static void test_interleaved_large(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(41);
    th_recs_t recs = {0}, m1 = {0}, m2 = {0};
    th_random_recs(&rng, &recs, 40000, 400, 1);
    for (size_t i = 0; i < recs.n; i++) { /* mates i, i+1 share a name */
        char name[64];
        int n = snprintf(name, sizeof name, "p%zu/%zu%s", i / 2, i % 2 + 1, i % 6 < 2 ? " d" : "");
        free(recs.v[i].name);
        recs.v[i].name = strdup(name);
        recs.v[i].name_len = (size_t)n;
    }
    size_t len;
    char *text = th_format(&recs, 1, 0, 0, &len), path[PATH_MAX], err[512];
    th_write_file(th_path(path, "inter_large.fq"), text, len);
    for (int threads = 0; threads <= 1; threads++) {
        bm_reader_opts_t o = {.source = {.threads = threads, .mmap_min_size = SIZE_MAX}};
        TH_CHECK(read_pairs(path, NULL, &o, &m1, &m2, err) == 0, "%s", err);
        assert_int_equal(m1.n, recs.n / 2);
        th_recs_t odd = {0}, even = {0};
        for (size_t i = 0; i < recs.n; i++) {
            th_rec_t *r = &recs.v[i];
            th_recs_push(i % 2 ? &even : &odd, r->name, r->name_len, r->seq, r->seq_len, r->qual,
                         r->number);
        }
        th_assert_recs_equal(&odd, &m1, "interleaved mate 1");
        th_assert_recs_equal(&even, &m2, "interleaved mate 2");
        th_recs_free(&odd);
        th_recs_free(&even);
        th_recs_free(&m1);
        th_recs_free(&m2);
    }
    free(text);
    th_recs_free(&recs);
}

/* ---- errors ---- */

static void test_second_file_shorter(void **state)
{
    (void)state;
    char p1[PATH_MAX], p2[PATH_MAX], err[512], want[3 * PATH_MAX];
    put(p1, "long_1.fq", "@a/1\nA\n+\nI\n@b/1\nC\n+\nI\n@c/1\nG\n+\nI\n");
    put(p2, "short_2.fq", "@a/2\nA\n+\nI\n@b/2\nC\n+\nI\n");
    th_recs_t m1 = {0}, m2 = {0};
    assert_int_equal(read_pairs(p1, p2, NULL, &m1, &m2, err), BM_EMISMATCH);
    assert_int_equal(m1.n, 2);
    snprintf(want, sizeof want, "%s: ends after 2 records while %s has more", p2, p1);
    assert_string_equal(err, want);
    th_recs_free(&m1);
    th_recs_free(&m2);
}

static void test_first_file_shorter(void **state)
{
    (void)state;
    char p1[PATH_MAX], p2[PATH_MAX], err[512], want[3 * PATH_MAX];
    put(p1, "short_1.fa", ">a/1\nA\n");
    put(p2, "long_2.fa", ">a/2\nA\n>b/2\nC\n");
    th_recs_t m1 = {0}, m2 = {0};
    assert_int_equal(read_pairs(p1, p2, NULL, &m1, &m2, err), BM_EMISMATCH);
    assert_int_equal(m1.n, 1);
    snprintf(want, sizeof want, "%s: ends after 1 records while %s has more", p1, p2);
    assert_string_equal(err, want);
    th_recs_free(&m1);
    th_recs_free(&m2);
}

static void test_names_differ(void **state)
{
    (void)state;
    char p1[PATH_MAX], p2[PATH_MAX], err[512], want[2 * PATH_MAX];
    put(p1, "diff_1.fq", "@a/1\nA\n+\nI\n@b/1 x\nC\n+\nI\n");
    put(p2, "diff_2.fq", "@a/2\nA\n+\nI\n@c/2 y\nC\n+\nI\n");
    th_recs_t m1 = {0}, m2 = {0};
    assert_int_equal(read_pairs(p1, p2, NULL, &m1, &m2, err), BM_EMISMATCH);
    assert_int_equal(m1.n, 1);
    snprintf(want, sizeof want, "%s: pair 2: mate names differ: 'b/1 x' and 'c/2 y'", p1);
    assert_string_equal(err, want);
    th_recs_free(&m1);
    th_recs_free(&m2);
}

static void test_interleaved_errors(void **state)
{
    (void)state;
    char p[PATH_MAX], err[512], want[2 * PATH_MAX];
    th_recs_t m1 = {0}, m2 = {0};
    put(p, "inter_odd.fq", "@a/1\nA\n+\nI\n@a/2\nA\n+\nI\n@b/1\nC\n+\nI\n");
    assert_int_equal(read_pairs(p, NULL, NULL, &m1, &m2, err), BM_EMISMATCH);
    assert_int_equal(m1.n, 1);
    snprintf(want, sizeof want, "%s: interleaved input ends after record 3, which has no mate", p);
    assert_string_equal(err, want);
    th_recs_free(&m1);
    th_recs_free(&m2);
    put(p, "inter_diff.fq", "@a/1\nA\n+\nI\n@b/2\nA\n+\nI\n");
    assert_int_equal(read_pairs(p, NULL, NULL, &m1, &m2, err), BM_EMISMATCH);
    assert_int_equal(m1.n, 0);
    snprintf(want, sizeof want, "%s: pair 1: mate names differ: 'a/1' and 'b/2'", p);
    assert_string_equal(err, want);
    th_recs_free(&m1);
    th_recs_free(&m2);
}

static void test_open_and_record_errors(void **state)
{
    (void)state;
    char p1[PATH_MAX], p2[PATH_MAX], err[512], want[2 * PATH_MAX];
    th_recs_t m1 = {0}, m2 = {0};
    put(p1, "ok_1.fq", "@a/1\nA\n+\nI\n");
    th_path(p2, "missing_2.fq");
    bm_paired_reader_t *p = (bm_paired_reader_t *)1;
    assert_int_equal(bm_paired_open(&p, p1, p2, NULL), BM_EIO);
    assert_null(p);
    put(p2, "bad_2.fq", "@a/2\nAC\n+\nI\n");
    assert_int_equal(read_pairs(p1, p2, NULL, &m1, &m2, err), BM_EFORMAT);
    snprintf(want, sizeof want, "%s: record 1: quality length 1 != sequence length 2", p2);
    assert_string_equal(err, want);
    th_recs_free(&m1);
    th_recs_free(&m2);
    bm_paired_close(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mate_names_match),
        cmocka_unit_test(test_two_files),
        cmocka_unit_test(test_interleaved),
        cmocka_unit_test(test_interleaved_large),
        cmocka_unit_test(test_second_file_shorter),
        cmocka_unit_test(test_first_file_shorter),
        cmocka_unit_test(test_names_differ),
        cmocka_unit_test(test_interleaved_errors),
        cmocka_unit_test(test_open_and_record_errors),
    };
    return cmocka_run_group_tests_name("paired", tests, th_setup, th_teardown);
}
