#!/bin/sh
# Peer test: biometal's quality trimming against the tool that defines it, byte for byte, on real
# reads and on reads with generated quality patterns, for several parameter pairs:
#   seqtk    -> bm_trim_mott vs `seqtk trimfq -q ERR -l MINLEN`
#   cutadapt -> bm_trim_bwa  vs `cutadapt -q FRONT,BACK`
#   fastp    -> bm_trim_sliding_window vs `fastp --cut_right` (everything else switched off)
#   fastp-polyg -> bm_trim_poly_tail vs `fastp --trim_poly_g --poly_g_min_len N`
#   fastp-polyx -> bm_trim_poly_x vs `fastp --trim_poly_x --poly_x_min_len N`
# Usage: trim_compare.sh DRIVER SOURCE_DIR seqtk|cutadapt|fastp|fastp-polyg|fastp-polyx
# (77: tool missing)
set -eu
driver=$1 src=$2 tool=$3
command -v "${tool%-poly?}" >/dev/null || { echo "skipped: ${tool%-poly?} not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zcat "$src/data/sample/reads_1.fq.gz" "$src/data/sample/reads_2.fq.gz" > "$tmp/real.fq"
sh "$(dirname "$0")/gen_quality_reads.sh" 20261125 3000 \
  "$(case $tool in fastp-poly?) echo "${tool#fastp-}" ;; esac)" > "$tmp/gen.fq"

case $tool in
  seqtk) param_sets="0.05:30 0.01:30 0.05:10 0.2:50 0.001:1" ;;
  cutadapt) param_sets="0:20 10:20 20:20 30:5 15:0 40:40" ;;
  fastp) param_sets="4:20 1:15 10:25 20:30 50:20" ;;
  fastp-polyg) param_sets="10:0 5:0 20:0 1:0" ;;
  fastp-polyx) param_sets="10:0 5:0 20:0 1:0 2:0 9:0 11:0" ;;
  *) echo "unknown tool $tool"; exit 2 ;;
esac

fail=0 runs=0
for input in real gen; do
  for p in $param_sets; do
    a=${p%:*} b=${p#*:}
    if [ "$tool" = seqtk ]; then
      seqtk trimfq -q "$a" -l "$b" "$tmp/$input.fq" > "$tmp/want.fq"
      "$driver" mott "$a" "$b" "$tmp/$input.fq" > "$tmp/got.fq"
    elif [ "$tool" = cutadapt ]; then
      cutadapt --quiet -j 1 -q "$a,$b" "$tmp/$input.fq" > "$tmp/want.fq"
      "$driver" bwa "$a" "$b" "$tmp/$input.fq" > "$tmp/got.fq"
    elif [ "$tool" = fastp-polyg ]; then
      fastp -i "$tmp/$input.fq" -o "$tmp/want.fq" -A -Q -L -w 1 -j /dev/null -h /dev/null \
        --trim_poly_g --poly_g_min_len "$a" 2>/dev/null
      "$driver" polyg "$a" 0 "$tmp/$input.fq" > "$tmp/got.fq"
    elif [ "$tool" = fastp-polyx ]; then
      fastp -i "$tmp/$input.fq" -o "$tmp/want.fq" -A -G -Q -L -w 1 -j /dev/null -h /dev/null \
        --trim_poly_x --poly_x_min_len "$a" 2>/dev/null
      "$driver" polyx "$a" 0 "$tmp/$input.fq" > "$tmp/got.fq"
    else
      fastp -i "$tmp/$input.fq" -o "$tmp/want.fq" -A -G -Q -L -w 1 -j /dev/null -h /dev/null \
        --cut_right --cut_right_window_size "$a" --cut_right_mean_quality "$b" 2>/dev/null
      "$driver" window "$a" "$b" "$tmp/$input.fq" > "$tmp/got.fq"
    fi
    runs=$((runs + 1))
    if ! cmp -s "$tmp/want.fq" "$tmp/got.fq"; then
      echo "MISMATCH with $tool on $input.fq, parameters $a $b (seed 20261125); first differences:"
      diff "$tmp/want.fq" "$tmp/got.fq" | head -8
      fail=$((fail + 1))
    fi
  done
done
echo "$((runs - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
