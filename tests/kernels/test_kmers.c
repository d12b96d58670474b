/* Property test: canonical k-mers and (w, k)-minimizers against a brute-force reference that
 * encodes every k-mer and its reverse complement from scratch and scans every window (fixed seed,
 * printed on failure); random reads with N and lower case, many k and w. */
#include "biometal/ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x6b6d657273ULL;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static int code(char c)
{
    const char *b = "ACGT", *l = "acgt";
    for (int i = 0; i < 4; i++)
        if (c == b[i] || c == l[i]) return i;
    return -1;
}

/* Canonical k-mer at i, or -1 (as UINT64_MAX) when it holds another base. */
static int brute_kmer(const char *s, size_t i, unsigned k, uint64_t *out)
{
    uint64_t f = 0, r = 0;
    for (unsigned j = 0; j < k; j++) {
        int c = code(s[i + j]), rc = code(s[i + k - 1 - j]);
        if (c < 0 || rc < 0) return 0;
        f = (f << 2) | (uint64_t)c;
        r = (r << 2) | (uint64_t)(3 - rc);
    }
    *out = f < r ? f : r;
    return 1;
}

int main(void)
{
    const uint64_t seed = rng;
    static const unsigned ks[] = {1, 2, 5, 11, 15, 21, 31, 32};
    static const unsigned ws[] = {1, 2, 5, 10, 50};
    int failures = 0;
    char s[600];
    static bm_kmer_t got[600], want[600];
    for (int round = 0; round < 400; round++) {
        size_t len = rnd() % 500;
        int n_rate = round % 4; /* 0: no N, then more and more */
        for (size_t i = 0; i < len; i++) {
            unsigned r = rnd() % 100;
            s[i] = (n_rate && r < (unsigned)n_rate * 2) ? 'N' : "ACGTacgt"[rnd() % 8];
        }
        for (size_t ki = 0; ki < sizeof ks / sizeof *ks; ki++) {
            unsigned k = ks[ki];
            size_t nw = 0;
            for (size_t i = 0; i + k <= len; i++) {
                uint64_t km;
                if (brute_kmer(s, i, k, &km)) want[nw++] = (bm_kmer_t){km, (uint32_t)i};
            }
            size_t ng = bm_kmers(s, len, k, got, 600);
            int same = ng == nw;
            for (size_t i = 0; same && i < nw; i++)
                same = got[i].kmer == want[i].kmer && got[i].pos == want[i].pos;
            if (!same && failures++ < 10)
                fprintf(stderr, "seed %llu round %d len %zu k %u: k-mers differ (%zu vs %zu)\n",
                        (unsigned long long)seed, round, len, k, ng, nw);
            /* minimizers: windows of w k-mers at consecutive positions */
            for (size_t wi = 0; wi < sizeof ws / sizeof *ws; wi++) {
                unsigned w = ws[wi];
                static bm_kmer_t mins[600], ref[600];
                size_t nr = 0;
                int64_t last = -1;
                for (size_t a = 0; a + w <= nw; a++) {
                    if (want[a + w - 1].pos - want[a].pos != w - 1) continue;
                    size_t best = a;
                    for (size_t b = a + 1; b < a + w; b++)
                        if (bm_kmer_hash(want[b].kmer, k) < bm_kmer_hash(want[best].kmer, k))
                            best = b;
                    if ((int64_t)want[best].pos != last)
                        last = want[best].pos, ref[nr++] = want[best];
                }
                size_t nmg = bm_minimizers(s, len, k, w, mins, 600);
                int ok = nmg == nr;
                for (size_t i = 0; ok && i < nr; i++)
                    ok = mins[i].pos == ref[i].pos && mins[i].kmer == ref[i].kmer;
                if (!ok && failures++ < 10)
                    fprintf(
                        stderr,
                        "seed %llu round %d len %zu k %u w %u: minimizers differ (%zu vs %zu)\n",
                        (unsigned long long)seed, round, len, k, w, nmg, nr);
            }
        }
    }
    /* hand examples: ACG and its reverse complement CGT share the canonical k-mer ACG = 0b000110 */
    bm_kmer_t h[4];
    if (bm_kmers("ACG", 3, 3, h, 4) != 1 || h[0].kmer != 6 || bm_kmers("cgt", 3, 3, h, 4) != 1 ||
        h[0].kmer != 6 || bm_kmers("ACNGT", 5, 2, h, 4) != 2 || h[1].pos != 3) {
        fprintf(stderr, "hand examples of bm_kmers failed\n");
        failures++;
    }
    printf("k-mers and minimizers vs brute force: %s (%d failures)\n", failures ? "FAILED" : "ok",
           failures);
    return failures != 0;
}
