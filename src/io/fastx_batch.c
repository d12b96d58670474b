/* Record batches as structs of arrays: one byte buffer plus per-record offsets and lengths,
 * filled from a reader so kernels and GPU copies see contiguous memory. */
#include "biometal/io.h"

#include "biometal/error.h"

#include <stdlib.h>
#include <string.h>

void bm_batch_init(bm_batch_t *b)
{
    memset(b, 0, sizeof *b);
}

void bm_batch_clear(bm_batch_t *b)
{
    b->count = 0;
    b->data_len = 0;
    b->first_number = 0;
}

void bm_batch_free(bm_batch_t *b)
{
    free(b->data);
    free(b->name_off);
    free(b->seq_off);
    free(b->qual_off);
    free(b->name_len);
    free(b->seq_len);
    bm_batch_init(b);
}

bm_batch_t bm_batch_view(const bm_batch_t *b, size_t from, size_t count)
{
    bm_batch_t v = *b;
    v.count = count;
    v.first_number = b->first_number + from;
    v.name_off += from;
    v.seq_off += from;
    v.qual_off += from;
    v.name_len += from;
    v.seq_len += from;
    return v;
}

static int grow_arrays(bm_batch_t *b)
{
    size_t ncap = b->cap ? b->cap * 2 : 1024;
    uint64_t **arrays[] = {&b->name_off, &b->seq_off, &b->qual_off, &b->name_len, &b->seq_len};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++) {
        uint64_t *n = realloc(*arrays[i], ncap * sizeof(uint64_t));
        if (!n) return bm_error(BM_ENOMEM, "out of memory growing a batch to %zu records", ncap);
        *arrays[i] = n;
    }
    b->cap = ncap;
    return 0;
}

static int reserve_data(bm_batch_t *b, size_t extra)
{
    if (b->data_len + extra <= b->data_cap) return 0;
    size_t ncap = b->data_cap ? b->data_cap : 1 << 16;
    while (ncap < b->data_len + extra) ncap *= 2;
    char *n = realloc(b->data, ncap);
    if (!n) return bm_error(BM_ENOMEM, "out of memory growing a batch to %zu bytes", ncap);
    b->data = n;
    b->data_cap = ncap;
    return 0;
}

static uint64_t put(bm_batch_t *b, const char *s, size_t n)
{
    uint64_t at = b->data_len;
    if (n) memcpy(b->data + at, s, n);
    b->data[at + n] = '\0';
    b->data_len += n + 1;
    return at;
}

int bm_batch_push(bm_batch_t *b, const bm_record_t *rec)
{
    if (b->count == b->cap && grow_arrays(b) < 0) return BM_ENOMEM;
    size_t need = rec->name_len + 1 + (rec->seq_len + 1) * (rec->qual ? 2 : 1);
    if (reserve_data(b, need) < 0) return BM_ENOMEM;
    size_t i = b->count++;
    if (i == 0) {
        b->first_number = rec->number;
        b->format = rec->qual ? BM_FORMAT_FASTQ : BM_FORMAT_FASTA;
    }
    b->name_len[i] = rec->name_len;
    b->seq_len[i] = rec->seq_len;
    b->name_off[i] = put(b, rec->name, rec->name_len);
    b->seq_off[i] = put(b, rec->seq, rec->seq_len);
    b->qual_off[i] = rec->qual ? put(b, rec->qual, rec->seq_len) : UINT64_MAX;
    return 0;
}

int bm_fastx_next_batch(bm_fastx_reader_t *r, bm_batch_t *b, size_t max_records, size_t max_bytes)
{
    bm_batch_clear(b);
    bm_record_t rec;
    while (b->count < max_records && (max_bytes == 0 || b->data_len < max_bytes)) {
        int rc = bm_fastx_next(r, &rec);
        if (rc < 0) return rc;
        if (rc == 0) break;
        if (bm_batch_push(b, &rec) < 0) return BM_ENOMEM;
    }
    return (int)b->count;
}
