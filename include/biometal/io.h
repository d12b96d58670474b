/* Streaming sequence I/O: byte sources (file, stdin, mmap, gzip, BGZF), FASTQ/FASTA readers,
 * struct-of-arrays record batches, paired reading, and FASTQ/FASTA writers with safe output. */
#ifndef BIOMETAL_IO_H
#define BIOMETAL_IO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Byte sources ------------------------------------------------------------------------ */

/* How the bytes of a source are stored, detected from the first bytes (never the file name). */
typedef enum {
    BM_COMPRESSION_NONE = 0,
    BM_COMPRESSION_GZIP = 1, /* any gzip stream, multi-member allowed */
    BM_COMPRESSION_BGZF = 2  /* blocked gzip (BGZF), as written by bgzip and samtools */
} bm_compression_t;

typedef struct bm_source bm_source_t;

typedef struct {
    /* Background threads that read and decompress ahead of the consumer: 0 = none (all work on
     * the calling thread). One thread overlaps decompression with parsing. */
    int threads;
    /* Uncompressed regular files at least this large are memory-mapped; 0 = default (never: on the
     * machines measured, read() into a reused buffer was about 3x faster than scanning a mapping).
     */
    size_t mmap_min_size;
    /* Start reading an uncompressed regular file at this byte offset (no compression detection). */
    uint64_t offset;
} bm_source_opts_t;

/* Opens `path` ("-" or NULL for stdin) and detects its compression from its magic bytes.
 * `opts` may be NULL. On success *out owns the source; close it with bm_source_close().
 * Errors: BM_EIO (cannot open/read), BM_ENOMEM. */
int bm_source_open(bm_source_t **out, const char *path, const bm_source_opts_t *opts);

/* Opens `len` bytes at `data` as a source named `name` (used in messages); compression is detected
 * as for files. Plain data is read in place: it must stay valid until the source is closed. */
int bm_source_open_memory(bm_source_t **out, const void *data, size_t len, const char *name);

/* Reads up to `cap` decompressed bytes into `buf`. Returns the number of bytes read (> 0),
 * 0 at the end of the input, or a negative BM_E* code (BM_ETRUNC for a truncated gzip/BGZF
 * stream, BM_EFORMAT for corrupt data, BM_EIO). */
ssize_t bm_source_read(bm_source_t *src, void *buf, size_t cap);

/* For an uncompressed memory-mapped source: sets *data and *len to the whole file and returns 1.
 * Returns 0 when the source is not mapped (read it with bm_source_read instead). */
int bm_source_mapped(bm_source_t *src, const char **data, size_t *len);

/* The name used in messages ("-" is shown as "stdin"). */
const char *bm_source_name(const bm_source_t *src);
bm_compression_t bm_source_compression(const bm_source_t *src);

/* Closes the source; NULL is allowed. */
void bm_source_close(bm_source_t *src);

/* ---- FASTQ / FASTA records ------------------------------------------------------------------ */

typedef enum {
    BM_FORMAT_UNKNOWN = 0, /* empty input: no record seen */
    BM_FORMAT_FASTQ = 1,
    BM_FORMAT_FASTA = 2
} bm_format_t;

/* One record as views into the reader's buffer, valid until the next call on the reader.
 * Strings are not NUL-terminated; line ends (LF or CRLF) are removed. */
typedef struct {
    const char *name; /* header after '@' or '>', description included */
    size_t name_len;
    const char *seq; /* bases as in the file (lower case kept) */
    size_t seq_len;
    const char *qual; /* Phred+33 characters, seq_len of them; NULL for FASTA */
    uint64_t number;  /* 1-based record number in the input */
} bm_record_t;

typedef struct bm_fastx_reader bm_fastx_reader_t;

typedef struct {
    bm_source_opts_t source; /* how to open the input */
} bm_reader_opts_t;

/* Opens a FASTQ or FASTA reader on `path` ("-" or NULL = stdin); the format is chosen from the
 * first byte ('@' FASTQ, '>' FASTA). `opts` may be NULL. Errors: those of bm_source_open. */
int bm_fastx_open(bm_fastx_reader_t **out, const char *path, const bm_reader_opts_t *opts);

/* Opens a reader over `len` bytes in memory (see bm_source_open_memory). */
int bm_fastx_open_memory(bm_fastx_reader_t **out, const void *data, size_t len, const char *name);

/* Opens a reader over part of an uncompressed regular file, for reading one file with several
 * threads: it returns the records that start in bytes [begin, end) of the file (the last one may
 * extend past `end`), so ranges that tile the file return every record exactly once. The first
 * record boundary at or after `begin` is found from the content (FASTQ: a line starting with '@',
 * the line after next starting with '+', and equal sequence and quality lengths; FASTA: a line
 * starting with '>'). `format` must be the file's format. Record numbers count from 1 within the
 * range. The boundary search is reliable for well-formed files; to be certain, check that each
 * range's bm_fastx_offset() at its end equals the next range's bm_fastx_range_start(). */
int bm_fastx_open_range(bm_fastx_reader_t **out, const char *path, bm_format_t format,
                        uint64_t begin, uint64_t end);

/* Byte offset in the (uncompressed) input of the next record, or of the end of the input; after a
 * range reader returned 0, the first record boundary at or after the range's end. */
uint64_t bm_fastx_offset(const bm_fastx_reader_t *r);

/* For a range reader: the offset of its first record (the boundary found at or after `begin`). */
uint64_t bm_fastx_range_start(const bm_fastx_reader_t *r);

/* Reads the next record into *rec. Returns 1 when a record was read, 0 at the end of the input,
 * or a negative BM_E* code with bm_last_error() naming the file, the record and the problem
 * (missing '@' or '+', sequence/quality length mismatch, quality outside '!'..'~', truncated
 * record, corrupt compression, binary data). After an error the reader stays failed. */
int bm_fastx_next(bm_fastx_reader_t *r, bm_record_t *rec);

/* FASTQ or FASTA once the first record is seen; BM_FORMAT_UNKNOWN for an empty input. */
bm_format_t bm_fastx_format(const bm_fastx_reader_t *r);

/* The underlying source's name and compression. */
const char *bm_fastx_name(const bm_fastx_reader_t *r);
bm_compression_t bm_fastx_compression(const bm_fastx_reader_t *r);

/* Records read so far. */
uint64_t bm_fastx_count(const bm_fastx_reader_t *r);

void bm_fastx_close(bm_fastx_reader_t *r);

/* ---- Batches (struct of arrays) ------------------------------------------------------------ */

/* N records copied into one byte buffer with per-record offsets, so kernels and GPU copies read
 * contiguous memory. Record i: name at data+name_off[i] (name_len[i] bytes), sequence at
 * data+seq_off[i] (seq_len[i] bytes), qualities at data+qual_off[i] (seq_len[i] bytes, FASTQ only).
 * Each field is followed by a NUL byte in `data`. */
typedef struct {
    size_t count;          /* records in the batch */
    uint64_t first_number; /* record number of record 0 */
    bm_format_t format;
    char *data;
    size_t data_len, data_cap;
    uint64_t *name_off, *seq_off, *qual_off;
    uint64_t *name_len, *seq_len;
    size_t cap; /* records the arrays can hold */
} bm_batch_t;

/* Initialises an empty batch (no allocation yet). */
void bm_batch_init(bm_batch_t *b);

/* Appends one record (copied). Errors: BM_ENOMEM. */
int bm_batch_push(bm_batch_t *b, const bm_record_t *rec);

/* Empties the batch, keeping its memory. */
void bm_batch_clear(bm_batch_t *b);

/* Frees the batch's memory; the batch is empty and usable afterwards. */
void bm_batch_free(bm_batch_t *b);

/* Records [from, from + count) of `b` as a batch of their own, sharing b's memory (no copy):
 * read it only (never push, clear or free a view), and only while `b` is unchanged. */
bm_batch_t bm_batch_view(const bm_batch_t *b, size_t from, size_t count);

/* Fills `b` (cleared first) with up to `max_records` records or until it holds at least
 * `max_bytes` bytes of data (0 = no byte limit). Returns the number of records read (0 at the end
 * of the input) or a negative BM_E* code. */
int bm_fastx_next_batch(bm_fastx_reader_t *r, bm_batch_t *b, size_t max_records, size_t max_bytes);

/* ---- Paired reads ---------------------------------------------------------------------------- */

typedef struct bm_paired_reader bm_paired_reader_t;

/* Opens paired input: two files (`path2` != NULL) or one interleaved file (`path2` == NULL, mates
 * are consecutive records). Mates must have the same name once a trailing "/1" or "/2" and any
 * description are removed. */
int bm_paired_open(bm_paired_reader_t **out, const char *path1, const char *path2,
                   const bm_reader_opts_t *opts);

/* Reads the next pair. Returns 1, 0 at the end of both inputs, or a negative code:
 * BM_EMISMATCH when one input ends before the other or mate names differ. */
int bm_paired_next(bm_paired_reader_t *p, bm_record_t *r1, bm_record_t *r2);

void bm_paired_close(bm_paired_reader_t *p);

/* True when two read names name mates of one pair (see bm_paired_open). */
int bm_mate_names_match(const char *a, size_t alen, const char *b, size_t blen);

/* ---- Output ------------------------------------------------------------------------------------
 */

typedef struct bm_sink bm_sink_t;

typedef struct {
    /* BM_COMPRESSION_NONE/GZIP/BGZF, or -1 to choose from the file name: ".gz" gzip, ".bgz" BGZF,
     * anything else plain. stdout is plain unless set. */
    int compression;
    int level; /* libdeflate level 0..12; 0 = default (6) */
} bm_sink_opts_t;

/* Opens an output ("-" or NULL = stdout). A file is written under "PATH.tmp" and renamed to PATH
 * by a successful bm_sink_close(); bm_sink_abort() removes it instead. */
int bm_sink_open(bm_sink_t **out, const char *path, const bm_sink_opts_t *opts);

/* Writes bytes (compressed as configured). Errors: BM_EIO, BM_ENOMEM. */
int bm_sink_write(bm_sink_t *s, const void *data, size_t len);

/* Flushes, finishes the compressed stream, and renames the temporary file into place. */
int bm_sink_close(bm_sink_t *s);

/* Discards the output: the temporary file is removed. NULL is allowed. */
void bm_sink_abort(bm_sink_t *s);

typedef struct bm_fastx_writer bm_fastx_writer_t;

/* Opens a FASTQ or FASTA writer (see bm_sink_open for paths and compression). FASTA sequences
 * are written on one line. */
int bm_fastx_writer_open(bm_fastx_writer_t **out, const char *path, bm_format_t format,
                         const bm_sink_opts_t *opts);

/* Writes one record; a FASTQ writer needs rec->qual. */
int bm_fastx_write(bm_fastx_writer_t *w, const bm_record_t *rec);

/* Finishes and renames into place (0), or returns an error and removes the partial output. */
int bm_fastx_writer_close(bm_fastx_writer_t *w);

/* Removes the partial output. NULL is allowed. */
void bm_fastx_writer_abort(bm_fastx_writer_t *w);

#ifdef __cplusplus
}
#endif
#endif
