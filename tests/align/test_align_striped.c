/* The striped SIMD kernels against the scalar reference (BIOMETAL_ISA=scalar): for every
 * instruction set this machine runs, random DNA and protein pairs of lengths 0..2000 (few long
 * ones), repeats full of ties, every mode, scorings from ordinary to extreme (huge open, mismatch
 * above match, open == extend, zero penalties, scores that overflow 8- and 16-bit lanes), with and
 * without CIGARs; every result field must equal the reference's. Seeds are printed on failure. */
#include "align_test.h"
#include "test_scorings.h"

#include "biometal/ops.h"

/* A random matrix over A..H that is not symmetric (s(a, b) != s(b, a)), parsed from text. */
static void add_asymmetric(const char *name, int open, int extend)
{
    scoring_t *s = new_scoring();
    char text[1024];
    size_t o = (size_t)snprintf(text, sizeof text, "   A  B  C  D  E  F  G  H\n");
    for (int a = 0; a < 8; a++) {
        o += (size_t)snprintf(text + o, sizeof text - o, "%c", "ABCDEFGH"[a]);
        for (int b = 0; b < 8; b++)
            o += (size_t)snprintf(text + o, sizeof text - o, " %d",
                                  a == b ? 4 + (int)at_below(4) : (int)at_below(9) - 6);
        o += (size_t)snprintf(text + o, sizeof text - o, "\n");
    }
    s->name = name;
    if (bm_scoring_parse(&s->sc, text, o, name) < 0) abort();
    s->open = open;
    s->extend = extend;
    s->alphabet = "ABCDEFGH";
}

static void setup_scorings(void)
{
    add_dna("dna 2/-4 o6e2", 2, -4, -1, 6, 2, "ACGTACGTACGTACGTN");
    add_dna("dna 2/-3 o5e2", 2, -3, -3, 5, 2, "ACGT");
    add_dna("dna 1/-1 open=extend", 1, -1, -1, 1, 1, "ACGT");
    add_dna("dna 2/-3 open=extend=4", 2, -3, -1, 4, 4, "ACGT");
    add_dna("dna huge open", 5, -4, -2, 400, 1, "ACGTacgt");
    add_dna("dna mismatch > match", 1, -9, -1, 3, 1, "ACGT");
    add_dna("dna zero penalties", 2, -3, -1, 0, 0, "ACGT");
    add_dna("dna overflow 8/16", 300, -200, -50, 500, 100, "ACGT");
    add_dna("dna wide bias", 10, -150, -1, 20, 3, "ACGT");
    add_dna("dna all negative", -1, -2, -3, 2, 1, "ACGT");
    add_dna("dna match 0", 0, -1, -1, 1, 1, "ACGT");
    add_dna("dna positive mismatch", 2, 1, 0, 4, 1, "ACGTN");
    add_dna("dna 16-bit edge", 120, -120, -1, 130, 20, "ACGT");
    add_matrix("BLOSUM62", 11, 1, "ARNDCQEGHILKMFPSTWYVarndcqeghilkmfpstwyvBZX*");
    add_matrix("PAM250", 10, 2, "ARNDCQEGHILKMFPSTWYV");
    add_matrix("BLOSUM45", 2, 2, "ARNDCQEGHILKMFPSTWYV");
    add_matrix("EDNAFULL", 10, 1, "ACGTACGTACGTUNRY");
    add_asymmetric("asymmetric", 5, 1);
}

/* ---- pairs ---- */

enum { MAXLEN = 2100 };
static char qbuf[MAXLEN], tbuf[MAXLEN];

/* A length: mostly short, some hundreds, few up to `max`. */
static size_t some_length(size_t max)
{
    size_t r = at_below(100), len = r < 70   ? at_below(101)
                                    : r < 95 ? 100 + at_below(400)
                                             : at_below(max + 1);
    return len > max ? max : len;
}

/* A repeat-rich sequence (tandem copies of a short unit, homopolymers): many equal scores. */
static void repeats(char *out, size_t len, const char *alphabet)
{
    char unit[8];
    size_t u = 1 + at_below(4);
    at_random_seq(unit, u, alphabet);
    for (size_t i = 0; i < len; i++) out[i] = at_below(30) ? unit[i % u] : alphabet[0];
}

/* A random pair: unrelated, related end to end, the query from inside the target (or the other
 * way round), or repeats. */
static void random_pair(const scoring_t *s, size_t max_len, size_t *m, size_t *n)
{
    size_t kind = at_below(5);
    *n = some_length(max_len);
    at_random_seq(tbuf, *n, s->alphabet);
    if (kind == 0) {
        *m = some_length(max_len);
        at_random_seq(qbuf, *m, s->alphabet);
    } else if (kind == 1) {
        *m = at_mutate(tbuf, *n, qbuf, max_len, s->alphabet, 1 + (unsigned)at_below(8));
    } else if (kind == 2) {
        size_t a = at_below(*n + 1), b = a + at_below(*n - a + 1);
        *m = at_mutate(tbuf + a, b - a, qbuf, max_len, s->alphabet, (unsigned)at_below(6));
    } else if (kind == 3) {
        *m = some_length(max_len);
        at_random_seq(qbuf, *m, s->alphabet);
        size_t a = at_below(*m + 1), b = a + at_below(*m - a + 1);
        *n = at_mutate(qbuf + a, b - a, tbuf, max_len, s->alphabet, (unsigned)at_below(6));
    } else {
        *n = some_length(max_len / 4);
        repeats(tbuf, *n, s->alphabet);
        *m = at_mutate(tbuf, *n, qbuf, max_len, s->alphabet, (unsigned)at_below(4));
        if (at_below(2)) repeats(qbuf, *m, s->alphabet);
    }
}

/* ---- comparison ---- */

static const bm_isa_t simd_isas[] = {BM_ISA_SSE41, BM_ISA_AVX2, BM_ISA_AVX512, BM_ISA_NEON};
static size_t compared[BM_ISA_COUNT];

static int same(const bm_align_result_t *a, const bm_cigar_buf_t *ca, const bm_align_result_t *b,
                const bm_cigar_buf_t *cb)
{
    if (a->score != b->score || a->qbeg != b->qbeg || a->qend != b->qend || a->tbeg != b->tbeg ||
        a->tend != b->tend || a->n_match != b->n_match || a->n_mismatch != b->n_mismatch ||
        a->n_gap_open != b->n_gap_open || a->n_gap_bases != b->n_gap_bases ||
        a->n_cigar != b->n_cigar)
        return 0;
    return a->n_cigar == 0 ||
           !memcmp(bm_align_cigar(ca, a), bm_align_cigar(cb, b), a->n_cigar * sizeof(uint32_t));
}

static void show(const bm_align_result_t *r, const bm_cigar_buf_t *c, char *out, size_t cap)
{
    char cig[64];
    bm_cigar_to_string(bm_align_cigar(c, r), r->n_cigar, cig, sizeof cig);
    snprintf(out, cap, "%d q%d..%d t%d..%d =%d X%d gaps %d/%d %s", r->score, r->qbeg, r->qend,
             r->tbeg, r->tend, r->n_match, r->n_mismatch, r->n_gap_open, r->n_gap_bases, cig);
}

/* Aligns the pair with the reference, then with every SIMD instruction set, and compares. */
static void check_pair(bm_aligner_t *al, const char *q, size_t m, const char *t, size_t n,
                       const char *what)
{
    static bm_cigar_buf_t cref, csimd;
    cref.len = csimd.len = 0;
    bm_align_result_t ref, got;
    if (bm_isa_force(BM_ISA_SCALAR) < 0) abort();
    int rc = bm_align_pair(al, q, m, t, n, &ref, &cref);
    AT_CHECK(rc == 0, "%s: reference failed: %s", what, bm_last_error());
    if (rc) return;
    for (size_t k = 0; k < sizeof simd_isas / sizeof simd_isas[0]; k++) {
        if (!bm_isa_supported(simd_isas[k])) continue;
        bm_isa_force(simd_isas[k]);
        csimd.len = 0;
        rc = bm_align_pair(al, q, m, t, n, &got, &csimd);
        AT_CHECK(rc == 0, "%s: %s failed: %s", what, bm_isa_name(simd_isas[k]), bm_last_error());
        if (rc) continue;
        compared[simd_isas[k]]++;
        if (!same(&ref, &cref, &got, &csimd)) {
            char a[160], b[160];
            show(&ref, &cref, a, sizeof a);
            show(&got, &csimd, b, sizeof b);
            AT_CHECK(0, "%s (%zu x %zu): %s gives %s, reference %s", what, m, n,
                     bm_isa_name(simd_isas[k]), b, a);
        }
    }
}

static void test_random(size_t pairs_per_case, size_t max_len)
{
    for (int si = 0; si < n_scorings; si++) {
        const scoring_t *s = &scorings[si];
        for (int variant = 0; variant < 10; variant++) {
            /* local, global, semi-global, extension without drops, with z-drop, with X-drop and
             * with both; the first three with and without CIGARs */
            int mode = variant < 6 ? variant / 2 : 3, want_cigar = variant < 6 ? variant % 2 : 0;
            if (variant >= 6) want_cigar = (int)at_below(2);
            bm_align_opts_t o;
            bm_align_opts_init(&o);
            o.mode = (bm_align_mode_t)mode;
            o.scoring = &s->sc;
            o.gap_open = s->open;
            o.gap_extend = s->extend;
            o.want_cigar = want_cigar;
            if (variant == 7 || variant == 9) o.zdrop = (int)at_below(80);
            if (variant == 8 || variant == 9) o.xdrop = (int)at_below(120);
            bm_aligner_t *al;
            if (bm_aligner_new(&al, &o) < 0) abort();
            for (size_t k = 0; k < pairs_per_case; k++) {
                size_t m, n;
                random_pair(s, want_cigar ? max_len / 2 : max_len, &m, &n);
                char what[160];
                snprintf(what, sizeof what, "%s %s%s zdrop %d xdrop %d pair %zu", s->name,
                         at_mode_names[mode], want_cigar ? " cigar" : "", o.zdrop, o.xdrop, k);
                check_pair(al, qbuf, m, tbuf, n, what);
            }
            bm_aligner_free(al);
        }
    }
}

/* One query against many targets with one aligner, each instruction set aligning all targets in
 * a row (the query profile is built once and reused), against the reference's results. */
static void test_one_query_many_targets(void)
{
    enum { TARGETS = 20, TLEN = 650 };
    static char targets[TARGETS][TLEN], q[160];
    static size_t tlen[TARGETS];
    static bm_align_result_t ref[TARGETS];
    static bm_cigar_buf_t cref[TARGETS];
    const size_t m = 150;
    for (int mode = 0; mode < 4; mode++) {
        bm_align_opts_t o;
        bm_align_opts_init(&o);
        o.mode = (bm_align_mode_t)mode;
        o.scoring = &scorings[0].sc;
        o.want_cigar = mode % 2;
        bm_aligner_t *al;
        if (bm_aligner_new(&al, &o) < 0) abort();
        at_random_seq(q, m, "ACGT");
        if (bm_isa_force(BM_ISA_SCALAR) < 0) abort();
        for (int k = 0; k < TARGETS; k++) {
            tlen[k] = 50 + at_below(600);
            at_random_seq(targets[k], tlen[k], "ACGT");
            if (k % 3 == 0) { /* a mutated copy of the query inside */
                size_t a = at_below(tlen[k]);
                at_mutate(q, m, targets[k] + a, tlen[k] - a, "ACGT", 2);
            }
            cref[k].len = 0;
            if (bm_align_pair(al, q, m, targets[k], tlen[k], &ref[k], &cref[k]) < 0) abort();
        }
        for (size_t x = 0; x < sizeof simd_isas / sizeof simd_isas[0]; x++) {
            if (!bm_isa_supported(simd_isas[x])) continue;
            bm_isa_force(simd_isas[x]);
            for (int k = 0; k < TARGETS; k++) {
                static bm_cigar_buf_t cgot;
                bm_align_result_t got;
                cgot.len = 0;
                int rc = bm_align_pair(al, q, m, targets[k], tlen[k], &got, &cgot);
                AT_CHECK(rc == 0 && same(&ref[k], &cref[k], &got, &cgot),
                         "one query, %s, target %d: %s differs from the reference",
                         at_mode_names[mode], k, bm_isa_name(simd_isas[x]));
                compared[simd_isas[x]]++;
            }
        }
        bm_aligner_free(al);
    }
    for (int k = 0; k < TARGETS; k++) bm_cigar_buf_free(&cref[k]);
}

/* Scores high enough for every lane width: related pairs of growing length, every mode. */
static void test_overflow_ladder(void)
{
    bm_scoring_t sc;
    bm_scoring_dna(&sc, 2, -3, -1);
    bm_align_opts_t o;
    bm_align_opts_init(&o);
    o.scoring = &sc;
    o.gap_open = 5;
    o.gap_extend = 2;
    static const size_t lens[] = {60, 120, 126, 127, 128, 129, 140, 200, 600};
    for (int mode = 0; mode < 4; mode++) {
        o.mode = (bm_align_mode_t)mode;
        bm_aligner_t *al;
        if (bm_aligner_new(&al, &o) < 0) abort();
        for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
            at_random_seq(tbuf, lens[k], "ACGT");
            memcpy(qbuf, tbuf, lens[k]); /* identical: score 2 * length */
            char what[64];
            snprintf(what, sizeof what, "identical %zu, %s", lens[k], at_mode_names[mode]);
            check_pair(al, qbuf, lens[k], tbuf, lens[k], what);
        }
        bm_aligner_free(al);
    }
    /* 16-bit lanes: local scores up to 65534 (stored - 32768), other modes by the proven range;
     * matches of 1000 cross it at 66 letters */
    bm_scoring_dna(&sc, 1000, -1000, -1);
    static const size_t lens16[] = {30, 60, 65, 66, 70, 200};
    for (int gaps = 0; gaps < 2; gaps++)
        for (int mode = 0; mode < 4; mode++) {
            o.gap_open = gaps ? 0 : 1500; /* free gaps: the begin bound of the reversed prefixes */
            o.gap_extend = gaps ? 0 : 100;
            o.mode = (bm_align_mode_t)mode;
            for (int want_cigar = 0; want_cigar < 2; want_cigar++) {
                o.want_cigar = want_cigar;
                bm_aligner_t *al;
                if (bm_aligner_new(&al, &o) < 0) abort();
                for (size_t k = 0; k < sizeof lens16 / sizeof lens16[0]; k++) {
                    size_t len = lens16[k];
                    at_random_seq(tbuf, len + 20, "ACGT");
                    size_t m = k % 2 ? len : at_mutate(tbuf + 10, len, qbuf, MAXLEN, "ACGT", 1);
                    if (k % 2) memcpy(qbuf, tbuf + 10, len);
                    char what[80];
                    snprintf(what, sizeof what, "16-bit overflow %zu, open %d, %s%s", len,
                             o.gap_open, at_mode_names[mode], want_cigar ? " cigar" : "");
                    check_pair(al, qbuf, m, tbuf, len + 20, what);
                }
                bm_aligner_free(al);
            }
        }
}

int main(void)
{
    at_init(20240615);
    setup_scorings();
    int any = 0;
    for (size_t k = 0; k < sizeof simd_isas / sizeof simd_isas[0]; k++) {
        if (bm_isa_supported(simd_isas[k])) {
            printf("checking %s\n", bm_isa_name(simd_isas[k]));
            any = 1;
        }
    }
    if (!any) {
        puts("no SIMD instruction set to check on this machine: skipped");
        return 77;
    }
    test_overflow_ladder();
    test_one_query_many_targets();
    test_random(AT_SANITIZED ? 6 : 16, AT_SANITIZED ? 600 : 2000);
    for (size_t k = 0; k < sizeof simd_isas / sizeof simd_isas[0]; k++)
        if (compared[simd_isas[k]])
            printf("%s: %zu pairs equal to the reference\n", bm_isa_name(simd_isas[k]),
                   compared[simd_isas[k]]);
    return at_finish("align_striped");
}
