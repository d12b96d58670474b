// Alignment with traceback on the GPU, one pair per thread, local / global / semi-global: the
// forward pass stores 4 direction bits per cell (coalesced, 16 rows per 64-bit word), then the
// thread walks back. Included by gpu_cuda.cu (shares Params and the scoring tables).

// Direction nibble of a cell: bits 0-1 where H came from (0: floored at 0, the walk stops;
// 1: diagonal; 2: E; 3: F), bit 2: E opened from H(i, j-1), bit 3: F opened from H(i-1, j).
enum { DIR_ZERO = 0, DIR_DIAG = 1, DIR_E = 2, DIR_F = 3, DIR_E_OPEN = 4, DIR_F_OPEN = 8 };

template <int MODE, int TILE> __global__ void __launch_bounds__(128) cigar_kernel(Params P)
{
    static_assert(TILE == 16, "one 64-bit direction word holds 16 rows");
    __shared__ int32_t s_score[MAX_LETTERS * MAX_LETTERS];
    __shared__ int8_t s_index[256];
    load_tables(s_score, s_index);
    size_t k = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (k >= P.count) return;
    const size_t pair = P.first + k;
    const PairView pv = pair_view(P, pair);
    const unsigned char *q = pv.q, *t = pv.t;
    const int m = pv.m, n = pv.n, O = P.open, X = P.extend;
    const size_t stride = P.count;
    int2 *col = reinterpret_cast<int2 *>(P.scratch) + k; // (H, F) of the row above the tile
    unsigned long long *dirs = P.dirs + k;                // [tile][column] words, by pair
    const size_t tile_words = (size_t)P.max_cols * stride;
    int bad = 0;

    // The best cell (see score_kernel).
    int best = MODE == MODE_SEMI ? border_gap(m, O, X) : 0, best_i = MODE == MODE_SEMI ? m : 0;
    int best_j = 0;
    if (MODE == MODE_GLOBAL && m == 0) best = border_gap(n, O, X), best_j = n;
    for (int i0 = 0, tile = 0; i0 < m; i0 += TILE, tile++) {
        int rows = m - i0 < TILE ? m - i0 : TILE;
        int qrow[TILE], H[TILE], E[TILE];
#pragma unroll
        for (int r = 0; r < TILE; r++) {
            int code = r < rows ? s_index[q[i0 + r]] : 0;
            bad |= code;
            qrow[r] = (code & 0xff) % MAX_LETTERS * MAX_LETTERS;
            H[r] = MODE == MODE_LOCAL ? 0 : border_gap(i0 + r + 1, O, X);
            E[r] = NEG;
        }
        int diag = MODE == MODE_LOCAL ? 0 : border_gap(i0, O, X);
        int tile_best = MODE == MODE_LOCAL ? 0 : NEG, tile_i = 0, tile_j = 0;
        const int last = m - 1 - i0;
        unsigned long long *drow = dirs + tile * tile_words;
        for (int j = 1; j <= n; j++) {
            int tc = s_index[t[j - 1]];
            bad |= tc;
            tc &= 0x1f;
            int up = MODE == MODE_GLOBAL ? border_gap(j, O, X) : 0, f = NEG;
            if (i0 > 0) {
                int2 v = col[(size_t)j * stride];
                up = v.x;
                f = v.y;
            }
            int d = diag;
            diag = up;
            unsigned long long w = 0;
#pragma unroll
            for (int r = 0; r < TILE; r++) {
                int eo = H[r] - O, ee = E[r] - X;
                unsigned nib = eo >= ee ? DIR_E_OPEN : 0;
                E[r] = max(eo, ee);
                int fo = up - O, fe = f - X;
                nib |= fo >= fe ? DIR_F_OPEN : 0;
                f = max(fo, fe);
                int h = d + s_score[qrow[r] + tc];
                unsigned src = DIR_DIAG;
                if (E[r] > h) h = E[r], src = DIR_E;
                if (f > h) h = f, src = DIR_F;
                if (MODE == MODE_LOCAL && h <= 0) h = 0, src = DIR_ZERO;
                w |= (unsigned long long)(nib | src) << (4 * r);
                d = H[r];
                H[r] = h;
                up = h;
                if (MODE == MODE_LOCAL && r < rows && h > tile_best)
                    tile_best = h, tile_i = i0 + r + 1, tile_j = j;
                if (MODE == MODE_SEMI && r == last && h > tile_best)
                    tile_best = h, tile_i = m, tile_j = j;
            }
            drow[(size_t)(j - 1) * stride] = w;
            if (i0 + TILE < m) col[(size_t)j * stride] = make_int2(up, f);
        }
        if (MODE == MODE_LOCAL &&
            (tile_best > best || (tile_best == best && tile_best > 0 && tile_j < best_j)))
            best = tile_best, best_i = tile_i, best_j = tile_j;
        if (MODE == MODE_SEMI && last < TILE && tile_best > best)
            best = tile_best, best_i = tile_i, best_j = tile_j;
        if (MODE == MODE_GLOBAL && last < TILE) {
#pragma unroll
            for (int r = 0; r < TILE; r++)
                if (r == last) best = H[r];
            best_i = m;
            best_j = n;
        }
    }
    if (bad < 0) *P.bad_letter = 1;

    // Walk back from the best cell (align.h's traceback), merging runs; ops are written last
    // first into this pair's slot, the compaction kernel reverses them.
    uint32_t *slot = P.cigar_slots + (size_t)k * P.slot_cap;
    int i = best_i, j = best_j, state = 0; // 0: H, 1: E, 2: F
    int n_ops = 0, n_match = 0, n_mismatch = 0, n_gap_open = 0, n_gap_bases = 0;
    unsigned run_op = 0, run_len = 0;
    const int wild = P.wildcard, style_m = P.cigar_m;
    while (MODE != MODE_LOCAL || best > 0) {
        if (state == 0 && (i == 0 || j == 0)) {
            // The border: local stops (H is 0 there); global and semi-global go on along column
            // 0 with insertions to (0, 0), global along row 0 with deletions; semi-global stops
            // at row 0.
            int len = 0;
            unsigned border_op = BM_CIGAR_OP_I;
            if (MODE != MODE_LOCAL && j == 0 && i > 0) len = i, i = 0;
            if (MODE == MODE_GLOBAL && i == 0 && j > 0) len = j, j = 0, border_op = BM_CIGAR_OP_D;
            if (len) {
                n_gap_bases += len;
                if (run_len && run_op != border_op) {
                    n_gap_open += run_op == BM_CIGAR_OP_I || run_op == BM_CIGAR_OP_D;
                    slot[n_ops++] = run_len << 4 | run_op;
                    run_len = 0;
                }
                run_op = border_op;
                run_len += len;
            }
            break;
        }
        unsigned long long w =
            dirs[((size_t)((i - 1) / TILE) * P.max_cols + (size_t)(j - 1)) * stride];
        unsigned nib = (unsigned)(w >> (4 * ((i - 1) % TILE))) & 15u;
        unsigned op;
        if (state == 0) {
            unsigned src = nib & 3u;
            if (src == DIR_ZERO) break;
            if (src == DIR_E) {
                state = 1;
                continue;
            }
            if (src == DIR_F) {
                state = 2;
                continue;
            }
            int a = s_index[q[i - 1]], b = s_index[t[j - 1]];
            int match = a == b && a != wild;
            if (match)
                n_match++;
            else
                n_mismatch++;
            op = style_m ? BM_CIGAR_OP_M : match ? BM_CIGAR_OP_EQ : BM_CIGAR_OP_X;
            i--, j--;
        } else if (state == 1) {
            op = BM_CIGAR_OP_D;
            n_gap_bases++;
            if (nib & DIR_E_OPEN) state = 0;
            j--;
        } else {
            op = BM_CIGAR_OP_I;
            n_gap_bases++;
            if (nib & DIR_F_OPEN) state = 0;
            i--;
        }
        if (run_len && op != run_op) { // a run ends; gaps are counted per run, as in the CIGAR
            n_gap_open += run_op == BM_CIGAR_OP_I || run_op == BM_CIGAR_OP_D;
            slot[n_ops++] = run_len << 4 | run_op;
            run_len = 0;
        }
        run_op = op;
        run_len++;
    }
    if (run_len) {
        n_gap_open += run_op == BM_CIGAR_OP_I || run_op == BM_CIGAR_OP_D;
        slot[n_ops++] = run_len << 4 | run_op;
    }
    bm_gpu_hit_t hit;
    hit.score = best;
    hit.qend = best_i;
    hit.tend = best_j;
    int begun = MODE != MODE_LOCAL || best > 0;
    hit.qbeg = begun ? i : 0;
    hit.tbeg = begun ? j : 0;
    hit.n_match = n_match;
    hit.n_mismatch = n_mismatch;
    hit.n_gap_open = n_gap_open;
    hit.n_gap_bases = n_gap_bases;
    hit.n_cigar = n_ops;
    P.hits[pair] = hit;
}

// Moves each pair's ops (last first in its slot) to out[off[k]..], first op first.
__global__ void compact_cigars(const uint32_t *slots, size_t slot_cap, const bm_gpu_hit_t *hits,
                               const unsigned long long *off, size_t first, size_t count,
                               uint32_t *out)
{
    size_t k = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (k >= count) return;
    int n = hits[first + k].n_cigar;
    const uint32_t *s = slots + k * slot_cap;
    uint32_t *o = out + off[first + k];
    for (int x = 0; x < n; x++) o[x] = s[n - 1 - x];
}
