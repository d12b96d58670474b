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
awk -v seed=20261125 'BEGIN {
  srand(seed)
  for (r = 0; r < 3000; r++) {
    len = 1 + int(rand() * 200); kind = r % 6; s = ""; q = ""
    for (i = 0; i < len; i++) {
      s = s substr("ACGT", 1 + int(rand() * 4), 1)
      if (kind == 0) p = int(rand() * 42)
      else if (kind == 1) p = (i < len / 4) ? int(rand() * 10) : 30 + int(rand() * 12)
      else if (kind == 2) p = (i > len * 3 / 4) ? int(rand() * 10) : 30 + int(rand() * 12)
      else if (kind == 3) p = (i > len / 3 && i < len * 2 / 3) ? int(rand() * 5) : 35
      else if (kind == 4) p = int(rand() * 8)
      else p = 38 + int(rand() * 4)
      q = q sprintf("%c", 33 + p)
    }
    printf "@g%d\n%s\n+\n%s\n", r, s, q
  }
}' > "$tmp/gen.fq"

fail=0 runs=0
for input in real gen; do
  for params in "0.05 30" "0.01 30" "0.05 10" "0.2 50" "0.001 1"; do
    set -- $params
    seqtk trimfq -q "$1" -l "$2" "$tmp/$input.fq" > "$tmp/want.fq"
    "$driver" "$1" "$2" "$tmp/$input.fq" > "$tmp/got.fq"
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
