/* The scorings the alignment tests run through, and the helpers that add them (one list per test
 * program). Included by test_align_props.c and test_align_striped.c. */
#ifndef BIOMETAL_TEST_SCORINGS_H
#define BIOMETAL_TEST_SCORINGS_H

#include "biometal/align.h"

#include <stdlib.h>

typedef struct {
    const char *name;
    bm_scoring_t sc;
    int open, extend;
    const char *alphabet; /* letters random sequences use */
} scoring_t;

static scoring_t scorings[24];
static int n_scorings;

/* The next free entry of the list. */
static scoring_t *new_scoring(void)
{
    if (n_scorings == (int)(sizeof scorings / sizeof *scorings)) abort();
    return &scorings[n_scorings++];
}

static void add_dna(const char *name, int match, int mismatch, int n_score, int open, int extend,
                    const char *alphabet)
{
    scoring_t *s = new_scoring();
    s->name = name;
    if (bm_scoring_dna(&s->sc, match, mismatch, n_score) < 0) abort();
    s->open = open;
    s->extend = extend;
    s->alphabet = alphabet;
}

static void add_matrix(const char *name, int open, int extend, const char *alphabet)
{
    scoring_t *s = new_scoring();
    s->name = name;
    if (bm_scoring_builtin(&s->sc, name) < 0) abort();
    s->open = open;
    s->extend = extend;
    s->alphabet = alphabet;
}

#endif
