#!/usr/bin/env bash
# Size limits, held by CI as a ratchet: no C++ source file over 600 lines and no function over 80
# lines (CONVENTIONS.md; issue 23). Functions are found by Debian's universal-ctags, a real C++
# parser, not a pattern of ours; a lambda's lines count towards the function it is written in, and
# data tables (variables) are not functions.
#
# What was already over a limit when the check came is listed, with its size then, in
# tests/conventions/size_baseline.txt. A listed file or function may shrink but never grow, and
# anything not listed must keep to the limits. An entry that is within the limits now, or names
# what no longer exists, fails too until it is removed, so the list only ever gets shorter.
#   bash tests/conventions/size_test.sh            check
#   bash tests/conventions/size_test.sh --current  print what is over the limits now, in the list's
#                                                  format (to take entries out, never to raise one)
set -euo pipefail
cd "$(dirname "$0")/../.."
readonly max_file_lines=600 max_function_lines=80
readonly baseline=tests/conventions/size_baseline.txt
if ! command -v ctags >/dev/null || ! ctags --version | grep -q 'Universal Ctags'; then
  echo "universal-ctags is not installed (deploy/install-deps.sh installs it)" >&2
  exit 1
fi

# "file <path> <lines>" and "function <path>::<qualified name> <lines>" for everything over a limit;
# anonymous namespaces and lambdas' generated names are left out of the qualified names.
current() {
  git ls-files '*.cpp' '*.h' | xargs wc -l | awk -v max="$max_file_lines" '$2 != "total" && $1 > max { print "file " $2 " " $1 }'
  git ls-files '*.cpp' '*.h' |
    xargs ctags -x --kinds-C++=f --fields=+ne --_xformat='%{input}	%{line}	%{end}	%{scope}	%{name}' -o - 2>/dev/null |
    awk -F'\t' -v max="$max_function_lines" '
      $5 ~ /^__anon/ || $3 == "" { next }
      {
        scope = $4; gsub(/(::)?__anon[0-9a-f]+/, "", scope); sub(/^::/, "", scope)
        name = (scope == "" ? $5 : scope "::" $5); key = $1 "::" name; lines = $3 - $2 + 1
        if (lines > longest[key]) longest[key] = lines
      }
      END { for (k in longest) if (longest[k] > max) print "function " k " " longest[k] }'
}

if [[ "${1:-}" == "--current" ]]; then
  current | sort
  exit 0
fi

declare -A allowed=()
while read -r kind what lines; do
  [[ -z "$kind" || "$kind" == \#* ]] && continue
  allowed["$kind $what"]=$lines
done <"$baseline"

failures=0
declare -A seen=()
while read -r kind what lines; do
  seen["$kind $what"]=1
  limit=${allowed["$kind $what"]:-}
  if [[ -z "$limit" ]]; then
    [[ $kind == file ]] && echo "$what has $lines lines; a source file has at most $max_file_lines: split it" ||
      echo "$what has $lines lines; a function has at most $max_function_lines: split it"
    failures=$((failures + 1))
  elif ((lines > limit)); then
    echo "$what has grown to $lines lines from the $limit it was held at in $baseline: make it smaller, not bigger"
    failures=$((failures + 1))
  fi
done < <(current)
for entry in "${!allowed[@]}"; do
  if [[ -z "${seen[$entry]:-}" ]]; then
    echo "$baseline lists ${entry#* }, which is within the limits now (or gone): take it out of the list"
    failures=$((failures + 1))
  fi
done
if ((failures > 0)); then
  echo "$failures size limit failure(s)"
  exit 1
fi
echo "no file over $max_file_lines lines and no function over $max_function_lines beyond the ${#allowed[@]} held in $baseline"
