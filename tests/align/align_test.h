/* Shared helpers of the alignment tests: a seeded RNG ($BIOMETAL_TEST_SEED overrides the fixed
 * seed, printed on every failure), random and mutated sequences, and the invariant checks every
 * alignment result must pass (CIGAR re-scores to the score and spans the coordinates). */
#ifndef BIOMETAL_ALIGN_TEST_H
#define BIOMETAL_ALIGN_TEST_H

#include "biometal/align.h"
#include "biometal/error.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 in builds with AddressSanitizer (gcc or clang), where the largest cases are cut down. */
#if defined(__SANITIZE_ADDRESS__)
#define AT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AT_SANITIZED 1
#endif
#endif
#ifndef AT_SANITIZED
#define AT_SANITIZED 0
#endif

static uint64_t at_seed, at_rng;
static int at_failures;

static inline void at_init(uint64_t fixed)
{
    const char *env = getenv("BIOMETAL_TEST_SEED");
    at_seed = env && *env ? strtoull(env, NULL, 10) : fixed;
    at_rng = at_seed * 0x9e3779b97f4a7c15ull + 1;
}

static inline uint64_t at_next(void)
{
    at_rng ^= at_rng << 13;
    at_rng ^= at_rng >> 7;
    at_rng ^= at_rng << 17;
    return at_rng;
}

/* Uniform in [0, n); 0 when n == 0. */
static inline size_t at_below(size_t n)
{
    return n ? (size_t)(at_next() % n) : 0;
}

/* Counts a failure and prints it with the seed (at most 20 are printed). */
#define AT_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (at_failures++ < 20) {                                                              \
                fprintf(stderr, "FAIL (seed %" PRIu64 ") %s:%d: ", at_seed, __FILE__, __LINE__);   \
                fprintf(stderr, __VA_ARGS__);                                                      \
                fputc('\n', stderr);                                                               \
            }                                                                                      \
        }                                                                                          \
    } while (0)

static inline int at_finish(const char *what)
{
    if (at_failures) {
        fprintf(stderr,
                "%s: %d failures (seed %" PRIu64 "; rerun with BIOMETAL_TEST_SEED=%" PRIu64 ")\n",
                what, at_failures, at_seed, at_seed);
        return 1;
    }
    printf("%s: ok (seed %" PRIu64 ")\n", what, at_seed);
    return 0;
}

static const char *const at_mode_names[] = {"local", "global", "semi", "extend"};

/* len random letters from `alphabet`. */
static inline void at_random_seq(char *out, size_t len, const char *alphabet)
{
    size_t k = strlen(alphabet);
    for (size_t i = 0; i < len; i++) out[i] = alphabet[at_below(k)];
}

/* A copy of src with random substitutions, insertions and deletions (about `rate` percent each),
 * at most cap letters; returns its length. */
static inline size_t at_mutate(const char *src, size_t len, char *out, size_t cap,
                               const char *alphabet, unsigned rate)
{
    size_t o = 0, k = strlen(alphabet);
    for (size_t i = 0; i < len && o < cap; i++) {
        unsigned r = (unsigned)at_below(100);
        if (r < rate) continue;                                        /* deletion */
        if (r < 2 * rate && o < cap) out[o++] = alphabet[at_below(k)]; /* insertion */
        if (o == cap) break;
        out[o++] = r < 3 * rate ? alphabet[at_below(k)] : src[i]; /* substitution or copy */
    }
    return o;
}

/* Checks one result against its pair: coordinates in range and as the mode requires; with a
 * CIGAR, that it re-scores to the score over exactly the aligned parts, never starts or ends with
 * a gap where the mode forbids it, and that the counts match. Returns 0 when all hold. */
static inline int at_check_result(const bm_align_opts_t *o, const char *q, size_t m, const char *t,
                                  size_t n, const bm_align_result_t *r, const bm_cigar_buf_t *cig,
                                  const char *what)
{
    int before = at_failures;
    const char *mode = at_mode_names[o->mode];
    AT_CHECK(r->qbeg >= 0 && r->qbeg <= r->qend && (size_t)r->qend <= m && r->tbeg >= 0 &&
                 r->tbeg <= r->tend && (size_t)r->tend <= n,
             "%s %s: coordinates q %d..%d of %zu, t %d..%d of %zu", what, mode, r->qbeg, r->qend, m,
             r->tbeg, r->tend, n);
    if (at_failures > before) return 1;
    if (o->mode == BM_ALIGN_GLOBAL)
        AT_CHECK(r->qbeg == 0 && r->tbeg == 0 && (size_t)r->qend == m && (size_t)r->tend == n,
                 "%s global: not end to end", what);
    if (o->mode == BM_ALIGN_SEMIGLOBAL)
        AT_CHECK(r->qbeg == 0 && (size_t)r->qend == m, "%s semi: query not end to end", what);
    if (o->mode == BM_ALIGN_EXTEND)
        AT_CHECK(r->qbeg == 0 && r->tbeg == 0 && r->score >= 0, "%s extend: not anchored (%d,%d)",
                 what, r->qbeg, r->tbeg);
    if (o->mode == BM_ALIGN_LOCAL) {
        AT_CHECK(r->score >= 0, "%s local: negative score %d", what, r->score);
        if (r->score == 0)
            AT_CHECK(r->qbeg == 0 && r->qend == 0 && r->tbeg == 0 && r->tend == 0,
                     "%s local: score 0 but a non-empty alignment", what);
    }
    if (!o->want_cigar) return at_failures > before;
    const uint32_t *c = bm_align_cigar(cig, r);
    size_t nc = r->n_cigar;
    int32_t rescored = 0;
    int rc = bm_align_rescore(o->scoring, o->gap_open, o->gap_extend, c, nc, q + r->qbeg,
                              (size_t)(r->qend - r->qbeg), t + r->tbeg, (size_t)(r->tend - r->tbeg),
                              &rescored);
    char text[256];
    bm_cigar_to_string(c, nc, text, sizeof text);
    AT_CHECK(rc == 0, "%s %s: CIGAR %s does not check: %s", what, mode, text, bm_last_error());
    AT_CHECK(rc != 0 || rescored == r->score, "%s %s: CIGAR %s re-scores to %d, score %d", what,
             mode, text, rescored, r->score);
    AT_CHECK((nc == 0) == (r->qbeg == r->qend && r->tbeg == r->tend),
             "%s %s: %zu ops for an alignment of q %d..%d t %d..%d", what, mode, nc, r->qbeg,
             r->qend, r->tbeg, r->tend);
    if (nc > 0) {
        unsigned first = BM_CIGAR_OP(c[0]), last = BM_CIGAR_OP(c[nc - 1]);
        int gap_first = first == BM_CIGAR_OP_I || first == BM_CIGAR_OP_D;
        int gap_last = last == BM_CIGAR_OP_I || last == BM_CIGAR_OP_D;
        if (o->mode == BM_ALIGN_LOCAL || o->mode == BM_ALIGN_EXTEND)
            AT_CHECK(!gap_last && (o->mode == BM_ALIGN_EXTEND || !gap_first),
                     "%s %s: CIGAR %s starts or ends with a gap", what, mode, text);
        if (o->mode == BM_ALIGN_SEMIGLOBAL)
            AT_CHECK(first != BM_CIGAR_OP_D && last != BM_CIGAR_OP_D,
                     "%s semi: CIGAR %s starts or ends with D", what, text);
    }
    /* counts: every column once */
    int64_t qcols = 0, tcols = 0, eq = 0, x = 0, ins = 0, gaps = 0, gap_bases = 0;
    for (size_t k = 0; k < nc; k++) {
        unsigned op = BM_CIGAR_OP(c[k]);
        int64_t len = BM_CIGAR_LEN(c[k]);
        if (k > 0) AT_CHECK(op != BM_CIGAR_OP(c[k - 1]), "%s: CIGAR %s not merged", what, text);
        if (op == BM_CIGAR_OP_EQ) eq += len;
        if (op == BM_CIGAR_OP_X) x += len;
        if (op == BM_CIGAR_OP_I) ins += len;
        if (op == BM_CIGAR_OP_I || op == BM_CIGAR_OP_D) gaps++, gap_bases += len;
        if (op != BM_CIGAR_OP_D) qcols += len;
        if (op != BM_CIGAR_OP_I) tcols += len;
    }
    AT_CHECK(qcols == r->qend - r->qbeg && tcols == r->tend - r->tbeg,
             "%s %s: CIGAR %s spans %" PRId64 "/%" PRId64 " letters", what, mode, text, qcols,
             tcols);
    AT_CHECK(gaps == r->n_gap_open && gap_bases == r->n_gap_bases,
             "%s %s: gap counts %d/%d, CIGAR %s", what, mode, r->n_gap_open, r->n_gap_bases, text);
    if (o->cigar_style == BM_CIGAR_EQX)
        AT_CHECK(eq == r->n_match && x == r->n_mismatch, "%s %s: match counts %d/%d, CIGAR %s",
                 what, mode, r->n_match, r->n_mismatch, text);
    else /* 'M' columns: the aligned letters, which the counts still split */
        AT_CHECK(eq == 0 && x == 0 && r->n_match + r->n_mismatch == qcols - ins,
                 "%s %s: counts %d/%d for CIGAR %s", what, mode, r->n_match, r->n_mismatch, text);
    return at_failures > before;
}

#endif
