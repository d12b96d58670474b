#!/usr/bin/env bash
# Installs every build and test dependency of biometal from Debian packages with apt-get.
# Idempotent: prints nothing and installs nothing when all packages are present.
set -euo pipefail

packages=(
  # build
  cmake make gcc clang pkg-config
  libdeflate-dev   # BGZF blocks and gzip/BGZF output (fastest DEFLATE library)
  libisal-dev      # streaming gzip input (igzip, faster than zlib)
  libcmocka-dev    # unit-test framework
  libclang-rt-14-dev # libFuzzer and sanitizer runtimes for clang
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user # ARM64 tests: cross-compiled, run under qemu
  # test oracles and sample data
  seqkit seqtk cutadapt fastp tabix libdeflate-tools bowtie2-examples
  libparasail-dev  # alignment oracle (tests) and benchmark peer
  libssw-dev       # alignment benchmark peer (SSW)
  # benchmarks
  hyperfine isal python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# arm64 builds of the libraries, for the ARM64 test suite (unpacked into a folder, not installed)
"$(dirname "$0")/deps_aarch64.sh"
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
