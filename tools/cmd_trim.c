/* `biometal trim`: fixed, quality, poly-G, adapter and poly-X trimming in fastp's order, each as
 * the tool that defines it (fastp, cutadapt, seqtk), then a minimum length for reads and pairs. */
#include "biometal/biometal.h"
#include "cli.h"
#include "read_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Steps, in the order they run, and the one drop reason. */
enum { STEP_FIXED, STEP_MOTT, STEP_QUALITY, STEP_WINDOW, STEP_POLY_G, STEP_ADAPTER, STEP_POLY_X };
enum { TOO_SHORT = 1 };

enum {
    OPT_HEAD = 1100,
    OPT_TAIL,
    OPT_MOTT,
    OPT_WINDOW,
    OPT_POLY_G,
    OPT_POLY_X,
    OPT_ADAPTER,
    OPT_DETECT_ADAPTER
};

typedef struct {
    size_t head, tail;
    int mott;
    double mott_err;
    size_t mott_keep;
    int quality, quality_front, quality_back;
    size_t window;
    int window_quality;
    size_t poly_g, poly_x; /* minimum tail lengths; 0 = off */
    const char *adapter;   /* --adapter SEQ, or the one detected */
    size_t adapter_len;
    int detect_adapter;
    int quiet;
    size_t min_len;
} trim_opts_t;

static void trim_usage(FILE *out)
{
    fprintf(
        out,
        "Usage: biometal trim [options] IN [IN2]\n\n"
        "Trim reads, then drop those shorter than --min-len; a pair is dropped when either mate\n"
        "is. Mates are trimmed independently. The steps run in fastp's order:\n"
        "  1. --head/--tail  2. quality: --mott, -q, --window  3. --poly-g  4. adapter\n"
        "  5. --poly-x  6. --min-len\n"
        "each on what the steps before it left.\n\n"
        "Steps:\n"
        "      --head N           remove N bases from the 5' end (fastp -f)\n"
        "      --tail N           remove N bases from the 3' end (fastp -t)\n"
        "      --mott ERR[,KEEP]  modified Mott trimming as seqtk trimfq -q ERR -l KEEP: keep the\n"
        "                         stretch maximising the sum of ERR - P(error), never fewer than\n"
        "                         KEEP bases [KEEP 30, seqtk's default; 0 = pure Mott]\n"
        "  -q, --quality [F,]B    BWA quality trimming as cutadapt -q [F,]B: the 3' end with\n"
        "                         cutoff B, the 5' end with F when given\n"
        "      --window W:Q       sliding window from the 5' end as fastp --cut_right: cut at the\n"
        "                         first W-base window with mean quality below Q\n"
        "      --poly-g [N]       poly-G tails of at least N bases as fastp --trim_poly_g [10]\n"
        "      --poly-x [N]       poly-X tails (any base) as fastp --trim_poly_x [10]\n"
        "      --adapter SEQ      cut reads where the 3' adapter SEQ begins, as fastp\n"
        "                         --adapter_sequence (up to one mismatch per 8 bases; both "
        "mates);\n"
        "                         pairs are first cut to their insert where the mates overlap\n"
        "      --detect-adapter   single reads: find the adapter in the first 256Ki reads as\n"
        "                         fastp does (needs a file); pairs: the overlap rule alone\n"
        "  -l, --min-len N        drop reads shorter than N after trimming [1: empty reads are\n"
        "                         dropped; 0 keeps them, as cutadapt does]\n\n" READ_CLI_HELP
        "\nSummary on stderr: reads and bases in and out, bases trimmed per step, reads dropped,\n"
        "time. JSON keys: command, version, inputs, outputs, paired, format, quality_offset,\n"
        "threads, reads_in, reads_out, pairs_in, pairs_out, bases_in, bases_out, bases_dropped\n"
        "(bases left in dropped reads), dropped_reads {too_short}, trimmed_bases {fixed, mott,\n"
        "quality, window, poly_g, adapter, poly_x}, seconds; bases_in = bases_out +\n"
        "bases_dropped + the sum of trimmed_bases.\n"
        "\nExit status: 0 ok, 1 bad input (nothing is left of the outputs), 2 bad usage.\n");
}

/* ---- Per-read steps ------------------------------------------------------------------------- */

/* Applies a step's result [b, e) (relative to the current region) and counts what it removed. */
static void narrow(rp_worker_t *w, int step, rp_cut_t *c, size_t b, size_t e)
{
    w->trimmed[step] += (c->end - c->begin) - (e - b);
    c->end = c->begin + e;
    c->begin += b;
}

/* seqtk's Mott trimming reads Phred+33: other offsets are shifted into a scratch copy. */
static void mott(const trim_opts_t *o, rp_worker_t *w, const char *qual, size_t len, size_t *b,
                 size_t *e)
{
    if (w->qual_offset != 33) {
        char *q33 = rp_scratch(w, len + 1);
        if (!q33) { /* out of memory: leave the read as it is rather than guess */
            *b = 0;
            *e = len;
            return;
        }
        for (size_t i = 0; i < len; i++) {
            int c = (unsigned char)qual[i] - w->qual_offset + 33;
            q33[i] = (char)(c < 33 ? 33 : c);
        }
        qual = q33;
    }
    bm_trim_mott(qual, len, o->mott_err, o->mott_keep, b, e);
}

/* Steps 1-3 on one read: fixed, quality (Mott, BWA, window), poly-G. */
static void trim_front(const trim_opts_t *o, rp_worker_t *w, const rp_read_t *r, rp_cut_t *c)
{
    size_t b, e;
    if (o->head || o->tail) {
        bm_trim_fixed(r->len, o->head, o->tail, &b, &e);
        narrow(w, STEP_FIXED, c, b, e);
    }
    if (o->mott) {
        mott(o, w, r->qual + c->begin, c->end - c->begin, &b, &e);
        narrow(w, STEP_MOTT, c, b, e);
    }
    if (o->quality) {
        bm_trim_bwa(r->qual + c->begin, c->end - c->begin, w->qual_offset, o->quality_front,
                    o->quality_back, &b, &e);
        narrow(w, STEP_QUALITY, c, b, e);
    }
    if (o->window) {
        bm_trim_sliding_window(r->qual + c->begin, c->end - c->begin, w->qual_offset, o->window,
                               o->window_quality, &b, &e);
        narrow(w, STEP_WINDOW, c, b, e);
    }
    if (o->poly_g) {
        bm_trim_poly_tail(r->seq + c->begin, c->end - c->begin, 'G', o->poly_g, &e);
        narrow(w, STEP_POLY_G, c, 0, e);
    }
}

/* Step 5 on one read: poly-X. */
static void trim_back(const trim_opts_t *o, rp_worker_t *w, const rp_read_t *r, rp_cut_t *c)
{
    if (o->poly_x) {
        size_t e;
        bm_trim_poly_x(r->seq + c->begin, c->end - c->begin, o->poly_x, &e);
        narrow(w, STEP_POLY_X, c, 0, e);
    }
}

/* ---- Adapter trimming: the one place where the adapter module plugs in ---------------------- */

/* Reads used to detect the adapter of single reads (fastp looks at up to 256Ki reads). */
#define DETECT_READS ((size_t)1 << 18)

/* Prepares step 4 before the run. --detect-adapter on single reads reads the first reads of the
 * input (a file: stdin cannot be read twice) and looks for an adapter as fastp does; on pairs the
 * step finds the insert from the mates' overlap, fastp's default for pairs. Returns 0, or -1
 * after printing the error. */
static int adapter_prepare(trim_opts_t *o, const rp_config_t *cfg, char *found, size_t cap)
{
    if (o->adapter) {
        o->adapter_len = strlen(o->adapter);
        if (o->adapter_len == 0) {
            cli_error("trim", "--adapter needs a sequence");
            return -1;
        }
        return 0;
    }
    if (!o->detect_adapter || cfg->in2 || cfg->interleaved) return 0;
    if (!strcmp(cfg->in1, "-")) {
        cli_error("trim", "--detect-adapter on single reads needs a file (stdin cannot be read "
                          "twice); give the adapter with --adapter");
        return -1;
    }
    bm_fastx_reader_t *r = NULL;
    bm_batch_t b;
    bm_batch_init(&b);
    int rc = bm_fastx_open(&r, cfg->in1, NULL);
    if (rc == 0) rc = bm_fastx_next_batch(r, &b, DETECT_READS, 0);
    if (rc >= 0) rc = bm_detect_adapter(&b, BM_ADAPTER_DETECT_MIN_READS, found, cap);
    bm_fastx_close(r);
    size_t reads = b.count;
    bm_batch_free(&b);
    if (rc < 0) {
        cli_error("trim", "%s", bm_last_error());
        return -1;
    }
    if (rc > 0) {
        o->adapter = found;
        o->adapter_len = (size_t)rc;
    }
    if (!o->quiet)
        fprintf(stderr, "biometal trim: %s%s (from the first %zu reads)\n",
                rc > 0 ? "adapter detected: " : "no adapter detected", rc > 0 ? found : "", reads);
    return 0;
}

/* Step 4 on a read (r2 NULL) or a pair, on what steps 1-3 left (cut[0], cut[1]); removed bases
 * go to w->trimmed[STEP_ADAPTER] through narrow(). As fastp: a pair is first cut where the mates'
 * overlap shows an insert shorter than the reads; otherwise (and for single reads) each read is
 * cut where the adapter begins (--adapter: the same sequence for both mates). */
static void adapter_step(const trim_opts_t *o, rp_worker_t *w, const rp_read_t *r1,
                         const rp_read_t *r2, rp_cut_t cut[2])
{
    if (r2) {
        size_t e1, e2;
        /* BM_ENOMEM (mate 2 over 1024 bases and no memory) leaves the pair to the next rule */
        if (bm_trim_pair_overlap(r1->seq + cut[0].begin, cut[0].end - cut[0].begin,
                                 r2->seq + cut[1].begin, cut[1].end - cut[1].begin, NULL, &e1,
                                 &e2) == 1) {
            narrow(w, STEP_ADAPTER, &cut[0], 0, e1);
            narrow(w, STEP_ADAPTER, &cut[1], 0, e2);
            return;
        }
    }
    if (!o->adapter) return;
    const rp_read_t *r[2] = {r1, r2};
    for (int m = 0; m < (r2 ? 2 : 1); m++) {
        size_t e = bm_trim_adapter(r[m]->seq + cut[m].begin, cut[m].end - cut[m].begin, o->adapter,
                                   o->adapter_len, NULL);
        narrow(w, STEP_ADAPTER, &cut[m], 0, e);
    }
}

/* ---- The decision ---------------------------------------------------------------------------- */

/* Mates are trimmed one by one except at the adapter step; a pair is dropped when either mate
 * ends up shorter than --min-len. */
static int trim_decide(const void *cmd, rp_worker_t *w, const rp_read_t *r1, const rp_read_t *r2,
                       rp_cut_t cut[2])
{
    const trim_opts_t *o = cmd;
    const rp_read_t *r[2] = {r1, r2};
    const int mates = r2 ? 2 : 1;
    for (int m = 0; m < mates; m++) {
        cut[m] = (rp_cut_t){0, r[m]->len};
        trim_front(o, w, r[m], &cut[m]);
    }
    if (o->adapter || o->detect_adapter) adapter_step(o, w, r1, r2, cut);
    int why = 0;
    for (int m = 0; m < mates; m++) {
        trim_back(o, w, r[m], &cut[m]);
        if (cut[m].end - cut[m].begin < o->min_len) why = TOO_SHORT;
    }
    return why;
}

/* ---- Options --------------------------------------------------------------------------------- */

static int bad_value(const char *opt, const char *arg, const char *want)
{
    cli_error("trim", "%s needs %s, not '%s'", opt, want, arg);
    return EXIT_BAD_USAGE;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    size_t v;
    if (!read_cli_size(s, &v) || v < (size_t)lo || v > (size_t)hi) return 0;
    *out = (int)v;
    return 1;
}

/* "-q B" or "-q F,B" (cutadapt). */
static int parse_quality(const char *s, trim_opts_t *o)
{
    char buf[64];
    if (strlen(s) >= sizeof buf) return 0;
    strcpy(buf, s);
    char *comma = strchr(buf, ',');
    o->quality_front = 0;
    if (comma) {
        *comma = '\0';
        if (!parse_int(buf, 0, 93, &o->quality_front)) return 0;
    }
    return parse_int(comma ? comma + 1 : buf, 0, 93, &o->quality_back);
}

/* "--mott ERR" or "--mott ERR,KEEP" (seqtk trimfq -q ERR -l KEEP). */
static int parse_mott(const char *s, trim_opts_t *o)
{
    char buf[64];
    if (strlen(s) >= sizeof buf) return 0;
    strcpy(buf, s);
    char *comma = strchr(buf, ',');
    o->mott_keep = 30;
    if (comma) {
        *comma = '\0';
        if (!read_cli_size(comma + 1, &o->mott_keep)) return 0;
    }
    return read_cli_double(buf, 0, 1, &o->mott_err) && o->mott_err > 0;
}

/* "--window W:Q" (fastp --cut_right_window_size W --cut_right_mean_quality Q). */
static int parse_window(const char *s, trim_opts_t *o)
{
    char buf[64];
    if (strlen(s) >= sizeof buf) return 0;
    strcpy(buf, s);
    char *colon = strchr(buf, ':');
    if (!colon) return 0;
    *colon = '\0';
    return read_cli_size(buf, &o->window) && o->window >= 1 && o->window <= 1000 &&
           parse_int(colon + 1, 0, 93, &o->window_quality);
}

/* --poly-g / --poly-x take an optional minimum length, attached (--poly-g=12) or as the next
 * word when that is a number (--poly-g 12). */
static int parse_poly(const char *opt, const char *arg, int argc, char **argv, size_t *out)
{
    if (!arg && optind < argc && argv[optind][0] >= '0' && argv[optind][0] <= '9' &&
        strspn(argv[optind], "0123456789") == strlen(argv[optind]))
        arg = argv[optind++];
    *out = 10;
    if (arg && (!read_cli_size(arg, out) || *out < 1 || *out > 1000)) {
        bad_value(opt, arg, "a length 1..1000");
        return 0;
    }
    return 1;
}

static int trim_option(trim_opts_t *o, int c, int argc, char **argv)
{
    switch (c) {
    case OPT_HEAD:
        return read_cli_size(optarg, &o->head) ? 1 : -bad_value("--head", optarg, "a count");
    case OPT_TAIL:
        return read_cli_size(optarg, &o->tail) ? 1 : -bad_value("--tail", optarg, "a count");
    case OPT_MOTT:
        o->mott = 1;
        return parse_mott(optarg, o) ? 1
                                     : -bad_value("--mott", optarg, "ERR[,KEEP] (0 < ERR <= 1)");
    case 'q':
        o->quality = 1;
        return parse_quality(optarg, o) ? 1 : -bad_value("-q", optarg, "[F,]B, qualities 0..93");
    case OPT_WINDOW:
        return parse_window(optarg, o) ? 1
                                       : -bad_value("--window", optarg, "W:Q (W 1..1000, Q 0..93)");
    case OPT_POLY_G:
        return parse_poly("--poly-g", optarg, argc, argv, &o->poly_g) ? 1 : -EXIT_BAD_USAGE;
    case OPT_POLY_X:
        return parse_poly("--poly-x", optarg, argc, argv, &o->poly_x) ? 1 : -EXIT_BAD_USAGE;
    case OPT_ADAPTER:
        o->adapter = optarg;
        return 1;
    case OPT_DETECT_ADAPTER:
        o->detect_adapter = 1;
        return 1;
    case 'l':
        return read_cli_size(optarg, &o->min_len) ? 1 : -bad_value("-l", optarg, "a length");
    default:
        return 0;
    }
}

static rr_layout_t trim_layout(const trim_opts_t *o)
{
    rr_layout_t l = {.command = "trim", .has_steps = 1};
    l.reasons[TOO_SHORT] = (rr_field_t){"too_short", "too short (-l)", 1};
    l.steps[STEP_FIXED] = (rr_field_t){"fixed", "fixed (--head/--tail)", o->head || o->tail};
    l.steps[STEP_MOTT] = (rr_field_t){"mott", "Mott (--mott)", o->mott};
    l.steps[STEP_QUALITY] = (rr_field_t){"quality", "quality (-q)", o->quality};
    l.steps[STEP_WINDOW] = (rr_field_t){"window", "window (--window)", o->window > 0};
    l.steps[STEP_POLY_G] = (rr_field_t){"poly_g", "poly-G (--poly-g)", o->poly_g > 0};
    l.steps[STEP_ADAPTER] =
        (rr_field_t){"adapter", "adapter (or overlap)", o->adapter || o->detect_adapter};
    l.steps[STEP_POLY_X] = (rr_field_t){"poly_x", "poly-X (--poly-x)", o->poly_x > 0};
    return l;
}

int cmd_trim(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"head", required_argument, NULL, OPT_HEAD},
        {"tail", required_argument, NULL, OPT_TAIL},
        {"mott", required_argument, NULL, OPT_MOTT},
        {"quality", required_argument, NULL, 'q'},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"poly-g", optional_argument, NULL, OPT_POLY_G},
        {"poly-x", optional_argument, NULL, OPT_POLY_X},
        {"adapter", required_argument, NULL, OPT_ADAPTER},
        {"detect-adapter", no_argument, NULL, OPT_DETECT_ADAPTER},
        {"min-len", required_argument, NULL, 'l'},
        READ_CLI_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    trim_opts_t o = {.min_len = 1};
    read_cli_t rc;
    read_cli_init(&rc, "trim");
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "q:l:" READ_CLI_SHORT_OPTIONS, longopts, NULL)) != -1) {
        if (c == 'h') {
            trim_usage(stdout);
            return EXIT_OK;
        }
        int handled = trim_option(&o, c, argc, argv);
        if (handled == 0) handled = read_cli_option(&rc, c, optarg);
        if (handled < 0) return EXIT_BAD_USAGE;
        if (handled == 0) {
            trim_usage(stderr);
            return EXIT_BAD_USAGE;
        }
    }
    if (o.adapter && o.detect_adapter) {
        cli_error("trim", "--adapter and --detect-adapter exclude each other");
        return EXIT_BAD_USAGE;
    }
    if (read_cli_inputs(&rc, argc, argv, optind) < 0) return EXIT_BAD_USAGE;
    char found[BM_ADAPTER_MAX_LEN + 1];
    o.quiet = rc.quiet;
    if (adapter_prepare(&o, &rc.cfg, found, sizeof found) < 0) return EXIT_BAD_USAGE;
    rc.cfg.decide = trim_decide;
    rc.cfg.cmd = &o;
    rc.cfg.needs_quality = o.mott ? "--mott" : o.quality ? "-q" : o.window ? "--window" : NULL;
    rr_layout_t layout = trim_layout(&o);
    return read_cli_run(&rc, &layout);
}
