#!/usr/bin/env bash
# run.sh: runs biometal on every malformed input listed in CASES_DIR.tsv (default: next to CASES_DIR)
# and checks exit status 1, the expected message, no crash/hang/sanitizer report, no output left.
#
# Usage: run.sh BIOMETAL_BINARY CASES_DIR [MANIFEST]
# Manifest columns (tab-separated): file, fragment, options. For each case it runs (each under
# `timeout 10`):
#   biometal stats -a [BEFORE...] FILE          stdout must stay empty (no partial table)
#   biometal stats -a -@ 2 FILE                 the same with threads (read-ahead, or split ranges
#                                               for big plain files)
#   biometal seq -o TMPDIR/out.fq.gz FILE       must leave neither out.fq.gz nor out.fq.gz.tmp
# and each must exit 1 with stderr "biometal CMD: error: ..." naming the file and containing the
# fragment. Exit >= 128, a timeout, or a sanitizer report fails the case.
# Options (space-separated): "before:NAME" gives cases/NAME to the first stats command before FILE
# (bad input in a later file); "gunzip" runs the commands on FILE and again on a decompressed copy
# in TMPDIR (big plain inputs: memory-mapped, split into ranges by stats -@, too big to commit).
# Every file in CASES_DIR must be listed, except helpers whose names start with '_'.
# MALFORMED_VERBOSE=1 prints the whole stderr of failing commands.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 BIOMETAL_BINARY CASES_DIR [MANIFEST]" >&2
    exit 2
fi
bin=$1
cases=${2%/}
manifest=${3:-$cases.tsv}
[ -x "$bin" ] || { echo "$0: $bin is not executable" >&2; exit 2; }
[ -d "$cases" ] || { echo "$0: $cases is not a directory" >&2; exit 2; }
[ -f "$manifest" ] || { echo "$0: no manifest $manifest" >&2; exit 2; }

export LC_ALL=C
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/biometal-malformed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
outdir=$tmp/out
mkdir "$outdir"

passed=0
failed=0
problems=()  # reasons for the current case
first_err="" # stderr of the first failing command of the current case

# check NAME FRAGMENT WANT_STDOUT_EMPTY CMD...: runs CMD, appends reasons to problems[].
check() {
    local label=$1 frag=$2 file=$3 quiet=$4
    shift 4
    local rc=0 why=()
    # (the subshell keeps bash's own "Segmentation fault" notice out of the report)
    (timeout -k 5 10 "$@" </dev/null >"$tmp/stdout" 2>"$tmp/stderr"; exit $?) 2>/dev/null || rc=$?
    local err
    err=$(cat "$tmp/stderr")
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        why+=("hang (killed after 10 s)")
    elif [ "$rc" -ge 128 ]; then
        why+=("crash (exit $rc, signal $((rc - 128)))")
    elif [ "$rc" -eq 0 ]; then
        why+=("accepted the input (exit 0)")
    elif [ "$rc" -ne 1 ]; then
        why+=("exit $rc, expected 1")
    fi
    # The message is judged only when the command ended normally with a failure status; after a
    # crash, hang, sanitizer report or exit 0 the checks below would only repeat that.
    local judged=0
    if grep -qE 'Sanitizer|runtime error:' "$tmp/stderr"; then
        why+=("sanitizer report")
    elif [ "$rc" -ne 0 ] && [ "$rc" -lt 124 ]; then
        judged=1
    fi
    if [ "$judged" = 1 ]; then
        grep -qE "^biometal [a-z]+: error: " "$tmp/stderr" || why+=("no 'biometal CMD: error:' line")
        grep -qF -- "$frag" "$tmp/stderr" || why+=("message lacks '$frag'")
        grep -qF -- "$(basename "$file")" "$tmp/stderr" || why+=("message does not name the file")
        if [ "$quiet" = 1 ] && [ -s "$tmp/stdout" ]; then
            why+=("wrote to stdout: $(head -c 200 "$tmp/stdout" | tr '\n\t' '  ')")
        fi
    fi
    if [ ${#why[@]} -gt 0 ]; then
        local joined
        joined=$(printf '%s; ' "${why[@]}")
        problems+=("$label: ${joined%; }")
        if [ -z "$first_err" ]; then
            first_err="$label stderr: $(excerpt "$tmp/stderr")"
        fi
        if [ "${MALFORMED_VERBOSE:-0}" = 1 ]; then
            printf -- '--- %s\n%s\n---\n' "$label" "$err" >&2
        fi
    fi
}

# excerpt FILE: stderr on one line; for a sanitizer report only its key lines.
excerpt() {
    if grep -qE 'Sanitizer|runtime error:' "$1"; then
        grep -E 'runtime error:|ERROR: [A-Za-z]+Sanitizer|SUMMARY:|^ *#[0-2] ' "$1" | head -n 6 |
            sed 's/^ *//' | tr '\n' '|'
    elif [ -s "$1" ]; then
        head -c 1000 "$1" | tr '\n' '|'
    else
        echo "(empty)"
    fi
}

# run_case LABEL_PREFIX PATH FRAGMENT BEFORE...: the three commands on one input file.
run_case() {
    local pfx=$1 path=$2 frag=$3
    shift 3
    check "${pfx}stats" "$frag" "$path" 1 "$bin" stats -a "$@" "$path"
    check "${pfx}stats -@2" "$frag" "$path" 1 "$bin" stats -a -@ 2 "$path"
    check "${pfx}seq" "$frag" "$path" 0 "$bin" seq -o "$outdir/out.fq.gz" "$path"
    local left
    left=$(cd "$outdir" && ls -A)
    if [ -n "$left" ]; then
        problems+=("${pfx}seq: left output behind: $(echo "$left" | tr '\n' ' ')")
        [ -n "$first_err" ] || first_err="${pfx}seq stderr: $(excerpt "$tmp/stderr")"
        rm -rf "${outdir:?}"/* "$outdir"/.[!.]* 2>/dev/null || true
    fi
}

mname=$(basename "$manifest")
listed=" "
while IFS=$'\t' read -r file frag options || [ -n "$file" ]; do
    case $file in '' | '#'* | file) continue ;; esac
    listed+="$file "
    path=$cases/$file
    problems=()
    first_err=""
    if [ ! -f "$path" ]; then
        echo "FAIL $file: listed in $mname but missing from $cases"
        failed=$((failed + 1))
        continue
    fi
    if [ -z "$frag" ]; then
        echo "FAIL $file: no expected fragment in $mname"
        failed=$((failed + 1))
        continue
    fi
    pre=()
    gunzip=0
    for o in ${options:-}; do
        case $o in
            before:*) pre+=("$cases/${o#before:}") ;;
            gunzip) gunzip=1 ;;
            *) problems+=("unknown option '$o' in $mname") ;;
        esac
    done

    run_case "" "$path" "$frag" "${pre[@]}"
    if [ "$gunzip" = 1 ]; then
        plain=$tmp/plain/$(basename "$file" .gz)
        mkdir -p "$tmp/plain"
        if gzip -dc "$path" </dev/null >"$plain"; then
            run_case "plain " "$plain" "$frag"
        else
            problems+=("gunzip: cannot decompress $file")
        fi
        rm -f "$plain"
    fi

    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $file: $(printf '%s / ' "${problems[@]}" | sed 's| / $||') -- ${first_err:-}"
    fi
done <"$manifest"

# Every case file must be in the manifest (helpers start with '_').
for path in "$cases"/*; do
    [ -f "$path" ] || continue
    name=$(basename "$path")
    case $name in _*) continue ;; esac
    if [[ "$listed" != *" $name "* ]]; then
        echo "FAIL $name: in $cases but not listed in $mname"
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
