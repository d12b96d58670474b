/* Test driver: trims every FASTQ record with a biometal trimming function and prints it the way
 * the peer tool does, so peer tests can compare outputs byte for byte.
 * Usage: trim_driver mott ERR MINLEN FILE | bwa FRONT BACK FILE | window SIZE MEAN FILE |
 *        polyg MINLEN 0 FILE | polyx MINLEN 0 FILE
 * (window, polyg, polyx: reads left empty are dropped, as fastp drops them) */
#include "biometal/biometal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *mode = argc == 5 ? argv[1] : "";
    if (strcmp(mode, "mott") && strcmp(mode, "bwa") && strcmp(mode, "window") &&
        strcmp(mode, "polyg") && strcmp(mode, "polyx")) {
        fprintf(stderr, "usage: trim_driver mott ERR MINLEN | bwa FRONT BACK | window SIZE MEAN, "
                        "then FILE\n");
        return 2;
    }
    bm_fastx_reader_t *r;
    if (bm_fastx_open(&r, argv[4], NULL) < 0) {
        fprintf(stderr, "%s\n", bm_last_error());
        return 1;
    }
    bm_record_t rec;
    int rc;
    while ((rc = bm_fastx_next(r, &rec)) == 1) {
        size_t b, e;
        if (!strcmp(mode, "mott")) {
            bm_trim_mott(rec.qual, rec.seq_len, atof(argv[2]), (size_t)atol(argv[3]), &b, &e);
        } else if (!strcmp(mode, "bwa")) {
            bm_trim_bwa(rec.qual, rec.seq_len, 33, atoi(argv[2]), atoi(argv[3]), &b, &e);
        } else if (!strcmp(mode, "polyg")) {
            b = 0;
            bm_trim_poly_tail(rec.seq, rec.seq_len, 'G', (size_t)atol(argv[2]), &e);
            if (e == 0) continue; /* fastp drops reads left empty */
        } else if (!strcmp(mode, "polyx")) {
            b = 0;
            bm_trim_poly_x(rec.seq, rec.seq_len, (size_t)atol(argv[2]), &e);
            if (e == 0) continue;
        } else {
            bm_trim_sliding_window(rec.qual, rec.seq_len, 33, (size_t)atol(argv[2]), atoi(argv[3]),
                                   &b, &e);
            if (e == b) continue;
        }
        printf("@%.*s\n%.*s\n+\n%.*s\n", (int)rec.name_len, rec.name, (int)(e - b), rec.seq + b,
               (int)(e - b), rec.qual + b);
    }
    if (rc < 0) fprintf(stderr, "%s\n", bm_last_error());
    bm_fastx_close(r);
    return rc < 0;
}
