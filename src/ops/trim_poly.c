/* Poly-X tail trimming as fastp 0.23 --trim_poly_x: the dominant base of the 3' tail, found with
 * a mismatch allowance that grows with the scanned length. */
#include "biometal/ops.h"

enum { ONE_MISMATCH_PER = 8, MAX_MISMATCHES = 5 };

/* fastp's base order: its counts and its tie-break between equally frequent bases. */
static const char poly_bases[4] = {'A', 'T', 'C', 'G'};

static void count_base(char c, size_t counts[4])
{
    switch (c) {
    case 'A':
        counts[0]++;
        break;
    case 'T':
        counts[1]++;
        break;
    case 'C':
        counts[2]++;
        break;
    case 'G':
        counts[3]++;
        break;
    case 'N': /* N matches every base */
        for (int b = 0; b < 4; b++) counts[b]++;
        break;
    default:
        break; /* lower case and other bytes match none */
    }
}

/* Whether some base accounts for all but `allowed` of the `scanned` tail bases. */
static int tail_is_poly(const size_t counts[4], size_t scanned)
{
    size_t allowed = scanned / ONE_MISMATCH_PER;
    if (allowed > MAX_MISMATCHES) allowed = MAX_MISMATCHES;
    for (int b = 0; b < 4; b++)
        if (scanned - counts[b] <= allowed) return 1;
    return 0;
}

void bm_trim_poly_x(const char *seq, size_t len, size_t min_len, size_t *end)
{
    *end = len;
    if (len == 0) return;
    size_t counts[4] = {0, 0, 0, 0};
    size_t pos; /* distance of the scanned base from the 3' end */
    for (pos = 0; pos < len; pos++) {
        count_base(seq[len - 1 - pos], counts);
        /* fastp only stops once pos >= 8 or pos + 1 >= min_len - 1 */
        if (!tail_is_poly(counts, pos + 1) && (pos >= ONE_MISMATCH_PER || pos + 2 >= min_len))
            break;
    }
    /* The base where the scan stopped counts towards the length (pos + 1), as in fastp; a scan
     * that ran through the whole read counts len + 1. */
    if (pos + 1 < min_len) return;
    int poly = 0;
    for (int b = 1; b < 4; b++)
        if (counts[b] > counts[poly]) poly = b;
    /* Back from the stop towards the 3' end to the first poly base (fastp starts one byte before
     * the read when the whole read was scanned; that byte is never a base there). */
    if (pos == len) pos = len - 1;
    for (;;) {
        if (seq[len - 1 - pos] == poly_bases[poly]) {
            *end = len - 1 - pos;
            return;
        }
        if (pos == 0) return; /* no poly base in the tail: nothing cut */
        pos--;
    }
}
