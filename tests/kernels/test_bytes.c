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
                size_t f1 = bm_first_outside(s, len, 33, 93);
                size_t f2 = bm_first_outside_scalar(s, len, 33, 93);
                size_t k1 = bm_first_control(s, len), k2 = bm_first_control_scalar(s, len);
                if (f1 != f2 || k1 != k2) {
                    if (failures++ < 10)
                        fprintf(stderr,
                                "seed %llu mode %d len %zu off %zu: outside %zu/%zu "
                                "control %zu/%zu\n",
                                (unsigned long long)seed, mode, len, off, f1, f2, k1, k2);
                }
            }
        }
    }
    printf("bytes kernels: %s (%d mismatches)\n", failures ? "FAILED" : "ok", failures);
    return failures ? 1 : 0;
}
