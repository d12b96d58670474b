#!/usr/bin/env bash
# bench/run.sh — reproduces a biometal benchmark suite side by side with its peer tools.
# Usage: bench/run.sh SUITE   (SUITE: io, ops, cmds, align); BENCH_QUICK=1 bench/run.sh io checks the harness in a few minutes.
#
# Environment (all optional):
#   BENCH_QUICK=1     200,000 reads, 5 runs, 1 warm-up; data and results under bench/data/quick/
#   BENCH_READS=N     number of simulated reads [2,000,000; quick 200,000]
#   BENCH_RUNS=N      timed runs per command [30; quick 5]
#   BENCH_WARMUP=N    warm-up runs per command in the first round [3; quick 1]
#   BENCH_ROUNDS=N    hyperfine calls per input, the runs split between them, so that the
#                     commands alternate in blocks (A..B..C..A..B..C..) [3; quick 1]
#   BENCH_SEED=N      seed of the read simulator [20240611]
#   BENCH_REF=FILE    reference FASTA(.gz) to simulate from [data/sample/lambda_virus.fa.gz]
#   BENCH_BUILD=DIR   biometal build folder [build]
#   BENCH_NO_BUILD=1  use the biometal binary as it is (do not run cmake --build)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
BUILD=${BENCH_BUILD:-$ROOT/build}
BM=$BUILD/biometal
REF=${BENCH_REF:-$ROOT/data/sample/lambda_virus.fa.gz}
SEED=${BENCH_SEED:-20240611}
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3

if [[ ${BENCH_QUICK:-0} == 1 ]]; then
  MODE=quick
  NREADS=${BENCH_READS:-200000} RUNS=${BENCH_RUNS:-5} WARMUP=${BENCH_WARMUP:-1} ROUNDS=${BENCH_ROUNDS:-1}
  DATA=$BENCH/data/quick
  RESULTS=$BENCH/data/quick/results # quick results never land in bench/results/
else
  MODE=full
  NREADS=${BENCH_READS:-2000000} RUNS=${BENCH_RUNS:-30} WARMUP=${BENCH_WARMUP:-3} ROUNDS=${BENCH_ROUNDS:-3}
  DATA=$BENCH/data
  RESULTS=$BENCH/results
fi
RAW=$RESULTS/raw
GEN=$BENCH/data/bin/gen_reads

say() { printf '== %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; WARNINGS+=("$*"); }
die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }
WARNINGS=()

need() { # need TOOL DEBIAN_PACKAGE
  command -v "$1" >/dev/null || die "$1 not found: apt-get install $2 (or scripts/deps.sh)"
}

# ---------------------------------------------------------------- common steps

build_tools() {
  need cc gcc
  need hyperfine hyperfine
  mkdir -p "$(dirname "$GEN")"
  if [[ ! -x $GEN || $BENCH/gen_reads.c -nt $GEN ]]; then
    say "building gen_reads"
    cc -O2 -std=c11 -Wall -Wextra -o "$GEN.tmp" "$BENCH/gen_reads.c" -lm
    mv "$GEN.tmp" "$GEN"
  fi
  if [[ ${BENCH_NO_BUILD:-0} != 1 ]]; then
    if [[ ! -f $BUILD/CMakeCache.txt ]]; then
      say "configuring biometal (Release) in $BUILD"
      cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    fi
    say "building biometal"
    cmake --build "$BUILD" -j "$(nproc)" --target biometal_cli >/dev/null
  fi
  [[ -x $BM ]] || die "$BM not found (build it, or unset BENCH_NO_BUILD)"
  BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
  [[ $BUILD_TYPE == Release ]] || warn "biometal build type is '${BUILD_TYPE:-unknown}', not Release"
}

# make_reads: bench/data/reads.fq, .fq.gz (gzip -6), .fq.bgz (bgzip), regenerated only when
# the generator, its options or the reference change (recorded in reads.stamp).
make_reads() {
  need zcat gzip
  need bgzip tabix
  mkdir -p "$DATA"
  FQ=$DATA/reads.fq GZ=$DATA/reads.fq.gz BGZ=$DATA/reads.fq.bgz
  local stamp
  stamp="gen_reads -n $NREADS -s $SEED; gen=$(sha256sum <"$BENCH/gen_reads.c" | cut -c1-16); ref=$(basename "$REF") $(sha256sum <"$REF" | cut -c1-16); gzip -6; bgzip -@2"
  if [[ -f $FQ && -f $GZ && -f $BGZ && -f $DATA/reads.stamp && $(cat "$DATA/reads.stamp") == "$stamp" ]]; then
    say "using cached $FQ{,.gz,.bgz}"
    return
  fi
  rm -f "$DATA/reads.stamp"
  say "simulating $NREADS reads from $REF (seed $SEED)"
  local cat_ref="cat"
  [[ $REF == *.gz ]] && cat_ref="zcat"
  $cat_ref "$REF" | "$GEN" -n "$NREADS" -s "$SEED" >"$FQ.tmp"
  mv "$FQ.tmp" "$FQ"
  say "compressing: gzip -6"
  gzip -6 -c "$FQ" >"$GZ.tmp" && mv "$GZ.tmp" "$GZ"
  say "compressing: bgzip -@2"
  bgzip -@2 -c "$FQ" >"$BGZ.tmp" && mv "$BGZ.tmp" "$BGZ"
  say "checking that the decompressors give back the FASTQ"
  for f in "$GZ" "$BGZ"; do
    gzip -dc "$f" | cmp -s - "$FQ" || die "$f does not decompress to $FQ"
  done
  printf '%s\n' "$stamp" >"$DATA/reads.stamp"
}

machine_info() { # Markdown lines
  local cpu mem flags
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -xE 'sse4_1|avx2|avx512f|avx512bw|bmi2' | tr '\n' ' ' || true)
  echo "- Machine: $(nproc) CPUs (nproc), ${cpu:-unknown CPU}, $mem RAM, $(uname -srm)"
  echo "- CPU flags (of those biometal dispatches on): ${flags:-none}"
  echo "- Load average at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }

tool_versions() { # Markdown lines
  local commit dirty=""
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
  [[ -n $(git -C "$ROOT" status --porcelain -- src include tools CMakeLists.txt 2>/dev/null) ]] && dirty=" + uncommitted changes in src/include/tools"
  echo "- biometal: $("$BM" --version) (commit $commit$dirty; $BUILD_TYPE build${BIOMETAL_ISA:+, BIOMETAL_ISA=$BIOMETAL_ISA})"
  echo "- seqkit: $(seqkit version | head -1) (Debian $(pkgver seqkit))"
  echo "- seqtk: $(seqtk 2>&1 | sed -n 's/^Version: //p') (Debian $(pkgver seqtk))"
  echo "- hyperfine: $(hyperfine --version) (Debian $(pkgver hyperfine))"
  echo "- libdeflate: $(libdeflate-gunzip -V 2>&1 | head -1) (Debian libdeflate-tools $(pkgver libdeflate-tools))"
  echo "- ISA-L: $(igzip --version 2>&1 | head -1) (Debian isal $(pkgver isal))"
  echo "- bgzip: $(bgzip --version | head -1) (Debian tabix $(pkgver tabix))"
  echo "- cat: $(cat --version | head -1); gzip: $(gzip --version | head -1)"
  echo "- gen_reads built with: $(cc --version | head -1); table by $("$PY" --version)"
}

# check_stats FILE: biometal and seqkit must report the same numbers (1 and 2 threads),
# and seqtk fqchk the same number of bases.
check_stats() {
  local f=$1 tmp=$WORK/check t
  mkdir -p "$tmp"
  for t in 1 2; do
    "$BM" stats -a -T -@ "$t" "$f" >"$tmp/bm$t.tsv"
    seqkit stats -a -T -j "$t" "$f" >"$tmp/sk$t.tsv"
  done
  local d
  if ! d=$("$PY" "$BENCH/compare_stats.py" "$tmp/bm1.tsv" "$tmp/sk1.tsv" biometal seqkit); then
    warn "$(basename "$f"): biometal and seqkit stats -a differ: $(echo "$d" | paste -sd ';' | sed 's/;/; /g')"
  fi
  d=$("$PY" "$BENCH/compare_stats.py" "$tmp/bm1.tsv" "$tmp/bm2.tsv" "-@1" "-@2") ||
    warn "$(basename "$f"): biometal -@1 and -@2 differ: $(echo "$d" | paste -sd ';')"
  d=$("$PY" "$BENCH/compare_stats.py" "$tmp/sk1.tsv" "$tmp/sk2.tsv" "-j1" "-j2") ||
    warn "$(basename "$f"): seqkit -j1 and -j2 differ: $(echo "$d" | paste -sd ';')"
  local bases sum_len
  bases=$(seqtk fqchk "$f" | awk '$1 == "ALL" {print $2}')
  sum_len=$(awk -F'\t' 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "sum_len") c = i} NR == 2 {print $c}' "$tmp/bm1.tsv")
  [[ $bases == "$sum_len" ]] || warn "$(basename "$f"): seqtk fqchk counts $bases bases, biometal sum_len $sum_len"
  echo >>"$WORK/checks.md" "- \`$(basename "$f")\`: $(awk -F'\t' 'NR == 2 {print $4 " reads, " $5 " bases, lengths " $6 "-" $8 ", Q20 " $14 "%, Q30 " $15 "%, GC " $16 "%"}' "$tmp/bm1.tsv")"
}

# bench_group GROUP: times the commands added with `add` (one hyperfine call per round,
# so the commands run in blocks that alternate between rounds), JSON to $RAW/SUITE-GROUP-rK.json.
CMDS=()
add() { # add GROUP LABEL TOOL THREADS ROLE COMMAND
  printf '%s\t%s/%s\t%s\t%s\t%s\t%s\n' "$1" "$1" "$2" "$3" "$4" "$5" "$6" >>"$MANIFEST"
  CMDS+=(-n "$1/$2" "$6")
}
bench_group() {
  local group=$1 k runs warm
  for ((k = 1; k <= ROUNDS; k++)); do
    runs=$((RUNS / ROUNDS + (k <= RUNS % ROUNDS ? 1 : 0)))
    ((runs > 0)) || continue
    warm=$((k == 1 ? WARMUP : (WARMUP > 0 ? 1 : 0)))
    say "$SUITE/$group: round $k/$ROUNDS, $runs runs per command"
    hyperfine --style basic --warmup "$warm" --runs "$runs" \
      --export-json "$RAW/$SUITE-$group-r$k.json" "${CMDS[@]}" >&2
    JSONS+=("$RAW/$SUITE-$group-r$k.json")
  done
  CMDS=()
}

# ---------------------------------------------------------------- suites

suite_io() {
  need seqkit seqkit
  need seqtk seqtk
  need libdeflate-gunzip libdeflate-tools
  need igzip isal
  make_reads
  local bytes
  bytes=$(stat -c %s "$FQ")

  say "checking that biometal and seqkit agree"
  local f
  : >"$WORK/checks.md"
  for f in "$FQ" "$GZ" "$BGZ"; do check_stats "$f"; done

  MANIFEST=$WORK/manifest.tsv
  : >"$MANIFEST"
  JSONS=()
  rm -f "$RAW/$SUITE"-*.json
  local t
  # plain FASTQ; floor: cat (page cache to /dev/null)
  for t in 1 2; do add plain "biometal stats -a -@$t" biometal $t tool "$BM stats -a -@ $t $FQ > /dev/null"; done
  for t in 1 2; do add plain "seqkit stats -a -j$t" seqkit $t tool "seqkit stats -a -j $t $FQ > /dev/null"; done
  add plain "seqtk fqchk" seqtk 1 tool "seqtk fqchk $FQ > /dev/null"
  add plain "cat" cat 1 floor "cat $FQ > /dev/null"
  bench_group plain
  # gzip -6; floors: libdeflate and ISA-L one-core decompression (gzip members are serial)
  for t in 1 2; do add gz "biometal stats -a -@$t" biometal $t tool "$BM stats -a -@ $t $GZ > /dev/null"; done
  for t in 1 2; do add gz "seqkit stats -a -j$t" seqkit $t tool "seqkit stats -a -j $t $GZ > /dev/null"; done
  add gz "seqtk fqchk" seqtk 1 tool "seqtk fqchk $GZ > /dev/null"
  add gz "libdeflate-gunzip -c" libdeflate 1 floor "libdeflate-gunzip -c $GZ > /dev/null"
  add gz "igzip -d -c" igzip 1 floor "igzip -d -c $GZ > /dev/null"
  bench_group gz
  # BGZF; floors: bgzip -@T (htslib + libdeflate, parallel blocks), libdeflate-gunzip on one core
  for t in 1 2; do add bgz "biometal stats -a -@$t" biometal $t tool "$BM stats -a -@ $t $BGZ > /dev/null"; done
  for t in 1 2; do add bgz "seqkit stats -a -j$t" seqkit $t tool "seqkit stats -a -j $t $BGZ > /dev/null"; done
  add bgz "seqtk fqchk" seqtk 1 tool "seqtk fqchk $BGZ > /dev/null"
  for t in 1 2; do add bgz "bgzip -d -@$t -c" bgzip $t floor "bgzip -d -@ $t -c $BGZ > /dev/null"; done
  add bgz "libdeflate-gunzip -c" libdeflate 1 floor "libdeflate-gunzip -c $BGZ > /dev/null"
  bench_group bgz

  mkdir -p "$RESULTS"
  local out=$RESULTS/$SUITE.md
  {
    echo "# biometal I/O benchmark: \`stats -a\` on FASTQ, plain / gzip / BGZF"
    echo
    [[ $MODE == quick ]] && echo "**QUICK MODE (harness check, not a result): $NREADS reads, $RUNS runs.**" && echo
    echo "Reproduce: \`bench/run.sh io\` (writes this file; raw hyperfine JSON and the command list in \`${RAW#"$ROOT"/}/io-*\`)."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_info
    echo
    echo "## Versions"
    echo
    tool_versions
    echo
    echo "## Input"
    echo
    echo "$NREADS single-end reads simulated by \`bench/gen_reads.c\` (seed $SEED) from $(basename "$REF"):"
    echo "both strands, quality-driven substitution errors that grow along the read, indels at 1e-4/base,"
    echo "occasional N, Q2 ('#') tails on ~4% of reads, Illumina names, lengths 60-150 bp"
    echo "(short-insert library after adapter trimming). Uncompressed size $bytes bytes"
    echo "($(awk -v b="$bytes" -v n="$NREADS" 'BEGIN {printf "%.1f", b / n}') bytes/read);"
    echo "\`reads.fq.gz\` (gzip -6) $(stat -c %s "$GZ") bytes, \`reads.fq.bgz\` (bgzip -@2, level 6 blocks) $(stat -c %s "$BGZ") bytes."
    echo
    echo "Checks before timing (\`biometal stats -a -T\` vs \`seqkit stats -a -T\`, all columns, at 1 and 2 threads;"
    echo "\`seqtk fqchk\` base count):"
    echo
    cat "$WORK/checks.md"
    if ((${#WARNINGS[@]})); then
      for w in "${WARNINGS[@]}"; do echo "- **WARNING:** $w"; done
    else
      echo "- all agree"
    fi
    echo
    echo "## Method"
    echo
    echo "hyperfine, $RUNS timed runs per command after $WARMUP warm-up run(s), all output to /dev/null, files in"
    echo "the page cache (warm-up reads them). hyperfine cannot interleave commands run by run: within one call"
    echo "it runs all runs of command A, then all of B, and so on; the commands on one input share each call."
    if ((ROUNDS > 1)); then
      echo "To spread drift on a shared machine over all commands, each input is timed in $ROUNDS hyperfine calls"
      echo "of about $((RUNS / ROUNDS)) runs, so the blocks alternate A B C .. A B C ..; the table merges the runs"
      echo "of all calls (one more warm-up run per command in each later call)."
    else
      echo "Each input is timed in one hyperfine call (BENCH_ROUNDS=1), so the blocks do not alternate."
    fi
    echo
    echo "- *speed vs seqkit*: seqkit median / this median at the same thread count (> 1: faster than seqkit)."
    echo "- *MB/s*: uncompressed FASTQ bytes ($bytes) / median time, 1 MB = 10^6 bytes, for every input."
    echo "- *of \`cat\` speed*: \`cat reads.fq > /dev/null\` median / this median (1 = as fast as copying the page cache)."
    echo "- *of floor speed*: fastest floor command on the same input at <= the same threads / this median:"
    echo "  \`cat\` for plain, one-core libdeflate / ISA-L decompression for gzip (a gzip member cannot be split),"
    echo "  \`bgzip -d -@T\` or one-core libdeflate for BGZF."
    echo "- *CPU ms*: user + system time (hyperfine mean); above the median when threads overlap."
    echo
    echo "## Commands"
    echo
    echo '```'
    cut -f6 "$MANIFEST" | sed "s|$ROOT/||g"
    echo '```'
    echo
    echo "## Results"
    echo
    "$PY" "$BENCH/io_table.py" --manifest "$MANIFEST" --fastq-bytes "$bytes" "${JSONS[@]}"
  } >"$out.tmp"
  mv "$out.tmp" "$out"
  cp "$MANIFEST" "$RAW/$SUITE-manifest.tsv"
  say "wrote $out"
}

# ---------------------------------------------------------------- main

# suite_ops: throughput of every per-read kernel under every ISA this CPU runs, on the same
# simulated reads held in memory (bench/ops_kernels.c); whole-command comparisons come with the
# filter/trim commands.
suite_ops() {
  make_reads
  local bin=$BENCH/data/bin/ops_kernels
  local lib=$BUILD/libbiometal.a
  [[ -f $lib ]] || die "$lib not found (build biometal first)"
  cc -O2 -std=c11 -D_GNU_SOURCE -I"$ROOT/include" -o "$bin" "$BENCH/ops_kernels.c" "$lib" \
    $(pkg-config --libs libdeflate) -lisal -lpthread -lm
  local out=$RESULTS/ops.md
  {
    echo "# biometal kernel throughput: per-read kernels, every ISA"
    echo
    echo "Reproduce: \`bench/run.sh ops\` (kernels only; filter/trim command comparisons come later)."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "- biometal: $("$BM" --version)"
    echo "- Input: $(basename "$FQ") ($NREADS simulated reads, see io.md), held in memory as one batch;"
    echo "  each kernel runs over all reads once for warm-up, then $RUNS timed passes (median, min)."
    echo
    "$bin" "$FQ" "$RUNS"
  } > "$out.tmp"
  mv "$out.tmp" "$out"
  say "wrote $out"
}

# check_same LABEL BIOMETAL_CMD PEER_CMD: both commands write the same FASTQ to stdout (a warning
# in the results otherwise), so that the timed commands do the same work.
check_same() {
  local label=$1 tmp=$WORK/check
  mkdir -p "$tmp"
  bash -c "$2" >"$tmp/a.fq" 2>/dev/null || warn "$label: '$2' failed"
  bash -c "$3" >"$tmp/b.fq" 2>/dev/null || warn "$label: '$3' failed"
  if cmp -s "$tmp/a.fq" "$tmp/b.fq"; then
    echo >>"$WORK/checks.md" "- $label: identical output ($(($(wc -l <"$tmp/a.fq") / 4)) reads kept)"
  else
    warn "$label: the outputs differ"
  fi
  rm -f "$tmp/a.fq" "$tmp/b.fq"
}

# suite_cmds: `biometal filter` and `biometal trim` against the peer tools doing the same work
# (seqkit seq, seqtk trimfq, fastp) at 1 and 2 threads, on the plain simulated reads, every output
# to stdout and /dev/null. Each group is one job; its output is checked equal to the peer's first.
suite_cmds() {
  need seqkit seqkit
  need seqtk seqtk
  need fastp fastp
  make_reads
  local bytes t
  bytes=$(stat -c %s "$FQ")
  # fastp with everything but the step under test switched off (adapters, poly-G, quality and
  # length filters), single-end, to stdout
  local fp="fastp -A -Q -L -j /dev/null -h /dev/null --stdout -i $FQ"
  local cut="--cut_right --cut_right_window_size 4 --cut_right_mean_quality 20"

  say "checking that biometal and the peers keep the same reads"
  : >"$WORK/checks.md"
  check_same "\`filter -l 30 -q 20\` vs \`seqkit seq -m 30 -Q 20\`" \
    "$BM filter -Q -l 30 -q 20 $FQ" "seqkit seq -m 30 -Q 20 $FQ"
  check_same "\`trim --mott 0.05\` vs \`seqtk trimfq -q 0.05\`" \
    "$BM trim -Q --mott 0.05 $FQ" "seqtk trimfq -q 0.05 $FQ"
  check_same "\`trim --window 4:20\` vs \`fastp --cut_right\`" \
    "$BM trim -Q --window 4:20 $FQ" "$fp -G -w 1 $cut"
  check_same "\`trim --poly-g --window 4:20\` vs \`fastp --trim_poly_g --cut_right\`" \
    "$BM trim -Q --poly-g --window 4:20 $FQ" "$fp -w 1 --trim_poly_g $cut"
  check_same "\`filter --complexity 30\` vs \`fastp -y -Y 30\`" \
    "$BM filter -Q --complexity 30 $FQ" "$fp -G -w 1 -y -Y 30"

  MANIFEST=$WORK/manifest.tsv
  : >"$MANIFEST"
  JSONS=()
  rm -f "$RAW/$SUITE"-*.json
  # mean-quality and length filter (seqkit's definition of mean quality)
  for t in 1 2; do add filter "biometal filter -l 30 -q 20 -@$t" biometal $t tool "$BM filter -Q -l 30 -q 20 -@ $t $FQ > /dev/null"; done
  for t in 1 2; do add filter "seqkit seq -m 30 -Q 20 -j$t" seqkit $t tool "seqkit seq -m 30 -Q 20 -j $t $FQ > /dev/null"; done
  add filter "cat" cat 1 floor "cat $FQ > /dev/null"
  bench_group filter
  # Mott quality trimming (seqtk runs on one thread)
  for t in 1 2; do add mott "biometal trim --mott 0.05 -@$t" biometal $t tool "$BM trim -Q --mott 0.05 -@ $t $FQ > /dev/null"; done
  add mott "seqtk trimfq -q 0.05" seqtk 1 tool "seqtk trimfq -q 0.05 $FQ > /dev/null"
  bench_group mott
  # sliding-window trimming, then poly-G (fastp's own steps)
  for t in 1 2; do add window "biometal trim --window 4:20 -@$t" biometal $t tool "$BM trim -Q --window 4:20 -@ $t $FQ > /dev/null"; done
  for t in 1 2; do add window "fastp --cut_right -w$t" fastp $t tool "$fp -G -w $t $cut > /dev/null"; done
  bench_group window
  for t in 1 2; do add polyg "biometal trim --poly-g --window 4:20 -@$t" biometal $t tool "$BM trim -Q --poly-g --window 4:20 -@ $t $FQ > /dev/null"; done
  for t in 1 2; do add polyg "fastp --trim_poly_g --cut_right -w$t" fastp $t tool "$fp -w $t --trim_poly_g $cut > /dev/null"; done
  bench_group polyg
  # fastp's low-complexity filter
  for t in 1 2; do add complexity "biometal filter --complexity 30 -@$t" biometal $t tool "$BM filter -Q --complexity 30 -@ $t $FQ > /dev/null"; done
  for t in 1 2; do add complexity "fastp -y -Y 30 -w$t" fastp $t tool "$fp -G -w $t -y -Y 30 > /dev/null"; done
  bench_group complexity

  mkdir -p "$RESULTS"
  local out=$RESULTS/$SUITE.md
  {
    echo "# biometal filter/trim benchmark: the same work as seqkit, seqtk and fastp"
    echo
    [[ $MODE == quick ]] && echo "**QUICK MODE (harness check, not a result): $NREADS reads, $RUNS runs.**" && echo
    echo "Reproduce: \`bench/run.sh cmds\` (writes this file; raw hyperfine JSON and the command list in \`${RAW#"$ROOT"/}/cmds-*\`)."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_info
    echo
    echo "## Versions"
    echo
    tool_versions
    echo "- fastp: $(fastp --version 2>&1 | head -1) (Debian $(pkgver fastp))"
    echo
    echo "## Input and checks"
    echo
    echo "\`reads.fq\`: $NREADS simulated single-end reads (see io.md), $bytes bytes, plain, in the page cache."
    echo "Before timing, each biometal command's output was compared with its peer's:"
    echo
    cat "$WORK/checks.md"
    if ((${#WARNINGS[@]})); then
      for w in "${WARNINGS[@]}"; do echo "- **WARNING:** $w"; done
    fi
    echo
    echo "## Method"
    echo
    echo "hyperfine, $RUNS timed runs per command after $WARMUP warm-up run(s), split over $ROUNDS call(s) per"
    echo "group so that the commands alternate in blocks (see io.md); every output goes to stdout, redirected"
    echo "to /dev/null. Threads: biometal \`-@ N\` worker threads (reading and writing have their own threads),"
    echo "seqkit \`-j N\`, fastp \`-w N\` worker threads (also with reader and writer threads); seqtk has none."
    echo "fastp runs with adapter trimming, quality and length filtering (and poly-G where not timed) off."
    echo
    echo "- *MB/s*: uncompressed FASTQ bytes / median time, 1 MB = 10^6 bytes."
    echo "- *speed-up*: the peer's median / biometal's median at the same thread count (seqtk: its one thread)."
    echo
    echo "## Commands"
    echo
    echo '```'
    cut -f6 "$MANIFEST" | sed "s|$ROOT/||g"
    echo '```'
    echo
    echo "## Results"
    echo
    "$PY" "$BENCH/cmds_table.py" --manifest "$MANIFEST" --fastq-bytes "$bytes" "${JSONS[@]}"
  } >"$out.tmp"
  mv "$out.tmp" "$out"
  cp "$MANIFEST" "$RAW/$SUITE-manifest.tsv"
  say "wrote $out"
}

# suite_align: pairwise alignment in process (bench/align_bench.c) against parasail and SSW, on the
# same pairs: simulated 150 bp reads against genome windows of 150 bp to 10 kbp, and protein queries
# against a protein set; 1 and 2 threads; medians of $RUNS passes; every tool's scores checked equal.
suite_align() {
  local bin=$BENCH/data/bin/align_bench lib=$BUILD/libbiometal.a
  [[ -f $lib ]] || die "$lib not found (build biometal first)"
  pkg-config --exists parasail-1 || die "parasail not found: apt-get install libparasail-dev (or scripts/deps.sh)"
  [[ -f /usr/include/ssw.h ]] || die "SSW not found: apt-get install libssw-dev (or scripts/deps.sh)"
  cc -O2 -std=c11 -D_GNU_SOURCE -I"$ROOT/include" -o "$bin" "$BENCH/align_bench.c" "$lib" \
    $(pkg-config --cflags --libs parasail-1) -lssw $(pkg-config --libs libdeflate) -lisal -lpthread -lm
  local scale=1 mhz
  [[ $MODE == quick ]] && scale=0.05
  mhz=$(awk -F': *' '/^cpu MHz/ {print int($2); exit}' /proc/cpuinfo)
  mkdir -p "$RESULTS"
  local out=$RESULTS/align.md
  {
    echo "# biometal alignment benchmark: striped SIMD kernels against parasail and SSW"
    echo
    [[ $MODE == quick ]] && echo "**QUICK MODE (harness check, not a result): pair counts x $scale, $RUNS runs.**" && echo
    echo "Reproduce: \`bench/run.sh align\` (writes this file; the program is \`bench/align_bench.c\`)."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    machine_info
    echo
    echo "## Versions"
    echo
    echo "- biometal: $("$BM" --version | head -1) ($BUILD_TYPE build${BIOMETAL_ISA:+, BIOMETAL_ISA=$BIOMETAL_ISA})"
    echo "- parasail: Debian libparasail-dev $(pkgver libparasail-dev); SSW: Debian libssw-dev $(pkgver libssw-dev)"
    echo "- align_bench built with: $(cc --version | head -1)"
    echo
    echo "## Method"
    echo
    echo "Pairs are made once in memory: 150 bp reads simulated from $(basename "$REF") (1% substitutions,"
    echo "0.1% insertions and deletions) against a genome window of the target length that holds the read's"
    echo "origin; protein queries are mutated copies (25% substitutions) of members of a random protein set,"
    echo "each aligned to every member. Every tool aligns every pair, local mode, the same scoring (DNA"
    echo "match 2 / mismatch -3, gap open 5, extend 2 in the open + (k-1) * extend convention all three"
    echo "use; proteins BLOSUM62, open 11, extend 1), and builds its query profile per pair as a pairwise"
    echo "call must. One pass aligns all pairs of a set; each tool gets a warm-up pass, then $RUNS timed passes"
    echo "(median and minimum reported). Two threads split the pairs in halves, one aligner per thread."
    echo
    echo "- biometal: \`bm_align_pair\` per pair: score, end *and begin* coordinates (exact, as the reference"
    echo "  defines them); *+ CIGAR*: also the CIGAR and its counts."
    echo "- parasail: its fastest Smith-Waterman kernels for AVX2 (striped and scan, 16-bit, and the 8-bit"
    echo "  kernel that falls back to 16 bits on saturation): score and end only; *trace* kernels with"
    echo "  \`parasail_result_get_cigar\` for the traceback."
    echo "- SSW: \`ssw_init\` (8 then 16 bits) + \`ssw_align\`: score, end and begin (flag 0x08); with CIGAR 0x0f."
    echo "- *GCUPS*: query letters x target letters of the set / median time / 10^9."
    echo "- *vs parasail best score-only*: the fastest parasail score-only kernel's median / this median, same threads."
    echo
    echo "Floor (the most the vector width allows): one vector of cells updated per clock cycle at"
    echo "${mhz:-?} MHz: 16-bit lanes $(awk -v f="${mhz:-0}" 'BEGIN {printf "%.0f", 16 * f / 1000}') GCUPS (AVX2) / $(awk -v f="${mhz:-0}" 'BEGIN {printf "%.0f", 32 * f / 1000}') (AVX-512),"
    echo "8-bit lanes twice that, per core. A striped cell update takes about 11 vector instructions (add,"
    echo "three max for H, the F chain, E, stores), so about 3-4 cycles per vector on a core that issues 3-4 vector"
    echo "instructions per cycle: roughly a quarter of the floor is reachable."
    echo
    echo "## Results"
    echo
    "$bin" "$REF" "$RUNS" "$scale"
  } >"$out.tmp"
  mv "$out.tmp" "$out"
  say "wrote $out"
}

usage() {
  sed -n '2,3p' "$0" | sed 's/^# //' >&2
  echo "Suites: io, ops, cmds, align (bam later)." >&2
  exit 2
}

[[ $# -eq 1 ]] || usage
SUITE=$1
case $SUITE in
  io | ops | cmds | align) ;;
  *) usage ;;
esac
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$RAW"
say "suite $SUITE, $MODE mode: $NREADS reads, $RUNS runs, $WARMUP warm-up, $ROUNDS round(s)"
build_tools
"suite_$SUITE"
if ((${#WARNINGS[@]})); then
  printf 'bench/run.sh: %d warning(s):\n' "${#WARNINGS[@]}" >&2
  printf '  %s\n' "${WARNINGS[@]}" >&2
fi
