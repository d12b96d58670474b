/* Summaries of `filter` and `trim` runs: the stderr table (thousands separators, percentages) and
 * the JSON object with stable keys, written under FILE.tmp and renamed into place. */
#include "read_report.h"

#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* n with thousands separators into buf. */
static const char *grouped(char *buf, size_t cap, uint64_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < cap; i++) {
        if (i > 0 && (len - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

static double percent(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void line(FILE *out, int indent, const char *label, uint64_t n, const char *extra)
{
    char buf[48];
    fprintf(out, "%*s%-*s %15s%s\n", indent, "", 28 - indent, label, grouped(buf, sizeof buf, n),
            extra ? extra : "");
}

/* The enabled entries of `fields` under a heading; nothing when none is enabled. */
static void section(FILE *out, const char *heading, const rr_field_t *fields, int first, int n,
                    const uint64_t *values)
{
    int shown = 0;
    for (int i = first; i < n; i++) {
        if (!fields[i].key || !fields[i].enabled) continue;
        if (!shown++) fprintf(out, "  %s\n", heading);
        line(out, 4, fields[i].label, values[i], NULL);
    }
}

void rr_print_text(FILE *out, const rr_layout_t *layout, const rp_stats_t *s)
{
    char extra[64], buf[48];
    fprintf(out, "biometal %s summary (%.2f s):\n", layout->command, s->seconds);
    if (s->pairs_in)
        snprintf(extra, sizeof extra, "  (%s pairs)", grouped(buf, sizeof buf, s->pairs_in));
    line(out, 2, "reads in", s->reads_in, s->pairs_in ? extra : NULL);
    snprintf(extra, sizeof extra, "  %6.2f%%", percent(s->reads_out, s->reads_in));
    line(out, 2, "reads out", s->reads_out, extra);
    line(out, 2, "bases in", s->bases_in, NULL);
    snprintf(extra, sizeof extra, "  %6.2f%%", percent(s->bases_out, s->bases_in));
    line(out, 2, "bases out", s->bases_out, extra);
    section(out, "bases trimmed, by step:", layout->steps, 0, RP_MAX_STEPS, s->trimmed);
    section(out, "reads dropped, by reason:", layout->reasons, 1, RP_MAX_REASONS, s->dropped);
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void json_names(FILE *f, const char *key, const char *a, const char *b)
{
    fprintf(f, "  \"%s\": [", key);
    json_string(f, a && strcmp(a, "-") ? a : "-");
    if (b) {
        fputs(", ", f);
        json_string(f, b);
    }
    fputs("],\n", f);
}

static void json_counts(FILE *f, const char *key, const rr_field_t *fields, int first, int n,
                        const uint64_t *values)
{
    fprintf(f, "  \"%s\": {", key);
    const char *sep = "";
    for (int i = first; i < n; i++) {
        if (!fields[i].key) continue;
        fprintf(f, "%s\"%s\": %llu", sep, fields[i].key, (unsigned long long)values[i]);
        sep = ", ";
    }
    fputs("},\n", f);
}

static void json_body(FILE *f, const rr_layout_t *layout, const rp_config_t *cfg,
                      const rp_stats_t *s)
{
    fputs("{\n  \"command\": ", f);
    json_string(f, layout->command);
    fprintf(f, ",\n  \"version\": \"%s\",\n", bm_version());
    json_names(f, "inputs", cfg->in1, cfg->in2);
    json_names(f, "outputs", cfg->out1, cfg->out2);
    fprintf(f, "  \"paired\": %s,\n", cfg->in2 || cfg->interleaved ? "true" : "false");
    fprintf(f, "  \"format\": \"%s\",\n",
            s->format == BM_FORMAT_FASTQ   ? "FASTQ"
            : s->format == BM_FORMAT_FASTA ? "FASTA"
                                           : "");
    fprintf(f, "  \"quality_offset\": %d,\n  \"threads\": %d,\n", s->qual_offset, cfg->threads);
    const struct {
        const char *key;
        uint64_t v;
    } counts[] = {{"reads_in", s->reads_in},          {"reads_out", s->reads_out},
                  {"pairs_in", s->pairs_in},          {"pairs_out", s->pairs_out},
                  {"bases_in", s->bases_in},          {"bases_out", s->bases_out},
                  {"bases_dropped", s->bases_dropped}};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        fprintf(f, "  \"%s\": %llu,\n", counts[i].key, (unsigned long long)counts[i].v);
    json_counts(f, "dropped_reads", layout->reasons, 1, RP_MAX_REASONS, s->dropped);
    if (layout->has_steps)
        json_counts(f, "trimmed_bases", layout->steps, 0, RP_MAX_STEPS, s->trimmed);
    fprintf(f, "  \"seconds\": %.3f\n}\n", s->seconds);
}

int rr_write_json(const char *path, const rr_layout_t *layout, const rp_config_t *cfg,
                  const rp_stats_t *s)
{
    if (!strcmp(path, "-")) {
        json_body(stdout, layout, cfg, s);
        return fflush(stdout) == 0 ? 0 : -1;
    }
    /* A regular file is written under FILE.tmp and renamed; a device or pipe in place. */
    struct stat st;
    int in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s%s", path, in_place ? "" : ".tmp") >= (int)sizeof tmp) {
        cli_error(layout->command, "%s: name too long", path);
        return -1;
    }
    FILE *f = fopen(tmp, "w");
    if (!f) {
        cli_error(layout->command, "%s: cannot create: %s", path, strerror(errno));
        return -1;
    }
    json_body(f, layout, cfg, s);
    int failed = ferror(f);
    if (fclose(f) != 0) failed = 1;
    if (failed || (!in_place && rename(tmp, path) != 0)) {
        cli_error(layout->command, "%s: cannot write: %s", path, strerror(errno));
        if (!in_place) unlink(tmp);
        return -1;
    }
    return 0;
}
