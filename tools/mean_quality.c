/* seqkit's mean read quality (`seqkit seq -Q`, Go): the same table of error probabilities, the same
 * summation order and Go's own log10, so that ties at the threshold fall as in seqkit. */
#include "mean_quality.h"

#include <math.h>
#include <stdint.h>

/* 10^(-q/10) for q = 0..93 exactly as Go's math.Pow returns it on x86-64 CPUs with FMA (the values
 * in seqkit's QUAL_MAP). About a third differ from the correctly rounded value in the last bit. */
static const double error_probability[94] = {
    0x1p+0,
    0x1.96b230bcdc434p-1,
    0x1.430cd74f6d478p-1,
    0x1.009b9cf334252p-1,
    0x1.97a967f7524b2p-2,
    0x1.43d136248490fp-2,
    0x1.0137987dd704dp-2,
    0x1.98a13577c93c1p-3,
    0x1.44960c576b375p-3,
    0x1.01d3f2d9684cfp-3,
    0x1.999999999999ap-4,
    0x1.455b5a30b035cp-4,
    0x1.0270ac3f8a9fap-4,
    0x1.9a9294b8536e8p-5,
    0x1.46211ff90ea29p-5,
    0x1.030dc4ea03a72p-5,
    0x1.9b8c272fbe6dep-6,
    0x1.46e75df96dc9ap-6,
    0x1.03ab3d12bc2c4p-6,
    0x1.9c86515bda14fp-7,
    0x1.47ae147ae147bp-7,
    0x1.044914f3c02bp-7,
    0x1.9d811398ddcbfp-8,
    0x1.487543c6a9257p-8,
    0x1.04e74cc73ee88p-8,
    0x1.9e7c6e43390b6p-9,
    0x1.493cec2631f18p-9,
    0x1.0585e4c78b079p-9,
    0x1.9f7861b7937a4p-10,
    0x1.4a050de314dd9p-10,
    0x1.0624dd2f1a9fcp-10,
    0x1.a074ee52cd119p-11,
    0x1.4acda94717d66p-11,
    0x1.06c4363887512p-11,
    0x1.a1721471fe40cp-12,
    0x1.4b96be9c2da2cp-12,
    0x1.0763f01e8e5adp-12,
    0x1.a26fd472780c1p-13,
    0x1.4c604e2c75fb6p-13,
    0x1.08040b1c10b14p-13,
    0x1.a36e2eb1c432dp-14,
    0x1.4d2a58423da8p-14,
    0x1.08a4876c1311ep-14,
    0x1.a46d238da54e9p-15,
    0x1.4df4dd27fe99cp-15,
    0x1.09456549be1bcp-15,
    0x1.a56cb36416f85p-16,
    0x1.4ebfdd286009bp-16,
    0x1.09e6a4f05e62cp-16,
    0x1.a66cde934de7ep-17,
    0x1.4f8b588e368f1p-17,
    0x1.0a88469b64866p-17,
    0x1.a76da579b81c9p-18,
    0x1.50574fa4843eep-18,
    0x1.0b2a4a866547dp-18,
    0x1.a86f0875fcf94p-19,
    0x1.5123c2b678c6ap-19,
    0x1.0bccb0ed19a16p-19,
    0x1.a97107e6fd6abp-20,
    0x1.51f0b20f71865p-20,
    0x1.0c6f7a0b5ed8dp-20,
    0x1.aa73a42bd40a5p-21,
    0x1.52be1dfaf9b08p-21,
    0x1.0d12a61d3698bp-21,
    0x1.ab76dda3d53fbp-22,
    0x1.538c06c4ca61p-22,
    0x1.0db6355ec7055p-22,
    0x1.ac7ab4ae8f688p-23,
    0x1.545a6cb8cabbep-23,
    0x1.0e5a280c5ad1dp-23,
    0x1.ad7f29abcaf48p-24,
    0x1.5529502310084p-24,
    0x1.0efe7e62615ap-24,
    0x1.ae843cfb8a8dfp-25,
    0x1.55f8b14fddccap-25,
    0x1.0fa3389d6eb4p-25,
    0x1.af89eefe0b3bbp-26,
    0x1.56c8908ba5ed4p-26,
    0x1.104856fa3bc97p-26,
    0x1.b0904013c482ep-27,
    0x1.5798ee2308c3ap-27,
    0x1.10edd9b5a66dp-27,
    0x1.b197309d6891p-28,
    0x1.5869ca62d53d9p-28,
    0x1.1193c10cb1707p-28,
    0x1.b29ec0fbe4533p-29,
    0x1.593b259808fc8p-29,
    0x1.123a0d3c84be6p-29,
    0x1.b3a6f1905fa7cp-30,
    0x1.5a0d000fd068cp-30,
    0x1.12e0be826d695p-30,
    0x1.b4afc2bc3d7b2p-31,
    0x1.5adf5a1786da6p-31,
    0x1.1387d51bddcaep-31,
};

/* Go's math.Log (FreeBSD's e_log.c algorithm) for positive finite x, operation for operation;
 * glibc's log10 rounds differently in the last bit, which decides ties at the threshold. */
static double go_log(double x)
{
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
    const double l1 = 6.666666666666735130e-01, l2 = 3.999999999940941908e-01,
                 l3 = 2.857142874366239149e-01, l4 = 2.222219843214978396e-01,
                 l5 = 1.818357216161805012e-01, l6 = 1.531383769920937332e-01,
                 l7 = 1.479819860511658591e-01;
    int ki;
    double f1 = frexp(x, &ki);
    if (f1 < M_SQRT2 / 2) {
        f1 *= 2;
        ki--;
    }
    double f = f1 - 1, k = (double)ki;
    double s = f / (2 + f), s2 = s * s, s4 = s2 * s2;
    double t1 = s2 * (l1 + s4 * (l3 + s4 * (l5 + s4 * l7)));
    double t2 = s4 * (l2 + s4 * (l4 + s4 * l6));
    double r = t1 + t2, hfsq = 0.5 * f * f;
    return k * ln2_hi - ((hfsq - (s * (hfsq + r) + k * ln2_lo)) - f);
}

/* Go's math.Log10: Log(x) * (1/Ln10), the constant rounded once from its exact value. */
static double go_log10(double x)
{
    return go_log(x) * 0.43429448190325182765112891891660508229439700580366656611;
}

double seqkit_mean_quality(const char *qual, size_t len, int offset)
{
    if (len == 0) return 0.0;
    double sum = 0;
    for (size_t i = 0; i < len; i++) {
        int q = (unsigned char)qual[i] - offset;
        sum += error_probability[q < 0 ? 0 : q > 93 ? 93 : q];
    }
    return -10 * go_log10(sum / (double)len);
}

void seqkit_min_quality_init(seqkit_min_quality_t *m, double min_q)
{
    m->min_q = min_q;
    m->error_limit = pow(10.0, -min_q / 10.0);
}

int seqkit_min_quality_passes(const seqkit_min_quality_t *m, const char *qual, size_t len,
                              int offset, double expected_errors)
{
    if (len == 0) return 0.0 >= m->min_q;
    /* The mean quality is >= min_q exactly when the mean error probability is <= 10^(-min_q/10).
     * expected_errors is within len * 2^-41 of the exact sum and seqkit's value within a relative
     * 1e-12 or so of it (a sum of len doubles, then a logarithm): outside the margin below, both
     * sides of the comparison agree. */
    double mean = expected_errors / (double)len;
    double margin = 1e-8 * m->error_limit + 0x1p-40;
    if (mean < m->error_limit - margin) return 1;
    if (mean > m->error_limit + margin) return 0;
    return !(seqkit_mean_quality(qual, len, offset) < m->min_q);
}
