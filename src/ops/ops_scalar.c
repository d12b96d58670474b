/* Scalar reference kernels: the definitions every SIMD variant must reproduce exactly.
 * Written for clarity, not speed. */
#include "ops_internal.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

void bm_count_bases_scalar(const char *seq, size_t len, bm_base_counts_t *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < len; i++) {
        switch (seq[i]) {
        case 'A':
        case 'a':
            out->a++;
            break;
        case 'C':
        case 'c':
            out->c++;
            break;
        case 'G':
        case 'g':
            out->g++;
            break;
        case 'T':
        case 't':
            out->t++;
            break;
        case 'N':
        case 'n':
            out->n++;
            break;
        default:
            out->other++;
            break;
        }
    }
}

static uint64_t ee_table[256]; /* round(10^(-q/10) * 2^40) for Phred q */
static pthread_once_t ee_once = PTHREAD_ONCE_INIT;

static void ee_init(void)
{
    for (int q = 0; q < 256; q++) ee_table[q] = (uint64_t)llround(pow(10.0, -q / 10.0) * 0x1p40);
}

static unsigned phred(unsigned char c, int offset)
{
    return c >= offset ? (unsigned)(c - offset) : 0;
}

uint64_t bm_expected_errors_fixed(const char *qual, size_t len, int offset)
{
    pthread_once(&ee_once, ee_init);
    uint64_t sum = 0;
    for (size_t i = 0; i < len; i++) sum += ee_table[phred((unsigned char)qual[i], offset)];
    return sum;
}

double bm_expected_errors_from_fixed(uint64_t fixed)
{
    return (double)fixed * 0x1p-40;
}

void bm_quality_summary_scalar(const char *qual, size_t len, int offset, int threshold,
                               bm_qual_summary_t *out)
{
    memset(out, 0, sizeof *out);
    unsigned min = 255;
    for (size_t i = 0; i < len; i++) {
        unsigned q = phred((unsigned char)qual[i], offset);
        out->sum += q;
        if (q < min) min = q;
        if ((int)q >= threshold) out->at_least++;
    }
    out->min = len ? min : 0;
    out->expected_errors =
        bm_expected_errors_from_fixed(bm_expected_errors_fixed(qual, len, offset));
}

/* Low five bits of each letter -> low five bits of its complement ('A' & 31 = 1 -> 'T' & 31 = 20).
 * Letters without a complement (E, F, I, J, L, O, P, Q, X, Z, S, W, N) map to themselves. */
const unsigned char bm_complement_low5[32] = {0,  20, 22, 7,  8,  5,  6,  3,  4,  9, 10,
                                              13, 12, 11, 14, 15, 16, 17, 25, 19, 1, 1,
                                              2,  23, 24, 18, 26, 27, 28, 29, 30, 31};

static unsigned char complement(unsigned char c)
{
    unsigned char l = c | 0x20;
    if (l < 'a' || l > 'z') return c;
    return (unsigned char)((c & 0xe0) | bm_complement_low5[c & 31]);
}

uint64_t bm_adjacent_differences_scalar(const char *seq, size_t len)
{
    uint64_t diff = 0;
    for (size_t i = 0; i + 1 < len; i++) diff += seq[i] != seq[i + 1];
    return diff;
}

void bm_reverse_complement_scalar(const char *seq, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) out[i] = (char)complement((unsigned char)seq[len - 1 - i]);
}

void bm_to_upper_scalar(const char *seq, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++) {
        char c = seq[i];
        out[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
}

void bm_mask_low_quality_scalar(const char *seq, const char *qual, size_t len, int offset,
                                int min_q, char mask_char, char *out)
{
    for (size_t i = 0; i < len; i++)
        out[i] = (int)phred((unsigned char)qual[i], offset) < min_q ? mask_char : seq[i];
}

void bm_read_tallies_scalar(const char *seq, const char *qual, size_t len, unsigned char t1,
                            unsigned char t2, uint64_t out[4])
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)seq[i], l = c | 0x20;
        out[0] += (l == 'g') | (l == 'c');
        out[1] += (c == '-') | (c == '.') | (c == ' ');
        if (qual) {
            out[2] += (unsigned char)qual[i] >= t1;
            out[3] += (unsigned char)qual[i] >= t2;
        }
    }
}

const bm_ops_table_t bm_ops_scalar = {
    bm_count_bases_scalar,        bm_quality_summary_scalar, bm_adjacent_differences_scalar,
    bm_reverse_complement_scalar, bm_to_upper_scalar,        bm_mask_low_quality_scalar,
    bm_read_tallies_scalar};
