#!/usr/bin/env bash
# Comments that name a source file name one that exists: a comment pointing a newcomer at
# `problem.cpp` when the code lives elsewhere is worse than no comment. Checks every file name
# ending in .cpp, .h, .mjs, .sh or .sql mentioned in a // comment of the C++ sources against
# the files in the repository. Names with a placeholder in capitals (NNNN_name.sql) are patterns,
# not references, and are skipped.
set -euo pipefail
cd "${1:-$(dirname "$0")/../..}"
files=$(git ls-files 2>/dev/null || find . -type f -not -path './build*' -not -path './node_modules/*' | sed 's|^\./||')
missing=0
while IFS=: read -r source ref; do
  [[ "$ref" =~ [A-Z]{3,} ]] && continue
  base=${ref##*/}
  if ! grep -qE "(^|/)${base//./\\.}$" <<<"$files"; then
    echo "$source: comment names $ref, which is not in the repository"
    missing=$((missing + 1))
  fi
done < <(grep -E '\.(cpp|h)$' <<<"$files" | xargs perl -ne \
           'if (m{//(.*)}) { my $c = $1; print "$ARGV:$1\n" while $c =~ m{\b([A-Za-z0-9_./-]+\.(?:cpp|h|mjs|sh|sql))\b}g }' |
         sort -u)
if ((missing > 0)); then
  echo "$missing comment reference(s) to files that do not exist"
  exit 1
fi
echo "every file named in a comment exists"
