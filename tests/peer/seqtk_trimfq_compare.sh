#!/bin/sh
# Peer test: Mott quality trimming (bm_trim_mott) against `seqtk trimfq -q ERR -l MINLEN`, byte for
# byte, on real reads and on reads with generated quality patterns, for several parameter pairs.
# Usage: seqtk_trimfq_compare.sh DRIVER SOURCE_DIR   (exits 77 when seqtk is not installed)
set -eu
driver=$1 src=$2
command -v seqtk >/dev/null || { echo "skipped: seqtk not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Real reads, and reads whose qualities have bad heads, bad tails, bad middles, all-bad and
# all-good patterns (fixed seed).
zcat "$src/data/sample/reads_1.fq.gz" "$src/data/sample/reads_2.fq.gz" > "$tmp/real.fq"
sh "$(dirname "$0")/gen_quality_reads.sh" 20261125 3000 > "$tmp/gen.fq"

fail=0 runs=0
for input in real gen; do
  for params in "0.05 30" "0.01 30" "0.05 10" "0.2 50" "0.001 1"; do
    set -- $params
    seqtk trimfq -q "$1" -l "$2" "$tmp/$input.fq" > "$tmp/want.fq"
    "$driver" mott "$1" "$2" "$tmp/$input.fq" > "$tmp/got.fq"
    runs=$((runs + 1))
    if ! cmp -s "$tmp/want.fq" "$tmp/got.fq"; then
      echo "MISMATCH on $input.fq with -q $1 -l $2 (seed 20261125); first differing lines:"
      diff "$tmp/want.fq" "$tmp/got.fq" | head -8
      fail=$((fail + 1))
    fi
  done
done
echo "$((runs - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
