/* parasail as the peer: the built-in matrices entry by entry, then score and end positions of
 * local (sw), global (nw) and semi-global (sg_dx: free target ends) alignments on random DNA and
 * protein pairs with several scorings, and on real reads against windows of the lambda genome.
 * parasail's gap open includes the first extension, as ours; its ends are inclusive. */
#ifndef BIOMETAL_HAVE_PARASAIL
#include <stdio.h>
int main(void)
{
    puts("align_parasail: libparasail-dev not found at build time: skipped");
    return 77;
}
#else
#include "align_test.h"

#include "biometal/io.h"
#include "biometal/ops.h"

#include <parasail.h>

typedef parasail_result_t *(*pfn_t)(const char *, const int, const char *, const int, const int,
                                    const int, const parasail_matrix_t *);

static const struct {
    bm_align_mode_t mode;
    pfn_t fn;
    const char *name;
} modes[] = {
    {BM_ALIGN_LOCAL, parasail_sw_scan, "sw"},
    {BM_ALIGN_GLOBAL, parasail_nw_scan, "nw"},
    {BM_ALIGN_SEMIGLOBAL, parasail_sg_dx_scan, "sg_dx"},
};

static size_t compared;

/* One pair in the three modes: same score; same ends (parasail's are inclusive) when aligned. */
static void compare(const bm_scoring_t *sc, const parasail_matrix_t *pm, int open, int extend,
                    const char *q, size_t m, const char *t, size_t n, const char *what)
{
    for (size_t k = 0; k < 3; k++) {
        bm_align_opts_t o;
        bm_align_opts_init(&o);
        o.mode = modes[k].mode;
        o.scoring = sc;
        o.gap_open = open;
        o.gap_extend = extend;
        bm_aligner_t *al;
        if (bm_aligner_new(&al, &o) < 0) {
            fprintf(stderr, "%s\n", bm_last_error());
            exit(1);
        }
        bm_align_result_t r;
        int rc = bm_align_pair(al, q, m, t, n, &r, NULL);
        bm_aligner_free(al);
        parasail_result_t *p = modes[k].fn(q, (int)m, t, (int)n, open, extend, pm);
        AT_CHECK(rc == 0 && p, "%s %s: rc %d %s", what, modes[k].name, rc, bm_last_error());
        if (rc == 0 && p) {
            /* parasail reports ends in cells 1..n only, so an alignment of query letters
             * against no target letter (tend 0, all insertions, tied with ending at 1) has no
             * parasail counterpart */
            int aligned = (r.qend > r.qbeg || r.tend > r.tbeg) && r.tend > 0;
            AT_CHECK(r.score == p->score,
                     "%s %s (%zu x %zu, open %d extend %d): score %d, parasail %d", what,
                     modes[k].name, m, n, open, extend, r.score, p->score);
            if (aligned && r.score == p->score)
                AT_CHECK(r.qend == p->end_query + 1 && r.tend == p->end_ref + 1,
                         "%s %s (%zu x %zu): ends (%d,%d), parasail (%d,%d) inclusive", what,
                         modes[k].name, m, n, r.qend, r.tend, p->end_query, p->end_ref);
            compared++;
        }
        parasail_result_free(p);
    }
}

/* Our built-ins against parasail's tables, every pair of letters. */
static void test_matrices(void)
{
    static const char *names[][2] = {{"BLOSUM45", "blosum45"}, {"BLOSUM50", "blosum50"},
                                     {"BLOSUM62", "blosum62"}, {"BLOSUM80", "blosum80"},
                                     {"PAM250", "pam250"},     {"EDNAFULL", "dnafull"}};
    for (size_t k = 0; k < 6; k++) {
        bm_scoring_t sc;
        const parasail_matrix_t *pm = parasail_matrix_lookup(names[k][1]);
        AT_CHECK(bm_scoring_builtin(&sc, names[k][0]) == 0 && pm, "matrix %s", names[k][0]);
        if (!pm) continue;
        int diffs = 0;
        for (int a = 0; a < sc.size; a++)
            for (int b = 0; b < sc.size; b++) {
                int pa = pm->mapper[(unsigned char)sc.letters[a]];
                int pb = pm->mapper[(unsigned char)sc.letters[b]];
                if (pm->matrix[pa * pm->size + pb] != sc.score[a][b]) diffs++;
            }
        AT_CHECK(diffs == 0 && sc.size == pm->size, "%s: %d entries differ from parasail's %s",
                 names[k][0], diffs, names[k][1]);
    }
}

/* A parasail matrix equal to bm_scoring_dna(match, mismatch, n_score) over ACGTN. */
static parasail_matrix_t *parasail_dna(int match, int mismatch, int n_score)
{
    parasail_matrix_t *pm = parasail_matrix_create("ACGTN", match, mismatch);
    for (int i = 0; i < 5; i++) {
        parasail_matrix_set_value(pm, 4, i, n_score);
        parasail_matrix_set_value(pm, i, 4, n_score);
    }
    return pm;
}

enum { MAXLEN = 2100 };
static char qbuf[MAXLEN], tbuf[MAXLEN];

/* Random pairs: unrelated, related, and query from inside the target (lengths >= 1: parasail
 * refuses empty sequences). */
static void random_pairs(const bm_scoring_t *sc, const parasail_matrix_t *pm, int open, int extend,
                         const char *alphabet, int count, const char *what)
{
    for (int k = 0; k < count; k++) {
        size_t max = k % 200 == 199 ? 2000 : 200;
        size_t n = 1 + at_below(max), m;
        at_random_seq(tbuf, n, alphabet);
        switch (k % 3) {
        case 0:
            m = 1 + at_below(max);
            at_random_seq(qbuf, m, alphabet);
            break;
        case 1:
            m = at_mutate(tbuf, n, qbuf, MAXLEN, alphabet, 2 + (unsigned)at_below(8));
            break;
        default: {
            size_t a = at_below(n), b = a + 1 + at_below(n - a);
            m = at_mutate(tbuf + a, b - a, qbuf, MAXLEN, alphabet, (unsigned)at_below(6));
        }
        }
        if (m == 0) qbuf[m++] = alphabet[0];
        char label[96];
        snprintf(label, sizeof label, "%s pair %d", what, k);
        compare(sc, pm, open, extend, qbuf, m, tbuf, n, label);
    }
}

static void test_random(void)
{
    static const struct {
        int match, mismatch, n_score, open, extend, count;
    } dna[] = {
        {2, -4, -1, 6, 2, 400}, {1, -1, -1, 1, 1, 250}, {5, -4, -2, 40, 1, 250},
        {1, -6, -1, 3, 1, 250}, {2, -3, 0, 0, 0, 100},
    };
    for (size_t k = 0; k < sizeof dna / sizeof dna[0]; k++) {
        bm_scoring_t sc;
        bm_scoring_dna(&sc, dna[k].match, dna[k].mismatch, dna[k].n_score);
        parasail_matrix_t *pm = parasail_dna(dna[k].match, dna[k].mismatch, dna[k].n_score);
        char what[64];
        snprintf(what, sizeof what, "dna %d/%d/%d", dna[k].match, dna[k].mismatch, dna[k].n_score);
        random_pairs(&sc, pm, dna[k].open, dna[k].extend, "ACGTACGTACGTACGTNacgt", dna[k].count,
                     what);
        parasail_matrix_free(pm);
    }
    static const struct {
        const char *ours, *theirs;
        int open, extend, count;
        const char *alphabet;
    } protein[] = {
        {"BLOSUM62", "blosum62", 11, 1, 300, "ARNDCQEGHILKMFPSTWYVarndcqeghilkmfpstwyvBZX*"},
        {"BLOSUM45", "blosum45", 15, 2, 150, "ARNDCQEGHILKMFPSTWYV"},
        {"PAM250", "pam250", 10, 1, 150, "ARNDCQEGHILKMFPSTWYV"},
        {"BLOSUM80", "blosum80", 100, 10, 100, "ARNDCQEGHILKMFPSTWYV"},
        {"EDNAFULL", "dnafull", 10, 1, 150, "ACGTACGTACGTACGTURYN"},
    };
    for (size_t k = 0; k < sizeof protein / sizeof protein[0]; k++) {
        bm_scoring_t sc;
        bm_scoring_builtin(&sc, protein[k].ours);
        random_pairs(&sc, parasail_matrix_lookup(protein[k].theirs), protein[k].open,
                     protein[k].extend, protein[k].alphabet, protein[k].count, protein[k].ours);
    }
}

/* The whole sequence of the first record of a file. */
static char *read_first(const char *path, size_t *len)
{
    bm_fastx_reader_t *r;
    bm_record_t rec;
    if (bm_fastx_open(&r, path, NULL) < 0 || bm_fastx_next(r, &rec) != 1) {
        fprintf(stderr, "%s: %s\n", path, bm_last_error());
        exit(1);
    }
    char *s = malloc(rec.seq_len);
    memcpy(s, rec.seq, rec.seq_len);
    *len = rec.seq_len;
    bm_fastx_close(r);
    return s;
}

/* Reads against the window of the reference they come from (found by an exact 16-mer of the read
 * or of its reverse complement), 40 bases of flank on each side. */
static void test_reads(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/lambda_virus.fa.gz", dir);
    size_t glen;
    char *genome = read_first(path, &glen);
    char *gz = malloc(glen + 1);
    memcpy(gz, genome, glen);
    gz[glen] = '\0';
    snprintf(path, sizeof path, "%s/reads_1.fq.gz", dir);
    bm_fastx_reader_t *r;
    if (bm_fastx_open(&r, path, NULL) < 0) {
        fprintf(stderr, "%s: %s\n", path, bm_last_error());
        exit(1);
    }
    bm_scoring_t sc;
    bm_scoring_dna(&sc, 2, -4, -1);
    parasail_matrix_t *pm = parasail_dna(2, -4, -1);
    bm_record_t rec;
    int placed = 0, seen = 0;
    char *rc_read = malloc(MAXLEN);
    while (placed < 100 && bm_fastx_next(r, &rec) == 1) {
        seen++;
        if (rec.seq_len < 40 || rec.seq_len > 1000) continue;
        bm_reverse_complement(rec.seq, rec.seq_len, rc_read);
        const char *strands[2] = {rec.seq, rc_read};
        for (int s = 0; s < 2; s++) {
            const char *hit = NULL;
            size_t off;
            for (off = 10; off + 16 <= rec.seq_len && !hit; off += 37) {
                char kmer[17];
                memcpy(kmer, strands[s] + off, 16);
                kmer[16] = '\0';
                if (!strchr(kmer, 'N')) hit = strstr(gz, kmer);
            }
            if (!hit) continue;
            off -= 37;
            long start = (long)(hit - gz) - (long)off - 40;
            size_t a = start < 0 ? 0 : (size_t)start, b = a + rec.seq_len + 80;
            if (b > glen) b = glen;
            char label[128];
            snprintf(label, sizeof label, "read %.*s (%s strand)", (int)rec.name_len, rec.name,
                     s ? "reverse" : "forward");
            compare(&sc, pm, 6, 2, strands[s], rec.seq_len, genome + a, b - a, label);
            placed++;
            break;
        }
    }
    AT_CHECK(placed == 100, "only %d of %d reads placed on the reference", placed, seen);
    free(rc_read);
    parasail_matrix_free(pm);
    bm_fastx_close(r);
    free(gz);
    free(genome);
}

int main(int argc, char **argv)
{
    at_init(31337);
    test_matrices();
    test_random();
    if (argc > 1) test_reads(argv[1]);
    printf("%zu alignments compared with parasail\n", compared);
    return at_finish("align_parasail");
}
#endif
