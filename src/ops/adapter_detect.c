/* Adapter detection from the first reads of a run, as fastp 0.23's evaluator does it for
 * single-end reads (--detect_adapter; Evaluator::evalAdapterAndReadNum and getAdapterWithSeed).
 *
 * 1. Of the batch, reads are used while fewer than 256Ki were taken and their bases are below
 *    151 * 256Ki; fewer than `min_reads` (fastp: 10000) find nothing.
 * 2. Every 10-mer of A, C, G, T (upper case) starting at base 20 or later and not using the last
 *    base is counted. AAAAAAAAAA, 10-mers with 6 or more of one base, with 8 or more C+G, or
 *    starting with GGGG are left out; `total` sums the counts of the others.
 * 3. The ten most frequent (fastp's insertion order on ties) are tried in turn, stopping at the
 *    first seen fewer than 10 times or fewer than 20 times the uniform expectation
 *    (count * 4^10 < total * 20); seeds with fewer than 3 base changes are skipped.
 * 4. A seed is extended forward over the bases after each of its occurrences (up to the last base
 *    but one) and backward over the bases before them: at each step, among the occurrences still
 *    on the path with a next base (an upper-case N ends one), the base class (byte & 7) shared by
 *    at least 95% is appended (as the byte of its first occurrence), while at least 50 take part.
 *    The adapter is backward path + seed + forward path, cut to 60 bases.
 * 5. A known adapter that is a prefix of it is returned (the shortest, which is the one fastp's
 *    sorted map meets first); otherwise the assembled sequence when both extensions ended for
 *    want of reads (not at a base without a 95% majority); otherwise nothing.
 *
 * One deliberate difference: the known adapters are fastp's list without its index-specific
 * primers and without the entries longer than 60 bases (which a 60-base sequence cannot start
 * with), plus the TruSeq small-RNA 3' adapter TGGAATTCTCGGGTGCCAAGG, which fastp lists only inside
 * its 63-base index primers and so never reports for small-RNA reads. The extensions follow the
 * occurrences directly instead of building fastp's nucleotide tree; the result is the same (the
 * property test checks it against a tree). */
#include "biometal/error.h"
#include "biometal/io.h"
#include "biometal/ops.h"

#include <stdlib.h>
#include <string.h>

enum {
    KEY_LEN = 10,
    KEY_SPACE = 1 << (2 * KEY_LEN),
    FIRST_KEY_POS = 20, /* k-mers start at base 20 or later */
    SHIFT_TAIL = 1,     /* the last base is noisy and never used */
    TOP_SEEDS = 10,
    FOLD_THRESHOLD = 20,
    MIN_SEED_COUNT = 10,
    MIN_PATH_SUPPORT = 50,
    READ_LIMIT = 256 * 1024,
};
#define BASE_LIMIT ((uint64_t)151 * READ_LIMIT)
#define DOMINANT_RATIO 0.95

/* Adapters and primers seen at read 3' ends (from fastp 0.23's list; see above). */
static const char *const known_adapters[] = {
    "AATGATACGGCGACCACCGACAGGTTCAGAGTTCTACAGTCCGA",       /* Illumina Small RNA PCR Primer 2 */
    "AATGATACGGCGACCACCGAGATCTACACGTTCAGAGTTCTACAGTCCGA", /* Illumina RNA PCR Primer */
    "AATGATACGGCGACCACCGAGATCTACACTCTTTCCCTACACGACGCTCTTCCGATCT", /* TruSeq Universal Adapter */
    "ACACTCTTTCCCTACACGACGCTCTTCCGATCT",                 /* Illumina Single End Sequencing Primer */
    "AGATCGGAAGAGCACACGTCTGAACTCCAGTCA",                 /* Illumina TruSeq Adapter Read 1 */
    "AGATCGGAAGAGCGGTTCAGCAGGAATGCCGAG",                 /* TruSeq2_PE_r */
    "AGATCGGAAGAGCGTCGTGTAGGGAAAGAGTGT",                 /* Illumina TruSeq Adapter Read 2 */
    "AGATCGGAAGAGCTCGTATGCCGTCTTCTGCTTG",                /* TruSeq2_SE */
    "CAAGCAGAAGACGGCATACGAGCTCTTCCGATCT",                /* Illumina Single End Adapter 2 */
    "CCACTACGCCTCCGCTTTCCTCTCTATGGGCAGTCGGTGAT",         /* ABI Solid3 Adapter B */
    "CCGACAGGTTCAGAGTTCTACAGTCCGACATG",                  /* Illumina NlaIII Sequencing Primer */
    "CGACAGGTTCAGAGTTCTACAGTCCGACGATC",                  /* Illumina Small RNA Sequencing Primer */
    "CGGTCTCGGCATTCCTGCTGAACCGCTCTTCCGATCT",             /* Illumina PE Sequencing Primer 2 */
    "CTAATACGACTCACTATAGGGCAAGCAGTGGTATCAACGCAGAGT",     /* Clontech Universal Primer Mix Long */
    "CTGAGCGGGCTGGCAAGGCAGACCGATCTCGTATGCCGTCTTCTGCTTG", /* I7_Adapter_Nextera_No_Barcode */
    "CTGATGGCGCGAGGGAGGCGTGTAGATCTCGGTGGTCGCCGTATCATT",  /* I5_Adapter_Nextera */
    "CTGCCCCGGGTTCCTCATTCTCTCAGCAGCATG",                 /* ABI Solid3 Adapter A */
    "CTGTCTCTTATACACATCTCCGAGCCCACGAGAC",                /* I7_Nextera_Transposase_1 */
    "CTGTCTCTTATACACATCTCTGAGCGGGCTGGCAAGGC",            /* I7_Nextera_Transposase_2 */
    "CTGTCTCTTATACACATCTCTGATGGCGCGAGGGAGGC",            /* I5_Nextera_Transposase_2 */
    "CTGTCTCTTATACACATCTGACGCTGCCGACGA",                 /* I5_Nextera_Transposase_1 */
    "GATCGGAAGAGCACACGTCTGAACTCCAGTCAC",                 /* Illumina Multiplexing Index Primer */
    "GATCGGAAGAGCGGTTCAGCAGGAATGCCGAG",                  /* Illumina Paired End Adapter 2 */
    "GATCGGAAGAGCGTCGTGTAGGGAAAGAGTGT",                  /* Nextera_LMP_Read2_External_Adapter */
    "GATCGGAAGAGCTCGTATGCCGTCTTCTGCTTG",                 /* Illumina Single End Adapter 1 */
    "GATCGTCGGACTGTAGAACTCTGAACGTGTAGA",                 /* Illumina Small RNA Adapter Read 2 */
    "GTCTCGTGGGCTCGGAGATGTGTATAAGAGACAG",                /* Nextera Trans2 */
    "GTGACTGGAGTTCAGACGTGTGCTCTTCCGATCT",                /* Illumina PE2 */
    "TACACTCTTTCCCTACACGACGCTCTTCCGATCT",                /* Illumina PE1 */
    "TCGGACTGTAGAACTCTGAACGTGTAGATCTCGGTGGTCGCCGTATCATT", /* RNA PCR Primer (RP1) */
    "TCGTCGGCAGCGTCAGATGTGTATAAGAGACAG",                  /* Nextera Trans1 */
    "TGGAATTCTCGGGTGCCAAGG",                              /* TruSeq Small RNA 3' Adapter (RA3) */
    "TTTTTTTTTTAATGATACGGCGACCACCGAGATCTACAC",            /* FlowCell1 */
    "TTTTTTTTTTCAAGCAGAAGACGGCATACGA",                    /* FlowCell2 */
};

/* fastp's 2-bit code of a seed base (A=0, T=1, C=2, G=3); -1 for anything else. */
static int seed_code(char c)
{
    switch (c) {
    case 'A':
        return 0;
    case 'T':
        return 1;
    case 'C':
        return 2;
    case 'G':
        return 3;
    default:
        return -1;
    }
}

static void seed_string(unsigned key, char out[KEY_LEN])
{
    for (int i = KEY_LEN - 1; i >= 0; i--, key >>= 2) out[i] = "ATCG"[key & 3];
}

typedef struct {
    const char *seq;
    size_t len;
} read_view_t;

/* Walks the seed k-mers of a read: those starting at base 20 .. len - 11 made only of A, C, G, T.
 */
typedef struct {
    const char *seq;
    size_t len, next; /* next: the next base to take in */
    unsigned key, valid;
} seed_scan_t;

static seed_scan_t seed_scan(const char *seq, size_t len)
{
    return (seed_scan_t){seq, len, FIRST_KEY_POS, 0, 0};
}

/* Moves to the next seed k-mer: sets its start and 2-bit key; returns 0 at the read's end. */
static int seed_scan_next(seed_scan_t *s, size_t *pos, unsigned *key)
{
    while (s->next + SHIFT_TAIL < s->len) {
        int c = seed_code(s->seq[s->next++]);
        s->key = ((s->key << 2) | (unsigned)(c < 0 ? 0 : c)) & (KEY_SPACE - 1);
        s->valid = c < 0 ? 0 : s->valid + 1;
        if (s->valid >= KEY_LEN) {
            *pos = s->next - KEY_LEN;
            *key = s->key;
            return 1;
        }
    }
    return 0;
}

/* One occurrence's extension: its bases in order of distance from the seed. */
typedef struct {
    const char *start;
    size_t len;
    int step; /* +1 forward, -1 backward */
} extension_t;

/* fastp's NucleotideTree::getDominantPath, walked over the occurrences directly: `ext` (n of
 * them, reordered) keeps those still on the path. Writes up to `cap` bases to `path`; returns the
 * path length. Clears *reached_end when a step found no 95% majority. */
static size_t dominant_path(extension_t *ext, size_t n, char *path, size_t cap, int *reached_end)
{
    size_t depth = 0;
    for (;; depth++) {
        size_t count[8] = {0}, total = 0;
        char first[8] = {0};
        for (size_t i = 0; i < n; i++) {
            if (depth >= ext[i].len) continue;
            char c = ext[i].start[(ptrdiff_t)depth * ext[i].step];
            if (c == 'N') continue;
            if (!count[c & 7]) first[c & 7] = c;
            count[c & 7]++;
            total++;
        }
        if (total < MIN_PATH_SUPPORT) break;
        int dominant = -1;
        for (int k = 0; k < 8 && dominant < 0; k++)
            if (count[k] && (double)count[k] / (double)total >= DOMINANT_RATIO) dominant = k;
        if (dominant < 0) {
            *reached_end = 0;
            break;
        }
        if (depth < cap) path[depth] = first[dominant];
        size_t kept = 0;
        for (size_t i = 0; i < n; i++) {
            if (depth >= ext[i].len) continue;
            char c = ext[i].start[(ptrdiff_t)depth * ext[i].step];
            if (c != 'N' && (c & 7) == dominant) ext[kept++] = ext[i];
        }
        n = kept;
    }
    return depth < cap ? depth : cap;
}

/* Extends one seed into an adapter (fastp's getAdapterWithSeed) and writes it to out (at most
 * BM_ADAPTER_MAX_LEN bases, NUL-terminated). Returns its length, 0 when the seed gives none. */
static int adapter_from_seed(const read_view_t *reads, size_t n, unsigned seed, char *out)
{
    size_t occurrences = 0, max_len = 0, pos;
    unsigned key;
    for (size_t r = 0; r < n; r++) {
        seed_scan_t scan = seed_scan(reads[r].seq, reads[r].len);
        while (seed_scan_next(&scan, &pos, &key)) occurrences += key == seed;
        if (reads[r].len > max_len) max_len = reads[r].len;
    }
    extension_t *ext = malloc((occurrences ? occurrences : 1) * sizeof *ext);
    char *back = malloc(max_len + 1), *fwd = malloc(max_len + 1);
    int result = 0;
    if (!ext || !back || !fwd) {
        result =
            bm_error(BM_ENOMEM, "adapter detection: cannot allocate %zu occurrences", occurrences);
        goto done;
    }
    int reached_end = 1;
    size_t path_len[2];
    for (int dir = 0; dir < 2; dir++) { /* forward, then backward */
        size_t m = 0;
        for (size_t r = 0; r < n; r++) {
            const char *s = reads[r].seq;
            size_t len = reads[r].len;
            seed_scan_t scan = seed_scan(s, len);
            while (seed_scan_next(&scan, &pos, &key)) {
                if (key != seed) continue;
                if (dir == 0)
                    ext[m++] =
                        (extension_t){s + pos + KEY_LEN, len - KEY_LEN - SHIFT_TAIL - pos, 1};
                else
                    ext[m++] = (extension_t){s + pos - 1, pos, -1};
            }
        }
        path_len[dir] = dominant_path(ext, m, dir == 0 ? fwd : back, max_len, &reached_end);
    }
    size_t nf = path_len[0], nb = path_len[1];

    char assembled[BM_ADAPTER_MAX_LEN + 1];
    size_t alen = 0;
    for (size_t i = nb; i-- > 0 && alen < BM_ADAPTER_MAX_LEN;) assembled[alen++] = back[i];
    char seed_bases[KEY_LEN];
    seed_string(seed, seed_bases);
    for (size_t i = 0; i < KEY_LEN && alen < BM_ADAPTER_MAX_LEN; i++)
        assembled[alen++] = seed_bases[i];
    for (size_t i = 0; i < nf && alen < BM_ADAPTER_MAX_LEN; i++) assembled[alen++] = fwd[i];

    const char *known = NULL;
    for (size_t k = 0; k < sizeof known_adapters / sizeof *known_adapters; k++) {
        size_t klen = strlen(known_adapters[k]);
        if (klen <= alen && !memcmp(known_adapters[k], assembled, klen) &&
            (!known || klen < strlen(known)))
            known = known_adapters[k];
    }
    if (known) {
        result = (int)strlen(known);
        memcpy(out, known, (size_t)result + 1);
    } else if (reached_end) {
        memcpy(out, assembled, alen);
        out[alen] = '\0';
        result = (int)alen;
    }
done:
    free(ext);
    free(back);
    free(fwd);
    return result;
}

/* fastp's low-complexity filter of candidate seeds. */
static int seed_considered(unsigned k)
{
    int per_base[4] = {0};
    for (int i = 0; i < KEY_LEN; i++) per_base[(k >> (2 * i)) & 3]++;
    for (int b = 0; b < 4; b++)
        if (per_base[b] >= KEY_LEN - 4) return 0;
    if (per_base[2] + per_base[3] >= KEY_LEN - 2) return 0; /* C + G */
    return (k >> 12) != 0xff;                               /* starts with GGGG */
}

/* The ten most frequent considered seeds, inserted as fastp does (a later seed goes above
 * earlier ones with the same count); *total sums the counts of all considered seeds. */
static void top_seeds(const uint32_t *counts, unsigned top[TOP_SEEDS], uint64_t *total)
{
    memset(top, 0, TOP_SEEDS * sizeof *top);
    *total = 0;
    for (unsigned k = 0; k < KEY_SPACE; k++) {
        if (!seed_considered(k)) continue;
        uint32_t val = counts[k];
        *total += val;
        int t = TOP_SEEDS - 1;
        while (t >= 0 && val >= counts[top[t]]) t--;
        if (t == TOP_SEEDS - 1) continue;
        memmove(top + t + 2, top + t + 1, (size_t)(TOP_SEEDS - 2 - t) * sizeof *top);
        top[t + 1] = k;
    }
}

int bm_detect_adapter(const bm_batch_t *batch, size_t min_reads, char *out, size_t cap)
{
    if (!out || cap < BM_ADAPTER_MAX_LEN + 1)
        return bm_error(BM_EINVAL, "adapter detection: output buffer of %zu bytes, need %d", cap,
                        BM_ADAPTER_MAX_LEN + 1);
    out[0] = '\0';
    size_t n = 0;
    uint64_t bases = 0;
    while (n < batch->count && n < READ_LIMIT && bases < BASE_LIMIT) bases += batch->seq_len[n++];
    if (n == 0 || n < min_reads) return 0;

    read_view_t *reads = malloc(n * sizeof *reads);
    uint32_t *counts = calloc(KEY_SPACE, sizeof *counts);
    int result = 0;
    if (!reads || !counts) {
        result = bm_error(BM_ENOMEM, "adapter detection: cannot allocate the 10-mer counts");
        goto done;
    }
    for (size_t r = 0; r < n; r++) {
        reads[r] = (read_view_t){batch->data + batch->seq_off[r], (size_t)batch->seq_len[r]};
        seed_scan_t scan = seed_scan(reads[r].seq, reads[r].len);
        size_t pos;
        unsigned key;
        while (seed_scan_next(&scan, &pos, &key)) counts[key]++;
    }
    counts[0] = 0; /* AAAAAAAAAA */

    unsigned top[TOP_SEEDS];
    uint64_t total;
    top_seeds(counts, top, &total);
    for (int t = 0; t < TOP_SEEDS && result == 0; t++) {
        unsigned key = top[t];
        if (key == 0) continue;
        uint64_t count = counts[key];
        if (count < MIN_SEED_COUNT || count * KEY_SPACE < total * FOLD_THRESHOLD) break;
        char s[KEY_LEN];
        seed_string(key, s);
        int changes = 0;
        for (int i = 0; i + 1 < KEY_LEN; i++) changes += s[i] != s[i + 1];
        if (changes < 3) continue;
        result = adapter_from_seed(reads, n, key, out);
    }
done:
    free(reads);
    free(counts);
    return result;
}
