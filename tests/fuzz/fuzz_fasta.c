/* libFuzzer harness for the FASTA reader: records singly, in batches, through BGZF/gzip and as file
 * ranges (parallel statistics), checking record invariants, error messages and statistics. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_fastx_one(data, size, "fuzz.fa", NULL);
    return 0;
}
