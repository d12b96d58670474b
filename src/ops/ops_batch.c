/* Batch entry points of the per-read kernels: a loop over the records of a bm_batch_t calling
 * the dispatched per-read function on each (one indirect call per record costs little). */
#include "biometal/ops_batch.h"

#include "biometal/error.h"

#include <string.h>

static const char *seq_of(const bm_batch_t *b, size_t i)
{
    return b->data + b->seq_off[i];
}

static char *seq_mut(bm_batch_t *b, size_t i)
{
    return b->data + b->seq_off[i];
}

/* Qualities of record i, or NULL for a record without them (FASTA). */
static const char *qual_of(const bm_batch_t *b, size_t i)
{
    return b->qual_off[i] == UINT64_MAX ? NULL : b->data + b->qual_off[i];
}

void bm_batch_base_counts(const bm_batch_t *b, bm_base_counts_t *out)
{
    for (size_t i = 0; i < b->count; i++) bm_count_bases(seq_of(b, i), b->seq_len[i], &out[i]);
}

void bm_batch_gc_fraction(const bm_batch_t *b, double *out)
{
    for (size_t i = 0; i < b->count; i++) out[i] = bm_gc_fraction(seq_of(b, i), b->seq_len[i]);
}

void bm_batch_complexity(const bm_batch_t *b, double *out)
{
    for (size_t i = 0; i < b->count; i++) out[i] = bm_complexity(seq_of(b, i), b->seq_len[i]);
}

int bm_batch_reverse_complement(const bm_batch_t *in, bm_batch_t *out)
{
    if (in == out) return bm_error(BM_EINVAL, "reverse complement of a batch into itself");
    bm_batch_clear(out);
    for (size_t i = 0; i < in->count; i++) {
        size_t len = in->seq_len[i];
        bm_record_t rec = {
            in->data + in->name_off[i], in->name_len[i], seq_of(in, i), len, qual_of(in, i),
            in->first_number + i};
        if (bm_batch_push(out, &rec) < 0) return BM_ENOMEM;
        /* the copy is overwritten from the input: the two buffers never overlap */
        bm_reverse_complement(rec.seq, len, seq_mut(out, i));
        if (rec.qual) {
            char *q = out->data + out->qual_off[i];
            for (size_t j = 0; j < len; j++) q[j] = rec.qual[len - 1 - j];
        }
    }
    out->first_number = in->first_number;
    out->format = in->format;
    return 0;
}

void bm_batch_to_upper(bm_batch_t *b)
{
    for (size_t i = 0; i < b->count; i++) bm_to_upper(seq_of(b, i), b->seq_len[i], seq_mut(b, i));
}

void bm_batch_mask_low_quality(bm_batch_t *b, int offset, int min_q, char mask_char)
{
    for (size_t i = 0; i < b->count; i++) {
        const char *q = qual_of(b, i);
        if (q)
            bm_mask_low_quality(seq_of(b, i), q, b->seq_len[i], offset, min_q, mask_char,
                                seq_mut(b, i));
    }
}

void bm_batch_quality_summary(const bm_batch_t *b, int offset, int threshold,
                              bm_qual_summary_t *out)
{
    for (size_t i = 0; i < b->count; i++) {
        const char *q = qual_of(b, i);
        bm_quality_summary(q ? q : "", q ? b->seq_len[i] : 0, offset, threshold, &out[i]);
    }
}

void bm_batch_mean_quality(const bm_batch_t *b, int offset, double *out)
{
    for (size_t i = 0; i < b->count; i++) {
        const char *q = qual_of(b, i);
        out[i] = q ? bm_mean_quality(q, b->seq_len[i], offset) : 0.0;
    }
}

int bm_batch_guess_quality_offset(const bm_batch_t *b)
{
    /* the per-read rule on all qualities together: the lowest character and whether any is above
     * 'J' decide, so records are summarised one by one and combined */
    unsigned min = 256;
    int above_j = 0;
    for (size_t i = 0; i < b->count; i++) {
        const char *q = qual_of(b, i);
        if (!q || b->seq_len[i] == 0) continue;
        bm_qual_summary_t s;
        bm_quality_summary(q, b->seq_len[i], 0, 'J' + 1, &s);
        if (s.min < min) min = s.min;
        above_j |= s.at_least > 0;
    }
    if (min == 256 || min < ';') return 33;
    return min >= '@' && above_j ? 64 : 33;
}

/* Shared layout of the k-mer outputs: record i's list starts at first[i] of the running total. */
static size_t batch_kmer_lists(const bm_batch_t *b, unsigned k, unsigned w, int minimizers,
                               bm_kmer_t *out, size_t cap, size_t *first)
{
    size_t total = 0;
    for (size_t i = 0; i < b->count; i++) {
        first[i] = total;
        size_t used = total < cap ? total : cap;
        bm_kmer_t *at = out ? out + used : NULL;
        size_t room = out ? cap - used : 0;
        total += minimizers ? bm_minimizers(seq_of(b, i), b->seq_len[i], k, w, at, room)
                            : bm_kmers(seq_of(b, i), b->seq_len[i], k, at, room);
    }
    first[b->count] = total;
    return total;
}

size_t bm_batch_kmers(const bm_batch_t *b, unsigned k, bm_kmer_t *out, size_t cap, size_t *first)
{
    return batch_kmer_lists(b, k, 0, 0, out, cap, first);
}

size_t bm_batch_minimizers(const bm_batch_t *b, unsigned k, unsigned w, bm_kmer_t *out, size_t cap,
                           size_t *first)
{
    return batch_kmer_lists(b, k, w, 1, out, cap, first);
}

void bm_batch_trim_fixed(const bm_batch_t *b, size_t head, size_t tail, size_t *begin, size_t *end)
{
    for (size_t i = 0; i < b->count; i++)
        bm_trim_fixed(b->seq_len[i], head, tail, &begin[i], &end[i]);
}

/* Records without qualities are kept whole by the quality trimmers. */
static int keep_whole_without_qual(const bm_batch_t *b, size_t i, size_t *begin, size_t *end)
{
    if (qual_of(b, i)) return 0;
    begin[i] = 0;
    end[i] = b->seq_len[i];
    return 1;
}

void bm_batch_trim_mott(const bm_batch_t *b, double err, size_t min_len, size_t *begin, size_t *end)
{
    for (size_t i = 0; i < b->count; i++)
        if (!keep_whole_without_qual(b, i, begin, end))
            bm_trim_mott(qual_of(b, i), b->seq_len[i], err, min_len, &begin[i], &end[i]);
}

void bm_batch_trim_bwa(const bm_batch_t *b, int offset, int cutoff_front, int cutoff_back,
                       size_t *begin, size_t *end)
{
    for (size_t i = 0; i < b->count; i++)
        if (!keep_whole_without_qual(b, i, begin, end))
            bm_trim_bwa(qual_of(b, i), b->seq_len[i], offset, cutoff_front, cutoff_back, &begin[i],
                        &end[i]);
}

void bm_batch_trim_sliding_window(const bm_batch_t *b, int offset, size_t window, int min_mean,
                                  size_t *begin, size_t *end)
{
    for (size_t i = 0; i < b->count; i++)
        if (!keep_whole_without_qual(b, i, begin, end))
            bm_trim_sliding_window(qual_of(b, i), b->seq_len[i], offset, window, min_mean,
                                   &begin[i], &end[i]);
}

void bm_batch_trim_poly_tail(const bm_batch_t *b, char base, size_t min_len, size_t *end)
{
    for (size_t i = 0; i < b->count; i++)
        bm_trim_poly_tail(seq_of(b, i), b->seq_len[i], base, min_len, &end[i]);
}

void bm_batch_trim_poly_x(const bm_batch_t *b, size_t min_len, size_t *end)
{
    for (size_t i = 0; i < b->count; i++)
        bm_trim_poly_x(seq_of(b, i), b->seq_len[i], min_len, &end[i]);
}
