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

# (these simulated reads have random base qualities: seqkit's mean quality of most is under 10)
step "Filter the pairs: mean quality >= 5 (as seqkit seq -Q), length >= 40, at most 3 N; a pair is kept or dropped together" \
     "biometal filter -q 5 -l 40 -n 3 -@ 2 $data/reads_1.fq.gz $data/reads_2.fq.gz -o kept_1.fq.gz -O kept_2.fq.gz"
"$bin" filter -q 5 -l 40 -n 3 -@ 2 "$data/reads_1.fq.gz" "$data/reads_2.fq.gz" \
  -o "$out/kept_1.fq.gz" -O "$out/kept_2.fq.gz"

step "Trim them: 3' quality as cutadapt -q 10, poly-G tails and adapters (by the mates' overlap) as fastp; keep >= 30 bp" \
     "biometal trim -q 10 --poly-g --detect-adapter -l 30 --json trim.json kept_1.fq.gz kept_2.fq.gz -o trimmed_1.fq -O trimmed_2.fq"
"$bin" trim -q 10 --poly-g --detect-adapter -l 30 --json "$out/trim.json" \
  "$out/kept_1.fq.gz" "$out/kept_2.fq.gz" -o "$out/trimmed_1.fq" -O "$out/trimmed_2.fq"
echo "JSON summary written: $(wc -c <"$out/trim.json") bytes"

# 500 bp windows of the reference, overlapping by 250: each read falls whole inside one of them
zcat "$data/lambda_virus.fa.gz" | awk '!/^>/{s = s $0} END{for (i = 0; i + 500 <= length(s);
  i += 250) printf(">lambda:%d-%d\n%s\n", i, i + 500, substr(s, i + 1, 500))}' >"$out/windows.fa"
gpu=$("$bin" --version | sed -n 's/^gpu: //p')
case $gpu in
  none*) where="the CPU; no GPU ${gpu#none }" ;;
  *) where="the GPU ($gpu)" ;;
esac
step "Align the first 200 trimmed reads to 500 bp windows of the reference, local, SAM with CIGARs, on $where" \
     "biometal align -f sam --device auto -@ 2 reads200.fq windows.fa -o aligned.sam"
head -800 "$out/trimmed_1.fq" >"$out/reads200.fq"
"$bin" align -f sam --device auto -@ 2 "$out/reads200.fq" "$out/windows.fa" -o "$out/aligned.sam"
awk -F'\t' '!/^@/ && int($2 / 256) % 2 == 0 && $3 != "*" {
  for (i = 12; i <= NF; i++) if ($i ~ /^AS:i:/) { s = substr($i, 6); n++; if (s >= 200) good++ }
} END { printf "%d reads aligned (best window each); %d with score >= 200 (2 per matching base)\n", n, good }' "$out/aligned.sam"
echo "(reads from the other strand align poorly: biometal align does not search it yet)"

printf '\nDone: statistics, filtering, trimming and alignment of %s reads.\n' \
  "$("$bin" stats -T "$data/reads_1.fq.gz" "$data/reads_2.fq.gz" | awk 'NR>1{n+=$4} END{print n}')"
