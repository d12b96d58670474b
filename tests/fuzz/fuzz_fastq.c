/* libFuzzer harness for the FASTQ reader: records singly, in batches, through BGZF/gzip, as file
 * ranges and as interleaved pairs (memfd), checking record invariants, errors and statistics. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "fuzz_common.h"

/* The documented pair key: the name up to the first space or tab, less a trailing "/1" or "/2". */
static size_t mate_key(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != ' ' && s[i] != '\t') i++;
    if (i >= 2 && s[i - 2] == '/' && (s[i - 1] == '1' || s[i - 1] == '2')) i -= 2;
    return i;
}

static int mates(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t ka = mate_key(a, alen), kb = mate_key(b, blen);
    return ka == kb && memcmp(a, b, ka) == 0;
}

/* bm_mate_names_match on the two halves of the input: reflexive, symmetric, as documented. */
static void check_mate_names(const uint8_t *data, size_t size)
{
    const char *a = (const char *)data, *b = a + size / 2;
    size_t alen = size / 2, blen = size - size / 2;
    int ab = bm_mate_names_match(a, alen, b, blen);
    FUZZ_CHECK(ab == bm_mate_names_match(b, blen, a, alen), "bm_mate_names_match not symmetric");
    FUZZ_CHECK(bm_mate_names_match(a, alen, a, alen), "bm_mate_names_match(a, a) false");
    FUZZ_CHECK(!ab == !mates(a, alen, b, blen), "bm_mate_names_match gave %d", ab);
}

/* The input as an interleaved paired file: pair i is records 2i-1 and 2i of the single read. */
static void check_paired(const uint8_t *data, size_t size, const fz_list_t *l, uint64_t h)
{
    char path[64];
    int fd = fz_memfd(data, size, path, sizeof path);
    if (fd < 0) return; /* no memfd here: skip this part */
    bm_reader_opts_t o;
    memset(&o, 0, sizeof o);
    o.source.threads = (int)(h & 1);
    o.source.mmap_min_size = (h & 6) ? 1 : SIZE_MAX; /* unmapped costs a large buffer: 1 in 4 */
    bm_clear_error();
    bm_paired_reader_t *p = NULL;
    int rc = bm_paired_open(&p, path, NULL, &o);
    if (rc < 0) { /* e.g. no /proc: not a finding */
        close(fd);
        return;
    }
    bm_record_t m1, m2;
    for (size_t i = 0;; i += 2) {
        rc = bm_paired_next(p, &m1, &m2);
        int expect;
        if (i + 1 < l->n) {
            const fz_rec_t *a = &l->v[i], *b = &l->v[i + 1];
            expect = mates(a->name, a->name_len, b->name, b->name_len) ? 1 : BM_EMISMATCH;
        } else if (i < l->n) {
            expect = l->rc < 0 ? l->rc : BM_EMISMATCH; /* a last record without a mate */
        } else {
            expect = l->rc;
        }
        FUZZ_CHECK(rc == expect, "pair %zu: bm_paired_next returned %d, expected %d", i / 2 + 1, rc,
                   expect);
        if (rc != 1) break;
        bm_record_t x = fz_view(&l->v[i]), y = fz_view(&l->v[i + 1]);
        FUZZ_CHECK(fz_same_record(&m1, &x), "pair %zu: mate 1 differs from record %zu", i / 2 + 1,
                   i + 1);
        FUZZ_CHECK(fz_same_record(&m2, &y), "pair %zu: mate 2 differs from record %zu", i / 2 + 1,
                   i + 2);
    }
    if (rc < 0) fz_check_error(rc, path, "bm_paired_next");
    bm_paired_close(p);
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_list_t l;
    fz_fastx_one(data, size, "fuzz.fq", &l);
    check_paired(data, size, &l, fz_hash(data, size) >> 50);
    fz_list_free(&l);
    check_mate_names(data, size);
    return 0;
}
