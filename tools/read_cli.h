/* Options and the run shared by `biometal filter` and `biometal trim`: inputs and outputs (single,
 * two files or interleaved pairs), threads, quality offset, summary and JSON, exit codes. */
#ifndef BIOMETAL_TOOLS_READ_CLI_H
#define BIOMETAL_TOOLS_READ_CLI_H

#include "read_pipeline.h"
#include "read_report.h"

#include <getopt.h>

/* getopt codes of the shared long-only options (commands number theirs from 1100). */
enum { RC_OPT_INTERLEAVED = 1000, RC_OPT_JSON, RC_OPT_PHRED, RC_OPT_PHRED64 };

/* The shared options, to append to a command's table; and their short letters. */
#define READ_CLI_LONG_OPTIONS                                                                      \
    {"out", required_argument, NULL, 'o'}, {"out2", required_argument, NULL, 'O'},                 \
        {"threads", required_argument, NULL, '@'}, {"quiet", no_argument, NULL, 'Q'},              \
        {"interleaved", no_argument, NULL, RC_OPT_INTERLEAVED},                                    \
        {"json", required_argument, NULL, RC_OPT_JSON},                                            \
        {"phred", required_argument, NULL, RC_OPT_PHRED},                                          \
        {"phred64", no_argument, NULL, RC_OPT_PHRED64},                                            \
    {                                                                                              \
        "help", no_argument, NULL, 'h'                                                             \
    }
#define READ_CLI_SHORT_OPTIONS "o:O:@:Qh"

/* The --help lines of the shared options. */
#define READ_CLI_HELP                                                                              \
    "Input and output:\n"                                                                          \
    "  IN [IN2]               FASTQ/FASTA, plain, gzip or BGZF ('-' or none = stdin); IN2 holds\n" \
    "                         the second mates of IN's reads (pairs stay together)\n"              \
    "      --interleaved      IN holds pairs as consecutive records\n"                             \
    "  -o, --out FILE         output ('-' = stdout) [-]; .gz gzip, .bgz BGZF, otherwise plain\n"   \
    "  -O, --out2 FILE        second mates' output; without it pairs are written interleaved\n"    \
    "                         to --out\n"                                                          \
    "      --phred 33|64|auto quality offset [33]; auto guesses it from the first batch of "       \
    "reads\n"                                                                                      \
    "                         (64 only when no quality is below '@' and some are above 'J')\n"     \
    "      --phred64          the same as --phred 64\n"                                            \
    "  -@, --threads N        worker threads for the per-read work (0 = one per core) [1];\n"      \
    "                         reading/decompression and writing/compression have their own\n"      \
    "                         threads besides these\n"                                             \
    "  -Q, --quiet            no summary on stderr\n"                                              \
    "      --json FILE        the summary as JSON ('-' = stdout when --out is a file)\n"           \
    "  -h, --help             this help\n"

typedef struct {
    const char *command;
    rp_config_t cfg;
    const char *json;
    int quiet;
} read_cli_t;

/* Defaults: stdin to stdout, 1 worker, Phred+33. */
void read_cli_init(read_cli_t *rc, const char *command);

/* Handles option `c` if it is a shared one (not 'h'): returns 1 when handled, 0 when it is not a
 * shared option, -1 after printing the error for a bad value. */
int read_cli_option(read_cli_t *rc, int c, const char *arg);

/* Takes the inputs from argv[optind..argc) and checks the combination of options. Returns 0, or -1
 * after printing the error (bad usage). */
int read_cli_inputs(read_cli_t *rc, int argc, char **argv, int optind_);

/* Runs the pipeline with `decide`/`cmd`, prints the summary, writes the JSON; returns the exit
 * status (0, 1 bad input, 2 bad usage). */
int read_cli_run(read_cli_t *rc, const rr_layout_t *layout);

/* Parses a whole non-negative number into *out; 0 when invalid. */
int read_cli_size(const char *s, size_t *out);

/* Parses a finite number within [lo, hi] into *out; 0 when invalid. */
int read_cli_double(const char *s, double lo, double hi, double *out);

#endif
