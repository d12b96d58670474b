// The device side of the GPU engine: one pair per thread, the query in tiles of rows held in
// registers, sweeping the target; the boundary row between tiles kept in device memory.
#include "gpu_internal.h"

#include <cuda_runtime.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEG (-(1 << 30)) // unreachable; real scores stay above -2^29 (bm_align_check_pair)
#define MAX_LETTERS 33   // scoring letters + one spare

namespace {

struct Params {
    const char *qdata, *tdata;         // the batches' byte buffers, as they are on the host
    const uint64_t *qoff, *qlen, *toff, *tlen;
    size_t nt;
    int all_vs_all;                    // pair k = (k / nt, k % nt), else (k, k)
    int *bad_letter;                   // set when a letter is outside the alphabet
    size_t first, count; // pairs [first, first + count) in this launch
    int4 *scratch;       // (H, begin of H, F, begin of F) per column, interleaved by pair
    bm_gpu_hit_t *hits;
    int open, extend, letters;
    // With a CIGAR: direction words [tile][column][pair], each pair's ops (last first) in its
    // slot of slot_cap ops.
    unsigned long long *dirs;
    size_t max_cols;
    uint32_t *cigar_slots;
    size_t slot_cap;
    int wildcard, cigar_m;
};

__constant__ int32_t c_score[MAX_LETTERS * MAX_LETTERS];
__constant__ int8_t c_index[256]; // letter -> scoring index, -1 outside the alphabet

__device__ __forceinline__ uint32_t pack(int i, int j)
{
    return ((uint32_t)i << 16) | (uint32_t)j;
}

enum { MODE_LOCAL = 0, MODE_GLOBAL = 1, MODE_SEMI = 2 };

// H in column 0 or row 0 at distance k from (0, 0) in global and semi-global mode: a gap.
__device__ __forceinline__ int border_gap(int k, int O, int X)
{
    return k == 0 ? 0 : -(O + (k - 1) * X);
}

// The two sequences of pair `pair` (as the batch shape pairs them), read in place in the batch
// buffers.
struct PairView {
    const unsigned char *q, *t;
    int m, n;
};

__device__ __forceinline__ PairView pair_view(const Params &P, size_t pair)
{
    size_t qi = P.all_vs_all ? pair / P.nt : pair, ti = P.all_vs_all ? pair % P.nt : pair;
    PairView v;
    v.q = (const unsigned char *)P.qdata + P.qoff[qi];
    v.t = (const unsigned char *)P.tdata + P.toff[ti];
    v.m = (int)P.qlen[qi];
    v.n = (int)P.tlen[ti];
    return v;
}

// Loads the scoring tables into shared memory: threads of a warp look up different cells, which
// constant memory would serve one address at a time.
__device__ __forceinline__ void load_tables(int32_t *s_score, int8_t *s_index)
{
    for (int x = threadIdx.x; x < MAX_LETTERS * MAX_LETTERS; x += blockDim.x) s_score[x] = c_score[x];
    for (int x = threadIdx.x; x < 256; x += blockDim.x) s_index[x] = c_index[x];
    __syncthreads();
}

} // namespace

#include "kernel_score.cuh"
#include "kernel_cigar.cuh"

namespace {


int cuda_fail(cudaError_t e, const char *what)
{
    return bm_error(BM_EIO, "CUDA: %s: %s", what, cudaGetErrorString(e));
}

#define CK(call, what)                                                                             \
    do {                                                                                           \
        cudaError_t e_ = (call);                                                                   \
        if (e_ != cudaSuccess) {                                                                   \
            rc = cuda_fail(e_, what);                                                              \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

} // namespace

extern "C" int bm_gpu_device_count(const char **why)
{
    int n = 0;
    cudaError_t e = cudaGetDeviceCount(&n);
    if (e != cudaSuccess) {
        *why = cudaGetErrorString(e);
        return 0;
    }
    if (n == 0) *why = "no CUDA device found";
    return n;
}

extern "C" int bm_gpu_device_describe(int device, char *buf, size_t cap)
{
    cudaDeviceProp p;
    cudaError_t e = cudaGetDeviceProperties(&p, device);
    if (e != cudaSuccess) {
        snprintf(buf, cap, "device %d: %s", device, cudaGetErrorString(e));
        return cuda_fail(e, "cudaGetDeviceProperties");
    }
    snprintf(buf, cap, "%s, %d SMs, %.0f GiB, sm_%d%d", p.name, p.multiProcessorCount,
             p.totalGlobalMem / 1073741824.0, p.major, p.minor);
    return 0;
}

// Device memory for the first n records of a batch: their bytes as they lie in the batch buffer
// (names and qualities in between travel too: one copy instead of repacking on the host), and
// their offset and length arrays.
static int alloc_batch(const bm_batch_t *b, size_t n, char **data, uint64_t **off, uint64_t **len)
{
    int rc = 0;
    size_t used = 0;
    for (size_t k = 0; k < n; k++)
        if (b->seq_off[k] + b->seq_len[k] > used) used = b->seq_off[k] + b->seq_len[k];
    CK(cudaMalloc(data, used ? used : 1), "cudaMalloc (sequences)");
    CK(cudaMalloc(off, (n ? n : 1) * sizeof **off), "cudaMalloc");
    CK(cudaMalloc(len, (n ? n : 1) * sizeof **len), "cudaMalloc");
done:
    return rc;
}

// Copies records [from, from + n) of a batch to the same places on the device (records lie in
// the buffer in order), on `stream`.
static int copy_records(const bm_batch_t *b, size_t from, size_t n, char *data, uint64_t *off,
                        uint64_t *len, cudaStream_t stream)
{
    int rc = 0;
    if (n == 0) return 0;
    size_t lo = b->seq_off[from], hi = 0;
    for (size_t k = from; k < from + n; k++) {
        if (b->seq_off[k] < lo) lo = b->seq_off[k];
        if (b->seq_off[k] + b->seq_len[k] > hi) hi = b->seq_off[k] + b->seq_len[k];
    }
    if (hi > lo)
        CK(cudaMemcpyAsync(data + lo, b->data + lo, hi - lo, cudaMemcpyHostToDevice, stream),
           "copy in");
    CK(cudaMemcpyAsync(off + from, b->seq_off + from, n * sizeof *off, cudaMemcpyHostToDevice,
                       stream),
       "copy in");
    CK(cudaMemcpyAsync(len + from, b->seq_len + from, n * sizeof *len, cudaMemcpyHostToDevice,
                       stream),
       "copy in");
done:
    return rc;
}

// Bytes of device memory per pair of a launch (boundary rows, and with a CIGAR the direction words
// and the CIGAR slot).
static size_t bytes_per_pair(const bm_gpu_pack_t *pk, int cigar)
{
    size_t cols = (size_t)pk->max_tlen + 1;
    if (!cigar) return 16 * cols;
    size_t tiles = ((size_t)pk->max_qlen + 15) / 16;
    return 8 * cols + 8 * tiles * cols + 4 * ((size_t)pk->max_qlen + cols + 1);
}

extern "C" int bm_gpu_run(const bm_gpu_pack_t *pk, const bm_align_opts_t *o, int device,
                                bm_gpu_hit_t *hits, bm_cigar_buf_t *cigars, int *bad_letter,
                                bm_gpu_stats_t *stats)
{
    int rc = 0;
    const bm_scoring_t *sc = o->scoring;
    const int cigar = o->want_cigar;
    char *d_qdata = NULL, *d_tdata = NULL;
    uint64_t *d_qoff = NULL, *d_qlen = NULL, *d_toff = NULL, *d_tlen = NULL;
    int *d_bad = NULL;
    void *d_work = NULL; // boundary rows, direction words, CIGAR slots of one launch
    uint32_t *d_ops = NULL;
    unsigned long long *d_opoff = NULL;
    unsigned long long *h_opoff = NULL;
    bm_gpu_hit_t *d_hits = NULL;
    cudaEvent_t ev[4] = {0, 0, 0, 0};
    // Score-only pairwise batches are streamed: while one launch's pairs are aligned, the next
    // launch's records are copied in (two streams, two working areas).
    enum { MAX_LAUNCHES = 8 };
    cudaStream_t streams[2] = {0, 0};
    cudaEvent_t lev[MAX_LAUNCHES][3]; // per launch: before the copy, before and after the kernel
    int nlev = 0, streamed = 0;
    int32_t table[MAX_LETTERS * MAX_LETTERS];
    size_t n = pk->npairs, chunk, work_bytes, per_pair = bytes_per_pair(pk, cigar);
    size_t ops_cap = 0;
    float kernel_ms = 0, copy_in_ms = 0, copy_out_ms = 0;
    const char *tile_env = getenv("BIOMETAL_GPU_TILE"); // rows per sweep, for measurements
    int tile = tile_env ? atoi(tile_env) : 16;

    *bad_letter = 0;
    CK(cudaSetDevice(device), "cudaSetDevice");
    memset(table, 0, sizeof table);
    for (int a = 0; a < sc->size; a++)
        for (int b = 0; b < sc->size; b++) table[a * MAX_LETTERS + b] = sc->score[a][b];
    CK(cudaMemcpyToSymbol(c_score, table, sizeof table), "copying the scoring");
    CK(cudaMemcpyToSymbol(c_index, sc->index, sizeof sc->index), "copying the scoring");
    for (int i = 0; i < 4; i++) CK(cudaEventCreate(&ev[i]), "cudaEventCreate");

    // Pairs per launch: the per-pair working memory within about 2 GiB; streamed batches in up to
    // MAX_LAUNCHES launches of at least 32Ki pairs.
    streamed = !cigar && !pk->all_vs_all && n >= 65536;
    chunk = ((size_t)2 << 30) / per_pair / (streamed ? 2 : 1);
    if (streamed) {
        size_t part = (n + MAX_LAUNCHES - 1) / MAX_LAUNCHES;
        if (part < 32768) part = 32768;
        if (part < chunk) chunk = part;
        if ((n + chunk - 1) / chunk > MAX_LAUNCHES) chunk = (n + MAX_LAUNCHES - 1) / MAX_LAUNCHES;
        for (int i = 0; i < 2; i++) CK(cudaStreamCreate(&streams[i]), "cudaStreamCreate");
    }
    if (chunk > n) chunk = n;
    if (chunk < 1) chunk = 1;
    work_bytes = per_pair * chunk * (streamed ? 2 : 1);
    CK(cudaMalloc(&d_hits, n * sizeof *d_hits), "cudaMalloc (results)");
    CK(cudaMalloc(&d_work, work_bytes), "cudaMalloc (working memory)");
    CK(cudaMalloc(&d_bad, sizeof *d_bad), "cudaMalloc");
    CK(cudaMemset(d_bad, 0, sizeof *d_bad), "cudaMemset");
    // Poisoned: a pair the kernel skipped reads back as score -1, which no check accepts.
    CK(cudaMemset(d_hits, 0xff, n * sizeof *d_hits), "cudaMemset");
    if (cigar) {
        CK(cudaMalloc(&d_opoff, (n + 1) * sizeof *d_opoff), "cudaMalloc");
        h_opoff = (unsigned long long *)malloc((n + 1) * sizeof *h_opoff);
        if (!h_opoff) {
            rc = bm_error(BM_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (stats)
        stats->device_bytes = pk->queries->data_len + pk->targets->data_len + /* at most */
                              16 * (pk->nq + pk->nt) + n * sizeof *d_hits + work_bytes;

    if ((rc = alloc_batch(pk->queries, pk->nq, &d_qdata, &d_qoff, &d_qlen)) < 0) goto done;
    if ((rc = alloc_batch(pk->targets, pk->nt, &d_tdata, &d_toff, &d_tlen)) < 0) goto done;
    CK(cudaEventRecord(ev[0]), "cudaEventRecord");
    if (!streamed) {
        if ((rc = copy_records(pk->queries, 0, pk->nq, d_qdata, d_qoff, d_qlen, 0)) < 0 ||
            (rc = copy_records(pk->targets, 0, pk->nt, d_tdata, d_toff, d_tlen, 0)) < 0)
            goto done;
    }
    CK(cudaEventRecord(ev[1]), "cudaEventRecord");
    for (size_t first = 0; first < n; first += chunk) {
        Params P;
        memset(&P, 0, sizeof P);
        P.qdata = d_qdata;
        P.tdata = d_tdata;
        P.qoff = d_qoff;
        P.qlen = d_qlen;
        P.toff = d_toff;
        P.tlen = d_tlen;
        P.nt = pk->nt;
        P.all_vs_all = pk->all_vs_all;
        P.bad_letter = d_bad;
        P.first = first;
        P.count = n - first < chunk ? n - first : chunk;
        P.hits = d_hits;
        P.open = o->gap_open;
        P.extend = o->gap_extend;
        P.letters = sc->size;
        unsigned blocks = (unsigned)((P.count + 127) / 128);
        if (!cigar) {
            cudaStream_t s = streams[nlev % 2];
            P.scratch = (int4 *)((char *)d_work + (streamed ? (size_t)(nlev % 2) * per_pair * chunk : 0));
            if (streamed) {
                for (int e = 0; e < 3; e++) CK(cudaEventCreate(&lev[nlev][e]), "cudaEventCreate");
                nlev++;
                CK(cudaEventRecord(lev[nlev - 1][0], s), "cudaEventRecord");
                if ((rc = copy_records(pk->queries, first, P.count, d_qdata, d_qoff, d_qlen, s)) < 0 ||
                    (rc = copy_records(pk->targets, first, P.count, d_tdata, d_toff, d_tlen, s)) < 0)
                    goto done;
                CK(cudaEventRecord(lev[nlev - 1][1], s), "cudaEventRecord");
            }
            if (o->mode == BM_ALIGN_GLOBAL)
                score_kernel<MODE_GLOBAL, 16><<<blocks, 128, 0, s>>>(P);
            else if (o->mode == BM_ALIGN_SEMIGLOBAL)
                score_kernel<MODE_SEMI, 16><<<blocks, 128, 0, s>>>(P);
            else if (tile == 8)
                score_kernel<MODE_LOCAL, 8><<<blocks, 128, 0, s>>>(P);
            else if (tile == 4)
                score_kernel<MODE_LOCAL, 4><<<blocks, 128, 0, s>>>(P);
            else
                score_kernel<MODE_LOCAL, 16><<<blocks, 128, 0, s>>>(P);
            CK(cudaGetLastError(), "launching the alignment kernel");
            if (streamed) CK(cudaEventRecord(lev[nlev - 1][2], s), "cudaEventRecord");
            continue;
        }
        size_t cols = (size_t)pk->max_tlen + 1, tiles = ((size_t)pk->max_qlen + 15) / 16;
        P.scratch = (int4 *)d_work; // int2 per column and pair
        P.dirs = (unsigned long long *)((char *)d_work + 8 * cols * P.count);
        P.max_cols = (size_t)pk->max_tlen;
        P.cigar_slots = (uint32_t *)((char *)P.dirs + 8 * tiles * cols * P.count);
        P.slot_cap = (size_t)pk->max_qlen + cols + 1;
        P.wildcard = sc->wildcard;
        P.cigar_m = o->cigar_style == BM_CIGAR_M;
        if (o->mode == BM_ALIGN_GLOBAL)
            cigar_kernel<MODE_GLOBAL, 16><<<blocks, 128>>>(P);
        else if (o->mode == BM_ALIGN_SEMIGLOBAL)
            cigar_kernel<MODE_SEMI, 16><<<blocks, 128>>>(P);
        else
            cigar_kernel<MODE_LOCAL, 16><<<blocks, 128>>>(P);
        CK(cudaGetLastError(), "launching the alignment kernel with traceback");
        // The launch's op counts, their offsets, then the ops moved together and copied out.
        CK(cudaMemcpy(hits + first, d_hits + first, P.count * sizeof *hits, cudaMemcpyDeviceToHost),
           "copy out");
        size_t total = 0;
        for (size_t k = first; k < first + P.count; k++) {
            h_opoff[k] = total;
            total += hits[k].n_cigar > 0 ? (size_t)hits[k].n_cigar : 0;
        }
        CK(cudaMemcpy(d_opoff + first, h_opoff + first, P.count * sizeof *h_opoff,
                      cudaMemcpyHostToDevice),
           "copy in");
        if (total > ops_cap) {
            cudaFree(d_ops);
            d_ops = NULL;
            ops_cap = total;
            CK(cudaMalloc(&d_ops, ops_cap * sizeof *d_ops), "cudaMalloc (CIGARs)");
        }
        if (total > 0) {
            unsigned long long *shifted = d_opoff; // offsets are relative to this launch
            compact_cigars<<<blocks, 128>>>(P.cigar_slots, P.slot_cap, d_hits, shifted, first,
                                            P.count, d_ops);
            CK(cudaGetLastError(), "launching the CIGAR compaction");
            if (cigars->cap - cigars->len < total) {
                size_t cap = cigars->len + total + 64;
                uint32_t *grown = (uint32_t *)realloc(cigars->ops, cap * sizeof *grown);
                if (!grown) {
                    rc = bm_error(BM_ENOMEM, "out of memory for CIGARs (%zu ops)", cap);
                    goto done;
                }
                cigars->ops = grown;
                cigars->cap = cap;
            }
            CK(cudaMemcpy(cigars->ops + cigars->len, d_ops, total * sizeof *d_ops,
                          cudaMemcpyDeviceToHost),
               "copy out");
            cigars->len += total;
        }
    }
    CK(cudaEventRecord(ev[2]), "cudaEventRecord");
    CK(cudaMemcpy(hits, d_hits, n * sizeof *d_hits, cudaMemcpyDeviceToHost), "copy out");
    CK(cudaMemcpy(bad_letter, d_bad, sizeof *d_bad, cudaMemcpyDeviceToHost), "copy out");
    CK(cudaEventRecord(ev[3]), "cudaEventRecord");
    CK(cudaEventSynchronize(ev[3]), "running the alignment kernels");
    cudaEventElapsedTime(&copy_in_ms, ev[0], ev[1]);
    cudaEventElapsedTime(&kernel_ms, ev[1], ev[2]);
    cudaEventElapsedTime(&copy_out_ms, ev[2], ev[3]);
    if (streamed) { // the sums over the launches (copies and kernels overlap)
        kernel_ms = 0;
        for (int l = 0; l < nlev; l++) {
            float cp = 0, kn = 0;
            cudaEventElapsedTime(&cp, lev[l][0], lev[l][1]);
            cudaEventElapsedTime(&kn, lev[l][1], lev[l][2]);
            copy_in_ms += cp;
            kernel_ms += kn;
        }
    }
    if (stats) {
        stats->kernel_ms = kernel_ms; // with a CIGAR this includes the ops' way back
        stats->copy_ms = copy_in_ms + copy_out_ms;
    }
done:
    for (int i = 0; i < 4; i++)
        if (ev[i]) cudaEventDestroy(ev[i]);
    for (int l = 0; l < nlev; l++)
        for (int e = 0; e < 3; e++) cudaEventDestroy(lev[l][e]);
    for (int i = 0; i < 2; i++)
        if (streams[i]) cudaStreamDestroy(streams[i]);
    free(h_opoff);
    cudaFree(d_qdata);
    cudaFree(d_tdata);
    cudaFree(d_qoff);
    cudaFree(d_qlen);
    cudaFree(d_toff);
    cudaFree(d_tlen);
    cudaFree(d_bad);
    cudaFree(d_hits);
    cudaFree(d_work);
    cudaFree(d_ops);
    cudaFree(d_opoff);
    return rc;
}
