/* Paired reading from two files or one interleaved file, checking that mates stay in step:
 * both inputs end together and mate names agree once "/1", "/2" and descriptions are removed. */
#include "biometal/io.h"

#include "biometal/error.h"

#include <stdlib.h>
#include <string.h>

struct bm_paired_reader {
    bm_fastx_reader_t *r1, *r2; /* r2 == NULL: interleaved */
    bm_record_t held;           /* interleaved: mate 1 kept while mate 2 is read */
    char *held_copy; /* owns the bytes of `held` (the buffer may move on the next read) */
    size_t held_cap;
    uint64_t pairs;
};

/* The part of a read name that identifies the pair. */
static size_t pair_key_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != ' ' && s[i] != '\t') i++;
    if (i >= 2 && s[i - 2] == '/' && (s[i - 1] == '1' || s[i - 1] == '2')) i -= 2;
    return i;
}

int bm_mate_names_match(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t ka = pair_key_len(a, alen), kb = pair_key_len(b, blen);
    return ka == kb && memcmp(a, b, ka) == 0;
}

int bm_paired_open(bm_paired_reader_t **out, const char *path1, const char *path2,
                   const bm_reader_opts_t *opts)
{
    *out = NULL;
    bm_paired_reader_t *p = calloc(1, sizeof *p);
    if (!p) return bm_error(BM_ENOMEM, "out of memory");
    int rc = bm_fastx_open(&p->r1, path1, opts);
    if (rc == 0 && path2) rc = bm_fastx_open(&p->r2, path2, opts);
    if (rc < 0) {
        bm_paired_close(p);
        return rc;
    }
    *out = p;
    return 0;
}

static int hold_copy(bm_paired_reader_t *p, const bm_record_t *r)
{
    size_t need = r->name_len + 2 * r->seq_len + 1;
    if (need > p->held_cap) {
        char *n = realloc(p->held_copy, need);
        if (!n) return bm_error(BM_ENOMEM, "out of memory");
        p->held_copy = n;
        p->held_cap = need;
    }
    char *d = p->held_copy;
    p->held = *r;
    memcpy(d, r->name, r->name_len);
    p->held.name = d;
    memcpy(d + r->name_len, r->seq, r->seq_len);
    p->held.seq = d + r->name_len;
    if (r->qual) {
        memcpy(d + r->name_len + r->seq_len, r->qual, r->seq_len);
        p->held.qual = d + r->name_len + r->seq_len;
    }
    return 0;
}

static int names_checked(bm_paired_reader_t *p, const bm_record_t *a, const bm_record_t *b)
{
    if (bm_mate_names_match(a->name, a->name_len, b->name, b->name_len)) return 1;
    int an = (int)(a->name_len > 200 ? 200 : a->name_len);
    int bn = (int)(b->name_len > 200 ? 200 : b->name_len);
    return bm_error(BM_EMISMATCH, "%s: pair %llu: mate names differ: '%.*s' and '%.*s'",
                    bm_fastx_name(p->r1), (unsigned long long)(p->pairs + 1), an, a->name, bn,
                    b->name);
}

int bm_paired_next(bm_paired_reader_t *p, bm_record_t *m1, bm_record_t *m2)
{
    if (!p->r2) {
        int rc = bm_fastx_next(p->r1, m1);
        if (rc <= 0) return rc;
        if (hold_copy(p, m1) < 0) return BM_ENOMEM;
        rc = bm_fastx_next(p->r1, m2);
        if (rc < 0) return rc;
        if (rc == 0)
            return bm_error(BM_EMISMATCH,
                            "%s: interleaved input ends after record %llu, which has "
                            "no mate",
                            bm_fastx_name(p->r1), (unsigned long long)m1->number);
        *m1 = p->held;
    } else {
        int rc1 = bm_fastx_next(p->r1, m1);
        if (rc1 < 0) return rc1;
        int rc2 = bm_fastx_next(p->r2, m2);
        if (rc2 < 0) return rc2;
        if (rc1 == 0 && rc2 == 0) return 0;
        if (rc1 == 0 || rc2 == 0) {
            bm_fastx_reader_t *shorter = rc1 == 0 ? p->r1 : p->r2;
            bm_fastx_reader_t *longer = rc1 == 0 ? p->r2 : p->r1;
            return bm_error(BM_EMISMATCH, "%s: ends after %llu records while %s has more",
                            bm_fastx_name(shorter), (unsigned long long)bm_fastx_count(shorter),
                            bm_fastx_name(longer));
        }
    }
    int rc = names_checked(p, m1, m2);
    if (rc < 0) return rc;
    p->pairs++;
    return 1;
}

void bm_paired_close(bm_paired_reader_t *p)
{
    if (!p) return;
    bm_fastx_close(p->r1);
    bm_fastx_close(p->r2);
    free(p->held_copy);
    free(p);
}
