/* The device side of the GPU engine in a build without CUDA: no devices, and a message saying so.
 * Lets every caller take the same code path with or without nvcc. */
#include "gpu_internal.h"

#include <stdio.h>

int bm_gpu_device_count(const char **why)
{
    *why = "this biometal was built without CUDA (no nvcc found, or BIOMETAL_CUDA=OFF)";
    return 0;
}

int bm_gpu_device_describe(int device, char *buf, size_t cap)
{
    (void)device;
    snprintf(buf, cap, "no CUDA support in this build");
    return bm_error(BM_EIO, "no CUDA device: this biometal was built without CUDA");
}

int bm_gpu_run(const bm_gpu_pack_t *pk, const bm_align_opts_t *o, int device, bm_gpu_hit_t *hits,
               bm_cigar_buf_t *cigars, int *bad_letter, bm_gpu_stats_t *stats)
{
    (void)pk, (void)o, (void)device, (void)hits, (void)cigars, (void)stats;
    *bad_letter = 0;
    return bm_error(BM_EIO, "no CUDA device: this biometal was built without CUDA");
}
