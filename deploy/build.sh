#!/usr/bin/env bash
# Configures and builds ycr. Usage: deploy/build.sh [BUILD_DIR] [CMAKE_BUILD_TYPE] [extra cmake args...]
#   YCR_BUILD_TARGET   build only this target (e.g. ycr); default: everything, tests included
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
type=${2:-RelWithDebInfo}
shift $(( $# > 2 ? 2 : $# ))
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
cmake --build "$dir" -j "$jobs" ${YCR_BUILD_TARGET:+--target "$YCR_BUILD_TARGET"}
