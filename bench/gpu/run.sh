#!/usr/bin/env bash
# The GPU engine in one call: builds when needed, checks every GPU result against the CPU reference
# (compute-sanitizer memcheck on a small batch first, when installed), then times batches.
#   bench/gpu/run.sh build          build build-gpu/ here (then carry it to the GPU machine)
#   bench/gpu/run.sh [PAIRS CHECK]  run: batches up to PAIRS, CHECK pairs compared with the CPU
# Output: a table on stdout, also written to $OUT/gpu_bench.txt when OUT is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
B=build-gpu
if [ "${1:-}" = build ] || [ ! -x $B/gpu_bench ]; then
  cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DBIOMETAL_TESTS=OFF -DBIOMETAL_CUDA=ON >/dev/null
  cmake --build $B -j"$(nproc)" --target gpu_bench biometal_cli >/dev/null
  # The GPU machine has no libdeflate/ISA-L packages: they travel with the build.
  mkdir -p $B/lib
  cp -L /usr/lib/x86_64-linux-gnu/libdeflate.so.0 /usr/lib/x86_64-linux-gnu/libisal.so.2 $B/lib/
  [ "${1:-}" = build ] && exit 0
fi
export LD_LIBRARY_PATH=$PWD/$B/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
out=${OUT:-/tmp}
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu --format=csv \
  || true
if command -v compute-sanitizer >/dev/null; then
  # racecheck instruments every shared-memory access (one per cell here): a tiny batch only
  for check in memcheck:1000 racecheck:20; do
    tool=${check%:*} pairs=${check#*:}
    echo "== compute-sanitizer $tool, $pairs pairs per check"
    compute-sanitizer --tool $tool --error-exitcode 9 $B/gpu_bench \
      data/sample/lambda_virus.fa.gz $pairs $pairs >"$out/$tool.txt" 2>&1 \
      && echo "$tool: clean" || { echo "$tool: FAILED"; tail -30 "$out/$tool.txt"; }
  done
fi
echo "== check and time"
$B/gpu_bench data/sample/lambda_virus.fa.gz "${1:-1000000}" "${2:-200000}" | tee "$out/gpu_bench.txt"

echo "== biometal align: --device cuda against --device cpu (SAM with CIGARs)"
zcat data/sample/lambda_virus.fa.gz | awk '!/^>/{s = s $0} END{for (i = 0; i + 500 <= length(s);
  i += 250) printf(">w%d\n%s\n", i, substr(s, i + 1, 500))}' >"$out/windows.fa"
for dev in cpu cuda cuda:0,0; do
  /usr/bin/time -f "$dev: %e s" $B/biometal align -@ "$(nproc)" --device $dev -f sam \
    data/sample/reads_1.fq.gz "$out/windows.fa" | grep -v '^@PG' >"$out/align-$dev.sam"
done
cmp "$out/align-cpu.sam" "$out/align-cuda.sam" && cmp "$out/align-cpu.sam" "$out/align-cuda:0,0.sam" &&
  echo "align: identical SAM ($(grep -vc '^@' "$out/align-cpu.sam") records) on the CPU, the GPU" \
    "and the GPU in two shares" || echo "align: SAM DIFFERS"
rm -f "$out"/align-*.sam "$out/windows.fa"
