/* The GPU engine's public entry points: option checks, packing, the device run, and results in
 * the CPU engine's form. Built with or without CUDA (gpu_none.c stands in for the device side). */
#include "gpu_internal.h"

#include "../align/align_internal.h"

#include <pthread.h>
#include <stdio.h>
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

/* Checks the options as the CPU engine does, then that the GPU engine covers them; fills *o (with
 * the default scoring in *dna). */
static int check_opts(const bm_align_opts_t *opts, bm_align_opts_t *o, bm_scoring_t *dna,
                      int want_buffer, bm_align_shape_t shape)
{
    if (opts) {
        *o = *opts;
    } else {
        bm_align_opts_init(o);
    }
    if (!o->scoring) { /* the CPU engine's default: DNA 2/-4, N -1 */
        bm_scoring_dna(dna, 2, -4, -1);
        o->scoring = dna;
    }
    int rc = bm_align_check_opts(o, o->scoring);
    if (rc < 0) return rc;
    if (o->mode == BM_ALIGN_EXTEND || o->band >= 0)
        return bm_error(BM_EINVAL, "the GPU engine covers local, global and semi-global alignment "
                                   "without a band so far (use the CPU engine)");
    if (o->want_cigar && !want_buffer)
        return bm_error(BM_EINVAL,
                        "bm_gpu_align_batch: a CIGAR was asked but no CIGAR buffer given");
    if (shape != BM_ALIGN_PAIRWISE && shape != BM_ALIGN_ALL_VS_ALL)
        return bm_error(BM_EINVAL, "unknown batch shape %d", (int)shape);
    return 0;
}

/* One device, options and pairs already checked: results[0..n), CIGARs appended to `cigars`.
 * *bad_letter is set (and nothing else done) when the device found a letter outside the alphabet.
 */
static int run_one(const bm_align_opts_t *o, int device, const bm_batch_t *queries,
                   const bm_batch_t *targets, size_t n, bm_align_shape_t shape,
                   bm_align_result_t *results, bm_cigar_buf_t *cigars, bm_gpu_stats_t *st,
                   int *bad_letter)
{
    *bad_letter = 0;
    bm_gpu_pack_t pk;
    int rc = bm_gpu_pack(o, queries, targets, n, shape, 0, &pk); /* checked by the caller */
    if (rc < 0 || n == 0) return rc;
    bm_gpu_hit_t *hits = malloc(n * sizeof *hits);
    if (!hits) return bm_error(BM_ENOMEM, "out of memory for %zu GPU results", n);
    size_t cigar_base = cigars ? cigars->len : 0;
    rc = bm_gpu_run(&pk, o, device, hits, cigars, bad_letter, st);
    if (rc == 0 && *bad_letter) {
        if (cigars) cigars->len = cigar_base;
        free(hits);
        return 0;
    }
    uint64_t off = cigar_base;
    for (size_t k = 0; rc == 0 && k < n; k++) {
        bm_align_result_t *r = &results[k];
        memset(r, 0, sizeof *r);
        if (o->want_cigar) {
            r->n_match = hits[k].n_match;
            r->n_mismatch = hits[k].n_mismatch;
            r->n_gap_open = hits[k].n_gap_open;
            r->n_gap_bases = hits[k].n_gap_bases;
            r->n_cigar = (uint32_t)hits[k].n_cigar;
            r->cigar_off = off; /* as the CPU engine: also when the alignment is empty */
            off += (uint64_t)hits[k].n_cigar;
        }
        r->score = hits[k].score;
        r->qbeg = hits[k].qbeg;
        r->qend = hits[k].qend;
        r->tbeg = hits[k].tbeg;
        r->tend = hits[k].tend;
    }
    free(hits);
    return rc;
}

void bm_gpu_split_shares(const uint64_t *weight, size_t units, int nshares, size_t *cut)
{
    uint64_t total = 0;
    for (size_t u = 0; u < units; u++) total += weight[u];
    cut[0] = 0;
    size_t u = 0;
    uint64_t sum = 0;
    for (int d = 1; d < nshares; d++) {
        /* the share ends where the running weight first reaches d/nshares of the total */
        long double goal = (long double)total * d / nshares;
        while (u < units && (long double)(sum + weight[u]) <= goal) sum += weight[u++];
        /* take the unit that crosses the goal when that leaves the share nearer to it */
        if (u < units && goal - (long double)sum > (long double)(sum + weight[u]) - goal)
            sum += weight[u++];
        cut[d] = u;
    }
    cut[nshares] = units;
}

/* One device's share of a multi-device call, run on its own thread. */
typedef struct {
    const bm_align_opts_t *o;
    int device;
    bm_batch_t q, t;
    size_t n, first;
    bm_align_shape_t shape;
    bm_align_result_t *results;
    bm_cigar_buf_t cigars;
    bm_gpu_stats_t st;
    int rc, bad_letter;
    char msg[512];
} share_t;

static void *run_share(void *arg)
{
    share_t *s = arg;
    s->rc = run_one(s->o, s->device, &s->q, &s->t, s->n, s->shape, s->results + s->first,
                    s->o->want_cigar ? &s->cigars : NULL, &s->st, &s->bad_letter);
    if (s->rc < 0) snprintf(s->msg, sizeof s->msg, "%s", bm_last_error());
    return NULL;
}

int bm_gpu_align_batch_multi(const bm_align_opts_t *opts, const int *devices, int ndevices,
                             const bm_batch_t *queries, const bm_batch_t *targets, size_t n,
                             bm_align_shape_t shape, bm_align_result_t *results,
                             bm_cigar_buf_t *cigars, bm_gpu_stats_t *stats)
{
    double t0 = now_ms();
    bm_align_opts_t o;
    bm_scoring_t dna;
    int rc = check_opts(opts, &o, &dna, cigars != NULL, shape);
    if (rc < 0) return rc;
    if (ndevices < 1) return bm_error(BM_EINVAL, "bm_gpu_align_batch_multi: no device given");
    bm_gpu_pack_t whole; /* every check with the whole batch's record numbers in the messages */
    if ((rc = bm_gpu_pack(&o, queries, targets, n, shape, 1, &whole)) < 0) return rc;
    /* Shares of whole queries (pairwise: a pair; all-vs-all: a query and its nt pairs) balanced
     * by cells (query x target letters), not by pairs. */
    size_t per = shape == BM_ALIGN_PAIRWISE ? 1 : targets->count;
    size_t units = per ? (n + per - 1) / per : 0;
    if ((size_t)ndevices > units) ndevices = units ? (int)units : 1;
    share_t *sh = calloc((size_t)ndevices, sizeof *sh);
    pthread_t *tid = calloc((size_t)ndevices, sizeof *tid);
    uint64_t *weight = malloc((units ? units : 1) * sizeof *weight);
    size_t *cut = malloc(((size_t)ndevices + 1) * sizeof *cut);
    if (!sh || !tid || !weight || !cut) {
        free(sh);
        free(tid);
        free(weight);
        free(cut);
        return bm_error(BM_ENOMEM, "out of memory");
    }
    uint64_t all_targets = 0;
    for (size_t k = 0; shape != BM_ALIGN_PAIRWISE && k < whole.nt; k++)
        all_targets += targets->seq_len[k] + 1;
    for (size_t u = 0; u < units; u++)
        weight[u] = (queries->seq_len[u] + 1) *
                    (shape == BM_ALIGN_PAIRWISE ? targets->seq_len[u] + 1 : all_targets);
    bm_gpu_split_shares(weight, units, ndevices, cut);
    free(weight);
    for (int d = 0; d < ndevices; d++) {
        size_t u0 = cut[d], u1 = cut[d + 1];
        share_t *s = &sh[d];
        s->o = &o;
        s->device = devices[d];
        s->shape = shape;
        s->results = results;
        s->first = u0 * per < n ? u0 * per : n;
        s->n = (u1 * per < n ? u1 * per : n) - s->first;
        s->q = bm_batch_view(queries, u0, u1 - u0);
        s->t = shape == BM_ALIGN_PAIRWISE ? bm_batch_view(targets, u0, u1 - u0) : *targets;
    }
    int started = 0;
    for (int d = 1; d < ndevices; d++, started++)
        if (pthread_create(&tid[d], NULL, run_share, &sh[d]) != 0) break;
    run_share(&sh[0]);
    for (int d = 1; d <= started; d++) pthread_join(tid[d], NULL);
    if (started < ndevices - 1) rc = bm_error(BM_ENOMEM, "cannot start a thread per device");
    int bad = 0;
    for (int d = 0; d < ndevices && rc == 0; d++) {
        if (sh[d].rc < 0) rc = bm_error(sh[d].rc, "%s", sh[d].msg);
        bad |= sh[d].bad_letter;
    }
    if (rc == 0 && bad) rc = bm_gpu_bad_letter(&o, &whole);
    /* CIGARs in pair order: each share's after the previous ones'. */
    for (int d = 0; d < ndevices && rc == 0 && o.want_cigar; d++) {
        share_t *s = &sh[d];
        if (cigars->cap - cigars->len < s->cigars.len) {
            size_t cap = cigars->len + s->cigars.len + 64;
            uint32_t *ops = realloc(cigars->ops, cap * sizeof *ops);
            if (!ops) {
                rc = bm_error(BM_ENOMEM, "out of memory for CIGARs (%zu ops)", cap);
                break;
            }
            cigars->ops = ops;
            cigars->cap = cap;
        }
        if (s->cigars.len)
            memcpy(cigars->ops + cigars->len, s->cigars.ops, s->cigars.len * sizeof *s->cigars.ops);
        for (size_t k = s->first; k < s->first + s->n; k++) results[k].cigar_off += cigars->len;
        cigars->len += s->cigars.len;
    }
    bm_gpu_stats_t st = {0};
    for (int d = 0; d < ndevices; d++) {
        if (sh[d].st.kernel_ms > st.kernel_ms) st.kernel_ms = sh[d].st.kernel_ms;
        if (sh[d].st.copy_ms > st.copy_ms) st.copy_ms = sh[d].st.copy_ms;
        st.device_bytes += sh[d].st.device_bytes;
        bm_cigar_buf_free(&sh[d].cigars);
    }
    free(sh);
    free(tid);
    free(cut);
    st.total_ms = now_ms() - t0;
    if (stats) *stats = st;
    return rc;
}

int bm_gpu_align_batch(const bm_align_opts_t *opts, int device, const bm_batch_t *queries,
                       const bm_batch_t *targets, size_t n, bm_align_shape_t shape,
                       bm_align_result_t *results, bm_cigar_buf_t *cigars, bm_gpu_stats_t *stats)
{
    return bm_gpu_align_batch_multi(opts, &device, 1, queries, targets, n, shape, results, cigars,
                                    stats);
}
