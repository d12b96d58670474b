/* biometal: fast sequencing-data work on CPUs (SIMD) and NVIDIA GPUs.
 * The umbrella header: the version and every public area of the library. */
#ifndef BIOMETAL_H
#define BIOMETAL_H

#define BM_VERSION_MAJOR 0
#define BM_VERSION_MINOR 1
#define BM_VERSION_PATCH 0
#define BM_VERSION "0.1.0"

#include "biometal/align.h"
#include "biometal/error.h"
#include "biometal/gpu.h"
#include "biometal/io.h"
#include "biometal/ops.h"
#include "biometal/ops_batch.h"
#include "biometal/seqstats.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version string, e.g. "0.1.0" (may differ from BM_VERSION of the headers a
 * program was built with). */
const char *bm_version(void);

#ifdef __cplusplus
}
#endif
#endif
