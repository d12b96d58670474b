/* Host side of a GPU batch call: the pair list's shape and the checks the CPU engine makes
 * (lengths, score range), and the CPU engine's message for a letter the device found invalid. */
#include "gpu_internal.h"

#include "../align/align_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int name_of(const bm_batch_t *b, size_t k, const char *kind, char *what, size_t cap)
{
    return snprintf(what, cap, "%s %zu ('%.*s')", kind, k + 1,
                    (int)(b->name_len[k] < 60 ? b->name_len[k] : 60), b->data + b->name_off[k]);
}

int bm_gpu_pack(const bm_align_opts_t *o, const bm_batch_t *queries, const bm_batch_t *targets,
                size_t n, bm_align_shape_t shape, int check, bm_gpu_pack_t *p)
{
    memset(p, 0, sizeof *p);
    size_t nq = queries->count, nt = targets->count;
    int all = shape == BM_ALIGN_ALL_VS_ALL;
    if (all ? (nt == 0 ? n > 0 : (n + nt - 1) / nt > nq) : (n > nq || n > nt))
        return bm_error(BM_EINVAL, "%zu pairs asked, the batches define fewer", n);
    p->queries = queries;
    p->targets = targets;
    p->npairs = n;
    p->all_vs_all = all;
    p->nq = all ? (nt ? (n + nt - 1) / nt : 0) : n;
    p->nt = all ? (n < nt ? n : nt) : n;
    char what[160];
    for (size_t k = 0; k < p->nq; k++) {
        if (check && queries->seq_len[k] > BM_GPU_MAX_LEN) {
            name_of(queries, k, "query", what, sizeof what);
            return bm_error(BM_EINVAL, "%s: %llu letters; the GPU engine takes up to %d", what,
                            (unsigned long long)queries->seq_len[k], BM_GPU_MAX_LEN);
        }
        if ((int32_t)queries->seq_len[k] > p->max_qlen) p->max_qlen = (int32_t)queries->seq_len[k];
    }
    for (size_t k = 0; k < p->nt; k++) {
        if (check && targets->seq_len[k] > BM_GPU_MAX_LEN) {
            name_of(targets, k, "target", what, sizeof what);
            return bm_error(BM_EINVAL, "%s: %llu letters; the GPU engine takes up to %d", what,
                            (unsigned long long)targets->seq_len[k], BM_GPU_MAX_LEN);
        }
        if ((int32_t)targets->seq_len[k] > p->max_tlen) p->max_tlen = (int32_t)targets->seq_len[k];
    }
    for (size_t k = 0; check && k < n; k++) {
        size_t qi = all ? k / nt : k, ti = all ? k % nt : k;
        int rc =
            bm_align_check_pair(o, (int64_t)queries->seq_len[qi], (int64_t)targets->seq_len[ti]);
        if (rc < 0) return rc;
    }
    return 0;
}

int bm_gpu_bad_letter(const bm_align_opts_t *o, const bm_gpu_pack_t *p)
{
    struct {
        const bm_batch_t *b;
        size_t n;
        const char *kind;
    } sides[2] = {{p->queries, p->nq, "query"}, {p->targets, p->nt, "target"}};
    uint8_t *scratch = malloc(BM_GPU_MAX_LEN + 1);
    if (!scratch) return bm_error(BM_ENOMEM, "out of memory");
    char what[160];
    for (int s = 0; s < 2; s++)
        for (size_t k = 0; k < sides[s].n; k++) {
            const bm_batch_t *b = sides[s].b;
            name_of(b, k, sides[s].kind, what, sizeof what);
            int rc =
                bm_align_encode(o->scoring, b->data + b->seq_off[k], b->seq_len[k], scratch, what);
            if (rc < 0) {
                free(scratch);
                return rc;
            }
        }
    free(scratch);
    return bm_error(BM_EIO,
                    "the GPU reported a letter outside the alphabet that the host cannot find");
}
