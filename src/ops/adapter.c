/* Adapter removal as fastp 0.23 does it: cutting a given adapter from a read's 3' end, and finding
 * where the mates of a pair overlap so that both can be cut to an insert shorter than the reads.
 *
 * The fastp 0.23.2 rules reproduced (AdapterTrimmer::trimBySequence, OverlapAnalysis::analyze,
 * AdapterTrimmer::trimByOverlapAnalysis):
 *
 * Given adapter A (alen bases) and read R (rlen bases), with min_match = 4, one mismatch per 8:
 *  - nothing is cut when alen < min_match;
 *  - candidate starts pos are tried in increasing order from `first` while pos < rlen - min_match,
 *    where first = -4 when alen >= 16, -3 when alen >= 12, -2 when alen >= 8, else 0 (a negative
 *    pos finds an adapter dimer whose first bases are missing, such as the A of the A-tail);
 *  - at pos, cmplen = min(rlen - pos, alen); A[i] is compared with R[pos + i] for
 *    max(0, -pos) <= i < cmplen, byte for byte (case-sensitive, N equals only N); the position
 *    matches when the mismatches are at most cmplen / 8 (integer division; for a negative pos the
 *    adapter bases hanging off the read's start count in cmplen but are not compared);
 *  - the first matching pos is the cut: the read keeps [0, pos), or nothing when pos < 0. So the
 *    last min_match + 1 bases of a read are never searched, and a partial adapter of at least
 *    min_match + 1 bases at the end is found with 0 mismatches below 8 compared bases.
 *
 * Pair overlap, with r2' the reverse complement of read 2 (A<->T and C<->G in either case, any
 * other byte -> 'N'; read 1 is compared as it is), min_overlap = 30, max_diff = 5, 20 percent:
 *  - forward: offset = 0, 1, ... while offset < len1 - min_overlap, r1[offset + i] against r2'[i],
 *    overlap = min(len1 - offset, len2); then reverse: offset = 0, -1, ... while
 *    -offset < len2 - min_overlap, r1[i] against r2'[i - offset], overlap = min(len1, len2 +
 * offset);
 *  - limit = min(max_diff, (int)(overlap * (percent / 100.0))); fastp counts mismatches but gives
 *    up on an offset only while fewer than 50 bases were compared, so an offset is accepted when
 *    the mismatches among the first min(overlap, 50) bases are at most limit (those further on
 *    are counted into diff but never reject);
 *  - the first accepted offset is the overlap; when it is negative the insert is shorter than the
 *    reads and both are cut to min(length, overlap).
 *
 * Not copied: fastp's front-trimmed lengths added back in trimByOverlapAnalysis (these kernels
 * see reads before any other trimming), the one-indel matching of later fastp versions, and the
 * multi-adapter lists (--adapter_fasta, where min_match grows to 5 or 6; set it in the options).
 */
#include "biometal/error.h"
#include "biometal/ops.h"

#include <stdlib.h>
#include <string.h>

enum {
    FULL_COMPARE = 50,     /* fastp's complete_compare_require */
    STACK_READ_MAX = 1024, /* reads up to this long are reverse complemented on the stack */
};

/* Number of non-zero bytes of x. */
static inline size_t nonzero_bytes(uint64_t x)
{
    x |= x >> 4;
    x |= x >> 2;
    x |= x >> 1;
    x &= 0x0101010101010101ULL; /* bit 0 of each byte: the OR of that byte's bits */
    return (size_t)((x * 0x0101010101010101ULL) >> 56);
}

/* Positions i < n where a[i] != b[i], compared 8 bytes at a time; once the count exceeds `limit`
 * counting stops and some count above `limit` is returned. */
static size_t count_mismatches(const char *a, const char *b, size_t n, size_t limit)
{
    size_t mismatches = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        mismatches += nonzero_bytes(x ^ y);
        if (mismatches > limit) return mismatches;
    }
    for (; i < n; i++) mismatches += a[i] != b[i];
    return mismatches;
}

size_t bm_trim_adapter(const char *seq, size_t len, const char *adapter, size_t alen,
                       const bm_adapter_opts_t *opts)
{
    static const bm_adapter_opts_t fastp = BM_ADAPTER_OPTS_FASTP;
    const bm_adapter_opts_t *o = opts ? opts : &fastp;
    if (alen < o->min_match || len >= (size_t)PTRDIFF_MAX || o->min_match >= (size_t)PTRDIFF_MAX)
        return len;
    ptrdiff_t pos = alen >= 16 ? -4 : alen >= 12 ? -3 : alen >= 8 ? -2 : 0;
    const ptrdiff_t stop = (ptrdiff_t)len - (ptrdiff_t)o->min_match;
    for (; pos < stop; pos++) {
        size_t hang = pos < 0 ? (size_t)-pos : 0; /* adapter bases before the read's start */
        size_t cmplen = pos < 0 ? len + hang : len - (size_t)pos; /* rlen - pos */
        if (cmplen > alen) cmplen = alen;
        size_t allowed = o->mismatch_per ? cmplen / o->mismatch_per : 0;
        if (cmplen <= hang || count_mismatches(adapter + hang, seq + pos + (ptrdiff_t)hang,
                                               cmplen - hang, allowed) <= allowed)
            return pos < 0 ? 0 : (size_t)pos;
    }
    return len;
}

/* fastp's complement for the overlap analysis: upper case out; bytes not listed become N. */
static const char overlap_complement[256] = {['A'] = 'T', ['a'] = 'T', ['T'] = 'A', ['t'] = 'A',
                                             ['C'] = 'G', ['c'] = 'G', ['G'] = 'C', ['g'] = 'C'};

/* fastp's acceptance of one offset: a[0..overlap) against b[0..overlap). */
static int overlap_accepted(const char *a, const char *b, size_t overlap,
                            const bm_overlap_opts_t *o, size_t *diff)
{
    double by_percent = (double)overlap * (o->max_diff_percent / 100.0); /* as fastp computes it */
    size_t limit = by_percent < o->max_diff ? (size_t)by_percent : o->max_diff;
    size_t head = overlap < FULL_COMPARE ? overlap : FULL_COMPARE;
    size_t d = count_mismatches(a, b, head, limit);
    if (d > limit) return 0;
    *diff = d + count_mismatches(a + head, b + head, overlap - head, SIZE_MAX);
    return 1;
}

/* The overlap search on read 1 and the reverse complement of read 2. */
static int find_overlap(const char *r1, size_t len1, const char *rc2, size_t len2,
                        const bm_overlap_opts_t *o, bm_overlap_t *out)
{
    size_t diff;
    for (size_t offset = 0; o->min_overlap < len1 && offset < len1 - o->min_overlap; offset++) {
        size_t overlap = len1 - offset < len2 ? len1 - offset : len2;
        if (overlap_accepted(r1 + offset, rc2, overlap, o, &diff)) {
            *out = (bm_overlap_t){1, (ptrdiff_t)offset, overlap, diff};
            return 1;
        }
    }
    for (size_t back = 0; o->min_overlap < len2 && back < len2 - o->min_overlap; back++) {
        size_t overlap = len2 - back < len1 ? len2 - back : len1;
        if (overlap_accepted(r1, rc2 + back, overlap, o, &diff)) {
            *out = (bm_overlap_t){1, -(ptrdiff_t)back, overlap, diff};
            return 1;
        }
    }
    return 0;
}

int bm_pair_overlap(const char *r1, size_t len1, const char *r2, size_t len2,
                    const bm_overlap_opts_t *opts, bm_overlap_t *out)
{
    static const bm_overlap_opts_t fastp = BM_OVERLAP_OPTS_FASTP;
    char stack[STACK_READ_MAX];
    *out = (bm_overlap_t){0, 0, 0, 0};
    char *rc2 = len2 <= sizeof stack ? stack : malloc(len2);
    if (!rc2)
        return bm_error(BM_ENOMEM, "read-pair overlap: cannot allocate %zu bytes for read 2", len2);
    for (size_t i = 0; i < len2; i++) {
        char c = overlap_complement[(unsigned char)r2[len2 - 1 - i]];
        rc2[i] = c ? c : 'N';
    }
    int found = find_overlap(r1, len1, rc2, len2, opts ? opts : &fastp, out);
    if (rc2 != stack) free(rc2);
    return found;
}

int bm_trim_pair_overlap(const char *r1, size_t len1, const char *r2, size_t len2,
                         const bm_overlap_opts_t *opts, size_t *end1, size_t *end2)
{
    bm_overlap_t ov;
    *end1 = len1;
    *end2 = len2;
    int rc = bm_pair_overlap(r1, len1, r2, len2, opts, &ov);
    if (rc <= 0 || ov.offset >= 0) return rc < 0 ? rc : 0;
    if (ov.overlap_len < len1) *end1 = ov.overlap_len;
    if (ov.overlap_len < len2) *end2 = ov.overlap_len;
    return 1;
}
