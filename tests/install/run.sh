#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, then builds the README example against it
# twice (pkg-config, and CMake find_package) and checks both read the sample reads correctly.
set -euo pipefail
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -x "$tmp/prefix/bin/biometal"
"$tmp/prefix/bin/biometal" --version

export PKG_CONFIG_PATH=$(dirname "$(find "$tmp/prefix" -name biometal.pc)")
cc -std=c11 -o "$tmp/ex_pc" "$src/tests/install/example.c" \
   $(pkg-config --cflags biometal) $(pkg-config --static --libs biometal)
"$tmp/ex_pc" "$src/data/sample/reads_1.fq.gz" > "$tmp/pc.txt"

cmake -S "$src/tests/install/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/cm" >/dev/null
"$tmp/cm/example" "$src/data/sample/reads_1.fq.gz" > "$tmp/cm.txt"

# Independent count: 2,000 records whose lengths sum to what zcat + awk says.
expect=$(zcat "$src/data/sample/reads_1.fq.gz" | awk 'NR%4==2{n++; s+=length($0)} END{print n, s}')
for f in pc cm; do
  got=$(awk '{n++; s+=$2} END{print n, s}' "$tmp/$f.txt")
  [ "$got" = "$expect" ] || { echo "$f: got '$got', expected '$expect'"; exit 1; }
done
echo "install: pkg-config and CMake consumers read $expect (records, bases)"
