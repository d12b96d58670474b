/* The NCBI matrix parser and built-in matrices: known entries, files equal to built-ins, case and
 * CRLF, and malformed files each giving BM_EFORMAT with the file name, the line and the problem. */
#include "align_test.h"

#include <unistd.h>

static const char *tmpdir(void)
{
    const char *d = getenv("BIOMETAL_TEST_TMP");
    return d && *d ? d : "/tmp";
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
}

static int same_scoring(const bm_scoring_t *a, const bm_scoring_t *b)
{
    if (a->size != b->size || strcmp(a->letters, b->letters) || a->wildcard != b->wildcard ||
        memcmp(a->index, b->index, sizeof a->index))
        return 0;
    for (int i = 0; i < a->size; i++)
        for (int j = 0; j < a->size; j++)
            if (a->score[i][j] != b->score[i][j]) return 0;
    return 1;
}

/* The matrix as NCBI text, rows in the given order (so files can differ in layout). */
static size_t format_ncbi(const bm_scoring_t *sc, char *out, size_t cap, int lower, int crlf)
{
    size_t o = 0;
    const char *eol = crlf ? "\r\n" : "\n";
    o += (size_t)snprintf(out + o, cap - o, "# %s written back%s  ", sc->name, eol);
    for (int j = 0; j < sc->size; j++)
        o += (size_t)snprintf(out + o, cap - o, " %c",
                              lower && sc->letters[j] != '*' ? sc->letters[j] | 0x20
                                                             : sc->letters[j]);
    o += (size_t)snprintf(out + o, cap - o, "%s", eol);
    for (int i = sc->size - 1; i >= 0; i--) { /* rows in reverse order */
        o += (size_t)snprintf(out + o, cap - o, "%c", sc->letters[i]);
        for (int j = 0; j < sc->size; j++)
            o += (size_t)snprintf(out + o, cap - o, "\t%d", sc->score[i][j]);
        o += (size_t)snprintf(out + o, cap - o, "%s%s", eol, i == 3 ? eol : "");
    }
    return o;
}

static void test_builtins(void)
{
    static const struct {
        const char *name;
        char a, b;
        int score;
    } known[] = {
        /* entries read off NCBI's published tables */
        {"BLOSUM62", 'W', 'W', 11}, {"BLOSUM62", 'A', 'R', -1}, {"BLOSUM62", '*', '*', 1},
        {"BLOSUM62", 'C', 'C', 9},  {"blosum62", 'y', 'h', 2},  {"BLOSUM45", 'C', 'C', 12},
        {"BLOSUM45", 'W', 'W', 15}, {"BLOSUM50", 'P', 'P', 10}, {"BLOSUM50", 'E', 'Z', 5},
        {"BLOSUM80", 'W', 'W', 16}, {"BLOSUM80", 'D', 'N', 2},  {"PAM250", 'W', 'W', 17},
        {"PAM250", 'C', 'W', -8},   {"PAM250", 'F', 'Y', 7},    {"EDNAFULL", 'A', 'A', 5},
        {"EDNAFULL", 'A', 'R', 1},  {"EDNAFULL", 'N', 'N', -1}, {"EDNAFULL", 'U', 'T', 5},
        {"NUC.4.4", 'S', 'G', 1},   {"EDNAFULL", 'u', 'n', -2},
    };
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        bm_scoring_t sc;
        int rc = bm_scoring_builtin(&sc, known[k].name);
        AT_CHECK(rc == 0, "%s: %s", known[k].name, bm_last_error());
        if (rc) continue;
        int got = bm_scoring_score(&sc, known[k].a, known[k].b);
        int sym = bm_scoring_score(&sc, known[k].b, known[k].a);
        AT_CHECK(got == known[k].score && sym == got, "%s %c/%c = %d (%d), want %d", known[k].name,
                 known[k].a, known[k].b, got, sym, known[k].score);
    }
    bm_scoring_t sc;
    bm_scoring_builtin(&sc, "BLOSUM62");
    AT_CHECK(sc.size == 24 && !strcmp(sc.letters, "ARNDCQEGHILKMFPSTWYVBZX*") &&
                 sc.letters[sc.wildcard] == 'X' && sc.min_score == -4 && sc.max_score == 11,
             "BLOSUM62 shape: %d letters '%s', min %d max %d", sc.size, sc.letters, sc.min_score,
             sc.max_score);
    AT_CHECK(sc.index['j'] == -1 && sc.index['U'] == -1 && sc.index['w'] == sc.index['W'],
             "BLOSUM62 index");
    bm_scoring_builtin(&sc, "EDNAFULL");
    AT_CHECK(sc.size == 16 && sc.letters[sc.wildcard] == 'N', "EDNAFULL shape");
    bm_scoring_dna(&sc, 3, -2, -1);
    AT_CHECK(bm_scoring_score(&sc, 'a', 'A') == 3 && bm_scoring_score(&sc, 'A', 'c') == -2 &&
                 bm_scoring_score(&sc, 'N', 'N') == -1 && bm_scoring_score(&sc, 'R', 'A') == -1 &&
                 bm_scoring_score(&sc, 'U', 'T') == -1 && sc.index[0] == 4,
             "DNA scoring entries");
}

/* Every built-in written out as a file (different layout, case, CRLF) loads back identical. */
static void test_round_trip(void)
{
    static const char *names[] = {"BLOSUM45", "BLOSUM50", "BLOSUM62",
                                  "BLOSUM80", "PAM250",   "EDNAFULL"};
    char path[512], text[16384];
    for (size_t k = 0; k < 6; k++) {
        bm_scoring_t a, b;
        bm_scoring_builtin(&a, names[k]);
        size_t len = format_ncbi(&a, text, sizeof text, (int)(k % 2), k % 3 == 0);
        snprintf(path, sizeof path, "%s/matrix_%s_%d", tmpdir(), names[k], (int)getpid());
        write_file(path, text, len);
        int rc = bm_scoring_load(&b, path);
        AT_CHECK(rc == 0 && same_scoring(&a, &b), "%s written and loaded: rc %d %s", names[k], rc,
                 bm_last_error());
        const char *base = strrchr(path, '/') + 1;
        AT_CHECK(rc != 0 || !strcmp(b.name, base), "loaded name '%s'", b.name);
        unlink(path);
    }
    int rc = bm_scoring_load(&(bm_scoring_t){0}, "/nonexistent/dir/BLOSUM62");
    AT_CHECK(rc == BM_EIO && strstr(bm_last_error(), "/nonexistent/dir/BLOSUM62"),
             "missing file: rc %d '%s'", rc, bm_last_error());
}

static void test_malformed(void)
{
    static const struct {
        const char *text;
        const char *message; /* after "NAME: " */
    } cases[] = {
        {"", "no header line"},
        {"# only\n#comments\n\n", "no header line"},
        {"  A  B\nA 1\n", "line 2: row 'A' has 1 numbers, the header has 2 letters"},
        {"  A  B\nA 1 2 3\nB 1 2\n", "line 2: row 'A' has more than 2 numbers"},
        {"  A  AB\n", "line 1: header: 'AB' is not a single letter"},
        {"  A  1\n", "line 1: header: '1' is not a single letter"},
        {"  A  -\n", "line 1: header: '-' is not a single letter"},
        {"  A  a\n", "line 1: header: letter 'A' appears twice"},
        {"  A  B\nA 1 x\nB 1 2\n", "line 2: row 'A': 'x' is not an integer"},
        {"  A  B\nA 1 1.5\nB 1 2\n", "line 2: row 'A': '1.5' is not an integer"},
        {"  A  B\nA 1 -\nB 1 2\n", "line 2: row 'A': '-' is not an integer"},
        {"  A  B\nA 1 2\nC 1 2\n", "line 3: row letter 'C' is not in the header"},
        {"  A  B\nA 1 2\nA 1 2\n", "line 3: row 'A' appears twice"},
        {"  A  B\nB 1 2\n# end\n", "line 3: file ends with 1 of 2 rows; missing rows: A"},
        {"  A  B\nA 1 2\nB 1 2\nA 1 2\n", "line 4: more rows than the 2 letters"},
        {"  A  B\nA 1 99999\nB 1 2\n", "line 2: row 'A': 99999 is outside the score range"},
        {"  A  B\nA 1 2\n1 1 2\n", "line 3: row starts with '1', not a letter"},
        {"  A  B\nA 1 2\nB 1 2\x01\n", "line 3: row 'B': '2\\x01' is not an integer"},
        {"  A  B\nA 1 2\nB\0 1 2\n", "line 3: NUL byte"},
        {"  A B C D E F G H I J K L M N O P Q R S T U V W X Y Z * a b c d e f\n",
         "line 1: header: letter 'A' appears twice"},
        {"  A B C D E F G H I J K L M N O P Q R S T U V W X Y Z * \n", "file ends with 0 of 27"},
    };
    char path[512];
    snprintf(path, sizeof path, "%s/bad_%d.mat", tmpdir(), (int)getpid());
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k].text);
        if (strstr(cases[k].message, "NUL")) len = 16;
        bm_scoring_t sc;
        memset(&sc, 0x5a, sizeof sc);
        bm_scoring_t untouched = sc;
        int rc = bm_scoring_parse(&sc, cases[k].text, len, "bad.mat");
        AT_CHECK(rc == BM_EFORMAT && !strncmp(bm_last_error(), "bad.mat: ", 9) &&
                     strstr(bm_last_error(), cases[k].message),
                 "case %zu: rc %d, message '%s', want '%s'", k, rc, bm_last_error(),
                 cases[k].message);
        AT_CHECK(!memcmp(&sc, &untouched, sizeof sc), "case %zu: output changed on error", k);
        /* the same through a file: the message names the path */
        write_file(path, cases[k].text, len);
        rc = bm_scoring_load(&sc, path);
        AT_CHECK(rc == BM_EFORMAT && !strncmp(bm_last_error(), path, strlen(path)) &&
                     strstr(bm_last_error(), cases[k].message),
                 "case %zu from a file: rc %d, message '%s'", k, rc, bm_last_error());
    }
    unlink(path);
    /* a minimal valid file: comments, blank lines, CRLF, tabs, signs */
    const char *ok = "# a\r\n\r\n\tA\tc\t*\r\nA +1 -2 0\r\n* 3 4 5\r\n\r\nC -7 8 9\r\n";
    bm_scoring_t sc;
    int rc = bm_scoring_parse(&sc, ok, strlen(ok), "ok.mat");
    AT_CHECK(rc == 0 && sc.size == 3 && !strcmp(sc.letters, "AC*") &&
                 bm_scoring_score(&sc, 'a', 'C') == -2 && bm_scoring_score(&sc, 'c', 'a') == -7 &&
                 bm_scoring_score(&sc, '*', '*') == 5 && sc.wildcard == -1 && sc.min_score == -7 &&
                 sc.max_score == 9 && !strcmp(sc.name, "ok.mat"),
             "minimal file: rc %d %s", rc, bm_last_error());
}

int main(void)
{
    at_init(7);
    test_builtins();
    test_round_trip();
    test_malformed();
    return at_finish("align_matrix");
}
