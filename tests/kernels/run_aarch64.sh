#!/usr/bin/env bash
# Cross-compiles a kernel property test for ARM64 (NEON path) and runs it under qemu-user.
# Exits 77 (skipped) when the cross compiler or qemu is not installed.
set -euo pipefail
src=$1 out=$2
command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null ||
  { echo "skipped: aarch64-linux-gnu-gcc or qemu-aarch64 not installed"; exit 77; }
aarch64-linux-gnu-gcc -O2 -std=c11 -Wall -Wextra -Werror -static "$src" -o "$out"
qemu-aarch64 "$out"
