/* libFuzzer harness for the NCBI substitution-matrix parser: errors name the input and leave the
 * output alone; parsed matrices are consistent, survive a write/parse round trip, and align. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "fuzz_common.h"

#include "biometal/align.h"

#include <ctype.h>

/* The matrix as NCBI text (rows in header order). */
static size_t fz_format_matrix(const bm_scoring_t *sc, char *out, size_t cap)
{
    size_t o = 0;
    o += (size_t)snprintf(out + o, cap - o, "# round trip\n ");
    for (int j = 0; j < sc->size; j++)
        o += (size_t)snprintf(out + o, cap - o, " %c", sc->letters[j]);
    o += (size_t)snprintf(out + o, cap - o, "\n");
    for (int i = 0; i < sc->size; i++) {
        o += (size_t)snprintf(out + o, cap - o, "%c", sc->letters[i]);
        for (int j = 0; j < sc->size; j++)
            o += (size_t)snprintf(out + o, cap - o, " %d", sc->score[i][j]);
        o += (size_t)snprintf(out + o, cap - o, "\n");
    }
    return o;
}

static void fz_check_scoring(const bm_scoring_t *sc)
{
    FUZZ_CHECK(sc->size >= 1 && sc->size <= BM_SCORING_MAX_LETTERS, "size %d", sc->size);
    FUZZ_CHECK(strlen(sc->letters) == (size_t)sc->size, "letters '%s' for size %d", sc->letters,
               sc->size);
    int seen[256] = {0};
    for (int k = 0; k < sc->size; k++) {
        unsigned char c = (unsigned char)sc->letters[k];
        FUZZ_CHECK((c >= 'A' && c <= 'Z') || c == '*', "letter 0x%02x accepted", c);
        FUZZ_CHECK(!seen[c]++, "letter '%c' twice", c);
        FUZZ_CHECK(sc->index[c] == k && sc->index[tolower(c)] == k, "index of '%c'", c);
    }
    int mapped = 0;
    for (int c = 0; c < 256; c++) {
        FUZZ_CHECK(sc->index[c] >= -1 && sc->index[c] < sc->size, "index[%d] = %d", c,
                   sc->index[c]);
        mapped += sc->index[c] >= 0;
    }
    FUZZ_CHECK(mapped <= 2 * sc->size, "%d bytes map to %d letters", mapped, sc->size);
    FUZZ_CHECK(sc->wildcard >= -1 && sc->wildcard < sc->size, "wildcard %d", sc->wildcard);
    for (int a = 0; a < sc->size; a++)
        for (int b = 0; b < sc->size; b++) {
            int32_t v = sc->score[a][b];
            FUZZ_CHECK(v >= sc->min_score && v <= sc->max_score && v >= -BM_SCORE_LIMIT &&
                           v <= BM_SCORE_LIMIT,
                       "score %d outside %d..%d", v, sc->min_score, sc->max_score);
        }
}

/* Short sequences over the matrix's letters, aligned in every mode with a CIGAR: the CIGAR must
 * re-score to the score, and the score-only path must agree. */
static void fz_align_with(const bm_scoring_t *sc, const uint8_t *data, size_t size)
{
    char q[48], t[48];
    size_t m = size % 40, n = (size / 3) % 40;
    for (size_t i = 0; i < m; i++) q[i] = sc->letters[data[i % size] % sc->size];
    for (size_t i = 0; i < n; i++) t[i] = sc->letters[data[(i * 7 + 3) % size] % sc->size];
    for (int mode = 0; mode < 4; mode++) {
        bm_align_opts_t o;
        bm_align_opts_init(&o);
        o.mode = (bm_align_mode_t)mode;
        o.scoring = sc;
        o.gap_open = 1 + data[0] % 12;
        o.gap_extend = data[size - 1] % (o.gap_open + 1);
        bm_aligner_t *with, *without;
        o.want_cigar = 1;
        FUZZ_CHECK(bm_aligner_new(&with, &o) == 0, "aligner: %s", bm_last_error());
        o.want_cigar = 0;
        FUZZ_CHECK(bm_aligner_new(&without, &o) == 0, "aligner: %s", bm_last_error());
        bm_cigar_buf_t cig = {0};
        bm_align_result_t r, s;
        FUZZ_CHECK(bm_align_pair(with, q, m, t, n, &r, &cig) == 0, "align: %s", bm_last_error());
        FUZZ_CHECK(bm_align_pair(without, q, m, t, n, &s, NULL) == 0, "align: %s", bm_last_error());
        FUZZ_CHECK(r.score == s.score && r.qbeg == s.qbeg && r.qend == s.qend && r.tbeg == s.tbeg &&
                       r.tend == s.tend,
                   "mode %d: CIGAR path %d (%d..%d, %d..%d), score path %d (%d..%d, %d..%d)", mode,
                   r.score, r.qbeg, r.qend, r.tbeg, r.tend, s.score, s.qbeg, s.qend, s.tbeg,
                   s.tend);
        int32_t rescored;
        int rc = bm_align_rescore(sc, o.gap_open, o.gap_extend, bm_align_cigar(&cig, &r), r.n_cigar,
                                  q + r.qbeg, (size_t)(r.qend - r.qbeg), t + r.tbeg,
                                  (size_t)(r.tend - r.tbeg), &rescored);
        FUZZ_CHECK(rc == 0 && rescored == r.score, "mode %d: CIGAR re-scores to %d, score %d (%s)",
                   mode, rescored, r.score, bm_last_error());
        bm_cigar_buf_free(&cig);
        bm_aligner_free(with);
        bm_aligner_free(without);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *name = "fuzz.mat";
    bm_scoring_t sc;
    memset(&sc, 0xa5, sizeof sc);
    bm_scoring_t untouched = sc;
    bm_clear_error();
    int rc = bm_scoring_parse(&sc, (const char *)data, size, name);
    if (rc < 0) {
        fz_check_error(rc, name, "bm_scoring_parse");
        FUZZ_CHECK(rc == BM_EFORMAT, "parse error %d is not BM_EFORMAT", rc);
        FUZZ_CHECK(!memcmp(&sc, &untouched, sizeof sc), "a failed parse changed the output");
        return 0;
    }
    FUZZ_CHECK(rc == 0, "bm_scoring_parse returned %d", rc);
    fz_check_scoring(&sc);
    char *text = fz_alloc(64 + (size_t)sc.size * (2 + 8 * (size_t)sc.size) + 64);
    size_t len = fz_format_matrix(&sc, text, 64 + (size_t)sc.size * (2 + 8 * (size_t)sc.size) + 64);
    bm_scoring_t again;
    rc = bm_scoring_parse(&again, text, len, name);
    free(text);
    FUZZ_CHECK(rc == 0, "the matrix written back does not parse: %s", bm_last_error());
    FUZZ_CHECK(again.size == sc.size && !strcmp(again.letters, sc.letters) &&
                   !memcmp(again.index, sc.index, sizeof sc.index) &&
                   again.wildcard == sc.wildcard && !memcmp(again.score, sc.score, sizeof sc.score),
               "the matrix written back parses differently");
    if (size > 0) fz_align_with(&sc, data, size);
    return 0;
}
