/* CIGARs: building (append with merging), counts of matches/mismatches/gaps, the 'M' form, text
 * output, and rescoring a CIGAR against its sequences (the check every alignment test uses). */
#include "align_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bm_cigar_buf_free(bm_cigar_buf_t *buf)
{
    if (!buf) return;
    free(buf->ops);
    memset(buf, 0, sizeof *buf);
}

int bm_cigar_push(bm_cigar_buf_t *buf, uint32_t op, uint32_t len)
{
    if (len == 0) return 0;
    if (buf->len > 0 && BM_CIGAR_OP(buf->ops[buf->len - 1]) == op) {
        buf->ops[buf->len - 1] += len << 4;
        return 0;
    }
    if (buf->len == buf->cap) {
        size_t cap = buf->cap ? buf->cap * 2 : 64;
        uint32_t *ops = realloc(buf->ops, cap * sizeof *ops);
        if (!ops) return bm_error(BM_ENOMEM, "out of memory for a CIGAR of %zu ops", buf->len + 1);
        buf->ops = ops;
        buf->cap = cap;
    }
    buf->ops[buf->len++] = len << 4 | op;
    return 0;
}

void bm_cigar_count(const uint32_t *cigar, size_t n, bm_align_result_t *r)
{
    r->n_match = r->n_mismatch = r->n_gap_open = r->n_gap_bases = 0;
    for (size_t k = 0; k < n; k++) {
        int32_t len = (int32_t)BM_CIGAR_LEN(cigar[k]);
        switch (BM_CIGAR_OP(cigar[k])) {
        case BM_CIGAR_OP_EQ:
            r->n_match += len;
            break;
        case BM_CIGAR_OP_X:
            r->n_mismatch += len;
            break;
        case BM_CIGAR_OP_I:
        case BM_CIGAR_OP_D:
            r->n_gap_open++;
            r->n_gap_bases += len;
            break;
        default:
            break;
        }
    }
}

size_t bm_cigar_to_m(uint32_t *cigar, size_t n)
{
    size_t out = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t op = BM_CIGAR_OP(cigar[k]), len = BM_CIGAR_LEN(cigar[k]);
        if (op == BM_CIGAR_OP_EQ || op == BM_CIGAR_OP_X) op = BM_CIGAR_OP_M;
        if (out > 0 && BM_CIGAR_OP(cigar[out - 1]) == op)
            cigar[out - 1] += len << 4;
        else
            cigar[out++] = len << 4 | op;
    }
    return out;
}

double bm_align_identity(const bm_align_result_t *r)
{
    int64_t cols = (int64_t)r->n_match + r->n_mismatch + r->n_gap_bases;
    return cols > 0 ? (double)r->n_match / (double)cols : 0.0;
}

size_t bm_cigar_to_string(const uint32_t *cigar, size_t n_cigar, char *buf, size_t cap)
{
    static const char letters[] = "MIDNSHP=X";
    size_t total = 0;
    if (cap) buf[0] = '\0';
    for (size_t k = 0; k < n_cigar; k++) {
        unsigned op = BM_CIGAR_OP(cigar[k]);
        char one[16];
        int w = snprintf(one, sizeof one, "%u%c", (unsigned)BM_CIGAR_LEN(cigar[k]),
                         op < 9 ? letters[op] : '?');
        if (total + (size_t)w < cap)
            memcpy(buf + total, one, (size_t)w + 1);
        else if (total < cap)
            buf[total] = '\0';
        total += (size_t)w;
    }
    return total;
}

int bm_align_rescore(const bm_scoring_t *sc, int gap_open, int gap_extend, const uint32_t *cigar,
                     size_t n_cigar, const char *query, size_t qlen, const char *target,
                     size_t tlen, int32_t *score)
{
    static const char letters[] = "MIDNSHP=X";
    int64_t total = 0;
    size_t qi = 0, ti = 0;
    for (size_t k = 0; k < n_cigar; k++) {
        unsigned op = BM_CIGAR_OP(cigar[k]);
        uint32_t len = BM_CIGAR_LEN(cigar[k]);
        char name = op < 9 ? letters[op] : '?';
        if (len == 0) return bm_error(BM_EINVAL, "CIGAR op %zu (%c) has length 0", k + 1, name);
        int consumes_q = op == BM_CIGAR_OP_M || op == BM_CIGAR_OP_EQ || op == BM_CIGAR_OP_X ||
                         op == BM_CIGAR_OP_I;
        int consumes_t = op == BM_CIGAR_OP_M || op == BM_CIGAR_OP_EQ || op == BM_CIGAR_OP_X ||
                         op == BM_CIGAR_OP_D;
        if (!consumes_q && !consumes_t)
            return bm_error(BM_EINVAL, "CIGAR op %zu: '%c' is not an alignment op (M = X I D)",
                            k + 1, name);
        if ((consumes_q && len > qlen - qi) || (consumes_t && len > tlen - ti))
            return bm_error(BM_EINVAL,
                            "CIGAR op %zu (%u%c) runs past the sequences (query %zu/%zu, target "
                            "%zu/%zu letters used)",
                            k + 1, (unsigned)len, name, qi, qlen, ti, tlen);
        if (op == BM_CIGAR_OP_I || op == BM_CIGAR_OP_D) {
            total -= gap_open + (int64_t)(len - 1) * gap_extend;
            if (op == BM_CIGAR_OP_I)
                qi += len;
            else
                ti += len;
            continue;
        }
        for (uint32_t x = 0; x < len; x++, qi++, ti++) {
            int a = sc->index[(unsigned char)query[qi]], b = sc->index[(unsigned char)target[ti]];
            if (a < 0 || b < 0)
                return bm_error(BM_EINVAL, "CIGAR op %zu: letter '%c' is not in %s", k + 1,
                                a < 0 ? query[qi] : target[ti], sc->name);
            int match = a == b && a != sc->wildcard;
            if ((op == BM_CIGAR_OP_EQ && !match) || (op == BM_CIGAR_OP_X && match))
                return bm_error(BM_EINVAL,
                                "CIGAR op %zu (%u%c): query letter %zu '%c' and target letter %zu "
                                "'%c' are a %s",
                                k + 1, (unsigned)len, name, qi + 1, query[qi], ti + 1, target[ti],
                                match ? "match" : "mismatch");
            total += sc->score[a][b];
        }
    }
    if (qi != qlen || ti != tlen)
        return bm_error(BM_EINVAL,
                        "CIGAR consumes %zu query and %zu target letters, the alignment spans %zu "
                        "and %zu",
                        qi, ti, qlen, tlen);
    *score = (int32_t)total;
    return 0;
}
