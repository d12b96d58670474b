/* The options `filter` and `trim` share and their run: inputs/outputs, threads, quality offset,
 * the stderr summary and JSON, and the mapping of library errors to exit codes. */
#include "read_cli.h"

#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void read_cli_init(read_cli_t *rc, const char *command)
{
    memset(rc, 0, sizeof *rc);
    rc->command = command;
    rc->cfg.in1 = "-";
    rc->cfg.out1 = "-";
    rc->cfg.threads = 1;
    rc->cfg.qual_offset = 33;
}

int read_cli_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9') return 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != '\0' || errno) return 0;
    *out = (size_t)v;
    return 1;
}

int read_cli_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno || !isfinite(v) || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

int read_cli_option(read_cli_t *rc, int c, const char *arg)
{
    switch (c) {
    case 'o':
        rc->cfg.out1 = arg;
        return 1;
    case 'O':
        rc->cfg.out2 = arg;
        return 1;
    case '@':
        rc->cfg.threads = cli_parse_threads(arg);
        if (rc->cfg.threads < 1) {
            cli_error(rc->command, "invalid thread count '%s'", arg);
            return -1;
        }
        return 1;
    case 'Q':
        rc->quiet = 1;
        return 1;
    case RC_OPT_INTERLEAVED:
        rc->cfg.interleaved = 1;
        return 1;
    case RC_OPT_JSON:
        rc->json = arg;
        return 1;
    case RC_OPT_PHRED64:
        rc->cfg.qual_offset = 64;
        return 1;
    case RC_OPT_PHRED:
        if (!strcmp(arg, "33") || !strcmp(arg, "64") || !strcmp(arg, "auto")) {
            rc->cfg.qual_offset = !strcmp(arg, "auto") ? 0 : atoi(arg);
            return 1;
        }
        cli_error(rc->command, "--phred must be 33, 64 or auto, not '%s'", arg);
        return -1;
    default:
        return 0;
    }
}

static int is_stdio(const char *path)
{
    return !path || !strcmp(path, "-");
}

/* A file that would be written through a temporary copy (not stdout, a device or a pipe). */
static int is_regular_output(const char *path)
{
    struct stat st;
    return !is_stdio(path) && (stat(path, &st) != 0 || S_ISREG(st.st_mode));
}

int read_cli_inputs(read_cli_t *rc, int argc, char **argv, int optind_)
{
    rp_config_t *cfg = &rc->cfg;
    int n = argc - optind_;
    if (n > 2 || (n == 2 && cfg->interleaved)) {
        cli_error(rc->command, n > 2 ? "at most two inputs (IN and IN2)"
                                     : "--interleaved takes one input, not two");
        return -1;
    }
    if (n >= 1) cfg->in1 = argv[optind_];
    if (n == 2) cfg->in2 = argv[optind_ + 1];
    if (cfg->in2 && is_stdio(cfg->in1) && is_stdio(cfg->in2)) {
        cli_error(rc->command, "IN and IN2 cannot both be stdin");
        return -1;
    }
    if (cfg->out2 && !cfg->in2 && !cfg->interleaved) {
        cli_error(rc->command, "--out2 needs paired input (IN IN2, or --interleaved)");
        return -1;
    }
    if (cfg->out2 && is_stdio(cfg->out1) && is_stdio(cfg->out2)) {
        cli_error(rc->command, "--out and --out2 cannot both be stdout");
        return -1;
    }
    if (cfg->out2 && !strcmp(cfg->out1, cfg->out2) && is_regular_output(cfg->out1)) {
        cli_error(rc->command, "--out and --out2 name the same file");
        return -1;
    }
    int reads_to_stdout = is_stdio(cfg->out1) || (cfg->out2 && is_stdio(cfg->out2));
    if (rc->json && is_stdio(rc->json) && reads_to_stdout) {
        cli_error(rc->command, "--json - needs the reads written to files (--out)");
        return -1;
    }
    return 0;
}

int read_cli_run(read_cli_t *rc, const rr_layout_t *layout)
{
    rp_stats_t stats;
    int code = rp_run(&rc->cfg, &stats);
    if (code < 0) {
        cli_error(rc->command, "%s", bm_last_error());
        return code == BM_EINVAL ? EXIT_BAD_USAGE : EXIT_BAD_INPUT;
    }
    if (!rc->quiet) rr_print_text(stderr, layout, &stats);
    if (rc->json && rr_write_json(rc->json, layout, &rc->cfg, &stats) < 0) return EXIT_BAD_INPUT;
    return EXIT_OK;
}
