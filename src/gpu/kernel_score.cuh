// Score and coordinates on the GPU, one pair per thread, local / global / semi-global: the query
// in tiles of TILE rows held in registers sweeping the target, the boundary row in device memory.
// Included by gpu_cuda.cu. The CPU reference's rules (align.h): gaps prefer opening on ties; H
// takes the diagonal, then E, then F, each only when strictly higher; local floors at 0 (the cell
// then begins at itself); the best cell is the first strict maximum in column order.

// TILE rows per sweep: more rows, less boundary-row traffic (16 bytes per column per sweep) but
// more registers.
template <int MODE, int TILE> __global__ void __launch_bounds__(128) score_kernel(Params P)
{
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
    int4 *col = P.scratch + k;
    int bad = 0; // letters outside the alphabet (index -1) seen by this thread

    // The best cell so far; semi-global starts from H(m, 0) (column 0 comes first), global's is
    // H(m, n) (set at the end), local's the empty alignment.
    int best = MODE == MODE_SEMI ? border_gap(m, O, X) : 0, best_i = MODE == MODE_SEMI ? m : 0;
    int best_j = 0;
    uint32_t best_b = 0;
    if (MODE == MODE_GLOBAL && m == 0) best = border_gap(n, O, X), best_j = n;
    for (int i0 = 0; i0 < m; i0 += TILE) {
        int rows = m - i0 < TILE ? m - i0 : TILE;
        int qrow[TILE];
        int H[TILE], E[TILE];
        uint32_t BH[TILE], BE[TILE];
#pragma unroll
        for (int r = 0; r < TILE; r++) {
            int code = r < rows ? s_index[q[i0 + r]] : 0;
            bad |= code;
            qrow[r] = (code & 0xff) % MAX_LETTERS * MAX_LETTERS;
            // column 0: local 0 beginning at itself, else a gap from (0, 0)
            H[r] = MODE == MODE_LOCAL ? 0 : border_gap(i0 + r + 1, O, X);
            BH[r] = MODE == MODE_LOCAL ? pack(i0 + r + 1, 0) : 0;
            E[r] = NEG;
            BE[r] = 0;
        }
        int diag = MODE == MODE_LOCAL ? 0 : border_gap(i0, O, X); // H(i0, j - 1)
        uint32_t diag_b = MODE == MODE_LOCAL ? pack(i0, 0) : 0;
        int tile_best = MODE == MODE_LOCAL ? 0 : NEG, tile_i = 0, tile_j = 0;
        uint32_t tile_b = 0;
        const int last = m - 1 - i0; // the row of i = m in this tile (semi-global's end row)
        for (int j = 1; j <= n; j++) {
            int tc = s_index[t[j - 1]];
            bad |= tc;
            tc &= 0x1f;
            int up, up_f;
            uint32_t up_b, up_fb;
            if (i0 == 0) { // row 0: local and semi-global 0 beginning at (0, j); global a gap
                up = MODE == MODE_GLOBAL ? border_gap(j, O, X) : 0;
                up_b = MODE == MODE_GLOBAL ? 0 : pack(0, j);
                up_f = NEG;
                up_fb = 0;
            } else {
                int4 v = col[(size_t)j * stride];
                up = v.x;
                up_b = (uint32_t)v.y;
                up_f = v.z;
                up_fb = (uint32_t)v.w;
            }
            int d = diag;
            uint32_t d_b = diag_b;
            diag = up;
            diag_b = up_b;
            int f = up_f;
            uint32_t f_b = up_fb;
#pragma unroll
            for (int r = 0; r < TILE; r++) {
                int eo = H[r] - O, ee = E[r] - X;
                BE[r] = eo >= ee ? BH[r] : BE[r];
                E[r] = max(eo, ee);
                int fo = up - O, fe = f - X;
                f_b = fo >= fe ? up_b : f_b;
                f = max(fo, fe);
                int h = d + s_score[qrow[r] + tc];
                uint32_t h_b = d_b;
                if (E[r] > h) h = E[r], h_b = BE[r];
                if (f > h) h = f, h_b = f_b;
                if (MODE == MODE_LOCAL && h <= 0) h = 0, h_b = pack(i0 + r + 1, j);
                d = H[r];
                d_b = BH[r];
                H[r] = h;
                BH[r] = h_b;
                up = h;
                up_b = h_b;
                if (MODE == MODE_LOCAL && r < rows && h > tile_best)
                    tile_best = h, tile_b = h_b, tile_i = i0 + r + 1, tile_j = j;
                if (MODE == MODE_SEMI && r == last && h > tile_best)
                    tile_best = h, tile_b = h_b, tile_i = m, tile_j = j;
            }
            if (i0 + TILE < m) col[(size_t)j * stride] = make_int4(up, (int)up_b, f, (int)f_b);
        }
        if (MODE == MODE_LOCAL &&
            (tile_best > best || (tile_best == best && tile_best > 0 && tile_j < best_j)))
            best = tile_best, best_b = tile_b, best_i = tile_i, best_j = tile_j;
        if (MODE == MODE_SEMI && last < TILE && tile_best > best) // only the last tile has row m
            best = tile_best, best_b = tile_b, best_i = tile_i, best_j = tile_j;
        if (MODE == MODE_GLOBAL && last < TILE) {
#pragma unroll
            for (int r = 0; r < TILE; r++)
                if (r == last) best = H[r], best_b = BH[r];
            best_i = m;
            best_j = n;
        }
    }
    if (bad < 0) *P.bad_letter = 1;
    bm_gpu_hit_t hit;
    memset(&hit, 0, sizeof hit);
    hit.score = best;
    hit.qend = best_i;
    hit.tend = best_j;
    int begun = MODE != MODE_LOCAL || best > 0; // local: an empty alignment begins at (0, 0)
    hit.qbeg = begun ? (int)(best_b >> 16) : 0;
    hit.tbeg = begun ? (int)(best_b & 0xffff) : 0;
    P.hits[pair] = hit;
}
