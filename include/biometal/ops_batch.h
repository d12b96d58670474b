/* The per-read kernels of biometal/ops.h over a whole batch (bm_batch_t, biometal/io.h): one
 * result per record in caller arrays, computed by the same dispatched kernels as one read. */
#ifndef BIOMETAL_OPS_BATCH_H
#define BIOMETAL_OPS_BATCH_H

#include "biometal/io.h"
#include "biometal/ops.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every function below reads record i of `b` (i < b->count) and writes out[i], so each output
 * array holds at least b->count elements; record i of the result equals the per-read function
 * called on that record's sequence or qualities. Records without qualities (FASTA) count as
 * having none: quality summaries and mean qualities are those of an empty read, masking leaves
 * them unchanged and quality trimming keeps them whole. The kernels run on the instruction set in
 * use (bm_isa_active). */

/* ---- Bases ----------------------------------------------------------------------------------- */

/* bm_count_bases per record. */
void bm_batch_base_counts(const bm_batch_t *b, bm_base_counts_t *out);

/* bm_gc_fraction per record. */
void bm_batch_gc_fraction(const bm_batch_t *b, double *out);

/* bm_complexity per record (fastp's low-complexity score). */
void bm_batch_complexity(const bm_batch_t *b, double *out);

/* Fills `out` (cleared first; must not be `in`) with the records of `in` reverse-complemented:
 * same names, sequences through bm_reverse_complement, qualities reversed. Errors: BM_EINVAL when
 * out == in, BM_ENOMEM (out is then partly filled). */
int bm_batch_reverse_complement(const bm_batch_t *in, bm_batch_t *out);

/* bm_to_upper on every sequence, in place. */
void bm_batch_to_upper(bm_batch_t *b);

/* bm_mask_low_quality on every record with qualities, in place. */
void bm_batch_mask_low_quality(bm_batch_t *b, int offset, int min_q, char mask_char);

/* ---- Qualities ------------------------------------------------------------------------------- */

/* bm_quality_summary per record. */
void bm_batch_quality_summary(const bm_batch_t *b, int offset, int threshold,
                              bm_qual_summary_t *out);

/* bm_mean_quality per record. */
void bm_batch_mean_quality(const bm_batch_t *b, int offset, double *out);

/* bm_guess_quality_offset over the qualities of every record together (33 for a batch without
 * qualities). */
int bm_batch_guess_quality_offset(const bm_batch_t *b);

/* ---- k-mers and minimizers ------------------------------------------------------------------- */

/* bm_kmers of every record, one after another in `out` (positions within their record): record
 * i's k-mers are out[first[i] .. first[i + 1]), so `first` holds b->count + 1 elements. Returns
 * the total; only the first `cap` k-mers are written (`first` is always complete). */
size_t bm_batch_kmers(const bm_batch_t *b, unsigned k, bm_kmer_t *out, size_t cap, size_t *first);

/* bm_minimizers of every record, laid out as bm_batch_kmers. */
size_t bm_batch_minimizers(const bm_batch_t *b, unsigned k, unsigned w, bm_kmer_t *out, size_t cap,
                           size_t *first);

/* ---- Trimming positions: record i keeps [begin[i], end[i]) of its bases ---------------------- */

/* bm_trim_fixed per record. */
void bm_batch_trim_fixed(const bm_batch_t *b, size_t head, size_t tail, size_t *begin, size_t *end);

/* bm_trim_mott per record (Phred+33 qualities, as seqtk). */
void bm_batch_trim_mott(const bm_batch_t *b, double err, size_t min_len, size_t *begin,
                        size_t *end);

/* bm_trim_bwa per record. */
void bm_batch_trim_bwa(const bm_batch_t *b, int offset, int cutoff_front, int cutoff_back,
                       size_t *begin, size_t *end);

/* bm_trim_sliding_window per record. */
void bm_batch_trim_sliding_window(const bm_batch_t *b, int offset, size_t window, int min_mean,
                                  size_t *begin, size_t *end);

/* bm_trim_poly_tail per record: the new length of each record in end[i]. */
void bm_batch_trim_poly_tail(const bm_batch_t *b, char base, size_t min_len, size_t *end);

/* bm_trim_poly_x per record: the new length of each record in end[i]. */
void bm_batch_trim_poly_x(const bm_batch_t *b, size_t min_len, size_t *end);

#ifdef __cplusplus
}
#endif
#endif
