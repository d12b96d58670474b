/* Kernel throughput benchmark: every per-read kernel of biometal/ops.h under every instruction
 * set this CPU runs, over the records of a FASTQ file held in memory (ns/read and GB/s). */
#include "biometal/biometal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

enum { K_COUNT, K_QUAL, K_COMPLEXITY, K_REVCOMP, K_MASK, K_TRIM_MOTT, K_KMERS, NKERNELS };
static const char *const names[NKERNELS] = {
    "base counts", "quality summary (Q20, EE)", "complexity", "reverse complement",
    "mask < Q20", "Mott trimming (scalar)", "canonical 21-mers (scalar)"};

static volatile uint64_t sink;

static void run_kernel(int k, const bm_batch_t *b, char *out, bm_kmer_t *kmers)
{
    for (size_t i = 0; i < b->count; i++) {
        const char *s = b->data + b->seq_off[i], *q = b->data + b->qual_off[i];
        size_t n = b->seq_len[i];
        switch (k) {
        case K_COUNT: {
            bm_base_counts_t c;
            bm_count_bases(s, n, &c);
            sink += c.g;
            break;
        }
        case K_QUAL: {
            bm_qual_summary_t qs;
            bm_quality_summary(q, n, 33, 20, &qs);
            sink += qs.at_least;
            break;
        }
        case K_COMPLEXITY: sink += (uint64_t)(bm_complexity(s, n) * 1000); break;
        case K_REVCOMP: bm_reverse_complement(s, n, out); sink += (unsigned char)out[0]; break;
        case K_MASK: bm_mask_low_quality(s, q, n, 33, 20, 'N', out); sink += (unsigned char)out[0]; break;
        case K_TRIM_MOTT: {
            size_t b0, e0;
            bm_trim_mott(q, n, 0.05, 30, &b0, &e0);
            sink += e0 - b0;
            break;
        }
        case K_KMERS: sink += bm_kmers(s, n, 21, kmers, 1 << 16); break;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ops_kernels FILE.fq [repeats]\n");
        return 2;
    }
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    bm_fastx_reader_t *r;
    bm_batch_t b;
    bm_batch_init(&b);
    if (bm_fastx_open(&r, argv[1], NULL) < 0 || bm_fastx_next_batch(r, &b, SIZE_MAX, 0) < 0) {
        fprintf(stderr, "%s\n", bm_last_error());
        return 1;
    }
    bm_fastx_close(r);
    uint64_t bases = 0;
    for (size_t i = 0; i < b.count; i++) bases += b.seq_len[i];
    char *out = malloc(1 << 20);
    bm_kmer_t *kmers = malloc(sizeof(bm_kmer_t) << 16);
    printf("| kernel | ISA | ns/read (median of %d) | min | GB/s (sequence bytes) |\n", repeats);
    printf("|---|---|---:|---:|---:|\n");
    for (int k = 0; k < NKERNELS; k++) {
        for (int isa = 0; isa < BM_ISA_COUNT; isa++) {
            if (!bm_isa_supported((bm_isa_t)isa)) continue;
            if (k >= K_TRIM_MOTT && isa != BM_ISA_SCALAR) continue; /* one portable version */
            bm_isa_force((bm_isa_t)isa);
            run_kernel(k, &b, out, kmers); /* warm-up */
            double t[64];
            int nrep = repeats > 64 ? 64 : repeats;
            for (int rep = 0; rep < nrep; rep++) {
                double t0 = now();
                run_kernel(k, &b, out, kmers);
                t[rep] = now() - t0;
            }
            qsort(t, (size_t)nrep, sizeof *t, cmp_double);
            double med = t[nrep / 2];
            printf("| %s | %s | %.1f | %.1f | %.2f |\n", names[k], bm_isa_name((bm_isa_t)isa),
                   med * 1e9 / (double)b.count, t[0] * 1e9 / (double)b.count,
                   (double)bases / med * 1e-9);
        }
    }
    printf("\n%zu reads, %llu bases, mean %.1f bp\n", b.count, (unsigned long long)bases,
           (double)bases / (double)b.count);
    free(out);
    free(kmers);
    bm_batch_free(&b);
    return 0;
}
