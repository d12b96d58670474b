#!/bin/sh
# Peer test: biometal's adapter removal against fastp 0.23 on generated reads whose insert lengths
# are known (adapter_gen.py: lambda phage inserts, TruSeq adapters, 1% errors, N):
#   se     -> bm_trim_adapter vs `fastp --adapter_sequence` (single-end), per-read lengths
#   pe     -> bm_trim_pair_overlap vs fastp's default overlap trimming of pairs, per-pair lengths
#   detect -> bm_detect_adapter vs fastp's adapter detection, on TruSeq, Nextera, small-RNA,
#             adapter-free and amplicon reads
# fastp runs with everything else off (-Q -L -G, no poly-X, -w 1). Reads fastp drops (left
# empty) count as length 0. Prints the agreement with fastp and with the truth; every difference
# from the truth is put in a class that explains it, and checked to be one.
# Fails on any difference from fastp (except the documented small-RNA case of detect) or any
# unexplained difference from the truth.
# Usage: adapter_compare.sh DRIVER SOURCE_DIR se|pe|detect  (77: fastp or /usr/bin/python3 missing)
# BIOMETAL_PEER_SEED changes the seed of the generated reads (printed with the results).
set -eu
driver=$1 src=$2 mode=$3
command -v fastp >/dev/null || { echo "skipped: fastp not installed"; exit 77; }
[ -x /usr/bin/python3 ] || { echo "skipped: /usr/bin/python3 not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen="/usr/bin/python3 $(dirname "$0")/adapter_gen.py"
genome=$src/data/sample/lambda_virus.fa.gz
seed=${BIOMETAL_PEER_SEED:-20261126}
adapter=AGATCGGAAGAGCACACGTCTGAACTCCAGTCA
quiet_fastp() { fastp "$@" -Q -L -G -w 1 -j /dev/null -h /dev/null 2>"$tmp/fastp.log"; }
# name TAB sequence of each FASTQ record
seqs() { awk 'NR % 4 == 1 { n = substr($1, 2) } NR % 4 == 2 { print n "\t" $0 }' "$1"; }

# Shared by the two reports: mismatches of adapter a against s at p (p < 0: a dimer), as fastp.
awk_lib='
function mismatches(s, a, p,    i, n, len, m) {
    len = length(s); n = len - p < length(a) ? len - p : length(a); m = 0
    for (i = p < 0 ? -p : 0; i < n; i++) m += substr(a, i + 1, 1) != substr(s, p + i + 1, 1)
    return m
}
function allowed(s, a, p) {
    return int((length(s) - p < length(a) ? length(s) - p : length(a)) / 8)
}
function complement(c) {
    return c == "A" ? "T" : c == "T" ? "A" : c == "C" ? "G" : c == "G" ? "C" : "N"
}
function revcomp(s,    i, r) {
    r = ""
    for (i = length(s); i > 0; i--) r = r complement(substr(s, i, 1))
    return r
}
function report(total, same, truth, unexplained,    k) {
    printf "seed %s: %d of %d (%.2f%%) as fastp, %d (%.2f%%) as the truth\n", seed, same, total,
        100 * same / total, truth, 100 * truth / total
    for (k in class) printf "  %6d differ from the truth: %s\n", class[k], k
    exit (same != total || unexplained > 0)
}'

# Real reads (the Bowtie 2 sample pairs, no truth known): per-read lengths must equal fastp's.
sample_reads() {
  zcat "$src/data/sample/reads_1.fq.gz" > "$tmp/real1.fq"
  zcat "$src/data/sample/reads_2.fq.gz" > "$tmp/real2.fq"
  if [ "$mode" = se ]; then
    quiet_fastp -i "$tmp/real1.fq" -o "$tmp/rf1.fq" --adapter_sequence "$adapter"
    seqs "$tmp/rf1.fq" | awk -F '\t' '{ print $1 "\t" length($2) }' > "$tmp/real_fastp.tsv"
    "$driver" se "$adapter" "$tmp/real1.fq" > "$tmp/real_ours.tsv"
  else
    quiet_fastp -i "$tmp/real1.fq" -I "$tmp/real2.fq" -o "$tmp/rf1.fq" -O "$tmp/rf2.fq"
    seqs "$tmp/rf2.fq" | awk -F '\t' '{ print length($2) }' > "$tmp/rf2.len"
    seqs "$tmp/rf1.fq" | awk -F '\t' '{ print $1 "\t" length($2) }' | paste - "$tmp/rf2.len" \
      > "$tmp/real_fastp.tsv"
    "$driver" pe "$tmp/real1.fq" "$tmp/real2.fq" > "$tmp/real_ours.tsv"
  fi
  awk -F '\t' 'FNR == NR { want[$1] = $0; next }
  {
      total++
      w = $1 in want ? want[$1] : $1 "\t0" (NF == 3 ? "\t0" : "")
      if ($0 == w) same++
      else if (shown++ < 5) printf "MISMATCH (sample reads) %s, fastp %s\n", $0, w
  }
  END { printf "sample reads: %d of %d as fastp\n", same, total; exit same != total }' \
    "$tmp/real_fastp.tsv" "$tmp/real_ours.tsv"
}

case $mode in
se)
  sample_reads
  $gen se "$seed" 4000 "$genome" "$tmp/in.fq"
  quiet_fastp -i "$tmp/in.fq" -o "$tmp/fastp.fq" --adapter_sequence "$adapter"
  seqs "$tmp/fastp.fq" > "$tmp/fastp.tsv"
  seqs "$tmp/in.fq" > "$tmp/in.tsv"
  "$driver" se "$adapter" "$tmp/in.fq" > "$tmp/ours.tsv"
  awk -F '\t' -v seed="$seed" -v a="$adapter" "$awk_lib"'
  FILENAME == ARGV[1] { fastp[$1] = length($2); next }
  FILENAME == ARGV[2] { seq[$1] = $2; next }
  {
      name = $1; got = $2; s = seq[name]; len = length(s); total++
      want = name in fastp ? fastp[name] : 0
      if (got == want) same++
      else if (shown++ < 10) printf "MISMATCH %s: biometal keeps %d, fastp %d\n", name, got, want
      split(name, f, /_ins|_skip/); ins = f[2] + 0; skip = f[3] + 0
      t = ins < len ? ins : len
      if (got == t) { truth++; next }
      if (got > t && len - t <= 4) k = "adapter of 4 bases or less at the read end (never searched)"
      else if (got > t && mismatches(s, a, t - skip) > allowed(s, a, t - skip))
          k = "more errors in the adapter than one per 8 bases"
      else if (got < t && mismatches(s, a, got) <= allowed(s, a, got))
          k = "insert end resembles the adapter start (cut early)"
      else {
          k = "UNEXPLAINED"
          if (unexplained++ < 10) printf "UNEXPLAINED %s: kept %d, insert %d\n", name, got, t
      }
      class[k]++
  }
  END { report(total, same, truth, unexplained) }' "$tmp/fastp.tsv" "$tmp/in.tsv" "$tmp/ours.tsv"
  ;;
pe)
  sample_reads
  $gen pe "$seed" 4000 "$genome" "$tmp/in1.fq" "$tmp/in2.fq"
  quiet_fastp -i "$tmp/in1.fq" -I "$tmp/in2.fq" -o "$tmp/fastp1.fq" -O "$tmp/fastp2.fq"
  seqs "$tmp/fastp1.fq" > "$tmp/f1.tsv"
  seqs "$tmp/fastp2.fq" > "$tmp/f2.tsv"
  seqs "$tmp/in1.fq" > "$tmp/in1.tsv"
  seqs "$tmp/in2.fq" > "$tmp/in2.tsv"
  "$driver" pe "$tmp/in1.fq" "$tmp/in2.fq" > "$tmp/ours.tsv"
  awk -F '\t' -v seed="$seed" "$awk_lib"'
  FILENAME == ARGV[1] { fastp1[$1] = length($2); next }
  FILENAME == ARGV[2] { fastp2[$1] = length($2); next }
  FILENAME == ARGV[3] { seq1[$1] = $2; next }
  FILENAME == ARGV[4] { seq2[$1] = $2; next }
  {
      name = $1; got1 = $2; got2 = $3; s1 = seq1[name]; s2 = seq2[name]; total++
      l1 = length(s1); l2 = length(s2)
      want1 = name in fastp1 ? fastp1[name] : 0; want2 = name in fastp2 ? fastp2[name] : 0
      if (got1 == want1 && got2 == want2) same++
      else if (shown++ < 10)
          printf "MISMATCH %s: biometal keeps %d/%d, fastp %d/%d\n", name, got1, got2, want1, want2
      split(name, f, /_ins/); ins = f[2] + 0
      t1 = ins < l1 ? ins : l1; t2 = ins < l2 ? ins : l2
      if (got1 == t1 && got2 == t2) { truth++; next }
      if (ins <= 30) k = "insert of 30 bases or less (fastp needs an overlap above 30)"
      else if (l2 <= ins && got1 == l1 && got2 == l2)
          k = "read 2 ends inside the insert: the offset is not negative, nothing is cut"
      else if (l1 <= ins && got1 == l1 && (got2 == l1 || got2 == l2))
          k = "read 1 ends inside the insert: read 2 is cut to the overlap (read 1 length)"
      else {
          rc = revcomp(s2); back = l2 - ins; n = ins < 50 ? ins : 50; m = 0
          for (i = 1; i <= n; i++) m += substr(s1, i, 1) != substr(rc, back + i, 1)
          limit = int(ins * 0.2) < 5 ? int(ins * 0.2) : 5
          if (m > limit) k = "more mismatches in the overlap than fastp accepts"
          else {
              k = "UNEXPLAINED"
              if (unexplained++ < 10) printf "UNEXPLAINED %s: kept %d/%d\n", name, got1, got2
          }
      }
      class[k]++
  }
  END { report(total, same, truth, unexplained) }' \
    "$tmp/f1.tsv" "$tmp/f2.tsv" "$tmp/in1.tsv" "$tmp/in2.tsv" "$tmp/ours.tsv"
  ;;
detect)
  fail=0
  for kind in truseq nextera smallrna none amplicon; do
    $gen detect "$kind" "$seed" 12000 "$genome" "$tmp/$kind.fq"
    quiet_fastp -i "$tmp/$kind.fq" -o /dev/null
    theirs=$(sed -n '/^Detecting adapter sequence for read1/,/^$/p' "$tmp/fastp.log" |
      grep -E '^[ACGTN]+$' | head -1 || true)
    ours=$("$driver" detect "$tmp/$kind.fq")
    case $kind in
      truseq) truth=$adapter ;;
      nextera) truth=CTGTCTCTTATACACATCTCCGAGCCCACGAGAC ;;
      smallrna) truth=TGGAATTCTCGGGTGCCAAGG ;;
      none) truth= ;;
      amplicon) truth=$(sed -n '2~4p' "$tmp/$kind.fq" | cut -c1-60 | sort | uniq -c | sort -rn |
        awk 'NR == 1 { print $2 }') ;;
    esac
    # fastp's list has the small-RNA adapter only inside 63-base index primers: it finds none.
    expect_fastp=$ours
    [ "$kind" = smallrna ] && expect_fastp=
    status=ok
    if [ "$theirs" != "$expect_fastp" ] || [ "$ours" != "$truth" ]; then status=MISMATCH fail=1; fi
    printf '%-8s %-9s biometal "%s", fastp "%s", truth "%s"\n' "$status" "$kind" "$ours" \
      "$theirs" "$truth"
  done
  echo "seed $seed: adapter detection $( [ $fail -eq 0 ] && echo agrees || echo DISAGREES)"
  exit $fail
  ;;
*)
  echo "usage: $0 DRIVER SOURCE_DIR se|pe|detect" >&2
  exit 2
  ;;
esac
