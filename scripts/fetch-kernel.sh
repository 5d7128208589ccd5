#!/bin/sh
# fetch-kernel.sh [PACKAGE]: fetch a Debian kernel package with `apt-get download`, unpack it
# into the cache (.cache/kernels/PACKAGE/, outside the tracked files), and print the directory.
# Without PACKAGE: Debian's DAMON-enabled kernel, the package linux-image-6.12-amd64 depends on
# (Debian 12), else the default linux-image-amd64's when that is 6.12 or newer. A kernel is
# accepted only when its config has CONFIG_DAMON_SYSFS=y, unless ALLOW_NO_DAMON=1 (for tests of
# the refusal). Idempotent: a kernel already in the cache is not fetched again.
set -eu
cache=${DAMON_EXP_CACHE:-$(cd "$(dirname "$0")/.." && pwd)/.cache}/kernels
mkdir -p "$cache"

depends_of() {
  apt-cache depends "$1" 2> /dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1
}

resolve_package() {
  pkg=$(depends_of linux-image-6.12-amd64)
  if [ -z "$pkg" ]; then
    pkg=$(depends_of linux-image-amd64)
    case "$pkg" in
      linux-image-6.1[2-9]* | linux-image-6.[2-9][0-9]* | linux-image-[7-9].*) ;;
      *) pkg= ;;
    esac
  fi
  printf '%s' "$pkg"
}

pkg=${1:-}
# Already fetched: use it (no apt lists, no network needed; `rm -r .cache/kernels` to refresh).
if [ -z "$pkg" ] && ls "$cache"/default/boot/vmlinuz-* > /dev/null 2>&1; then
  (cd "$cache/default" && pwd -P)
  exit 0
fi
if [ -z "$pkg" ]; then
  pkg=$(resolve_package)
  if [ -z "$pkg" ]; then
    echo "fetch-kernel: updating the package lists (apt-get update)" >&2
    apt-get update -qq
    pkg=$(resolve_package)
  fi
  [ -n "$pkg" ] || { echo "fetch-kernel: no Debian kernel 6.12 or newer is available (linux-image-6.12-amd64)" >&2; exit 1; }
fi

dir=$cache/$pkg
if ! ls "$dir"/boot/vmlinuz-* > /dev/null 2>&1; then
  if ! apt-cache show "$pkg" > /dev/null 2>&1; then apt-get update -qq; fi
  tmp=$cache/.$pkg.partial
  rm -rf "$tmp"
  mkdir -p "$tmp"
  echo "fetch-kernel: downloading $pkg" >&2
  (cd "$tmp" && apt-get download "$pkg" > /dev/null 2>&1) || { echo "fetch-kernel: apt-get download $pkg failed" >&2; exit 1; }
  dpkg-deb -x "$tmp"/*.deb "$tmp/root"
  rm -f "$tmp"/*.deb
  mv "$tmp/root" "$dir"
  rm -rf "$tmp"
fi

config=$(ls "$dir"/boot/config-* | head -n 1)
if ! grep -q '^CONFIG_DAMON_SYSFS=y' "$config" && [ "${ALLOW_NO_DAMON:-0}" != 1 ]; then
  echo "fetch-kernel: $pkg has no CONFIG_DAMON_SYSFS=y: not a DAMON kernel" >&2
  exit 1
fi
if [ -z "${1:-}" ]; then ln -sfn "$pkg" "$cache/default"; fi
printf '%s\n' "$dir"
