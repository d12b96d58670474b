#!/bin/sh
# Peer test: the `biometal filter` and `biometal trim` commands against the tools whose options they
# reproduce, byte for byte on the FASTQ outputs, on the bundled real reads, reads with generated
# quality patterns (gen_quality_reads.sh, also with poly-G / poly-X tails) and reads whose mean
# quality sits exactly on the threshold (uniform and two-valued qualities):
#   seqkit   -> filter -l/-L/-q          vs seqkit seq -m/-M/-Q
#   seqtk    -> trim --mott ERR[,KEEP]    vs seqtk trimfq -q ERR [-l KEEP]
#   cutadapt -> trim -q [F,]B (-l)        vs cutadapt -q [F,]B (-m), single and paired
#   fastp    -> trim --window/--head/--tail/--poly-g/--poly-x/--adapter/--detect-adapter,
#               filter --complexity/-n, paired trim, vs fastp with its other steps switched off
# No normalisation is needed: every tool writes 4-line records with a bare '+' line for this input.
# Usage: cli_compare.sh BIOMETAL_BIN SOURCE_DIR seqkit|seqtk|cutadapt|fastp  (77: tool missing)
set -eu
bin=$1 src=$2 tool=$3
command -v "$tool" >/dev/null || { echo "skipped: $tool not installed"; exit 77; }
seed=20261125
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen=$src/tests/peer/gen_quality_reads.sh
zcat "$src/data/sample/reads_1.fq.gz" >"$tmp/real.fq"
zcat "$src/data/sample/reads_2.fq.gz" >"$tmp/real_2.fq"
sh "$gen" $seed 3000 >"$tmp/gen.fq"
sh "$gen" $((seed + 1)) 3000 polyg >"$tmp/polyg.fq"
sh "$gen" $((seed + 2)) 3000 polyx >"$tmp/polyx.fq"
# ties: every read's mean quality is exactly (uniform) or nearly (two values) a whole number
awk -v seed=$seed 'BEGIN {
  srand(seed)
  for (q = 0; q <= 41; q++) for (len = 1; len <= 60; len++) {
    s = ""; for (i = 0; i < len; i++) s = s sprintf("%c", 33 + q)
    printf "@u%d_%d\n%s\n+\n%s\n", q, len, substr("ACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGT", 1, len), s
  }
  for (r = 0; r < 3000; r++) {
    len = 1 + int(rand() * 150); a = int(rand() * 42); b = int(rand() * 42); s = ""; t = ""
    for (i = 0; i < len; i++) { s = s sprintf("%c", 33 + (rand() < 0.5 ? a : b)); t = t "A" }
    printf "@m%d\n%s\n+\n%s\n", r, t, s
  }
}' >"$tmp/ties.fq"

fail=0 runs=0
# check LABEL: compares want.fq with got.fq (and want_2.fq with got_2.fq when present).
check() {
  runs=$((runs + 1))
  for m in "" _2; do
    [ -f "$tmp/want$m.fq" ] || continue
    if ! cmp -s "$tmp/want$m.fq" "$tmp/got$m.fq"; then
      echo "MISMATCH with $tool: $1 ${m:+(mate 2)} (seed $seed); first differences:"
      diff "$tmp/want$m.fq" "$tmp/got$m.fq" | head -8
      fail=$((fail + 1))
      break
    fi
  done
  rm -f "$tmp/want.fq" "$tmp/got.fq" "$tmp/want_2.fq" "$tmp/got_2.fq"
}
bm() { "$bin" "$@" -Q; }

case $tool in
  seqkit)
    for input in real gen ties polyg; do
      f=$tmp/$input.fq
      for p in "-l 30:-m 30" "-l 120:-m 120" "-L 100:-M 100" "-L 60:-M 60" "-q 10:-Q 10" \
               "-q 20:-Q 20" "-q 25:-Q 25" "-q 30:-Q 30" "-q 13.5:-Q 13.5" \
               "-l 50 -L 150 -q 20:-m 50 -M 150 -Q 20"; do
        seqkit seq ${p#*:} "$f" >"$tmp/want.fq" 2>/dev/null
        bm filter ${p%:*} -@ 2 "$f" -o "$tmp/got.fq"
        check "$input.fq: biometal filter ${p%:*} vs seqkit seq ${p#*:}"
      done
    done ;;
  seqtk)
    for input in real gen; do
      f=$tmp/$input.fq
      for p in "0.05:" "0.01:" "0.2:" "0.05,10:-l 10" "0.01,0:-l 0" "0.001,1:-l 1"; do
        seqtk trimfq -q "${p%%[,:]*}" ${p#*:} "$f" >"$tmp/want.fq"
        bm trim --mott "${p%:*}" -l 0 "$f" -o "$tmp/got.fq"
        check "$input.fq: biometal trim --mott ${p%:*} -l 0 vs seqtk trimfq -q ${p%%[,:]*} ${p#*:}"
      done
      seqtk trimfq -q 0.05 "$f" >"$tmp/want.fq"
      bm trim --mott 0.05 "$f" -o "$tmp/got.fq"
      check "$input.fq: biometal trim --mott 0.05 vs seqtk trimfq -q 0.05 (defaults)"
    done ;;
  cutadapt)
    for input in real gen; do
      f=$tmp/$input.fq
      for q in 20 10,20 30,5 0,40; do
        cutadapt --quiet -j 1 -q $q "$f" >"$tmp/want.fq"
        bm trim -q $q -l 0 "$f" -o "$tmp/got.fq"
        check "$input.fq: biometal trim -q $q -l 0 vs cutadapt -q $q"
      done
      cutadapt --quiet -j 1 -q 20 -m 30 "$f" >"$tmp/want.fq"
      bm trim -q 20 -l 30 "$f" -o "$tmp/got.fq"
      check "$input.fq: biometal trim -q 20 -l 30 vs cutadapt -q 20 -m 30"
    done
    cutadapt --quiet -j 1 -q 15,25 -m 40 -o "$tmp/want.fq" -p "$tmp/want_2.fq" \
      "$tmp/real.fq" "$tmp/real_2.fq"
    bm trim -q 15,25 -l 40 "$tmp/real.fq" "$tmp/real_2.fq" -o "$tmp/got.fq" -O "$tmp/got_2.fq"
    check "paired real reads: biometal trim -q 15,25 -l 40 vs cutadapt -q 15,25 -m 40 -p" ;;
  fastp)
    fp() { fastp -w 1 -j /dev/null -h /dev/null "$@" 2>/dev/null; }
    for input in real gen polyg polyx; do
      f=$tmp/$input.fq
      for p in "--window 4:20|-G --cut_right --cut_right_window_size 4 --cut_right_mean_quality 20" \
               "--window 10:25|-G --cut_right --cut_right_window_size 10 --cut_right_mean_quality 25" \
               "--head 5 --tail 7|-G -f 5 -t 7" \
               "--head 3 --tail 2 --window 4:25|-G -f 3 -t 2 --cut_right --cut_right_window_size 4 --cut_right_mean_quality 25" \
               "--poly-g|--trim_poly_g" "--poly-g=15|--trim_poly_g --poly_g_min_len 15" \
               "--window 4:25 --poly-g|--trim_poly_g --cut_right --cut_right_window_size 4 --cut_right_mean_quality 25" \
               "--poly-x|-G --trim_poly_x" "--poly-g --poly-x=8|--trim_poly_g --trim_poly_x --poly_x_min_len 8"; do
        fp -A -Q -L ${p#*|} -i "$f" -o "$tmp/want.fq"
        bm trim ${p%|*} "$f" -o "$tmp/got.fq"
        check "$input.fq: biometal trim ${p%|*} vs fastp ${p#*|}"
      done
      for y in 30 70; do
        fp -A -G -Q -L -y -Y $y -i "$f" -o "$tmp/want.fq"
        bm filter --complexity $y "$f" -o "$tmp/got.fq"
        check "$input.fq: biometal filter --complexity $y vs fastp -y -Y $y"
      done
    done
    fp -A -G -q 0 -u 100 -L -n 1 -i "$tmp/real.fq" -o "$tmp/want.fq"
    bm filter -n 1 "$tmp/real.fq" -o "$tmp/got.fq"
    check "real.fq: biometal filter -n 1 vs fastp -n 1 (quality limits off)"
    for w in 4:10 1:5; do
      fp -A -G -Q --cut_right --cut_right_window_size ${w%:*} --cut_right_mean_quality ${w#*:} \
        -i "$tmp/real.fq" -I "$tmp/real_2.fq" -o "$tmp/want.fq" -O "$tmp/want_2.fq"
      bm trim --window $w -l 15 "$tmp/real.fq" "$tmp/real_2.fq" -o "$tmp/got.fq" -O "$tmp/got_2.fq"
      check "paired real reads: biometal trim --window $w -l 15 vs fastp --cut_right (length 15)"
    done
    # adapters: reads with known TruSeq adapters (adapter_gen.py); the default -l 1 drops emptied
    # reads as fastp does without its length filter
    gen_ad=$src/tests/peer/adapter_gen.py
    genome=$src/data/sample/lambda_virus.fa.gz
    truseq=AGATCGGAAGAGCACACGTCTGAACTCCAGTCAC
    if command -v python3 >/dev/null; then
      python3 "$gen_ad" se $seed 3000 "$genome" "$tmp/ad.fq"
      fp -Q -L -G --adapter_sequence $truseq -i "$tmp/ad.fq" -o "$tmp/want.fq"
      bm trim --adapter $truseq "$tmp/ad.fq" -o "$tmp/got.fq"
      check "adapter reads: biometal trim --adapter vs fastp --adapter_sequence"
      python3 "$gen_ad" pe $seed 3000 "$genome" "$tmp/ad_1.fq" "$tmp/ad_2.fq"
      fp -Q -L -G -i "$tmp/ad_1.fq" -I "$tmp/ad_2.fq" -o "$tmp/want.fq" -O "$tmp/want_2.fq"
      bm trim --detect-adapter "$tmp/ad_1.fq" "$tmp/ad_2.fq" -o "$tmp/got.fq" -O "$tmp/got_2.fq"
      check "adapter pairs: biometal trim --detect-adapter vs fastp (overlap trimming)"
      python3 "$gen_ad" detect truseq $seed 20000 "$genome" "$tmp/det.fq"
      fp -Q -L -G -i "$tmp/det.fq" -o "$tmp/want.fq"
      bm trim --detect-adapter "$tmp/det.fq" -o "$tmp/got.fq"
      check "adapter reads: biometal trim --detect-adapter vs fastp's detection"
    fi ;;
  *) echo "unknown tool $tool"; exit 2 ;;
esac
echo "$((runs - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
