/* FASTQ/FASTA writer over a bm_sink_t: formats records, one sequence line per record, and leaves
 * no partial file behind when the caller aborts or closing fails. */
#include "biometal/io.h"

#include "biometal/error.h"

#include <stdlib.h>

struct bm_fastx_writer {
    bm_sink_t *sink;
    bm_format_t format;
};

int bm_fastx_writer_open(bm_fastx_writer_t **out, const char *path, bm_format_t format,
                         const bm_sink_opts_t *opts)
{
    *out = NULL;
    if (format != BM_FORMAT_FASTQ && format != BM_FORMAT_FASTA)
        return bm_error(BM_EINVAL, "writer format must be FASTQ or FASTA");
    bm_fastx_writer_t *w = calloc(1, sizeof *w);
    if (!w) return bm_error(BM_ENOMEM, "out of memory");
    int rc = bm_sink_open(&w->sink, path, opts);
    if (rc < 0) {
        free(w);
        return rc;
    }
    w->format = format;
    *out = w;
    return 0;
}

int bm_fastx_write(bm_fastx_writer_t *w, const bm_record_t *rec)
{
    bm_sink_t *s = w->sink;
    int fq = (w->format == BM_FORMAT_FASTQ);
    if (fq && !rec->qual)
        return bm_error(BM_EINVAL, "record %llu has no qualities for FASTQ output",
                        (unsigned long long)rec->number);
    int rc = bm_sink_write(s, fq ? "@" : ">", 1);
    if (rc == 0) rc = bm_sink_write(s, rec->name, rec->name_len);
    if (rc == 0) rc = bm_sink_write(s, "\n", 1);
    if (rc == 0) rc = bm_sink_write(s, rec->seq, rec->seq_len);
    if (fq) {
        if (rc == 0) rc = bm_sink_write(s, "\n+\n", 3);
        if (rc == 0) rc = bm_sink_write(s, rec->qual, rec->seq_len);
    }
    if (rc == 0) rc = bm_sink_write(s, "\n", 1);
    return rc;
}

int bm_fastx_writer_close(bm_fastx_writer_t *w)
{
    if (!w) return 0;
    int rc = bm_sink_close(w->sink);
    free(w);
    return rc;
}

void bm_fastx_writer_abort(bm_fastx_writer_t *w)
{
    if (!w) return;
    bm_sink_abort(w->sink);
    free(w);
}
