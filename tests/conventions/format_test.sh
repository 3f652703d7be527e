#!/usr/bin/env bash
# Every C++ source in the repository is formatted as .clang-format says (Debian 12's clang-format 14):
# a change that is not fails here. Mend with:
#   git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
if ! command -v clang-format >/dev/null; then
  echo "clang-format is not installed (deploy/install-deps.sh installs it)" >&2
  exit 1
fi
if ! git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror; then
  echo "Not formatted as .clang-format says: run  git ls-files '*.cpp' '*.h' | xargs clang-format -i" >&2
  exit 1
fi
echo "$(git ls-files '*.cpp' '*.h' | wc -l) C++ files formatted as .clang-format says"
