/* gen_reads.c — deterministic simulator of Illumina-like single-end FASTQ reads from a real reference FASTA.
 * Benchmark input generator for bench/run.sh: reference FASTA on stdin (or -r FILE), FASTQ on stdout. */

/*
 * Model (every random draw comes from one xoshiro256** stream seeded with -s, so the
 * same seed, options and reference give byte-identical output):
 *   - fragment start uniform over the reference (contigs weighted by length), strand 50/50;
 *   - read length = min(insert, maxlen) with a log-normal insert (median -i, sigma -S);
 *     inserts shorter than minlen are dropped and redrawn, as a trimmer's length filter
 *     would: a short-insert library after adapter trimming (defaults give reads of 60-150 bp,
 *     about 92 bp on average, about 224 MB of FASTQ per 10^6 reads with Illumina names);
 *   - Phred qualities: high plateau with lower first cycles, decaying towards the 3' end,
 *     per-read offset (5% poor reads), per-base noise growing along the read, rare dips,
 *     and a run of Q2 ('#') at the end of about 4% of reads (Illumina's quality indicator);
 *   - substitution errors drawn from each base's quality (P = 10^(-Q/10)), so errors grow
 *     along the read; insertions and deletions of 1-3 bases at 1e-4 per base each;
 *     occasional N calls (more at the first cycle), always with quality '#';
 *   - names @SIM:1:FCX:LANE:TILE:X:Y 1:N:0:1 with Y increasing within a tile: all unique.
 */

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLACK 16 /* extra reference bases taken past the read for deletions */

static void die(const char *msg) {
    fprintf(stderr, "gen_reads: %s\n", msg);
    exit(1);
}

/* ---- random numbers: xoshiro256** seeded by splitmix64 ---- */
static uint64_t s_rng[4];

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(void) {
    uint64_t r = rotl(s_rng[1] * 5, 7) * 9, t = s_rng[1] << 17;
    s_rng[2] ^= s_rng[0];
    s_rng[3] ^= s_rng[1];
    s_rng[1] ^= s_rng[2];
    s_rng[0] ^= s_rng[3];
    s_rng[2] ^= t;
    s_rng[3] = rotl(s_rng[3], 45);
    return r;
}

static double unif(void) { return (double)(rng_next() >> 11) * 0x1.0p-53; } /* [0,1) */

static uint64_t below(uint64_t n) { return n ? rng_next() % n : 0; } /* bias < n/2^64 */

static double gauss(void) { /* Marsaglia polar method */
    static int have = 0;
    static double spare;
    if (have) {
        have = 0;
        return spare;
    }
    double u, v, s;
    do {
        u = 2.0 * unif() - 1.0;
        v = 2.0 * unif() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    double m = sqrt(-2.0 * log(s) / s);
    spare = v * m;
    have = 1;
    return u * m;
}

/* ---- reference ---- */
typedef struct {
    char *seq;
    size_t len;
} contig_t;

static contig_t *s_ctg;
static size_t s_nctg, s_total;

static void read_reference(FILE *f) {
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    if (!buf) die("out of memory");
    for (;;) {
        if (n == cap) {
            cap *= 2;
            if (!(buf = realloc(buf, cap))) die("out of memory");
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0) break;
        n += r;
    }
    if (ferror(f)) die("cannot read the reference");
    size_t cctg = 0;
    size_t i = 0;
    char *out = NULL;
    while (i < n) {
        size_t e = i;
        while (e < n && buf[e] != '\n') e++;
        size_t le = e;
        if (le > i && buf[le - 1] == '\r') le--;
        if (le > i && buf[i] == '>') {
            if (s_nctg == cctg) {
                cctg = cctg ? 2 * cctg : 16;
                if (!(s_ctg = realloc(s_ctg, cctg * sizeof *s_ctg))) die("out of memory");
            }
            /* sequence bytes are compacted in place, behind the read position */
            out = (s_nctg ? s_ctg[s_nctg - 1].seq + s_ctg[s_nctg - 1].len : buf);
            s_ctg[s_nctg].seq = out;
            s_ctg[s_nctg].len = 0;
            s_nctg++;
        } else if (s_nctg) {
            contig_t *c = &s_ctg[s_nctg - 1];
            for (size_t k = i; k < le; k++) {
                char b = buf[k];
                if (b >= 'a' && b <= 'z') b = (char)(b - 32);
                if (b == ' ' || b == '\t') continue;
                if (b != 'A' && b != 'C' && b != 'G' && b != 'T') b = 'N';
                c->seq[c->len++] = b;
            }
        } else if (le > i) {
            die("the reference is not FASTA (no '>' header line first)");
        }
        i = e + 1;
    }
    for (size_t k = 0; k < s_nctg; k++) s_total += s_ctg[k].len;
    if (s_total == 0) die("the reference has no sequence");
}

static char comp(char b) {
    switch (b) {
    case 'A': return 'T';
    case 'C': return 'G';
    case 'G': return 'C';
    case 'T': return 'A';
    default: return 'N';
    }
}

/* ---- read model ---- */
static double qmean(int i, int maxlen) { /* mean quality at cycle i of a good read */
    double t = maxlen > 1 ? (double)i / (maxlen - 1) : 0.0;
    double m = 38.0 - 9.0 * t * t;
    if (i < 4) m -= 1.2 * (4 - i);
    return m;
}

static const char *usage =
    "Usage: gen_reads [options] < reference.fa > reads.fq\n"
    "Simulates Illumina-like single-end reads from a FASTA reference (deterministic).\n"
    "  -n INT    number of reads [1000000]\n"
    "  -s INT    random seed [20240611]\n"
    "  -r FILE   reference FASTA (plain text) [stdin]\n"
    "  -L INT    maximum (untrimmed) read length [150]\n"
    "  -m INT    minimum read length after trimming [60]\n"
    "  -i FLOAT  median insert length [72]\n"
    "  -S FLOAT  sigma of log insert length [0.4]\n";

static long long parse_num(const char *s, const char *opt) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < 0) {
        fprintf(stderr, "gen_reads: bad value for %s: %s\n", opt, s);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    long long nreads = 1000000;
    uint64_t seed = 20240611;
    const char *ref = NULL;
    int maxlen = 150, minlen = 60;
    double ins_median = 72.0, ins_sigma = 0.4;

    for (int a = 1; a < argc; a++) {
        const char *o = argv[a];
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            fputs(usage, stdout);
            return 0;
        }
        if (a + 1 >= argc || o[0] != '-' || strlen(o) != 2) {
            fputs(usage, stderr);
            return 2;
        }
        const char *v = argv[++a];
        switch (o[1]) {
        case 'n': nreads = parse_num(v, o); break;
        case 's': seed = (uint64_t)parse_num(v, o); break;
        case 'r': ref = v; break;
        case 'L': maxlen = (int)parse_num(v, o); break;
        case 'm': minlen = (int)parse_num(v, o); break;
        case 'i': ins_median = atof(v); break;
        case 'S': ins_sigma = atof(v); break;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (maxlen < 1 || maxlen > 100000 || minlen < 1 || minlen > maxlen || ins_median <= 0 ||
        ins_sigma < 0) {
        fputs("gen_reads: need 1 <= -m <= -L <= 100000, -i > 0, -S >= 0\n", stderr);
        return 2;
    }

    FILE *rf = stdin;
    if (ref && strcmp(ref, "-") && !(rf = fopen(ref, "rb"))) {
        fprintf(stderr, "gen_reads: %s: %s\n", ref, strerror(errno));
        return 1;
    }
    read_reference(rf);
    if (rf != stdin) fclose(rf);

    size_t w = (size_t)maxlen + SLACK, usable = 0;
    for (size_t k = 0; k < s_nctg; k++)
        if (s_ctg[k].len >= w) usable += s_ctg[k].len;
    if (!usable) die("no reference sequence is longer than the maximum read length + 16");

    uint64_t sm = seed;
    for (int k = 0; k < 4; k++) s_rng[k] = splitmix64(&sm);
    fprintf(stderr,
            "gen_reads: seed %llu, %lld reads, reference %s (%zu contigs, %zu bp), "
            "lengths %d-%d (insert median %g, sigma %g)\n",
            (unsigned long long)seed, nreads, ref ? ref : "stdin", s_nctg, s_total, minlen, maxlen,
            ins_median, ins_sigma);

    double perr[42];
    for (int q = 0; q <= 41; q++) perr[q] = fmin(pow(10.0, -q / 10.0), 0.4);

    static char obuf[1 << 20];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    char *win = malloc(w), *seq = malloc((size_t)maxlen + 1), *qual = malloc((size_t)maxlen + 1);
    int *q = malloc(sizeof(int) * (size_t)maxlen);
    if (!win || !seq || !qual || !q) die("out of memory");

    static const int tiles[4] = {1100, 1200, 2100, 2200};
    int lane = 1, tile_idx = 0, tile_sub = 1, y = 0;
    unsigned long long sum_len = 0;
    const char *acgt = "ACGT";

    for (long long r = 0; r < nreads; r++) {
        /* length */
        int len;
        for (;;) {
            double ins = exp(log(ins_median) + ins_sigma * gauss());
            if (ins >= maxlen) {
                len = maxlen;
                break;
            }
            len = (int)(ins + 0.5);
            if (len >= minlen) break;
        }
        /* fragment: contig by length, start, strand */
        const contig_t *c;
        do {
            uint64_t g = below(s_total);
            size_t k = 0;
            while (g >= s_ctg[k].len) g -= s_ctg[k++].len;
            c = &s_ctg[k];
        } while (c->len < w);
        size_t pos = below(c->len - w + 1);
        if (rng_next() >> 63) {
            for (size_t k = 0; k < w; k++) win[k] = comp(c->seq[pos + w - 1 - k]);
        } else {
            memcpy(win, c->seq + pos, w);
        }

        /* qualities */
        double off = 1.5 * gauss(), extra_decay = 0.0;
        if (unif() < 0.05) {
            off -= 6.0 + 4.0 * unif();
            extra_decay = 6.0 * unif();
        }
        for (int i = 0; i < len; i++) {
            double t = (double)i / (maxlen > 1 ? maxlen - 1 : 1);
            double v = qmean(i, maxlen) + off - extra_decay * t + (1.5 + 3.0 * t) * gauss();
            if (unif() < 0.01) v = 10.0 + 12.0 * unif();
            int qi = (int)floor(v + 0.5);
            q[i] = qi < 2 ? 2 : qi > 41 ? 41 : qi;
        }
        if (unif() < 0.04) {
            int k = 1 + (int)below((uint64_t)(len / 3 > 1 ? len / 3 : 1));
            for (int i = len - k; i < len; i++) q[i] = 2;
        }

        /* bases: walk the window with indels, then errors and Ns from the qualities */
        size_t wp = 0;
        for (int i = 0; i < len;) {
            double u = unif();
            if (u < 1e-4 && i > 0) { /* insertion of 1-3 random bases */
                int k = 1 + (unif() < 0.2 ? (int)below(2) + 1 : 0);
                for (; k > 0 && i < len; k--) seq[i++] = acgt[below(4)];
                continue;
            }
            if (u < 2e-4 && i > 0) { /* deletion of 1-3 reference bases */
                size_t k = 1 + (unif() < 0.2 ? below(2) + 1 : 0);
                if (wp + k + (size_t)(len - i) <= w) wp += k;
            }
            seq[i++] = win[wp++];
        }
        for (int i = 0; i < len; i++) {
            double pn = i == 0 ? 2e-3 : 1e-4;
            if (seq[i] == 'N' || unif() < pn) {
                seq[i] = 'N';
                q[i] = 2;
            } else if (unif() < perr[q[i]]) {
                char b;
                do b = acgt[below(4)];
                while (b == seq[i]);
                seq[i] = b;
            }
            qual[i] = (char)(33 + q[i]);
        }
        seq[len] = qual[len] = '\0';

        /* name: Y increases within a tile, so names never repeat */
        y += 1 + (int)below(5);
        if (y > 99999) {
            y = 1 + (int)below(5);
            if (++tile_sub > 16) {
                tile_sub = 1;
                if (++tile_idx == 4) {
                    tile_idx = 0;
                    lane++;
                }
            }
        }
        int x = 1000 + (int)below(31000);
        printf("@SIM:1:FCX:%d:%d:%d:%d 1:N:0:1\n%s\n+\n%s\n", lane, tiles[tile_idx] + tile_sub, x, y,
               seq, qual);
        sum_len += (unsigned long long)len;
    }
    if (fflush(stdout) || ferror(stdout)) die("write error");
    fprintf(stderr, "gen_reads: wrote %lld reads, %llu bases (mean length %.1f)\n", nreads, sum_len,
            nreads ? (double)sum_len / nreads : 0.0);
    free(win);
    free(seq);
    free(qual);
    free(q);
    return 0;
}
