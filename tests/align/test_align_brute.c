/* Brute force against the reference: every alignment (every path of =/X, I, D steps from every
 * allowed start) of tiny sequences is enumerated and scored with the gap rule; the best score and
 * end cell must equal the reference's, and its begin cell must start one of the best alignments.
 * All pairs up to length 3, random pairs up to length 6, every mode, several scorings and bands. */
#include "align_test.h"

enum { MAXLEN = 7 };

typedef struct {
    const bm_align_opts_t *o;
    const char *q, *t;
    int m, n;
    int best, best_i, best_j; /* best score and its end (smallest j, then i) */
    /* begin cells of the best alignments, per end cell: bit (bi * MAXLEN + bj) */
    uint64_t begins[MAXLEN][MAXLEN];
    int have;
} brute_t;

enum { NONE, DIAG, INS, DEL };

static int in_band(const brute_t *b, int i, int j)
{
    return b->o->band < 0 || abs(i - j) <= b->o->band;
}

/* The alignment so far runs from (bi, bj) to (i, j) with `score`, its last step `last`. */
static void walk(brute_t *b, int bi, int bj, int i, int j, int score, int last)
{
    const bm_align_opts_t *o = b->o;
    int ends_here = o->mode == BM_ALIGN_GLOBAL       ? (i == b->m && j == b->n)
                    : o->mode == BM_ALIGN_SEMIGLOBAL ? i == b->m
                                                     : 1;
    if (ends_here) {
        if (!b->have || score > b->best || (score == b->best && j < b->best_j) ||
            (score == b->best && j == b->best_j && i < b->best_i)) {
            if (!b->have || score > b->best) memset(b->begins, 0, sizeof b->begins);
            b->have = 1;
            b->best = score;
            b->best_i = i;
            b->best_j = j;
        }
        if (score == b->best) b->begins[i][j] |= 1ull << (bi * MAXLEN + bj);
    }
    const bm_scoring_t *sc = o->scoring;
    if (i < b->m && j < b->n && in_band(b, i + 1, j + 1))
        walk(b, bi, bj, i + 1, j + 1, score + bm_scoring_score(sc, b->q[i], b->t[j]), DIAG);
    if (i < b->m && in_band(b, i + 1, j))
        walk(b, bi, bj, i + 1, j, score - (last == INS ? o->gap_extend : o->gap_open), INS);
    if (j < b->n && in_band(b, i, j + 1))
        walk(b, bi, bj, i, j + 1, score - (last == DEL ? o->gap_extend : o->gap_open), DEL);
}

/* The best over every alignment the mode allows. */
static void brute(brute_t *b)
{
    b->have = 0;
    memset(b->begins, 0, sizeof b->begins);
    const bm_align_opts_t *o = b->o;
    for (int i0 = 0; i0 <= b->m; i0++)
        for (int j0 = 0; j0 <= b->n; j0++) {
            int allowed = o->mode == BM_ALIGN_LOCAL        ? 1
                          : o->mode == BM_ALIGN_SEMIGLOBAL ? i0 == 0
                                                           : (i0 == 0 && j0 == 0);
            if (allowed && in_band(b, i0, j0)) walk(b, i0, j0, i0, j0, 0, NONE);
        }
    if (o->mode == BM_ALIGN_LOCAL && b->best == 0) { /* empty alignments: the rule's (0,0) */
        b->best_i = b->best_j = 0;
    }
}

static void check_pair(bm_aligner_t *al_cigar, bm_aligner_t *al_score, const char *q, int m,
                       const char *t, int n, const char *scoring_name)
{
    const bm_align_opts_t *o = bm_aligner_opts(al_cigar);
    brute_t b = {.o = o, .q = q, .t = t, .m = m, .n = n};
    brute(&b);
    static bm_cigar_buf_t cig;
    cig.len = 0;
    bm_align_result_t r, s;
    int rc = bm_align_pair(al_cigar, q, (size_t)m, t, (size_t)n, &r, &cig);
    int rs = bm_align_pair(al_score, q, (size_t)m, t, (size_t)n, &s, NULL);
    char what[160];
    snprintf(what, sizeof what, "q=%.*s t=%.*s %s O=%d E=%d band=%d", m, q, n, t, scoring_name,
             o->gap_open, o->gap_extend, o->band);
    if (!b.have) { /* the band leaves no end cell: the library must refuse */
        AT_CHECK(rc == BM_EINVAL && rs == BM_EINVAL, "%s %s: no alignment exists, rc %d/%d", what,
                 at_mode_names[o->mode], rc, rs);
        return;
    }
    AT_CHECK(rc == 0 && rs == 0, "%s %s: rc %d/%d: %s", what, at_mode_names[o->mode], rc, rs,
             bm_last_error());
    if (rc || rs) return;
    AT_CHECK(r.score == b.best && r.qend == b.best_i && r.tend == b.best_j,
             "%s %s: reference %d ending (%d,%d), brute force %d ending (%d,%d)", what,
             at_mode_names[o->mode], r.score, r.qend, r.tend, b.best, b.best_i, b.best_j);
    if (r.score == b.best && r.qend == b.best_i && r.tend == b.best_j && r.score != 0)
        AT_CHECK(b.begins[b.best_i][b.best_j] >> (r.qbeg * MAXLEN + r.tbeg) & 1,
                 "%s %s: begin (%d,%d) starts no best alignment", what, at_mode_names[o->mode],
                 r.qbeg, r.tbeg);
    AT_CHECK(s.score == r.score && s.qbeg == r.qbeg && s.qend == r.qend && s.tbeg == r.tbeg &&
                 s.tend == r.tend,
             "%s %s: score path %d q%d..%d t%d..%d, CIGAR path %d q%d..%d t%d..%d", what,
             at_mode_names[o->mode], s.score, s.qbeg, s.qend, s.tbeg, s.tend, r.score, r.qbeg,
             r.qend, r.tbeg, r.tend);
    at_check_result(o, q, (size_t)m, t, (size_t)n, &r, &cig, what);
}

typedef struct {
    const char *name;
    int match, mismatch, n_score, open, extend;
    const char *matrix; /* built-in matrix instead of DNA scoring */
    const char *alphabet;
} scoring_case_t;

static const scoring_case_t cases[] = {
    {"dna 2/-4", 2, -4, -1, 6, 2, NULL, "ACGT"},
    {"dna 1/-1 linear", 1, -1, -1, 1, 1, NULL, "ACGT"},
    {"dna 5/-4 big open", 5, -4, -2, 12, 1, NULL, "ACGN"},
    {"dna 1/-5 mismatch>match", 1, -5, -1, 2, 0, NULL, "ACGT"},
    {"dna free gaps", 3, -2, -1, 0, 0, NULL, "ACGT"},
    {"dna open=extend", 2, -1, -1, 2, 2, NULL, "ACNT"},
    {"blosum62", 0, 0, 0, 11, 1, "BLOSUM62", "WCHP"},
    {"pam250", 0, 0, 0, 3, 1, "PAM250", "ARND"},
};

int main(void)
{
    at_init(20250101);
    size_t pairs = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const scoring_case_t *sc_case = &cases[c];
        bm_scoring_t sc;
        int rc = sc_case->matrix
                     ? bm_scoring_builtin(&sc, sc_case->matrix)
                     : bm_scoring_dna(&sc, sc_case->match, sc_case->mismatch, sc_case->n_score);
        if (rc < 0) {
            fprintf(stderr, "scoring %s: %s\n", sc_case->name, bm_last_error());
            return 1;
        }
        for (int mode = 0; mode < 4; mode++) {
            for (int band = -1; band <= 2; band++) {
                if (band >= 0 && c % 2) continue; /* bands with half of the scorings */
                bm_align_opts_t o;
                bm_align_opts_init(&o);
                o.mode = (bm_align_mode_t)mode;
                o.scoring = &sc;
                o.gap_open = sc_case->open;
                o.gap_extend = sc_case->extend;
                o.band = band;
                o.cigar_style = c % 3 == 2 ? BM_CIGAR_M : BM_CIGAR_EQX;
                bm_aligner_t *al_cigar, *al_score;
                o.want_cigar = 1;
                if (bm_aligner_new(&al_cigar, &o) < 0) return 1;
                o.want_cigar = 0;
                if (bm_aligner_new(&al_score, &o) < 0) return 1;
                const char *abc = sc_case->alphabet;
                char q[MAXLEN], t[MAXLEN];
                /* every pair of lengths 0..3 (the whole alphabet without bands, a 2-letter one
                 * with bands to keep the count down) */
                int letters = band < 0 ? 4 : 2;
                for (int m = 0; m <= 3; m++)
                    for (int n = 0; n <= 3; n++) {
                        int nq = 1, nt = 1;
                        for (int k = 0; k < m; k++) nq *= letters;
                        for (int k = 0; k < n; k++) nt *= letters;
                        for (int a = 0; a < nq; a++)
                            for (int b = 0; b < nt; b++) {
                                for (int k = 0, x = a; k < m; k++, x /= letters)
                                    q[k] = abc[x % letters];
                                for (int k = 0, x = b; k < n; k++, x /= letters)
                                    t[k] = abc[x % letters];
                                check_pair(al_cigar, al_score, q, m, t, n, sc_case->name);
                                pairs++;
                            }
                    }
                /* random pairs up to length 6, some of them related */
                for (int k = 0; k < 120; k++) {
                    int m = 4 + (int)at_below(3), n = (int)at_below(7);
                    at_random_seq(q, (size_t)m, abc);
                    if (k % 3 == 0 && n > 0) {
                        n = (int)at_mutate(q, (size_t)m, t, 6, abc, 15);
                    } else {
                        at_random_seq(t, (size_t)n, abc);
                    }
                    check_pair(al_cigar, al_score, q, m, t, n, sc_case->name);
                    check_pair(al_cigar, al_score, t, n, q, m, sc_case->name);
                    pairs += 2;
                }
                bm_aligner_free(al_cigar);
                bm_aligner_free(al_score);
                if (at_failures > 20) return at_finish("align_brute");
            }
        }
    }
    printf("%zu pairs\n", pairs);
    return at_finish("align_brute");
}
