/* Whole-file sequence statistics with the definitions of `seqkit stats -a`: counts, length
 * quartiles, N50, gap letters, Q20/Q30 and GC percentages, and the guessed sequence type. */
#ifndef BIOMETAL_SEQSTATS_H
#define BIOMETAL_SEQSTATS_H

#include "biometal/io.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bm_seqstats bm_seqstats_t;

/* The summary of everything added. Percentages are NaN when sum_len is 0 but records exist. */
typedef struct {
    bm_format_t format;
    const char *type; /* "DNA", "RNA", "Protein", "Unlimit" (first record not classifiable), or ""
                         when there are no records; guessed from the first 10,000 letters of the
                         first record, as seqkit does */
    uint64_t num_seqs, sum_len, min_len, max_len;
    double avg_len;    /* sum_len / num_seqs, rounded to 1 decimal */
    double q1, q2, q3; /* length quartiles: Tukey's hinges (see bm_seqstats_summary) */
    uint64_t sum_gap;  /* '-', '.' and ' ' letters */
    uint64_t n50, l50; /* N50 length, and the number of sequences at least that long needed */
    uint64_t gc_bases, q20_bases, q30_bases;
    double q20_pct, q30_pct, gc_pct; /* rounded to 2 decimals */
} bm_seqstats_summary_t;

/* Allocates an empty accumulator. Errors: BM_ENOMEM. */
int bm_seqstats_new(bm_seqstats_t **out);

/* Adds one record. Errors: BM_ENOMEM (very many distinct long lengths). */
int bm_seqstats_add(bm_seqstats_t *s, const bm_record_t *rec);

/* Adds every record of a batch. */
int bm_seqstats_add_batch(bm_seqstats_t *s, const bm_batch_t *b);

/* Adds the counts of `from` to `into` (for per-thread accumulators). `into` keeps its own first
 * record (type), so merge in input order. */
int bm_seqstats_merge(bm_seqstats_t *into, const bm_seqstats_t *from);

/* Computes the summary. Quartiles are Tukey's hinges: Q2 is the median; Q1 and Q3 are the
 * medians of the lower and upper halves, each including the median when the count is odd.
 * This equals seqkit stats except when all lengths are equal, where seqkit 2.3 reports half the
 * length for Q1 and Q3 and biometal reports the length. */
void bm_seqstats_summary(const bm_seqstats_t *s, bm_seqstats_summary_t *out);

void bm_seqstats_free(bm_seqstats_t *s);

/* Statistics of a whole input ("-" = stdin) using up to `threads` threads: an uncompressed regular
 * file is split into ranges read in parallel (bm_fastx_open_range), compressed input decompresses
 * on a read-ahead thread. Errors as bm_fastx_next; when a parallel part fails, the file is read
 * again serially so the message names the exact record. */
int bm_seqstats_file(const char *path, int threads, bm_seqstats_summary_t *out);

#ifdef __cplusplus
}
#endif
#endif
