#!/usr/bin/env bash
# A full disk under `ycr serve` (tests/crash/disk_full.mjs says what is checked): the database on a
# tmpfs of a few MB mounted in a private mount namespace, so nothing outside the test sees it and it
# goes when the test ends, however it ends. Needs root (the mount namespace); skipped (77) otherwise,
# like tests/deploy/install_test.sh.
# Usage: disk_full_test.sh YCR_BINARY SOURCE_DIR
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "SKIP: needs root (a tmpfs in a private mount namespace)"; exit 77; }
unshare -m --propagation private true 2>/dev/null ||
  { echo "SKIP: cannot make a mount namespace here (unshare -m)"; exit 77; }
ycr=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d /tmp/ycr-disk-full-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/small"
# shellcheck disable=SC2016
unshare -m --propagation private sh -c 'mount -t tmpfs -o size=${YCR_CRASH_DISK_SIZE:-8m} ycr-disk-full "$1" &&
  exec node "$2" "$3" "$4" "$5" "$1"' sh "$tmp/small" "$src/tests/crash/disk_full.mjs" "$ycr" "$src" "$tmp"
