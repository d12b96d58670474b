/* The summary of a `filter` or `trim` run: a short table on stderr and the same numbers as JSON
 * (--json FILE), with keys that stay stable across versions. */
#ifndef BIOMETAL_TOOLS_READ_REPORT_H
#define BIOMETAL_TOOLS_READ_REPORT_H

#include "read_pipeline.h"

#include <stdio.h>

/* One drop reason or trimming step: its JSON key, its label in the table (with the option that
 * turns it on) and whether this run used it. Entries with key NULL are not used by the command. */
typedef struct {
    const char *key;
    const char *label;
    int enabled;
} rr_field_t;

typedef struct {
    const char *command;                /* "filter", "trim" */
    rr_field_t reasons[RP_MAX_REASONS]; /* by drop reason (index 0 unused) */
    rr_field_t steps[RP_MAX_STEPS];     /* by trimming step */
    int has_steps;                      /* the JSON has "trimmed_bases" */
} rr_layout_t;

/* The table: reads and bases in and out, reads dropped per enabled reason, bases trimmed per
 * enabled step, time. */
void rr_print_text(FILE *out, const rr_layout_t *layout, const rp_stats_t *s);

/* The JSON object (see the commands' --help for the keys) to `path` ("-" = stdout). Returns 0, or
 * -1 after printing why the file could not be written. */
int rr_write_json(const char *path, const rr_layout_t *layout, const rp_config_t *cfg,
                  const rp_stats_t *s);

#endif
