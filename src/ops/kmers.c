/* Canonical 2-bit k-mers and (w, k)-minimizers of a read: one rolling pass for both strands and a
 * monotone queue for the window minima. Portable C (the work is serial in the bases). */
#include "biometal/ops.h"

static int base_code(unsigned char c)
{
    switch (c | 0x20) {
    case 'a':
        return 0;
    case 'c':
        return 1;
    case 'g':
        return 2;
    case 't':
        return 3;
    default:
        return -1;
    }
}

uint64_t bm_kmer_hash(uint64_t key, unsigned k)
{
    uint64_t mask = k >= 32 ? ~(uint64_t)0 : ((uint64_t)1 << (2 * k)) - 1;
    key = (~key + (key << 21)) & mask;
    key = key ^ key >> 24;
    key = ((key + (key << 3)) + (key << 8)) & mask;
    key = key ^ key >> 14;
    key = ((key + (key << 2)) + (key << 4)) & mask;
    key = key ^ key >> 28;
    key = (key + (key << 31)) & mask;
    return key;
}

/* Calls emit(kmer, pos, ctx) for each canonical k-mer; a negative return restarts the stretch. */
typedef void (*kmer_fn)(uint64_t kmer, uint32_t pos, int new_stretch, void *ctx);

static void each_kmer(const char *seq, size_t len, unsigned k, kmer_fn emit, void *ctx)
{
    if (k < 1 || k > 32 || len < k) return;
    uint64_t mask = k == 32 ? ~(uint64_t)0 : ((uint64_t)1 << (2 * k)) - 1;
    unsigned shift = 2 * (k - 1);
    uint64_t fwd = 0, rev = 0;
    size_t valid = 0; /* bases since the last non-ACGT */
    int new_stretch = 1;
    for (size_t i = 0; i < len; i++) {
        int c = base_code((unsigned char)seq[i]);
        if (c < 0) {
            valid = 0;
            new_stretch = 1;
            continue;
        }
        fwd = ((fwd << 2) | (uint64_t)c) & mask;
        rev = (rev >> 2) | ((uint64_t)(3 - c) << shift);
        if (++valid >= k) {
            emit(fwd < rev ? fwd : rev, (uint32_t)(i + 1 - k), new_stretch, ctx);
            new_stretch = 0;
        }
    }
}

typedef struct {
    bm_kmer_t *out;
    size_t cap, n;
} kmer_list_t;

static void collect(uint64_t kmer, uint32_t pos, int new_stretch, void *ctx)
{
    (void)new_stretch;
    kmer_list_t *l = ctx;
    if (l->n < l->cap) l->out[l->n] = (bm_kmer_t){kmer, pos};
    l->n++;
}

size_t bm_kmers(const char *seq, size_t len, unsigned k, bm_kmer_t *out, size_t cap)
{
    kmer_list_t l = {out, cap, 0};
    each_kmer(seq, len, k, collect, &l);
    return l.n;
}

/* Sliding-window minimum over the k-mers of one stretch, kept in a ring of at most w entries
 * whose hashes increase from head to tail (so the head is the window's minimum). */
#define MAX_WINDOW 256
typedef struct {
    unsigned k, w;
    bm_kmer_t ring[MAX_WINDOW];
    uint64_t hash[MAX_WINDOW];
    size_t head, count;
    uint32_t seen;    /* k-mers in the current stretch */
    int64_t last_pos; /* position of the last minimizer written, or -1 */
    kmer_list_t *list;
} window_t;

static void window_push(uint64_t kmer, uint32_t pos, int new_stretch, void *ctx)
{
    window_t *q = ctx;
    if (new_stretch) q->count = 0, q->seen = 0;
    uint64_t h = bm_kmer_hash(kmer, q->k);
    /* Drop entries that can never be a minimum again: larger hashes to the left. Equal hashes
     * stay, so the leftmost wins ties. */
    while (q->count > 0 && q->hash[(q->head + q->count - 1) % MAX_WINDOW] > h) q->count--;
    size_t at = (q->head + q->count) % MAX_WINDOW;
    q->ring[at] = (bm_kmer_t){kmer, pos};
    q->hash[at] = h;
    q->count++;
    q->seen++;
    /* Drop the head once it has left the window [pos - w + 1, pos]. */
    while (q->ring[q->head].pos + q->w <= pos) q->head = (q->head + 1) % MAX_WINDOW, q->count--;
    if (q->seen >= q->w && (int64_t)q->ring[q->head].pos != q->last_pos) {
        collect(q->ring[q->head].kmer, q->ring[q->head].pos, 0, q->list);
        q->last_pos = q->ring[q->head].pos;
    }
}

size_t bm_minimizers(const char *seq, size_t len, unsigned k, unsigned w, bm_kmer_t *out,
                     size_t cap)
{
    if (w < 1 || w > MAX_WINDOW) return 0;
    kmer_list_t l = {out, cap, 0};
    window_t q = {.k = k, .w = w, .last_pos = -1, .list = &l};
    each_kmer(seq, len, k, window_push, &q);
    return l.n;
}
