/* Property test: every batch entry point of biometal/ops_batch.h, under every instruction set this
 * machine runs, equals the per-read scalar reference called record by record, on random batches
 * (FASTQ, FASTA and mixed; empty records; fixed seed, printed on failure). */
#include "biometal/biometal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x6261746368ULL;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static int failures;
static uint64_t seed;
static int round_no;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond) && failures++ < 20) {                                                          \
            fprintf(stderr, "FAIL seed %llu round %d isa %s: ", (unsigned long long)seed,          \
                    round_no, bm_isa_name(bm_isa_active()));                                       \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

enum { MAX_RECORDS = 40, MAX_LEN = 300 };

/* A random batch: reads with poly tails now and then; kind 0 FASTQ, 1 FASTA, 2 mixed. */
static void random_batch(bm_batch_t *b, int kind, int qual_base)
{
    static const char letters[] = "ACGTACGTACGTNacgtnRY-";
    char name[32], seq[MAX_LEN], qual[MAX_LEN];
    bm_batch_clear(b);
    size_t n = rnd() % (MAX_RECORDS + 1);
    for (size_t r = 0; r < n; r++) {
        size_t len = rnd() % 4 == 0 ? rnd() % 12 : rnd() % MAX_LEN;
        size_t tail = rnd() % 3 == 0 ? rnd() % (len + 1) : 0;
        char poly = "ACGT"[rnd() % 4];
        for (size_t i = 0; i < len; i++) {
            seq[i] = i >= len - tail && rnd() % 10 ? poly : letters[rnd() % (sizeof letters - 1)];
            qual[i] = (char)(qual_base + (int)(rnd() % 42));
        }
        int with_qual = kind == 0 || (kind == 2 && rnd() % 2);
        bm_record_t rec = {name,
                           (size_t)snprintf(name, sizeof name, "r%zu extra", r),
                           seq,
                           len,
                           with_qual ? qual : NULL,
                           1 + r};
        if (bm_batch_push(b, &rec) < 0) {
            fprintf(stderr, "%s\n", bm_last_error());
            exit(1);
        }
    }
}

static const char *seq_at(const bm_batch_t *b, size_t i)
{
    return b->data + b->seq_off[i];
}
static const char *qual_at(const bm_batch_t *b, size_t i)
{
    return b->qual_off[i] == UINT64_MAX ? NULL : b->data + b->qual_off[i];
}

static void check_stats(const bm_batch_t *b, bm_isa_t isa)
{
    static bm_base_counts_t counts[MAX_RECORDS], counts_ref;
    static bm_qual_summary_t qs[MAX_RECORDS], qs_ref;
    static double gc[MAX_RECORDS], cx[MAX_RECORDS], mq[MAX_RECORDS];
    static const int offsets[] = {33, 64}, thresholds[] = {20, 0, 300};
    const int offset = offsets[rnd() % 2], threshold = thresholds[rnd() % 3];
    bm_isa_force(isa);
    bm_batch_base_counts(b, counts);
    bm_batch_gc_fraction(b, gc);
    bm_batch_complexity(b, cx);
    bm_batch_quality_summary(b, offset, threshold, qs);
    bm_batch_mean_quality(b, offset, mq);
    int guess = bm_batch_guess_quality_offset(b);
    bm_isa_force(BM_ISA_SCALAR);
    static char all_qual[MAX_RECORDS * MAX_LEN];
    size_t all_len = 0;
    for (size_t i = 0; i < b->count; i++) {
        const char *s = seq_at(b, i), *q = qual_at(b, i);
        size_t len = b->seq_len[i], qlen = q ? len : 0;
        bm_count_bases(s, len, &counts_ref);
        CHECK(!memcmp(&counts[i], &counts_ref, sizeof counts_ref), "base counts of record %zu", i);
        CHECK(gc[i] == bm_gc_fraction(s, len), "gc of record %zu", i);
        CHECK(cx[i] == bm_complexity(s, len), "complexity of record %zu", i);
        bm_quality_summary(q ? q : "", qlen, offset, threshold, &qs_ref);
        CHECK(qs[i].sum == qs_ref.sum && qs[i].min == qs_ref.min &&
                  qs[i].at_least == qs_ref.at_least &&
                  qs[i].expected_errors == qs_ref.expected_errors,
              "quality summary of record %zu (offset %d threshold %d)", i, offset, threshold);
        CHECK(mq[i] == bm_mean_quality(q ? q : "", qlen, offset), "mean quality of record %zu", i);
        if (qlen) memcpy(all_qual + all_len, q, qlen);
        all_len += qlen;
    }
    int guess_ref = bm_guess_quality_offset(all_qual, all_len);
    CHECK(guess == guess_ref, "quality offset guess %d, expected %d", guess, guess_ref);
}

/* A copy of `src` made record by record with bm_batch_push. */
static void copy_batch(const bm_batch_t *src, bm_batch_t *dst)
{
    bm_batch_clear(dst);
    for (size_t i = 0; i < src->count; i++) {
        bm_record_t rec = {src->data + src->name_off[i],
                           src->name_len[i],
                           seq_at(src, i),
                           src->seq_len[i],
                           qual_at(src, i),
                           src->first_number + i};
        if (bm_batch_push(dst, &rec) < 0) exit(1);
    }
}

static void check_rewrites(const bm_batch_t *b, bm_isa_t isa)
{
    static char want[MAX_LEN];
    static bm_batch_t rc, up, masked; /* kept between rounds: reused memory is tested too */
    const int offset = rnd() % 2 ? 33 : 64, min_q = (int)(rnd() % 45) - 2;
    copy_batch(b, &up);
    copy_batch(b, &masked);
    bm_isa_force(isa);
    CHECK(bm_batch_reverse_complement(b, &rc) == 0, "reverse complement failed");
    CHECK(bm_batch_reverse_complement(&rc, &rc) == BM_EINVAL, "in-place reverse complement");
    bm_batch_to_upper(&up);
    bm_batch_mask_low_quality(&masked, offset, min_q, 'N');
    bm_isa_force(BM_ISA_SCALAR);
    CHECK(rc.count == b->count && rc.format == b->format && rc.first_number == b->first_number,
          "reverse complement batch header");
    for (size_t i = 0; i < b->count && i < rc.count; i++) {
        const char *s = seq_at(b, i), *q = qual_at(b, i);
        size_t len = b->seq_len[i];
        CHECK(rc.name_len[i] == b->name_len[i] &&
                  !memcmp(rc.data + rc.name_off[i], b->data + b->name_off[i], b->name_len[i]),
              "reverse complement name of record %zu", i);
        CHECK(rc.seq_len[i] == len, "reverse complement length of record %zu", i);
        bm_reverse_complement(s, len, want);
        CHECK(!memcmp(seq_at(&rc, i), want, len), "reverse complement of record %zu", i);
        CHECK(!q == !qual_at(&rc, i), "reverse complement qualities present, record %zu", i);
        int reversed = 1;
        for (size_t j = 0; q && j < len; j++) reversed &= qual_at(&rc, i)[j] == q[len - 1 - j];
        CHECK(reversed, "reversed qualities of record %zu", i);
        bm_to_upper(s, len, want);
        CHECK(!memcmp(seq_at(&up, i), want, len), "to_upper of record %zu", i);
        if (q)
            bm_mask_low_quality(s, q, len, offset, min_q, 'N', want);
        else
            memcpy(want, s, len);
        CHECK(!memcmp(seq_at(&masked, i), want, len), "masking of record %zu (offset %d min_q %d)",
              i, offset, min_q);
        CHECK(!q || !memcmp(qual_at(&masked, i), q, len), "masking changed qualities, record %zu",
              i);
    }
    if (round_no < 0) { /* after the last round */
        bm_batch_free(&rc);
        bm_batch_free(&up);
        bm_batch_free(&masked);
    }
}

static void check_kmers(const bm_batch_t *b, bm_isa_t isa)
{
    static bm_kmer_t got[MAX_RECORDS * MAX_LEN], want[MAX_LEN];
    static size_t first[MAX_RECORDS + 1];
    static const unsigned ks[] = {1, 5, 15, 31, 32};
    unsigned k = ks[rnd() % 5], w = 1 + rnd() % 12;
    int minimizers = rnd() % 2;
    /* sometimes too little room: the totals and `first` must still be complete */
    size_t cap = rnd() % 3 ? MAX_RECORDS * MAX_LEN : rnd() % 200;
    bm_isa_force(isa);
    size_t total = minimizers ? bm_batch_minimizers(b, k, w, got, cap, first)
                              : bm_batch_kmers(b, k, got, cap, first);
    bm_isa_force(BM_ISA_SCALAR);
    size_t at = 0;
    for (size_t i = 0; i < b->count; i++) {
        size_t n = minimizers ? bm_minimizers(seq_at(b, i), b->seq_len[i], k, w, want, MAX_LEN)
                              : bm_kmers(seq_at(b, i), b->seq_len[i], k, want, MAX_LEN);
        CHECK(first[i] == at, "%s of record %zu start at %zu, expected %zu",
              minimizers ? "minimizers" : "k-mers", i, first[i], at);
        for (size_t j = 0; j < n; j++)
            if (at + j < cap)
                CHECK(got[at + j].kmer == want[j].kmer && got[at + j].pos == want[j].pos,
                      "k-mer %zu of record %zu (k %u w %u minimizers %d)", j, i, k, w, minimizers);
        at += n;
    }
    CHECK(total == at && first[b->count] == at, "k-mer total %zu, expected %zu", total, at);
}

static void check_trims(const bm_batch_t *b, bm_isa_t isa)
{
    static size_t beg[6][MAX_RECORDS], end[6][MAX_RECORDS];
    const size_t head = rnd() % 20, tail = rnd() % 20, min_len = rnd() % 25, window = 1 + rnd() % 8;
    const int offset = 33, front = (int)(rnd() % 30), back = (int)(rnd() % 30),
              mean = (int)(rnd() % 40);
    const double err = rnd() % 2 ? 0.05 : 0.01;
    const char base = "GACT"[rnd() % 4];
    bm_isa_force(isa);
    bm_batch_trim_fixed(b, head, tail, beg[0], end[0]);
    bm_batch_trim_mott(b, err, min_len, beg[1], end[1]);
    bm_batch_trim_bwa(b, offset, front, back, beg[2], end[2]);
    bm_batch_trim_sliding_window(b, offset, window, mean, beg[3], end[3]);
    bm_batch_trim_poly_tail(b, base, min_len, end[4]);
    bm_batch_trim_poly_x(b, min_len, end[5]);
    bm_isa_force(BM_ISA_SCALAR);
    static const char *const names[6] = {"fixed",          "mott",      "bwa",
                                         "sliding window", "poly tail", "poly-X"};
    for (size_t i = 0; i < b->count; i++) {
        const char *s = seq_at(b, i), *q = qual_at(b, i);
        size_t len = b->seq_len[i], wb[6] = {0}, we[6];
        for (int t = 0; t < 6; t++) wb[t] = 0, we[t] = len; /* kept whole without qualities */
        bm_trim_fixed(len, head, tail, &wb[0], &we[0]);
        if (q) {
            bm_trim_mott(q, len, err, min_len, &wb[1], &we[1]);
            bm_trim_bwa(q, len, offset, front, back, &wb[2], &we[2]);
            bm_trim_sliding_window(q, len, offset, window, mean, &wb[3], &we[3]);
        }
        bm_trim_poly_tail(s, len, base, min_len, &we[4]);
        bm_trim_poly_x(s, len, min_len, &we[5]);
        for (int t = 0; t < 6; t++)
            CHECK((t >= 4 || beg[t][i] == wb[t]) && end[t][i] == we[t],
                  "%s trimming of record %zu: [%zu, %zu), expected [%zu, %zu)", names[t], i,
                  t >= 4 ? 0 : beg[t][i], end[t][i], wb[t], we[t]);
    }
}

int main(void)
{
    seed = rng;
    bm_batch_t b;
    bm_batch_init(&b);
    int isas = 0;
    for (int isa = 0; isa < BM_ISA_COUNT; isa++) {
        if (!bm_isa_supported((bm_isa_t)isa)) continue;
        isas++;
        for (round_no = 0; round_no < 150; round_no++) {
            random_batch(&b, round_no % 3, round_no % 4 == 3 ? 64 : 33);
            check_stats(&b, (bm_isa_t)isa);
            check_rewrites(&b, (bm_isa_t)isa);
            check_kmers(&b, (bm_isa_t)isa);
            check_trims(&b, (bm_isa_t)isa);
        }
    }
    /* an empty batch touches no output and guesses 33 */
    bm_batch_clear(&b);
    round_no = -1;
    size_t first[1] = {7};
    CHECK(bm_batch_kmers(&b, 5, NULL, 0, first) == 0 && first[0] == 0, "empty batch k-mers");
    CHECK(bm_batch_guess_quality_offset(&b) == 33, "empty batch offset guess");
    check_rewrites(&b, BM_ISA_SCALAR); /* also frees the reused batches */
    bm_batch_free(&b);
    if (failures)
        fprintf(stderr, "%d failures (seed %llu)\n", failures, (unsigned long long)seed);
    else
        printf("batch kernels equal the per-read reference on %d instruction sets\n", isas);
    return failures != 0;
}
