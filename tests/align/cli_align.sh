#!/bin/sh
# `biometal align` end to end: exact TSV/SAM/PAF lines for small hand-checked inputs, the same output
# for any thread count, and every bad input or usage giving its message and exit status (1 or 2).
# Usage: cli_align.sh BIOMETAL DATA_DIR
set -u
bin=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

check() { # name expected-file actual-file
    if ! cmp -s "$2" "$3"; then
        echo "FAIL $1:" >&2
        diff "$2" "$3" >&2
        fail=1
    fi
}

# expect NAME STATUS MESSAGE-PART COMMAND...
expect() {
    name=$1 want=$2 part=$3
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ] || ! grep -qF -- "$part" "$tmp/err"; then
        echo "FAIL $name: exit $got (want $want), stderr: $(cat "$tmp/err") (want '$part')" >&2
        fail=1
    fi
}

printf '>q1 desc\nACGTACGTTTGACCA\n>q2\nGGGGGG\n' >"$tmp/q.fa"
printf '>t1\nTTTTACGTACGTTTGACCATTTT\n>t2\nACGTTTGACC\n' >"$tmp/t.fa"

# local, every query against every target (DNA 2/-4, N -1, gaps 6 + 2(k-1))
cat >"$tmp/want" <<'EOF'
query	target	score	query_start	query_end	target_start	target_end	cigar
q1	t1	30	0	15	4	19	15=
q1	t2	20	4	14	0	10	10=
q2	t1	2	0	1	6	7	1=
q2	t2	2	0	1	2	3	1=
EOF
"$bin" align --cigar "$tmp/q.fa" "$tmp/t.fa" >"$tmp/got"
check local "$tmp/want" "$tmp/got"

# semi-global: the query end to end, gaps placed leftmost, the smallest target end on ties
cat >"$tmp/want" <<'EOF'
q1	t1	30	0	15	4	19	15=
q1	t2	2	0	15	0	10	4I10=1I
q2	t1	-12	0	6	6	7	5I1=
q2	t2	-12	0	6	2	3	5I1=
EOF
"$bin" align -H -c -m semi "$tmp/q.fa" "$tmp/t.fa" >"$tmp/got"
check semi "$tmp/want" "$tmp/got"

# global with M-style CIGARs, pairs
cat >"$tmp/want" <<'EOF'
q1	t1	6	0	15	0	23	4D15M4D
q2	t2	-28	0	6	0	10	2D1M2D5M
EOF
"$bin" align -H -c --cigar-m -m global --pairs "$tmp/q.fa" "$tmp/t.fa" >"$tmp/got"
check global "$tmp/want" "$tmp/got"

# SAM: soft clips, one primary per query, secondaries without SEQ
cat >"$tmp/want" <<'EOF'
q1	0	t1	5	255	15=	*	0	0	ACGTACGTTTGACCA	*	AS:i:30	NM:i:0
q1	256	t2	1	255	4S10=1S	*	0	0	*	*	AS:i:20	NM:i:0
q2	0	t1	7	255	1=5S	*	0	0	GGGGGG	*	AS:i:2	NM:i:0
q2	256	t2	3	255	1=5S	*	0	0	*	*	AS:i:2	NM:i:0
EOF
"$bin" align -f sam "$tmp/q.fa" "$tmp/t.fa" >"$tmp/sam"
grep -v '^@' "$tmp/sam" >"$tmp/got"
check sam "$tmp/want" "$tmp/got"
if [ "$(grep -c '^@SQ' "$tmp/sam")" -ne 2 ]; then
    echo "FAIL sam header: $(grep '^@' "$tmp/sam")" >&2
    fail=1
fi

# PAF, protein with a built-in matrix (BLOSUM62, gaps 11 + 1(k-1)); the QR insertion goes left
printf '>p1\nMKTAYIAKQRQISFVKSHFSRQ\n' >"$tmp/p.fa"
printf '>p2\nMKTAYIAKQRQISFVKSHFSRQ\n>p3\nWWWWMKTAYIAKQISFVKSHWWWW\n' >"$tmp/p2.fa"
cat >"$tmp/want" <<'EOF'
p1	22	0	22	+	p2	22	0	22	22	22	255	AS:i:109	NM:i:0	cg:Z:22=
p1	22	0	19	+	p3	24	4	21	16	19	255	AS:i:68	NM:i:3	cg:Z:8=2I8=1X
EOF
"$bin" align -f paf -X blosum62 "$tmp/p.fa" "$tmp/p2.fa" >"$tmp/got"
check paf "$tmp/want" "$tmp/got"

# real reads against the first 5.5 kb of the lambda genome: the same output with 1 and 3 threads
zcat "$data/reads_1.fq.gz" | head -n 24 >"$tmp/reads.fq"
zcat "$data/lambda_virus.fa.gz" | head -n 80 >"$tmp/lambda.fa"
"$bin" align -c -m semi -@ 1 "$tmp/reads.fq" "$tmp/lambda.fa" >"$tmp/one"
"$bin" align -c -m semi -@ 3 "$tmp/reads.fq" "$tmp/lambda.fa" >"$tmp/three"
check threads "$tmp/one" "$tmp/three"
if [ "$(wc -l <"$tmp/one")" -ne 7 ]; then
    echo "FAIL reads: $(wc -l <"$tmp/one") lines for 6 reads" >&2
    fail=1
fi

# bad input: exit 1 with a message naming the problem
printf '>bad\nMKVLAJ\n' >"$tmp/j.fa"
: >"$tmp/empty.fa"
printf '>t1\nACGT\n' >"$tmp/one.fa"
printf '  A C\nA 1 x\nC 1 1\n' >"$tmp/bad.mat"
expect letter 1 "letter 'J' at position 6 is not in BLOSUM62" "$bin" align -X BLOSUM62 "$tmp/j.fa" "$tmp/p.fa"
expect empty_targets 1 "empty.fa: no records" "$bin" align "$tmp/q.fa" "$tmp/empty.fa"
expect empty_queries 1 "empty.fa: no records" "$bin" align "$tmp/empty.fa" "$tmp/t.fa"
expect pairs_more 1 "has more records than the 1" "$bin" align --pairs "$tmp/q.fa" "$tmp/one.fa"
expect pairs_fewer 1 "has 1 records" "$bin" align --pairs "$tmp/one.fa" "$tmp/q.fa"
expect matrix_file 1 "bad.mat: line 2: row 'A': 'x' is not an integer" "$bin" align -X "$tmp/bad.mat" "$tmp/q.fa" "$tmp/t.fa"
expect missing 1 "nope.fa" "$bin" align "$tmp/q.fa" "$tmp/nope.fa"
expect band 1 "too narrow" "$bin" align -m global -w 2 "$tmp/q.fa" "$tmp/t.fa"
# bad usage: exit 2
expect unknown_matrix 2 "not a built-in matrix" "$bin" align -X NOPE "$tmp/q.fa" "$tmp/t.fa"
expect gaps 2 "extend <= open" "$bin" align -O 1 -E 3 "$tmp/q.fa" "$tmp/t.fa"
expect mode 2 "unknown mode" "$bin" align -m bogus "$tmp/q.fa" "$tmp/t.fa"
expect format 2 "unknown format" "$bin" align -f bam "$tmp/q.fa" "$tmp/t.fa"
expect one_file 2 "need QUERIES and TARGETS" "$bin" align "$tmp/q.fa"
expect both 2 "exclude each other" "$bin" align -X BLOSUM62 -A 3 "$tmp/q.fa" "$tmp/t.fa"
expect score 2 "invalid score" "$bin" align -A x "$tmp/q.fa" "$tmp/t.fa"
# a failed run leaves no output file
expect no_output 1 "no records" "$bin" align -o "$tmp/out.tsv" "$tmp/q.fa" "$tmp/empty.fa"
if [ -e "$tmp/out.tsv" ] || [ -e "$tmp/out.tsv.tmp" ]; then
    echo "FAIL no_output: a failed run left $tmp/out.tsv" >&2
    fail=1
fi

[ "$fail" -eq 0 ] && echo "cli_align: ok"
exit "$fail"
