#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite through CTest, then again under
# AddressSanitizer and UndefinedBehaviorSanitizer. Exits non-zero on any failure.
#   YCR_SKIP_SANITIZERS=1   run only the normal configuration (quicker, for local work)
# Warnings are errors here (and so in CI, which runs this script); plain builds only warn.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
# GOV.UK Frontend, axe-core and playwright-core from the lock file, and chromium for the browser tests.
bash deploy/install-node-deps.sh --with-browser
started=$(date +%s)

# Both builds keep line tables only (-g1): backtraces and sanitizer reports still name file and line.
# Against full debug information (-g), a test file compiled about a third faster with g++ -O2 and a
# fifth faster with clang -O0, and its object was a fifth of the size (less for the linker to do).
debug_info=-g1
# Unity builds (CMake's UNITY_BUILD, eight sources a batch): each library's and test module's files are
# compiled a batch at a time, so the headers they share (Poco, Boost.Test, spdlog, our own) are parsed
# once a batch rather than once a file. So no two files of one target may define the same name in an
# anonymous namespace: a repeated helper is shared, or named for its file. Linked by lld.
fast_build=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld)

echo "== Build and test (RelWithDebInfo)"
bash deploy/build.sh build RelWithDebInfo -DYCR_WARNINGS_AS_ERRORS=ON "${fast_build[@]}" \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 $debug_info -DNDEBUG"
# Two at a time: the in-process suites and the browser and contract runs each leave a core idle.
(cd build && ctest --output-on-failure --timeout 900 -j2)

if [[ "${YCR_SKIP_SANITIZERS:-0}" != "1" ]]; then
  echo "== Build and test under AddressSanitizer and UndefinedBehaviorSanitizer (clang, with the fuzz targets)"
  # clang, so the same build also holds the libFuzzer targets (tests/fuzz): their ctest tests (label
  # "fuzz") run each target for a few seconds over its seed corpus, here only. The compiler is named
  # on the command line, not through CXX, so a build directory first configured with g++ switches too.
  # The benchmarks are built (and warned on) in the first pass; they are run by hand, never here.
  bash deploy/build.sh build-sanitize Debug -DCMAKE_CXX_COMPILER=clang++ -DYCR_SANITIZE=ON -DYCR_FUZZ=ON \
    -DYCR_WARNINGS_AS_ERRORS=ON -DYCR_BENCHMARKS=OFF "${fast_build[@]}" "-DCMAKE_CXX_FLAGS_DEBUG=$debug_info"
  # The browser journeys (label "browser"), the disclosure attacker (label "slow"), the deploy kit's
  # scripts (label "deploy"), the crash tests (label "crash") and clang-tidy (label "tidy") run once, in
  # the first pass: under the sanitizers they would add CI time for the same code paths.
  # The fault-injection runs (tests/faults) try a single failure at every I/O point in the first pass;
  # here, several times slower, they step through them within their time budget.
  (cd build-sanitize && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     YCR_FAULT_SAMPLE_SINGLES=1 \
     ctest --output-on-failure --timeout 1800 -LE 'browser|slow|deploy|crash|tidy' -j2)
fi
echo "== All tests passed in $(( $(date +%s) - started )) s"
