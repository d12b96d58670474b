/* `biometal stats`: the numbers of `seqkit stats [-a]` for each input, as a table, TSV or JSON.
 * Files are read in parallel with -@; each file may also decompress on a read-ahead thread. */
#include "biometal/biometal.h"
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *path;
    bm_seqstats_summary_t sum;
    int rc;
    char error[1024];
} file_result_t;

typedef struct {
    file_result_t *files;
    size_t nfiles, next;
    int threads_per_file;
    pthread_mutex_t mu;
} work_t;

static void stats_usage(FILE *out)
{
    fprintf(
        out,
        "Usage: biometal stats [options] [FILE...]\n\n"
        "Summary statistics of FASTQ/FASTA files (plain, gzip, BGZF or stdin), with the\n"
        "columns and definitions of `seqkit stats`.\n\n"
        "Options:\n"
        "  -a, --all          also Q1, Q2, Q3 of lengths, sum_gap, N50, Q20(%%), Q30(%%), GC(%%)\n"
        "  -T, --tsv          tab-separated output (also --tabular)\n"
        "      --json         JSON output (all statistics)\n"
        "  -b, --basename     print file base names only\n"
        "  -@, --threads N    threads (files in parallel, read-ahead decompression; 0 = all "
        "cores) [1]\n"
        "  -h, --help         this help\n\n"
        "Quartiles are Tukey's hinges (medians of the lower and upper halves). seqkit 2.3\n"
        "reports half the length for Q1 and Q3 when all lengths are equal; biometal reports "
        "the length.\n");
}

static int stats_one(file_result_t *f, int threads)
{
    f->rc = bm_seqstats_file(f->path, threads, &f->sum);
    if (f->rc < 0) snprintf(f->error, sizeof f->error, "%s", bm_last_error());
    return f->rc;
}

static void *worker(void *arg)
{
    work_t *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        size_t i = w->next++;
        pthread_mutex_unlock(&w->mu);
        if (i >= w->nfiles) return NULL;
        stats_one(&w->files[i], w->threads_per_file);
    }
}

static const char *display_name(const char *path, int basename)
{
    if (!path || !strcmp(path, "-")) return "-";
    if (!basename) return path;
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char *format_name(bm_format_t f)
{
    return f == BM_FORMAT_FASTQ ? "FASTQ" : f == BM_FORMAT_FASTA ? "FASTA" : "";
}

/* Number with thousands separators; decimals (trailing zeros dropped) when `decimals` > 0. */
static void commaf(char *out, size_t cap, double v, int decimals)
{
    if (isnan(v)) {
        snprintf(out, cap, "NaN");
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    char *dot = strchr(tmp, '.');
    if (dot) {
        char *e = tmp + strlen(tmp) - 1;
        while (e > dot && *e == '0') *e-- = '\0';
        if (e == dot) *e = '\0';
    }
    dot = strchr(tmp, '.');
    size_t intlen = dot ? (size_t)(dot - tmp) : strlen(tmp);
    size_t o = 0, start = (tmp[0] == '-');
    for (size_t i = 0; tmp[i] && o + 2 < cap; i++) {
        if (i > start && i < intlen && (intlen - i) % 3 == 0) out[o++] = ',';
        out[o++] = tmp[i];
    }
    out[o] = '\0';
}

static void fixed(char *out, size_t cap, double v, int decimals)
{
    if (isnan(v))
        snprintf(out, cap, "NaN");
    else
        snprintf(out, cap, "%.*f", decimals, v);
}

enum { NCOLS_BASIC = 8, NCOLS_ALL = 16 };
static const char *const headers[NCOLS_ALL] = {
    "file", "format", "type", "num_seqs", "sum_len", "min_len", "avg_len", "max_len",
    "Q1",   "Q2",     "Q3",   "sum_gap",  "N50",     "Q20(%)",  "Q30(%)",  "GC(%)"};

/* Fills cells 1.. of one row (cell 0, the file name, is printed by the caller); `pretty` uses
 * thousands separators as seqkit's table does. */
static void row_cells(const file_result_t *f, int pretty, char cells[][64])
{
    const bm_seqstats_summary_t *s = &f->sum;
    cells[0][0] = '\0';
    snprintf(cells[1], 64, "%s", format_name(s->format));
    snprintf(cells[2], 64, "%s", s->type ? s->type : "");
    double ints[] = {(double)s->num_seqs, (double)s->sum_len, (double)s->min_len};
    for (int i = 0; i < 3; i++) {
        if (pretty)
            commaf(cells[3 + i], 64, ints[i], 0);
        else
            snprintf(cells[3 + i], 64, "%.0f", ints[i]);
    }
    if (pretty)
        commaf(cells[6], 64, s->avg_len, 1);
    else
        fixed(cells[6], 64, s->avg_len, 1);
    if (pretty)
        commaf(cells[7], 64, (double)s->max_len, 0);
    else
        snprintf(cells[7], 64, "%llu", (unsigned long long)s->max_len);
    double qs[] = {s->q1, s->q2, s->q3};
    for (int i = 0; i < 3; i++) {
        if (pretty)
            commaf(cells[8 + i], 64, qs[i], 1);
        else
            fixed(cells[8 + i], 64, qs[i], 1);
    }
    double counts[] = {(double)s->sum_gap, (double)s->n50};
    for (int i = 0; i < 2; i++) {
        if (pretty)
            commaf(cells[11 + i], 64, counts[i], 0);
        else
            snprintf(cells[11 + i], 64, "%.0f", counts[i]);
    }
    double pcts[] = {s->q20_pct, s->q30_pct, s->gc_pct};
    for (int i = 0; i < 3; i++) {
        if (pretty)
            commaf(cells[13 + i], 64, pcts[i], 2);
        else
            fixed(cells[13 + i], 64, pcts[i], 2);
    }
}

static void print_tsv(const file_result_t *files, size_t n, int all, int basename)
{
    int ncols = all ? NCOLS_ALL : NCOLS_BASIC;
    for (int c = 0; c < ncols; c++) printf("%s%s", c ? "\t" : "", headers[c]);
    putchar('\n');
    char cells[NCOLS_ALL][64];
    for (size_t i = 0; i < n; i++) {
        row_cells(&files[i], 0, cells);
        fputs(display_name(files[i].path, basename), stdout);
        for (int c = 1; c < ncols; c++) printf("\t%s", cells[c]);
        putchar('\n');
    }
}

static void print_table(const file_result_t *files, size_t n, int all, int basename)
{
    int ncols = all ? NCOLS_ALL : NCOLS_BASIC;
    char(*cells)[NCOLS_ALL][64] = calloc(n ? n : 1, sizeof *cells);
    if (!cells) return;
    size_t width[NCOLS_ALL];
    for (int c = 0; c < ncols; c++) width[c] = strlen(headers[c]);
    for (size_t i = 0; i < n; i++) {
        row_cells(&files[i], 1, cells[i]);
        size_t fl = strlen(display_name(files[i].path, basename));
        if (fl > width[0]) width[0] = fl;
        for (int c = 1; c < ncols; c++)
            if (strlen(cells[i][c]) > width[c]) width[c] = strlen(cells[i][c]);
    }
    for (int c = 0; c < ncols; c++) {
        int left = c < 3;
        if (c) fputs("  ", stdout);
        if (left && c == ncols - 1)
            printf("%s", headers[c]);
        else
            printf(left ? "%-*s" : "%*s", (int)width[c], headers[c]);
    }
    putchar('\n');
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < ncols; c++) {
            const char *v = c == 0 ? display_name(files[i].path, basename) : cells[i][c];
            if (c) fputs("  ", stdout);
            printf(c < 3 ? "%-*s" : "%*s", (int)width[c], v);
        }
        putchar('\n');
    }
    free(cells);
}

static void json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void json_number(const char *key, double v, int decimals, int last)
{
    printf("\"%s\": ", key);
    if (isnan(v))
        printf("null");
    else
        printf("%.*f", decimals, v);
    printf(last ? "\n" : ", ");
}

static void print_json(const file_result_t *files, size_t n, int basename)
{
    printf("[\n");
    for (size_t i = 0; i < n; i++) {
        const bm_seqstats_summary_t *s = &files[i].sum;
        printf("  {\"file\": ");
        json_string(display_name(files[i].path, basename));
        printf(", \"format\": \"%s\", \"type\": \"%s\", ", format_name(s->format),
               s->type ? s->type : "");
        json_number("num_seqs", (double)s->num_seqs, 0, 0);
        json_number("sum_len", (double)s->sum_len, 0, 0);
        json_number("min_len", (double)s->min_len, 0, 0);
        json_number("avg_len", s->avg_len, 1, 0);
        json_number("max_len", (double)s->max_len, 0, 0);
        json_number("Q1", s->q1, 1, 0);
        json_number("Q2", s->q2, 1, 0);
        json_number("Q3", s->q3, 1, 0);
        json_number("sum_gap", (double)s->sum_gap, 0, 0);
        json_number("N50", (double)s->n50, 0, 0);
        json_number("N50_num", (double)s->l50, 0, 0);
        json_number("Q20_pct", s->q20_pct, 2, 0);
        json_number("Q30_pct", s->q30_pct, 2, 0);
        printf("\"GC_pct\": ");
        if (isnan(s->gc_pct))
            printf("null");
        else
            printf("%.2f", s->gc_pct);
        printf("}%s\n", i + 1 < n ? "," : "");
    }
    printf("]\n");
}

int cmd_stats(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"all", no_argument, NULL, 'a'},      {"tsv", no_argument, NULL, 'T'},
        {"tabular", no_argument, NULL, 'T'},  {"json", no_argument, NULL, 'J'},
        {"basename", no_argument, NULL, 'b'}, {"threads", required_argument, NULL, '@'},
        {"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0}};
    int all = 0, tsv = 0, json = 0, basename = 0, threads = 1, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "aTbj:@:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'a':
            all = 1;
            break;
        case 'T':
            tsv = 1;
            break;
        case 'J':
            json = 1;
            break;
        case 'b':
            basename = 1;
            break;
        case 'j':
        case '@':
            threads = cli_parse_threads(optarg);
            if (threads < 0) {
                cli_error("stats", "invalid thread count '%s'", optarg);
                return EXIT_BAD_USAGE;
            }
            break;
        case 'h':
            stats_usage(stdout);
            return EXIT_OK;
        default:
            stats_usage(stderr);
            return EXIT_BAD_USAGE;
        }
    }
    size_t nfiles = argc > optind ? (size_t)(argc - optind) : 1;
    file_result_t *files = calloc(nfiles, sizeof *files);
    if (!files) {
        cli_error("stats", "out of memory");
        return EXIT_BAD_INPUT;
    }
    for (size_t i = 0; i < nfiles; i++) files[i].path = argc > optind ? argv[optind + i] : "-";

    size_t nworkers = (size_t)threads < nfiles ? (size_t)threads : nfiles;
    work_t w = {.files = files, .nfiles = nfiles, .threads_per_file = threads / (int)nworkers};
    pthread_mutex_init(&w.mu, NULL);
    pthread_t tids[1024];
    size_t started = 0;
    for (; started + 1 < nworkers; started++)
        if (pthread_create(&tids[started], NULL, worker, &w) != 0) break;
    worker(&w);
    for (size_t i = 0; i < started; i++) pthread_join(tids[i], NULL);
    pthread_mutex_destroy(&w.mu);

    for (size_t i = 0; i < nfiles; i++) {
        if (files[i].rc < 0) {
            cli_error("stats", "%s", files[i].error);
            free(files);
            return EXIT_BAD_INPUT;
        }
    }
    if (json)
        print_json(files, nfiles, basename);
    else if (tsv)
        print_tsv(files, nfiles, all, basename);
    else
        print_table(files, nfiles, all, basename);
    free(files);
    if (fflush(stdout) != 0) {
        cli_error("stats", "cannot write the output");
        return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
}
