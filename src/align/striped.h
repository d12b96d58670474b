/* Internal interface of the striped SIMD alignment kernels (Farrar's query profile with the lazy-F
 * loop): the task a kernel runs, its workspace, and the kernels one instruction set provides. */
#ifndef BIOMETAL_STRIPED_H
#define BIOMETAL_STRIPED_H

#include "align_internal.h"

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define BM_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define BM_ALWAYS_INLINE inline
#endif

/* What a kernel computes over its matrix (the recurrences of align.h, no band). */
typedef enum {
    BM_SW_LOCAL = 0,  /* local: H floored at 0, first row and column 0 */
    BM_SW_GLOBAL = 1, /* anchored at (0,0): first row and column are gaps */
    BM_SW_SEMI = 2,   /* first row 0 (free target start), first column gaps */
    BM_SW_EXTEND = 3  /* anchored as global; the end is the best cell of rows and columns >= 1 */
} bm_sw_mode_t;

/* An aligned, growable buffer. */
typedef struct {
    void *p;
    size_t cap;
} bm_sw_buf_t;

/* Makes room for `bytes` bytes aligned to 64 (contents not kept); NULL when out of memory (the
 * message is set). */
void *bm_sw_reserve(bm_sw_buf_t *b, size_t bytes);

/* A query profile: for each letter a of the alphabet, the scores s(q[i], a) of every query row in
 * the striped order (row i = lane * segments + segment). `kernel` and the copy of the query say
 * what the buffer holds, so a query aligned to many targets is profiled once. */
typedef struct {
    bm_sw_buf_t buf;
    const void *kernel; /* the kernel set that built it (NULL: nothing valid) */
    int32_t m;
    bm_sw_buf_t query; /* the encoded query it was built from */
} bm_sw_profile_t;

/* Scratch memory of the fast path, one per aligner. */
typedef struct {
    bm_sw_profile_t fwd[3];  /* the forward query's profiles, 8/16/32-bit (kept between pairs) */
    bm_sw_profile_t aux;     /* profiles of the reversed and sub-rectangle queries */
    bm_sw_buf_t cols;        /* the H, E (and helper) columns */
    bm_sw_buf_t codes;       /* traceback codes, one byte per cell */
    bm_sw_buf_t seq;         /* reversed prefixes */
    bm_cigar_buf_t rev;      /* a traceback's ops, last first */
    unsigned u8_misses;      /* recent 8-bit passes that overflowed (0..8) */
    unsigned pairs_skipping; /* pairs that skipped the 8-bit pass since the last try */
} bm_sw_ws_t;

void bm_sw_ws_free(bm_sw_ws_t *ws);

/* One pair for a kernel: encoded letters and the scoring. */
typedef struct {
    const uint8_t *q, *t;
    int32_t m, n; /* both >= 1 */
    const bm_scoring_t *sc;
    int32_t open, extend;
    bm_sw_mode_t mode;
    const bm_align_opts_t *o; /* extension mode: the drops (zdrop, xdrop) */
} bm_sw_task_t;

/* A forward pass's answer: the end cell of align.h's rules and its score. */
typedef struct {
    int32_t score, qend, tend;
    int overflow; /* the lanes saturated: run again with wider lanes */
} bm_sw_end_t;

/* Traceback codes, one byte per cell (i, j) of the matrix a fill pass covers, column by column in
 * the striped order: byte ((j-1) * seg + (i-1) % seg) * lanes + (i-1) / seg. The bits record the
 * tests of align.h's traceback at that cell. */
enum {
    BM_SW_DIAG = 1,   /* H(i,j) == H(i-1,j-1) + s(q[i-1], t[j-1]) */
    BM_SW_E = 2,      /* H(i,j) == E(i,j) */
    BM_SW_ZERO = 4,   /* H(i,j) == 0 (local mode) */
    BM_SW_E_OPEN = 8, /* E(i,j+1) == H(i,j) - open */
    BM_SW_F_OPEN = 16 /* F(i+1,j) == H(i,j) - open */
};

/* The kernels of one lane width. */
typedef struct {
    int lanes; /* 0: this width is not provided */
    /* Score and end cell (every mode). The 8-bit kernel does local mode only, and reports
     * overflow; the wider ones are run only where align_fast.c proved the range. */
    int (*forward)(const bm_sw_task_t *tk, bm_sw_profile_t *prof, bm_sw_ws_t *ws, bm_sw_end_t *out);
    /* Over the reversed prefixes (task mode BM_SW_LOCAL or BM_SW_SEMI tells which cells count),
     * anchored at (0,0): the largest row and column of a cell scoring exactly `score` (for
     * semi-global only cells of the last row count; *max_i is then m). -1 when none. */
    int (*bound)(const bm_sw_task_t *tk, int32_t score, bm_sw_profile_t *prof, bm_sw_ws_t *ws,
                 int32_t *max_i, int32_t *max_j);
    /* The traceback codes of the whole task matrix into ws->codes (modes local, global, semi;
     * extension fills as global); *seg gets the segment count, *corner H(m,n). */
    int (*fill)(const bm_sw_task_t *tk, bm_sw_profile_t *prof, bm_sw_ws_t *ws, int32_t *seg,
                int32_t *corner);
} bm_sw_width_t;

/* The kernels of one instruction set. */
typedef struct {
    const char *name;
    bm_sw_width_t u8, i16, i32;
} bm_sw_kernels_t;

extern const bm_sw_kernels_t bm_sw_sse41, bm_sw_avx2, bm_sw_avx512, bm_sw_neon;

/* A filled matrix to walk: its codes, layout and letters. */
typedef struct {
    const uint8_t *codes;
    int32_t seg, lanes;
    const uint8_t *q, *t;
    bm_sw_mode_t mode;
    int wildcard; /* the scoring's wildcard index: never '=' */
} bm_sw_trace_t;

/* align.h's traceback from cell (i, j) in state H over the codes; sets the begin cell and, when
 * `rev` is not NULL, pushes the ops last first. Errors: BM_ENOMEM. */
int bm_sw_walk(const bm_sw_trace_t *tr, int32_t i, int32_t j, bm_cigar_buf_t *rev, int32_t *ib,
               int32_t *jb);

/* Appends the ops of `rev` reversed to `out` in the options' style and fills the result's counts
 * and CIGAR fields, as the reference does. Errors: BM_ENOMEM. */
int bm_sw_emit(const bm_align_opts_t *o, const bm_cigar_buf_t *rev, bm_cigar_buf_t *out,
               bm_align_result_t *r);

/* The kernel set of the active instruction set (bm_isa_active), NULL for scalar. */
const bm_sw_kernels_t *bm_sw_active(void);

/* Whether the fast path computes this alignment (else the reference does). */
int bm_align_fast_covers(const bm_align_opts_t *o, const bm_pair_t *p);

/* The fast path: the same result as the reference; `dp` is scratch for the reference's passes
 * over small sub-rectangles. Errors: BM_ENOMEM. */
int bm_align_fast(const bm_align_opts_t *o, const bm_pair_t *p, bm_sw_ws_t *ws, bm_scratch_t *dp,
                  bm_align_result_t *r, bm_cigar_buf_t *cigars);

#endif
