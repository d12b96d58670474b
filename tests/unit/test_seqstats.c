/* Unit tests of whole-file statistics: Tukey-hinge quartiles, N50/L50 against a brute-force sort
 * of all lengths (including >= 65536), GC/gap/Q20/Q30 against direct counting, merge and batches.
 */
#include "test_helpers.h"

#include <limits.h>
#include <math.h>
#include <string.h>

/* A sequence buffer long enough for every test length: random letters, qualities. */
#define MAX_TEST_LEN 400000
static char *seqbuf, *qualbuf;

static int setup(void **state)
{
    if (th_setup(state) < 0) return -1;
    seqbuf = malloc(MAX_TEST_LEN);
    qualbuf = malloc(MAX_TEST_LEN);
    th_rng_t rng = th_rng(99);
    for (size_t i = 0; i < MAX_TEST_LEN; i++) {
        seqbuf[i] = "ACGTacgtNn-. RYSWUu*"[th_below(&rng, 20)];
        qualbuf[i] = (char)('!' + th_below(&rng, 94));
    }
    return 0;
}

static int teardown(void **state)
{
    free(seqbuf);
    free(qualbuf);
    return th_teardown(state);
}

static void add_len(bm_seqstats_t *s, uint64_t len, size_t offset, int fastq)
{
    assert_true(offset + len <= MAX_TEST_LEN);
    bm_record_t rec = {"r", 1, seqbuf + offset, len, fastq ? qualbuf + offset : NULL, 1};
    assert_int_equal(bm_seqstats_add(s, &rec), 0);
}

static void summary_of(const uint64_t *lens, size_t n, bm_seqstats_summary_t *o)
{
    bm_seqstats_t *s;
    assert_int_equal(bm_seqstats_new(&s), 0);
    for (size_t i = 0; i < n; i++) add_len(s, lens[i], 0, 1);
    bm_seqstats_summary(s, o);
    bm_seqstats_free(s);
}

/* ---- brute force reference ---- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Median of sorted v[from .. from+n). */
static double median(const uint64_t *v, size_t from, size_t n)
{
    if (n % 2) return (double)v[from + n / 2];
    return ((double)v[from + n / 2 - 1] + (double)v[from + n / 2]) / 2;
}

typedef struct {
    uint64_t sum, min, max, n50, l50;
    double q1, q2, q3;
} ref_t;

static void reference(const uint64_t *lens, size_t n, ref_t *r)
{
    uint64_t *v = malloc(n * sizeof *v);
    memcpy(v, lens, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp_u64);
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < n; i++) r->sum += v[i];
    r->min = v[0];
    r->max = v[n - 1];
    /* Tukey's hinges: halves include the median when n is odd. */
    r->q2 = median(v, 0, n);
    r->q1 = median(v, 0, (n + 1) / 2);
    r->q3 = median(v, n / 2, n - n / 2);
    /* N50: the longest sequences, longest first, until they reach half of the total. */
    uint64_t acc = 0;
    for (size_t i = n; i-- > 0;) {
        acc += v[i];
        if (2 * acc >= r->sum) {
            r->n50 = v[i];
            r->l50 = n - i;
            break;
        }
    }
    free(v);
}

static void check_lengths(const uint64_t *lens, size_t n, const char *what)
{
    bm_seqstats_summary_t o;
    summary_of(lens, n, &o);
    ref_t r;
    reference(lens, n, &r);
    TH_CHECK(o.num_seqs == n, "%s: num_seqs %llu != %zu", what, (unsigned long long)o.num_seqs, n);
    TH_CHECK(o.sum_len == r.sum, "%s: sum_len %llu != %llu", what, (unsigned long long)o.sum_len,
             (unsigned long long)r.sum);
    TH_CHECK(o.min_len == r.min && o.max_len == r.max, "%s: min/max %llu/%llu != %llu/%llu", what,
             (unsigned long long)o.min_len, (unsigned long long)o.max_len,
             (unsigned long long)r.min, (unsigned long long)r.max);
    TH_CHECK(o.q1 == r.q1 && o.q2 == r.q2 && o.q3 == r.q3,
             "%s (n=%zu): quartiles %.1f %.1f %.1f, expected %.1f %.1f %.1f", what, n, o.q1, o.q2,
             o.q3, r.q1, r.q2, r.q3);
    TH_CHECK(o.n50 == r.n50 && o.l50 == r.l50, "%s (n=%zu): N50 %llu L50 %llu, expected %llu %llu",
             what, n, (unsigned long long)o.n50, (unsigned long long)o.l50,
             (unsigned long long)r.n50, (unsigned long long)r.l50);
    double avg = (double)r.sum / (double)n;
    TH_CHECK(fabs(o.avg_len - avg) <= 0.05 + 1e-9 &&
                 fabs(o.avg_len * 10 - round(o.avg_len * 10)) < 1e-6,
             "%s: avg_len %f is not %f rounded to 1 decimal", what, o.avg_len, avg);
}

/* ---- hand examples ---- */

static void expect_quartiles(const uint64_t *lens, size_t n, double q1, double q2, double q3)
{
    bm_seqstats_summary_t o;
    summary_of(lens, n, &o);
    TH_CHECK(o.q1 == q1 && o.q2 == q2 && o.q3 == q3,
             "n=%zu: quartiles %.2f %.2f %.2f, expected %.2f %.2f %.2f", n, o.q1, o.q2, o.q3, q1,
             q2, q3);
}

static void test_tukey_hinges(void **state)
{
    (void)state;
    expect_quartiles((uint64_t[]){10, 20, 30}, 3, 15, 20, 25);
    expect_quartiles((uint64_t[]){30, 10, 20}, 3, 15, 20, 25);
    expect_quartiles((uint64_t[]){7, 7, 7, 7}, 4, 7, 7, 7);
    expect_quartiles((uint64_t[]){5}, 1, 5, 5, 5);
    expect_quartiles((uint64_t[]){1, 2}, 2, 1, 1.5, 2);
    expect_quartiles((uint64_t[]){1, 2, 3, 4}, 4, 1.5, 2.5, 3.5);
    expect_quartiles((uint64_t[]){1, 2, 3, 4, 5}, 5, 2, 3, 4);
    expect_quartiles((uint64_t[]){1, 2, 3, 4, 5, 6}, 6, 2, 3.5, 5);
    expect_quartiles((uint64_t[]){0, 0, 100}, 3, 0, 0, 50);
    /* The same across the 65536 boundary between the two length stores. */
    expect_quartiles((uint64_t[]){65535, 65536, 65537}, 3, 65535.5, 65536, 65536.5);
    expect_quartiles((uint64_t[]){70000, 70000, 70000, 70000}, 4, 70000, 70000, 70000);
    expect_quartiles((uint64_t[]){10, 100000, 20, 200000}, 4, 15, 50010, 150000);
}

static void test_n50_hand(void **state)
{
    (void)state;
    bm_seqstats_summary_t o;
    summary_of((uint64_t[]){2, 3, 4, 5, 6}, 5, &o); /* 6 + 5 = 11 >= 20 / 2 */
    assert_int_equal(o.n50, 5);
    assert_int_equal(o.l50, 2);
    summary_of((uint64_t[]){10, 10}, 2, &o); /* 10 >= 20 / 2 exactly */
    assert_int_equal(o.n50, 10);
    assert_int_equal(o.l50, 1);
    summary_of((uint64_t[]){1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 10, &o);
    assert_int_equal(o.n50, 1);
    assert_int_equal(o.l50, 5);
    summary_of((uint64_t[]){100000, 1, 1}, 3, &o);
    assert_int_equal(o.n50, 100000);
    assert_int_equal(o.l50, 1);
    summary_of((uint64_t[]){70000, 70000, 1, 139999}, 4, &o); /* sum 280000: 139999 + 70000 */
    assert_int_equal(o.n50, 70000);
    assert_int_equal(o.l50, 2);
    summary_of((uint64_t[]){0, 0}, 2, &o);
    assert_int_equal(o.n50, 0);
}

static void test_counts_and_avg_hand(void **state)
{
    (void)state;
    bm_seqstats_t *s;
    assert_int_equal(bm_seqstats_new(&s), 0);
    bm_record_t a = {"a", 1, "ACGTNacgt-.", 11, "IIIII!!!!!5", 1};
    bm_record_t b = {"b", 1, "GG CC", 5, "?>?>?", 2};
    assert_int_equal(bm_seqstats_add(s, &a), 0);
    assert_int_equal(bm_seqstats_add(s, &b), 0);
    bm_seqstats_summary_t o;
    bm_seqstats_summary(s, &o);
    assert_int_equal(o.format, BM_FORMAT_FASTQ);
    assert_string_equal(o.type, "DNA");
    assert_int_equal(o.num_seqs, 2);
    assert_int_equal(o.sum_len, 16);
    assert_int_equal(o.min_len, 5);
    assert_int_equal(o.max_len, 11);
    assert_true(o.avg_len == 8.0);
    assert_int_equal(o.gc_bases, 4 + 4);
    assert_int_equal(o.sum_gap, 2 + 1);
    assert_int_equal(o.q20_bases, 6 + 5); /* 'I' 40, '5' 20, '>' 29, '?' 30 */
    assert_int_equal(o.q30_bases, 5 + 3);
    assert_true(o.gc_pct == 50.0);
    assert_true(fabs(o.q20_pct - 68.75) < 1e-9);
    assert_true(o.q30_pct == 50.0);
    bm_seqstats_free(s);
    uint64_t lens[] = {1, 1, 2};
    summary_of(lens, 3, &o);
    assert_true(fabs(o.avg_len - 1.3) < 1e-9);
}

static void test_empty_and_zero_length(void **state)
{
    (void)state;
    bm_seqstats_t *s;
    bm_seqstats_summary_t o;
    assert_int_equal(bm_seqstats_new(&s), 0);
    bm_seqstats_summary(s, &o);
    assert_int_equal(o.num_seqs, 0);
    assert_int_equal(o.format, BM_FORMAT_UNKNOWN);
    assert_string_equal(o.type, "");
    assert_true(o.q1 == 0 && o.q2 == 0 && o.q3 == 0 && o.n50 == 0 && o.avg_len == 0);
    assert_false(isnan(o.gc_pct));
    bm_record_t e = {"e", 1, "", 0, NULL, 1};
    assert_int_equal(bm_seqstats_add(s, &e), 0);
    assert_int_equal(bm_seqstats_add(s, &e), 0);
    bm_seqstats_summary(s, &o);
    assert_int_equal(o.num_seqs, 2);
    assert_int_equal(o.format, BM_FORMAT_FASTA);
    assert_string_equal(o.type, "Unlimit");
    assert_true(isnan(o.gc_pct) && isnan(o.q20_pct) && isnan(o.q30_pct));
    bm_seqstats_free(s);
    /* FASTA with letters: no qualities, 0 % Q20. */
    assert_int_equal(bm_seqstats_new(&s), 0);
    bm_record_t f = {"f", 1, "ACGT", 4, NULL, 1};
    assert_int_equal(bm_seqstats_add(s, &f), 0);
    bm_seqstats_summary(s, &o);
    assert_true(o.q20_pct == 0 && o.q30_pct == 0 && o.gc_pct == 50);
    bm_seqstats_free(s);
    bm_seqstats_free(NULL);
}

static const char *type_of(const char *first, size_t len)
{
    bm_seqstats_t *s;
    bm_seqstats_summary_t o;
    assert_int_equal(bm_seqstats_new(&s), 0);
    bm_record_t a = {"a", 1, first, len, NULL, 1}, b = {"b", 1, "MKLVEQ", 6, NULL, 2};
    assert_int_equal(bm_seqstats_add(s, &a), 0);
    assert_int_equal(bm_seqstats_add(s, &b), 0);
    bm_seqstats_summary(s, &o);
    bm_seqstats_free(s);
    return o.type;
}

static void test_type_guess(void **state)
{
    (void)state;
    assert_string_equal(type_of("ACGTN", 5), "DNA");
    assert_string_equal(type_of("acgtnRYKM-.", 11), "DNA");
    assert_string_equal(type_of("ACGU", 4), "RNA");
    assert_string_equal(type_of("acgu", 4), "RNA");
    assert_string_equal(type_of("MKLVEQ*", 7), "Protein");
    assert_string_equal(type_of("", 0), "Unlimit");
    assert_string_equal(type_of("ACGT1", 5), "Unlimit");
    /* Only the first 10,000 letters are looked at. */
    char *s = malloc(10001);
    memset(s, 'A', 10001);
    s[10000] = 'U';
    assert_string_equal(type_of(s, 10001), "DNA");
    s[9999] = 'U';
    assert_string_equal(type_of(s, 10001), "RNA");
    free(s);
}

/* ---- random length sets against the brute force ---- */

static uint64_t random_length(th_rng_t *rng, int mode)
{
    switch (mode) {
    case 0:
        return th_below(rng, 300); /* short, many equal */
    case 1:
        return th_below(rng, 10) ? th_below(rng, 1000) : 65536 + th_below(rng, 200000);
    case 2:
        return 65536 + th_below(rng, 300000); /* all long */
    case 3:
        return 65530 + th_below(rng, 12); /* around the boundary */
    default:
        return th_below(rng, 4) ? th_below(rng, 5) * 1000 : 60000 + th_below(rng, 20) * 1000;
    }
}

static void test_random_lengths(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(61);
    uint64_t *lens = malloc(4000 * sizeof *lens);
    for (int set = 0; set < 60; set++) {
        int mode = set % 5;
        size_t n = 1 + (size_t)th_below(&rng, set < 20 ? 12 : (mode == 2 ? 60 : 1500));
        for (size_t i = 0; i < n; i++) lens[i] = random_length(&rng, mode);
        char what[64];
        snprintf(what, sizeof what, "random set %d (mode %d)", set, mode);
        check_lengths(lens, n, what);
    }
    free(lens);
}

/* ---- letter and quality counts against direct counting ---- */

static void test_counts_random(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(62);
    bm_seqstats_t *s;
    assert_int_equal(bm_seqstats_new(&s), 0);
    uint64_t sum = 0, gc = 0, gap = 0, q20 = 0, q30 = 0;
    for (int i = 0; i < 3000; i++) {
        size_t len = (size_t)th_below(&rng, i % 50 == 0 ? 70000 : 700);
        size_t off = (size_t)th_below(&rng, MAX_TEST_LEN - len);
        add_len(s, len, off, 1);
        for (size_t j = off; j < off + len; j++) {
            char c = seqbuf[j];
            gc += c == 'G' || c == 'C' || c == 'g' || c == 'c';
            gap += c == '-' || c == '.' || c == ' ';
            q20 += qualbuf[j] - 33 >= 20;
            q30 += qualbuf[j] - 33 >= 30;
        }
        sum += len;
    }
    bm_seqstats_summary_t o;
    bm_seqstats_summary(s, &o);
    bm_seqstats_free(s);
    TH_CHECK(o.gc_bases == gc, "gc %llu != %llu", (unsigned long long)o.gc_bases,
             (unsigned long long)gc);
    TH_CHECK(o.sum_gap == gap, "gap %llu != %llu", (unsigned long long)o.sum_gap,
             (unsigned long long)gap);
    TH_CHECK(o.q20_bases == q20 && o.q30_bases == q30, "q20/q30 %llu/%llu != %llu/%llu",
             (unsigned long long)o.q20_bases, (unsigned long long)o.q30_bases,
             (unsigned long long)q20, (unsigned long long)q30);
    double pct[3] = {100.0 * (double)gc / (double)sum, 100.0 * (double)q20 / (double)sum,
                     100.0 * (double)q30 / (double)sum};
    double got[3] = {o.gc_pct, o.q20_pct, o.q30_pct};
    for (int k = 0; k < 3; k++)
        TH_CHECK(fabs(got[k] - pct[k]) <= 0.005 + 1e-9 &&
                     fabs(got[k] * 100 - round(got[k] * 100)) < 1e-6,
                 "percentage %d: %f is not %f rounded to 2 decimals", k, got[k], pct[k]);
}

/* Every unaligned start and short length: the vector code's tails against direct counting. */
static void test_counts_offsets(void **state)
{
    (void)state;
    for (size_t off = 0; off < 70; off++) {
        for (size_t len = 0; len < 140; len += 1 + len / 16) {
            bm_seqstats_t *s;
            assert_int_equal(bm_seqstats_new(&s), 0);
            add_len(s, len, off, 1);
            bm_seqstats_summary_t o;
            bm_seqstats_summary(s, &o);
            bm_seqstats_free(s);
            uint64_t gc = 0, gap = 0, q20 = 0, q30 = 0;
            for (size_t j = off; j < off + len; j++) {
                char c = seqbuf[j];
                gc += c == 'G' || c == 'C' || c == 'g' || c == 'c';
                gap += c == '-' || c == '.' || c == ' ';
                q20 += qualbuf[j] >= '!' + 20;
                q30 += qualbuf[j] >= '!' + 30;
            }
            TH_CHECK(o.gc_bases == gc && o.sum_gap == gap && o.q20_bases == q20 &&
                         o.q30_bases == q30,
                     "offset %zu length %zu: gc/gap/q20/q30 %llu/%llu/%llu/%llu != "
                     "%llu/%llu/%llu/%llu",
                     off, len, (unsigned long long)o.gc_bases, (unsigned long long)o.sum_gap,
                     (unsigned long long)o.q20_bases, (unsigned long long)o.q30_bases,
                     (unsigned long long)gc, (unsigned long long)gap, (unsigned long long)q20,
                     (unsigned long long)q30);
        }
    }
}

/* ---- merge and batches ---- */

static void assert_summaries_equal(const bm_seqstats_summary_t *a, const bm_seqstats_summary_t *b,
                                   const char *what)
{
    TH_CHECK(a->format == b->format && strcmp(a->type, b->type) == 0, "%s: format/type differ",
             what);
    TH_CHECK(a->num_seqs == b->num_seqs && a->sum_len == b->sum_len && a->min_len == b->min_len &&
                 a->max_len == b->max_len,
             "%s: counts differ: %llu/%llu/%llu/%llu vs %llu/%llu/%llu/%llu", what,
             (unsigned long long)a->num_seqs, (unsigned long long)a->sum_len,
             (unsigned long long)a->min_len, (unsigned long long)a->max_len,
             (unsigned long long)b->num_seqs, (unsigned long long)b->sum_len,
             (unsigned long long)b->min_len, (unsigned long long)b->max_len);
    TH_CHECK(a->avg_len == b->avg_len && a->q1 == b->q1 && a->q2 == b->q2 && a->q3 == b->q3,
             "%s: avg/quartiles differ: %.1f %.1f %.1f %.1f vs %.1f %.1f %.1f %.1f", what,
             a->avg_len, a->q1, a->q2, a->q3, b->avg_len, b->q1, b->q2, b->q3);
    TH_CHECK(a->n50 == b->n50 && a->l50 == b->l50 && a->sum_gap == b->sum_gap,
             "%s: N50/L50/gap differ", what);
    TH_CHECK(a->gc_bases == b->gc_bases && a->q20_bases == b->q20_bases &&
                 a->q30_bases == b->q30_bases,
             "%s: GC/Q20/Q30 counts differ", what);
    TH_CHECK(a->gc_pct == b->gc_pct && a->q20_pct == b->q20_pct && a->q30_pct == b->q30_pct,
             "%s: percentages differ", what);
}

static void test_merge_equals_single(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(63);
    for (int round_ = 0; round_ < 8; round_++) {
        size_t n = 1 + (size_t)th_below(&rng, 2000), parts = 1 + (size_t)th_below(&rng, 6);
        int fastq = round_ % 2;
        bm_seqstats_t *one, *part[6], *merged;
        assert_int_equal(bm_seqstats_new(&one), 0);
        assert_int_equal(bm_seqstats_new(&merged), 0);
        for (size_t p = 0; p < parts; p++) assert_int_equal(bm_seqstats_new(&part[p]), 0);
        for (size_t i = 0; i < n; i++) {
            uint64_t len = random_length(&rng, (int)th_below(&rng, 5));
            size_t off = (size_t)th_below(&rng, MAX_TEST_LEN - len + 1);
            size_t p = i * parts / n; /* consecutive chunks, in input order */
            add_len(one, len, off, fastq);
            add_len(part[p], len, off, fastq);
        }
        for (size_t p = 0; p < parts; p++) assert_int_equal(bm_seqstats_merge(merged, part[p]), 0);
        bm_seqstats_summary_t a, b;
        bm_seqstats_summary(one, &a);
        bm_seqstats_summary(merged, &b);
        char what[64];
        snprintf(what, sizeof what, "merge of %zu parts (round %d)", parts, round_);
        assert_summaries_equal(&a, &b, what);
        /* Merging into a non-empty accumulator as well. */
        bm_seqstats_t *into = part[0];
        for (size_t p = 1; p < parts; p++) assert_int_equal(bm_seqstats_merge(into, part[p]), 0);
        bm_seqstats_summary(into, &b);
        assert_summaries_equal(&a, &b, "merge into the first part");
        for (size_t p = 0; p < parts; p++) bm_seqstats_free(part[p]);
        bm_seqstats_free(one);
        bm_seqstats_free(merged);
    }
}

static void test_merge_empty(void **state)
{
    (void)state;
    bm_seqstats_t *a, *e;
    assert_int_equal(bm_seqstats_new(&a), 0);
    assert_int_equal(bm_seqstats_new(&e), 0);
    add_len(a, 10, 0, 1);
    add_len(a, 70000, 5, 1);
    bm_seqstats_summary_t before, after;
    bm_seqstats_summary(a, &before);
    assert_int_equal(bm_seqstats_merge(a, e), 0);
    bm_seqstats_summary(a, &after);
    assert_summaries_equal(&before, &after, "merge of an empty accumulator");
    assert_int_equal(bm_seqstats_merge(e, a), 0);
    bm_seqstats_summary(e, &after);
    assert_summaries_equal(&before, &after, "merge into an empty accumulator");
    bm_seqstats_free(a);
    bm_seqstats_free(e);
}

static void test_add_batch_equals_add(void **state)
{
    (void)state;
    th_rng_t rng = th_rng(64);
    for (int fastq = 0; fastq <= 1; fastq++) {
        bm_seqstats_t *one, *batched;
        assert_int_equal(bm_seqstats_new(&one), 0);
        assert_int_equal(bm_seqstats_new(&batched), 0);
        bm_batch_t b;
        bm_batch_init(&b);
        for (int i = 0; i < 3000; i++) {
            uint64_t len = random_length(&rng, i % 5 == 1 ? 1 : 0);
            size_t off = (size_t)th_below(&rng, MAX_TEST_LEN - len + 1);
            bm_record_t rec = {
                "x", 1, seqbuf + off, len, fastq ? qualbuf + off : NULL, (uint64_t)i + 1};
            assert_int_equal(bm_seqstats_add(one, &rec), 0);
            assert_int_equal(bm_batch_push(&b, &rec), 0);
            if (b.count == 100) {
                assert_int_equal(bm_seqstats_add_batch(batched, &b), 0);
                bm_batch_clear(&b);
            }
        }
        assert_int_equal(bm_seqstats_add_batch(batched, &b), 0);
        bm_seqstats_summary_t x, y;
        bm_seqstats_summary(one, &x);
        bm_seqstats_summary(batched, &y);
        assert_summaries_equal(&x, &y, fastq ? "FASTQ batches" : "FASTA batches");
        bm_batch_free(&b);
        bm_seqstats_free(one);
        bm_seqstats_free(batched);
    }
}

/* ---- whole files with threads ---- */

/* The summary of a file read record by record into one accumulator. */
static int serial_summary(const char *path, bm_seqstats_summary_t *o, char *err)
{
    bm_fastx_reader_t *r;
    bm_seqstats_t *s;
    int rc = bm_fastx_open(&r, path, NULL);
    if (rc < 0) return rc;
    assert_int_equal(bm_seqstats_new(&s), 0);
    bm_record_t rec;
    while ((rc = bm_fastx_next(r, &rec)) == 1) assert_int_equal(bm_seqstats_add(s, &rec), 0);
    snprintf(err, 512, "%s", bm_last_error());
    if (rc == 0) bm_seqstats_summary(s, o);
    bm_seqstats_free(s);
    bm_fastx_close(r);
    return rc;
}

/* A random file of more than 8 MiB (large enough to be split into ranges); returns its text. */
static char *write_big_file(const char *name, int fastq, size_t width, int crlf, uint64_t salt,
                            char *path, size_t *len)
{
    th_rng_t rng = th_rng(salt);
    th_recs_t recs = {0};
    th_random_recs(&rng, &recs, fastq ? 40000 : 8000, fastq ? 450 : 3000, fastq);
    char *text = th_format(&recs, fastq, width, crlf, len);
    th_recs_free(&recs);
    th_write_file(th_path(path, name), text, *len);
    return text;
}

static void check_file_threads(const char *path)
{
    bm_seqstats_summary_t want, got;
    char err[512];
    assert_int_equal(serial_summary(path, &want, err), 0);
    const int threads[] = {1, 2, 3, 4, 8};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        int rc = bm_seqstats_file(path, threads[i], &got);
        TH_CHECK(rc == 0, "%s with %d threads: %s", path, threads[i], bm_last_error());
        char what[PATH_MAX + 32];
        snprintf(what, sizeof what, "%s with %d threads", path, threads[i]);
        assert_summaries_equal(&want, &got, what);
    }
}

static void test_file_threads_fastq(void **state)
{
    (void)state;
    char path[PATH_MAX], gz[PATH_MAX + 8];
    size_t len;
    char *text = write_big_file("big.fq", 1, 0, 0, 81, path, &len);
    assert_true(len > (8u << 20));
    check_file_threads(path);
    snprintf(gz, sizeof gz, "%s.gz", path);
    assert_int_equal(th_sh("gzip -1 -c '%s' > '%s'", path, gz), 0);
    check_file_threads(gz);
    free(text);
    free(write_big_file("big_crlf.fq", 1, 0, 1, 82, path, &len));
    check_file_threads(path);
}

static void test_file_threads_fasta(void **state)
{
    (void)state;
    char path[PATH_MAX];
    size_t len;
    free(write_big_file("big.fa", 0, 60, 0, 83, path, &len));
    assert_true(len > (8u << 20));
    check_file_threads(path);
    free(write_big_file("big_crlf.fa", 0, 0, 1, 84, path, &len));
    check_file_threads(path);
}

/* A bad record in the middle of a big file: the same code and message as a serial read. */
static void test_file_threads_error(void **state)
{
    (void)state;
    char path[PATH_MAX];
    size_t len;
    char *text = write_big_file("big_bad.fq", 1, 0, 0, 85, path, &len);
    size_t at = len / 2 + 12345;
    while (!(text[at] == '\n' && text[at + 1] == '+' && text[at + 2] == '\n')) at++;
    text[at + 1] = '-'; /* the '+' line of a record in the middle */
    th_write_file(path, text, len);
    free(text);
    bm_seqstats_summary_t o;
    char want[512];
    int want_rc = serial_summary(path, &o, want);
    assert_int_equal(want_rc, BM_EFORMAT);
    assert_non_null(strstr(want, "expected '+' line after the sequence, found '-'"));
    for (int threads = 1; threads <= 4; threads++) {
        int rc = bm_seqstats_file(path, threads, &o);
        assert_int_equal(rc, want_rc);
        assert_string_equal(bm_last_error(), want);
    }
}

static void test_file_small_and_missing(void **state)
{
    (void)state;
    char path[PATH_MAX], want[PATH_MAX + 64];
    bm_seqstats_summary_t o;
    th_write_file(th_path(path, "empty.fa"), "", 0);
    assert_int_equal(bm_seqstats_file(path, 4, &o), 0);
    assert_int_equal(o.num_seqs, 0);
    const char *two = ">a\nACGT\n>b\nGG\n";
    th_write_file(th_path(path, "two.fa"), two, strlen(two));
    for (int threads = 0; threads <= 3; threads++) {
        assert_int_equal(bm_seqstats_file(path, threads, &o), 0);
        assert_int_equal(o.num_seqs, 2);
        assert_int_equal(o.sum_len, 6);
        assert_int_equal(o.gc_bases, 4);
    }
    th_path(path, "missing.fa");
    assert_int_equal(bm_seqstats_file(path, 2, &o), BM_EIO);
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory", path);
    assert_string_equal(bm_last_error(), want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tukey_hinges),
        cmocka_unit_test(test_n50_hand),
        cmocka_unit_test(test_counts_and_avg_hand),
        cmocka_unit_test(test_empty_and_zero_length),
        cmocka_unit_test(test_type_guess),
        cmocka_unit_test(test_random_lengths),
        cmocka_unit_test(test_counts_random),
        cmocka_unit_test(test_counts_offsets),
        cmocka_unit_test(test_merge_equals_single),
        cmocka_unit_test(test_merge_empty),
        cmocka_unit_test(test_add_batch_equals_add),
        cmocka_unit_test(test_file_threads_fastq),
        cmocka_unit_test(test_file_threads_fasta),
        cmocka_unit_test(test_file_threads_error),
        cmocka_unit_test(test_file_small_and_missing),
    };
    return cmocka_run_group_tests_name("seqstats", tests, setup, teardown);
}
