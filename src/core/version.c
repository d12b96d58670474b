/* The library version, reported by bm_version() and `biometal --version`.
 * Kept in one place: BM_VERSION in biometal.h. */
#include "biometal/biometal.h"

const char *bm_version(void)
{
    return BM_VERSION;
}
