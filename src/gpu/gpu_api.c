/* The GPU engine's public entry points: option checks, packing, the device run, and results in
 * the CPU engine's form. Built with or without CUDA (gpu_none.c stands in for the device side). */
#include "gpu_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Thread_local const char *why_not = "";

int bm_gpu_count(void)
{
    return bm_gpu_device_count(&why_not);
}

const char *bm_gpu_why_not(void)
{
    return why_not;
}

int bm_gpu_describe(int device, char *buf, size_t cap)
{
    return bm_gpu_device_describe(device, buf, cap);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

int bm_gpu_align_batch(const bm_align_opts_t *opts, int device, const bm_batch_t *queries,
                       const bm_batch_t *targets, size_t n, bm_align_shape_t shape,
                       bm_align_result_t *results, bm_cigar_buf_t *cigars, bm_gpu_stats_t *stats)
{
    double t0 = now_ms();
    bm_align_opts_t o;
    bm_scoring_t dna;
    if (opts) {
        o = *opts;
    } else {
        bm_align_opts_init(&o);
    }
    if (!o.scoring) { /* the CPU engine's default: DNA 2/-4, N -1 */
        bm_scoring_dna(&dna, 2, -4, -1);
        o.scoring = &dna;
    }
    if (o.mode == BM_ALIGN_EXTEND || o.band >= 0)
        return bm_error(BM_EINVAL, "the GPU engine covers local, global and semi-global alignment "
                                   "without a band so far (use the CPU engine)");
    if (o.want_cigar && !cigars)
        return bm_error(BM_EINVAL,
                        "bm_gpu_align_batch: a CIGAR was asked but no CIGAR buffer given");
    if (o.gap_extend < 0 || o.gap_open < o.gap_extend || o.gap_open > BM_SCORE_LIMIT)
        return bm_error(BM_EINVAL, "gap penalties must satisfy 0 <= extend <= open <= %d",
                        BM_SCORE_LIMIT);
    if (shape != BM_ALIGN_PAIRWISE && shape != BM_ALIGN_ALL_VS_ALL)
        return bm_error(BM_EINVAL, "unknown batch shape %d", (int)shape);
    bm_gpu_pack_t pk;
    int rc = bm_gpu_pack(&o, queries, targets, n, shape, &pk);
    if (rc < 0) return rc;
    bm_gpu_hit_t *hits = malloc((n ? n : 1) * sizeof *hits);
    bm_gpu_stats_t st = {0};
    if (!hits) {
        rc = bm_error(BM_ENOMEM, "out of memory for %zu GPU results", n);
    } else if (n > 0) {
        int bad = 0;
        size_t cigar_base = cigars ? cigars->len : 0;
        rc = bm_gpu_run(&pk, &o, device, hits, cigars, &bad, &st);
        if (rc == 0 && bad) {
            if (cigars) cigars->len = cigar_base;
            rc = bm_gpu_bad_letter(&o, &pk);
        }
        uint64_t off = cigar_base;
        for (size_t k = 0; rc == 0 && k < n; k++) {
            results[k].cigar_off = o.want_cigar ? off : 0; /* as the CPU engine: also when empty */
            off += o.want_cigar ? (uint64_t)hits[k].n_cigar : 0;
        }
    }
    for (size_t k = 0; rc == 0 && k < n; k++) {
        bm_align_result_t *r = &results[k];
        uint64_t cigar_off = r->cigar_off;
        memset(r, 0, sizeof *r);
        if (o.want_cigar) {
            r->n_match = hits[k].n_match;
            r->n_mismatch = hits[k].n_mismatch;
            r->n_gap_open = hits[k].n_gap_open;
            r->n_gap_bases = hits[k].n_gap_bases;
            r->n_cigar = (uint32_t)hits[k].n_cigar;
            r->cigar_off = cigar_off;
        }
        r->score = hits[k].score;
        r->qbeg = hits[k].qbeg;
        r->qend = hits[k].qend;
        r->tbeg = hits[k].tbeg;
        r->tend = hits[k].tend;
    }
    free(hits);
    st.total_ms = now_ms() - t0;
    if (stats) *stats = st;
    return rc;
}
