#!/usr/bin/env bash
# Unpacks Debian's arm64 builds of the libraries biometal links (libdeflate, ISA-L, cmocka) into one
# folder for the ARM64 cross build (cmake/aarch64-linux-gnu.cmake, tests/cross). Unpacked, not
# installed: libisal-dev and libisal2 are not multi-arch, so installing their arm64 packages would
# remove the native ones. Idempotent and quiet; when the packages cannot be had it warns and carries
# on (the ARM64 test then skips and says what is missing). BIOMETAL_AARCH64_ROOT overrides the folder.
set -euo pipefail
root=${BIOMETAL_AARCH64_ROOT:-/opt/biometal/aarch64}
packages=(libdeflate0 libdeflate-dev libisal2 libisal-dev libcmocka0 libcmocka-dev)
stamp="$root/.packages"
[ "$(cat "$stamp" 2>/dev/null)" = "${packages[*]}" ] && exit 0

warn() {
  echo "deps_aarch64.sh: $*; the ARM64 test will be skipped" >&2
  exit 0
}
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || warn "need root or sudo to unpack into $root"
  sudo="sudo"
fi
echo "deps_aarch64.sh: unpacking arm64 ${packages[*]} into $root" >&2
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $sudo dpkg --add-architecture arm64 || warn "cannot add the arm64 architecture to dpkg"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
download() {
  (cd "$tmp" && apt-get -o DPkg::Lock::Timeout=600 download -qq "${packages[@]/%/:arm64}") \
    >/dev/null 2>&1
}
download || { $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1 && download; } ||
  warn "cannot download the arm64 packages ${packages[*]}"
$sudo rm -rf "$root"
$sudo mkdir -p "$root"
for deb in "$tmp"/*.deb; do $sudo dpkg-deb -x "$deb" "$root"; done
echo "${packages[*]}" | $sudo tee "$stamp" >/dev/null
