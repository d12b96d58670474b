#!/usr/bin/env bash
# Cross-builds the library, the CLI and every test program for ARM64 (cmake/aarch64-linux-gnu.cmake)
# and runs the unit, kernel and fuzz-replay tests under qemu-user, so the NEON kernels and all I/O
# code run on ARM64. Exits 77 (skipped), saying what is missing, when a piece is not installed.
# Usage: run_aarch64.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
root=${BIOMETAL_AARCH64_ROOT:-/opt/biometal/aarch64}
skip() {
  echo "skipped: $*"
  exit 77
}
command -v aarch64-linux-gnu-gcc >/dev/null ||
  skip "aarch64-linux-gnu-gcc is not installed (Debian package gcc-aarch64-linux-gnu)"
command -v qemu-aarch64 >/dev/null || skip "qemu-aarch64 is not installed (Debian package qemu-user)"
[ -f /usr/aarch64-linux-gnu/include/stdio.h ] ||
  skip "the ARM64 C library is not installed (Debian package libc6-dev-arm64-cross)"
for f in include/libdeflate.h include/isa-l/igzip_lib.h include/cmocka.h \
  lib/aarch64-linux-gnu/libdeflate.so.0 lib/aarch64-linux-gnu/libisal.so.2 \
  lib/aarch64-linux-gnu/libcmocka.so.0; do
  [ -e "$root/usr/$f" ] || skip "$root/usr/$f is missing: the arm64 packages of libdeflate," \
    "ISA-L and cmocka are not unpacked there (scripts/deps_aarch64.sh does it)"
done

mkdir -p "$build"
if ! { cmake -S "$src" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$src/cmake/aarch64-linux-gnu.cmake" \
  -DBIOMETAL_AARCH64_ROOT="$root" -DCMAKE_BUILD_TYPE=Release -DBIOMETAL_WERROR=ON \
  -DBIOMETAL_CUDA=OFF &&
  nice cmake --build "$build" -j2; } >"$build/build.log" 2>&1; then
  cat "$build/build.log"
  echo "the ARM64 cross build failed (log above)"
  exit 1
fi
# CTest runs each test program through qemu-aarch64 (the toolchain's emulator).
cd "$build"
ctest --output-on-failure -j2 -R '^(unit_|kernels_|fuzz_replay_)'
