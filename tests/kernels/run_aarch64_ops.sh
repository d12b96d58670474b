#!/usr/bin/env bash
# Cross-compiles the ops kernels (NEON variant) with their property test for ARM64 and runs it
# under qemu-user. Exits 77 (skipped) when the cross compiler or qemu is not installed.
set -euo pipefail
root=$1 out=$2
command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null ||
  { echo "skipped: aarch64-linux-gnu-gcc or qemu-aarch64 not installed"; exit 77; }
aarch64-linux-gnu-gcc -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -static \
  -DBIOMETAL_HAVE_NEON_KERNELS -I"$root/include" \
  "$root/tests/kernels/test_ops.c" "$root/src/ops/ops_scalar.c" "$root/src/ops/ops_neon.c" \
  "$root/src/ops/ops_dispatch.c" "$root/src/core/cpu.c" "$root/src/core/error.c" \
  -o "$out" -lpthread -lm
qemu-aarch64 "$out"
