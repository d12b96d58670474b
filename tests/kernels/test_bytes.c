/* Property test: the SIMD byte primitives of src/core/bytes.h equal their scalar references on
 * random buffers of every length 0..600 at every alignment (fixed seed, printed on failure). */
#include "../../src/core/bytes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;
static unsigned next_byte(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng_state >> 56);
}

/* Bytes drawn from an alphabet that hits every branch: letters, gaps, newlines, out of range. */
static char pick(int mode)
{
    static const char dna[] = "ACGTNacgtn-. GCgc\n";
    unsigned r = next_byte();
    if (mode == 0) return dna[r % (sizeof dna - 1)];
    if (mode == 1) return (char)(33 + r % 94); /* qualities */
    return (char)r;                            /* anything */
}

int main(void)
{
    const uint64_t seed = 20261125;
    rng_state = seed;
    int failures = 0;
    char buf[700 + 64];
    for (int mode = 0; mode < 3; mode++) {
        for (size_t len = 0; len <= 600; len++) {
            for (size_t off = 0; off < 16; off += (len < 64 ? 1 : 5)) {
                char *s = buf + off;
                for (size_t i = 0; i < len + 64; i++) buf[i] = pick(mode);
                uint64_t g1 = 0, x1 = 0, g2 = 0, x2 = 0;
                bm_count_gc_gap(s, len, &g1, &x1);
                bm_count_gc_gap_scalar(s, len, &g2, &x2);
                uint64_t a1 = 0, b1 = 0, a2 = 0, b2 = 0;
                bm_count_ge2(s, len, 53, 63, &a1, &b1);
                bm_count_ge2_scalar(s, len, 53, 63, &a2, &b2);
                size_t f1 = bm_first_outside(s, len, 33, 93);
                size_t f2 = bm_first_outside_scalar(s, len, 33, 93);
                uint64_t m1 = bm_newline_mask64(s), m2 = bm_newline_mask64_scalar(s, 64);
                size_t k1 = bm_first_control(s, len), k2 = bm_first_control_scalar(s, len);
                if (g1 != g2 || x1 != x2 || a1 != a2 || b1 != b2 || f1 != f2 || m1 != m2 ||
                    k1 != k2) {
                    if (failures++ < 10)
                        fprintf(
                            stderr,
                            "seed %llu mode %d len %zu off %zu: gc %llu/%llu gap %llu/%llu "
                            "q20 %llu/%llu q30 %llu/%llu outside %zu/%zu mask %d control %zu/%zu\n",
                            (unsigned long long)seed, mode, len, off, (unsigned long long)g1,
                            (unsigned long long)g2, (unsigned long long)x1, (unsigned long long)x2,
                            (unsigned long long)a1, (unsigned long long)a2, (unsigned long long)b1,
                            (unsigned long long)b2, f1, f2, m1 == m2, k1, k2);
                }
            }
        }
    }
    /* Long inputs cross the 255-chunk accumulator flush. */
    static char big[255 * 16 * 3 + 7];
    for (size_t i = 0; i < sizeof big; i++) big[i] = pick(0);
    uint64_t g1 = 0, x1 = 0, g2 = 0, x2 = 0;
    bm_count_gc_gap(big, sizeof big, &g1, &x1);
    bm_count_gc_gap_scalar(big, sizeof big, &g2, &x2);
    if (g1 != g2 || x1 != x2) {
        fprintf(stderr, "seed %llu long input: gc %llu/%llu gap %llu/%llu\n",
                (unsigned long long)seed, (unsigned long long)g1, (unsigned long long)g2,
                (unsigned long long)x1, (unsigned long long)x2);
        failures++;
    }
    printf("bytes kernels: %s (%d mismatches)\n", failures ? "FAILED" : "ok", failures);
    return failures ? 1 : 0;
}
