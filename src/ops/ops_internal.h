/* The kernel dispatch table shared by the scalar reference and every SIMD variant, and the
 * pieces all variants share (short-input fallbacks, the fixed-point expected-error table). */
#ifndef BIOMETAL_OPS_INTERNAL_H
#define BIOMETAL_OPS_INTERNAL_H

#include "biometal/ops.h"

typedef struct {
    void (*count_bases)(const char *seq, size_t len, bm_base_counts_t *out);
    void (*quality_summary)(const char *qual, size_t len, int offset, int threshold,
                            bm_qual_summary_t *out);
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

/* Sum of 10^(-Q/10) over the read in units of 2^-40 (exact integer sums: any order, same result).
 * Shared by every variant: a table lookup per base, which SIMD would not speed up. */
uint64_t bm_expected_errors_fixed(const char *qual, size_t len, int offset);
double bm_expected_errors_from_fixed(uint64_t fixed);

#endif
