/* seqkit-compatible whole-file statistics: per-record counting plus a length histogram from which
 * quartiles and N50 are read without keeping every length. */
#include "biometal/seqstats.h"

#include "biometal/error.h"
#include "ops_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DIRECT_LENGTHS 65536 /* lengths below this are counted in an array */
#define TYPE_GUESS_LETTERS 10000

struct bm_seqstats {
    bm_format_t format;
    const char *type;
    uint64_t num, sum_len, min_len, max_len, gap, gc, q20, q30;
    uint64_t *direct; /* direct[len] = records of that length */
    uint64_t *longer; /* lengths >= DIRECT_LENGTHS, unsorted */
    size_t nlonger, longer_cap;
};

int bm_seqstats_new(bm_seqstats_t **out)
{
    bm_seqstats_t *s = calloc(1, sizeof *s);
    if (s) s->direct = calloc(DIRECT_LENGTHS, sizeof(uint64_t));
    if (!s || !s->direct) {
        free(s);
        return bm_error(BM_ENOMEM, "out of memory");
    }
    s->type = "";
    *out = s;
    return 0;
}

void bm_seqstats_free(bm_seqstats_t *s)
{
    if (!s) return;
    free(s->direct);
    free(s->longer);
    free(s);
}

/* seqkit's alphabet guess: the first alphabet (DNA, RNA, protein) that accepts every letter. */
static const char *guess_type(const char *seq, size_t n)
{
    if (n == 0) return "Unlimit";
    if (n > TYPE_GUESS_LETTERS) n = TYPE_GUESS_LETTERS;
    static const char dna[] = "ACGTRYMKSWHBVDN-. ", rna[] = "ACGURYMKSWHBVDN-. ";
    int is_dna = 1, is_rna = 1, is_protein = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)seq[i];
        unsigned char u = (c >= 'a' && c <= 'z') ? (unsigned char)(c - 32) : c;
        if (is_dna && !strchr(dna, u)) is_dna = 0;
        if (is_rna && !strchr(rna, u)) is_rna = 0;
        if (is_protein &&
            !((u >= 'A' && u <= 'Z') || u == '*' || u == '_' || u == '-' || u == '.' || u == ' '))
            is_protein = 0;
    }
    return is_dna ? "DNA" : is_rna ? "RNA" : is_protein ? "Protein" : "Unlimit";
}

static int add_length(bm_seqstats_t *s, uint64_t len)
{
    if (len < DIRECT_LENGTHS) {
        s->direct[len]++;
        return 0;
    }
    if (s->nlonger == s->longer_cap) {
        size_t ncap = s->longer_cap ? s->longer_cap * 2 : 256;
        uint64_t *n = realloc(s->longer, ncap * sizeof *n);
        if (!n) return bm_error(BM_ENOMEM, "out of memory");
        s->longer = n;
        s->longer_cap = ncap;
    }
    s->longer[s->nlonger++] = len;
    return 0;
}

static int add_one(bm_seqstats_t *s, const char *seq, size_t len, const char *qual)
{
    if (s->num == 0) {
        s->format = qual ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA;
        s->type = guess_type(seq, len);
        s->min_len = len;
    }
    s->num++;
    s->sum_len += len;
    if (len < s->min_len) s->min_len = len;
    if (len > s->max_len) s->max_len = len;
    uint64_t t[4] = {0, 0, 0, 0};
    bm_read_tallies(seq, qual, len, 33 + 20, 33 + 30, t);
    s->gc += t[0];
    s->gap += t[1];
    s->q20 += t[2];
    s->q30 += t[3];
    return add_length(s, len);
}

int bm_seqstats_add(bm_seqstats_t *s, const bm_record_t *rec)
{
    return add_one(s, rec->seq, rec->seq_len, rec->qual);
}

int bm_seqstats_add_batch(bm_seqstats_t *s, const bm_batch_t *b)
{
    for (size_t i = 0; i < b->count; i++) {
        const char *qual = b->qual_off[i] == UINT64_MAX ? NULL : b->data + b->qual_off[i];
        int rc = add_one(s, b->data + b->seq_off[i], b->seq_len[i], qual);
        if (rc < 0) return rc;
    }
    return 0;
}

int bm_seqstats_merge(bm_seqstats_t *into, const bm_seqstats_t *from)
{
    if (from->num == 0) return 0;
    if (into->num == 0) {
        into->format = from->format;
        into->type = from->type;
        into->min_len = from->min_len;
    }
    if (from->min_len < into->min_len) into->min_len = from->min_len;
    if (from->max_len > into->max_len) into->max_len = from->max_len;
    into->num += from->num;
    into->sum_len += from->sum_len;
    into->gap += from->gap;
    into->gc += from->gc;
    into->q20 += from->q20;
    into->q30 += from->q30;
    for (size_t i = 0; i < DIRECT_LENGTHS; i++) into->direct[i] += from->direct[i];
    for (size_t i = 0; i < from->nlonger; i++)
        if (add_length(into, from->longer[i]) < 0) return BM_ENOMEM;
    return 0;
}

/* Sorted view of all lengths: value at 0-based rank k (ascending). `longer` must be sorted. */
static uint64_t length_at(const bm_seqstats_t *s, uint64_t k)
{
    uint64_t seen = 0;
    for (size_t len = 0; len < DIRECT_LENGTHS; len++) {
        seen += s->direct[len];
        if (k < seen) return len;
    }
    return s->longer[k - seen];
}

static double median_of(const bm_seqstats_t *s, uint64_t first, uint64_t count)
{
    if (count == 0) return 0;
    uint64_t mid = first + count / 2;
    if (count % 2) return (double)length_at(s, mid);
    return ((double)length_at(s, mid - 1) + (double)length_at(s, mid)) / 2;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static double round_to(double x, double scale)
{
    return round(x * scale) / scale;
}

void bm_seqstats_summary(const bm_seqstats_t *cs, bm_seqstats_summary_t *o)
{
    bm_seqstats_t *s = (bm_seqstats_t *)cs; /* sorting the long lengths does not change meaning */
    memset(o, 0, sizeof *o);
    o->format = s->format;
    o->type = s->type;
    o->num_seqs = s->num;
    o->sum_len = s->sum_len;
    o->min_len = s->min_len;
    o->max_len = s->max_len;
    o->sum_gap = s->gap;
    o->gc_bases = s->gc;
    o->q20_bases = s->q20;
    o->q30_bases = s->q30;
    if (s->num == 0) return;
    if (s->nlonger) qsort(s->longer, s->nlonger, sizeof *s->longer, cmp_u64);
    uint64_t n = s->num;
    o->avg_len = round_to((double)s->sum_len / (double)n, 10);
    o->q2 = median_of(s, 0, n);
    uint64_t half = n / 2;
    o->q1 = median_of(s, 0, n % 2 ? half + 1 : half);
    o->q3 = median_of(s, half, n - half);
    /* N50: walk lengths from the longest down until they cover half of sum_len. */
    uint64_t acc = 0, taken = 0;
    for (size_t i = s->nlonger; i-- > 0 && !o->n50;) {
        acc += s->longer[i];
        taken++;
        if (2 * acc >= s->sum_len) o->n50 = s->longer[i], o->l50 = taken;
    }
    for (size_t len = DIRECT_LENGTHS; len-- > 0 && !o->n50;) {
        if (!s->direct[len]) continue;
        uint64_t c = s->direct[len];
        if (2 * (acc + c * len) >= s->sum_len) {
            /* the fewest records of this length that reach half */
            uint64_t need = len ? (s->sum_len - 2 * acc + 2 * len - 1) / (2 * len) : 0;
            if (2 * acc >= s->sum_len) need = 0;
            o->n50 = len;
            o->l50 = taken + (need ? need : 1);
            break;
        }
        acc += c * len;
        taken += c;
    }
    if (s->sum_len == 0) {
        o->q20_pct = o->q30_pct = o->gc_pct = NAN;
        return;
    }
    double total = (double)s->sum_len;
    o->q20_pct = round_to((double)s->q20 / total * 100, 100);
    o->q30_pct = round_to((double)s->q30 / total * 100, 100);
    o->gc_pct = round_to((double)s->gc / total * 100, 100);
}
