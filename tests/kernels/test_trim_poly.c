/* Property test: poly-X tail trimming and fixed trimming against brute-force references that
 * recount every tail from scratch; every short read over a small alphabet, then random reads with
 * poly tails, N, lower case and other bytes (fixed seed, printed on failure). */
#include "biometal/ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x706f6c7978ULL;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

/* How many of the last k bases of s match `base` (N matches every base). */
static long suffix_matches(const char *s, long len, long k, char base)
{
    long n = 0;
    for (long i = len - k; i < len; i++) n += s[i] == base || s[i] == 'N';
    return n;
}

/* fastp's rule restated on whole suffixes: the suffix of k bases is a poly tail when some base
 * misses at most min(5, k / 8) of them. */
static int suffix_is_poly(const char *s, long len, long k)
{
    long allowed = k / 8 < 5 ? k / 8 : 5;
    for (const char *b = "ATCG"; *b; b++)
        if (k - suffix_matches(s, len, k, *b) <= allowed) return 1;
    return 0;
}

static size_t brute_poly_x(const char *s, long len, long min_len)
{
    if (len == 0) return 0;
    long stop = len; /* 0-based distance from the 3' end where the scan stops */
    for (long k = 1; k <= len; k++)
        if (!suffix_is_poly(s, len, k) && (k - 1 >= 8 || k >= min_len - 1)) {
            stop = k - 1;
            break;
        }
    if (stop + 1 < min_len) return (size_t)len;
    long scanned = stop < len ? stop + 1 : len;
    char poly = 'A';
    long best = -1;
    for (const char *b = "ATCG"; *b; b++) {
        long m = suffix_matches(s, len, scanned, *b);
        if (m > best) best = m, poly = *b;
    }
    for (long i = len - scanned; i < len; i++)
        if (s[i] == poly) return (size_t)i;
    return (size_t)len;
}

static int failures;

static void check_poly(const char *s, size_t len, size_t min_len, uint64_t seed, long round)
{
    size_t got = 12345, want = brute_poly_x(s, (long)len, (long)min_len);
    bm_trim_poly_x(s, len, min_len, &got);
    if (got != want && failures++ < 10)
        fprintf(stderr, "seed %llu round %ld min_len %zu read %.*s: end %zu, expected %zu\n",
                (unsigned long long)seed, round, min_len, (int)len, s, got, want);
}

static void check_fixed(size_t len, size_t head, size_t tail)
{
    /* keep base i when at least `head` bases precede it and `tail` follow it */
    size_t first = len, last = 0, kept = 0;
    for (size_t i = 0; i < len; i++)
        if (i >= head && len - 1 - i >= tail) {
            if (first == len) first = i;
            last = i + 1;
            kept++;
        }
    size_t want_b = kept ? first : 0, want_e = kept ? last : 0, b = 99, e = 99;
    bm_trim_fixed(len, head, tail, &b, &e);
    if ((b != want_b || e != want_e) && failures++ < 10)
        fprintf(stderr, "trim_fixed len %zu head %zu tail %zu: [%zu, %zu), expected [%zu, %zu)\n",
                len, head, tail, b, e, want_b, want_e);
}

int main(void)
{
    const uint64_t seed = rng;
    char s[400];

    /* fastp's own example: a poly-A tail with mismatches, cut to "ATTTT" */
    const char *ex = "ATTTTAAAAAAAAAATAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAAAT";
    size_t end;
    bm_trim_poly_x(ex, strlen(ex), 10, &end);
    if (end != 5) fprintf(stderr, "fastp example: end %zu, expected 5\n", end), failures++;

    /* every read of up to 8 letters over A, C, N and a (lower case counts as no base) */
    for (size_t len = 0; len <= 8; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++) total *= 4;
        for (size_t code = 0; code < total; code++) {
            for (size_t i = 0, c = code; i < len; i++, c /= 4) s[i] = "ACNa"[c % 4];
            for (size_t min_len = 0; min_len <= 11; min_len++)
                check_poly(s, len, min_len, seed, -(long)code);
        }
    }

    /* random reads: a random body, then a tail of one base with mismatches, N and other bytes */
    static const size_t min_lens[] = {0, 1, 2, 3, 5, 8, 9, 10, 11, 12, 16, 20, 33, 60};
    for (long round = 0; round < 20000; round++) {
        size_t len = rnd() % (round % 10 ? 80 : 300);
        size_t tail = len ? rnd() % (len + 1) : 0;
        char base = "ACGT"[rnd() % 4];
        unsigned noise = rnd() % 40; /* per cent of tail bases that are not `base` */
        for (size_t i = 0; i < len; i++) {
            if (i < len - tail || rnd() % 100 < noise)
                s[i] = "ACGTACGTACGTNacgt.-R"[rnd() % 20];
            else
                s[i] = base;
        }
        check_poly(s, len, min_lens[rnd() % (sizeof min_lens / sizeof *min_lens)], seed, round);
    }

    for (size_t len = 0; len <= 20; len++)
        for (size_t head = 0; head <= 25; head++)
            for (size_t tail = 0; tail <= 25; tail++) check_fixed(len, head, tail);
    check_fixed(10, (size_t)-1, 5);
    check_fixed(10, 3, (size_t)-1);
    check_fixed(10, (size_t)-1 / 2 + 1, (size_t)-1 / 2 + 1); /* head + tail wraps to 0 */

    if (failures) fprintf(stderr, "%d failures (seed %llu)\n", failures, (unsigned long long)seed);
    return failures != 0;
}
