#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS on its seed corpus, one after another; fails if any crashes.
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS [HARNESS...]   (harnesses: fastq fasta source matrix)
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 BUILD_DIR SECONDS [fastq|fasta|source|matrix ...]" >&2
    exit 2
fi
build=$1
seconds=$2
shift 2
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(fastq fasta source matrix)

here=$(cd "$(dirname "$0")" && pwd)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for h in "${harnesses[@]}"; do
    bin=$build/tests/fuzz/fuzz_$h
    corpus=$here/corpus/$h
    if [ ! -x "$bin" ] || [ ! -d "$corpus" ]; then
        echo "run.sh: missing $bin or $corpus (configure with CC=clang -DBIOMETAL_FUZZ=ON)" >&2
        exit 2
    fi
    # New inputs go to a scratch corpus in the build dir (listed first, so libFuzzer writes there);
    # the committed corpus is only read. Crashes, leaks and timeouts land in artifacts/.
    scratch=$build/fuzz/$h/corpus
    artifacts=$build/fuzz/$h/artifacts
    mkdir -p "$scratch" "$artifacts"
    log=$build/fuzz/$h/fuzz.log
    echo "== fuzz_$h: ${seconds}s (log: $log)"
    "$bin" "$scratch" "$corpus" -max_total_time="$seconds" -max_len=4096 -timeout=30 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
    rc=$?
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed 's/^/   /'
    if [ $rc -ne 0 ]; then
        echo "   FAILED (exit $rc): see $log; inputs in $artifacts" >&2
        grep -E 'ERROR:|SUMMARY:|fuzz invariant failed|runtime error|Test unit written' "$log" |
            head -n 8 | sed 's/^/   /' >&2
        failed+=("$h")
    fi
done

if [ ${#failed[@]} -ne 0 ]; then
    echo "fuzzing found problems in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzzing: no crashes (${harnesses[*]}, ${seconds}s each)"
