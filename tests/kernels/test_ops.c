/* Property test: every kernel of biometal/ops.h under every instruction set this machine runs
 * equals the scalar reference on random reads of every length 0..1000 (fixed seed, printed on
 * failure), at every alignment, and at page edges; plus hand-checked examples of the reference. */
#include "biometal/error.h"
#include "biometal/ops.h"
#include "../../src/ops/ops_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t rng;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static int failures;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (failures++ < 20) {                                                                 \
                fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                               \
                fprintf(stderr, __VA_ARGS__);                                                      \
                fputc('\n', stderr);                                                               \
            }                                                                                      \
        }                                                                                          \
    } while (0)

static void fill_read(char *s, size_t n, int kind)
{
    static const char dna[] = "ACGTNacgtnRYKM-.*";
    for (size_t i = 0; i < n; i++) {
        unsigned r = rnd();
        if (kind == 0)
            s[i] = dna[r % (sizeof dna - 1)];
        else if (kind == 1)
            s[i] = (char)(33 + r % 60); /* Phred+33 qualities */
        else if (kind == 2)
            s[i] = (char)(59 + r % 46); /* Phred+64 range */
        else
            s[i] = (char)(r & 0xff); /* any byte */
    }
}

/* Compares the active ISA with the scalar reference on one read. */
static void compare(bm_isa_t isa, const char *s, size_t n, const char *what, uint64_t seed)
{
    static const int offsets[] = {33, 64, 0};
    static const int thresholds[] = {20, 30, 1, 255, 0, 300};
    bm_base_counts_t want, got;
    bm_isa_force(BM_ISA_SCALAR);
    bm_count_bases(s, n, &want);
    bm_isa_force(isa);
    bm_count_bases(s, n, &got);
    CHECK(memcmp(&want, &got, sizeof want) == 0,
          "seed %llu %s isa %s len %zu: count_bases a%llu/%llu c%llu/%llu g%llu/%llu t%llu/%llu "
          "n%llu/%llu other%llu/%llu",
          (unsigned long long)seed, what, bm_isa_name(isa), n, (unsigned long long)want.a,
          (unsigned long long)got.a, (unsigned long long)want.c, (unsigned long long)got.c,
          (unsigned long long)want.g, (unsigned long long)got.g, (unsigned long long)want.t,
          (unsigned long long)got.t, (unsigned long long)want.n, (unsigned long long)got.n,
          (unsigned long long)want.other, (unsigned long long)got.other);
    for (int with_qual = 0; with_qual < 2; with_qual++) {
        uint64_t tw[4] = {0, 0, 0, 0}, tg[4] = {0, 0, 0, 0};
        bm_isa_force(BM_ISA_SCALAR);
        bm_read_tallies(s, with_qual ? s : NULL, n, 53, 63, tw);
        bm_isa_force(isa);
        bm_read_tallies(s, with_qual ? s : NULL, n, 53, 63, tg);
        CHECK(memcmp(tw, tg, sizeof tw) == 0,
              "seed %llu %s isa %s len %zu: read_tallies gc %llu/%llu gap %llu/%llu q %llu/%llu "
              "%llu/%llu",
              (unsigned long long)seed, what, bm_isa_name(isa), n, (unsigned long long)tw[0],
              (unsigned long long)tg[0], (unsigned long long)tw[1], (unsigned long long)tg[1],
              (unsigned long long)tw[2], (unsigned long long)tg[2], (unsigned long long)tw[3],
              (unsigned long long)tg[3]);
    }
    bm_isa_force(BM_ISA_SCALAR);
    double cw = bm_complexity(s, n);
    bm_isa_force(isa);
    double cg = bm_complexity(s, n);
    CHECK(cw == cg, "seed %llu %s isa %s len %zu: complexity %.17g/%.17g", (unsigned long long)seed,
          what, bm_isa_name(isa), n, cw, cg);
    for (size_t o = 0; o < sizeof offsets / sizeof *offsets; o++) {
        for (size_t t = 0; t < sizeof thresholds / sizeof *thresholds; t++) {
            bm_qual_summary_t qw, qg;
            bm_isa_force(BM_ISA_SCALAR);
            bm_quality_summary(s, n, offsets[o], thresholds[t], &qw);
            bm_isa_force(isa);
            bm_quality_summary(s, n, offsets[o], thresholds[t], &qg);
            CHECK(qw.sum == qg.sum && qw.min == qg.min && qw.at_least == qg.at_least &&
                      qw.expected_errors == qg.expected_errors,
                  "seed %llu %s isa %s len %zu offset %d threshold %d: sum %llu/%llu min %u/%u "
                  "at_least %llu/%llu ee %.17g/%.17g",
                  (unsigned long long)seed, what, bm_isa_name(isa), n, offsets[o], thresholds[t],
                  (unsigned long long)qw.sum, (unsigned long long)qg.sum, qw.min, qg.min,
                  (unsigned long long)qw.at_least, (unsigned long long)qg.at_least,
                  qw.expected_errors, qg.expected_errors);
        }
    }
}

/* The transforms: reverse complement, upper-casing and masking (also in place). */
static void compare_transforms(bm_isa_t isa, const char *s, const char *q, size_t n,
                               const char *what, uint64_t seed)
{
    static char want[1 << 16], got[1 << 16];
    if (n > sizeof want) return;
    static const int min_qs[] = {20, 1, 255, 0, 300};
    bm_isa_force(BM_ISA_SCALAR);
    bm_reverse_complement(s, n, want);
    bm_isa_force(isa);
    memset(got, 0, n);
    bm_reverse_complement(s, n, got);
    CHECK(memcmp(want, got, n) == 0, "seed %llu %s isa %s len %zu: reverse_complement differs",
          (unsigned long long)seed, what, bm_isa_name(isa), n);
    bm_isa_force(BM_ISA_SCALAR);
    bm_to_upper(s, n, want);
    bm_isa_force(isa);
    memcpy(got, s, n);
    bm_to_upper(got, n, got); /* in place */
    CHECK(memcmp(want, got, n) == 0, "seed %llu %s isa %s len %zu: to_upper differs",
          (unsigned long long)seed, what, bm_isa_name(isa), n);
    for (size_t k = 0; k < sizeof min_qs / sizeof *min_qs; k++) {
        bm_isa_force(BM_ISA_SCALAR);
        bm_mask_low_quality(s, q, n, 33, min_qs[k], 'N', want);
        bm_isa_force(isa);
        memcpy(got, s, n);
        bm_mask_low_quality(got, q, n, 33, min_qs[k], 'N', got); /* in place */
        CHECK(memcmp(want, got, n) == 0,
              "seed %llu %s isa %s len %zu min_q %d: mask_low_quality differs",
              (unsigned long long)seed, what, bm_isa_name(isa), n, min_qs[k]);
    }
}

static void hand_examples(void)
{
    bm_isa_force(BM_ISA_SCALAR);
    bm_base_counts_t c;
    bm_count_bases("ACGTNacgtnRY-", 13, &c);
    CHECK(c.a == 2 && c.c == 2 && c.g == 2 && c.t == 2 && c.n == 2 && c.other == 3,
          "hand: count_bases of ACGTNacgtnRY-");
    CHECK(bm_gc_fraction("GGCCAT", 6) == 4.0 / 6.0, "hand: gc_fraction of GGCCAT");
    CHECK(bm_gc_fraction("NNNN", 4) == 0.0, "hand: gc_fraction of NNNN");
    bm_qual_summary_t q;
    bm_quality_summary("II5!", 4, 33, 20, &q); /* Phred 40 40 20 0 */
    CHECK(q.sum == 100 && q.min == 0 && q.at_least == 3, "hand: quality summary of II5!");
    double ee = 1e-4 + 1e-4 + 1e-2 + 1.0;
    CHECK(q.expected_errors > ee - 1e-9 && q.expected_errors < ee + 1e-9,
          "hand: expected errors of II5! = %.12f, want %.12f", q.expected_errors, ee);
    CHECK(bm_mean_quality("II5!", 4, 33) == 25.0, "hand: mean quality of II5!");
    CHECK(bm_guess_quality_offset("II5!", 4) == 33, "hand: offset of II5!");
    CHECK(bm_guess_quality_offset("hhhB", 4) == 64, "hand: offset of hhhB");
    CHECK(bm_complexity("AAAA", 4) == 0.0, "hand: complexity of AAAA");
    CHECK(bm_complexity("ACGT", 4) == 1.0, "hand: complexity of ACGT");
    CHECK(bm_complexity("AACC", 4) == 1.0 / 3.0, "hand: complexity of AACC");
    CHECK(bm_complexity("Aa", 2) == 1.0, "hand: complexity is case-sensitive");
    CHECK(bm_complexity("A", 1) == 0.0, "hand: complexity of one base");
    char out[32];
    bm_reverse_complement("ACGTRYKMBVDHSWNacgtu-", 21, out);
    CHECK(memcmp(out, "-aacgtNWSDHBVKMRYACGT", 21) == 0,
          "hand: reverse complement of "
          "ACGTRYKMBVDHSWNacgtu- = %.21s",
          out);
    bm_to_upper("acgtNx-z", 8, out);
    CHECK(memcmp(out, "ACGTNX-Z", 8) == 0, "hand: to_upper");
    bm_mask_low_quality("ACGT", "I#5+", 4, 33, 20, 'N', out); /* Phred 40 2 20 10 */
    CHECK(memcmp(out, "ANGN", 4) == 0, "hand: mask_low_quality = %.4s", out);
}

int main(void)
{
    const uint64_t seed = 0x5eed2026ULL;
    rng = seed;
    hand_examples();
    long page = sysconf(_SC_PAGESIZE);
    /* Three pages, the outer two inaccessible: reads placed against either edge. */
    char *map =
        mmap(NULL, (size_t)page * 3, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) return 2;
    mprotect(map, (size_t)page, PROT_NONE);
    mprotect(map + 2 * page, (size_t)page, PROT_NONE);
    char *mid = map + page;
    char *buf = malloc(1100 + 64);
    char *qbuf = malloc((size_t)page + 1100);
    int tested = 0;
    for (int isa = 1; isa < BM_ISA_COUNT; isa++) {
        if (!bm_isa_supported((bm_isa_t)isa)) {
            printf("ops: %s not supported here, skipped\n", bm_isa_name((bm_isa_t)isa));
            continue;
        }
        tested++;
        for (int kind = 0; kind < 4; kind++) {
            for (size_t n = 0; n <= 1000; n++) {
                size_t off = rnd() % 64;
                fill_read(buf + off, n, kind);
                compare((bm_isa_t)isa, buf + off, n, "random", seed);
                fill_read(qbuf, n, 1);
                compare_transforms((bm_isa_t)isa, buf + off, qbuf, n, "random", seed);
                if (n <= (size_t)page && n % 7 == 0) {
                    fill_read(mid + page - n, n, kind); /* ends at the inaccessible page */
                    compare((bm_isa_t)isa, mid + page - n, n, "page end", seed);
                    fill_read(qbuf, n, 1);
                    compare_transforms((bm_isa_t)isa, mid + page - n, qbuf, n, "page end", seed);
                    memmove(mid, mid + page - n, n); /* starts right after the first one */
                    compare((bm_isa_t)isa, mid, n, "page start", seed);
                }
            }
        }
        /* A long read crosses the 255-vector flush of the byte counters. */
        size_t big = 64 * 255 * 2 + 13;
        char *b = malloc(big);
        for (int kind = 0; kind < 4; kind++) {
            fill_read(b, big, kind);
            compare((bm_isa_t)isa, b, big, "long", seed);
            char *q = malloc(big);
            fill_read(q, big, 1);
            compare_transforms((bm_isa_t)isa, b, q, big, "long", seed);
            free(q);
        }
        free(b);
    }
    free(buf);
    free(qbuf);
    printf("ops: %d SIMD variant(s) tested against scalar: %s\n", tested,
           failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
