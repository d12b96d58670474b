/* Properties of the reference on random DNA and protein pairs (fixed seed, printed on failure):
 * CIGARs re-score to the score and span the coordinates; the CIGAR and score-only paths agree;
 * scores and ends equal an independent cubic-time DP (gap runs taken whole, not Gotoh); z-drop,
 * X-drop and bands; case-insensitivity; batches over threads equal single pairs; errors. */
#include "align_test.h"
#include "test_scorings.h"

#include <limits.h>

#define NEG (INT_MIN / 4)

/* ---- the independent DP: H(i,j) = best over the last column being a diagonal step or a whole gap
 * run of any length k (cost O + (k-1)E), straight from the definition ---- */

typedef struct {
    int score, qend, tend;
} ends_t;

static int band_ok(int band, int i, int j)
{
    return band < 0 || abs(i - j) <= band;
}

static ends_t naive(const bm_align_opts_t *o, const char *q, int m, const char *t, int n)
{
    const int O = o->gap_open, E = o->gap_extend;
    int *H = malloc(sizeof(int) * (size_t)(m + 1) * (size_t)(n + 1));
#define HH(i, j) H[(size_t)(i) * (size_t)(n + 1) + (size_t)(j)]
    for (int i = 0; i <= m; i++)
        for (int j = 0; j <= n; j++) {
            int h = NEG;
            if (!band_ok(o->band, i, j)) {
                HH(i, j) = NEG;
                continue;
            }
            if (i == 0 && j == 0) {
                h = 0;
            } else if (o->mode == BM_ALIGN_SEMIGLOBAL && i == 0) {
                h = 0;
            } else {
                if (i > 0 && j > 0 && HH(i - 1, j - 1) != NEG)
                    h = HH(i - 1, j - 1) + bm_scoring_score(o->scoring, q[i - 1], t[j - 1]);
                for (int k = 1; k <= j; k++)
                    if (HH(i, j - k) != NEG && HH(i, j - k) - O - (k - 1) * E > h)
                        h = HH(i, j - k) - O - (k - 1) * E;
                for (int k = 1; k <= i; k++)
                    if (HH(i - k, j) != NEG && HH(i - k, j) - O - (k - 1) * E > h)
                        h = HH(i - k, j) - O - (k - 1) * E;
            }
            if (o->mode == BM_ALIGN_LOCAL && h < 0) h = 0;
            HH(i, j) = h;
        }
    ends_t best = {0, 0, 0};
    if (o->mode == BM_ALIGN_GLOBAL) {
        best = (ends_t){HH(m, n), m, n};
    } else if (o->mode == BM_ALIGN_SEMIGLOBAL) {
        best.score = NEG;
        for (int j = 0; j <= n; j++)
            if (HH(m, j) > best.score) best = (ends_t){HH(m, j), m, j};
    } else {
        for (int j = 1; j <= n; j++) {
            int c = NEG, ci = 0;
            for (int i = 1; i <= m; i++)
                if (HH(i, j) > c) c = HH(i, j), ci = i;
            if (c == NEG) continue;
            if (c > best.score) {
                best = (ends_t){c, ci, j};
                continue;
            }
            if (o->mode != BM_ALIGN_EXTEND) continue;
            int diag = abs((j - best.tend) - (ci - best.qend));
            if (o->xdrop >= 0 && best.score - c > o->xdrop) break;
            if (o->zdrop >= 0 && ci > best.qend && best.score - c > o->zdrop + E * diag) break;
        }
    }
#undef HH
    free(H);
    return best;
}

/* ---- scorings ---- */

static void setup_scorings(void)
{
    add_dna("dna 2/-4", 2, -4, -1, 6, 2, "ACGTACGTACGTACGTN");
    add_dna("dna 1/-1 linear", 1, -1, -1, 1, 1, "ACGT");
    add_dna("dna big open", 5, -4, -2, 400, 1, "ACGTacgt");
    add_dna("dna mismatch>match", 1, -9, -1, 3, 1, "ACGT");
    add_dna("dna free gaps", 2, -3, -1, 0, 0, "ACGT");
    add_matrix("BLOSUM62", 11, 1, "ARNDCQEGHILKMFPSTWYVarndcqeghilkmfpstwyvBZX*");
    add_matrix("PAM250", 10, 2, "ARNDCQEGHILKMFPSTWYV");
    add_matrix("EDNAFULL", 10, 1, "ACGTACGTACGTUNRY");
}

/* ---- random pairs ---- */

enum { MAXLEN = 2100 };
static char qbuf[MAXLEN], tbuf[MAXLEN];

/* A random pair: unrelated, related end to end, or the query from inside the target. */
static void random_pair(const scoring_t *s, size_t max_len, size_t *m, size_t *n)
{
    size_t kind = at_below(3);
    *n = at_below(max_len + 1);
    at_random_seq(tbuf, *n, s->alphabet);
    if (kind == 0) {
        *m = at_below(max_len + 1);
        at_random_seq(qbuf, *m, s->alphabet);
    } else if (kind == 1) {
        *m = at_mutate(tbuf, *n, qbuf, max_len, s->alphabet, 1 + (unsigned)at_below(8));
    } else {
        size_t a = at_below(*n + 1), b = a + at_below(*n - a + 1);
        *m = at_mutate(tbuf + a, b - a, qbuf, max_len, s->alphabet, (unsigned)at_below(6));
    }
}

/* Aligns with the CIGAR and the score-only aligner, checks everything, returns the result. */
static bm_align_result_t check_one(bm_aligner_t *with, bm_aligner_t *without, const char *q,
                                   size_t m, const char *t, size_t n, const char *what)
{
    const bm_align_opts_t *o = bm_aligner_opts(with);
    static bm_cigar_buf_t cig;
    cig.len = 0;
    bm_align_result_t r, s;
    memset(&r, 0, sizeof r);
    int rc = bm_align_pair(with, q, m, t, n, &r, &cig);
    int rs = bm_align_pair(without, q, m, t, n, &s, NULL);
    AT_CHECK(rc == 0 && rs == 0, "%s: rc %d/%d: %s", what, rc, rs, bm_last_error());
    if (rc || rs) return r;
    AT_CHECK(s.score == r.score && s.qbeg == r.qbeg && s.qend == r.qend && s.tbeg == r.tbeg &&
                 s.tend == r.tend,
             "%s %s: score-only %d q%d..%d t%d..%d, with CIGAR %d q%d..%d t%d..%d", what,
             at_mode_names[o->mode], s.score, s.qbeg, s.qend, s.tbeg, s.tend, r.score, r.qbeg,
             r.qend, r.tbeg, r.tend);
    at_check_result(o, q, m, t, n, &r, &cig, what);
    return r;
}

static void test_random_pairs(void)
{
    size_t pairs = 0;
    for (int si = 0; si < n_scorings; si++) {
        const scoring_t *s = &scorings[si];
        for (int mode = 0; mode < 4; mode++) {
            for (int variant = 0; variant < 3; variant++) {
                bm_align_opts_t o;
                bm_align_opts_init(&o);
                o.mode = (bm_align_mode_t)mode;
                o.scoring = &s->sc;
                o.gap_open = s->open;
                o.gap_extend = s->extend;
                o.cigar_style = variant == 1 ? BM_CIGAR_M : BM_CIGAR_EQX;
                if (variant == 2) o.band = (int)at_below(40);
                if (mode == BM_ALIGN_EXTEND && variant >= 1) {
                    o.zdrop = (int)at_below(60);
                    o.xdrop = variant == 2 ? (int)at_below(100) : -1;
                }
                bm_aligner_t *with, *without;
                o.want_cigar = 1;
                if (bm_aligner_new(&with, &o) < 0) abort();
                o.want_cigar = 0;
                if (bm_aligner_new(&without, &o) < 0) abort();
                for (int k = 0; k < 25; k++) {
                    size_t m, n;
                    random_pair(s, k < 20 ? 60 : 300, &m, &n);
                    char what[128];
                    snprintf(what, sizeof what, "%s band %d zdrop %d xdrop %d pair %d (%zu x %zu)",
                             s->name, o.band, o.zdrop, o.xdrop, k, m, n);
                    int feasible =
                        o.band < 0 ||
                        (mode == BM_ALIGN_GLOBAL ? (size_t)abs((int)m - (int)n) <= (size_t)o.band
                         : mode == BM_ALIGN_SEMIGLOBAL ? m <= n + (size_t)o.band
                                                       : 1);
                    if (!feasible) {
                        bm_align_result_t r;
                        int rc = bm_align_pair(without, qbuf, m, tbuf, n, &r, NULL);
                        AT_CHECK(rc == BM_EINVAL, "%s: band too narrow accepted", what);
                        continue;
                    }
                    bm_align_result_t r = check_one(with, without, qbuf, m, tbuf, n, what);
                    pairs++;
                    if (m <= 60 && n <= 60) {
                        ends_t e = naive(bm_aligner_opts(with), qbuf, (int)m, tbuf, (int)n);
                        AT_CHECK(e.score == r.score && e.qend == r.qend && e.tend == r.tend,
                                 "%s %s: %d ending (%d,%d), independent DP %d ending (%d,%d)", what,
                                 at_mode_names[mode], r.score, r.qend, r.tend, e.score, e.qend,
                                 e.tend);
                    }
                }
                bm_aligner_free(with);
                bm_aligner_free(without);
            }
        }
    }
    printf("random pairs: %zu\n", pairs);
}

/* Lower case scores as upper case (DNA and matrices). */
static void test_case_insensitive(void)
{
    for (int si = 0; si < n_scorings; si++) {
        bm_align_opts_t o;
        bm_align_opts_init(&o);
        o.scoring = &scorings[si].sc;
        o.want_cigar = 1;
        bm_aligner_t *al;
        if (bm_aligner_new(&al, &o) < 0) abort();
        size_t m, n;
        random_pair(&scorings[si], 200, &m, &n);
        char lq[MAXLEN], lt[MAXLEN];
        for (size_t i = 0; i < m; i++) lq[i] = (char)(qbuf[i] | 0x20 * (qbuf[i] != '*'));
        for (size_t i = 0; i < n; i++) lt[i] = (char)(tbuf[i] | 0x20 * (tbuf[i] != '*'));
        bm_cigar_buf_t c1 = {0}, c2 = {0};
        bm_align_result_t a, b;
        AT_CHECK(bm_align_pair(al, qbuf, m, tbuf, n, &a, &c1) == 0, "%s", bm_last_error());
        AT_CHECK(bm_align_pair(al, lq, m, lt, n, &b, &c2) == 0, "%s", bm_last_error());
        AT_CHECK(a.score == b.score && a.n_cigar == b.n_cigar &&
                     !memcmp(c1.ops, c2.ops, a.n_cigar * sizeof(uint32_t)),
                 "%s: lower case aligns differently", scorings[si].name);
        bm_cigar_buf_free(&c1);
        bm_cigar_buf_free(&c2);
        bm_aligner_free(al);
    }
}

/* Hand cases whose answers are known. */
static void test_known(void)
{
    bm_align_opts_t o;
    bm_align_opts_init(&o);
    o.want_cigar = 1;
    static const struct {
        bm_align_mode_t mode;
        const char *q, *t;
        int score, qbeg, qend, tbeg, tend;
        const char *cigar;
    } cases[] = {
        /* DNA 2/-4, open 6, extend 2 */
        {BM_ALIGN_LOCAL, "ACGT", "TTACGTTT", 8, 0, 4, 2, 6, "4="},
        {BM_ALIGN_LOCAL, "AAAA", "CCCC", 0, 0, 0, 0, 0, ""},
        {BM_ALIGN_LOCAL, "", "ACGT", 0, 0, 0, 0, 0, ""},
        {BM_ALIGN_GLOBAL, "", "ACG", -10, 0, 0, 0, 3, "3D"},
        {BM_ALIGN_GLOBAL, "AC", "", -8, 0, 2, 0, 0, "2I"},
        {BM_ALIGN_GLOBAL, "", "", 0, 0, 0, 0, 0, ""},
        {BM_ALIGN_GLOBAL, "ACGT", "ACGT", 8, 0, 4, 0, 4, "4="},
        /* the gap goes left in a homopolymer: the traceback prefers the diagonal */
        {BM_ALIGN_GLOBAL, "CAAAG", "CAAAAG", 4, 0, 5, 0, 6, "1=1D4="},
        {BM_ALIGN_SEMIGLOBAL, "ACGT", "GGGACGTGGG", 8, 0, 4, 3, 7, "4="},
        {BM_ALIGN_SEMIGLOBAL, "", "ACGT", 0, 0, 0, 0, 0, ""},
        {BM_ALIGN_SEMIGLOBAL, "TTACGT", "ACGTGG", 0, 0, 6, 0, 4, "2I4="},
        {BM_ALIGN_EXTEND, "ACGTCCCC", "ACGTGGGG", 8, 0, 4, 0, 4, "4="},
        {BM_ALIGN_EXTEND, "GGGG", "ACGT", 0, 0, 0, 0, 0, ""},
        /* equal scores: the smaller target end wins */
        {BM_ALIGN_LOCAL, "AC", "ACTTTTAC", 4, 0, 2, 0, 2, "2="},
        {BM_ALIGN_SEMIGLOBAL, "AC", "ACTTAC", 4, 0, 2, 0, 2, "2="},
        /* N never matches, even N */
        {BM_ALIGN_GLOBAL, "ANA", "ANA", 3, 0, 3, 0, 3, "1=1X1="},
    };
    bm_cigar_buf_t cig = {0};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        o.mode = cases[k].mode;
        bm_aligner_t *al;
        if (bm_aligner_new(&al, &o) < 0) abort();
        bm_align_result_t r;
        cig.len = 0;
        int rc = bm_align_pair(al, cases[k].q, strlen(cases[k].q), cases[k].t, strlen(cases[k].t),
                               &r, &cig);
        char text[64];
        bm_cigar_to_string(bm_align_cigar(&cig, &r), r.n_cigar, text, sizeof text);
        AT_CHECK(rc == 0 && r.score == cases[k].score && r.qbeg == cases[k].qbeg &&
                     r.qend == cases[k].qend && r.tbeg == cases[k].tbeg &&
                     r.tend == cases[k].tend && !strcmp(text, cases[k].cigar),
                 "%s %s vs %s: got %d q%d..%d t%d..%d %s, want %d q%d..%d t%d..%d %s",
                 at_mode_names[cases[k].mode], cases[k].q, cases[k].t, r.score, r.qbeg, r.qend,
                 r.tbeg, r.tend, text, cases[k].score, cases[k].qbeg, cases[k].qend, cases[k].tbeg,
                 cases[k].tend, cases[k].cigar);
        bm_aligner_free(al);
    }
    bm_cigar_buf_free(&cig);
}

/* Extension drops on crafted pairs: a run of matches, a bad stretch, then matches again. */
static void test_drops(void)
{
    static const struct {
        const char *q, *t;
        int mismatch, zdrop, xdrop, score, qend, tend;
    } cases[] = {
        /* mismatches on the diagonal: the column maximum moves down (ci > bi) and falls */
        {"AAAAAAAATTTTTTTTGGGGGGGGGGGGGGGGGGGG", "AAAAAAAACCCCCCCCGGGGGGGGGGGGGGGGGGGG", -4, 10, -1,
         16, 8, 8},
        {"AAAAAAAATTTTTTTTGGGGGGGGGGGGGGGGGGGG", "AAAAAAAACCCCCCCCGGGGGGGGGGGGGGGGGGGG", -4, 100,
         -1, 24, 36, 36},
        {"AAAAAAAATTTTTTTTGGGGGGGGGGGGGGGGGGGG", "AAAAAAAACCCCCCCCGGGGGGGGGGGGGGGGGGGG", -4, -1, 10,
         16, 8, 8},
        {"AAAAAAAATTTTTTTTGGGGGGGGGGGGGGGGGGGG", "AAAAAAAACCCCCCCCGGGGGGGGGGGGGGGGGGGG", -4, -1,
         100, 24, 36, 36},
        /* extra target letters (mismatches cost more than the deletion): the maximum stays on the
         * best cell's row (ci <= bi), where z-drop (as ksw2) never stops, while X-drop does */
        {"AAAAAAAAGGGGGGGG", "AAAAAAAACCCCCGGGGGGGG", -8, 3, -1, 18, 16, 21},
        {"AAAAAAAAGGGGGGGG", "AAAAAAAACCCCCGGGGGGGG", -8, -1, 3, 16, 8, 8},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        bm_align_opts_t o;
        bm_align_opts_init(&o);
        bm_scoring_t sc;
        bm_scoring_dna(&sc, 2, cases[k].mismatch, -1);
        o.scoring = &sc;
        o.mode = BM_ALIGN_EXTEND;
        o.zdrop = cases[k].zdrop;
        o.xdrop = cases[k].xdrop;
        for (int want_cigar = 0; want_cigar < 2; want_cigar++) {
            o.want_cigar = want_cigar;
            bm_aligner_t *al;
            if (bm_aligner_new(&al, &o) < 0) abort();
            bm_cigar_buf_t cig = {0};
            bm_align_result_t r;
            int rc = bm_align_pair(al, cases[k].q, strlen(cases[k].q), cases[k].t,
                                   strlen(cases[k].t), &r, &cig);
            AT_CHECK(rc == 0 && r.score == cases[k].score && r.qend == cases[k].qend &&
                         r.tend == cases[k].tend,
                     "drop case %zu (zdrop %d xdrop %d, CIGAR %d): %d ending (%d,%d), want %d "
                     "ending (%d,%d)",
                     k, o.zdrop, o.xdrop, want_cigar, r.score, r.qend, r.tend, cases[k].score,
                     cases[k].qend, cases[k].tend);
            bm_cigar_buf_free(&cig);
            bm_aligner_free(al);
        }
    }
}

/* A batch over threads equals the pairs aligned one by one, CIGARs included and in order. */
static void test_batches(void)
{
    bm_batch_t qs, ts;
    bm_batch_init(&qs);
    bm_batch_init(&ts);
    const scoring_t *s = &scorings[0];
    for (int k = 0; k < 100; k++) {
        size_t m, n;
        random_pair(s, k % 10 ? 100 : 400, &m, &n);
        char name[32];
        snprintf(name, sizeof name, "p%d extra words", k);
        bm_record_t rq = {name, strlen(name), qbuf, m, NULL, (uint64_t)k + 1};
        bm_record_t rt = {name, strlen(name), tbuf, n, NULL, (uint64_t)k + 1};
        if (bm_batch_push(&qs, &rq) < 0 || bm_batch_push(&ts, &rt) < 0) abort();
    }
    qs.first_number = ts.first_number = 1;
    for (int mode = 0; mode < 4; mode++)
        for (int want_cigar = 0; want_cigar < 2; want_cigar++) {
            bm_align_opts_t o;
            bm_align_opts_init(&o);
            o.mode = (bm_align_mode_t)mode;
            o.want_cigar = want_cigar;
            bm_aligner_t *al;
            if (bm_aligner_new(&al, &o) < 0) abort();
            for (int shape = 0; shape < 2; shape++) {
                /* all-vs-all over the first 3 queries and all targets */
                bm_batch_t qview = qs;
                if (shape == BM_ALIGN_ALL_VS_ALL) qview.count = 3;
                size_t n = shape == BM_ALIGN_PAIRWISE ? qs.count : 3 * ts.count;
                bm_align_result_t *want = calloc(n, sizeof *want);
                bm_cigar_buf_t want_cig = {0};
                for (size_t k = 0; k < n; k++) {
                    size_t qi = shape ? k / ts.count : k, ti = shape ? k % ts.count : k;
                    int rc = bm_align_pair(al, qs.data + qs.seq_off[qi], qs.seq_len[qi],
                                           ts.data + ts.seq_off[ti], ts.seq_len[ti], &want[k],
                                           &want_cig);
                    AT_CHECK(rc == 0, "single pair %zu: %s", k, bm_last_error());
                }
                static const int thread_counts[] = {1, 3, 0};
                for (int tc = 0; tc < 3; tc++) {
                    bm_align_result_t *got = calloc(n, sizeof *got);
                    bm_cigar_buf_t cig = {0};
                    /* a CIGAR buffer that already holds ops: batches append */
                    if (want_cigar) {
                        cig.ops = malloc(sizeof *cig.ops);
                        cig.ops[0] = 5u << 4 | BM_CIGAR_OP_EQ;
                        cig.len = cig.cap = 1;
                    }
                    size_t before = cig.len;
                    int rc = bm_align_batch(al, &qview, &ts, n, (bm_align_shape_t)shape,
                                            thread_counts[tc], got, want_cigar ? &cig : NULL);
                    AT_CHECK(rc == 0, "batch %s shape %d threads %d: %s", at_mode_names[mode],
                             shape, thread_counts[tc], bm_last_error());
                    for (size_t k = 0; rc == 0 && k < n; k++) {
                        bm_align_result_t a = want[k], b = got[k];
                        int same = a.score == b.score && a.qbeg == b.qbeg && a.qend == b.qend &&
                                   a.tbeg == b.tbeg && a.tend == b.tend && a.n_cigar == b.n_cigar &&
                                   a.n_match == b.n_match && a.n_mismatch == b.n_mismatch &&
                                   a.n_gap_open == b.n_gap_open;
                        if (same && a.n_cigar)
                            same = !memcmp(want_cig.ops + a.cigar_off, cig.ops + b.cigar_off,
                                           a.n_cigar * sizeof(uint32_t));
                        AT_CHECK(same, "batch %s shape %d threads %d: pair %zu differs",
                                 at_mode_names[mode], shape, thread_counts[tc], k);
                        if (!same) break;
                        AT_CHECK(b.n_cigar == 0 || b.cigar_off == before,
                                 "batch CIGARs not in pair order at %zu", k);
                        before += b.n_cigar;
                    }
                    if (want_cigar) AT_CHECK(cig.len == before, "batch CIGAR buffer length");
                    bm_cigar_buf_free(&cig);
                    free(got);
                }
                bm_cigar_buf_free(&want_cig);
                free(want);
            }
            bm_aligner_free(al);
        }

    /* the first failing pair is reported, whatever the thread count */
    bm_scoring_t blosum;
    bm_scoring_builtin(&blosum, "BLOSUM62");
    bm_align_opts_t o;
    bm_align_opts_init(&o);
    o.scoring = &blosum;
    bm_aligner_t *al;
    if (bm_aligner_new(&al, &o) < 0) abort();
    bm_align_result_t *res = calloc(qs.count, sizeof *res);
    size_t bad = 57, later;
    while (qs.seq_len[bad] < 4) bad++;
    for (later = bad + 20; qs.seq_len[later] < 2;) later++;
    qs.data[qs.seq_off[bad] + 3] = 'J'; /* not in BLOSUM62 */
    qs.data[qs.seq_off[later] + 1] = 'J';
    char want[128];
    snprintf(want, sizeof want, "pair %zu (query 'p%zu' (record %zu)", bad + 1, bad, bad + 1);
    for (int threads = 1; threads <= 4; threads += 3) {
        int rc = bm_align_batch(al, &qs, &ts, qs.count, BM_ALIGN_PAIRWISE, threads, res, NULL);
        AT_CHECK(rc == BM_EINVAL && strstr(bm_last_error(), want) &&
                     strstr(bm_last_error(), "letter 'J' at position 4 is not in BLOSUM62"),
                 "threads %d: rc %d, message: %s", threads, rc, bm_last_error());
    }
    int rc = bm_align_batch(al, &qs, &ts, qs.count + 1, BM_ALIGN_PAIRWISE, 1, res, NULL);
    AT_CHECK(rc == BM_EINVAL, "too many pairs accepted");
    rc = bm_align_batch(al, &qs, &ts, 0, BM_ALIGN_PAIRWISE, 2, res, NULL);
    AT_CHECK(rc == 0, "an empty batch failed: %s", bm_last_error());
    free(res);
    bm_aligner_free(al);
    bm_batch_free(&qs);
    bm_batch_free(&ts);
}

static void expect_error(int rc, int code, const char *needle, const char *what)
{
    AT_CHECK(rc == code && strstr(bm_last_error(), needle), "%s: rc %d, message '%s'", what, rc,
             bm_last_error());
}

static void test_errors(void)
{
    bm_align_opts_t o;
    bm_aligner_t *al = NULL;
    bm_align_opts_init(&o);
    o.gap_open = 1, o.gap_extend = 2;
    expect_error(bm_aligner_new(&al, &o), BM_EINVAL, "extend <= open", "extend > open");
    bm_align_opts_init(&o);
    o.gap_extend = -1;
    expect_error(bm_aligner_new(&al, &o), BM_EINVAL, "gap penalties", "negative extend");
    bm_align_opts_init(&o);
    o.mode = (bm_align_mode_t)9;
    expect_error(bm_aligner_new(&al, &o), BM_EINVAL, "mode", "unknown mode");
    bm_align_opts_init(&o);
    o.band = -2;
    expect_error(bm_aligner_new(&al, &o), BM_EINVAL, "band", "band -2");
    bm_scoring_t sc;
    expect_error(bm_scoring_dna(&sc, 40000, -1, -1), BM_EINVAL, "within", "huge match");
    expect_error(bm_scoring_builtin(&sc, "BLOSUM99"), BM_EINVAL, "BLOSUM62", "unknown matrix");

    bm_scoring_builtin(&sc, "BLOSUM62");
    bm_align_opts_init(&o);
    o.scoring = &sc;
    if (bm_aligner_new(&al, &o) < 0) abort();
    bm_align_result_t r;
    expect_error(bm_align_pair(al, "ACDEFU", 6, "ACDE", 4, &r, NULL), BM_EINVAL,
                 "query: letter 'U' at position 6 is not in BLOSUM62", "letter not in matrix");
    expect_error(bm_align_pair(al, "ACDE", 4, "AC\001", 3, &r, NULL), BM_EINVAL,
                 "target: letter '\\x01' at position 3", "control byte");
    bm_aligner_free(al);

    bm_align_opts_init(&o);
    o.want_cigar = 1;
    if (bm_aligner_new(&al, &o) < 0) abort();
    expect_error(bm_align_pair(al, "A", 1, "A", 1, &r, NULL), BM_EINVAL, "no CIGAR buffer",
                 "CIGAR without a buffer");
    bm_aligner_free(al);

    /* band too narrow for the end cell */
    bm_align_opts_init(&o);
    o.mode = BM_ALIGN_GLOBAL;
    o.band = 2;
    if (bm_aligner_new(&al, &o) < 0) abort();
    expect_error(bm_align_pair(al, "ACGT", 4, "A", 1, &r, NULL), BM_EINVAL, "too narrow",
                 "global band");
    bm_aligner_free(al);

    /* too long for 32-bit scores with large penalties */
    bm_align_opts_init(&o);
    o.gap_open = o.gap_extend = 30000;
    if (bm_aligner_new(&al, &o) < 0) abort();
    static char big[20000];
    memset(big, 'A', sizeof big);
    expect_error(bm_align_pair(al, big, sizeof big, "A", 1, &r, NULL), BM_EINVAL, "32-bit",
                 "score range");
    bm_aligner_free(al);

    /* rescoring rejects wrong CIGARs */
    bm_scoring_dna(&sc, 2, -4, -1);
    uint32_t bad_eq[] = {2u << 4 | BM_CIGAR_OP_EQ};
    int32_t score;
    expect_error(bm_align_rescore(&sc, 6, 2, bad_eq, 1, "AC", 2, "AG", 2, &score), BM_EINVAL,
                 "are a mismatch", "= over a mismatch");
    uint32_t short_op[] = {1u << 4 | BM_CIGAR_OP_M};
    expect_error(bm_align_rescore(&sc, 6, 2, short_op, 1, "AC", 2, "AC", 2, &score), BM_EINVAL,
                 "consumes 1 query", "CIGAR too short");
    uint32_t soft[] = {2u << 4 | BM_CIGAR_OP_S};
    expect_error(bm_align_rescore(&sc, 6, 2, soft, 1, "AC", 2, "AC", 2, &score), BM_EINVAL,
                 "not an alignment op", "S op");
    uint32_t mixed[] = {1u << 4 | BM_CIGAR_OP_EQ, 2u << 4 | BM_CIGAR_OP_I, 1u << 4 | BM_CIGAR_OP_D,
                        1u << 4 | BM_CIGAR_OP_X};
    AT_CHECK(bm_align_rescore(&sc, 6, 2, mixed, 4, "AGGC", 4, "ATT", 3, &score) == 0 &&
                 score == 2 - 8 - 6 - 4,
             "I next to D: score %d (%s)", score, bm_last_error());

    char text[8];
    uint32_t ops[] = {100u << 4 | BM_CIGAR_OP_EQ, 3u << 4 | BM_CIGAR_OP_X};
    size_t need = bm_cigar_to_string(ops, 2, text, sizeof text);
    AT_CHECK(need == 6 && !strcmp(text, "100=3X"), "cigar text '%s' (%zu)", text, need);
    need = bm_cigar_to_string(ops, 2, text, 5);
    AT_CHECK(need == 6 && !strcmp(text, "100="), "truncated cigar text '%s' (%zu)", text, need);
}

/* 10,000 x 10,000: the score-only path runs in O(m) memory; the CIGAR path refuses cleanly.
 * Under the sanitizers (about 10 s for 10^8 cells) the target is cut to 1,000 letters: the same
 * code with the same 10,000-row columns. */
static void test_large(void)
{
    enum { L = 10000 };
    const size_t n = AT_SANITIZED ? 1000 : L;
    char *q = malloc(L), *t = malloc(L);
    at_random_seq(t, L, "ACGT");
    size_t m = at_mutate(t, L, q, L, "ACGT", 3);
    bm_align_opts_t o;
    bm_align_opts_init(&o);
    bm_aligner_t *al;
    if (bm_aligner_new(&al, &o) < 0) abort();
    bm_align_result_t r;
    int rc = bm_align_pair(al, q, m, t, n, &r, NULL);
    AT_CHECK(rc == 0 && r.score > (int)n && (size_t)(r.tend - r.tbeg) > n / 2,
             "10k x %zu without CIGAR: rc %d score %d t%d..%d: %s", n, rc, r.score, r.tbeg, r.tend,
             bm_last_error());
    bm_aligner_free(al);
    o.want_cigar = 1;
    if (bm_aligner_new(&al, &o) < 0) abort();
    bm_cigar_buf_t cig = {0};
    expect_error(bm_align_pair(al, q, m, t, L, &r, &cig), BM_ENOMEM, "limit 1 GiB",
                 "10k x 10k with CIGAR");
    bm_aligner_free(al);
    free(q);
    free(t);
}

int main(void)
{
    at_init(424242);
    setup_scorings();
    test_known();
    test_drops();
    test_random_pairs();
    test_case_insensitive();
    test_batches();
    test_errors();
    test_large();
    return at_finish("align_props");
}
