/* Shared helpers of the cmocka unit tests: a seeded RNG, a per-run temporary directory, owned
 * record lists, random FASTQ/FASTA text, and an independent getline-based reference parser. */
#ifndef BIOMETAL_TEST_HELPERS_H
#define BIOMETAL_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "biometal/biometal.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- seed and random numbers ---- */

/* The seed of this run: $BIOMETAL_TEST_SEED or a fixed default. Printed in every failure
 * message of a randomised test (TH_CHECK). */
extern uint64_t th_seed;

typedef struct {
    uint64_t s;
} th_rng_t;

/* An RNG seeded from th_seed and a per-test salt, so tests do not depend on each other's order. */
th_rng_t th_rng(uint64_t salt);
uint64_t th_next(th_rng_t *r);
/* Uniform in [0, n). */
uint64_t th_below(th_rng_t *r, uint64_t n);

/* Fails the current test with a message that includes the seed. */
#define TH_CHECK(cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            print_error("seed %llu: ", (unsigned long long)th_seed);                               \
            print_error(__VA_ARGS__);                                                              \
            print_error("\n");                                                                     \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

/* ---- files ---- */

/* Group setup/teardown: create and remove the run's temporary directory, read the seed. */
int th_setup(void **state);
int th_teardown(void **state);

/* Writes "<tmpdir>/<name>" into out (PATH_MAX bytes) and returns out. */
char *th_path(char *out, const char *name);
void th_write_file(const char *path, const void *data, size_t len);
/* The whole file (NUL-terminated, malloc'd); *len set when len != NULL. NULL if unreadable. */
char *th_read_file(const char *path, size_t *len);
int th_exists(const char *path);
/* 1 when `cmd` is found on PATH. */
int th_have(const char *cmd);
/* Runs a shell command built with printf formatting; returns its exit status (-1 on failure). */
int th_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- records ---- */

typedef struct {
    char *name, *seq, *qual; /* qual NULL for FASTA */
    size_t name_len, seq_len;
    uint64_t number;
} th_rec_t;

typedef struct {
    th_rec_t *v;
    size_t n, cap;
} th_recs_t;

void th_recs_push(th_recs_t *rs, const char *name, size_t name_len, const char *seq, size_t seq_len,
                  const char *qual, uint64_t number);
void th_recs_push_rec(th_recs_t *rs, const bm_record_t *rec);
void th_recs_free(th_recs_t *rs);

/* Reads every record of an open reader into rs. Returns the last return of bm_fastx_next
 * (0 at a clean end, < 0 on error) and copies bm_last_error() into err (512 bytes) if not NULL. */
int th_read_all_reader(bm_fastx_reader_t *r, th_recs_t *rs, char *err);
/* Same for a path with options (opts may be NULL); returns the open error if opening fails. */
int th_read_all(const char *path, const bm_reader_opts_t *opts, th_recs_t *rs, char *err);
int th_read_all_memory(const char *data, size_t len, th_recs_t *rs, char *err);

/* Fails (with the seed and `what`) unless both lists hold the same names, sequences, qualities
 * and 1-based record numbers. */
void th_assert_recs_equal(const th_recs_t *want, const th_recs_t *got, const char *what);

/* `n` random records: names "r<i>" with a description on some, lengths 0..max_len (some 0),
 * bases from ACGTN in both cases, qualities '!'..'~' when fastq. */
void th_random_recs(th_rng_t *rng, th_recs_t *rs, size_t n, size_t max_len, int fastq);

/* Formats records as FASTQ (qual present) or FASTA text. `width` > 0 wraps FASTA sequences
 * (no line for an empty one); 0 writes each on one line, as the writer does. crlf uses "\r\n".
 * Returns a malloc'd buffer, length in *len. */
char *th_format(const th_recs_t *rs, int fastq, size_t width, int crlf, size_t *len);

/* The reference parser: plain FASTQ/FASTA read with getline, independent of the library. Lines
 * lose their "\n" / "\r\n"; blank lines between records are skipped; FASTA lines are joined. */
void th_ref_read(const char *path, th_recs_t *rs);

#endif
