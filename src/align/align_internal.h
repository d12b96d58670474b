/* Internal interface of the alignment engine: encoded pairs, the scalar reference's two paths,
 * the extension drop test and CIGAR building, shared by src/align/ only. */
#ifndef BIOMETAL_ALIGN_INTERNAL_H
#define BIOMETAL_ALIGN_INTERNAL_H

#include "biometal/align.h"
#include "biometal/error.h"

#include <stdint.h>

/* Unreachable cell. Real scores stay above -2^29 (see bm_align_check_range), so this value never
 * meets arithmetic: the reference tests for it explicitly. */
#define BM_NEG_INF (INT32_MIN / 2)

/* The largest number of bytes the reference's full matrices may take (CIGAR path). */
#define BM_ALIGN_REF_MAX_BYTES ((uint64_t)1 << 30)

/* One pair as matrix indices (bm_scoring_t.index of each letter). */
typedef struct {
    const uint8_t *q, *t;
    int32_t m, n;
} bm_pair_t;

/* Growable scratch memory owned by an aligner. */
typedef struct {
    void *p;
    size_t cap;
} bm_scratch_t;

/* Makes room for `bytes` bytes (contents not kept). Errors: BM_ENOMEM. */
int bm_scratch_reserve(bm_scratch_t *s, size_t bytes);
void bm_scratch_free(bm_scratch_t *s);

/* Encodes len letters into out[0..len) with the scoring's index; a letter outside the alphabet is
 * BM_EINVAL, the message starting with `what` ("query", "target 'r5' (record 5)"). */
int bm_align_encode(const bm_scoring_t *sc, const char *seq, size_t len, uint8_t *out,
                    const char *what);

/* BM_EINVAL (naming the problem) for options or a scoring the engines refuse: an unknown mode or
 * CIGAR style, gap penalties outside 0 <= extend <= open <= BM_SCORE_LIMIT, a band or drop below
 * -1, a scoring with no letters or scores outside +-BM_SCORE_LIMIT. */
int bm_align_check_opts(const bm_align_opts_t *opts, const bm_scoring_t *sc);

/* BM_EINVAL when the pair's scores could leave the 32-bit range every engine assumes, or when the
 * band leaves no end cell for the mode. */
int bm_align_check_pair(const bm_align_opts_t *o, int64_t m, int64_t n);

/* Whether a cell lies inside the band. */
static inline int bm_in_band(int band, int32_t i, int32_t j)
{
    return band < 0 || (i - j <= band && j - i <= band);
}

/* The extension drop test after a column that did not improve the best (see align.h). */
static inline int bm_extend_drops(const bm_align_opts_t *o, int32_t best, int32_t bi, int32_t bj,
                                  int32_t c, int32_t ci, int32_t j)
{
    int64_t fall = (int64_t)best - c;
    if (o->xdrop >= 0 && fall > o->xdrop) return 1;
    if (o->zdrop >= 0 && ci > bi) {
        int64_t d = (int64_t)(j - bj) - (ci - bi);
        if (d < 0) d = -d;
        if (fall > o->zdrop + (int64_t)o->gap_extend * d) return 1;
    }
    return 0;
}

/* The reference with full H/E/F matrices and a three-state traceback: score, coordinates, CIGAR
 * (appended to `cigars` in the options' style) and the counts. Errors: BM_ENOMEM. */
int bm_align_ref_full(const bm_align_opts_t *o, const bm_pair_t *p, bm_scratch_t *scratch,
                      bm_align_result_t *r, bm_cigar_buf_t *cigars);

/* The reference in O(m) memory: score and coordinates (begins carried in the forward pass), no
 * CIGAR. Errors: BM_ENOMEM. */
int bm_align_ref_score(const bm_align_opts_t *o, const bm_pair_t *p, bm_scratch_t *scratch,
                       bm_align_result_t *r);

/* ---- CIGAR building (cigar.c) ---- */

/* Appends `len` x `op` to buf, merging with the last op when equal. Errors: BM_ENOMEM. */
int bm_cigar_push(bm_cigar_buf_t *buf, uint32_t op, uint32_t len);

/* Fills n_match, n_mismatch, n_gap_open, n_gap_bases from an '='/'X' CIGAR. */
void bm_cigar_count(const uint32_t *cigar, size_t n, bm_align_result_t *r);

/* Rewrites '=' and 'X' as 'M' in place, merging neighbours; returns the new op count. */
size_t bm_cigar_to_m(uint32_t *cigar, size_t n);

#endif
