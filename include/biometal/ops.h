/* Per-read kernels with run-time SIMD dispatch: base counts, GC content, quality summaries.
 * Every kernel has a scalar reference; SIMD variants give exactly the same results. */
#ifndef BIOMETAL_OPS_H
#define BIOMETAL_OPS_H

#include "biometal/io.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Instruction sets ------------------------------------------------------------------------ */

typedef enum {
    BM_ISA_SCALAR = 0, /* portable C: the reference every other variant is tested against */
    BM_ISA_SSE41 = 1,
    BM_ISA_AVX2 = 2,
    BM_ISA_AVX512 = 3, /* AVX-512F + BW */
    BM_ISA_NEON = 4,
    BM_ISA_COUNT = 5
} bm_isa_t;

/* The variant in use: chosen once, at the first call of any kernel, as the fastest measured one
 * this CPU runs (AVX2, then AVX-512, SSE4.1, NEON, scalar), unless the environment variable BIOMETAL_ISA=scalar|sse41|avx2|avx512|neon names another
 * (an unsupported or unknown name falls back to the best one). */
bm_isa_t bm_isa_active(void);

/* Whether this build and this CPU can run `isa`. */
int bm_isa_supported(bm_isa_t isa);

/* Switches every kernel to `isa` (for tests and benchmarks; not thread-safe against concurrent
 * kernel calls). Errors: BM_EINVAL when the CPU or the build cannot run it. */
int bm_isa_force(bm_isa_t isa);

/* "scalar", "sse41", "avx2", "avx512", "neon"; NULL for an invalid value. */
const char *bm_isa_name(bm_isa_t isa);

/* Parses an ISA name; returns -1 if unknown. */
int bm_isa_from_name(const char *name);

/* ---- Bases -------------------------------------------------------------------------------------
 */

/* Letters of a sequence by kind, upper and lower case together. `other` is every other byte
 * (IUPAC codes such as R or Y, gaps, anything). */
typedef struct {
    uint64_t a, c, g, t, n, other;
} bm_base_counts_t;

/* Counts the letters of seq[0..len). */
void bm_count_bases(const char *seq, size_t len, bm_base_counts_t *out);

/* G+C as a fraction of A+C+G+T (N and other letters are left out); 0 when there are none. */
double bm_gc_fraction(const char *seq, size_t len);

/* Low-complexity score as fastp defines it: the fraction of adjacent positions whose bases
 * differ, #{i : seq[i] != seq[i+1]} / (len - 1), compared case-sensitively; 0 for reads shorter
 * than 2. fastp keeps a read when the score is >= its threshold (0.3 by default). */
double bm_complexity(const char *seq, size_t len);

/* Writes the reverse complement of seq[0..len) to out[0..len); the two must not overlap.
 * IUPAC aware: A<->T, C<->G, R<->Y, K<->M, B<->V, D<->H, U->A; S, W, N and every other byte map
 * to themselves; case is kept. */
void bm_reverse_complement(const char *seq, size_t len, char *out);

/* Upper-cases the letters a-z of seq into out (other bytes unchanged); out may equal seq. */
void bm_to_upper(const char *seq, size_t len, char *out);

/* Copies seq to out, replacing each base whose Phred score (quality character minus `offset`) is
 * below `min_q` by `mask_char` (usually 'N'); out may equal seq. */
void bm_mask_low_quality(const char *seq, const char *qual, size_t len, int offset, int min_q,
                         char mask_char, char *out);

/* ---- Qualities ---------------------------------------------------------------------------------
 */

typedef struct {
    uint64_t sum;           /* sum of Phred scores */
    unsigned min;           /* lowest Phred score; 0 for an empty read */
    uint64_t at_least;      /* bases whose Phred score is >= the threshold */
    double expected_errors; /* sum of 10^(-Q/10): the expected number of wrong bases */
} bm_qual_summary_t;

/* Summarises qual[0..len), Phred scores encoded as characters with `offset` added (33 for
 * Sanger/Illumina 1.8+, 64 for Illumina 1.3-1.7); `threshold` is the Phred score counted by
 * at_least. Characters below `offset` count as Phred 0. Expected errors are summed in fixed point
 * (2^-40 units, exact whatever the order), so every variant returns the same double. */
void bm_quality_summary(const char *qual, size_t len, int offset, int threshold,
                        bm_qual_summary_t *out);

/* ---- k-mers and minimizers ---------------------------------------------------------------------
 */

/* A k-mer in 2 bits per base (A=0, C=1, G=2, T=3; first base in the highest bits), canonical:
 * the smaller of the k-mer and its reverse complement. */
typedef struct {
    uint64_t kmer; /* canonical 2-bit k-mer */
    uint32_t pos;  /* 0-based start in the sequence */
} bm_kmer_t;

/* Writes the canonical k-mers of seq (1 <= k <= 32; upper or lower case) to out, in order of
 * position, skipping every k-mer that contains a base other than A, C, G or T. Returns how many
 * there are (at most len - k + 1); only the first `cap` are written. */
size_t bm_kmers(const char *seq, size_t len, unsigned k, bm_kmer_t *out, size_t cap);

/* The invertible 64-bit hash that orders k-mers for minimizers (as minimap2's hash64). */
uint64_t bm_kmer_hash(uint64_t kmer, unsigned k);

/* (w, k)-minimizers: for every w consecutive k-mers of a stretch without other bases, the one
 * with the smallest bm_kmer_hash (the leftmost on ties); each chosen k-mer is written once, in
 * order of position. Stretches with fewer than w k-mers give none. Returns the count (only the
 * first `cap` are written). 1 <= k <= 32, 1 <= w <= 256 (otherwise 0). */
size_t bm_minimizers(const char *seq, size_t len, unsigned k, unsigned w, bm_kmer_t *out,
                     size_t cap);

/* ---- Trimming positions ---------------------------------------------------------------------- */

/* Quality trimming by the modified Mott algorithm, exactly as `seqtk trimfq -q ERR -l MIN_LEN`:
 * qualities are Phred+33 (scores below 3 count as 3); the kept region [*begin, *end) maximises
 * the sum of (ERR - 10^(-Q/10)) over its bases. Reads not longer than MIN_LEN are kept whole; if
 * no base has an error probability below ERR, the first MIN_LEN bases are kept; if the region is
 * shorter than MIN_LEN, the MIN_LEN-base window with the highest quality sum is kept instead. */
void bm_trim_mott(const char *qual, size_t len, double err, size_t min_len, size_t *begin,
                  size_t *end);

/* Quality trimming of both ends by BWA's algorithm, exactly as `cutadapt -q FRONT,BACK`
 * (qualities with `offset`): from the 3' end, the cut is where the partial sum of
 * (BACK - Q) over the removed bases is largest, the scan stopping once that sum drops below 0;
 * the 5' end likewise with FRONT. A cutoff of 0 trims nothing at that end. When the two cuts
 * cross, the whole read is removed (*begin = *end = 0). */
void bm_trim_bwa(const char *qual, size_t len, int offset, int cutoff_front, int cutoff_back,
                 size_t *begin, size_t *end);

/* Sliding-window trimming from the 5' end, as fastp --cut_right (qualities with `offset`): the
 * first window of `window` bases whose mean quality is below `min_mean` is found, and the read is
 * cut at the first base of that window whose quality is below `min_mean`; the kept region is
 * [0, *end). As in fastp 0.23, a window ending at the last base is not examined, and a read not
 * longer than the window, or with nothing left, is removed (*begin = *end = 0). */
void bm_trim_sliding_window(const char *qual, size_t len, int offset, size_t window, int min_mean,
                            size_t *begin, size_t *end);

/* Fixed trimming as fastp -f HEAD -t TAIL: removes `head` bases from the 5' end and `tail` from
 * the 3' end; the kept region is [*begin, *end). When head + tail >= len nothing is left and
 * *begin = *end = 0 (so *begin <= *end always). */
void bm_trim_fixed(size_t len, size_t head, size_t tail, size_t *begin, size_t *end);

/* Poly-X tail trimming as fastp --trim_poly_x --poly_x_min_len MIN_LEN (0.23; fastp's default
 * MIN_LEN is 10). The read is scanned from the 3' end counting A, T, C and G (N counts as every
 * base; lower case and other bytes as none). The scan stops at the first base where no letter
 * accounts for all but one per 8 scanned bases (at most 5), if by then at least 9 or MIN_LEN - 1
 * bases were scanned. When the scanned bases, the stopping one included (len + 1 when the scan
 * reaches the 5' end), number at least MIN_LEN, the most frequent letter among them (ties: A, T,
 * C, G) is the poly-X base and the read is cut just before the first such base from the stop
 * towards the 3' end. Sets *end to the new length (len when nothing is cut). */
void bm_trim_poly_x(const char *seq, size_t len, size_t min_len, size_t *end);

/* Poly-G tail trimming as fastp --trim_poly_g --poly_g_min_len MIN_LEN (0.23): the tail is
 * scanned from the 3' end allowing one non-G base per 8 and at most 5 in all (the limits apply
 * once MIN_LEN bases were scanned); a tail of at least MIN_LEN bases is cut just before its first
 * G. Sets *end to the new length (len when nothing is cut). `base` is 'G' for poly-G; other
 * letters give the same trimming for that base (poly-X). */
void bm_trim_poly_tail(const char *seq, size_t len, char base, size_t min_len, size_t *end);

/* ---- Adapter removal ------------------------------------------------------------------------ */

/* How bm_trim_adapter matches an adapter. */
typedef struct {
    size_t min_match;      /* fewer adapter bases than this at the read's end are never cut */
    unsigned mismatch_per; /* one mismatch allowed per this many compared bases; 0 = none */
} bm_adapter_opts_t;

/* fastp's values: 4 bases, one mismatch per 8 (fastp uses 5 or 6 bases for > 16 or > 256
 * adapters from --adapter_fasta). */
#define BM_ADAPTER_OPTS_FASTP {4, 8}

/* Adapter trimming with a given adapter, exactly as fastp 0.23 trims single-end reads
 * (--adapter_sequence). The adapter is laid against the read at start positions
 * pos = -s, -s + 1, ... while pos < len - min_match (s = 4 for adapters of 16 bases or more, 3
 * for 12-15, 2 for 8-11, else 0: adapter dimers missing their first bases); at each, the bases
 * where both are present are compared byte for byte (case-sensitive), and the first pos with at
 * most min(len - pos, alen) / mismatch_per mismatches is the cut. Returns the new length: pos, 0
 * when pos < 0, or len when nothing is found (or alen < min_match). `opts` NULL = fastp's. */
size_t bm_trim_adapter(const char *seq, size_t len, const char *adapter, size_t alen,
                       const bm_adapter_opts_t *opts);

/* How bm_pair_overlap accepts an overlap. */
typedef struct {
    size_t min_overlap;        /* fastp --overlap_len_require */
    unsigned max_diff;         /* --overlap_diff_limit */
    unsigned max_diff_percent; /* --overlap_diff_percent_limit */
} bm_overlap_opts_t;

/* fastp's defaults: 30 bases, 5 mismatches, 20 percent. */
#define BM_OVERLAP_OPTS_FASTP {30, 5, 20}

typedef struct {
    int overlapped;     /* 1 when the mates overlap */
    ptrdiff_t offset;   /* where read 2's reverse complement starts on read 1; negative when it
                           starts before read 1: the insert is shorter than the reads */
    size_t overlap_len; /* bases in the overlap */
    size_t diff;        /* mismatches in the overlap */
} bm_overlap_t;

/* Finds where the mates of a pair overlap, as fastp 0.23's overlap analysis: read 2 is reverse
 * complemented (A<->T, C<->G in either case, any other byte becomes N) and slid along read 1 with
 * offsets 0, 1, 2, ... while offset < len1 - min_overlap, then 0, -1, -2, ... while
 * -offset < len2 - min_overlap. The first offset whose overlap (L bases) has at most
 * min(max_diff, (int)(L * max_diff_percent / 100.0)) mismatches among its first min(L, 50) bases
 * is taken. Fills *out (all zero when there is no overlap) and returns 1 when the mates overlap,
 * 0 when not, or BM_ENOMEM (read 2 longer than 1024 bases needs a buffer). `opts` NULL = fastp's.
 */
int bm_pair_overlap(const char *r1, size_t len1, const char *r2, size_t len2,
                    const bm_overlap_opts_t *opts, bm_overlap_t *out);

/* Adapter trimming of a pair by overlap, as fastp 0.23 does for paired reads by default: when
 * bm_pair_overlap finds a negative offset, the insert is shorter than the reads and both are cut
 * to the overlap length. Sets *end1 and *end2 to the new lengths (len1, len2 when nothing is cut);
 * returns 1 when the pair was cut, 0 when not, or BM_ENOMEM. */
int bm_trim_pair_overlap(const char *r1, size_t len1, const char *r2, size_t len2,
                         const bm_overlap_opts_t *opts, size_t *end1, size_t *end2);

/* Longest adapter bm_detect_adapter reports, and the reads fastp needs to try. */
#define BM_ADAPTER_MAX_LEN 60
#define BM_ADAPTER_DETECT_MIN_READS 10000

/* Detects the 3' adapter of single-end reads from the first reads of a run, as fastp 0.23's
 * --detect_adapter: the 10-mers most over-represented from base 20 on seed a sequence that is
 * extended both ways while 95% of the reads agree on the next base; a known adapter (TruSeq,
 * Nextera, small RNA, ...) that begins it is reported, otherwise the sequence itself when its
 * extension ended with the reads. Uses the batch's first 256Ki reads or 151 * 256Ki bases; finds
 * nothing with fewer than `min_reads` reads (fastp: BM_ADAPTER_DETECT_MIN_READS). Writes the
 * adapter NUL-terminated to out (cap >= BM_ADAPTER_MAX_LEN + 1) and returns its length, 0 when
 * none was found; errors: BM_EINVAL (out too small), BM_ENOMEM. */
int bm_detect_adapter(const bm_batch_t *reads, size_t min_reads, char *out, size_t cap);

/* Mean Phred score (sum / len); 0 for an empty read. */
double bm_mean_quality(const char *qual, size_t len, int offset);

/* Guesses the quality offset from characters seen: 33 when any is below ';' (59), 64 when all are
 * at or above '@' (64) and some above 'J' (74), else 33. */
int bm_guess_quality_offset(const char *qual, size_t len);

#ifdef __cplusplus
}
#endif
#endif
