/* `biometal align`: pairwise alignment of FASTA/FASTQ queries against targets (every query against
 * every target, or query i with target i), printed as TSV, SAM or PAF. Work is in the library. */
#include "biometal/biometal.h"
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void align_usage(FILE *out)
{
    fprintf(
        out,
        "Usage: biometal align [options] QUERIES TARGETS\n\n"
        "Aligns every query to every target (query i to target i with --pairs) and prints one\n"
        "line per alignment. Inputs are FASTA or FASTQ, plain, gzip or BGZF ('-' = stdin for\n"
        "one of them). A gap of length k costs OPEN + (k-1) * EXTEND.\n\n"
        "Options:\n"
        "  -m, --mode MODE          local, global, semi (query end to end, target ends "
        "free),\n"
        "                           extend (from both starts, free end) [local]\n"
        "  -A, --match N            DNA match score [2]\n"
        "  -B, --mismatch N         DNA mismatch penalty (4 and -4 mean the same) [4]\n"
        "      --n-penalty N        penalty for N and every other non-ACGT letter [1]\n"
        "  -X, --matrix NAME|FILE   substitution matrix instead of DNA scoring: %s,\n"
        "                           or an NCBI-format matrix file\n"
        "  -O, --gap-open N         cost of a gap's first letter [6; 11 with --matrix]\n"
        "  -E, --gap-extend N       cost of each further gap letter [2; 1 with --matrix]\n"
        "  -w, --band N             only cells within N diagonals of the start [none]\n"
        "  -z, --zdrop N            extend: stop when the score falls N below the best "
        "(ksw2 z-drop)\n"
        "      --xdrop N            extend: stop when a column's best falls N below the best\n"
        "  -p, --pairs              align query i with target i (equal record counts)\n"
        "  -c, --cigar              compute CIGARs (always for sam and paf)\n"
        "      --cigar-m            write aligned letters as M instead of = and X\n"
        "  -f, --format FMT         tsv, sam or paf [tsv]\n"
        "  -H, --no-header          tsv: no header line\n"
        "  -o, --out FILE           output file ('-' = stdout; .gz compresses) [-]\n"
        "  -@, --threads N          alignment threads (0 = all cores) [1]\n"
        "  -d, --device DEV         auto, cpu, cuda, cuda:N or cuda:N,M,... (the batch split\n"
        "                           over those GPUs) [auto]: auto uses the first GPU when\n"
        "                           one is present and the options are ones it covers (not\n"
        "                           extend, no band); a GPU that fails is named once on stderr\n"
        "                           and the CPU takes over. Results are identical either way.\n"
        "  -h, --help               this help\n\n"
        "tsv columns: query, target, score, query_start, query_end, target_start, "
        "target_end,\n"
        "cigar (0-based, ends exclusive; '*' without --cigar or for an empty alignment).\n"
        "Names are the first word of each header. Ties: the highest score, then the smallest\n"
        "target end, then the smallest query end; gaps are placed leftmost.\n",
        bm_scoring_builtin_names());
}

/* ---- output text ---------------------------------------------------------------------------- */

typedef struct {
    char *p;
    size_t len, cap;
} text_t;

static int text_reserve(text_t *t, size_t more)
{
    if (t->cap - t->len > more) return 0;
    size_t cap = t->cap ? t->cap : 1 << 16;
    while (cap - t->len <= more) cap *= 2;
    char *p = realloc(t->p, cap);
    if (!p) return bm_error(BM_ENOMEM, "out of memory for output");
    t->p = p;
    t->cap = cap;
    return 0;
}

static int text_put(text_t *t, const char *s, size_t n)
{
    if (text_reserve(t, n) < 0) return BM_ENOMEM;
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
    return 0;
}

static int text_printf(text_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int text_printf(text_t *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0 || text_reserve(t, (size_t)need) < 0) return BM_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)need;
    return 0;
}

static int text_cigar(text_t *t, const uint32_t *ops, size_t n)
{
    size_t need = bm_cigar_to_string(ops, n, NULL, 0);
    if (text_reserve(t, need) < 0) return BM_ENOMEM;
    bm_cigar_to_string(ops, n, t->p + t->len, t->cap - t->len);
    t->len += need;
    return 0;
}

/* A record's name up to the first blank. */
static size_t first_word(const bm_batch_t *b, size_t i, const char **name)
{
    *name = b->data + b->name_off[i];
    size_t n = 0;
    while (n < b->name_len[i] && (*name)[n] != ' ' && (*name)[n] != '\t') n++;
    return n;
}

/* ---- one run -------------------------------------------------------------------------------- */

typedef enum { FMT_TSV, FMT_SAM, FMT_PAF } format_t;

typedef enum { DEV_AUTO, DEV_CPU, DEV_CUDA } device_t;

typedef struct {
    format_t format;
    int pairs, threads, header;
    device_t device;
    int gpu;      /* the first CUDA device used for the next chunk, or -1: the CPU */
    int devs[16]; /* --device cuda:A,B,...: the batch is split over these */
    int ndev;
    const char *qpath, *tpath;
    bm_aligner_t *al;
    bm_sink_t *sink;
    text_t out;
    bm_batch_t targets;
    bm_align_result_t *res;
    size_t res_cap;
    bm_cigar_buf_t cigars;
    uint64_t queries_seen;
} run_t;

static int flush(run_t *r)
{
    int rc = r->out.len ? bm_sink_write(r->sink, r->out.p, r->out.len) : 0;
    r->out.len = 0;
    return rc;
}

static int emit_tsv(run_t *r, const bm_batch_t *qb, size_t qi, size_t ti,
                    const bm_align_result_t *a)
{
    const char *qn, *tn;
    size_t ql = first_word(qb, qi, &qn), tl = first_word(&r->targets, ti, &tn);
    int rc = text_printf(&r->out, "%.*s\t%.*s\t%d\t%d\t%d\t%d\t%d\t", (int)ql, qn, (int)tl, tn,
                         a->score, a->qbeg, a->qend, a->tbeg, a->tend);
    if (rc == 0 && a->n_cigar)
        rc = text_cigar(&r->out, bm_align_cigar(&r->cigars, a), a->n_cigar);
    else if (rc == 0)
        rc = text_put(&r->out, "*", 1);
    return rc ? rc : text_put(&r->out, "\n", 1);
}

static int emit_paf(run_t *r, const bm_batch_t *qb, size_t qi, size_t ti,
                    const bm_align_result_t *a)
{
    if (a->n_cigar == 0) return 0; /* nothing aligned: no line, as minimap2 */
    const char *qn, *tn;
    size_t ql = first_word(qb, qi, &qn), tl = first_word(&r->targets, ti, &tn);
    int rc = text_printf(
        &r->out,
        "%.*s\t%llu\t%d\t%d\t+\t%.*s\t%llu\t%d\t%d\t%d\t%d\t255\tAS:i:%d\tNM:i:%d\tcg:Z:", (int)ql,
        qn, (unsigned long long)qb->seq_len[qi], a->qbeg, a->qend, (int)tl, tn,
        (unsigned long long)r->targets.seq_len[ti], a->tbeg, a->tend, a->n_match,
        a->n_match + a->n_mismatch + a->n_gap_bases, a->score, a->n_mismatch + a->n_gap_bases);
    if (rc == 0) rc = text_cigar(&r->out, bm_align_cigar(&r->cigars, a), a->n_cigar);
    return rc ? rc : text_put(&r->out, "\n", 1);
}

/* One SAM record; a NULL alignment is an unmapped record. Soft clips cover unaligned query ends. */
static int emit_sam(run_t *r, const bm_batch_t *qb, size_t qi, size_t ti,
                    const bm_align_result_t *a, int secondary)
{
    const char *qn, *tn = "*";
    size_t ql = first_word(qb, qi, &qn), tl = 1;
    if (a) tl = first_word(&r->targets, ti, &tn);
    int flag = a ? (secondary ? 256 : 0) : 4;
    int rc = text_printf(&r->out, "%.*s\t%d\t%.*s\t%d\t%d\t", (int)ql, qn, flag, (int)tl, tn,
                         a ? a->tbeg + 1 : 0, a ? 255 : 0);
    if (rc == 0 && a) {
        uint64_t m = qb->seq_len[qi];
        if (a->qbeg > 0) rc = text_printf(&r->out, "%dS", a->qbeg);
        if (rc == 0) rc = text_cigar(&r->out, bm_align_cigar(&r->cigars, a), a->n_cigar);
        if (rc == 0 && (uint64_t)a->qend < m)
            rc = text_printf(&r->out, "%lluS", (unsigned long long)(m - (uint64_t)a->qend));
    } else if (rc == 0) {
        rc = text_put(&r->out, "*", 1);
    }
    if (rc == 0) rc = text_put(&r->out, "\t*\t0\t0\t", 7);
    const char *seq = qb->data + qb->seq_off[qi];
    size_t len = qb->seq_len[qi];
    if (rc == 0 && (secondary || len == 0)) {
        rc = text_put(&r->out, "*\t*", 3);
    } else if (rc == 0) {
        rc = text_put(&r->out, seq, len);
        if (rc == 0) rc = text_put(&r->out, "\t", 1);
        if (rc == 0 && qb->qual_off[qi] != UINT64_MAX)
            rc = text_put(&r->out, qb->data + qb->qual_off[qi], len);
        else if (rc == 0)
            rc = text_put(&r->out, "*", 1);
    }
    if (rc == 0 && a)
        rc = text_printf(&r->out, "\tAS:i:%d\tNM:i:%d", a->score, a->n_mismatch + a->n_gap_bases);
    return rc ? rc : text_put(&r->out, "\n", 1);
}

static int emit_sam_header(run_t *r, int argc, char **argv)
{
    int rc = text_printf(&r->out, "@HD\tVN:1.6\tSO:unsorted\n");
    for (size_t i = 0; rc == 0 && i < r->targets.count; i++) {
        const char *tn;
        size_t tl = first_word(&r->targets, i, &tn);
        rc = text_printf(&r->out, "@SQ\tSN:%.*s\tLN:%llu\n", (int)tl, tn,
                         (unsigned long long)r->targets.seq_len[i]);
    }
    if (rc == 0)
        rc =
            text_printf(&r->out, "@PG\tID:biometal\tPN:biometal\tVN:%s\tCL:biometal", bm_version());
    for (int i = 0; rc == 0 && i < argc; i++) rc = text_printf(&r->out, " %s", argv[i]);
    return rc ? rc : text_put(&r->out, "\n", 1);
}

/* Prints the results of one chunk: n pairs of `shape` over queries qb and targets tv (a view of
 * r->targets starting at record `t0`). */
static int emit_chunk(run_t *r, const bm_batch_t *qb, size_t n, bm_align_shape_t shape, size_t t0)
{
    size_t T = shape == BM_ALIGN_PAIRWISE ? 1 : r->targets.count;
    int rc = 0;
    for (size_t qi = 0; rc == 0 && qi * T < n; qi++) {
        const bm_align_result_t *res = r->res + qi * T;
        if (r->format == FMT_SAM) {
            size_t best = SIZE_MAX; /* the primary: the best non-empty alignment of this query */
            for (size_t k = 0; k < T; k++)
                if (res[k].n_cigar && (best == SIZE_MAX || res[k].score > res[best].score))
                    best = k;
            if (best == SIZE_MAX) rc = emit_sam(r, qb, qi, 0, NULL, 0);
            for (size_t k = 0; rc == 0 && k < T; k++)
                if (res[k].n_cigar)
                    rc = emit_sam(r, qb, qi, shape == BM_ALIGN_PAIRWISE ? t0 + qi : k, &res[k],
                                  k != best);
            continue;
        }
        for (size_t k = 0; rc == 0 && k < T; k++) {
            size_t ti = shape == BM_ALIGN_PAIRWISE ? t0 + qi : k;
            rc = r->format == FMT_TSV ? emit_tsv(r, qb, qi, ti, &res[k])
                                      : emit_paf(r, qb, qi, ti, &res[k]);
        }
    }
    return rc ? rc : flush(r);
}

static int align_chunk(run_t *r, const bm_batch_t *qb)
{
    bm_align_shape_t shape = r->pairs ? BM_ALIGN_PAIRWISE : BM_ALIGN_ALL_VS_ALL;
    size_t t0 = r->queries_seen, n = r->pairs ? qb->count : qb->count * r->targets.count;
    bm_batch_t tv = r->targets;
    if (r->pairs) {
        if (t0 + qb->count > r->targets.count)
            return bm_error(BM_EMISMATCH,
                            "--pairs: %s has more records than the %zu of %s (query record %llu "
                            "has no target)",
                            r->qpath, r->targets.count, r->tpath,
                            (unsigned long long)(r->targets.count + 1));
        tv = bm_batch_view(&r->targets, t0, qb->count);
    }
    if (n > r->res_cap) {
        free(r->res);
        r->res = malloc(n * sizeof *r->res);
        if (!r->res) return bm_error(BM_ENOMEM, "out of memory for %zu results", n);
        r->res_cap = n;
    }
    r->cigars.len = 0;
    int rc = -1;
    if (r->gpu >= 0) {
        rc = bm_gpu_align_batch_multi(bm_aligner_opts(r->al), r->devs, r->ndev, qb, &tv, n, shape,
                                      r->res, &r->cigars, NULL);
        if (rc < 0 && r->device == DEV_CUDA) return rc;
        if (rc < 0) { /* auto: say why once, then the CPU */
            fprintf(stderr, "biometal align: GPU %d: %s; using the CPU\n", r->gpu, bm_last_error());
            r->gpu = -1;
            r->cigars.len = 0;
        }
    }
    if (r->gpu < 0) rc = bm_align_batch(r->al, qb, &tv, n, shape, r->threads, r->res, &r->cigars);
    if (rc == 0) rc = emit_chunk(r, qb, n, shape, t0);
    r->queries_seen += qb->count;
    return rc;
}

static int read_targets(run_t *r)
{
    bm_fastx_reader_t *rd = NULL;
    int rc = bm_fastx_open(&rd, r->tpath, NULL);
    if (rc == 0) rc = bm_fastx_next_batch(rd, &r->targets, SIZE_MAX, 0);
    bm_fastx_close(rd);
    if (rc < 0) return rc;
    if (r->targets.count == 0) return bm_error(BM_EFORMAT, "%s: no records", r->tpath);
    return 0;
}

static int run(run_t *r, int argc, char **argv)
{
    int rc = read_targets(r);
    if (rc < 0) return rc;
    if (r->format == FMT_SAM)
        rc = emit_sam_header(r, argc, argv);
    else if (r->format == FMT_TSV && r->header)
        rc = text_printf(&r->out, "query\ttarget\tscore\tquery_start\tquery_end\ttarget_start\t"
                                  "target_end\tcigar\n");
    if (rc < 0) return rc;
    bm_fastx_reader_t *qr = NULL;
    if ((rc = bm_fastx_open(&qr, r->qpath, NULL)) < 0) return rc;
    /* chunks of queries sized so that a chunk makes a few tens of thousands of pairs (a few
     * million on a GPU, which needs many pairs in flight) */
    size_t pairs = r->gpu >= 0 ? (size_t)1 << 21 : 65536,
           most = r->gpu >= 0 ? (size_t)1 << 18 : 4096;
    size_t per_chunk = r->pairs ? most : pairs / r->targets.count;
    if (per_chunk < 1) per_chunk = 1;
    if (per_chunk > most) per_chunk = most;
    bm_batch_t qb;
    bm_batch_init(&qb);
    while ((rc = bm_fastx_next_batch(qr, &qb, per_chunk, 0)) > 0)
        if ((rc = align_chunk(r, &qb)) < 0) break;
    if (rc == 0 && r->queries_seen == 0) rc = bm_error(BM_EFORMAT, "%s: no records", r->qpath);
    if (rc == 0 && r->pairs && r->queries_seen != r->targets.count)
        rc = bm_error(BM_EMISMATCH, "--pairs: %s has %llu records, %s has %zu", r->qpath,
                      (unsigned long long)r->queries_seen, r->tpath, r->targets.count);
    if (rc == 0) rc = flush(r);
    bm_batch_free(&qb);
    bm_fastx_close(qr);
    return rc;
}

/* ---- options -------------------------------------------------------------------------------- */

/* A non-negative integer option; -1 when invalid. Penalties may be given as negative scores. */
static long parse_int(const char *s, int allow_negative)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v > BM_SCORE_LIMIT || v < -BM_SCORE_LIMIT) return -1;
    if (v < 0 && !allow_negative) return -1;
    return v < 0 ? -v : v;
}

int cmd_align(int argc, char **argv)
{
    enum { OPT_N = 256, OPT_XDROP, OPT_CIGAR_M };
    static const struct option longopts[] = {{"mode", required_argument, NULL, 'm'},
                                             {"match", required_argument, NULL, 'A'},
                                             {"mismatch", required_argument, NULL, 'B'},
                                             {"n-penalty", required_argument, NULL, OPT_N},
                                             {"matrix", required_argument, NULL, 'X'},
                                             {"gap-open", required_argument, NULL, 'O'},
                                             {"gap-extend", required_argument, NULL, 'E'},
                                             {"band", required_argument, NULL, 'w'},
                                             {"zdrop", required_argument, NULL, 'z'},
                                             {"xdrop", required_argument, NULL, OPT_XDROP},
                                             {"pairs", no_argument, NULL, 'p'},
                                             {"cigar", no_argument, NULL, 'c'},
                                             {"cigar-m", no_argument, NULL, OPT_CIGAR_M},
                                             {"format", required_argument, NULL, 'f'},
                                             {"no-header", no_argument, NULL, 'H'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"threads", required_argument, NULL, '@'},
                                             {"device", required_argument, NULL, 'd'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    bm_align_opts_t o;
    bm_align_opts_init(&o);
    long match = 2, mismatch = 4, n_penalty = 1, open = -1, extend = -1;
    int dna_given = 0, c;
    const char *matrix = NULL, *out = "-";
    run_t r;
    memset(&r, 0, sizeof r);
    r.device = DEV_AUTO;
    r.threads = 1;
    r.header = 1;
    bm_batch_init(&r.targets);
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:A:B:X:O:E:w:z:pcf:Ho:@:d:h", longopts, NULL)) != -1) {
        long v = 0;
        switch (c) {
        case 'm':
            if (!strcmp(optarg, "local"))
                o.mode = BM_ALIGN_LOCAL;
            else if (!strcmp(optarg, "global"))
                o.mode = BM_ALIGN_GLOBAL;
            else if (!strcmp(optarg, "semi") || !strcmp(optarg, "semiglobal"))
                o.mode = BM_ALIGN_SEMIGLOBAL;
            else if (!strcmp(optarg, "extend"))
                o.mode = BM_ALIGN_EXTEND;
            else {
                cli_error("align", "unknown mode '%s' (local, global, semi, extend)", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case 'A':
        case 'B':
        case OPT_N:
            v = parse_int(optarg, c != 'A');
            if (v < 0 || (c == 'A' && v == 0)) {
                cli_error("align", "invalid score '%s' for %s", optarg,
                          c == 'A'   ? "--match (1..32767)"
                          : c == 'B' ? "--mismatch"
                                     : "--n-penalty");
                return EXIT_BAD_USAGE;
            }
            if (c == 'A') match = v;
            if (c == 'B') mismatch = v;
            if (c == OPT_N) n_penalty = v;
            dna_given = 1;
            break;
        case 'X':
            matrix = optarg;
            break;
        case 'O':
        case 'E':
        case 'w':
        case 'z':
        case OPT_XDROP:
            v = parse_int(optarg, 0);
            if (v < 0) {
                cli_error("align", "invalid value '%s' for -%c (0..%d)", optarg,
                          c == OPT_XDROP ? 'x' : c, BM_SCORE_LIMIT);
                return EXIT_BAD_USAGE;
            }
            if (c == 'O') open = v;
            if (c == 'E') extend = v;
            if (c == 'w') o.band = (int)v;
            if (c == 'z') o.zdrop = (int)v;
            if (c == OPT_XDROP) o.xdrop = (int)v;
            break;
        case 'p':
            r.pairs = 1;
            break;
        case 'c':
            o.want_cigar = 1;
            break;
        case OPT_CIGAR_M:
            o.cigar_style = BM_CIGAR_M;
            break;
        case 'f':
            if (!strcmp(optarg, "tsv"))
                r.format = FMT_TSV;
            else if (!strcmp(optarg, "sam"))
                r.format = FMT_SAM;
            else if (!strcmp(optarg, "paf"))
                r.format = FMT_PAF;
            else {
                cli_error("align", "unknown format '%s' (tsv, sam, paf)", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case 'H':
            r.header = 0;
            break;
        case 'o':
            out = optarg;
            break;
        case '@':
            r.threads = cli_parse_threads(optarg);
            if (r.threads < 0) {
                cli_error("align", "invalid thread count '%s'", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case 'd':
            r.gpu = 0;
            if (!strcmp(optarg, "auto")) {
                r.device = DEV_AUTO;
            } else if (!strcmp(optarg, "cpu")) {
                r.device = DEV_CPU;
            } else if (!strncmp(optarg, "cuda", 4) && (optarg[4] == 0 || optarg[4] == ':')) {
                r.device = DEV_CUDA;
                r.ndev = 0;
                for (const char *s = optarg[4] ? optarg + 5 : "0"; r.ndev >= 0;) {
                    char *end;
                    long d = strtol(s, &end, 10);
                    if (end == s || d < 0 || d > 255 || (*end && *end != ',') || r.ndev == 16) {
                        r.ndev = -1;
                        break;
                    }
                    r.devs[r.ndev++] = (int)d;
                    if (!*end) break;
                    s = end + 1;
                }
                if (r.ndev < 1) {
                    cli_error("align",
                              "invalid device '%s' (auto, cpu, cuda, cuda:N or cuda:N,M,...)",
                              optarg);
                    return EXIT_BAD_USAGE;
                }
                r.gpu = r.devs[0];
            } else {
                cli_error("align", "invalid device '%s' (auto, cpu, cuda or cuda:N)", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case 'h':
            align_usage(stdout);
            return EXIT_OK;
        default:
            align_usage(stderr);
            return EXIT_BAD_USAGE;
        }
    }
    if (argc - optind != 2) {
        cli_error("align", "need QUERIES and TARGETS (try --help)");
        return EXIT_BAD_USAGE;
    }
    r.qpath = argv[optind];
    r.tpath = argv[optind + 1];
    if (!strcmp(r.qpath, "-") && !strcmp(r.tpath, "-")) {
        cli_error("align", "only one of QUERIES and TARGETS can be stdin");
        return EXIT_BAD_USAGE;
    }
    if (matrix && dna_given) {
        cli_error("align", "--matrix and --match/--mismatch/--n-penalty exclude each other");
        return EXIT_BAD_USAGE;
    }
    if (r.format != FMT_TSV) o.want_cigar = 1; /* SAM and PAF need the CIGAR and its counts */

    bm_scoring_t sc;
    int rc;
    if (!matrix) {
        rc = bm_scoring_dna(&sc, (int)match, (int)-mismatch, (int)-n_penalty);
    } else {
        rc = bm_scoring_builtin(&sc, matrix);
        /* not a built-in name: a file (a path, or a name that exists as a file) */
        if (rc < 0 && (strchr(matrix, '/') || access(matrix, F_OK) == 0))
            rc = bm_scoring_load(&sc, matrix);
        else if (rc < 0)
            rc = bm_error(BM_EINVAL, "--matrix %s: not a built-in matrix (%s) nor a readable file",
                          matrix, bm_scoring_builtin_names());
    }
    if (rc < 0) {
        cli_error("align", "%s", bm_last_error());
        return rc == BM_EINVAL ? EXIT_BAD_USAGE : EXIT_BAD_INPUT;
    }
    o.scoring = &sc;
    o.gap_open = open >= 0 ? (int)open : matrix ? 11 : 6;
    o.gap_extend = extend >= 0 ? (int)extend : matrix ? 1 : 2;
    if (extend < 0 && o.gap_extend > o.gap_open) o.gap_extend = o.gap_open;
    if (bm_aligner_new(&r.al, &o) < 0) {
        cli_error("align", "%s", bm_last_error());
        return EXIT_BAD_USAGE;
    }
    /* The device: auto takes the first GPU for the options it covers, silently the CPU when
     * there is none; cuda:N must work or the run fails. */
    int gpus = r.device == DEV_CPU ? 0 : bm_gpu_count();
    if (r.device != DEV_CUDA) r.devs[0] = 0, r.ndev = 1;
    for (int d = 0; r.device == DEV_CUDA && d < r.ndev; d++)
        if (r.devs[d] >= gpus) {
            cli_error("align", "--device cuda:%d: %s", r.devs[d],
                      gpus ? "no such device" : bm_gpu_why_not());
            bm_aligner_free(r.al);
            return EXIT_BAD_USAGE;
        }
    int covered = o.mode != BM_ALIGN_EXTEND && o.band < 0;
    if (r.device == DEV_CUDA && !covered) {
        cli_error("align", "--device cuda: the GPU engine covers local, global and semi-global "
                           "alignment without a band so far");
        bm_aligner_free(r.al);
        return EXIT_BAD_USAGE;
    }
    if (r.device == DEV_CPU || (r.device == DEV_AUTO && (gpus == 0 || !covered))) r.gpu = -1;
    bm_sink_opts_t sink_opts = {.compression = -1, .level = 0};
    rc = bm_sink_open(&r.sink, out, &sink_opts);
    if (rc == 0) rc = run(&r, argc, argv);
    if (rc == 0)
        rc = bm_sink_close(r.sink);
    else
        bm_sink_abort(r.sink);
    if (rc < 0) cli_error("align", "%s", bm_last_error());
    bm_aligner_free(r.al);
    bm_batch_free(&r.targets);
    bm_cigar_buf_free(&r.cigars);
    free(r.res);
    free(r.out.p);
    return rc < 0 ? EXIT_BAD_INPUT : EXIT_OK;
}
