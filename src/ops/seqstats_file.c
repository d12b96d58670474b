/* Whole-file statistics with threads: parallel ranges of an uncompressed file, merged in order,
 * with a serial re-read whenever a range fails or the ranges do not tile the file exactly. */
#include "biometal/seqstats.h"

#include "biometal/error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MIN_PARALLEL_BYTES (8u << 20)

typedef struct {
    const char *path;
    bm_format_t format;
    uint64_t begin, end;
    uint64_t first, stop; /* boundary found at begin, and where reading stopped */
    bm_seqstats_t *stats;
    int rc;
} range_job_t;

static int add_all(bm_fastx_reader_t *r, bm_seqstats_t *st)
{
    bm_record_t rec;
    for (;;) {
        int got = bm_fastx_next(r, &rec);
        if (got <= 0) return got;
        int rc = bm_seqstats_add(st, &rec);
        if (rc < 0) return rc;
    }
}

static void *range_worker(void *arg)
{
    range_job_t *j = arg;
    bm_fastx_reader_t *r = NULL;
    j->rc = bm_seqstats_new(&j->stats);
    if (j->rc == 0) j->rc = bm_fastx_open_range(&r, j->path, j->format, j->begin, j->end);
    if (j->rc == 0) {
        j->first = bm_fastx_range_start(r);
        j->rc = add_all(r, j->stats);
        j->stop = bm_fastx_offset(r);
    }
    bm_fastx_close(r);
    return NULL;
}

/* Returns 1 with *out filled when the parallel pass succeeded, 0 when a serial pass is needed. */
static int parallel_ranges(const char *path, bm_format_t format, uint64_t size, int threads,
                           bm_seqstats_summary_t *out)
{
    range_job_t *jobs = calloc((size_t)threads, sizeof *jobs);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    int ok = jobs && tids;
    int started = 0;
    for (int i = 0; ok && i < threads; i++) {
        jobs[i] = (range_job_t){.path = path,
                                .format = format,
                                .begin = size * (uint64_t)i / (uint64_t)threads,
                                .end = size * (uint64_t)(i + 1) / (uint64_t)threads};
        if (i > 0 && pthread_create(&tids[i], NULL, range_worker, &jobs[i]) != 0) {
            ok = 0;
            break;
        }
        started = i + 1;
    }
    if (ok) range_worker(&jobs[0]);
    for (int i = 1; i < started; i++) pthread_join(tids[i], NULL);
    for (int i = 0; ok && i < threads; i++) {
        if (jobs[i].rc < 0)
            ok = 0;
        else if (i + 1 < threads && jobs[i].stop != jobs[i + 1].first)
            ok = 0;
    }
    if (ok && jobs[threads - 1].stop != size) ok = 0;
    for (int i = 1; ok && i < threads; i++)
        if (bm_seqstats_merge(jobs[0].stats, jobs[i].stats) < 0) ok = 0;
    if (ok) bm_seqstats_summary(jobs[0].stats, out);
    for (int i = 0; jobs && i < threads; i++) bm_seqstats_free(jobs[i].stats);
    free(jobs);
    free(tids);
    bm_clear_error();
    return ok;
}

int bm_seqstats_file(const char *path, int threads, bm_seqstats_summary_t *out)
{
    if (threads < 1) threads = 1;
    struct stat sb;
    int big_file = threads > 1 && path && strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
                   S_ISREG(sb.st_mode) && (uint64_t)sb.st_size >= MIN_PARALLEL_BYTES;
    /* Read-ahead pays off for compressed input; a big plain file is split into ranges instead. */
    bm_reader_opts_t opts = {.source = {.threads = threads > 1 && !big_file}};
    bm_fastx_reader_t *r = NULL;
    int rc = bm_fastx_open(&r, path, &opts);
    if (rc == 0 && big_file && bm_fastx_compression(r) != BM_COMPRESSION_NONE) {
        bm_fastx_close(r);
        opts.source.threads = 1;
        big_file = 0;
        rc = bm_fastx_open(&r, path, &opts);
    }
    if (rc < 0) return rc;
    bm_record_t rec;
    int got = bm_fastx_next(r, &rec); /* learn the format */
    if (got == 1 && big_file) {
        bm_format_t format = bm_fastx_format(r);
        bm_fastx_close(r);
        if (parallel_ranges(path, format, (uint64_t)sb.st_size, threads, out)) return 0;
        rc = bm_fastx_open(&r, path, &opts); /* serial pass: exact results and messages */
        if (rc < 0) return rc;
        got = bm_fastx_next(r, &rec);
    }
    bm_seqstats_t *st = NULL;
    rc = got < 0 ? got : bm_seqstats_new(&st);
    if (rc == 0 && got == 1) rc = bm_seqstats_add(st, &rec);
    if (rc == 0 && got == 1) rc = add_all(r, st);
    if (rc == 0) bm_seqstats_summary(st, out);
    bm_seqstats_free(st);
    bm_fastx_close(r);
    return rc;
}
