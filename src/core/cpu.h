/* CPU feature detection for the run-time kernel dispatch.
 * Internal: the public face is bm_isa_* in biometal/ops.h. */
#ifndef BIOMETAL_CPU_H
#define BIOMETAL_CPU_H

/* Non-zero when the CPU (and the operating system, for AVX state) supports the features. */
int bm_cpu_has_sse41(void);
int bm_cpu_has_avx2(void);
int bm_cpu_has_avx512bw(void);
int bm_cpu_has_neon(void);

#endif
