/* Scoring objects: DNA match/mismatch/N scoring and the NCBI matrix-file parser (used for files and
 * for the built-in tables in matrices.c), with messages naming the file, line and problem. */
#include "align_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int score_ok(long v)
{
    return v >= -BM_SCORE_LIMIT && v <= BM_SCORE_LIMIT;
}

static void set_name(bm_scoring_t *sc, const char *name)
{
    snprintf(sc->name, sizeof sc->name, "%s", name ? name : "");
}

static void finish(bm_scoring_t *sc)
{
    sc->min_score = sc->max_score = sc->score[0][0];
    for (int a = 0; a < sc->size; a++)
        for (int b = 0; b < sc->size; b++) {
            int32_t v = sc->score[a][b];
            if (v < sc->min_score) sc->min_score = v;
            if (v > sc->max_score) sc->max_score = v;
        }
}

int bm_scoring_dna(bm_scoring_t *out, int match, int mismatch, int n_score)
{
    if (!out) return bm_error(BM_EINVAL, "bm_scoring_dna: no output");
    if (!score_ok(match) || !score_ok(mismatch) || !score_ok(n_score))
        return bm_error(BM_EINVAL, "DNA scoring %d/%d/%d: scores must lie within +-%d", match,
                        mismatch, n_score, BM_SCORE_LIMIT);
    memset(out, 0, sizeof *out);
    set_name(out, "DNA");
    out->size = 5;
    memcpy(out->letters, "ACGTN", 6);
    memset(out->index, 4, sizeof out->index); /* every other byte scores as N */
    for (int k = 0; k < 4; k++) {
        out->index[(unsigned char)"ACGT"[k]] = (int8_t)k;
        out->index[(unsigned char)"acgt"[k]] = (int8_t)k;
    }
    out->wildcard = 4;
    for (int a = 0; a < 5; a++)
        for (int b = 0; b < 5; b++)
            out->score[a][b] = (a == 4 || b == 4) ? n_score : a == b ? match : mismatch;
    finish(out);
    return 0;
}

int32_t bm_scoring_score(const bm_scoring_t *sc, char a, char b)
{
    int ia = sc->index[(unsigned char)a], ib = sc->index[(unsigned char)b];
    return ia < 0 || ib < 0 ? 0 : sc->score[ia][ib];
}

/* ---- NCBI matrix text -------------------------------------------------------------------------
 */

typedef struct {
    const char *name;
    int line;
    const char *p, *end; /* the rest of the current line */
} parser_t;

/* A token quoted for a message: printable bytes as they are, others as \xNN, at most 24 bytes. */
static const char *quoted(const char *tok, size_t len, char *buf, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 6 < cap; i++) {
        unsigned char c = (unsigned char)tok[i];
        if (i == 24) {
            o += (size_t)snprintf(buf + o, cap - o, "...");
            break;
        }
        if (isprint(c) && c != '\'')
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, cap - o, "\\x%02x", c);
    }
    buf[o] = '\0';
    return buf;
}

static int fail(const parser_t *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(const parser_t *ps, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return bm_error(BM_EFORMAT, "%s: line %d: %s", ps->name, ps->line, what);
}

/* Next whitespace-separated token of the line (space, tab, CR); 0 at the line's end. */
static int next_token(parser_t *ps, const char **tok, size_t *len)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r')) ps->p++;
    if (ps->p == ps->end) return 0;
    *tok = ps->p;
    while (ps->p < ps->end && *ps->p != ' ' && *ps->p != '\t' && *ps->p != '\r') ps->p++;
    *len = (size_t)(ps->p - *tok);
    return 1;
}

static int is_matrix_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*';
}

/* A letter token: exactly one of A-Z, a-z, '*'. Returns the upper-case letter or 0. */
static char letter_token(const char *tok, size_t len)
{
    if (len != 1 || !is_matrix_letter(tok[0])) return 0;
    return (char)toupper((unsigned char)tok[0]);
}

/* A decimal integer with an optional sign, nothing else; 0 when not. */
static int integer_token(const char *tok, size_t len, long *v)
{
    size_t i = 0;
    int neg = 0;
    if (i < len && (tok[i] == '-' || tok[i] == '+')) neg = tok[i++] == '-';
    if (i == len) return 0;
    long x = 0;
    for (; i < len; i++) {
        if (tok[i] < '0' || tok[i] > '9') return 0;
        if (x < 100000000) x = x * 10 + (tok[i] - '0');
    }
    *v = neg ? -x : x;
    return 1;
}

static int parse_header(parser_t *ps, bm_scoring_t *sc)
{
    const char *tok;
    size_t len;
    char q[128];
    while (next_token(ps, &tok, &len)) {
        char c = letter_token(tok, len);
        if (!c)
            return fail(ps, "header: '%s' is not a single letter (A-Z or *)",
                        quoted(tok, len, q, sizeof q));
        if (sc->size == BM_SCORING_MAX_LETTERS)
            return fail(ps, "header: more than %d letters", BM_SCORING_MAX_LETTERS);
        if (strchr(sc->letters, c))
            return fail(ps, "header: letter '%s' appears twice", quoted(&c, 1, q, sizeof q));
        sc->letters[sc->size++] = c;
    }
    return 0;
}

static int parse_row(parser_t *ps, bm_scoring_t *sc, unsigned char *seen)
{
    const char *tok = ps->p;
    size_t len = 0;
    char q[128];
    next_token(ps, &tok, &len); /* the caller saw a token on this line */
    char c = letter_token(tok, len);
    if (!c)
        return fail(ps, "row starts with '%s', not a letter (A-Z or *)",
                    quoted(tok, len, q, sizeof q));
    const char *at = strchr(sc->letters, c);
    if (!at) return fail(ps, "row letter '%s' is not in the header", quoted(&c, 1, q, sizeof q));
    int row = (int)(at - sc->letters);
    if (seen[row]) return fail(ps, "row '%s' appears twice", quoted(&c, 1, q, sizeof q));
    seen[row] = 1;
    int col = 0;
    while (next_token(ps, &tok, &len)) {
        long v;
        if (!integer_token(tok, len, &v))
            return fail(ps, "row '%c': '%s' is not an integer", c, quoted(tok, len, q, sizeof q));
        if (!score_ok(v))
            return fail(ps, "row '%c': %ld is outside the score range +-%d", c, v, BM_SCORE_LIMIT);
        if (col == sc->size)
            return fail(ps, "row '%c' has more than %d numbers (the header has %d letters)", c,
                        sc->size, sc->size);
        sc->score[row][col++] = (int32_t)v;
    }
    if (col < sc->size)
        return fail(ps, "row '%c' has %d numbers, the header has %d letters", c, col, sc->size);
    return 0;
}

int bm_scoring_parse(bm_scoring_t *out, const char *text, size_t len, const char *name)
{
    if (!out || (!text && len)) return bm_error(BM_EINVAL, "bm_scoring_parse: no input");
    bm_scoring_t sc;
    memset(&sc, 0, sizeof sc);
    parser_t ps = {.name = name ? name : "matrix", .line = 0};
    unsigned char seen[BM_SCORING_MAX_LETTERS] = {0};
    int have_header = 0, rows = 0, rc;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        ps.line++;
        ps.p = p;
        ps.end = eol;
        p = eol < end ? eol + 1 : end;
        const char *tok;
        size_t tlen;
        parser_t peek = ps;
        if (!next_token(&peek, &tok, &tlen) || tok[0] == '#') continue; /* blank or comment */
        if (memchr(ps.p, '\0', (size_t)(ps.end - ps.p)))
            return fail(&ps, "NUL byte (not a text file?)");
        if (!have_header) {
            if ((rc = parse_header(&ps, &sc)) < 0) return rc;
            have_header = 1;
            continue;
        }
        if (rows == sc.size)
            return fail(&ps, "more rows than the %d letters of the header", sc.size);
        if ((rc = parse_row(&ps, &sc, seen)) < 0) return rc;
        rows++;
    }
    if (!have_header)
        return bm_error(BM_EFORMAT, "%s: no header line of letters (empty matrix file?)", ps.name);
    if (rows < sc.size) {
        char missing[BM_SCORING_MAX_LETTERS + 1];
        int k = 0;
        for (int i = 0; i < sc.size; i++)
            if (!seen[i]) missing[k++] = sc.letters[i];
        missing[k] = '\0';
        return bm_error(BM_EFORMAT, "%s: line %d: file ends with %d of %d rows; missing rows: %s",
                        ps.name, ps.line, rows, sc.size, missing);
    }
    memset(sc.index, -1, sizeof sc.index);
    for (int i = 0; i < sc.size; i++) {
        unsigned char c = (unsigned char)sc.letters[i];
        sc.index[c] = (int8_t)i;
        sc.index[tolower(c)] = (int8_t)i;
    }
    const char *x = strchr(sc.letters, 'X'), *n = strchr(sc.letters, 'N');
    sc.wildcard = x ? (int)(x - sc.letters) : n ? (int)(n - sc.letters) : -1;
    set_name(&sc, ps.name);
    finish(&sc);
    *out = sc;
    return 0;
}

int bm_scoring_load(bm_scoring_t *out, const char *path)
{
    if (!out || !path) return bm_error(BM_EINVAL, "bm_scoring_load: no path");
    FILE *f = fopen(path, "rb");
    if (!f) return bm_error(BM_EIO, "%s: cannot open matrix file: %s", path, strerror(errno));
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    int rc = 0;
    while (buf) {
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap) break;
        if (cap >= ((size_t)1 << 24)) {
            rc = bm_error(BM_EFORMAT, "%s: larger than 16 MiB: not a matrix file", path);
            break;
        }
        char *more = realloc(buf, cap * 2);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    if (!buf)
        rc = bm_error(BM_ENOMEM, "%s: out of memory reading the matrix file", path);
    else if (rc == 0 && ferror(f))
        rc = bm_error(BM_EIO, "%s: cannot read matrix file: %s", path, strerror(errno));
    fclose(f);
    if (rc == 0) {
        const char *base = strrchr(path, '/');
        rc = bm_scoring_parse(out, buf, len, path);
        if (rc == 0) set_name(out, base ? base + 1 : path);
    }
    free(buf);
    return rc;
}
