/* The README's ten-line C API example, compiled against an installed biometal by the install test.
 * Prints each record's name and length. */
#include <biometal/biometal.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    bm_fastx_reader_t *r;
    if (bm_fastx_open(&r, argc > 1 ? argv[1] : "-", NULL) < 0) { fprintf(stderr, "%s\n", bm_last_error()); return 1; }
    bm_record_t rec;                 /* views into the reader's buffer, valid until the next call */
    int rc;
    while ((rc = bm_fastx_next(r, &rec)) == 1)
        printf("%.*s\t%zu\n", (int)rec.name_len, rec.name, rec.seq_len);
    if (rc < 0) fprintf(stderr, "%s\n", bm_last_error());   /* "reads.fq.gz: record 7: ..." */
    bm_fastx_close(r);
    return rc < 0;
}
