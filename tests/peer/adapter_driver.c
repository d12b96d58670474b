/* Test driver for the adapter peer tests: prints, for every read or pair, its name and the length
 * biometal's adapter trimming leaves (name TAB length [TAB length2]), or the detected adapter.
 * Usage: adapter_driver se ADAPTER FILE | pe FILE1 FILE2 | detect FILE */
#include "biometal/biometal.h"

#include <stdio.h>
#include <string.h>

static int fail(void)
{
    fprintf(stderr, "adapter_driver: %s\n", bm_last_error());
    return 1;
}

static int single_end(const char *adapter, const char *path)
{
    bm_fastx_reader_t *r;
    if (bm_fastx_open(&r, path, NULL) < 0) return fail();
    bm_record_t rec;
    int rc;
    while ((rc = bm_fastx_next(r, &rec)) == 1) {
        size_t end = bm_trim_adapter(rec.seq, rec.seq_len, adapter, strlen(adapter), NULL);
        printf("%.*s\t%zu\n", (int)rec.name_len, rec.name, end);
    }
    bm_fastx_close(r);
    return rc < 0 ? fail() : 0;
}

static int paired_end(const char *path1, const char *path2)
{
    bm_paired_reader_t *p;
    if (bm_paired_open(&p, path1, path2, NULL) < 0) return fail();
    bm_record_t r1, r2;
    int rc;
    while ((rc = bm_paired_next(p, &r1, &r2)) == 1) {
        size_t end1, end2;
        rc = bm_trim_pair_overlap(r1.seq, r1.seq_len, r2.seq, r2.seq_len, NULL, &end1, &end2);
        if (rc < 0) break;
        printf("%.*s\t%zu\t%zu\n", (int)r1.name_len, r1.name, end1, end2);
    }
    bm_paired_close(p);
    return rc < 0 ? fail() : 0;
}

static int detect(const char *path)
{
    bm_fastx_reader_t *r;
    if (bm_fastx_open(&r, path, NULL) < 0) return fail();
    bm_batch_t batch;
    bm_batch_init(&batch);
    int rc = bm_fastx_next_batch(r, &batch, 256 * 1024, 0);
    char adapter[BM_ADAPTER_MAX_LEN + 1];
    if (rc >= 0)
        rc = bm_detect_adapter(&batch, BM_ADAPTER_DETECT_MIN_READS, adapter, sizeof adapter);
    if (rc >= 0) printf("%s\n", adapter);
    bm_batch_free(&batch);
    bm_fastx_close(r);
    return rc < 0 ? fail() : 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "se")) return single_end(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "pe")) return paired_end(argv[2], argv[3]);
    if (argc == 3 && !strcmp(argv[1], "detect")) return detect(argv[2]);
    fprintf(stderr, "usage: adapter_driver se ADAPTER FILE | pe FILE1 FILE2 | detect FILE\n");
    return 2;
}
