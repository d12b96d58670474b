#!/usr/bin/env bash
# CLI tests of `biometal filter` and `biometal trim` on generated reads, against references written
# independently in awk: pairs stay in step and are dropped together, errors exit 1 naming the
# record and leave no output, bad options exit 2, compression follows the output name, -@ 1 and
# -@ 4 give identical bytes, stdin and empty inputs work, the JSON summary adds up.
# Usage: run.sh BIOMETAL_BIN CASE   (CASE: pairs errors usage compression special_outputs threads
#                                    stdin_empty json phred fasta)
# BIOMETAL_CLI_SEED changes the seed of the generated reads (printed with every failure).
set -u
[ $# -eq 2 ] || { echo "usage: $0 BIOMETAL_BIN CASE" >&2; exit 2; }
BIN=$1 CASE=$2
[ -x "$BIN" ] || { echo "$0: $BIN is not executable" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
SEED=${BIOMETAL_CLI_SEED:-20261125}
export LC_ALL=C
# a sanitizer report must not pass for the exit status 1 some cases expect
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/biometal-cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
failures=0 checks=0

fail() {
    echo "FAIL [$CASE, seed $SEED]: $*"
    failures=$((failures + 1))
}
ok() { checks=$((checks + 1)); }

# same FILE_A FILE_B WHAT: byte-identical files.
same() {
    if cmp -s "$1" "$2"; then ok; else
        fail "$3: $1 and $2 differ"
        diff "$1" "$2" | head -6
    fi
}

# expect STATUS FRAGMENT CMD...: exit status and a fragment of stderr.
expect() {
    local want=$1 frag=$2 rc=0
    shift 2
    "$@" >stdout.txt 2>stderr.txt || rc=$?
    if grep -qE "Sanitizer|runtime error" stderr.txt; then
        fail "'$*': sanitizer report: $(grep -m3 -E "Sanitizer|runtime error" stderr.txt)"
    elif [ "$rc" -ne "$want" ]; then
        fail "'$*' exited $rc, expected $want; stderr: $(head -3 stderr.txt)"
    elif [ -n "$frag" ] && ! grep -qF -- "$frag" stderr.txt; then
        fail "'$*': stderr lacks '$frag': $(head -3 stderr.txt)"
    else
        ok
    fi
}

# no_outputs FILE...: none of the files, nor their .tmp, exist.
no_outputs() {
    for f in "$@"; do
        if [ -e "$f" ] || [ -e "$f.tmp" ]; then fail "$f or $f.tmp left behind"; else ok; fi
    done
}

# gen_pairs N PREFIX: PREFIX_1.fq and PREFIX_2.fq, mates named p<i>/1 and p<i>/2 (some with a
# description), lengths 0..150, random bases (some N) and qualities '!'..'J'.
gen_pairs() {
    awk -v seed="$SEED" -v n="$1" -v f1="$2_1.fq" -v f2="$2_2.fq" '
    function letters(len, alpha,    s, i) {
        s = ""
        for (i = 0; i < len; i++) s = s substr(alpha, 1 + int(rand() * length(alpha)), 1)
        return s
    }
    function quals(len,    s, i) {
        s = ""
        for (i = 0; i < len; i++) s = s sprintf("%c", 33 + int(rand() * 42))
        return s
    }
    BEGIN {
        srand(seed)
        for (i = 1; i <= n; i++) {
            for (m = 1; m <= 2; m++) {
                len = int(rand() * 151)
                desc = (i % 3 == 0) ? " " m ":N:0:ACGT" : ""
                name = (i % 3 == 0) ? "p" i : "p" i "/" m
                out = m == 1 ? f1 : f2
                printf "@%s%s\n%s\n+\n%s\n", name, desc, letters(len, "ACGTACGTACGTN"), quals(len) > out
            }
        }
    }'
}

# ref_pairs MIN HEAD TAIL IN1 IN2 OUT1 OUT2: the reference of `trim --head HEAD --tail TAIL -l MIN`
# (HEAD = TAIL = 0: `filter -l MIN`) on a pair of files.
ref_pairs() {
    awk -v min="$1" -v head="$2" -v tail="$3" -v f2="$5" -v o1="$6" -v o2="$7" '
    function cut(s,    n) { n = length(s) - head - tail; return n > 0 ? substr(s, head + 1, n) : "" }
    {
        h1 = $0; getline s1; getline p1; getline q1
        getline h2 < f2; getline s2 < f2; getline p2 < f2; getline q2 < f2
        s1 = cut(s1); q1 = cut(q1); s2 = cut(s2); q2 = cut(q2)
        if (length(s1) >= min && length(s2) >= min) {
            printf "%s\n%s\n+\n%s\n", h1, s1, q1 > o1
            printf "%s\n%s\n+\n%s\n", h2, s2, q2 > o2
        }
    }' "$4"
    touch "$6" "$7"
}

# interleave A B OUT: records of A and B alternating.
interleave() {
    awk -v b="$2" '{ print; for (i = 0; i < 3; i++) { getline l; print l }
                     for (i = 0; i < 4; i++) { getline l < b; print l } }' "$1" >"$3"
}

case_pairs() {
    gen_pairs 3000 in
    ref_pairs 60 0 0 in_1.fq in_2.fq want_1.fq want_2.fq
    "$BIN" filter -Q -l 60 in_1.fq in_2.fq -o got_1.fq -O got_2.fq || fail "filter -l 60 pairs failed"
    same want_1.fq got_1.fq "filter -l 60, mate 1"
    same want_2.fq got_2.fq "filter -l 60, mate 2"
    # one mate too short drops the pair: the reference keeps fewer pairs than mate 1 alone would
    awk 'NR % 4 == 2 && length($0) >= 60' in_1.fq | wc -l >n1.txt
    [ "$(grep -c '' want_1.fq)" -lt "$(($(cat n1.txt) * 4))" ] && ok ||
        fail "the data has no pair with one short mate"

    ref_pairs 40 5 10 in_1.fq in_2.fq wantt_1.fq wantt_2.fq
    "$BIN" trim -Q --head 5 --tail 10 -l 40 in_1.fq in_2.fq -o gott_1.fq -O gott_2.fq ||
        fail "trim pairs failed"
    same wantt_1.fq gott_1.fq "trim --head 5 --tail 10 -l 40, mate 1"
    same wantt_2.fq gott_2.fq "trim --head 5 --tail 10 -l 40, mate 2"

    # interleaved input and output give the same pairs
    interleave in_1.fq in_2.fq il.fq
    interleave want_1.fq want_2.fq want_il.fq
    "$BIN" filter -Q -l 60 --interleaved il.fq -o il_1.fq -O il_2.fq || fail "interleaved failed"
    same want_1.fq il_1.fq "--interleaved -o -O, mate 1"
    same want_2.fq il_2.fq "--interleaved -o -O, mate 2"
    "$BIN" filter -Q -l 60 --interleaved il.fq -o il_out.fq || fail "interleaved to one file failed"
    same want_il.fq il_out.fq "--interleaved to one output"
    "$BIN" filter -Q -l 60 in_1.fq in_2.fq >two_to_one.fq || fail "pairs to stdout failed"
    same want_il.fq two_to_one.fq "two inputs, no -O: interleaved output"
}

case_errors() {
    gen_pairs 3000 in
    # mate names differ at pair 2345
    awk 'NR == 4 * 2344 + 1 { print "@q2345/2"; next } { print }' in_2.fq >bad_2.fq
    expect 1 "record 2345" "$BIN" filter -Q in_1.fq bad_2.fq -o o1.fq -O o2.fq
    grep -qF "q2345/2" stderr.txt && ok || fail "the mismatch message does not name the read"
    no_outputs o1.fq o2.fq
    # the second file ends first, then the first one
    head -n 4000 in_2.fq >short_2.fq
    expect 1 "short_2.fq ends after 1000 records" "$BIN" trim -Q in_1.fq short_2.fq -o o1.fq -O o2.fq
    no_outputs o1.fq o2.fq
    expect 1 "record 1001" "$BIN" filter -Q short_2.fq in_1.fq -o o1.fq.gz -O o2.fq.gz
    no_outputs o1.fq.gz o2.fq.gz
    # interleaved: a lone last record; mates out of step
    head -n 12 in_1.fq >odd.fq
    expect 1 "record 3" "$BIN" filter -Q --interleaved odd.fq -o o1.fq
    no_outputs o1.fq
    expect 1 "not mates" "$BIN" filter -Q --interleaved in_1.fq -o o1.fq
    no_outputs o1.fq
    # a record cut short late in the file (after some batches were written)
    gen_pairs 30000 big
    head -c $(($(wc -c <big_1.fq) - 7)) big_1.fq >trunc.fq
    expect 1 "trunc.fq" "$BIN" filter -Q -@ 2 trunc.fq -o o1.fq
    no_outputs o1.fq
    expect 1 "trunc.fq" "$BIN" trim -Q --window 4:20 big_2.fq trunc.fq -o o1.fq -O o2.fq
    no_outputs o1.fq o2.fq
    # a missing input
    expect 1 "missing.fq" "$BIN" filter -Q missing.fq -o o1.fq
    no_outputs o1.fq
    [ -z "$(ls ./*.tmp 2>/dev/null)" ] && ok || fail "temporary files left: $(ls ./*.tmp)"
}

case_usage() {
    gen_pairs 10 in
    for args in "filter --bogus in_1.fq" "filter -q abc in_1.fq" "filter -l -3 in_1.fq" \
        "filter -l 50 -L 40 in_1.fq" "filter --complexity 101 in_1.fq" "filter -@ x in_1.fq" \
        "filter in_1.fq in_2.fq in_1.fq" "filter -O o2.fq in_1.fq" \
        "filter --interleaved in_1.fq in_2.fq" "filter --phred 50 in_1.fq" \
        "filter - - -o o1.fq -O o2.fq" "trim --window 4 in_1.fq" "trim --window 0:20 in_1.fq" \
        "trim --mott 0 in_1.fq" "trim --mott 0.05,x in_1.fq" "trim -q 20,30,40 in_1.fq" \
        "trim -q 100 in_1.fq" "trim --poly-g=0 in_1.fq" "trim --head x in_1.fq" \
        "trim --adapter ACGT --detect-adapter in_1.fq" "trim in_1.fq in_2.fq -o o1.fq -O o1.fq"; do
        # shellcheck disable=SC2086
        expect 2 "" "$BIN" $args -o o1.fq
        no_outputs o1.fq o2.fq
    done
    expect 2 "needs a file" "$BIN" trim --detect-adapter - -o o1.fq < in_1.fq
    expect 2 "needs a sequence" "$BIN" trim --adapter "" in_1.fq -o o1.fq
    no_outputs o1.fq o2.fq
    expect 2 "--json -" "$BIN" filter --json - in_1.fq
    # --poly-g takes a following number, and leaves a following file name alone
    "$BIN" trim -Q --poly-g 12 in_1.fq -o a.fq && "$BIN" trim -Q --poly-g=12 in_1.fq -o b.fq &&
        "$BIN" trim -Q in_1.fq --poly-g -o c.fq || fail "--poly-g forms"
    same a.fq b.fq "--poly-g 12 and --poly-g=12"
    expect 0 "" "$BIN" filter --help
    expect 0 "" "$BIN" trim --help
    grep -q "fastp's order" stdout.txt && ok || fail "trim --help does not state the order"
}

case_compression() {
    gen_pairs 3000 in
    "$BIN" trim -Q --tail 3 in_1.fq in_2.fq -o plain_1.fq -O plain_2.fq || fail "plain output"
    "$BIN" trim -Q --tail 3 in_1.fq in_2.fq -o z_1.fq.gz -O z_2.fq.bgz || fail "compressed output"
    gzip -t z_1.fq.gz && ok || fail "z_1.fq.gz is not valid gzip"
    gzip -dc z_1.fq.gz >z_1.fq && same plain_1.fq z_1.fq "gzip output decompressed"
    [ "$(head -c 16 z_2.fq.bgz | od -An -tx1 | tr -d ' \n')" = "1f8b08040000000000ff060042430200" ] &&
        ok || fail "z_2.fq.bgz does not start with a BGZF block header"
    gzip -dc z_2.fq.bgz >z_2.fq && same plain_2.fq z_2.fq "BGZF output decompressed"
    # compressed inputs read back
    "$BIN" trim -Q z_1.fq.gz z_2.fq.bgz -o rt_1.fq -O rt_2.fq || fail "compressed input"
    same plain_1.fq rt_1.fq "gzip input"
    same plain_2.fq rt_2.fq "BGZF input"
}

case_threads() {
    gen_pairs 40000 in # several batches of 8192 records
    for cmd in "filter -l 30 -q 15" "filter -n 2 --complexity 40" "trim --mott 0.05" \
        "trim -q 15,20 --window 4:25 --poly-x -l 20"; do
        # shellcheck disable=SC2086
        "$BIN" $cmd -Q -@ 1 in_1.fq -o t1.fq && "$BIN" $cmd -Q -@ 4 in_1.fq -o t4.fq &&
            "$BIN" $cmd -Q -@ 3 in_1.fq in_2.fq -o p3_1.fq -O p3_2.fq &&
            "$BIN" $cmd -Q -@ 1 in_1.fq in_2.fq -o p1_1.fq -O p1_2.fq || fail "$cmd failed"
        same t1.fq t4.fq "$cmd: -@ 1 and -@ 4"
        same p1_1.fq p3_1.fq "$cmd pairs: -@ 1 and -@ 3, mate 1"
        same p1_2.fq p3_2.fq "$cmd pairs: -@ 1 and -@ 3, mate 2"
    done
}

case_stdin_empty() {
    gen_pairs 2000 in
    "$BIN" filter -Q -l 50 in_1.fq -o file.fq || fail "file input"
    "$BIN" filter -Q -l 50 <in_1.fq >stdin1.fq || fail "stdin, no file argument"
    cat in_1.fq | "$BIN" filter -Q -l 50 - -o stdin2.fq || fail "stdin as '-'"
    same file.fq stdin1.fq "stdin without a file argument"
    same file.fq stdin2.fq "stdin as -"
    "$BIN" filter -Q -l 50 - in_2.fq -o s_1.fq -O s_2.fq <in_1.fq || fail "stdin as mate 1"
    "$BIN" filter -Q -l 50 in_1.fq in_2.fq -o f_1.fq -O f_2.fq || fail "files as mates"
    same f_1.fq s_1.fq "pairs with stdin, mate 1"
    same f_2.fq s_2.fq "pairs with stdin, mate 2"
    # empty inputs: empty outputs, exit 0; an empty mate file against a full one: exit 1
    : >empty.fq
    expect 0 "reads in" "$BIN" filter -l 10 empty.fq -o e.fq
    [ -f e.fq ] && [ ! -s e.fq ] && ok || fail "empty input: no empty output file"
    expect 0 "" "$BIN" trim --mott 0.05 empty.fq empty.fq -o e1.fq.gz -O e2.fq
    gzip -dc e1.fq.gz | cmp -s - /dev/null && ok || fail "empty gzip output is not valid"
    : | "$BIN" trim -Q --head 3 >e3.fq && [ ! -s e3.fq ] && ok || fail "empty stdin"
    expect 1 "empty.fq ends after 0 records" "$BIN" filter -Q in_1.fq empty.fq -o x1.fq -O x2.fq
    no_outputs x1.fq x2.fq
}

# json_check FILE EXPECTED_READS_IN: keys present and the counts adding up.
json_check() {
    python3 - "$1" "$2" <<'EOF' || fail "JSON $1: $(cat "$1")"
import json, sys
d = json.load(open(sys.argv[1]))
keys = ["command", "version", "inputs", "outputs", "paired", "format", "quality_offset", "threads",
        "reads_in", "reads_out", "pairs_in", "pairs_out", "bases_in", "bases_out", "bases_dropped",
        "dropped_reads", "seconds"]
missing = [k for k in keys if k not in d]
assert not missing, f"missing keys {missing}"
assert d["reads_in"] == int(sys.argv[2]), "reads_in"
assert d["reads_in"] == d["reads_out"] + sum(d["dropped_reads"].values()), "reads do not add up"
trimmed = sum(d.get("trimmed_bases", {}).values())
assert d["bases_in"] == d["bases_out"] + d["bases_dropped"] + trimmed, "bases do not add up"
if d["paired"]:
    assert d["pairs_in"] * 2 == d["reads_in"] and d["pairs_out"] * 2 == d["reads_out"], "pairs"
EOF
    ok
}

case_json() {
    gen_pairs 3000 in
    "$BIN" filter -Q -l 40 -L 140 -n 3 -q 12 -e 8 --complexity 50 in_1.fq -o f.fq --json f.json ||
        fail "filter --json"
    json_check f.json 3000
    python3 -c "import json; d = json.load(open('f.json')); print(*sorted(d['dropped_reads']))" \
        >keys.txt
    local want_keys="low_complexity low_mean_quality too_long too_many_expected_errors"
    [ "$(cat keys.txt)" = "$want_keys too_many_n too_short" ] && ok ||
        fail "filter dropped_reads keys: $(cat keys.txt)"
    local reads_out
    reads_out=$(python3 -c "import json; print(json.load(open('f.json'))['reads_out'])")
    [ "$(grep -c '' f.fq)" -eq $((reads_out * 4)) ] && ok || fail "reads_out does not match the output"
    "$BIN" trim -Q --head 2 --tail 2 --mott 0.05 -q 10 --window 4:20 --poly-g --poly-x -l 30 \
        in_1.fq in_2.fq -o t1.fq -O t2.fq --json t.json || fail "trim --json"
    json_check t.json 6000
    "$BIN" filter -Q in_1.fq -o x.fq --json - >stdout.json || fail "--json -"
    json_check stdout.json 3000
    # the stderr summary
    "$BIN" trim --mott 0.05 in_1.fq -o x.fq 2>summary.txt
    grep -q "reads in" summary.txt && grep -q "Mott (--mott)" summary.txt && ok ||
        fail "stderr summary: $(cat summary.txt)"
}

# Outputs that are not regular files (a FIFO here; /dev/null alike) are written in place: a
# temporary file renamed over them would replace them.
case_special_outputs() {
    gen_pairs 500 in
    mkfifo fifo1 fifo2 fifo3
    local pids="" n
    for n in 1 2 3; do
        cat fifo$n >via$n.out &
        pids="$pids $!"
    done
    "$BIN" trim -Q --head 2 in_1.fq in_2.fq -o fifo1 -O fifo2 --json fifo3 || fail "FIFO outputs"
    # readers left waiting mean the output went elsewhere: stop them rather than hang
    for n in 1 2 3 4 5 6 7 8 9 10; do
        kill -0 $pids 2>/dev/null || break
        sleep 0.2
    done
    # shellcheck disable=SC2086
    kill $pids 2>/dev/null && fail "FIFO readers got no end of file"
    mv via1.out via1.fq && mv via2.out via2.fq && mv via3.out via.json
    [ -p fifo1 ] && [ -p fifo2 ] && [ -p fifo3 ] && ok || fail "a FIFO was replaced by a file"
    [ ! -e fifo1.tmp ] && [ ! -e fifo3.tmp ] && ok || fail "temporary files next to the FIFOs"
    "$BIN" trim -Q --head 2 in_1.fq in_2.fq -o f1.fq -O f2.fq || fail "file outputs"
    same f1.fq via1.fq "FIFO output, mate 1"
    same f2.fq via2.fq "FIFO output, mate 2"
    grep -q '"reads_in": 1000' via.json && ok || fail "JSON through a FIFO: $(cat via.json)"
}

case_phred() {
    gen_pairs 3000 in
    # the same reads with Phred+64 qualities (each character + 31)
    awk 'BEGIN { for (c = 33; c < 127; c++) shift[sprintf("%c", c)] = sprintf("%c", c + 31) }
         NR % 4 == 0 { s = ""; for (i = 1; i <= length($0); i++) s = s shift[substr($0, i, 1)]
                       print s; next }
         { print }' in_1.fq >p64.fq
    "$BIN" filter -Q -q 20 -e 5 in_1.fq | awk 'NR % 4 != 0' >want.txt
    "$BIN" filter -Q -q 20 -e 5 --phred64 p64.fq | awk 'NR % 4 != 0' >got64.txt
    "$BIN" filter -Q -q 20 -e 5 --phred auto p64.fq | awk 'NR % 4 != 0' >gotauto.txt
    same want.txt got64.txt "filter --phred64"
    same want.txt gotauto.txt "filter --phred auto"
    "$BIN" trim -Q --mott 0.05 -q 15 --window 4:20 in_1.fq | awk 'NR % 4 != 0' >want.txt
    "$BIN" trim -Q --mott 0.05 -q 15 --window 4:20 --phred 64 p64.fq | awk 'NR % 4 != 0' >got64.txt
    same want.txt got64.txt "trim --phred 64"
    "$BIN" filter -q 1 --phred auto p64.fq -o x.fq --json - 2>/dev/null | grep -q '"quality_offset": 64' &&
        ok || fail "--phred auto did not detect Phred+64"
}

case_fasta() {
    gen_pairs 500 in
    awk 'NR % 4 == 1 { print ">" substr($0, 2) } NR % 4 == 2 { print }' in_1.fq >in.fa
    awk 'NR % 2 == 0 && length($0) >= 70 { print h; print } { h = $0 }' in.fa >want.fa
    "$BIN" filter -Q -l 70 in.fa -o got.fa || fail "filter FASTA"
    same want.fa got.fa "filter -l on FASTA"
    expect 2 "needs base qualities" "$BIN" filter -q 20 in.fa -o o.fa
    no_outputs o.fa
    expect 2 "needs base qualities" "$BIN" trim --mott 0.05 in.fa -o o.fa
    no_outputs o.fa
    expect 1 "is FASTA" "$BIN" trim --head 1 in_1.fq in.fa -o o1.fq -O o2.fa
    no_outputs o1.fq o2.fa
}

case "$CASE" in
    pairs | errors | usage | compression | special_outputs | threads | stdin_empty | json | phred | \
        fasta) "case_$CASE" ;;
    *) echo "unknown case $CASE" >&2; exit 2 ;;
esac
echo "$CASE: $checks checks passed, $failures failed (seed $SEED)"
[ "$failures" -eq 0 ]
