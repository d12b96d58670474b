/* Shared helpers of the cmocka unit tests (see test_helpers.h): RNG, temporary files, record
 * lists, random FASTQ/FASTA text and the getline-based reference parser. */
#include "test_helpers.h"

#include <ftw.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_SEED 20240611u

uint64_t th_seed = DEFAULT_SEED;
static char tmpdir[PATH_MAX];

/* ---- seed and random numbers (splitmix64) ---- */

th_rng_t th_rng(uint64_t salt)
{
    th_rng_t r = {th_seed * 0x9e3779b97f4a7c15ull + salt * 0xbf58476d1ce4e5b9ull + 1};
    return r;
}

uint64_t th_next(th_rng_t *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t th_below(th_rng_t *r, uint64_t n)
{
    return n ? th_next(r) % n : 0;
}

/* ---- files ---- */

int th_setup(void **state)
{
    (void)state;
    const char *s = getenv("BIOMETAL_TEST_SEED");
    if (s && *s) th_seed = strtoull(s, NULL, 10);
    print_message("seed %llu (set BIOMETAL_TEST_SEED to change it)\n", (unsigned long long)th_seed);
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    snprintf(tmpdir, sizeof tmpdir, "%s/biometal-unit-XXXXXX", base);
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "cannot create a temporary directory under %s\n", base);
        return -1;
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

int th_teardown(void **state)
{
    (void)state;
    if (tmpdir[0] && !getenv("BIOMETAL_TEST_KEEP"))
        nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

char *th_path(char *out, const char *name)
{
    size_t d = strlen(tmpdir), n = strlen(name);
    assert_true(d + 1 + n < PATH_MAX);
    memcpy(out, tmpdir, d);
    out[d] = '/';
    memcpy(out + d + 1, name, n + 1);
    return out;
}

void th_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

char *th_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        cap *= 2;
        buf = realloc(buf, cap + 1);
    }
    fclose(f);
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

int th_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int th_have(const char *cmd)
{
    return th_sh("command -v %s >/dev/null 2>&1", cmd) == 0;
}

int th_sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st)) return -1;
    return WEXITSTATUS(st);
}

/* ---- records ---- */

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    assert_non_null(d);
    if (n) memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void th_recs_push(th_recs_t *rs, const char *name, size_t name_len, const char *seq, size_t seq_len,
                  const char *qual, uint64_t number)
{
    if (rs->n == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 64;
        rs->v = realloc(rs->v, rs->cap * sizeof *rs->v);
        assert_non_null(rs->v);
    }
    th_rec_t *r = &rs->v[rs->n++];
    r->name = dup_bytes(name, name_len);
    r->name_len = name_len;
    r->seq = dup_bytes(seq, seq_len);
    r->seq_len = seq_len;
    r->qual = qual ? dup_bytes(qual, seq_len) : NULL;
    r->number = number;
}

void th_recs_push_rec(th_recs_t *rs, const bm_record_t *rec)
{
    th_recs_push(rs, rec->name, rec->name_len, rec->seq, rec->seq_len, rec->qual, rec->number);
}

void th_recs_free(th_recs_t *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        free(rs->v[i].name);
        free(rs->v[i].seq);
        free(rs->v[i].qual);
    }
    free(rs->v);
    memset(rs, 0, sizeof *rs);
}

int th_read_all_reader(bm_fastx_reader_t *r, th_recs_t *rs, char *err)
{
    bm_record_t rec;
    int rc;
    bm_clear_error();
    while ((rc = bm_fastx_next(r, &rec)) == 1) th_recs_push_rec(rs, &rec);
    if (err) snprintf(err, 512, "%s", bm_last_error());
    return rc;
}

int th_read_all(const char *path, const bm_reader_opts_t *opts, th_recs_t *rs, char *err)
{
    bm_fastx_reader_t *r = NULL;
    int rc = bm_fastx_open(&r, path, opts);
    if (rc < 0) {
        if (err) snprintf(err, 512, "%s", bm_last_error());
        return rc;
    }
    rc = th_read_all_reader(r, rs, err);
    bm_fastx_close(r);
    return rc;
}

int th_read_all_memory(const char *data, size_t len, th_recs_t *rs, char *err)
{
    bm_fastx_reader_t *r = NULL;
    int rc = bm_fastx_open_memory(&r, data, len, "mem");
    if (rc < 0) return rc;
    rc = th_read_all_reader(r, rs, err);
    bm_fastx_close(r);
    return rc;
}

static void show(const char *s, size_t n)
{
    print_error("'%.*s'%s", (int)(n > 60 ? 60 : n), s, n > 60 ? "..." : "");
}

void th_assert_recs_equal(const th_recs_t *want, const th_recs_t *got, const char *what)
{
    size_t n = want->n < got->n ? want->n : got->n;
    for (size_t i = 0; i < n; i++) {
        const th_rec_t *a = &want->v[i], *b = &got->v[i];
        const char *field = NULL;
        const char *as = NULL, *bs = NULL;
        size_t an = 0, bn = 0;
        if (a->name_len != b->name_len || memcmp(a->name, b->name, a->name_len))
            field = "name", as = a->name, an = a->name_len, bs = b->name, bn = b->name_len;
        else if (a->seq_len != b->seq_len || memcmp(a->seq, b->seq, a->seq_len))
            field = "sequence", as = a->seq, an = a->seq_len, bs = b->seq, bn = b->seq_len;
        else if (!a->qual != !b->qual || (a->qual && memcmp(a->qual, b->qual, a->seq_len) != 0))
            field = "quality", as = a->qual ? a->qual : "(none)", an = a->qual ? a->seq_len : 6,
            bs = b->qual ? b->qual : "(none)", bn = b->qual ? b->seq_len : 6;
        else if (a->number != b->number)
            field = "number", as = "", bs = "";
        if (field) {
            print_error("seed %llu: %s: record %zu differs in its %s (number %llu vs %llu): "
                        "expected ",
                        (unsigned long long)th_seed, what, i + 1, field,
                        (unsigned long long)a->number, (unsigned long long)b->number);
            show(as, an);
            print_error(" (%zu bytes), got ", an);
            show(bs, bn);
            print_error(" (%zu bytes)\n", bn);
            fail();
        }
    }
    TH_CHECK(want->n == got->n, "%s: expected %zu records, got %zu", what, want->n, got->n);
}

void th_random_recs(th_rng_t *rng, th_recs_t *rs, size_t n, size_t max_len, int fastq)
{
    static const char bases[] = "ACGTNacgtn";
    size_t cap = max_len + 1;
    char *seq = malloc(cap), *qual = malloc(cap), name[64];
    assert_non_null(seq);
    assert_non_null(qual);
    for (size_t i = 0; i < n; i++) {
        uint64_t kind = th_below(rng, 10);
        size_t len = kind == 0 ? 0 : (size_t)th_below(rng, max_len + 1);
        int lower = th_below(rng, 4) == 0;
        for (size_t j = 0; j < len; j++) {
            seq[j] = bases[th_below(rng, 5) + (lower ? 5 : 0)];
            qual[j] = (char)('!' + th_below(rng, 94));
        }
        int nl = th_below(rng, 3) == 0 ? snprintf(name, sizeof name, "r%zu desc=%llu x", rs->n + 1,
                                                  (unsigned long long)th_below(rng, 100000))
                                       : snprintf(name, sizeof name, "r%zu", rs->n + 1);
        th_recs_push(rs, name, (size_t)nl, seq, len, fastq ? qual : NULL, rs->n + 1);
    }
    free(seq);
    free(qual);
}

typedef struct {
    char *p;
    size_t n, cap;
} strbuf_t;

static void sb_put(strbuf_t *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 4096;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

char *th_format(const th_recs_t *rs, int fastq, size_t width, int crlf, size_t *len)
{
    strbuf_t b = {0};
    const char *eol = crlf ? "\r\n" : "\n";
    size_t el = crlf ? 2 : 1;
    sb_put(&b, "", 0);
    for (size_t i = 0; i < rs->n; i++) {
        const th_rec_t *r = &rs->v[i];
        sb_put(&b, fastq ? "@" : ">", 1);
        sb_put(&b, r->name, r->name_len);
        sb_put(&b, eol, el);
        if (fastq) {
            sb_put(&b, r->seq, r->seq_len);
            sb_put(&b, eol, el);
            sb_put(&b, "+", 1);
            sb_put(&b, eol, el);
            sb_put(&b, r->qual, r->seq_len);
            sb_put(&b, eol, el);
        } else {
            if (!width) { /* one line, empty for an empty sequence */
                sb_put(&b, r->seq, r->seq_len);
                sb_put(&b, eol, el);
                continue;
            }
            for (size_t at = 0, w = width; at < r->seq_len; at += w) {
                size_t k = r->seq_len - at < w ? r->seq_len - at : w;
                sb_put(&b, r->seq + at, k);
                sb_put(&b, eol, el);
            }
        }
    }
    *len = b.n;
    return b.p;
}

static void chomp(char *s, ssize_t *n)
{
    while (*n > 0 && (s[*n - 1] == '\n' || s[*n - 1] == '\r')) s[--*n] = '\0';
}

void th_ref_read(const char *path, th_recs_t *rs)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *line = NULL, *name = NULL;
    size_t lcap = 0, name_len = 0;
    strbuf_t seq = {0};
    ssize_t n;
    int fasta_open = 0;
    while ((n = getline(&line, &lcap, f)) >= 0) {
        chomp(line, &n);
        if (line[0] == '@' && !fasta_open) {
            char *s = NULL, *p = NULL, *q = NULL;
            size_t sc = 0, pc = 0, qc = 0;
            ssize_t sn = getline(&s, &sc, f), pn = getline(&p, &pc, f), qn = getline(&q, &qc, f);
            assert_true(sn >= 0 && pn >= 0);
            chomp(s, &sn);
            chomp(p, &pn);
            if (qn < 0) qn = 0, q = realloc(q, 1), q[0] = '\0';
            chomp(q, &qn);
            assert_int_equal(sn, qn);
            th_recs_push(rs, line + 1, (size_t)n - 1, s, (size_t)sn, q, rs->n + 1);
            free(s), free(p), free(q);
        } else if (line[0] == '>') {
            if (fasta_open) th_recs_push(rs, name, name_len, seq.p, seq.n, NULL, rs->n + 1);
            free(name);
            name = dup_bytes(line + 1, (size_t)n - 1);
            name_len = (size_t)n - 1;
            seq.n = 0;
            sb_put(&seq, "", 0);
            fasta_open = 1;
        } else if (fasta_open) {
            sb_put(&seq, line, (size_t)n);
        } else {
            assert_int_equal(n, 0); /* only blank lines outside records */
        }
    }
    if (fasta_open) th_recs_push(rs, name, name_len, seq.p, seq.n, NULL, rs->n + 1);
    free(name);
    free(seq.p);
    free(line);
    fclose(f);
}
