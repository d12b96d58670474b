/* The engine shared by `biometal filter` and `biometal trim`: reads single or paired FASTQ/FASTA in
 * batches, lets worker threads decide what to keep of each read, writes the kept reads in order. */
#ifndef BIOMETAL_TOOLS_READ_PIPELINE_H
#define BIOMETAL_TOOLS_READ_PIPELINE_H

#include "biometal/biometal.h"

#include <stddef.h>
#include <stdint.h>

enum { RP_MAX_REASONS = 8, RP_MAX_STEPS = 8 };

/* One read as a command's decision function sees it (views into the batch). */
typedef struct {
    const char *name; /* header line after '@' or '>' */
    size_t name_len;
    const char *seq;
    const char *qual; /* NULL for FASTA */
    size_t len;
    uint64_t number; /* record number in its input */
} rp_read_t;

/* State of one worker thread, passed to every decision it makes. */
typedef struct {
    int qual_offset;                /* 33 or 64: fixed before the first decision */
    uint64_t trimmed[RP_MAX_STEPS]; /* bases a command removed, per step (summed by the engine) */
    char *scratch;                  /* a per-worker buffer for rp_scratch() */
    size_t scratch_cap;
} rp_worker_t;

/* The part of a read that is kept: bases [begin, end). */
typedef struct {
    size_t begin, end;
} rp_cut_t;

/* A command's decision for one read (r2 NULL) or one pair: sets cut[0] (and cut[1] for mate 2) to
 * the bases left after trimming, and returns 0 to keep the read or pair, or a reason
 * 1..RP_MAX_REASONS-1 to drop it. Called on worker threads, concurrently. */
typedef int (*rp_decide_fn)(const void *cmd, rp_worker_t *w, const rp_read_t *r1,
                            const rp_read_t *r2, rp_cut_t cut[2]);

/* A buffer of at least `n` bytes owned by the worker (valid until the next call); NULL when out of
 * memory. */
char *rp_scratch(rp_worker_t *w, size_t n);

typedef struct {
    const char *in1;  /* "-" = stdin */
    const char *in2;  /* second mates, or NULL */
    int interleaved;  /* in1 holds pairs as consecutive records */
    const char *out1; /* "-" = stdout; compression from the name (.gz, .bgz) */
    const char *out2; /* second mates, or NULL: with pairs, both mates go to out1 */
    int threads;      /* worker threads, >= 1 */
    int qual_offset;  /* 33, 64, or 0 to guess it from the first batch */
    /* The option that needs qualities (for the message refusing FASTA input), or NULL. */
    const char *needs_quality;
    rp_decide_fn decide;
    const void *cmd; /* passed to decide */
} rp_config_t;

typedef struct {
    uint64_t reads_in, reads_out, bases_in, bases_out;
    uint64_t pairs_in, pairs_out;     /* 0 for single reads */
    uint64_t bases_dropped;           /* bases (after trimming) of the reads dropped */
    uint64_t dropped[RP_MAX_REASONS]; /* reads dropped, by reason (a pair counts 2) */
    uint64_t trimmed[RP_MAX_STEPS];   /* bases trimmed, by step */
    int qual_offset;                  /* the offset used (guessed or given) */
    bm_format_t format;               /* of the input; BM_FORMAT_UNKNOWN when it was empty */
    double seconds;                   /* wall-clock time of the run */
} rp_stats_t;

/* Runs the pipeline to the end. Returns 0, or a negative BM_E* code with bm_last_error() naming
 * the file, the record and the problem; on error every output is removed (stdout excepted). */
int rp_run(const rp_config_t *cfg, rp_stats_t *stats);

#endif
