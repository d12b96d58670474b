/* Property test of the reader's block scanner (src/io/line_scan*.c): every variant this machine
 * runs gives the bitmaps, newline positions and range answers of a byte-by-byte reference. */
#include "biometal/ops.h"
#include "../../src/io/line_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 32);
}

static int failures;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond) && failures++ < 20) {                                                          \
            fprintf(stderr, "FAIL line %d: ", __LINE__);                                           \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static int is_bad(unsigned char c)
{
    return c < 33 || c > 126;
}
static int is_ctrl(unsigned char c)
{
    return (c < 32 && c != 9) || c == 127;
}

/* FASTQ-like text (mode 0), newline-dense text (1) or any byte (2). */
static void fill(char *b, size_t n, int mode)
{
    static const char text[] = "ACGTN@+!~ #I5\n\n\r\t\x7f\x01\x80\xff";
    for (size_t i = 0; i < n; i++) {
        unsigned r = rnd();
        if (mode == 0)
            b[i] = r % 60 == 0 ? '\n' : (char)(33 + r % 94);
        else if (mode == 1)
            b[i] = text[r % (sizeof text - 1)];
        else
            b[i] = (char)r;
    }
}

/* Scans buf[base, base + n) in random pieces (as the reader does when it extends a scan), then
 * checks everything against the bytes. */
static void check_scan(bm_isa_t isa, const char *buf, size_t base, size_t n, uint64_t seed)
{
    bm_line_scan_t s = {0};
    bm_line_scan_reset(&s);
    s.base = s.end = base;
    size_t done = 0;
    while (done < n) {
        size_t step = 1 + rnd() % (n - done);
        if (rnd() % 2) step = n - done;
        if (bm_line_scan_extend(&s, buf, step) < 0) {
            CHECK(0, "out of memory");
            break;
        }
        done += step;
    }
    CHECK(s.base == base && s.end == base + n, "seed %llu isa %s n %zu: bounds %zu..%zu",
          (unsigned long long)seed, bm_isa_name(isa), n, s.base, s.end);
    size_t k = 0;
    for (size_t i = base; i < base + n; i++) {
        if (buf[i] != '\n') continue;
        CHECK(k < s.npos && s.pos[k] == i, "seed %llu isa %s n %zu: newline %zu at %zu, got %zu",
              (unsigned long long)seed, bm_isa_name(isa), n, k, i, k < s.npos ? s.pos[k] : 0);
        k++;
    }
    CHECK(k == s.npos, "seed %llu isa %s n %zu: %zu newlines, scanner found %zu",
          (unsigned long long)seed, bm_isa_name(isa), n, k, s.npos);
    for (int t = 0; t < 200 && n > 0; t++) {
        size_t b = base + rnd() % n, len = rnd() % (base + n - b + 1);
        int want_bad = 1, want_ctrl = 1;
        for (size_t i = b; i < b + len; i++) {
            if (is_bad((unsigned char)buf[i])) want_bad = 0;
            if (is_ctrl((unsigned char)buf[i])) want_ctrl = 0;
        }
        int got_bad = bm_line_scan_clear(&s, b, len);
        int got_ctrl = bm_line_scan_no_control(&s, buf, b, len);
        CHECK(got_bad == want_bad && got_ctrl == want_ctrl,
              "seed %llu isa %s n %zu range %zu+%zu: bad %d/%d ctrl %d/%d",
              (unsigned long long)seed, bm_isa_name(isa), n, b, len, want_bad, got_bad, want_ctrl,
              got_ctrl);
    }
    /* Outside the scanned bytes the answer is "unknown". */
    if (base > 0) CHECK(bm_line_scan_clear(&s, base - 1, 1) == -1, "before base");
    CHECK(bm_line_scan_clear(&s, base, n + 1) == -1, "past the end");
    bm_line_scan_free(&s);
}

int main(void)
{
    const uint64_t seed = 0x11e5ca9ULL;
    rng = seed;
    char *buf = malloc(70000);
    int tested = 0;
    for (int isa = 0; isa < BM_ISA_COUNT; isa++) {
        if (!bm_isa_supported((bm_isa_t)isa)) continue;
        bm_isa_force((bm_isa_t)isa);
        tested++;
        for (int mode = 0; mode < 3; mode++) {
            for (size_t n = 0; n <= 700; n++) {
                size_t base = rnd() % 100;
                fill(buf, base + n, mode);
                check_scan((bm_isa_t)isa, buf, base, n, seed);
            }
            fill(buf, 70000, mode);
            check_scan((bm_isa_t)isa, buf, 3, 69990, seed);
        }
    }
    free(buf);
    printf("line scan: %d variant(s) against the byte-by-byte reference: %s\n", tested,
           failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
