/* Test driver: trims every FASTQ record with bm_trim_mott and prints it as `seqtk trimfq` does,
 * so the peer test can compare the two outputs byte for byte. Usage: trim_mott_driver ERR MINLEN
 * FILE */
#include "biometal/biometal.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: trim_mott_driver ERR MINLEN FILE\n");
        return 2;
    }
    double err = atof(argv[1]);
    size_t min_len = (size_t)atol(argv[2]);
    bm_fastx_reader_t *r;
    if (bm_fastx_open(&r, argv[3], NULL) < 0) {
        fprintf(stderr, "%s\n", bm_last_error());
        return 1;
    }
    bm_record_t rec;
    int rc;
    while ((rc = bm_fastx_next(r, &rec)) == 1) {
        size_t b, e;
        bm_trim_mott(rec.qual, rec.seq_len, err, min_len, &b, &e);
        printf("@%.*s\n%.*s\n+\n%.*s\n", (int)rec.name_len, rec.name, (int)(e - b), rec.seq + b,
               (int)(e - b), rec.qual + b);
    }
    if (rc < 0) fprintf(stderr, "%s\n", bm_last_error());
    bm_fastx_close(r);
    return rc < 0;
}
