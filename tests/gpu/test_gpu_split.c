/* The multi-GPU split (bm_gpu_split_shares) on random work: shares in order, covering every unit
 * once, each ending within one unit's weight of its even share of the total. No GPU needed. */
#include "../../src/gpu/gpu_internal.h"

#include <stdio.h>
#include <stdlib.h>

static uint64_t rng = 0x5117u;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

int main(void)
{
    int failures = 0;
    for (int trial = 0; trial < 20000 && failures < 10; trial++) {
        size_t units = rnd() % 200;
        int nshares = 1 + (int)(rnd() % 9);
        uint64_t w[200], total = 0, maxw = 0;
        int skew = (int)(rnd() % 3); /* even, random, a few huge units */
        for (size_t u = 0; u < units; u++) {
            w[u] = skew == 0 ? 1000 : skew == 1 ? 1 + rnd() % 5000 : (rnd() % 20 ? 10 : 100000);
            total += w[u];
            if (w[u] > maxw) maxw = w[u];
        }
        size_t cut[10];
        bm_gpu_split_shares(w, units, nshares, cut);
        int ok = cut[0] == 0 && cut[nshares] == units;
        uint64_t prefix = 0;
        size_t at = 0;
        for (int d = 1; ok && d <= nshares; d++) {
            if (cut[d] < cut[d - 1]) ok = 0;
            for (; at < cut[d] && at < units; at++) prefix += w[at];
            long double goal = (long double)total * d / nshares, diff = prefix - goal;
            if (diff < 0) diff = -diff;
            if (diff > (long double)maxw) ok = 0;
        }
        if (!ok && failures++ < 10)
            fprintf(stderr, "FAIL seed 0x5117 trial %d: %zu units, %d shares, skew %d\n", trial,
                    units, nshares, skew);
    }
    printf("gpu split: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
