#!/usr/bin/env bash
# The product's code (core, pathways, storage, services; not the tests) passes the clang-tidy checks in
# .clang-tidy (Debian 12's clang-tidy 14), read from the build's compile_commands.json, so a unity build
# is checked a batch at a time. Usage: tidy_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
if ! command -v clang-tidy >/dev/null; then
  echo "clang-tidy is not installed (deploy/install-deps.sh installs it)" >&2
  exit 1
fi
# The translation units of the product, without the generated OpenAPI literal (one string, nothing to check).
mapfile -t units < <(python3 - "$build/compile_commands.json" "$src" <<'PY'
import json, sys
root = sys.argv[2].rstrip("/") + "/"
for e in json.load(open(sys.argv[1])):
    f = e["file"]
    if "/tests/" in f or f.endswith("openapi_embedded.cpp"):
        continue
    if f.startswith(root) or "/CMakeFiles/ycr" in f or f.endswith("migrations_embedded.cpp"):
        print(f)
PY
)
[[ ${#units[@]} -gt 0 ]] || { echo "no translation units found in $build/compile_commands.json" >&2; exit 1; }
# g++'s own warning options in the commands mean nothing to clang.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! printf '%s\n' "${units[@]}" |
     xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option >"$log" 2>/dev/null; then
  grep -E "(warning|error):" "$log" | sort -u >&2 || cat "$log" >&2
  echo "clang-tidy found the above in the product's code (.clang-tidy says which checks and why)" >&2
  exit 1
fi
echo "${#units[@]} translation units pass the checks in .clang-tidy"
