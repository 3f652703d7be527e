#!/usr/bin/env bash
# End to end: `ycr export --young-carer ID` (subject access) as the data protection officer runs it
# on the server, exit codes included, over a small synthetic register (demo-data).
# Usage: export_cli_test.sh PATH/TO/ycr SOURCE_DIR
set -u
ycr="$1"
src="$2"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
common=(--database "$dir/ycr.db" --set "data_dir=$src")
failures=0
check() {  # check DESCRIPTION CONDITION...
  local what="$1"
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

"$ycr" demo-data --young-carers 5 --seed 3 --until 2025-06-01 "${common[@]}" >/dev/null 2>"$dir/err"
check "demo data loads" test $? -eq 0

"$ycr" export --young-carer 1 "${common[@]}" >"$dir/one.json" 2>"$dir/err"
check "export to standard output exits 0" test $? -eq 0
check "the JSON says its format" grep -q '"format": "ycr.subject_access"' "$dir/one.json"
check "the JSON says its schema version" grep -q '"schema_version": 1' "$dir/one.json"
for section in young_person referrals cases audit_trail staff; do
  check "the JSON has the $section section" grep -q "\"id\": \"$section\"" "$dir/one.json"
done
check "third parties are marked for redaction review" grep -q '"redact": true' "$dir/one.json"

"$ycr" export --young-carer 1 --format html --output "$dir/one.html" "${common[@]}" >"$dir/out" 2>"$dir/err"
check "export --format html --output exits 0" test $? -eq 0
check "nothing personal on standard output when writing a file" test ! -s "$dir/out"
check "the file is an HTML document" grep -q '^<!DOCTYPE html>' "$dir/one.html"
check "the HTML has no script" bash -c "! grep -qi '<script' '$dir/one.html'"

"$ycr" export --young-carer 999999 "${common[@]}" >"$dir/out" 2>"$dir/err"
check "an unknown id exits 1" test $? -eq 1
check "an unknown id is said clearly" grep -q "There is no young carer with that id" "$dir/err"
check "an unknown id writes no document" test ! -s "$dir/out"
"$ycr" export --young-carer 1 --format pdf "${common[@]}" >/dev/null 2>&1
check "an unknown format is a usage error (exit 2)" test $? -eq 2
"$ycr" export "${common[@]}" >/dev/null 2>&1
check "no --young-carer is a usage error (exit 2)" test $? -eq 2

# Both exports are in the record's own trail, by the command line, and the chain still holds.
"$ycr" export --young-carer 1 "${common[@]}" >"$dir/again.json" 2>/dev/null
check "the exports are audited" test "$(grep -c '"action": "subject_access.export"' "$dir/again.json")" -eq 2
check "the exports are recorded as by the command line" grep -q '"detail": "format html by the command line' "$dir/again.json"
"$ycr" audit verify "${common[@]}" >"$dir/out" 2>&1
check "audit verify passes afterwards" test $? -eq 0

if ((failures > 0)); then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all export checks passed"
