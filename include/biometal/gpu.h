/* NVIDIA GPU engine: batched alignment on a CUDA device, with exactly the CPU reference's results.
 * Every call works in a build without CUDA too: it then reports that no device is available. */
#ifndef BIOMETAL_GPU_H
#define BIOMETAL_GPU_H

#include "biometal/align.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Number of usable CUDA devices: 0 when the build has no CUDA, there is no device or driver, or
 * the runtime fails; bm_gpu_why_not() then says why in one line. */
int bm_gpu_count(void);
const char *bm_gpu_why_not(void);

/* Device name and memory of device `device`, for messages ("NVIDIA H100 80GB HBM3, 79 GiB"). */
int bm_gpu_describe(int device, char *buf, size_t cap);

/* Timings of the last bm_gpu_align_batch on this thread, in milliseconds. */
typedef struct {
    double kernel_ms;   /* the alignment kernels alone (device events) */
    double total_ms;    /* the whole call: encoding, copies in and out, kernels */
    double copy_ms;     /* host-device copies (device events) */
    size_t device_bytes; /* device memory the call held at most */
} bm_gpu_stats_t;

/* Aligns `n` pairs on CUDA device `device` as bm_align_batch does on the CPU: same shapes, and for
 * every pair the same score, coordinates and, with want_cigar, the same CIGAR (appended to
 * `cigars` in pair order) and counts. What the GPU engine covers so far: local, global and
 * semi-global mode, no band, sequences up to 65,535 letters; any scoring. Other options are BM_EINVAL with a message saying
 * what is not covered, so a caller can use the CPU instead. Errors: BM_EINVAL (also for the
 * letters and lengths bm_align_pair rejects), BM_EIO (no device, or a CUDA error, named),
 * BM_ENOMEM (host or device memory). `stats` may be NULL. */
int bm_gpu_align_batch(const bm_align_opts_t *opts, int device, const bm_batch_t *queries,
                       const bm_batch_t *targets, size_t n, bm_align_shape_t shape,
                       bm_align_result_t *results, bm_cigar_buf_t *cigars, bm_gpu_stats_t *stats);

/* The same over several CUDA devices of one host: the pairs are split into contiguous shares of
 * whole queries, one per entry of devices[] (a device listed twice runs two shares at once),
 * aligned concurrently; results and CIGARs in pair order, identical to one device's. stats:
 * the slowest share's kernel and copy times. Errors: those of bm_gpu_align_batch. */
int bm_gpu_align_batch_multi(const bm_align_opts_t *opts, const int *devices, int ndevices,
                             const bm_batch_t *queries, const bm_batch_t *targets, size_t n,
                             bm_align_shape_t shape, bm_align_result_t *results,
                             bm_cigar_buf_t *cigars, bm_gpu_stats_t *stats);

#ifdef __cplusplus
}
#endif
#endif
