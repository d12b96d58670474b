/* Trimming-position algorithms. They walk a read once with a running state, so one portable
 * version serves every instruction set. */
#include "biometal/ops.h"

#include <math.h>
#include <pthread.h>

static double mott_error[128]; /* error probability of each quality character, as seqtk */
static pthread_once_t mott_once = PTHREAD_ONCE_INIT;

static void mott_init(void)
{
    for (int c = 0; c < 128; c++) mott_error[c] = pow(10., -(c - 33) / 10.);
}

/* The min_len-base window with the highest quality sum (the first one on ties). */
static size_t best_window(const char *qual, size_t len, size_t min_len)
{
    long sum = 0, best;
    size_t i, beg = 0;
    for (i = 0; i < min_len; i++) sum += qual[i] - 33;
    for (best = sum; i < len; i++) {
        sum += (long)qual[i] - qual[i - min_len];
        if (best < sum) best = sum, beg = i - min_len + 1;
    }
    return beg;
}

void bm_trim_mott(const char *qual, size_t len, double err, size_t min_len, size_t *begin,
                  size_t *end)
{
    *begin = 0;
    *end = len;
    if (len <= min_len) return;
    pthread_once(&mott_once, mott_init);
    double s = 0, max = 0;
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)qual[i];
        if (c < 36) c = 36;
        if (c > 127) c = 127;
        s += err - mott_error[c];
        if (s > max) max = s, *begin = start, *end = i + 1;
        if (s < 0) s = 0, start = i + 1;
    }
    if (max == 0.) *begin = 0, *end = min_len; /* no good base at all */
    if (*end - *begin < min_len) {
        *begin = best_window(qual, len, min_len);
        *end = *begin + min_len;
    }
}

void bm_trim_bwa(const char *qual, size_t len, int offset, int cutoff_front, int cutoff_back,
                 size_t *begin, size_t *end)
{
    size_t start = 0, stop = len;
    long s = 0, max = 0;
    for (size_t i = 0; i < len; i++) {
        s += cutoff_front - ((unsigned char)qual[i] - offset);
        if (s < 0) break;
        if (s > max) max = s, start = i + 1;
    }
    s = max = 0;
    for (size_t i = len; i-- > 0;) {
        s += cutoff_back - ((unsigned char)qual[i] - offset);
        if (s < 0) break;
        if (s > max) max = s, stop = i;
    }
    if (start >= stop) start = stop = 0;
    *begin = start;
    *end = stop;
}

void bm_trim_sliding_window(const char *qual, size_t len, int offset, size_t window, int min_mean,
                            size_t *begin, size_t *end)
{
    *begin = *end = 0;
    if (window == 0 || len <= window) return;
    const long threshold = (long)offset + min_mean; /* on raw quality characters */
    long sum = 0;
    for (size_t i = 0; i + 1 < window; i++) sum += (unsigned char)qual[i];
    size_t cut = len;
    for (size_t s = 0; s + window < len; s++) {
        sum += (unsigned char)qual[s + window - 1];
        if (s > 0) sum -= (unsigned char)qual[s - 1];
        if (sum < threshold * (long)window) { /* mean below the threshold, compared exactly */
            while (s < len - 1 && (unsigned char)qual[s] >= threshold) s++;
            cut = s;
            break;
        }
    }
    *end = cut;
}

void bm_trim_poly_tail(const char *seq, size_t len, char base, size_t min_len, size_t *end)
{
    enum { ONE_MISMATCH_PER = 8, MAX_MISMATCHES = 5 };
    size_t mismatches = 0, first = len ? len - 1 : 0, i;
    for (i = 0; i < len; i++) {
        if (seq[len - 1 - i] != base)
            mismatches++;
        else
            first = len - 1 - i;
        size_t allowed = (i + 1) / ONE_MISMATCH_PER;
        if (mismatches > MAX_MISMATCHES || (mismatches > allowed && i + 1 >= min_len)) break;
    }
    *end = (min_len > 0 && i >= min_len) ? first : len;
}

void bm_trim_fixed(size_t len, size_t head, size_t tail, size_t *begin, size_t *end)
{
    if (head >= len || tail >= len - head) { /* also safe when head + tail overflows */
        *begin = *end = 0;
        return;
    }
    *begin = head;
    *end = len - tail;
}
