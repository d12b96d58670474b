/* Run-time choice of the striped alignment kernels: the set compiled for the instruction set the
 * per-read kernels use (bm_isa_active, so BIOMETAL_ISA and bm_isa_force switch both), none for
 * scalar, where the reference runs. */
#include "striped.h"

#include "biometal/ops.h"

const bm_sw_kernels_t *bm_sw_active(void)
{
    switch (bm_isa_active()) {
#if defined(BIOMETAL_HAVE_X86_KERNELS)
    case BM_ISA_SSE41:
        return &bm_sw_sse41;
    case BM_ISA_AVX2:
        return &bm_sw_avx2;
    case BM_ISA_AVX512:
        return &bm_sw_avx512;
#endif
#if defined(BIOMETAL_HAVE_NEON_KERNELS)
    case BM_ISA_NEON:
        return &bm_sw_neon;
#endif
    default:
        return NULL;
    }
}

int bm_align_fast_covers(const bm_align_opts_t *o, const bm_pair_t *p)
{
    if (o->band >= 0) return 0;
    if (p->m < 1 || p->n < 1) return 0; /* nothing to vectorise */
    /* pairs whose CIGAR the reference refuses (its matrices over 1 GiB) are refused the same way */
    uint64_t cells = (uint64_t)(p->m + 1) * (uint64_t)(p->n + 1);
    if (o->want_cigar && cells * 3 * sizeof(int32_t) > BM_ALIGN_REF_MAX_BYTES) return 0;
    return bm_sw_active() != NULL;
}
