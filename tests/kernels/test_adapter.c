/* Property test: adapter trimming, read-pair overlap and adapter detection against plain
 * brute-force references written from fastp 0.23's rules (fixed seed, printed on failure), on
 * random reads of every length 0..300 with adapters, partial adapters, dimers, errors, N and
 * lower case, empty and over-long adapters; plus fastp's own unit-test examples. */
#include "biometal/error.h"
#include "biometal/io.h"
#include "biometal/ops.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x616461707465ULL;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static uint64_t seed;
static int failures;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond) && failures++ < 20) {                                                          \
            fprintf(stderr, "FAIL %s:%d (seed %llu): ", __FILE__, __LINE__,                        \
                    (unsigned long long)seed);                                                     \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static const char TRUSEQ_R1[] = "AGATCGGAAGAGCACACGTCTGAACTCCAGTCA";
static const char TRUSEQ_R2[] = "AGATCGGAAGAGCGTCGTGTAGGGAAAGAGTGT";
static const char NEXTERA[] = "CTGTCTCTTATACACATCTCCGAGCCCACGAGAC";
static const char SMALL_RNA[] = "TGGAATTCTCGGGTGCCAAGG";

static long min_l(long a, long b)
{
    return a < b ? a : b;
}

/* Random bases; `noise` 0: ACGT only, 1: some N, 2: some N and lower case. */
static void random_bases(char *s, size_t n, int noise)
{
    for (size_t i = 0; i < n; i++) {
        unsigned r = rnd() % 100;
        s[i] = "ACGT"[rnd() % 4];
        if (noise >= 1 && r < 3) s[i] = 'N';
        if (noise >= 2 && r >= 97) s[i] = "acgtn"[rnd() % 5];
    }
}

static void mutate(char *s, size_t from, size_t to, unsigned errors)
{
    for (unsigned e = 0; e < errors && to > from; e++) {
        size_t i = from + rnd() % (to - from);
        s[i] = "ACGTN"[rnd() % 5];
    }
}

/* ---- adapter trimming ---------------------------------------------------------------------- */

/* fastp's trimBySequence, stated plainly: every start position in turn, every base compared. */
static size_t ref_trim_adapter(const char *seq, size_t len, const char *ad, size_t alen,
                               size_t min_match, unsigned per)
{
    if (alen < min_match) return len;
    long start = alen >= 16 ? -4 : alen >= 12 ? -3 : alen >= 8 ? -2 : 0;
    for (long pos = start; pos < (long)len - (long)min_match; pos++) {
        long cmplen = min_l((long)len - pos, (long)alen);
        long allowed = per ? cmplen / (long)per : 0;
        long mismatches = 0;
        for (long i = pos < 0 ? -pos : 0; i < cmplen; i++) mismatches += ad[i] != seq[pos + i];
        if (mismatches <= allowed) return pos < 0 ? 0 : (size_t)pos;
    }
    return len;
}

static void test_trim_adapter(void)
{
    static const bm_adapter_opts_t opts[] = {
        BM_ADAPTER_OPTS_FASTP, {0, 8}, {1, 8}, {5, 8}, {6, 4}, {4, 0}, {4, 1}, {3, 16}, {40, 8}};
    const size_t nopts = sizeof opts / sizeof *opts;
    char read[400], adapter[400];
    for (size_t len = 0; len <= 300; len++) {
        for (int variant = 0; variant < 24; variant++) {
            size_t alen;
            switch (variant % 6) {
            case 0:
                alen = sizeof TRUSEQ_R1 - 1;
                memcpy(adapter, TRUSEQ_R1, alen);
                break;
            case 1:
                alen = rnd() % 25;
                random_bases(adapter, alen, 0);
                break;
            case 2: /* longer than the read */
                alen = len + 1 + rnd() % 5;
                random_bases(adapter, alen, 1);
                break;
            case 3:
                alen = 7 + rnd() % 11; /* around the 8 / 12 / 16 boundaries */
                random_bases(adapter, alen, 0);
                break;
            case 4:
                alen = 0;
                break;
            default:
                alen = sizeof NEXTERA - 1 - rnd() % 10;
                memcpy(adapter, NEXTERA, alen);
            }
            random_bases(read, len, variant / 6 % 3);
            if (variant % 4 != 3 && len > 0 && alen > 0) { /* an adapter, maybe partial/dimer */
                long at = (long)(rnd() % (len + 5)) - 4;
                for (long i = at < 0 ? -at : 0; i < (long)alen && at + i < (long)len; i++)
                    read[at + i] = adapter[i];
                long from = at < 0 ? 0 : at;
                mutate(read, (size_t)from, len, rnd() % 4);
            }
            const bm_adapter_opts_t *o = &opts[(len + (size_t)variant) % nopts];
            size_t want = ref_trim_adapter(read, len, adapter, alen, o->min_match, o->mismatch_per);
            size_t got = bm_trim_adapter(read, len, adapter, alen, o);
            CHECK(got == want, "len %zu alen %zu opts {%zu,%u}: cut %zu, reference %zu", len, alen,
                  o->min_match, o->mismatch_per, got, want);
            if (o == &opts[0]) {
                got = bm_trim_adapter(read, len, adapter, alen, NULL);
                CHECK(got == want, "len %zu alen %zu default opts: cut %zu, reference %zu", len,
                      alen, got, want);
            }
        }
    }
    /* fastp's own unit test (AdapterTrimmer::test) */
    const char *r = "TTTTAACCCCCCCCCCCCCCCCCCCCCCCCCCCCAATTTTAAAATTTTCCCCGGGG";
    const char *a = "TTTTCCACGGGGATACTACTG";
    CHECK(bm_trim_adapter(r, strlen(r), a, strlen(a), NULL) == 44, "fastp example");
    /* hand examples: a dimer missing its first base empties the read; 4 adapter bases at the end
     * are left, 5 are cut; one mismatch per 8 compared bases */
    CHECK(bm_trim_adapter("GATCGGAAGAGCACAC", 16, TRUSEQ_R1, 33, NULL) == 0, "dimer");
    CHECK(bm_trim_adapter("CCCCCCCCCCAGAT", 14, TRUSEQ_R1, 33, NULL) == 14, "4-base tail");
    CHECK(bm_trim_adapter("CCCCCCCCCCAGATC", 15, TRUSEQ_R1, 33, NULL) == 10, "5-base tail");
    CHECK(bm_trim_adapter("CCCCCCCCCCAGATCGGTAGAG", 22, TRUSEQ_R1, 33, NULL) == 10, "1 in 12");
    CHECK(bm_trim_adapter("CCCCCCCCCCAGATCGT", 17, TRUSEQ_R1, 33, NULL) == 17, "1 in 7");
    CHECK(bm_trim_adapter("CCCCCCCCCC", 10, "", 0, NULL) == 10, "empty adapter");
    CHECK(bm_trim_adapter("", 0, TRUSEQ_R1, 33, NULL) == 0, "empty read");
    bm_adapter_opts_t huge = {SIZE_MAX, 8};
    CHECK(bm_trim_adapter(TRUSEQ_R1, 33, TRUSEQ_R1, 33, &huge) == 33, "min_match SIZE_MAX");
}

/* ---- read-pair overlap ---------------------------------------------------------------------- */

static char fastp_complement(char c)
{
    switch (c) {
    case 'A':
    case 'a':
        return 'T';
    case 'T':
    case 't':
        return 'A';
    case 'C':
    case 'c':
        return 'G';
    case 'G':
    case 'g':
        return 'C';
    default:
        return 'N';
    }
}

/* fastp's OverlapAnalysis::analyze, loop for loop. */
static bm_overlap_t ref_overlap(const char *r1, long len1, const char *r2, long len2,
                                const bm_overlap_opts_t *o)
{
    static char str2[4096];
    for (long i = 0; i < len2; i++) str2[i] = fastp_complement(r2[len2 - 1 - i]);
    const long req = (long)o->min_overlap;
    const double percent = o->max_diff_percent / 100.0;
    for (long offset = 0; offset < len1 - req; offset++) {
        long overlap_len = min_l(len1 - offset, len2);
        long limit = min_l((long)o->max_diff, (int)(overlap_len * percent));
        long diff = 0, i;
        for (i = 0; i < overlap_len; i++) {
            if (r1[offset + i] != str2[i]) {
                diff++;
                if (diff > limit && i < 50) break;
            }
        }
        if (diff <= limit || (diff > limit && i > 50))
            return (bm_overlap_t){1, offset, (size_t)overlap_len, (size_t)diff};
    }
    for (long offset = 0; offset > -(len2 - req); offset--) {
        long overlap_len = min_l(len1, len2 + offset);
        long limit = min_l((long)o->max_diff, (int)(overlap_len * percent));
        long diff = 0, i;
        for (i = 0; i < overlap_len; i++) {
            if (r1[i] != str2[-offset + i]) {
                diff++;
                if (diff > limit && i < 50) break;
            }
        }
        if (diff <= limit || (diff > limit && i > 50))
            return (bm_overlap_t){1, offset, (size_t)overlap_len, (size_t)diff};
    }
    return (bm_overlap_t){0, 0, 0, 0};
}

static void test_overlap(void)
{
    static const bm_overlap_opts_t opts[] = {BM_OVERLAP_OPTS_FASTP, {10, 0, 0},     {0, 3, 10},
                                             {50, 10, 50},          {30, 100, 100}, {30, 5, 30}};
    const size_t nopts = sizeof opts / sizeof *opts;
    static char insert[4096], frag1[4096], frag2[4096];
    for (int round = 0; round < 6000; round++) {
        int long_reads = round % 500 == 0; /* beyond the stack buffer */
        size_t ins = long_reads ? 1100 + rnd() % 400 : rnd() % 400;
        size_t len1 = long_reads ? 1000 + rnd() % 500 : rnd() % 301;
        size_t len2 = round % 4 == 0 ? rnd() % 301 : len1;
        if (long_reads) len2 = 1000 + rnd() % 500;
        random_bases(insert, ins, round % 7 == 0 ? 1 : 0);
        /* fragment 1: insert + adapter 1 + random; fragment 2: reverse complement + adapter 2 */
        size_t flen = ins + 40 + (len1 > len2 ? len1 : len2);
        random_bases(frag1, flen, 0);
        random_bases(frag2, flen, 0);
        memcpy(frag1, insert, ins);
        memcpy(frag1 + ins, TRUSEQ_R1, sizeof TRUSEQ_R1 - 1);
        bm_reverse_complement(insert, ins, frag2);
        memcpy(frag2 + ins, TRUSEQ_R2, sizeof TRUSEQ_R2 - 1);
        mutate(frag1, 0, len1, rnd() % 8);
        mutate(frag2, 0, len2, rnd() % 8);
        if (round % 11 == 0) bm_to_upper(frag1, len1, frag1);
        if (round % 13 == 0) /* lower case read 2: fastp's complement upper-cases it */
            for (size_t i = 0; i < len2; i++) frag2[i] = (char)(frag2[i] | 0x20);
        const bm_overlap_opts_t *o = &opts[(size_t)round % nopts];
        bm_overlap_t want = ref_overlap(frag1, (long)len1, frag2, (long)len2, o), got;
        int rc = bm_pair_overlap(frag1, len1, frag2, len2, round % nopts ? o : NULL, &got);
        CHECK(rc == want.overlapped && got.overlapped == want.overlapped &&
                  got.offset == want.offset && got.overlap_len == want.overlap_len &&
                  got.diff == want.diff,
              "round %d insert %zu lens %zu/%zu: overlap %d %td %zu %zu, reference %d %td %zu %zu",
              round, ins, len1, len2, got.overlapped, got.offset, got.overlap_len, got.diff,
              want.overlapped, want.offset, want.overlap_len, want.diff);
        size_t end1, end2, want1 = len1, want2 = len2;
        if (want.overlapped && want.offset < 0) {
            want1 = want.overlap_len < len1 ? want.overlap_len : len1;
            want2 = want.overlap_len < len2 ? want.overlap_len : len2;
        }
        rc = bm_trim_pair_overlap(frag1, len1, frag2, len2, o, &end1, &end2);
        CHECK(end1 == want1 && end2 == want2 && rc == (want.overlapped && want.offset < 0),
              "round %d insert %zu lens %zu/%zu: trimmed to %zu/%zu, reference %zu/%zu", round, ins,
              len1, len2, end1, end2, want1, want2);
    }
    /* fastp's own unit test (OverlapAnalysis::test): offset 10, overlap 79, 1 mismatch */
    const char *a = "CAGCGCCTACGGGCCCCTTTTTCTGCGCGACCGCGTGGCTGTGGGCGCGGATGCCTTTGAGCGCGGTGACTTCTCAC"
                    "TGCGTATCGAGC";
    const char *b = "ACCTCCAGCGGCTCGATACGCAGTGAGAAGTCACCGCGCTCAAAGGCATCCGCGCCCACAGCCACGCGGTCGCGCA"
                    "GAAAAAGGGGTCC";
    bm_overlap_t ov;
    bm_overlap_opts_t two = {30, 2, 20};
    CHECK(bm_pair_overlap(a, strlen(a), b, strlen(b), &two, &ov) == 1 && ov.offset == 10 &&
              ov.overlap_len == 79 && ov.diff == 1,
          "fastp overlap example: %td %zu %zu", ov.offset, ov.overlap_len, ov.diff);
    CHECK(bm_pair_overlap("", 0, "", 0, NULL, &ov) == 0 && !ov.overlapped, "empty pair");
    /* extreme options: nothing can overlap; everything overlaps at offset 0 */
    bm_overlap_opts_t never = {SIZE_MAX, 5, 20}, always = {0, UINT_MAX, UINT_MAX};
    CHECK(bm_pair_overlap(a, strlen(a), b, strlen(b), &never, &ov) == 0, "min_overlap SIZE_MAX");
    CHECK(bm_pair_overlap(a, strlen(a), b, 40, &always, &ov) == 1 && ov.offset == 0 &&
              ov.overlap_len == 40,
          "any mismatch allowed: %td %zu", ov.offset, ov.overlap_len);
}

/* ---- adapter detection: fastp's evaluator with its nucleotide trees, written out plainly ---- */

/* The known adapters of src/ops/adapter_detect.c, in sorted order as fastp's map holds them. */
static const char *const known[] = {
    "AATGATACGGCGACCACCGACAGGTTCAGAGTTCTACAGTCCGA",
    "AATGATACGGCGACCACCGAGATCTACACGTTCAGAGTTCTACAGTCCGA",
    "AATGATACGGCGACCACCGAGATCTACACTCTTTCCCTACACGACGCTCTTCCGATCT",
    "ACACTCTTTCCCTACACGACGCTCTTCCGATCT",
    "AGATCGGAAGAGCACACGTCTGAACTCCAGTCA",
    "AGATCGGAAGAGCGGTTCAGCAGGAATGCCGAG",
    "AGATCGGAAGAGCGTCGTGTAGGGAAAGAGTGT",
    "AGATCGGAAGAGCTCGTATGCCGTCTTCTGCTTG",
    "CAAGCAGAAGACGGCATACGAGCTCTTCCGATCT",
    "CCACTACGCCTCCGCTTTCCTCTCTATGGGCAGTCGGTGAT",
    "CCGACAGGTTCAGAGTTCTACAGTCCGACATG",
    "CGACAGGTTCAGAGTTCTACAGTCCGACGATC",
    "CGGTCTCGGCATTCCTGCTGAACCGCTCTTCCGATCT",
    "CTAATACGACTCACTATAGGGCAAGCAGTGGTATCAACGCAGAGT",
    "CTGAGCGGGCTGGCAAGGCAGACCGATCTCGTATGCCGTCTTCTGCTTG",
    "CTGATGGCGCGAGGGAGGCGTGTAGATCTCGGTGGTCGCCGTATCATT",
    "CTGCCCCGGGTTCCTCATTCTCTCAGCAGCATG",
    "CTGTCTCTTATACACATCTCCGAGCCCACGAGAC",
    "CTGTCTCTTATACACATCTCTGAGCGGGCTGGCAAGGC",
    "CTGTCTCTTATACACATCTCTGATGGCGCGAGGGAGGC",
    "CTGTCTCTTATACACATCTGACGCTGCCGACGA",
    "GATCGGAAGAGCACACGTCTGAACTCCAGTCAC",
    "GATCGGAAGAGCGGTTCAGCAGGAATGCCGAG",
    "GATCGGAAGAGCGTCGTGTAGGGAAAGAGTGT",
    "GATCGGAAGAGCTCGTATGCCGTCTTCTGCTTG",
    "GATCGTCGGACTGTAGAACTCTGAACGTGTAGA",
    "GTCTCGTGGGCTCGGAGATGTGTATAAGAGACAG",
    "GTGACTGGAGTTCAGACGTGTGCTCTTCCGATCT",
    "TACACTCTTTCCCTACACGACGCTCTTCCGATCT",
    "TCGGACTGTAGAACTCTGAACGTGTAGATCTCGGTGGTCGCCGTATCATT",
    "TCGTCGGCAGCGTCAGATGTGTATAAGAGACAG",
    "TGGAATTCTCGGGTGCCAAGG",
    "TTTTTTTTTTAATGATACGGCGACCACCGAGATCTACAC",
    "TTTTTTTTTTCAAGCAGAAGACGGCATACGA",
};

typedef struct node {
    struct node *child[8];
    long count;
    char base;
} node_t;

static void tree_add(node_t *root, const char *s, long n)
{
    for (long i = 0; i < n && s[i] != 'N'; i++) {
        int c = s[i] & 7;
        if (!root->child[c]) {
            root->child[c] = calloc(1, sizeof(node_t));
            root->child[c]->base = s[i];
        }
        root = root->child[c];
        root->count++;
    }
}

static void tree_free(node_t *n)
{
    if (!n) return;
    for (int i = 0; i < 8; i++) tree_free(n->child[i]);
    free(n);
}

static long tree_path(node_t *n, char *out, int *reached_leaf)
{
    long len = 0;
    for (;;) {
        long total = 0;
        for (int i = 0; i < 8; i++) total += n->child[i] ? n->child[i]->count : 0;
        if (total < 50) break;
        node_t *next = NULL;
        for (int i = 0; i < 8 && !next; i++)
            if (n->child[i] && n->child[i]->count / (double)total >= 0.95) next = n->child[i];
        if (!next) {
            *reached_leaf = 0;
            break;
        }
        out[len++] = next->base;
        n = next;
    }
    return len;
}

/* fastp's seq2int on a whole window: A=0 T=1 C=2 G=3, -1 when another byte is in it. */
static long window_key(const char *s)
{
    long key = 0;
    for (int i = 0; i < 10; i++) {
        const char *p = strchr("ATCG", s[i]);
        if (!s[i] || !p) return -1;
        key = key * 4 + (p - "ATCG");
    }
    return key;
}

static void ref_detect(const bm_batch_t *b, size_t min_reads, char *out)
{
    out[0] = '\0';
    size_t n = b->count;
    if (n < min_reads || n == 0) return;
    static unsigned counts[1 << 20];
    memset(counts, 0, sizeof counts);
    for (size_t r = 0; r < n; r++) {
        const char *s = b->data + b->seq_off[r];
        for (long pos = 20; pos <= (long)b->seq_len[r] - 11; pos++) {
            long key = window_key(s + pos);
            if (key >= 0) counts[key]++;
        }
    }
    counts[0] = 0;
    int top[10] = {0};
    long total = 0;
    for (int k = 0; k < (1 << 20); k++) {
        int atcg[4] = {0};
        for (int i = 0; i < 10; i++) atcg[(k >> (i * 2)) & 3]++;
        if (atcg[0] >= 6 || atcg[1] >= 6 || atcg[2] >= 6 || atcg[3] >= 6) continue;
        if (atcg[2] + atcg[3] >= 8 || k >> 12 == 0xff) continue;
        unsigned val = counts[k];
        total += val;
        for (int t = 9; t >= 0; t--) {
            if (val < counts[top[t]]) {
                if (t < 9) {
                    for (int m = 9; m > t + 1; m--) top[m] = top[m - 1];
                    top[t + 1] = k;
                }
                break;
            } else if (t == 0) {
                for (int m = 9; m > 0; m--) top[m] = top[m - 1];
                top[0] = k;
            }
        }
    }
    for (int t = 0; t < 10; t++) {
        int key = top[t];
        if (key == 0) continue;
        long count = counts[key];
        if (count < 10 || count * (1L << 20) < total * 20) break;
        char seedseq[11] = {0};
        for (int i = 0; i < 10; i++) seedseq[i] = "ATCG"[(key >> (2 * (9 - i))) & 3];
        int diff = 0;
        for (int i = 0; i < 9; i++) diff += seedseq[i] != seedseq[i + 1];
        if (diff < 3) continue;
        node_t *fwd = calloc(1, sizeof(node_t)), *bwd = calloc(1, sizeof(node_t));
        static char rev[1000];
        for (size_t r = 0; r < n; r++) {
            const char *s = b->data + b->seq_off[r];
            long len = (long)b->seq_len[r];
            for (long pos = 20; pos <= len - 11; pos++) {
                if (window_key(s + pos) != key) continue;
                tree_add(fwd, s + pos + 10, len - 11 - pos);
                for (long i = 0; i < pos; i++) rev[i] = s[pos - 1 - i];
                tree_add(bwd, rev, pos);
            }
        }
        static char fpath[1000], bpath[1000], adapter[2100];
        int reached = 1;
        long nf = tree_path(fwd, fpath, &reached), nb = tree_path(bwd, bpath, &reached);
        tree_free(fwd);
        tree_free(bwd);
        long alen = 0;
        for (long i = nb - 1; i >= 0; i--) adapter[alen++] = bpath[i];
        for (int i = 0; i < 10; i++) adapter[alen++] = seedseq[i];
        for (long i = 0; i < nf; i++) adapter[alen++] = fpath[i];
        if (alen > 60) alen = 60;
        adapter[alen] = '\0';
        for (size_t k = 0; k < sizeof known / sizeof *known; k++) {
            if (!strncmp(adapter, known[k], strlen(known[k]))) {
                strcpy(out, known[k]);
                return;
            }
        }
        if (reached) {
            strcpy(out, adapter);
            return;
        }
    }
}

/* Random sets of reads for the reference: a few hundred to 1500 reads of varied lengths with a
 * known or random adapter, identical or random inserts, N, lower case and other letters. */
enum { VARIED_SETS = 30 };

static void make_varied_reads(bm_batch_t *b, int set)
{
    char seq[300], qual[300], adapter[80], tail[120], insert[300], name[32];
    size_t n = 200 + rnd() % 1300, base_len = 30 + rnd() % 130;
    size_t alen = 15 + rnd() % 50;
    if (set % 3 == 0) {
        const char *k = known[rnd() % (sizeof known / sizeof *known)];
        alen = strlen(k);
        memcpy(adapter, k, alen);
    } else {
        random_bases(adapter, alen, set % 5 == 1 ? 2 : 0);
    }
    random_bases(tail, sizeof tail, 0);
    random_bases(insert, sizeof insert, 0);
    int same_insert = set % 4 == 1, varied_len = set % 2, noise = set % 3;
    unsigned pct = rnd() % 101, err = 1 + rnd() % 100;
    if (set >= VARIED_SETS) { /* 49 or 50 reads with the adapter: the support threshold */
        n = 300, base_len = 100, same_insert = varied_len = noise = 0, pct = 0, err = 0;
    }
    bm_batch_clear(b);
    for (size_t r = 0; r < n; r++) {
        size_t len = varied_len ? base_len / 2 + rnd() % (base_len / 2 + 1) : base_len;
        size_t ins = rnd() % 100 < pct ? rnd() % (len + 1) : len;
        if (set >= VARIED_SETS && r < 49 + (size_t)set % 2) ins = 40;
        if (same_insert) ins = len / 3;
        random_bases(seq, len, noise);
        if (same_insert) memcpy(seq, insert, ins);
        size_t at = ins;
        for (size_t i = 0; i < alen && at < len; i++) seq[at++] = adapter[i];
        for (size_t i = 0; i < sizeof tail && at < len; i++) seq[at++] = tail[i];
        for (size_t i = 0; i < len; i++) {
            if (rnd() % 1000 < err) seq[i] = "ACGTNRYa"[rnd() % 8];
            qual[i] = 'I';
        }
        snprintf(name, sizeof name, "v%zu", r);
        bm_record_t rec = {name, strlen(name), seq, len, qual, r + 1};
        bm_batch_push(b, &rec);
    }
}

/* ---- adapter detection on reads with known adapters ------------------------------------------ */

/* Reads of `len` bases: an insert of 10..len bases (a fraction `with_adapter` of them shorter
 * than the read), then `adapter`, then `tail`, then A; 0.5% substitutions. */
static void make_reads(bm_batch_t *b, size_t n, size_t len, const char *adapter, const char *tail,
                       unsigned with_adapter_pct)
{
    char seq[400], qual[400], name[32];
    bm_batch_clear(b);
    for (size_t r = 0; r < n; r++) {
        size_t ins = rnd() % 100 < with_adapter_pct ? 10 + rnd() % (len - 10) : len;
        random_bases(seq, len, 0);
        size_t at = ins;
        for (const char *p = adapter; *p && at < len; p++) seq[at++] = *p;
        for (const char *p = tail; *p && at < len; p++) seq[at++] = *p;
        while (at < len) seq[at++] = 'A';
        for (size_t i = 0; i < len; i++) {
            if (rnd() % 200 == 0) seq[i] = "ACGT"[rnd() % 4];
            qual[i] = 'I';
        }
        snprintf(name, sizeof name, "r%zu", r);
        bm_record_t rec = {name, strlen(name), seq, len, qual, r + 1};
        bm_batch_push(b, &rec);
    }
}

static void test_detect(void)
{
    static const char index_tail[] = "ATCACGATCTCGTATGCCGTCTTCTGCTTG";
    static const char rna_tail[] = "AACTCCAGTCACATCACGATCTCGTATGCCGTCTTCTGCTTG";
    static const struct {
        const char *adapter, *tail, *want;
        size_t len;
        unsigned pct;
    } cases[] = {
        {TRUSEQ_R1, "CATCACGATCTCGTATGCCGTCTTCTGCTTG", TRUSEQ_R1, 150, 40},
        {TRUSEQ_R1, index_tail, TRUSEQ_R1, 100, 15},
        {NEXTERA, "TAAGGCGAATCTCGTATGCCGTCTTCTGCTTG", NEXTERA, 150, 30},
        {SMALL_RNA, rna_tail, SMALL_RNA, 50, 90},
        {"", "", "", 100, 0}, /* no adapter */
    };
    bm_batch_t b;
    bm_batch_init(&b);
    char out[BM_ADAPTER_MAX_LEN + 1];
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        make_reads(&b, 12000, cases[c].len, cases[c].adapter, cases[c].tail, cases[c].pct);
        int n = bm_detect_adapter(&b, BM_ADAPTER_DETECT_MIN_READS, out, sizeof out);
        CHECK(n == (int)strlen(cases[c].want) && !strcmp(out, cases[c].want),
              "case %zu: detected \"%s\" (%d), expected \"%s\"", c, out, n, cases[c].want);
        if (c == 0) {
            n = bm_detect_adapter(&b, 20000, out, sizeof out);
            CHECK(n == 0 && out[0] == '\0', "fewer reads than min_reads: %d", n);
            n = bm_detect_adapter(&b, 0, out, BM_ADAPTER_MAX_LEN);
            CHECK(n == BM_EINVAL, "small buffer: %d", n);
        }
    }
    /* an unknown adapter after identical inserts: every extension ends with the reads, so the
     * assembled sequence is reported, cut to 60 bases */
    make_reads(&b, 3000, 120, "", "", 0);
    for (size_t r = 0; r < b.count; r++) memcpy(b.data + b.seq_off[r], b.data + b.seq_off[0], 120);
    int n = bm_detect_adapter(&b, 1000, out, sizeof out);
    CHECK(n == BM_ADAPTER_MAX_LEN && !memcmp(out, b.data + b.seq_off[0], 60),
          "identical reads: detected \"%s\" (%d)", out, n);
    /* against the tree-based reference */
    char want[2100];
    int found = 0;
    for (int set = 0; set < VARIED_SETS + 2; set++) {
        make_varied_reads(&b, set);
        size_t min_reads = set % 10 == 9 ? b.count + 1 : 100;
        ref_detect(&b, min_reads, want);
        n = bm_detect_adapter(&b, min_reads, out, sizeof out);
        found += want[0] != '\0';
        CHECK(n == (int)strlen(want) && !strcmp(out, want),
              "set %d (%zu reads): detected \"%s\", reference \"%s\"", set, b.count, out, want);
    }
    CHECK(found >= VARIED_SETS / 4, "only %d varied sets have an adapter: they test too little",
          found);
    bm_batch_free(&b);
    bm_batch_init(&b);
    CHECK(bm_detect_adapter(&b, 0, out, sizeof out) == 0, "empty batch");
}

int main(void)
{
    seed = rng;
    test_trim_adapter();
    test_overlap();
    test_detect();
    printf("adapter trimming, pair overlap and detection vs references: %s (%d failures)\n",
           failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
