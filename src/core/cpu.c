/* CPU feature detection: cpuid (through the compiler's __builtin_cpu_supports, which also checks
 * that the OS saves AVX state) on x86-64, and NEON as the ARM64 baseline. */
#include "cpu.h"

#if defined(__x86_64__) || defined(__i386__)
int bm_cpu_has_sse41(void) { return __builtin_cpu_supports("sse4.1"); }
int bm_cpu_has_avx2(void) { return __builtin_cpu_supports("avx2"); }
int bm_cpu_has_avx512bw(void)
{
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
}
#else
int bm_cpu_has_sse41(void) { return 0; }
int bm_cpu_has_avx2(void) { return 0; }
int bm_cpu_has_avx512bw(void) { return 0; }
#endif

/* Advanced SIMD (NEON) is mandatory on ARMv8-A. */
int bm_cpu_has_neon(void)
{
#if defined(__aarch64__)
    return 1;
#else
    return 0;
#endif
}
