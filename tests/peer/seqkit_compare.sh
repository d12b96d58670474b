#!/bin/sh
# Peer test: `biometal stats -a -T` against `seqkit stats -a -T`, every column, on real and random
# FASTA/FASTQ files; also each file against stdin, and all files in one threaded run.
#
# Inputs: the Bowtie 2 example files (as gzip, plain and BGZF, and a 12 MB plain file made of them,
# also with -@ N), data/sample/*, and 50 random files.
# Usage: seqkit_compare.sh BIOMETAL_BIN
# Exit: 0 all equal, 1 a difference or a failed run, 2 bad usage, 77 seqkit not installed (skip).
# BIOMETAL_PEER_SEED changes the seed of the random files (printed with every mismatch);
# BIOMETAL_PEER_KEEP=1 keeps the temporary directory.
# The one allowed difference: when all sequences of a file have the same length L, seqkit 2.3
# prints L/2 for Q1 and Q3 where biometal prints L; exactly that is checked in that case.

set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 BIOMETAL_BIN" >&2
    exit 2
fi
BIN=$1
if [ ! -x "$BIN" ]; then
    echo "$0: $BIN is not an executable" >&2
    exit 2
fi
if ! command -v seqkit >/dev/null 2>&1; then
    echo "skipped: seqkit not installed"
    exit 77
fi

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SEED=${BIOMETAL_PEER_SEED:-20240611}
NRANDOM=50
BOWTIE2=/usr/share/doc/bowtie2/examples

TMP=$(mktemp -d "${TMPDIR:-/tmp}/biometal-peer.XXXXXX") || exit 1
cleanup() {
    if [ "${BIOMETAL_PEER_KEEP:-0}" = 1 ]; then
        echo "kept $TMP"
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

failures=0
compared=0
have_bgzip=0
command -v bgzip >/dev/null 2>&1 && have_bgzip=1

# ---- inputs ---------------------------------------------------------------------------------

# Writes NRANDOM random FASTA/FASTQ files into $1 (awk with a fixed seed: reproducible).
generate_random() {
    awk -v seed="$SEED" -v nfiles="$NRANDOM" -v dir="$1" '
    function rnd(n) { return int(rand() * n) }
    function pick(s) { return substr(s, rnd(length(s)) + 1, 1) }
    function letters(len, alpha, mixed,    s, i, c) {
        s = ""
        for (i = 0; i < len; i++) {
            c = pick(alpha)
            if (mixed && rand() < 0.5) c = tolower(c)
            s = s c
        }
        return s
    }
    function quals(len,    s, i) {
        s = ""
        for (i = 0; i < len; i++) s = s pick(QUAL)
        return s
    }
    function length_of(same,    u, l) {
        if (same >= 0) return same
        u = rand()
        if (u < 0.1) l = 0
        else if (u < 0.3 && nd > 0) l = D[rnd(nd)]   # duplicate an earlier length
        else if (u < 0.93) l = 1 + rnd(300)
        else l = 300 + rnd(15000)
        D[nd++] = l
        return l
    }
    BEGIN {
        srand(seed)
        for (i = 33; i <= 126; i++) QUAL = QUAL sprintf("%c", i)
        ALPHA["dna"] = "ACGTN"
        ALPHA["iupac"] = "ACGTRYSWKMBDHVN"
        ALPHA["rna"] = "ACGUN"
        ALPHA["protein"] = "ACDEFGHIKLMNPQRSTVWYX*"
        ALPHA["gaps"] = "ACGT-."
        KIND[0] = "dna"; KIND[1] = "iupac"; KIND[2] = "rna"; KIND[3] = "protein"; KIND[4] = "gaps"
        for (f = 1; f <= nfiles; f++) {
            fastq = rand() < 0.5
            if (f == 14) fastq = 0                  # all sequences empty: FASTA (see below)
            file = sprintf("%s/random_%02d.%s", dir, f, fastq ? "fq" : "fa")
            n = rnd(201)
            eol = rnd(8) == 0 ? "\r\n" : "\n"
            width = (fastq || rand() < 0.4) ? 0 : 10 + rnd(71)
            same = -1
            if (f % 7 == 0) same = 1 + rnd(300)     # all lengths equal
            if (f == 14) same = 0                   # all sequences empty
            first = KIND[rnd(5)]
            nd = 0
            printf "" > file
            for (r = 1; r <= n; r++) {
                kind = (r == 1 || rand() < 0.2) ? first : KIND[rnd(5)]
                len = length_of(same)
                # seqkit 2.3 reports FASTQ as "FASTA" when the first record is empty: avoid that.
                if (fastq && r == 1 && len == 0) len = 1 + rnd(300)
                seq = letters(len, ALPHA[kind], rand() < 0.3)
                name = rand() < 0.3 ? "r" r " some description" : "r" r
                if (fastq) {
                    printf "@%s%s%s%s+%s%s%s", name, eol, seq, eol, eol, quals(len), eol > file
                } else {
                    printf ">%s%s", name, eol > file
                    if (width == 0) printf "%s%s", seq, eol > file
                    else for (i = 1; i <= len; i += width) printf "%s%s", substr(seq, i, width), eol > file
                }
            }
            close(file)
        }
    }'
}

# ---- comparisons ------------------------------------------------------------------------------

# compare_tables BIOMETAL_TSV SEQKIT_TSV LABEL: every column of the one data row of each.
compare_tables() {
    awk -F '\t' -v label="$3" -v seed="$SEED" '
    FNR == 1 { file_no++ }
    file_no == 1 && FNR == 1 { nb = split($0, HB, "\t"); next }
    file_no == 1 { rows_b++; split($0, B, "\t"); next }
    file_no == 2 && FNR == 1 { ns = split($0, HS, "\t"); next }
    file_no == 2 { rows_s++; split($0, S, "\t"); next }
    function bad(col, bv, sv, why) {
        printf "MISMATCH %s: column %s: biometal %s, seqkit %s%s (seed %s)\n", label, col, bv, sv, why, seed
        errors++
    }
    END {
        if (nb != ns) { bad("header", nb " columns", ns " columns", ""); exit 1 }
        for (c = 1; c <= nb; c++) if (HB[c] != HS[c]) bad("header " c, HB[c], HS[c], "")
        if (rows_b != 1 || rows_s != 1) { bad("rows", rows_b + 0, rows_s + 0, ""); exit 1 }
        for (c = 1; c <= nb; c++) col[HB[c]] = c
        same = (B[col["num_seqs"]] > 0 && B[col["min_len"]] == B[col["max_len"]])
        for (c = 1; c <= nb; c++) {
            h = HB[c]
            if (same && (h == "Q1" || h == "Q3")) {
                # The documented difference: biometal the length, seqkit half of it.
                L = B[col["min_len"]]
                if (B[c] != sprintf("%.1f", L) || S[c] != sprintf("%.1f", L / 2))
                    bad(h, B[c], S[c], " (all lengths " L ": expected " sprintf("%.1f", L) " and " sprintf("%.1f", L / 2) ")")
                continue
            }
            if (B[c] != S[c]) bad(h, B[c], S[c], "")
        }
        exit errors > 0
    }' "$1" "$2"
}

# compare_stdin FILE: `biometal stats -a -T FILE` and `... - < FILE` agree except the file column.
compare_stdin() {
    if ! "$BIN" stats -a -T - <"$1" >"$TMP/stdin.tsv" 2>"$TMP/stdin.err"; then
        echo "FAIL $1 on stdin: biometal failed: $(cat "$TMP/stdin.err")"
        failures=$((failures + 1))
        return
    fi
    cut -f 2- "$TMP/stdin.tsv" >"$TMP/stdin.tsv.cut"
    cut -f 2- "$TMP/b.tsv" >"$TMP/b.tsv.cut"
    if ! cmp -s "$TMP/b.tsv.cut" "$TMP/stdin.tsv.cut"; then
        echo "MISMATCH $1: file and stdin differ (seed $SEED):"
        diff "$TMP/b.tsv.cut" "$TMP/stdin.tsv.cut" | sed 's/^/    /'
        failures=$((failures + 1))
    fi
    if [ "$(tail -n 1 "$TMP/stdin.tsv" | cut -f 1)" != "-" ]; then
        echo "MISMATCH $1 on stdin: file column is not '-'"
        failures=$((failures + 1))
    fi
}

# compare FILE [BIOMETAL_OPTION...]: biometal against seqkit, then biometal on stdin.
compare() {
    compared=$((compared + 1))
    f=$1
    shift
    if ! "$BIN" stats -a -T "$@" "$f" >"$TMP/b.tsv" 2>"$TMP/b.err"; then
        echo "FAIL $f $*: biometal failed: $(cat "$TMP/b.err")"
        failures=$((failures + 1))
        return
    fi
    if ! seqkit stats -a -T "$f" >"$TMP/s.tsv" 2>"$TMP/s.err"; then
        echo "FAIL $f: seqkit failed: $(cat "$TMP/s.err")"
        failures=$((failures + 1))
        return
    fi
    if ! compare_tables "$TMP/b.tsv" "$TMP/s.tsv" "$f${*:+ (biometal $*)}"; then
        failures=$((failures + 1))
    fi
    [ $# -gt 0 ] && return
    compare_stdin "$f"
    printf '%s\n' "$f" >>"$TMP/all.list"
    tail -n 1 "$TMP/b.tsv" >>"$TMP/all.single.tsv"
}

# All files in one run with threads (files in parallel, read-ahead): the same rows, in order.
compare_threaded() {
    old_ifs=$IFS
    IFS='
'
    # shellcheck disable=SC2046
    set -- $(cat "$TMP/all.list")
    IFS=$old_ifs
    if ! "$BIN" stats -a -T -@ 3 "$@" >"$TMP/all.tsv" 2>"$TMP/all.err"; then
        echo "FAIL biometal stats -@ 3 on $# files: $(cat "$TMP/all.err")"
        failures=$((failures + 1))
        return
    fi
    if ! tail -n +2 "$TMP/all.tsv" | cmp -s - "$TMP/all.single.tsv"; then
        echo "MISMATCH biometal stats -@ 3 on $# files differs from one run per file (seed $SEED):"
        tail -n +2 "$TMP/all.tsv" | diff "$TMP/all.single.tsv" - | sed 's/^/    /'
        failures=$((failures + 1))
    fi
}

# compare_forms FILE.gz: the gzip file, its plain text, and a BGZF copy.
compare_forms() {
    base=$(basename "$1" .gz)
    compare "$1"
    gzip -dc "$1" >"$TMP/plain/$base" || { echo "FAIL cannot decompress $1"; failures=$((failures + 1)); return; }
    compare "$TMP/plain/$base"
    if [ $have_bgzip = 1 ]; then
        bgzip -c "$TMP/plain/$base" >"$TMP/bgzf/$base.gz"
        compare "$TMP/bgzf/$base.gz"
    fi
}

mkdir -p "$TMP/plain" "$TMP/bgzf" "$TMP/random"
[ $have_bgzip = 1 ] || echo "note: bgzip not installed, BGZF copies not compared"

found=0
for f in "$BOWTIE2"/reads/*.fq.gz "$BOWTIE2"/reference/lambda_virus.fa.gz; do
    [ -f "$f" ] || continue
    found=1
    compare_forms "$f"
done
[ $found = 1 ] || echo "note: $BOWTIE2 not found (Debian package bowtie2-examples), not compared"

# A plain file over 8 MiB, which `stats -@ N` splits into ranges read in parallel.
if [ -f "$TMP/plain/longreads.fq" ] && [ -f "$TMP/plain/reads_1.fq" ]; then
    cat "$TMP/plain/longreads.fq" "$TMP/plain/reads_1.fq" "$TMP/plain/longreads.fq" \
        "$TMP/plain/reads_1.fq" >"$TMP/plain/big.fq"
    compare "$TMP/plain/big.fq"
    compare "$TMP/plain/big.fq" -@ 2
    compare "$TMP/plain/big.fq" -@ 5
fi

for f in "$ROOT"/data/sample/*; do
    case $f in
    *.fa | *.fq | *.fasta | *.fastq | *.fa.gz | *.fq.gz | *.fasta.gz | *.fastq.gz) compare "$f" ;;
    esac
done

generate_random "$TMP/random" || { echo "FAIL cannot generate random files"; exit 1; }
for f in "$TMP"/random/*; do
    compare "$f"
done

compare_threaded

echo "compared $compared files with seqkit ($(seqkit version 2>/dev/null)), seed $SEED: $failures failures"
[ $failures = 0 ]
