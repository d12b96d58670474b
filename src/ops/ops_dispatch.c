/* Run-time dispatch of the per-read kernels: the best variant this CPU and build support, chosen
 * once (or named by BIOMETAL_ISA), behind the public bm_* kernel functions of biometal/ops.h. */
#include "ops_internal.h"

#include "../core/cpu.h"
#include "biometal/error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char *const isa_names[BM_ISA_COUNT] = {"scalar", "sse41", "avx2", "avx512", "neon"};

/* Variants compiled into this build (set by CMake per architecture). */
static const bm_ops_table_t *variant(bm_isa_t isa)
{
    switch (isa) {
    case BM_ISA_SCALAR:
        return &bm_ops_scalar;
#if defined(BIOMETAL_HAVE_X86_KERNELS)
    case BM_ISA_SSE41:
        return &bm_ops_sse41;
    case BM_ISA_AVX2:
        return &bm_ops_avx2;
    case BM_ISA_AVX512:
        return &bm_ops_avx512;
#endif
#if defined(BIOMETAL_HAVE_NEON_KERNELS)
    case BM_ISA_NEON:
        return &bm_ops_neon;
#endif
    default:
        return NULL;
    }
}

int bm_isa_supported(bm_isa_t isa)
{
    if (!variant(isa)) return 0;
    switch (isa) {
    case BM_ISA_SCALAR:
        return 1;
    case BM_ISA_SSE41:
        return bm_cpu_has_sse41();
    case BM_ISA_AVX2:
        return bm_cpu_has_avx2();
    case BM_ISA_AVX512:
        return bm_cpu_has_avx512bw();
    case BM_ISA_NEON:
        return bm_cpu_has_neon();
    default:
        return 0;
    }
}

const char *bm_isa_name(bm_isa_t isa)
{
    return (unsigned)isa < BM_ISA_COUNT ? isa_names[isa] : NULL;
}

int bm_isa_from_name(const char *name)
{
    for (int i = 0; i < BM_ISA_COUNT; i++)
        if (name && strcmp(name, isa_names[i]) == 0) return i;
    return -1;
}

static const bm_ops_table_t *active;
static bm_isa_t active_isa;
static pthread_once_t choose_once = PTHREAD_ONCE_INIT;

static void choose(void)
{
    /* AVX2 before AVX-512: on the AMD EPYC measured (bench/results/ops.md), the AVX-512 variants
     * were slower than AVX2 on ~90 bp reads (mask/vector conversions, one partial vector per
     * read). AVX-512 stays available through BIOMETAL_ISA=avx512. */
    static const bm_isa_t preference[] = {BM_ISA_AVX2, BM_ISA_AVX512, BM_ISA_SSE41, BM_ISA_NEON};
    active_isa = BM_ISA_SCALAR;
    for (size_t i = 0; i < sizeof preference / sizeof preference[0]; i++) {
        if (bm_isa_supported(preference[i])) {
            active_isa = preference[i];
            break;
        }
    }
    int forced = bm_isa_from_name(getenv("BIOMETAL_ISA"));
    if (forced >= 0 && bm_isa_supported((bm_isa_t)forced)) active_isa = (bm_isa_t)forced;
    active = variant(active_isa);
}

static const bm_ops_table_t *ops(void)
{
    pthread_once(&choose_once, choose);
    return active;
}

bm_isa_t bm_isa_active(void)
{
    ops();
    return active_isa;
}

int bm_isa_force(bm_isa_t isa)
{
    ops();
    if (!bm_isa_supported(isa))
        return bm_error(BM_EINVAL, "instruction set '%s' is not supported here",
                        bm_isa_name(isa) ? bm_isa_name(isa) : "?");
    active_isa = isa;
    active = variant(isa);
    return 0;
}

void bm_read_tallies(const char *seq, const char *qual, size_t len, unsigned char t1,
                     unsigned char t2, uint64_t out[4])
{
    ops()->read_tallies(seq, qual, len, t1, t2, out);
}

void bm_count_bases(const char *seq, size_t len, bm_base_counts_t *out)
{
    ops()->count_bases(seq, len, out);
}

double bm_gc_fraction(const char *seq, size_t len)
{
    bm_base_counts_t c;
    bm_count_bases(seq, len, &c);
    uint64_t acgt = c.a + c.c + c.g + c.t;
    return acgt ? (double)(c.g + c.c) / (double)acgt : 0.0;
}

void bm_quality_summary(const char *qual, size_t len, int offset, int threshold,
                        bm_qual_summary_t *out)
{
    if (offset < 0) offset = 0;
    if (offset > 255) offset = 255;
    if (threshold < 1 || threshold > 255) {
        /* every base (threshold <= 0) or none (> 255) qualifies: the scalar kernel says so */
        bm_quality_summary_scalar(qual, len, offset, threshold, out);
        return;
    }
    ops()->quality_summary(qual, len, offset, threshold, out);
}

double bm_complexity(const char *seq, size_t len)
{
    if (len < 2) return 0.0;
    return (double)ops()->adjacent_differences(seq, len) / (double)(len - 1);
}

void bm_reverse_complement(const char *seq, size_t len, char *out)
{
    ops()->reverse_complement(seq, len, out);
}

void bm_to_upper(const char *seq, size_t len, char *out)
{
    ops()->to_upper(seq, len, out);
}

void bm_mask_low_quality(const char *seq, const char *qual, size_t len, int offset, int min_q,
                         char mask_char, char *out)
{
    if (offset < 0) offset = 0;
    if (offset > 255) offset = 255;
    if (min_q < 1 || min_q > 255) {
        /* nothing (min_q <= 0) or everything (> 255) is masked: the scalar kernel says so */
        bm_mask_low_quality_scalar(seq, qual, len, offset, min_q, mask_char, out);
        return;
    }
    ops()->mask_low_quality(seq, qual, len, offset, min_q, mask_char, out);
}

double bm_mean_quality(const char *qual, size_t len, int offset)
{
    if (len == 0) return 0.0;
    bm_qual_summary_t s;
    bm_quality_summary(qual, len, offset, 1, &s);
    return (double)s.sum / (double)len;
}

int bm_guess_quality_offset(const char *qual, size_t len)
{
    bm_qual_summary_t s;
    bm_quality_summary(qual, len, 0, 'J' + 1, &s);
    if (len == 0 || s.min < ';') return 33;
    return s.min >= '@' && s.at_least > 0 ? 64 : 33;
}
