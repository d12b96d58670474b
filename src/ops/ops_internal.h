/* The kernel dispatch table shared by the scalar reference and every SIMD variant, and the
 * pieces all variants share (short-input fallbacks, the fixed-point expected-error table). */
#ifndef BIOMETAL_OPS_INTERNAL_H
#define BIOMETAL_OPS_INTERNAL_H

#include "biometal/ops.h"

typedef struct {
    void (*count_bases)(const char *seq, size_t len, bm_base_counts_t *out);
    void (*quality_summary)(const char *qual, size_t len, int offset, int threshold,
                            bm_qual_summary_t *out);
    uint64_t (*adjacent_differences)(const char *seq, size_t len); /* #{i : s[i] != s[i+1]} */
    void (*reverse_complement)(const char *seq, size_t len, char *out);
    void (*to_upper)(const char *seq, size_t len, char *out);
    /* offset and min_q in 0..255 */
    void (*mask_low_quality)(const char *seq, const char *qual, size_t len, int offset, int min_q,
                             char mask_char, char *out);
    /* seqkit stats' per-base tallies, added to out: G+C (either case), gaps ('-', '.', ' '), and
     * quality bytes >= t1 and >= t2 (qual may be NULL: FASTA) */
    void (*read_tallies)(const char *seq, const char *qual, size_t len, unsigned char t1,
                         unsigned char t2, uint64_t out[4]);
} bm_ops_table_t;

extern const bm_ops_table_t bm_ops_scalar;
extern const bm_ops_table_t bm_ops_sse41;
extern const bm_ops_table_t bm_ops_avx2;
extern const bm_ops_table_t bm_ops_avx512;
extern const bm_ops_table_t bm_ops_neon;

/* The scalar reference kernels (also used by SIMD variants for inputs shorter than a vector). */
void bm_count_bases_scalar(const char *seq, size_t len, bm_base_counts_t *out);
void bm_quality_summary_scalar(const char *qual, size_t len, int offset, int threshold,
                               bm_qual_summary_t *out);

uint64_t bm_adjacent_differences_scalar(const char *seq, size_t len);
void bm_reverse_complement_scalar(const char *seq, size_t len, char *out);
void bm_to_upper_scalar(const char *seq, size_t len, char *out);
void bm_mask_low_quality_scalar(const char *seq, const char *qual, size_t len, int offset,
                                int min_q, char mask_char, char *out);
void bm_read_tallies_scalar(const char *seq, const char *qual, size_t len, unsigned char t1,
                            unsigned char t2, uint64_t out[4]);

/* The active variant's read_tallies (internal: used by seqstats). */
void bm_read_tallies(const char *seq, const char *qual, size_t len, unsigned char t1,
                     unsigned char t2, uint64_t out[4]);

/* Complement of the letters' low five bits (index c & 31, for c in 'A'..'Z' and 'a'..'z'): the
 * complement letter's low five bits. Shared by the scalar reference and the SIMD lookups. */
extern const unsigned char bm_complement_low5[32];

/* Sum of 10^(-Q/10) over the read in units of 2^-40 (exact integer sums: any order, same result).
 * Shared by every variant: a table lookup per base, which SIMD would not speed up. */
uint64_t bm_expected_errors_fixed(const char *qual, size_t len, int offset);
double bm_expected_errors_from_fixed(uint64_t fixed);

#endif
