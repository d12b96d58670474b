/* Streaming FASTQ/FASTA reader: records as views into one reusable buffer (or the mapped file),
 * with every malformation reported by file, record number and what was wrong. */
#include "biometal/io.h"

#include "biometal/error.h"
#include "../core/bytes.h"
#include "line_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INITIAL_BUFFER (1u << 20)
#define SCAN_BLOCK (128u << 10) /* bytes scanned ahead at a time */

struct bm_fastx_reader {
    bm_source_t *src;
    bm_format_t format;
    char *buf; /* owned buffer, or the mapped file */
    size_t cap, start, end;
    int eof, mapped, failed;
    uint64_t count;
    char *seqbuf; /* joined lines of a multi-line FASTA sequence */
    size_t seqcap;
    bm_line_scan_t scan;  /* newlines and byte classes of the bytes ahead */
    uint64_t buf_offset;  /* input offset of buf[0] */
    uint64_t range_start; /* range readers: first record boundary */
    uint64_t range_end;   /* range readers: records must start before this; else UINT64_MAX */
};

/* A line inside the buffer, as offsets from r->buf, without its line end. */
typedef struct {
    size_t begin, len, next;
    int terminated; /* ended by '\n' (not by the end of the input) */
} line_t;

enum { LINE_OK = 1, LINE_NEED_MORE = 0, LINE_NONE = -1 };

/* Index of the first scanned newline at or after `pos` (binary search, for lookups that go back).
 */
static size_t first_newline_index(const bm_line_scan_t *s, size_t pos)
{
    size_t lo = 0, hi = s->npos;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->pos[mid] < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Moves the cursor to the first scanned newline at or after `pos` (pos inside the scanned bytes)
 * and returns its index (s->npos when there is none): a step forward for consecutive lines, a
 * binary search for a lookup that goes back. */
static size_t seek_newline(bm_line_scan_t *s, size_t pos)
{
    size_t c = s->cursor;
    if (c > 0 && s->pos[c - 1] >= pos) c = first_newline_index(s, pos);
    while (c < s->npos && s->pos[c] < pos) c++;
    return s->cursor = c;
}

/* Scans more of the buffer so that `pos` (< r->end) is covered: continues the current scan when the
 * record being parsed began in it, else starts a new scan at the record start (or at `pos`).
 * Returns -1 when out of memory. */
static int scan_ahead(bm_fastx_reader_t *r, size_t pos)
{
    bm_line_scan_t *s = &r->scan;
    int extend = s->end > s->base && pos >= s->end && r->start >= s->base &&
                 r->start - s->base < SCAN_BLOCK / 2;
    if (!extend) {
        bm_line_scan_reset(s);
        s->base = s->end = pos >= r->start ? r->start : pos;
    }
    size_t want = pos - s->end + SCAN_BLOCK;
    if (want > r->end - s->end) want = r->end - s->end;
    return bm_line_scan_extend(s, r->buf, want);
}

/* Offset of the first '\n' at or after `pos` in the buffer, or SIZE_MAX. Consecutive lines advance
 * a cursor through the scanned newline positions. */
static size_t find_newline(bm_fastx_reader_t *r, size_t pos)
{
    bm_line_scan_t *s = &r->scan;
    for (;;) {
        if (pos >= s->base && pos < s->end) {
            size_t c = seek_newline(s, pos);
            if (c < s->npos) return s->pos[c];
            pos = s->end; /* none in what was scanned: scan on */
        }
        if (pos >= r->end) return SIZE_MAX;
        if (scan_ahead(r, pos) < 0) { /* out of memory for the tables: search byte by byte */
            bm_line_scan_reset(s);
            const char *nl = memchr(r->buf + pos, '\n', r->end - pos);
            return nl ? (size_t)(nl - r->buf) : SIZE_MAX;
        }
    }
}

/* Finds the line starting at `pos`. At the end of the input a last line without '\n' counts. */
static int get_line(bm_fastx_reader_t *r, size_t pos, line_t *l)
{
    if (pos >= r->end) return r->eof ? LINE_NONE : LINE_NEED_MORE;
    const char *p = r->buf + pos;
    size_t nl = find_newline(r, pos);
    size_t len;
    if (nl != SIZE_MAX) {
        len = nl - pos;
        l->next = nl + 1;
        l->terminated = 1;
    } else {
        if (!r->eof) return LINE_NEED_MORE;
        len = r->end - pos;
        l->next = r->end;
        l->terminated = 0;
    }
    if (len > 0 && p[len - 1] == '\r') len--;
    l->begin = pos;
    l->len = len;
    return LINE_OK;
}

/* Moves unread bytes to the front and reads more. Returns 1 if bytes were added or the end was
 * reached (r->eof set), or a negative code. */
static int fill(bm_fastx_reader_t *r)
{
    if (r->eof) return 1;
    bm_line_scan_reset(&r->scan); /* the buffer's contents move */
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->buf_offset += r->start;
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        size_t ncap = r->cap * 2;
        char *nb = realloc(r->buf, ncap);
        if (!nb)
            return bm_error(BM_ENOMEM, "%s: out of memory (record longer than %zu bytes)",
                            bm_source_name(r->src), r->cap);
        r->buf = nb;
        r->cap = ncap;
    }
    ssize_t n = bm_source_read(r->src, r->buf + r->end, r->cap - r->end);
    if (n < 0) return (int)n;
    if (n == 0) r->eof = 1;
    r->end += (size_t)n;
    return 1;
}

static int fail(bm_fastx_reader_t *r, int code)
{
    return r->failed = code;
}

/* Describes a byte for a message: 'x' when printable, else its hex value. */
static const char *show_byte(unsigned char c, char out[16])
{
    if (c >= 33 && c <= 126)
        snprintf(out, 16, "'%c'", c);
    else
        snprintf(out, 16, "byte 0x%02x", c);
    return out;
}

/* Index of the first byte outside [lo, hi], or n if none. */
static size_t first_outside(const char *s, size_t n, unsigned char lo, unsigned char hi)
{
    return bm_first_outside(s, n, lo, (unsigned char)(hi - lo));
}

/* Bytes that do not occur in any text file: a hint that a binary file was given. */
static const char *binary_hint(unsigned char c)
{
    return c >= 127 || c < 9 ? " (binary data?)" : "";
}

static int record_error(bm_fastx_reader_t *r, int code, const char *what)
{
    bm_error(code, "%s: record %llu: %s", bm_source_name(r->src),
             (unsigned long long)(r->count + 1), what);
    return fail(r, code);
}

static int check_seq(bm_fastx_reader_t *r, size_t at, size_t n, const char *field)
{
    if (bm_line_scan_clear(&r->scan, at, n) == 1) return 0;
    const char *s = r->buf + at;
    size_t i = first_outside(s, n, 33, 126);
    if (i == n) return 0;
    char b[16], msg[160];
    snprintf(msg, sizeof msg, "invalid %s at %s position %zu%s", show_byte((unsigned char)s[i], b),
             field, i + 1, binary_hint((unsigned char)s[i]));
    return record_error(r, BM_EFORMAT, msg);
}

/* Read names may hold any byte but control characters (tab is allowed). */
static int check_header(bm_fastx_reader_t *r, size_t at, size_t n)
{
    if (bm_line_scan_no_control(&r->scan, r->buf, at, n) == 1) return 0;
    const char *s = r->buf + at;
    size_t i = bm_first_control(s, n);
    if (i == n) return 0;
    char b[16], msg[200];
    unsigned char c = (unsigned char)s[i];
    if (c == '\r')
        snprintf(msg, sizeof msg,
                 "carriage return (byte 0x0d) inside the header: lines ending in "
                 "CR only (old Mac line ends) are not supported");
    else
        snprintf(msg, sizeof msg, "invalid %s in the header at position %zu (binary data?)",
                 show_byte(c, b), i + 1);
    return record_error(r, BM_EFORMAT, msg);
}

/* Length of the line [begin, nl) without a final '\r'. */
static inline size_t line_len(const char *b, size_t begin, size_t nl)
{
    size_t len = nl - begin;
    return len > 0 && b[nl - 1] == '\r' ? len - 1 : len;
}

/* The common case of a FASTQ record: its four newlines already scanned and nothing to report.
 * Returns 1 with the record, or 0 to let parse_fastq() look at it line by line. */
static int parse_fastq_scanned(bm_fastx_reader_t *r, bm_record_t *rec)
{
    bm_line_scan_t *s = &r->scan;
    size_t at = r->start;
    if (at < s->base || at >= s->end) return 0;
    size_t c = seek_newline(s, at);
    if (c + 4 > s->npos) return 0;
    const char *b = r->buf;
    size_t h_nl = s->pos[c], s_nl = s->pos[c + 1], p_nl = s->pos[c + 2], q_nl = s->pos[c + 3];
    size_t h_len = line_len(b, at, h_nl), s_len = line_len(b, h_nl + 1, s_nl);
    size_t p_len = line_len(b, s_nl + 1, p_nl), q_len = line_len(b, p_nl + 1, q_nl);
    if (h_len == 0 || b[at] != '@' || p_len == 0 || b[s_nl + 1] != '+' || q_len != s_len) return 0;
    if (p_len > 1 && (p_len != h_len || memcmp(b + s_nl + 2, b + at + 1, h_len - 1) != 0)) return 0;
    if (bm_line_scan_no_control(s, b, at, h_len) != 1 ||
        bm_line_scan_clear(s, h_nl + 1, s_len) != 1 || bm_line_scan_clear(s, p_nl + 1, q_len) != 1)
        return 0;
    rec->name = b + at + 1;
    rec->name_len = h_len - 1;
    rec->seq = b + h_nl + 1;
    rec->seq_len = s_len;
    rec->qual = b + p_nl + 1;
    rec->number = ++r->count;
    r->start = q_nl + 1;
    s->cursor = c + 4;
    return 1;
}

/* Parses one FASTQ record at r->start. Returns 1 (record), 0 (need more input), or < 0. */
static int parse_fastq(bm_fastx_reader_t *r, bm_record_t *rec)
{
    if (parse_fastq_scanned(r, rec)) return 1;
    line_t h, s, p, q;
    int st = get_line(r, r->start, &h);
    if (st != LINE_OK) return st == LINE_NEED_MORE ? 0 : 2; /* 2: clean end */
    const char *b = r->buf;
    if (h.len == 0 || b[h.begin] != '@') {
        char c[16], msg[96];
        if (h.len == 0)
            return record_error(r, BM_EFORMAT,
                                "expected '@' at the start of a FASTQ "
                                "header, found an empty line");
        snprintf(msg, sizeof msg, "expected '@' at the start of a FASTQ header, found %s",
                 show_byte((unsigned char)b[h.begin], c));
        return record_error(r, BM_EFORMAT, msg);
    }
    if (check_header(r, h.begin, h.len) < 0) return r->failed;
    st = get_line(r, h.next, &s);
    if (st == LINE_NEED_MORE) return 0;
    if (st == LINE_NONE)
        return record_error(r, BM_ETRUNC, "truncated record: input ends after the header");
    st = get_line(r, s.next, &p);
    if (st == LINE_NEED_MORE) return 0;
    if (st == LINE_NONE)
        return record_error(r, BM_ETRUNC, "truncated record: input ends after the sequence");
    if (p.len == 0 || b[p.begin] != '+') {
        char c[16], msg[96];
        snprintf(msg, sizeof msg, "expected '+' line after the sequence, found %s",
                 p.len ? show_byte((unsigned char)b[p.begin], c) : "an empty line");
        return record_error(r, BM_EFORMAT, msg);
    }
    if (p.len > 1 && (p.len != h.len || memcmp(b + p.begin + 1, b + h.begin + 1, h.len - 1) != 0))
        return record_error(r, BM_EFORMAT, "'+' line does not repeat the header");
    st = get_line(r, p.next, &q);
    if (st == LINE_NEED_MORE) return 0;
    if (st == LINE_NONE) {
        if (s.len != 0)
            return record_error(r, BM_ETRUNC,
                                "truncated record: input ends before the quality line");
        q.begin = q.next = p.next;
        q.len = 0;
        q.terminated = 0;
    }
    if (q.len != s.len) {
        char msg[160];
        if (!q.terminated && q.len < s.len)
            snprintf(msg, sizeof msg,
                     "truncated record: input ends inside the quality line "
                     "(quality length %zu != sequence length %zu)",
                     q.len, s.len);
        else
            snprintf(msg, sizeof msg, "quality length %zu != sequence length %zu", q.len, s.len);
        /* Short qualities cut off by the end of the input are a truncation. */
        return record_error(r, !q.terminated && q.len < s.len ? BM_ETRUNC : BM_EFORMAT, msg);
    }
    if (check_seq(r, s.begin, s.len, "sequence") < 0) return r->failed;
    if (check_seq(r, q.begin, q.len, "quality") < 0) return r->failed;
    rec->name = b + h.begin + 1;
    rec->name_len = h.len - 1;
    rec->seq = b + s.begin;
    rec->seq_len = s.len;
    rec->qual = b + q.begin;
    rec->number = ++r->count;
    r->start = q.next;
    return 1;
}

static int append_seq(bm_fastx_reader_t *r, size_t *len, const char *s, size_t n)
{
    if (*len + n + 1 > r->seqcap) {
        size_t ncap = r->seqcap ? r->seqcap : 4096;
        while (ncap < *len + n + 1) ncap *= 2;
        char *nb = realloc(r->seqbuf, ncap);
        if (!nb) return bm_error(BM_ENOMEM, "%s: out of memory", bm_source_name(r->src));
        r->seqbuf = nb;
        r->seqcap = ncap;
    }
    memcpy(r->seqbuf + *len, s, n);
    *len += n;
    return 0;
}

/* Parses one FASTA record at r->start (multi-line sequences joined). Same returns as FASTQ. */
static int parse_fasta(bm_fastx_reader_t *r, bm_record_t *rec)
{
    line_t h, l;
    int st = get_line(r, r->start, &h);
    if (st != LINE_OK) return st == LINE_NEED_MORE ? 0 : 2;
    const char *b = r->buf;
    if (h.len == 0 || b[h.begin] != '>') {
        char c[16], msg[96];
        snprintf(msg, sizeof msg, "expected '>' at the start of a FASTA header, found %s",
                 h.len ? show_byte((unsigned char)b[h.begin], c) : "an empty line");
        return record_error(r, BM_EFORMAT, msg);
    }
    if (check_header(r, h.begin, h.len) < 0) return r->failed;
    /* First pass: find the end of the record without copying, so an incomplete record costs
     * nothing but a refill. */
    size_t pos = h.next, nlines = 0, first = 0, first_len = 0;
    for (;;) {
        st = get_line(r, pos, &l);
        if (st == LINE_NEED_MORE) return 0;
        if (st == LINE_NONE || (l.len > 0 && b[l.begin] == '>')) break;
        if (l.len > 0) {
            if (nlines++ == 0) {
                first = l.begin;
                first_len = l.len;
            }
            size_t bad = l.len;
            if (bm_line_scan_clear(&r->scan, l.begin, l.len) != 1)
                bad = first_outside(b + l.begin, l.len, 32, 126);
            if (bad != l.len) {
                char c[16], msg[160];
                snprintf(msg, sizeof msg, "invalid %s in sequence%s",
                         show_byte((unsigned char)b[l.begin + bad], c),
                         binary_hint((unsigned char)b[l.begin + bad]));
                return record_error(r, BM_EFORMAT, msg);
            }
        }
        pos = l.next;
    }
    rec->name = b + h.begin + 1;
    rec->name_len = h.len - 1;
    rec->qual = NULL;
    if (nlines <= 1) {
        rec->seq = nlines ? b + first : b + h.next;
        rec->seq_len = first_len;
    } else {
        size_t len = 0;
        for (size_t at = h.next; at < pos; at = l.next) {
            get_line(r, at, &l);
            if (l.len > 0 && append_seq(r, &len, b + l.begin, l.len) < 0) return fail(r, BM_ENOMEM);
        }
        rec->seq = r->seqbuf;
        rec->seq_len = len;
    }
    rec->number = ++r->count;
    r->start = pos;
    return 1;
}

/* Skips blank lines and sets the format from the first byte of the first record. */
static int detect_format(bm_fastx_reader_t *r)
{
    for (;;) {
        while (r->start < r->end && (r->buf[r->start] == '\n' || r->buf[r->start] == '\r'))
            r->start++;
        if (r->start < r->end) break;
        if (r->eof) return 0;
        int rc = fill(r);
        if (rc < 0) return fail(r, rc);
    }
    unsigned char c = (unsigned char)r->buf[r->start];
    if (c == '@')
        r->format = BM_FORMAT_FASTQ;
    else if (c == '>')
        r->format = BM_FORMAT_FASTA;
    else {
        char b[16];
        bm_error(BM_EFORMAT, "%s: not FASTQ or FASTA: input starts with %s%s",
                 bm_source_name(r->src), show_byte(c, b),
                 *binary_hint(c) ? binary_hint(c) : " (expected '@' or '>')");
        return fail(r, BM_EFORMAT);
    }
    return 1;
}

int bm_fastx_next(bm_fastx_reader_t *r, bm_record_t *rec)
{
    if (r->failed) return r->failed;
    if (r->format == BM_FORMAT_UNKNOWN) {
        int rc = detect_format(r);
        if (rc <= 0) return rc;
    }
    for (;;) {
        /* Blank lines between records are tolerated (many tools write a final empty line). */
        while (r->start < r->end && (r->buf[r->start] == '\n' || r->buf[r->start] == '\r'))
            r->start++;
        if (r->buf_offset + r->start >= r->range_end) return 0;
        int rc = r->format == BM_FORMAT_FASTQ ? parse_fastq(r, rec) : parse_fasta(r, rec);
        if (rc == 1) return 1;
        if (rc == 2) return 0;
        if (rc < 0) return rc;
        rc = fill(r);
        if (rc < 0) return fail(r, rc);
    }
}

static int open_on(bm_fastx_reader_t **out, bm_fastx_reader_t *r)
{
    r->range_end = UINT64_MAX;
    const char *data;
    size_t len;
    if (bm_source_mapped(r->src, &data, &len)) {
        r->buf = (char *)data;
        r->end = r->cap = len;
        r->mapped = r->eof = 1;
    } else {
        r->buf = malloc(INITIAL_BUFFER);
        if (!r->buf) {
            bm_fastx_close(r);
            return bm_error(BM_ENOMEM, "out of memory");
        }
        r->cap = INITIAL_BUFFER;
    }
    *out = r;
    return 0;
}

int bm_fastx_open(bm_fastx_reader_t **out, const char *path, const bm_reader_opts_t *opts)
{
    *out = NULL;
    bm_fastx_reader_t *r = calloc(1, sizeof *r);
    if (!r) return bm_error(BM_ENOMEM, "out of memory");
    int rc = bm_source_open(&r->src, path, opts ? &opts->source : NULL);
    if (rc < 0) {
        free(r);
        return rc;
    }
    return open_on(out, r);
}

int bm_fastx_open_memory(bm_fastx_reader_t **out, const void *data, size_t len, const char *name)
{
    *out = NULL;
    bm_fastx_reader_t *r = calloc(1, sizeof *r);
    if (!r) return bm_error(BM_ENOMEM, "out of memory");
    int rc = bm_source_open_memory(&r->src, data, len, name);
    if (rc < 0) {
        free(r);
        return rc;
    }
    return open_on(out, r);
}

/* Is a FASTQ record starting at line `h`? Returns 1 yes, 0 no, -1 need more input. */
static int fastq_record_at(bm_fastx_reader_t *r, const line_t *h)
{
    line_t s, p, q;
    if (h->len == 0 || r->buf[h->begin] != '@') return 0;
    int st = get_line(r, h->next, &s);
    if (st == LINE_OK) st = get_line(r, s.next, &p);
    if (st == LINE_OK) st = get_line(r, p.next, &q);
    if (st == LINE_NEED_MORE) return -1;
    if (st == LINE_NONE) return 0;
    return p.len > 0 && r->buf[p.begin] == '+' && q.len == s.len;
}

/* Moves r->start to the first record boundary at or after the current position, which is the
 * start of a line. Returns 0, or a negative code. */
static int find_record_start(bm_fastx_reader_t *r)
{
    for (;;) {
        line_t h;
        int st = get_line(r, r->start, &h), is = 0;
        if (st == LINE_NONE) return 0;
        if (st == LINE_OK) {
            is = r->format == BM_FORMAT_FASTQ ? fastq_record_at(r, &h)
                                              : (h.len > 0 && r->buf[h.begin] == '>');
            if (is == 1) return 0;
            if (is == 0) r->start = h.next;
        }
        if (st == LINE_NEED_MORE || is < 0) {
            int rc = fill(r);
            if (rc < 0) return rc;
        }
    }
}

int bm_fastx_open_range(bm_fastx_reader_t **out, const char *path, bm_format_t format,
                        uint64_t begin, uint64_t end)
{
    *out = NULL;
    if (format != BM_FORMAT_FASTQ && format != BM_FORMAT_FASTA)
        return bm_error(BM_EINVAL, "%s: a range reader needs the format (FASTQ or FASTA)", path);
    bm_fastx_reader_t *r = calloc(1, sizeof *r);
    if (!r) return bm_error(BM_ENOMEM, "out of memory");
    /* Start one byte early: a record starting exactly at `begin` follows a '\n' there. */
    bm_reader_opts_t o = {.source = {.offset = begin > 0 ? begin - 1 : 0}};
    int rc = bm_source_open(&r->src, path, &o.source);
    if (rc < 0) {
        free(r);
        return rc;
    }
    rc = open_on(out, r); /* frees r on failure */
    if (rc < 0) return rc;
    r->format = format;
    r->buf_offset = o.source.offset;
    if (begin > 0) {
        /* Skip to the start of the next line. */
        for (;;) {
            line_t l;
            int st = get_line(r, r->start, &l);
            if (st == LINE_OK || st == LINE_NONE) {
                r->start = st == LINE_OK ? l.next : r->end;
                break;
            }
            rc = fill(r);
            if (rc < 0) break;
            rc = 0;
        }
    }
    if (rc == 0 && begin > 0) rc = find_record_start(r); /* range 0 is parsed strictly */
    if (rc < 0) {
        bm_fastx_close(r);
        *out = NULL;
        return rc;
    }
    r->range_start = r->buf_offset + r->start;
    r->range_end = end;
    return 0;
}

uint64_t bm_fastx_offset(const bm_fastx_reader_t *r)
{
    return r->buf_offset + r->start;
}

uint64_t bm_fastx_range_start(const bm_fastx_reader_t *r)
{
    return r->range_start;
}

bm_format_t bm_fastx_format(const bm_fastx_reader_t *r)
{
    return r->format;
}

const char *bm_fastx_name(const bm_fastx_reader_t *r)
{
    return bm_source_name(r->src);
}

bm_compression_t bm_fastx_compression(const bm_fastx_reader_t *r)
{
    return bm_source_compression(r->src);
}

uint64_t bm_fastx_count(const bm_fastx_reader_t *r)
{
    return r->count;
}

void bm_fastx_close(bm_fastx_reader_t *r)
{
    if (!r) return;
    if (!r->mapped) free(r->buf);
    free(r->seqbuf);
    bm_line_scan_free(&r->scan);
    bm_source_close(r->src);
    free(r);
}
