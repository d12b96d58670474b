#!/bin/sh
# Peer test: BWA-style quality trimming (bm_trim_bwa) against `cutadapt -q FRONT,BACK`, byte for
# byte, on real reads and on reads with generated quality patterns, for several cutoff pairs.
# Usage: cutadapt_quality_compare.sh DRIVER SOURCE_DIR   (exits 77 when cutadapt is not installed)
set -eu
driver=$1 src=$2
command -v cutadapt >/dev/null || { echo "skipped: cutadapt not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zcat "$src/data/sample/reads_1.fq.gz" "$src/data/sample/reads_2.fq.gz" > "$tmp/real.fq"
sh "$(dirname "$0")/gen_quality_reads.sh" 20261125 3000 > "$tmp/gen.fq"

fail=0 runs=0
for input in real gen; do
  for cut in "0 20" "10 20" "20 20" "30 5" "15 0" "40 40"; do
    set -- $cut
    cutadapt --quiet -j 1 -q "$1,$2" "$tmp/$input.fq" > "$tmp/want.fq"
    "$driver" bwa "$1" "$2" "$tmp/$input.fq" > "$tmp/got.fq"
    runs=$((runs + 1))
    if ! cmp -s "$tmp/want.fq" "$tmp/got.fq"; then
      echo "MISMATCH on $input.fq with -q $1,$2 (seed 20261125); first differing lines:"
      diff "$tmp/want.fq" "$tmp/got.fq" | head -8
      fail=$((fail + 1))
    fi
  done
done
echo "$((runs - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
