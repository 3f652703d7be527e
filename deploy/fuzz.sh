#!/usr/bin/env bash
# Fuzzes for longer than CI does. Usage: deploy/fuzz.sh [TARGET|all] [SECONDS]
#   TARGET   a target of tests/fuzz (json_body, api_routes, csv_import, ...; `deploy/fuzz.sh list`
#            names them); all (the default) runs each in turn for SECONDS
#   SECONDS  how long each target runs (default 600)
# Builds the fuzz targets with clang when needed (build dir FUZZ_BUILD_DIR, default build-fuzz,
# the same configuration as deploy/test.sh's sanitizer pass). Each target's corpus grows in a scratch
# directory, FUZZ_WORK/<target>/corpus (default var/fuzz), seeded from tests/fuzz/corpus/<target>,
# which is only read. Crashes go to FUZZ_WORK/<target>/artifacts. With FUZZ_SAVE=1 the scratch
# corpus is then minimised into the committed corpus (libFuzzer -merge=1), for a commit.
#   FUZZ_JOBS=N   N fuzzing processes per target (libFuzzer -fork=N; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-all}
seconds=${2:-600}
dir=${FUZZ_BUILD_DIR:-build-fuzz}
work=${FUZZ_WORK:-var/fuzz}

if [[ ! -f "$dir/fuzz-targets.txt" ]] || ! grep -q "YCR_FUZZ:BOOL=ON" "$dir/CMakeCache.txt" 2>/dev/null; then
  command -v clang++ >/dev/null || { echo "deploy/fuzz.sh: needs clang (bash deploy/install-deps.sh)" >&2; exit 1; }
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DYCR_SANITIZE=ON -DYCR_FUZZ=ON \
    >/dev/null
fi
mapfile -t entries < "$dir/fuzz-targets.txt"
if [[ "$target" == list ]]; then
  for e in "${entries[@]}"; do echo "${e%% *}"; done
  exit 0
fi
selected=()
for e in "${entries[@]}"; do
  [[ "$target" == all || "${e%% *}" == "$target" ]] && selected+=("$e")
done
[[ ${#selected[@]} -gt 0 ]] || { echo "deploy/fuzz.sh: no fuzz target '$target' (deploy/fuzz.sh list)" >&2; exit 1; }

if [[ "$target" == all ]]; then build=fuzz; else build="fuzz_$target"; fi
cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" --target "$build"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export YCR_SOURCE_DIR=$PWD
status=0
for e in "${selected[@]}"; do
  name=${e%% *}
  dict=${e#* }
  corpus="$work/$name/corpus"
  artifacts="$work/$name/artifacts"
  mkdir -p "$corpus" "$artifacts"
  args=(-max_total_time="$seconds" -print_final_stats=1 -timeout=30 -rss_limit_mb=3072 -artifact_prefix="$artifacts/")
  [[ "$dict" != - ]] && args+=(-dict="$dict")
  [[ -n "${FUZZ_JOBS:-}" ]] && args+=(-fork="$FUZZ_JOBS")
  echo "== $name for ${seconds}s (corpus $corpus, crashes $artifacts)"
  if ! "$dir/tests/fuzz/fuzz_$name" "${args[@]}" "$corpus" "tests/fuzz/corpus/$name"; then
    echo "== $name FAILED: the input is in $artifacts" >&2
    status=1
    continue
  fi
  if [[ "${FUZZ_SAVE:-0}" == 1 ]]; then
    "$dir/tests/fuzz/fuzz_$name" -merge=1 "tests/fuzz/corpus/$name" "$corpus" 2>&1 | tail -1
  fi
done
exit $status
