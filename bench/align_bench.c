/* Alignment benchmark: biometal's striped kernels against parasail (its fastest striped / scan
 * Smith-Waterman kernels, score-only and with traceback) and SSW on simulated 150 bp reads against
 * windows of a genome of 150 bp .. 10 kbp, and protein queries against a protein set; 1 and 2
 * threads; every tool's scores checked equal first; medians of N timed runs, Markdown out.
 * Usage: align_bench GENOME.fa[.gz] RUNS SCALE (SCALE 1 = full size, 0.1 = quick check) */
#include "biometal/align.h"
#include "biometal/error.h"
#include "biometal/io.h"
#include "biometal/ops.h"

#include <parasail.h>
#include <pthread.h>
#include <ssw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- input ---- */

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static size_t below(size_t n)
{
    return n ? (size_t)(next() % n) : 0;
}

static char *genome;
static size_t genome_len;

static void load_genome(const char *path)
{
    bm_fastx_reader_t *r;
    bm_record_t rec;
    if (bm_fastx_open(&r, path, NULL) < 0 || bm_fastx_next(r, &rec) <= 0) {
        fprintf(stderr, "align_bench: %s: %s\n", path, bm_last_error());
        exit(1);
    }
    genome = malloc(rec.seq_len);
    for (size_t i = 0; i < rec.seq_len; i++) genome[i] = (char)(rec.seq[i] & ~0x20);
    genome_len = rec.seq_len;
    bm_fastx_close(r);
}

/* A copy of src with about `rate` per mille substitutions and rate/10 insertions and deletions. */
static size_t mutate(const char *src, size_t len, char *out, const char *alpha, unsigned rate)
{
    size_t o = 0, k = strlen(alpha);
    for (size_t i = 0; i < len; i++) {
        unsigned r = (unsigned)below(1000);
        if (r < rate / 10) continue;
        if (r < rate / 5) out[o++] = alpha[below(k)];
        out[o++] = r < rate ? alpha[below(k)] : src[i];
    }
    return o;
}

typedef struct {
    const char *q, *t;
    int m, n;
} pair_t;

typedef struct {
    const char *name;
    pair_t *p;
    size_t n;
    double cells;
    int protein;
} set_t;

/* Reads of 150 bp (1% substitutions, 0.1% indels) against genome windows of `tlen` holding them. */
static set_t read_set(int tlen, size_t n)
{
    set_t s = {NULL, calloc(n, sizeof(pair_t)), n, 0, 0};
    for (size_t k = 0; k < n; k++) {
        size_t w = below(genome_len - (size_t)tlen), at = w + below((size_t)tlen - 150 + 1);
        char *q = malloc(200);
        s.p[k].m = (int)mutate(genome + at, 150, q, "ACGT", 10);
        s.p[k].q = q;
        s.p[k].t = genome + w;
        s.p[k].n = tlen;
        s.cells += (double)s.p[k].m * tlen;
    }
    return s;
}

/* Protein queries (mutated copies of members, 25% substitutions) against a set of proteins of
 * 100-500 residues, every query against every protein. */
static set_t protein_set(size_t nq, size_t nt)
{
    static const char aa[] = "ARNDCQEGHILKMFPSTWYV";
    char **prot = malloc(nt * sizeof *prot);
    int *len = malloc(nt * sizeof *len);
    for (size_t k = 0; k < nt; k++) {
        len[k] = 100 + (int)below(401);
        prot[k] = malloc((size_t)len[k]);
        for (int i = 0; i < len[k]; i++) prot[k][i] = aa[below(20)];
    }
    set_t s = {NULL, calloc(nq * nt, sizeof(pair_t)), nq * nt, 0, 1};
    for (size_t a = 0; a < nq; a++) {
        size_t src = below(nt);
        char *q = malloc((size_t)len[src] * 2 + 8);
        int m = (int)mutate(prot[src], (size_t)len[src], q, aa, 250);
        for (size_t b = 0; b < nt; b++) {
            pair_t *p = &s.p[a * nt + b];
            p->q = q, p->m = m, p->t = prot[b], p->n = len[b];
            s.cells += (double)m * len[b];
        }
    }
    return s;
}

/* ---- tools ---- */

typedef struct {
    int dna;
    bm_scoring_t sc;
    int open, extend;
    const parasail_matrix_t *pm;
    int8_t ssw_mat[32 * 32];
    int8_t ssw_code[256];
} scoring_t;

static scoring_t dna_scoring, protein_scoring;

static void setup_scorings(void)
{
    scoring_t *d = &dna_scoring;
    d->dna = 1;
    bm_scoring_dna(&d->sc, 2, -3, -3);
    d->open = 5, d->extend = 2;
    d->pm = parasail_matrix_create("ACGTN", 2, -3);
    scoring_t *p = &protein_scoring;
    bm_scoring_builtin(&p->sc, "BLOSUM62");
    p->open = 11, p->extend = 1;
    p->pm = parasail_matrix_lookup("blosum62");
    for (int k = 0; k < 2; k++) {
        scoring_t *s = k ? p : d;
        int n = s->sc.size;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) s->ssw_mat[a * n + b] = (int8_t)s->sc.score[a][b];
        for (int c = 0; c < 256; c++) s->ssw_code[c] = s->sc.index[c] < 0 ? 0 : s->sc.index[c];
    }
}

typedef enum {
    T_BIOMETAL,
    T_BIOMETAL_CIGAR,
    T_PARASAIL,
    T_PARASAIL_TRACE,
    T_SSW,
    T_SSW_CIGAR
} tool_t;

typedef struct {
    tool_t tool;
    const char *label;
    const void *fn; /* parasail function */
} variant_t;

typedef parasail_result_t *(*pfn_t)(const char *, const int, const char *, const int, const int,
                                    const int, const parasail_matrix_t *);

typedef struct {
    const set_t *set;
    const scoring_t *sc;
    const variant_t *v;
    size_t from, to;
    int *scores; /* per pair, for the checks */
    long long checksum;
} job_t;

static void *run_job(void *arg)
{
    job_t *j = arg;
    const scoring_t *sc = j->sc;
    bm_aligner_t *al = NULL;
    bm_cigar_buf_t cig = {0};
    if (j->v->tool == T_BIOMETAL || j->v->tool == T_BIOMETAL_CIGAR) {
        bm_align_opts_t o;
        bm_align_opts_init(&o);
        o.scoring = &sc->sc;
        o.gap_open = sc->open;
        o.gap_extend = sc->extend;
        o.want_cigar = j->v->tool == T_BIOMETAL_CIGAR;
        bm_aligner_new(&al, &o);
    }
    int8_t *qc = malloc(4096), *tc = malloc(20000);
    long long sum = 0;
    for (size_t k = j->from; k < j->to; k++) {
        const pair_t *p = &j->set->p[k];
        int score = 0;
        switch (j->v->tool) {
        case T_BIOMETAL:
        case T_BIOMETAL_CIGAR: {
            bm_align_result_t r;
            cig.len = 0;
            if (bm_align_pair(al, p->q, (size_t)p->m, p->t, (size_t)p->n, &r, &cig) < 0) {
                fprintf(stderr, "align_bench: %s\n", bm_last_error());
                exit(1);
            }
            score = r.score;
            sum += r.qbeg + r.tbeg + r.n_cigar;
            break;
        }
        case T_PARASAIL:
        case T_PARASAIL_TRACE: {
            parasail_result_t *r =
                ((pfn_t)j->v->fn)(p->q, p->m, p->t, p->n, sc->open, sc->extend, sc->pm);
            score = parasail_result_get_score(r);
            if (j->v->tool == T_PARASAIL_TRACE) {
                parasail_cigar_t *c = parasail_result_get_cigar(r, p->q, p->m, p->t, p->n, sc->pm);
                sum += c->len + c->beg_query + c->beg_ref;
                parasail_cigar_free(c);
            }
            parasail_result_free(r);
            break;
        }
        case T_SSW:
        case T_SSW_CIGAR: {
            for (int i = 0; i < p->m; i++) qc[i] = sc->ssw_code[(unsigned char)p->q[i]];
            for (int i = 0; i < p->n; i++) tc[i] = sc->ssw_code[(unsigned char)p->t[i]];
            s_profile *prof = ssw_init(qc, p->m, sc->ssw_mat, sc->sc.size, 2);
            s_align *a = ssw_align(prof, tc, p->n, (uint8_t)sc->open, (uint8_t)sc->extend,
                                   j->v->tool == T_SSW_CIGAR ? 0x0f : 0x08, 0, 0, 15);
            score = a->score1;
            sum += a->read_begin1 + a->ref_begin1 + a->cigarLen;
            align_destroy(a);
            init_destroy(prof);
            break;
        }
        }
        if (j->scores) j->scores[k] = score;
        sum += score;
    }
    j->checksum = sum;
    free(qc);
    free(tc);
    bm_cigar_buf_free(&cig);
    bm_aligner_free(al);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One pass over the set with `threads` threads (pairs split in contiguous halves); seconds. */
static double run_once(const set_t *s, const scoring_t *sc, const variant_t *v, int threads,
                       int *scores)
{
    job_t jobs[2];
    pthread_t tid[2];
    double t0 = now();
    for (int k = 0; k < threads; k++) {
        jobs[k] = (job_t){s,
                          sc,
                          v,
                          s->n * (size_t)k / (size_t)threads,
                          s->n * (size_t)(k + 1) / (size_t)threads,
                          scores,
                          0};
        if (k) pthread_create(&tid[k], NULL, run_job, &jobs[k]);
    }
    run_job(&jobs[0]);
    for (int k = 1; k < threads; k++) pthread_join(tid[k], NULL);
    return now() - t0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static const variant_t variants[] = {
    {T_BIOMETAL, "biometal (score, begin, end)", NULL},
    {T_BIOMETAL_CIGAR, "biometal + CIGAR", NULL},
    {T_PARASAIL, "parasail sw_striped_avx2_256_16", (const void *)parasail_sw_striped_avx2_256_16},
    {T_PARASAIL, "parasail sw_scan_avx2_256_16", (const void *)parasail_sw_scan_avx2_256_16},
    {T_PARASAIL, "parasail sw_striped_avx2_256_sat",
     (const void *)parasail_sw_striped_avx2_256_sat},
    {T_PARASAIL_TRACE, "parasail sw_trace_striped_avx2_256_16 + cigar",
     (const void *)parasail_sw_trace_striped_avx2_256_16},
    {T_PARASAIL_TRACE, "parasail sw_trace_scan_avx2_256_16 + cigar",
     (const void *)parasail_sw_trace_scan_avx2_256_16},
    {T_SSW, "SSW (score, begin, end)", NULL},
    {T_SSW_CIGAR, "SSW + CIGAR", NULL},
};
enum { N_VARIANTS = sizeof variants / sizeof variants[0] };

static void bench_set(const set_t *s, int runs)
{
    const scoring_t *sc = s->protein ? &protein_scoring : &dna_scoring;
    printf("\n### %s\n\n", s->name);
    printf("%zu pairs, %.1f Mcells per pass (query letters x target letters); %s, gap open %d, "
           "extend %d.\n\n",
           s->n, s->cells / 1e6, s->protein ? "BLOSUM62" : "match 2 / mismatch -3", sc->open,
           sc->extend);
    /* the checks: every tool's score equal to biometal's on every pair */
    int *ref = malloc(s->n * sizeof *ref), *got = malloc(s->n * sizeof *got);
    run_once(s, sc, &variants[0], 1, ref);
    for (int v = 1; v < N_VARIANTS; v++) {
        run_once(s, sc, &variants[v], 1, got);
        size_t bad = 0;
        for (size_t k = 0; k < s->n; k++) bad += got[k] != ref[k];
        if (bad)
            printf("- **WARNING:** %s: %zu of %zu scores differ from biometal's\n",
                   variants[v].label, bad, s->n);
    }
    printf("- scores checked: every tool equal to biometal on all %zu pairs unless warned "
           "above\n\n",
           s->n);
    printf("| tool | threads | median ms | min ms | GCUPS | vs parasail best score-only |\n");
    printf("|---|---:|---:|---:|---:|---:|\n");
    double med[N_VARIANTS][3], mins[N_VARIANTS][3];
    double *t = malloc((size_t)runs * sizeof *t);
    for (int threads = 1; threads <= 2; threads++) {
        for (int v = 0; v < N_VARIANTS; v++) {
            run_once(s, sc, &variants[v], threads, NULL); /* warm-up */
            for (int r = 0; r < runs; r++) t[r] = run_once(s, sc, &variants[v], threads, NULL);
            qsort(t, (size_t)runs, sizeof *t, cmp_double);
            med[v][threads] = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
            mins[v][threads] = t[0];
        }
        double best = 1e30;
        for (int v = 0; v < N_VARIANTS; v++)
            if (variants[v].tool == T_PARASAIL && med[v][threads] < best) best = med[v][threads];
        for (int v = 0; v < N_VARIANTS; v++)
            printf("| %s | %d | %.2f | %.2f | %.2f | %.2fx |\n", variants[v].label, threads,
                   med[v][threads] * 1e3, mins[v][threads] * 1e3, s->cells / med[v][threads] / 1e9,
                   best / med[v][threads]);
    }
    free(t);
    free(ref);
    free(got);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: align_bench GENOME.fa[.gz] RUNS SCALE\n");
        return 2;
    }
    load_genome(argv[1]);
    int runs = atoi(argv[2]);
    double scale = atof(argv[3]);
    setup_scorings();
    int pa, pb, pc;
    parasail_version(&pa, &pb, &pc);
    printf("biometal kernels: %s (BIOMETAL_ISA to change); parasail %d.%d.%d; SSW (libssw)\n",
           bm_isa_name(bm_isa_active()), pa, pb, pc);
    static const struct {
        int tlen;
        size_t pairs;
    } sizes[] = {{150, 6000}, {500, 2000}, {1000, 1000}, {10000, 100}};
    for (size_t k = 0; k < 4; k++) {
        size_t n = (size_t)(sizes[k].pairs * scale);
        set_t s = read_set(sizes[k].tlen, n ? n : 1);
        char name[96];
        snprintf(name, sizeof name, "150 bp reads vs %d bp targets (local)", sizes[k].tlen);
        s.name = name;
        bench_set(&s, runs);
    }
    size_t nq = (size_t)(20 * scale);
    set_t s = protein_set(nq ? nq : 2, 100);
    s.name = "protein queries vs 100 proteins of 100-500 residues (local, all against all)";
    bench_set(&s, runs);
    return 0;
}
