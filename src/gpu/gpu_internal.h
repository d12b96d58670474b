/* Internal interface of the GPU engine: pairs packed for the device (plain C, built always) and
 * the device side (CUDA in gpu_cuda.cu, or gpu_none.c in a build without CUDA). */
#ifndef BIOMETAL_GPU_INTERNAL_H
#define BIOMETAL_GPU_INTERNAL_H

#include "biometal/error.h"
#include "biometal/gpu.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BM_GPU_MAX_LEN 65535 /* begins are packed as (i << 16 | j) */

/* A batch call's pairs as the device reads them: the two batches' buffers as they are (one copy
 * each, no repacking), record k of `queries` paired as the shape says. */
typedef struct {
    const bm_batch_t *queries, *targets;
    size_t nq, nt; /* records used from each batch */
    size_t npairs;
    int all_vs_all; /* pair k = (k / nt, k % nt), else (k, k) */
    int32_t max_qlen, max_tlen;
} bm_gpu_pack_t;

/* Lays out a batch call's pairs and, with `check`, checks them on the host (lengths, the 32-bit
 * score range: the CPU engine's checks and messages); letters are checked on the device (see
 * bm_gpu_bad_letter). A share of an already checked call is laid out without `check`. */
int bm_gpu_pack(const bm_align_opts_t *o, const bm_batch_t *queries, const bm_batch_t *targets,
                size_t n, bm_align_shape_t shape, int check, bm_gpu_pack_t *out);

/* The error for the first record holding a letter outside the scoring's alphabet (called when
 * the device reported one): the CPU engine's message. */
int bm_gpu_bad_letter(const bm_align_opts_t *o, const bm_gpu_pack_t *p);

/* Cuts `units` consecutive units of work with the given weights into `nshares` shares of nearly
 * equal total weight: share d is units [cut[d], cut[d + 1]) (cut has nshares + 1 entries,
 * cut[0] = 0, cut[nshares] = units; a share may be empty). */
void bm_gpu_split_shares(const uint64_t *weight, size_t units, int nshares, size_t *cut);

/* One pair's answer as the kernels write it. */
typedef struct {
    int32_t score, qbeg, qend, tbeg, tend;
    int32_t n_match, n_mismatch, n_gap_open, n_gap_bases, n_cigar; /* with a CIGAR only */
} bm_gpu_hit_t;

/* Device side. Alignment (local, global or semi-global) of every pair into hits[0..npairs), with
 * o->want_cigar the CIGARs appended to `cigars` in pair order (hits[k].n_cigar ops each);
 * *bad_letter set when some letter is outside the alphabet (the hits are then meaningless). Errors:
 * BM_EIO (CUDA error or no device, named), BM_ENOMEM. */
int bm_gpu_run(const bm_gpu_pack_t *pk, const bm_align_opts_t *o, int device, bm_gpu_hit_t *hits,
               bm_cigar_buf_t *cigars, int *bad_letter, bm_gpu_stats_t *stats);
int bm_gpu_device_count(const char **why);
int bm_gpu_device_describe(int device, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
