#!/usr/bin/env bash
# The main job end to end on the bundled sample reads, each step saying what it did.
# Usage: scripts/demo.sh [path/to/biometal]
set -euo pipefail
bin=${1:-build/biometal}
data=data/sample
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

step() { printf '\n== %s\n$ %s\n' "$1" "$2"; }

step "Statistics of the paired reads and the reference (as seqkit stats -a)" \
     "biometal stats -a $data/reads_1.fq.gz $data/reads_2.fq.gz $data/lambda_virus.fa.gz"
"$bin" stats -a "$data/reads_1.fq.gz" "$data/reads_2.fq.gz" "$data/lambda_virus.fa.gz"

step "The same numbers as TSV, read from stdin" "zcat $data/reads_1.fq.gz | biometal stats -a -T -"
zcat "$data/reads_1.fq.gz" | "$bin" stats -a -T -

step "Rewrite the reads as BGZF (every record checked on the way), then count again" \
     "biometal seq -o reads_1.fq.bgz $data/reads_1.fq.gz && biometal stats -T reads_1.fq.bgz"
"$bin" seq -o "$out/reads_1.fq.bgz" "$data/reads_1.fq.gz"
"$bin" stats -a -T "$out/reads_1.fq.bgz" | sed "s|$out/||"
if [ "$("$bin" stats -a -T "$out/reads_1.fq.bgz" | cut -f2-)" = "$("$bin" stats -a -T "$data/reads_1.fq.gz" | cut -f2-)" ]; then
  echo "same numbers as the gzip input"
else
  echo "numbers differ after conversion" >&2; exit 1
fi

printf '\nDone: statistics computed for %s reads.\n' \
  "$("$bin" stats -T "$data/reads_1.fq.gz" "$data/reads_2.fq.gz" | awk 'NR>1{n+=$4} END{print n}')"
