/* `biometal filter`: keeps the reads (or pairs) that pass length, N, mean-quality, expected-error
 * and complexity limits with the definitions of seqkit seq, fastp and vsearch. */
#include "biometal/biometal.h"
#include "cli.h"
#include "mean_quality.h"
#include "read_cli.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Drop reasons, in the order the checks run (a read failing several counts under the first). */
enum { TOO_SHORT = 1, TOO_LONG, TOO_MANY_N, LOW_MEAN_QUALITY, TOO_MANY_ERRORS, LOW_COMPLEXITY };

enum { OPT_COMPLEXITY = 1100 };

typedef struct {
    size_t min_len, max_len; /* max_len SIZE_MAX: no limit */
    int check_n;
    uint64_t max_n;
    int check_qual, check_ee, check_complexity;
    double min_qual, max_ee, min_complexity; /* min_complexity as a fraction */
    seqkit_min_quality_t qual_limit;
} filter_opts_t;

static void filter_usage(FILE *out)
{
    fprintf(
        out,
        "Usage: biometal filter [options] IN [IN2]\n\n"
        "Keep the reads that pass every limit given; a pair is kept only when both mates pass.\n"
        "Kept reads are written unchanged, in input order.\n\n"
        "Limits:\n"
        "  -l, --min-len N        length >= N (as seqkit seq -m)\n"
        "  -L, --max-len N        length <= N (as seqkit seq -M)\n"
        "  -n, --max-n N          at most N bases N or n (as fastp -n)\n"
        "  -q, --min-qual Q       mean quality >= Q as seqkit seq -Q defines it: -10 log10 of\n"
        "                         the mean error probability 10^(-q/10) of the bases (so a few\n"
        "                         bad bases weigh more than in an average of Phred scores)\n"
        "  -e, --max-ee E         expected errors (sum of 10^(-q/10)) <= E (as vsearch\n"
        "                         --fastq_maxee)\n"
        "      --complexity P     fastp's low-complexity filter (-y -Y P): at least P%% of\n"
        "                         adjacent base pairs differ; reads shorter than 2 fail\n\n"
        "A read failing several limits counts under the first of: length, N, mean quality,\n"
        "expected errors, complexity. -q and -e need FASTQ input.\n\n" READ_CLI_HELP
        "\nSummary on stderr: reads and bases in and out, reads dropped per limit, time.\n"
        "JSON keys: command, version, inputs, outputs, paired, format, quality_offset,\n"
        "threads, reads_in, reads_out, pairs_in, pairs_out, bases_in, bases_out,\n"
        "bases_dropped, dropped_reads {too_short, too_long, too_many_n, low_mean_quality,\n"
        "too_many_expected_errors, low_complexity}, seconds. A dropped pair counts 2 reads.\n"
        "\nExit status: 0 ok, 1 bad input (nothing is left of the outputs), 2 bad usage.\n");
}

static int filter_read(const filter_opts_t *o, const rp_worker_t *w, const rp_read_t *r)
{
    if (r->len < o->min_len) return TOO_SHORT;
    if (r->len > o->max_len) return TOO_LONG;
    if (o->check_n) {
        bm_base_counts_t c;
        bm_count_bases(r->seq, r->len, &c);
        if (c.n > o->max_n) return TOO_MANY_N;
    }
    if (o->check_qual || o->check_ee) {
        bm_qual_summary_t s;
        bm_quality_summary(r->qual, r->len, w->qual_offset, 1, &s);
        if (o->check_qual && !seqkit_min_quality_passes(&o->qual_limit, r->qual, r->len,
                                                        w->qual_offset, s.expected_errors))
            return LOW_MEAN_QUALITY;
        if (o->check_ee && s.expected_errors > o->max_ee) return TOO_MANY_ERRORS;
    }
    if (o->check_complexity && (r->len < 2 || bm_complexity(r->seq, r->len) < o->min_complexity))
        return LOW_COMPLEXITY;
    return 0;
}

/* A pair is kept when both mates pass; it counts under mate 1's reason, else mate 2's. */
static int filter_decide(const void *cmd, rp_worker_t *w, const rp_read_t *r1, const rp_read_t *r2,
                         rp_cut_t cut[2])
{
    const filter_opts_t *o = cmd;
    cut[0] = (rp_cut_t){0, r1->len};
    int why = filter_read(o, w, r1);
    if (r2) {
        cut[1] = (rp_cut_t){0, r2->len};
        if (why == 0) why = filter_read(o, w, r2);
    }
    return why;
}

static int bad_value(const char *opt, const char *arg, const char *want)
{
    cli_error("filter", "%s needs %s, not '%s'", opt, want, arg);
    return EXIT_BAD_USAGE;
}

int cmd_filter(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"min-len", required_argument, NULL, 'l'},
        {"max-len", required_argument, NULL, 'L'},
        {"max-n", required_argument, NULL, 'n'},
        {"min-qual", required_argument, NULL, 'q'},
        {"max-ee", required_argument, NULL, 'e'},
        {"complexity", required_argument, NULL, OPT_COMPLEXITY},
        READ_CLI_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    filter_opts_t o = {.max_len = SIZE_MAX};
    read_cli_t rc;
    read_cli_init(&rc, "filter");
    size_t n;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "l:L:n:q:e:" READ_CLI_SHORT_OPTIONS, longopts, NULL)) !=
           -1) {
        switch (c) {
        case 'l':
            if (!read_cli_size(optarg, &o.min_len)) return bad_value("-l", optarg, "a length");
            break;
        case 'L':
            if (!read_cli_size(optarg, &o.max_len)) return bad_value("-L", optarg, "a length");
            break;
        case 'n':
            if (!read_cli_size(optarg, &n)) return bad_value("-n", optarg, "a count");
            o.check_n = 1;
            o.max_n = n;
            break;
        case 'q':
            if (!read_cli_double(optarg, 0, 1000, &o.min_qual))
                return bad_value("-q", optarg, "a quality >= 0");
            o.check_qual = 1;
            seqkit_min_quality_init(&o.qual_limit, o.min_qual);
            break;
        case 'e':
            if (!read_cli_double(optarg, 0, 1e12, &o.max_ee))
                return bad_value("-e", optarg, "a number >= 0");
            o.check_ee = 1;
            break;
        case OPT_COMPLEXITY:
            if (!read_cli_double(optarg, 0, 100, &o.min_complexity))
                return bad_value("--complexity", optarg, "a percentage 0..100");
            o.min_complexity /= 100.0; /* as fastp: the percentage over 100.0 */
            o.check_complexity = 1;
            break;
        case 'h':
            filter_usage(stdout);
            return EXIT_OK;
        default: {
            int handled = read_cli_option(&rc, c, optarg);
            if (handled < 0) return EXIT_BAD_USAGE;
            if (handled == 0) {
                filter_usage(stderr);
                return EXIT_BAD_USAGE;
            }
        }
        }
    }
    if (o.min_len > o.max_len) {
        cli_error("filter", "-l %zu is above -L %zu", o.min_len, o.max_len);
        return EXIT_BAD_USAGE;
    }
    if (read_cli_inputs(&rc, argc, argv, optind) < 0) return EXIT_BAD_USAGE;
    rc.cfg.decide = filter_decide;
    rc.cfg.cmd = &o;
    rc.cfg.needs_quality = o.check_qual ? "-q" : o.check_ee ? "-e" : NULL;
    rr_layout_t layout = {.command = "filter"};
    layout.reasons[TOO_SHORT] = (rr_field_t){"too_short", "too short (-l)", o.min_len > 0};
    layout.reasons[TOO_LONG] = (rr_field_t){"too_long", "too long (-L)", o.max_len < SIZE_MAX};
    layout.reasons[TOO_MANY_N] = (rr_field_t){"too_many_n", "too many N (-n)", o.check_n};
    layout.reasons[LOW_MEAN_QUALITY] =
        (rr_field_t){"low_mean_quality", "low mean quality (-q)", o.check_qual};
    layout.reasons[TOO_MANY_ERRORS] =
        (rr_field_t){"too_many_expected_errors", "too many expected errors (-e)", o.check_ee};
    layout.reasons[LOW_COMPLEXITY] =
        (rr_field_t){"low_complexity", "low complexity (--complexity)", o.check_complexity};
    return read_cli_run(&rc, &layout);
}
