/* The traceback of align.h over the codes a striped fill pass stored (one byte per cell): the same
 * walk as the reference's, reading each test's answer from the codes instead of comparing matrix
 * values, and the CIGAR written as the reference writes it. */
#include "striped.h"

#include <stdlib.h>

static inline uint8_t code_at(const bm_sw_trace_t *tr, int32_t i, int32_t j)
{
    size_t seg = (size_t)tr->seg;
    return tr->codes[((size_t)(j - 1) * seg + (size_t)(i - 1) % seg) * (size_t)tr->lanes +
                     (size_t)(i - 1) / seg];
}

enum { IN_H, IN_E, IN_F };

int bm_sw_walk(const bm_sw_trace_t *tr, int32_t i, int32_t j, bm_cigar_buf_t *rev, int32_t *ib,
               int32_t *jb)
{
    int state = IN_H, rc = 0;
#define PUSH(op, len)                                                                              \
    do {                                                                                           \
        if (rev) rc = bm_cigar_push(rev, (op), (uint32_t)(len));                                   \
    } while (0)
    while (rc == 0) {
        if (state == IN_H) {
            if (tr->mode == BM_SW_LOCAL && (i == 0 || j == 0)) break; /* H = 0 on the border */
            if (i == 0) {
                if (tr->mode == BM_SW_SEMI) break;
                PUSH(BM_CIGAR_OP_D, j); /* the first row: a deletion back to (0,0) */
                j = 0;
                break;
            }
            if (j == 0) {
                PUSH(BM_CIGAR_OP_I, i); /* the first column: an insertion back to row 0 */
                i = 0;
                break;
            }
            uint8_t c = code_at(tr, i, j);
            if (c & BM_SW_ZERO) break;
            if (c & BM_SW_DIAG) {
                int a = tr->q[i - 1], b = tr->t[j - 1];
                PUSH(a == b && a != tr->wildcard ? BM_CIGAR_OP_EQ : BM_CIGAR_OP_X, 1);
                i--, j--;
                continue;
            }
            state = c & BM_SW_E ? IN_E : IN_F;
        } else if (state == IN_E) {
            PUSH(BM_CIGAR_OP_D, 1);
            int open = j == 1 || (code_at(tr, i, j - 1) & BM_SW_E_OPEN);
            j--;
            state = open ? IN_H : IN_E;
        } else {
            PUSH(BM_CIGAR_OP_I, 1);
            int open = i == 1 || (code_at(tr, i - 1, j) & BM_SW_F_OPEN);
            i--;
            state = open ? IN_H : IN_F;
        }
    }
#undef PUSH
    *ib = i;
    *jb = j;
    return rc;
}

int bm_sw_emit(const bm_align_opts_t *o, const bm_cigar_buf_t *rev, bm_cigar_buf_t *out,
               bm_align_result_t *r)
{
    r->cigar_off = out->len;
    r->n_cigar = 0;
    r->n_match = r->n_mismatch = r->n_gap_open = r->n_gap_bases = 0;
    if (rev->len == 0) return 0;
    if (out->cap - out->len < rev->len) {
        size_t cap = out->len + rev->len + 64;
        uint32_t *ops = realloc(out->ops, cap * sizeof *ops);
        if (!ops) return bm_error(BM_ENOMEM, "out of memory for CIGARs (%zu ops)", cap);
        out->ops = ops;
        out->cap = cap;
    }
    uint32_t *dst = out->ops + out->len;
    for (size_t k = 0; k < rev->len; k++) dst[k] = rev->ops[rev->len - 1 - k];
    bm_cigar_count(dst, rev->len, r);
    size_t n = o->cigar_style == BM_CIGAR_M ? bm_cigar_to_m(dst, rev->len) : rev->len;
    r->n_cigar = (uint32_t)n;
    out->len += n;
    return 0;
}
