#!/usr/bin/env bash
# run_valid.sh: runs biometal on the valid edge cases listed in VALID_DIR.tsv (default: next to
# VALID_DIR) and checks that each is accepted with the expected format, num_seqs and sum_len.
#
# Usage: run_valid.sh BIOMETAL_BINARY VALID_DIR [MANIFEST]
# For each file (each command under `timeout 10`):
#   biometal stats -T FILE                    exit 0, empty stderr, row = format/num_seqs/sum_len
#   biometal seq -o TMPDIR/out.fq.gz FILE     exit 0, out.fq.gz written, no .tmp left, and
#   biometal stats -T TMPDIR/out.fq.gz        reports the same num_seqs and sum_len (round trip)
# Exit >= 128, a timeout, or a sanitizer report fails the case.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 BIOMETAL_BINARY VALID_DIR [MANIFEST]" >&2
    exit 2
fi
bin=$1
dir=${2%/}
manifest=${3:-$dir.tsv}
[ -x "$bin" ] || { echo "$0: $bin is not executable" >&2; exit 2; }
[ -d "$dir" ] || { echo "$0: $dir is not a directory" >&2; exit 2; }
[ -f "$manifest" ] || { echo "$0: no manifest $manifest" >&2; exit 2; }

export LC_ALL=C
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/biometal-valid.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
outdir=$tmp/out
mkdir "$outdir"

passed=0
failed=0
problems=()

# run LABEL CMD...: runs CMD into $tmp/stdout and $tmp/stderr; returns 1 (with a reason in
# problems[]) unless it exited 0 with an empty stderr.
run() {
    local label=$1 rc=0
    shift
    # (the subshell keeps bash's own "Segmentation fault" notice out of the report)
    (timeout -k 5 10 "$@" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"; exit $?) 2>/dev/null || rc=$?
    local err
    if grep -qE 'Sanitizer|runtime error:' "$tmp/stderr"; then # key lines of the report
        err=$(grep -E 'runtime error:|ERROR: [A-Za-z]+Sanitizer|SUMMARY:|^ *#[0-2] ' "$tmp/stderr" |
            head -n 6 | sed 's/^ *//' | tr '\n' '|')
    else
        err=$(head -c 600 "$tmp/stderr" | tr '\n' '|')
    fi
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        problems+=("$label: hang (killed after 10 s)")
    elif [ "$rc" -ge 128 ]; then
        problems+=("$label: crash (exit $rc) stderr: $err")
    elif grep -qE 'Sanitizer|runtime error:' "$tmp/stderr"; then
        problems+=("$label: sanitizer report: $err")
    elif [ "$rc" -ne 0 ]; then
        problems+=("$label: exit $rc, expected 0; stderr: $err")
    elif [ -s "$tmp/stderr" ]; then
        problems+=("$label: unexpected stderr: $err")
    else
        return 0
    fi
    return 1
}

# row: prints "format num_seqs sum_len" from `stats -T` output in $tmp/stdout ("-" for no format).
row() { awk -F'\t' 'NR == 2 { print ($2 == "" ? "-" : $2), $4, $5 }' "$tmp/stdout"; }

mname=$(basename "$manifest")
listed=" "
while IFS=$'\t' read -r file format nseqs sumlen || [ -n "$file" ]; do
    case $file in '' | '#'* | file) continue ;; esac
    listed+="$file "
    path=$dir/$file
    problems=()
    if [ ! -f "$path" ]; then
        problems+=("listed in $mname but missing")
    else
        want="$format $nseqs $sumlen"
        if run "stats" "$bin" stats -T "$path"; then
            got=$(row)
            [ "$got" = "$want" ] || problems+=("stats: got format/num_seqs/sum_len '$got', expected '$want'")
        fi
        if run "seq" "$bin" seq -o "$outdir/out.fq.gz" "$path"; then
            if [ -e "$outdir/out.fq.gz.tmp" ]; then problems+=("seq: left out.fq.gz.tmp"); fi
            if [ ! -f "$outdir/out.fq.gz" ]; then
                problems+=("seq: wrote no out.fq.gz")
            elif run "stats of seq output" "$bin" stats -T "$outdir/out.fq.gz"; then
                got=$(row | cut -d' ' -f2-)
                [ "$got" = "$nseqs $sumlen" ] ||
                    problems+=("seq output: got num_seqs/sum_len '$got', expected '$nseqs $sumlen'")
            fi
        fi
        rm -rf "${outdir:?}"/* "$outdir"/.[!.]* 2>/dev/null || true
    fi
    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $file: $(printf '%s / ' "${problems[@]}" | sed 's| / $||')"
    fi
done <"$manifest"

for path in "$dir"/*; do
    [ -f "$path" ] || continue
    name=$(basename "$path")
    if [[ "$listed" != *" $name "* ]]; then
        echo "FAIL $name: in $dir but not listed in $mname"
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
