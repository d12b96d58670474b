/* Pairwise alignment: local (Smith-Waterman), global (Needleman-Wunsch), semi-global and extension
 * modes with affine gaps, DNA or substitution-matrix scoring, CIGARs, and batches over threads. */
#ifndef BIOMETAL_ALIGN_H
#define BIOMETAL_ALIGN_H

#include "biometal/io.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Definitions ----------------------------------------------------------------------------
 *
 * Every engine (the scalar reference, SIMD kernels, the GPU) computes exactly these numbers and
 * CIGARs; the rules below are chosen so that a kernel going through the target column by column
 * (query striped in SIMD lanes, or one pair per GPU thread) reproduces them cheaply.
 *
 * Sequences. The query q has m letters (rows i = 0..m), the target t has n letters (columns
 * j = 0..n); cell (i, j) stands for the prefixes q[0..i) and t[0..j). Letters are mapped to
 * matrix indices by the scoring (case-insensitive); s(a, b) is the substitution score.
 *
 * Gaps. A run of k consecutive insertions (I: query letters against nothing) or deletions (D:
 * target letters against nothing) costs O + (k-1)*E, where O = gap_open and E = gap_extend
 * (0 <= E <= O). This is the convention of parasail and SSW; ksw2/minimap2's q, e are O = q + e,
 * E = e; BLAST's gap costs "existence a, extension b" are O = a + b, E = b. An I run next to a D
 * run are two gaps, each paying O.
 *
 * Recurrences (Gotoh), over the cells inside the band:
 *   E(i,j) = max(H(i,j-1) - O, E(i,j-1) - E)            ends with D        (j >= 1)
 *   F(i,j) = max(H(i-1,j) - O, F(i-1,j) - E)            ends with I        (i >= 1)
 *   H(i,j) = max(H(i-1,j-1) + s(q[i-1], t[j-1]), E(i,j), F(i,j))           (and 0 in local mode)
 * with H(0,0) = 0 and every other term that would use a cell outside the matrix or the band
 * unreachable (minus infinity). So, unless a mode says otherwise, the first row and column are
 * gaps of the normal cost: H(0,j) = -(O + (j-1)E), H(i,0) = -(O + (i-1)E).
 *
 * Modes.
 *   BM_ALIGN_LOCAL       H is floored at 0 everywhere (first row and column are 0). The end cell
 *                        is the best cell of the whole matrix. A pair with no positive cell gives
 *                        score 0 and an empty alignment at qbeg = qend = tbeg = tend = 0.
 *   BM_ALIGN_GLOBAL      end to end in both sequences; end gaps cost like any gap. End cell (m,n).
 *   BM_ALIGN_SEMIGLOBAL  the query end to end, the target's ends free (read to reference):
 *                        H(0,j) = 0 for every j, the end cell is the best cell of the last row
 *                        (i = m). Leading and trailing query letters that do not align pay as I
 *                        gaps; unaligned target ends cost nothing and are not part of the
 *                        alignment, which therefore never starts or ends with D.
 *   BM_ALIGN_EXTEND      anchored at both starts (like global from (0,0)), free end: the end cell
 *                        is the best cell of the matrix, (0,0) with score 0 included, so an
 *                        extension that never gains gives score 0 and an empty alignment. With
 *                        zdrop or xdrop set, columns are examined in order j = 1..n and the
 *                        search stops after the first column that fails the drop test (below);
 *                        later columns are ignored.
 *
 * Best cell (local, semi-global, extension): the highest score; among equal scores the smallest
 * target end j, then the smallest query end i. (Scanning columns in order and replacing the best
 * only on a strictly higher score gives this; within a column, the first row holding the maximum.)
 *
 * Drop test (extension), after column j >= 1 with at least one cell in the band: let c be the
 * column's maximum over rows i >= 1 and ci its smallest row; B, (bi, bj) the best cell so far. If
 * c > B the column becomes the best. Otherwise the search stops when
 *   zdrop >= 0 and ci > bi and B - c > zdrop + E * |(j - bj) - (ci - bi)|   (ksw2's z-drop), or
 *   xdrop >= 0 and B - c > xdrop                                          (X-drop per column).
 *
 * Traceback, from the end cell in state H, taking the first predecessor that gives the value:
 *   in H: (local only) stop when H(i,j) = 0; then the diagonal; then E (D); then F (I);
 *   in E: opening from H(i,j-1); then extending from E(i,j-1);
 *   in F: opening from H(i-1,j); then extending from F(i-1,j).
 * It stops at (0,0) in global and extension mode, at row 0 in semi-global mode, and at the first
 * cell with H = 0 in local mode; the begin coordinates are that cell's. Preferring the diagonal
 * when walking back from the end places gaps as far left as they can go (left-aligned indels).
 * The same choices made in the forward pass, carrying each cell's begin along with its score, give
 * the same begin coordinates without a traceback matrix (what the reference does when no CIGAR is
 * asked). Because a gap costs O >= 0 and ties go to the smaller end, local alignments never start
 * or end with a gap and extension alignments never end with one.
 *
 * Band: with band = w >= 0 only cells with |j - i| <= w exist (the diagonal through (0,0)), in
 * every mode, first row and column included. A band that leaves no end cell (global: |n - m| > w;
 * semi-global: m > n + w) is BM_EINVAL.
 *
 * Scores are 32-bit. A pair is refused with BM_EINVAL when (m + n + 1) * max(|s|, O, E) reaches
 * 2^29, so no engine can overflow.
 *
 * CIGAR: BAM-style ops len << 4 | op over the aligned region only (qbeg..qend, tbeg..tend); SAM
 * writers add soft clips. A diagonal step is '=' when both letters have the same index in the
 * scoring's alphabet and that index is not the wildcard (N for DNA scoring, X or N for matrices,
 * see bm_scoring_t), otherwise 'X'; BM_CIGAR_M writes both as 'M'. */

/* ---- Scoring --------------------------------------------------------------------------------- */

#define BM_SCORING_MAX_LETTERS 32
/* Largest magnitude of a substitution score or gap penalty (scores fit in 16 bits). */
#define BM_SCORE_LIMIT 32767

/* A substitution score table over an alphabet of up to 32 letters. Plain data (no pointers): copy
 * it freely, or to a GPU in one piece. */
typedef struct {
    char name[64];                            /* "DNA", "BLOSUM62", or a matrix file's base name */
    int size;                                 /* letters in the alphabet */
    char letters[BM_SCORING_MAX_LETTERS + 1]; /* upper case, in index order, NUL-terminated */
    int8_t index[256]; /* byte -> index, both cases; -1 = not in the alphabet */
    int wildcard;      /* index of the letter that is never a match ('=') even against itself:
                          N for DNA scoring; X for a matrix with X, else N if it has N; -1 none */
    int32_t min_score, max_score;
    int32_t score[BM_SCORING_MAX_LETTERS][BM_SCORING_MAX_LETTERS];
} bm_scoring_t;

/* DNA scoring over A, C, G, T (either case): `match` for equal bases, `mismatch` for different
 * ones (a score: usually negative), `n_score` for any pair involving a letter other than A, C, G,
 * T (all such bytes, IUPAC codes and U included, score as N). Errors: BM_EINVAL when a value is
 * outside +-BM_SCORE_LIMIT. */
int bm_scoring_dna(bm_scoring_t *out, int match, int mismatch, int n_score);

/* A built-in matrix by name, case-insensitive: BLOSUM45, BLOSUM50, BLOSUM62, BLOSUM80, PAM250
 * (NCBI's tables) and EDNAFULL (NCBI's NUC.4.4 plus U scored as T; NUC.4.4 is accepted as a
 * name). Errors: BM_EINVAL for an unknown name (the message lists the known ones). */
int bm_scoring_builtin(bm_scoring_t *out, const char *name);

/* The built-in names, comma-separated ("BLOSUM45, BLOSUM50, ..."). */
const char *bm_scoring_builtin_names(void);

/* Loads a matrix file in NCBI format: '#' comment lines, a header line of column letters, then one
 * row per letter, each starting with its letter followed by one integer per column; rows in the
 * header's order; blank lines ignored. Letters are A-Z or '*' (case-insensitive, each once).
 * Errors: BM_EIO (cannot read), BM_EFORMAT with "FILE: line N: what" (unknown or repeated letter,
 * a row with too few or too many numbers, something that is not an integer, a value outside
 * +-BM_SCORE_LIMIT, rows missing or out of order, more than 32 letters). */
int bm_scoring_load(bm_scoring_t *out, const char *path);

/* The same parser over `len` bytes of text; `name` is used in messages and as the scoring's name.
 */
int bm_scoring_parse(bm_scoring_t *out, const char *text, size_t len, const char *name);

/* s(a, b) for two letters; 0 when either is not in the alphabet. */
int32_t bm_scoring_score(const bm_scoring_t *sc, char a, char b);

/* ---- Options and aligners -------------------------------------------------------------------- */

typedef enum {
    BM_ALIGN_LOCAL = 0,
    BM_ALIGN_GLOBAL = 1,
    BM_ALIGN_SEMIGLOBAL = 2,
    BM_ALIGN_EXTEND = 3
} bm_align_mode_t;

typedef enum {
    BM_CIGAR_EQX = 0, /* '=' and 'X' for aligned letters */
    BM_CIGAR_M = 1    /* 'M' for both */
} bm_cigar_style_t;

typedef struct {
    bm_align_mode_t mode;
    const bm_scoring_t *scoring; /* NULL = DNA 2/-4, N -1; copied by bm_aligner_new */
    int gap_open, gap_extend;    /* penalties, 0 <= gap_extend <= gap_open <= BM_SCORE_LIMIT */
    int want_cigar;              /* also compute the CIGAR and the counts in the result */
    bm_cigar_style_t cigar_style;
    int band;  /* -1 = no band, else the half-width w (see Band above) */
    int zdrop; /* extension mode: -1 = off (see Drop test); ignored by the other modes */
    int xdrop; /* extension mode: -1 = off */
} bm_align_opts_t;

/* Defaults: local mode, DNA scoring 2/-4 with N -1, gap_open 6, gap_extend 2 (minimap2's
 * -A2 -B4 -O4 -E2 in this convention), no CIGAR, no band, no drops. */
void bm_align_opts_init(bm_align_opts_t *opts);

/* An aligner holds a copy of the options and its scratch memory; use one per thread. */
typedef struct bm_aligner bm_aligner_t;

/* Creates an aligner. Errors: BM_EINVAL for invalid options (unknown mode or CIGAR style, gap
 * penalties outside 0 <= gap_extend <= gap_open <= BM_SCORE_LIMIT, band < -1, a scoring with no
 * letters), BM_ENOMEM. */
int bm_aligner_new(bm_aligner_t **out, const bm_align_opts_t *opts);

/* The aligner's options; `scoring` points at the aligner's own copy. */
const bm_align_opts_t *bm_aligner_opts(const bm_aligner_t *al);

void bm_aligner_free(bm_aligner_t *al);

/* ---- Results ------------------------------------------------------------------------------- */

/* One alignment. Plain data: results of a batch are a plain array, their CIGARs live in a
 * bm_cigar_buf_t at cigar_off. Coordinates are 0-based, ends exclusive. */
typedef struct {
    int32_t score;
    int32_t qbeg, qend; /* aligned part of the query */
    int32_t tbeg, tend; /* aligned part of the target */
    /* From the alignment's columns, filled when a CIGAR is asked (0 otherwise). */
    int32_t n_match, n_mismatch; /* '=' and 'X' columns */
    int32_t n_gap_open;          /* I and D runs */
    int32_t n_gap_bases;         /* I and D columns */
    uint32_t n_cigar;            /* ops; 0 when no CIGAR was asked or the alignment is empty */
    uint64_t cigar_off;          /* index of the first op in the CIGAR buffer */
} bm_align_result_t;

/* CIGAR ops of many results back to back, owned by the caller (zero-initialise; appended to;
 * set len = 0 to reuse; bm_cigar_buf_free to release). */
typedef struct {
    uint32_t *ops;
    size_t len, cap;
} bm_cigar_buf_t;

void bm_cigar_buf_free(bm_cigar_buf_t *buf);

/* BAM op codes. */
enum {
    BM_CIGAR_OP_M = 0,
    BM_CIGAR_OP_I = 1,
    BM_CIGAR_OP_D = 2,
    BM_CIGAR_OP_S = 4,
    BM_CIGAR_OP_EQ = 7,
    BM_CIGAR_OP_X = 8
};
#define BM_CIGAR_OP(c) ((unsigned)(c)&0xfu)
#define BM_CIGAR_LEN(c) ((uint32_t)(c) >> 4)

/* The result's CIGAR ops inside `buf`. */
static inline const uint32_t *bm_align_cigar(const bm_cigar_buf_t *buf, const bm_align_result_t *r)
{
    return r->n_cigar ? buf->ops + r->cigar_off : NULL;
}

/* Identity: n_match / (n_match + n_mismatch + n_gap_bases), 0 for an empty alignment. */
double bm_align_identity(const bm_align_result_t *r);

/* ---- Aligning ---------------------------------------------------------------------------------
 */

/* Aligns query[0..qlen) to target[0..tlen) (letters, either case). With want_cigar, the CIGAR is
 * appended to `cigars` (which may be NULL otherwise). Errors: BM_EINVAL (a letter the scoring's
 * alphabet lacks, named with its position; sequences too long for 32-bit scores; band too narrow;
 * want_cigar without `cigars`), BM_ENOMEM (the reference keeps three 32-bit matrices of
 * (qlen+1)(tlen+1) cells for the CIGAR, at most 1 GiB: larger pairs need the score-only path, which
 * runs in O(qlen) memory at any size). */
int bm_align_pair(bm_aligner_t *al, const char *query, size_t qlen, const char *target, size_t tlen,
                  bm_align_result_t *res, bm_cigar_buf_t *cigars);

typedef enum {
    BM_ALIGN_PAIRWISE = 0,  /* pair k: query k with target k */
    BM_ALIGN_ALL_VS_ALL = 1 /* pair k: query k / T with target k % T (T = targets->count); with one
                               query this is one query against many targets */
} bm_align_shape_t;

/* Aligns `n` pairs drawn from two record batches (sequences only) into results[0..n), with
 * `threads` threads (0 = all cores, 1 = the calling thread only; each extra thread uses its own
 * copy of the aligner). CIGARs are appended to `cigars` in pair order, whatever the thread count,
 * so the output is the same for every thread count. `n` must not exceed the pairs the shape
 * defines. Errors: those of bm_align_pair for the first failing pair (the message names the pair
 * and the record), BM_EINVAL for a bad shape or count, BM_ENOMEM. */
int bm_align_batch(bm_aligner_t *al, const bm_batch_t *queries, const bm_batch_t *targets, size_t n,
                   bm_align_shape_t shape, int threads, bm_align_result_t *results,
                   bm_cigar_buf_t *cigars);

/* ---- CIGAR utilities ------------------------------------------------------------------------- */

/* Writes the CIGAR as text ("10=1X2I5=") into buf (NUL-terminated, truncated to cap) and returns
 * the length of the whole text, as snprintf does; "" for an empty CIGAR. */
size_t bm_cigar_to_string(const uint32_t *cigar, size_t n_cigar, char *buf, size_t cap);

/* Scores a CIGAR over query[0..qlen) and target[0..tlen) (the aligned parts) with the gap rule
 * above, and checks it: only M, =, X, I, D ops of length >= 1; exactly qlen query and tlen target
 * letters consumed; '=' and 'X' agreeing with the letters; every letter in the alphabet. Sets
 * *score. Errors: BM_EINVAL naming the first problem. */
int bm_align_rescore(const bm_scoring_t *sc, int gap_open, int gap_extend, const uint32_t *cigar,
                     size_t n_cigar, const char *query, size_t qlen, const char *target,
                     size_t tlen, int32_t *score);

#ifdef __cplusplus
}
#endif
#endif
