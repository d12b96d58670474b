/* GPU alignment engine: correctness against the CPU reference and timings, in one run.
 * Reads simulated from a real reference (150 bp vs their 250 bp window), random pairs of mixed
 * lengths and scorings; every GPU result compared field by field with bm_align_batch. */
#include "biometal/biometal.h"
#include "biometal/gpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng = 20261125;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

static void push(bm_batch_t *b, const char *name, const char *seq, size_t len)
{
    bm_record_t r = {.name = name, .name_len = strlen(name), .seq = seq, .seq_len = len};
    if (bm_batch_push(b, &r) < 0) {
        fprintf(stderr, "gpu_bench: %s\n", bm_last_error());
        exit(1);
    }
}

/* A read of qlen from a random window of tlen of the reference, with substitutions (2%), small
 * indels (0.2%) and Ns (0.1%): the read's window is the target. */
static void simulate(const char *ref, size_t rlen, size_t n, int qlen, int tlen, bm_batch_t *q,
                     bm_batch_t *t)
{
    char *read = malloc((size_t)qlen * 2 + 16), name[32];
    static const char acgt[] = "ACGT";
    for (size_t k = 0; k < n; k++) {
        size_t pos = rnd() % (rlen - (size_t)tlen);
        size_t off = rnd() % (size_t)(tlen - qlen + 1);
        const char *src = ref + pos + off;
        int len = 0;
        for (int i = 0; len < qlen && off + (size_t)i < (size_t)tlen; i++) {
            unsigned x = (unsigned)(rnd() % 10000);
            if (x < 10) continue;                                    /* deletion */
            if (x < 20 && len < qlen) read[len++] = acgt[rnd() % 4]; /* insertion */
            if (len >= qlen) break;
            if (x < 220)
                read[len++] = acgt[rnd() % 4];
            else if (x < 230)
                read[len++] = 'N';
            else
                read[len++] = src[i];
        }
        snprintf(name, sizeof name, "r%zu", k);
        push(q, name, read, (size_t)len);
        push(t, name, ref + pos, (size_t)tlen);
    }
    free(read);
}

static void random_pairs(size_t n, int maxlen, const char *alphabet, bm_batch_t *q, bm_batch_t *t)
{
    size_t na = strlen(alphabet);
    char *a = malloc((size_t)maxlen + 1), *b = malloc((size_t)maxlen + 1), name[32];
    for (size_t k = 0; k < n; k++) {
        size_t la = rnd() % ((size_t)maxlen + 1), lb = rnd() % ((size_t)maxlen + 1);
        for (size_t i = 0; i < la; i++) a[i] = alphabet[rnd() % na];
        for (size_t i = 0; i < lb; i++) /* half the pairs related: b copies a with changes */
            b[i] = (k % 2 && i < la && rnd() % 5) ? a[i] : alphabet[rnd() % na];
        snprintf(name, sizeof name, "p%zu", k);
        push(q, name, a, la);
        push(t, name, b, lb);
    }
    free(a);
    free(b);
}

/* GPU vs CPU on the first `check` pairs (with want_cigar also the counts and the CIGARs, op by
 * op); returns mismatches. */
static size_t compare(const bm_align_opts_t *o, const bm_batch_t *q, const bm_batch_t *t,
                      size_t check, const bm_align_result_t *gpu, const bm_cigar_buf_t *gcig,
                      double *cpu_ms, const char *what)
{
    bm_aligner_t *al;
    if (bm_aligner_new(&al, o) < 0) {
        fprintf(stderr, "gpu_bench: %s\n", bm_last_error());
        exit(1);
    }
    bm_align_result_t *cpu = calloc(check ? check : 1, sizeof *cpu);
    bm_cigar_buf_t ccig = {0};
    double t0 = now_ms();
    if (bm_align_batch(al, q, t, check, BM_ALIGN_PAIRWISE, 0, cpu, o->want_cigar ? &ccig : NULL) <
        0) {
        fprintf(stderr, "gpu_bench: CPU: %s\n", bm_last_error());
        exit(1);
    }
    *cpu_ms = now_ms() - t0;
    size_t bad = 0;
    for (size_t k = 0; k < check; k++) {
        const bm_align_result_t *a = &cpu[k], *b = &gpu[k];
        int same = a->score == b->score && a->qbeg == b->qbeg && a->qend == b->qend &&
                   a->tbeg == b->tbeg && a->tend == b->tend;
        if (same && o->want_cigar)
            same = a->n_match == b->n_match && a->n_mismatch == b->n_mismatch &&
                   a->n_gap_open == b->n_gap_open && a->n_gap_bases == b->n_gap_bases &&
                   a->n_cigar == b->n_cigar &&
                   memcmp(bm_align_cigar(&ccig, a), bm_align_cigar(gcig, b),
                          a->n_cigar * sizeof(uint32_t)) == 0;
        if (!same) {
            if (bad++ < 5)
                fprintf(stderr,
                        "MISMATCH %s pair %zu (seed 20261125): cpu %d q%d-%d t%d-%d, gpu %d "
                        "q%d-%d t%d-%d\n",
                        what, k, a->score, a->qbeg, a->qend, a->tbeg, a->tend, b->score, b->qbeg,
                        b->qend, b->tbeg, b->tend);
        }
    }
    free(cpu);
    bm_cigar_buf_free(&ccig);
    bm_aligner_free(al);
    return bad;
}

static bm_cigar_buf_t gpu_cigars;

static int run_gpu(const bm_align_opts_t *o, const bm_batch_t *q, const bm_batch_t *t, size_t n,
                   bm_align_result_t *res, bm_gpu_stats_t *st)
{
    memset(res, 0xab, n * sizeof *res); /* poison */
    gpu_cigars.len = 0;
    if (gpu_cigars.cap) memset(gpu_cigars.ops, 0xab, gpu_cigars.cap * sizeof(uint32_t));
    if (bm_gpu_align_batch(o, 0, q, t, n, BM_ALIGN_PAIRWISE, res, &gpu_cigars, st) < 0) {
        fprintf(stderr, "gpu_bench: GPU: %s\n", bm_last_error());
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *refpath = argc > 1 ? argv[1] : "data/sample/lambda_virus.fa.gz";
    size_t max_pairs = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000000;
    size_t check_pairs = argc > 3 ? strtoull(argv[3], NULL, 10) : 200000;
    int ngpu = bm_gpu_count();
    if (ngpu == 0) {
        printf("gpu_bench: skipped: no GPU (%s)\n", bm_gpu_why_not());
        return 77;
    }
    char desc[256];
    bm_gpu_describe(0, desc, sizeof desc);
    printf("device: %s; CPU threads %ld\n", desc, sysconf(_SC_NPROCESSORS_ONLN));

    bm_fastx_reader_t *r;
    bm_record_t rec;
    if (bm_fastx_open(&r, refpath, NULL) < 0 || bm_fastx_next(r, &rec) != 1) {
        fprintf(stderr, "gpu_bench: %s\n", bm_last_error());
        return 1;
    }
    char *ref = malloc(rec.seq_len);
    memcpy(ref, rec.seq, rec.seq_len);
    size_t rlen = rec.seq_len;
    bm_fastx_close(r);

    size_t failures = 0;
    bm_align_opts_t o;
    /* 0. A letter outside the alphabet: the GPU call fails with the CPU engine's message. */
    {
        bm_scoring_t blosum;
        bm_scoring_builtin(&blosum, "BLOSUM62");
        bm_align_opts_init(&o);
        o.scoring = &blosum;
        bm_batch_t q, t;
        bm_batch_init(&q);
        bm_batch_init(&t);
        push(&q, "good", "ACDEFGHIK", 9);
        push(&t, "good", "ACDEFGHIK", 9);
        push(&q, "bad", "ACDEJGHIK", 9);
        push(&t, "fine", "ACDEFGHIK", 9);
        bm_align_result_t res[2];
        bm_aligner_t *al;
        bm_aligner_new(&al, &o);
        int cpu_rc = bm_align_batch(al, &q, &t, 2, BM_ALIGN_PAIRWISE, 1, res, NULL);
        char cpu_msg[512];
        snprintf(cpu_msg, sizeof cpu_msg, "%s", bm_last_error());
        int gpu_rc = bm_gpu_align_batch(&o, 0, &q, &t, 2, BM_ALIGN_PAIRWISE, res, NULL, NULL);
        int same = cpu_rc == gpu_rc && gpu_rc == BM_EINVAL && strstr(cpu_msg, "'J'") &&
                   strstr(bm_last_error(), "'J'") && strstr(bm_last_error(), "query 2");
        printf("check bad letter: %s (GPU: %s)\n", same ? "refused as on the CPU" : "DIFFERENT",
               bm_last_error());
        failures += !same;
        bm_aligner_free(al);
        bm_batch_free(&q);
        bm_batch_free(&t);
    }
    /* 1. Correctness on random pairs, several scorings (all checked). */
    {
        bm_scoring_t dna, extreme, blosum;
        bm_scoring_dna(&dna, 2, -3, -1);
        bm_scoring_dna(&extreme, 1, -9, 0);
        bm_scoring_builtin(&blosum, "BLOSUM62");
        struct {
            const char *name, *alphabet;
            const bm_scoring_t *sc;
            int open, extend, maxlen;
        } cases[] = {
            {"dna 2/-3 5/2", "ACGTN", &dna, 5, 2, 700},
            {"dna 1/-9 20/1", "ACGT", &extreme, 20, 1, 300},
            {"dna 2/-3 0/0", "ACGT", &dna, 0, 0, 200},
            {"protein BLOSUM62 11/1", "ARNDCQEGHILKMFPSTWYVBZX", &blosum, 11, 1, 600},
        };
        for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
            bm_batch_t q, t;
            bm_batch_init(&q);
            bm_batch_init(&t);
            size_t n = max_pairs < 20000 ? max_pairs : 20000;
            random_pairs(n, cases[c].maxlen, cases[c].alphabet, &q, &t);
            bm_align_opts_init(&o);
            o.scoring = cases[c].sc;
            o.gap_open = cases[c].open;
            o.gap_extend = cases[c].extend;
            bm_align_result_t *res = malloc(n * sizeof *res);
            bm_gpu_stats_t st;
            double cpu_ms;
            static const char *outputs[] = {"score", "CIGAR =/X", "CIGAR M"};
            static const char *modes[] = {"local", "global", "semi"};
            static const bm_align_mode_t mode_of[] = {BM_ALIGN_LOCAL, BM_ALIGN_GLOBAL,
                                                      BM_ALIGN_SEMIGLOBAL};
            for (int mode = 0; mode < 3; mode++)
                for (int out = 0; out < 3; out++) {
                    o.mode = mode_of[mode];
                    o.want_cigar = out > 0;
                    o.cigar_style = out == 2 ? BM_CIGAR_M : BM_CIGAR_EQX;
                    size_t bad =
                        run_gpu(&o, &q, &t, n, res, &st) < 0
                            ? n
                            : compare(&o, &q, &t, n, res, &gpu_cigars, &cpu_ms, cases[c].name);
                    printf("check %-22s %-6s %-9s %zu random pairs, lengths 0..%d: %s\n",
                           cases[c].name, modes[mode], outputs[out], n, cases[c].maxlen,
                           bad ? "MISMATCH" : "identical to the CPU reference");
                    failures += bad;
                }
            o.mode = BM_ALIGN_LOCAL;
            free(res);
            bm_batch_free(&q);
            bm_batch_free(&t);
        }
    }

    /* 1b. Several devices (here the same device listed three times: three shares at once):
     * results and CIGARs identical to the CPU, pairwise and all-vs-all. */
    {
        bm_scoring_t dna;
        bm_scoring_dna(&dna, 2, -3, -1);
        bm_align_opts_init(&o);
        o.scoring = &dna;
        o.gap_open = 5;
        o.gap_extend = 2;
        o.want_cigar = 1;
        bm_batch_t q, t;
        bm_batch_init(&q);
        bm_batch_init(&t);
        size_t n = max_pairs < 5000 ? max_pairs : 5000;
        random_pairs(n, 400, "ACGTN", &q, &t);
        int devs[3] = {0, 0, 0};
        bm_align_result_t *g = malloc(n * sizeof *g), *cpu = malloc(n * sizeof *cpu);
        size_t bad = 0;
        for (int shape = 0; shape < 2; shape++) {
            /* all-vs-all: the first 50 queries against the first n / 50 targets */
            size_t nt = n / 50 ? n / 50 : 1, pairs = shape ? 50 * nt : n;
            bm_batch_t tv = t;
            if (shape) tv.count = nt;
            bm_cigar_buf_t gc = {0}, cc = {0};
            bm_aligner_t *al;
            bm_aligner_new(&al, &o);
            int rg = bm_gpu_align_batch_multi(&o, devs, 3, &q, &tv, pairs, (bm_align_shape_t)shape,
                                              g, &gc, NULL);
            int rcpu = bm_align_batch(al, &q, &tv, pairs, (bm_align_shape_t)shape, 0, cpu, &cc);
            if (rg < 0 || rcpu < 0) {
                fprintf(stderr, "gpu_bench: multi: %s\n", bm_last_error());
                bad++;
            }
            for (size_t k = 0; rg == 0 && rcpu == 0 && k < pairs; k++) {
                const bm_align_result_t *a = &cpu[k], *b = &g[k];
                if (a->score != b->score || a->qbeg != b->qbeg || a->qend != b->qend ||
                    a->tbeg != b->tbeg || a->tend != b->tend || a->n_cigar != b->n_cigar ||
                    a->n_match != b->n_match || a->n_gap_open != b->n_gap_open ||
                    memcmp(bm_align_cigar(&cc, a), bm_align_cigar(&gc, b),
                           a->n_cigar * sizeof(uint32_t)) != 0)
                    bad++;
            }
            bm_cigar_buf_free(&gc);
            bm_cigar_buf_free(&cc);
            bm_aligner_free(al);
        }
        printf("check devices 0,0,0 (three shares) pairwise and all-vs-all with CIGARs: %s\n",
               bad ? "MISMATCH" : "identical to the CPU reference");
        failures += bad;
        free(g);
        free(cpu);
        bm_batch_free(&q);
        bm_batch_free(&t);
    }

    /* 2. Reads vs their reference windows: correctness on the first check_pairs, timings. */
    bm_scoring_t sc;
    bm_scoring_dna(&sc, 2, -3, -1);
    bm_align_opts_init(&o);
    o.scoring = &sc;
    o.gap_open = 5;
    o.gap_extend = 2;
    struct {
        int qlen, tlen;
    } shapes[] = {{150, 250}, {150, 150}};
    printf("\n%-9s %-6s %9s %10s %10s %10s %9s %9s %10s\n", "shape", "output", "pairs", "kernel ms",
           "total ms", "copy ms", "GCUPS", "GCUPS e2e", "ns/align");
    for (size_t s2 = 0; s2 < 2 * sizeof shapes / sizeof *shapes; s2++) {
        size_t s = s2 / 2;
        o.want_cigar = (int)(s2 % 2);
        bm_batch_t q, t;
        bm_batch_init(&q);
        bm_batch_init(&t);
        simulate(ref, rlen, max_pairs, shapes[s].qlen, shapes[s].tlen, &q, &t);
        bm_align_result_t *res = malloc(max_pairs * sizeof *res);
        bm_gpu_stats_t st;
        run_gpu(&o, &q, &t, max_pairs < 1000 ? max_pairs : 1000, res, &st); /* warm-up */
        for (size_t n = 1000; n <= max_pairs; n *= 10) {
            double best_k = 1e30, best_t = 1e30, copy = 0;
            for (int rep = 0; rep < (n < 100000 ? 5 : 3); rep++) {
                if (run_gpu(&o, &q, &t, n, res, &st) < 0) return 1;
                if (st.kernel_ms < best_k) best_k = st.kernel_ms, copy = st.copy_ms;
                if (st.total_ms < best_t) best_t = st.total_ms;
            }
            double cells = 0;
            for (size_t k = 0; k < n; k++) cells += (double)q.seq_len[k] * (double)t.seq_len[k];
            char label[32];
            snprintf(label, sizeof label, "%dx%d", shapes[s].qlen, shapes[s].tlen);
            printf("%-9s %-6s %9zu %10.3f %10.3f %10.3f %9.1f %9.1f %10.1f\n", label,
                   o.want_cigar ? "CIGAR" : "score", n, best_k, best_t, copy, cells / best_k / 1e6,
                   cells / best_t / 1e6, best_t * 1e6 / n);
        }
        size_t check = check_pairs < max_pairs ? check_pairs : max_pairs;
        if (run_gpu(&o, &q, &t, check, res, &st) < 0) return 1;
        double cpu_ms;
        size_t bad = compare(&o, &q, &t, check, res, &gpu_cigars, &cpu_ms, "reads");
        double cells = 0;
        for (size_t k = 0; k < check; k++) cells += (double)q.seq_len[k] * (double)t.seq_len[k];
        printf("check %dx%d %s: first %zu of %zu pairs %s; CPU engine (bm_align_batch), all threads: "
               "%.0f ms = %.2f GCUPS\n",
               shapes[s].qlen, shapes[s].tlen, o.want_cigar ? "CIGAR" : "score", check, max_pairs,
               bad ? "MISMATCH" : "identical to the CPU reference", cpu_ms, cells / cpu_ms / 1e6);
        failures += bad;
        free(res);
        bm_batch_free(&q);
        bm_batch_free(&t);
    }
    free(ref);
    bm_cigar_buf_free(&gpu_cigars);
    printf("\ngpu_bench: %s\n", failures ? "FAILED" : "all GPU results identical to the CPU");
    return failures ? 1 : 0;
}
