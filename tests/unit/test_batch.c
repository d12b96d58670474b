/* Unit tests of record batches: bm_fastx_next_batch limits (max_records, max_bytes), offsets,
 * lengths and NUL terminators, first_number, and push/clear/free. */
#include "test_helpers.h"

#include <limits.h>
#include <string.h>

/* Bytes one record takes in a batch's data: each field plus its NUL. */
static size_t record_bytes(const th_rec_t *r)
{
    return r->name_len + 1 + (r->seq_len + 1) * (r->qual ? 2 : 1);
}

/* Checks that batch record i holds recs->v[k]. */
static void check_record(const bm_batch_t *b, size_t i, const th_rec_t *r, size_t k)
{
    TH_CHECK(b->name_len[i] == r->name_len,
             "batch record %zu (record %zu): name length %llu != %zu", i, k + 1,
             (unsigned long long)b->name_len[i], r->name_len);
    TH_CHECK(b->seq_len[i] == r->seq_len, "batch record %zu (record %zu): seq length %llu != %zu",
             i, k + 1, (unsigned long long)b->seq_len[i], r->seq_len);
    assert_true(b->name_off[i] + b->name_len[i] < b->data_len);
    assert_true(b->seq_off[i] + b->seq_len[i] < b->data_len);
    const char *name = b->data + b->name_off[i], *seq = b->data + b->seq_off[i];
    TH_CHECK(memcmp(name, r->name, r->name_len) == 0 && name[r->name_len] == '\0',
             "batch record %zu: name or its NUL differs", i);
    TH_CHECK(memcmp(seq, r->seq, r->seq_len) == 0 && seq[r->seq_len] == '\0',
             "batch record %zu: sequence or its NUL differs", i);
    assert_int_equal(strlen(name), r->name_len);
    assert_int_equal(strlen(seq), r->seq_len);
    if (r->qual) {
        assert_true(b->qual_off[i] != UINT64_MAX);
        assert_true(b->qual_off[i] + b->seq_len[i] < b->data_len);
        const char *q = b->data + b->qual_off[i];
        TH_CHECK(memcmp(q, r->qual, r->seq_len) == 0 && q[r->seq_len] == '\0',
                 "batch record %zu: qualities or their NUL differ", i);
    } else {
        assert_true(b->qual_off[i] == UINT64_MAX);
    }
}

/* Writes random records to a file and returns them; opens a reader on it. */
static bm_fastx_reader_t *random_file(th_recs_t *recs, size_t n, size_t max_len, int fastq,
                                      uint64_t salt)
{
    th_rng_t rng = th_rng(salt);
    th_random_recs(&rng, recs, n, max_len, fastq);
    size_t len;
    char *text = th_format(recs, fastq, 61, 0, &len), path[PATH_MAX];
    th_write_file(th_path(path, fastq ? "batch.fq" : "batch.fa"), text, len);
    free(text);
    bm_fastx_reader_t *r;
    assert_int_equal(bm_fastx_open(&r, path, NULL), 0);
    return r;
}

static void test_max_records(void **state)
{
    (void)state;
    const char *t = "@a\nAC\n+\nII\n@b\nG\n+\nI\n@c\n\n+\n\n@d desc\nTTT\n+\n###\n"
                    "@e\nA\n+\nI\n@f\nA\n+\nI\n@g\nA\n+\nI\n";
    bm_fastx_reader_t *r;
    assert_int_equal(bm_fastx_open_memory(&r, t, strlen(t), "mem"), 0);
    bm_batch_t b;
    bm_batch_init(&b);
    assert_int_equal(bm_fastx_next_batch(r, &b, 3, 0), 3);
    assert_int_equal(b.count, 3);
    assert_int_equal(b.first_number, 1);
    assert_int_equal(b.format, BM_FORMAT_FASTQ);
    assert_string_equal(b.data + b.name_off[0], "a");
    assert_string_equal(b.data + b.qual_off[1], "I");
    assert_int_equal(b.seq_len[2], 0);
    assert_string_equal(b.data + b.seq_off[2], "");
    assert_string_equal(b.data + b.qual_off[2], "");
    /* a: "a\0AC\0II\0" (8), b: "b\0G\0I\0" (6), c: "c\0\0\0" (4) */
    assert_int_equal(b.data_len, 18);
    assert_int_equal(bm_fastx_next_batch(r, &b, 3, 0), 3);
    assert_int_equal(b.first_number, 4);
    assert_string_equal(b.data + b.name_off[0], "d desc");
    assert_string_equal(b.data + b.seq_off[0], "TTT");
    assert_int_equal(bm_fastx_next_batch(r, &b, 3, 0), 1);
    assert_int_equal(b.first_number, 7);
    assert_string_equal(b.data + b.name_off[0], "g");
    assert_int_equal(bm_fastx_next_batch(r, &b, 3, 0), 0);
    assert_int_equal(b.count, 0);
    assert_int_equal(bm_fastx_next_batch(r, &b, 3, 0), 0);
    bm_batch_free(&b);
    bm_fastx_close(r);
}

static void test_fasta_batch(void **state)
{
    (void)state;
    const char *t = ">x one\nAC\nGT\n>y\n>z\nNNN\n";
    bm_fastx_reader_t *r;
    assert_int_equal(bm_fastx_open_memory(&r, t, strlen(t), "mem"), 0);
    bm_batch_t b;
    bm_batch_init(&b);
    assert_int_equal(bm_fastx_next_batch(r, &b, 100, 0), 3);
    assert_int_equal(b.format, BM_FORMAT_FASTA);
    assert_int_equal(b.first_number, 1);
    assert_string_equal(b.data + b.name_off[0], "x one");
    assert_string_equal(b.data + b.seq_off[0], "ACGT");
    assert_true(b.qual_off[0] == UINT64_MAX);
    assert_int_equal(b.seq_len[1], 0);
    assert_string_equal(b.data + b.seq_off[2], "NNN");
    assert_int_equal(b.data_len, (6 + 5) + (2 + 1) + (2 + 4));
    bm_batch_free(&b);
    bm_fastx_close(r);
}

/* Random files: every batch holds the next records in order, within both limits, and stops at
 * the first record that reaches max_bytes. */
static void check_limits(int fastq, size_t max_records, size_t max_bytes, uint64_t salt)
{
    th_recs_t recs = {0};
    bm_fastx_reader_t *r = random_file(&recs, 5000, fastq ? 300 : 2000, fastq, salt);
    bm_batch_t b;
    bm_batch_init(&b);
    size_t k = 0;
    int got;
    while ((got = bm_fastx_next_batch(r, &b, max_records, max_bytes)) > 0) {
        assert_int_equal((size_t)got, b.count);
        TH_CHECK(b.first_number == k + 1, "batch first_number %llu, expected %zu",
                 (unsigned long long)b.first_number, k + 1);
        assert_true(b.count <= max_records);
        size_t bytes = 0;
        for (size_t i = 0; i < b.count; i++, k++) {
            check_record(&b, i, &recs.v[k], k);
            size_t before = bytes;
            bytes += record_bytes(&recs.v[k]);
            /* No record is added once the batch holds max_bytes. */
            if (max_bytes) TH_CHECK(before < max_bytes, "batch went on past %zu bytes", max_bytes);
        }
        TH_CHECK(b.data_len == bytes, "data_len %zu, records take %zu", b.data_len, bytes);
        int last = (k == recs.n);
        if (!last)
            TH_CHECK(b.count == max_records || (max_bytes && bytes >= max_bytes),
                     "batch of %zu records (%zu bytes) stopped before a limit (%zu, %zu)", b.count,
                     bytes, max_records, max_bytes);
    }
    assert_int_equal(got, 0);
    assert_int_equal(k, recs.n);
    bm_batch_free(&b);
    bm_fastx_close(r);
    th_recs_free(&recs);
}

static void test_limits_records(void **state)
{
    (void)state;
    check_limits(1, 1, 0, 51);
    check_limits(1, 7, 0, 52);
    check_limits(1, 3000, 0, 53); /* arrays grow past their first 1024 records */
    check_limits(0, 100, 0, 54);
}

static void test_limits_bytes(void **state)
{
    (void)state;
    check_limits(1, SIZE_MAX, 1, 55); /* one record per batch */
    check_limits(1, SIZE_MAX, 10000, 56);
    check_limits(1, 50, 10000, 57);
    check_limits(0, SIZE_MAX, 1 << 20, 58); /* data grows past its first 64 KiB */
}

static void test_push_clear_free(void **state)
{
    (void)state;
    bm_batch_t b;
    bm_batch_init(&b);
    assert_int_equal(b.count, 0);
    assert_null(b.data);
    bm_record_t r1 = {"n1", 2, "ACGT", 4, "IIII", 41};
    bm_record_t r2 = {"n2 d", 4, "", 0, "", 42};
    assert_int_equal(bm_batch_push(&b, &r1), 0);
    assert_int_equal(bm_batch_push(&b, &r2), 0);
    assert_int_equal(b.count, 2);
    assert_int_equal(b.first_number, 41);
    assert_int_equal(b.format, BM_FORMAT_FASTQ);
    assert_int_equal(b.data_len, (3 + 5 + 5) + (5 + 1 + 1));
    assert_string_equal(b.data + b.name_off[1], "n2 d");
    assert_int_equal(b.data[b.seq_off[1]], '\0');
    assert_int_equal(b.data[b.qual_off[1]], '\0');
    char *data = b.data;
    size_t cap = b.cap, data_cap = b.data_cap;
    bm_batch_clear(&b);
    assert_int_equal(b.count, 0);
    assert_int_equal(b.data_len, 0);
    assert_ptr_equal(b.data, data);
    assert_int_equal(b.cap, cap);
    assert_int_equal(b.data_cap, data_cap);
    bm_record_t fa = {"f", 1, "GG", 2, NULL, 9};
    assert_int_equal(bm_batch_push(&b, &fa), 0);
    assert_int_equal(b.first_number, 9);
    assert_int_equal(b.format, BM_FORMAT_FASTA);
    assert_true(b.qual_off[0] == UINT64_MAX);
    bm_batch_free(&b);
    assert_int_equal(b.count, 0);
    assert_null(b.data);
    assert_int_equal(b.cap, 0);
    assert_int_equal(bm_batch_push(&b, &r1), 0); /* usable after free */
    assert_string_equal(b.data + b.qual_off[0], "IIII");
    bm_batch_free(&b);
    bm_batch_free(&b);
}

static void test_view(void **state)
{
    (void)state;
    bm_batch_t b;
    bm_batch_init(&b);
    bm_record_t recs[3] = {
        {"a", 1, "AC", 2, "II", 5}, {"bb", 2, "GGT", 3, "III", 6}, {"c", 1, "T", 1, "I", 7}};
    for (int i = 0; i < 3; i++) assert_int_equal(bm_batch_push(&b, &recs[i]), 0);
    bm_batch_t v = bm_batch_view(&b, 1, 2);
    assert_int_equal(v.count, 2);
    assert_int_equal(v.first_number, 6);
    assert_ptr_equal(v.data, b.data);
    assert_string_equal(v.data + v.name_off[0], "bb");
    assert_int_equal(v.seq_len[0], 3);
    assert_memory_equal(v.data + v.seq_off[0], "GGT", 3);
    assert_string_equal(v.data + v.qual_off[1], "I");
    assert_int_equal(bm_batch_view(&b, 3, 0).count, 0);
    bm_batch_free(&b);
}

static void test_batch_error(void **state)
{
    (void)state;
    const char *t = "@a\nA\n+\nI\n@b\nAC\n+\nI\n@c\nA\n+\nI\n";
    bm_fastx_reader_t *r;
    assert_int_equal(bm_fastx_open_memory(&r, t, strlen(t), "mem"), 0);
    bm_batch_t b;
    bm_batch_init(&b);
    assert_int_equal(bm_fastx_next_batch(r, &b, 10, 0), BM_EFORMAT);
    assert_string_equal(bm_last_error(), "mem: record 2: quality length 1 != sequence length 2");
    bm_batch_free(&b);
    bm_fastx_close(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_max_records),
        cmocka_unit_test(test_fasta_batch),
        cmocka_unit_test(test_limits_records),
        cmocka_unit_test(test_limits_bytes),
        cmocka_unit_test(test_push_clear_free),
        cmocka_unit_test(test_batch_error),
        cmocka_unit_test(test_view),
    };
    return cmocka_run_group_tests_name("batch", tests, th_setup, th_teardown);
}
