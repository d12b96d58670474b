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

const bm_ops_table_t bm_ops_scalar = {bm_count_bases_scalar, bm_quality_summary_scalar};
