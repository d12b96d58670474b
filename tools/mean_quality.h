/* The mean read quality of `seqkit seq -Q` (seqkit 2.3): -10 log10 of the mean error probability,
 * reproduced step for step so that reads right at the threshold fall as they do in seqkit. */
#ifndef BIOMETAL_TOOLS_MEAN_QUALITY_H
#define BIOMETAL_TOOLS_MEAN_QUALITY_H

#include <stddef.h>

/* The mean quality as seqkit computes it: the error probabilities 10^(-Q/10) of qual[0..len)
 * (characters minus `offset`; below `offset` counts as Q0) summed in read order, divided by len,
 * and -10 log10 of that; 0 for an empty read. */
double seqkit_mean_quality(const char *qual, size_t len, int offset);

/* A minimum mean quality, with the limit on the mean error probability it implies. */
typedef struct {
    double min_q;
    double error_limit; /* 10^(-min_q/10) */
} seqkit_min_quality_t;

void seqkit_min_quality_init(seqkit_min_quality_t *m, double min_q);

/* Whether seqkit_mean_quality(qual, len, offset) >= m->min_q (seqkit keeps such reads).
 * `expected_errors` is the read's sum of error probabilities from bm_quality_summary: reads clearly
 * on one side of the threshold are decided from it; only those within rounding distance of it are
 * recomputed the slow way, so the answer is always the one seqkit gives. */
int seqkit_min_quality_passes(const seqkit_min_quality_t *m, const char *qual, size_t len,
                              int offset, double expected_errors);

#endif
