#!/usr/bin/env bash
# End to end: `ycr import` and `ycr linkage-eval` as a user runs them, exit codes included.
# Usage: import_cli_test.sh PATH/TO/ycr SOURCE_DIR
set -u
ycr="$1"
src="$2"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
db="$dir/ycr.db"
common=(--database "$db" --set "data_dir=$src")
failures=0
check() {  # check DESCRIPTION CONDITION...
  local what="$1"
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}

# A spreadsheet as a school might save it: byte order mark, CRLF, its own headers, a quoted
# line break, a bad postcode, a row without a date of birth and a second row about one child.
printf '\xef\xbb\xbfPupil ref,Forename,Surname,D.O.B.,Post code,School URN,Home address\r\n' >"$dir/school.csv"
printf 'P1,Mohammed,Al-Amin,3/4/2012,LE2 7GH,120001,12 Mere Road\r\n' >>"$dir/school.csv"
printf 'P2,Amy,Smith,,LE3 1AA,120002,\r\n' >>"$dir/school.csv"
printf 'P3,Chloe,Barker,2011-11-30,LE4 BAD,120003,"Flat 2,\r\n4 Hill Street"\r\n' >>"$dir/school.csv"
printf 'P4,Mohamed,Alamin,20120403,LE2 7GH,120001,12 Mere Rd\r\n' >>"$dir/school.csv"

# Headers it cannot map: exit 2, naming what is missing.
"$ycr" import "$dir/school.csv" --source school "${common[@]}" >"$dir/out" 2>"$dir/err"
check "unmapped reference column is not required, date of birth is" test $? -eq 0
printf 'Name,Birthday\r\nAmy Smith,2012-04-03\r\n' >"$dir/bad.csv"
"$ycr" import "$dir/bad.csv" --source other "${common[@]}" >/dev/null 2>"$dir/err"
check "unmappable headers exit 2" test $? -eq 2
check "the missing fields are named" grep -q "given_name" "$dir/err"
check "the missing date of birth is named" grep -q "date_of_birth" "$dir/err"
"$ycr" import "$dir/nothing.csv" --source school "${common[@]}" >/dev/null 2>&1
check "an unreadable file exits 2" test $? -eq 2
"$ycr" import "$dir/school.csv" "${common[@]}" >/dev/null 2>&1
check "no --source exits 2" test $? -eq 2

# The first run above imported the file; start again with a fresh database for the real checks.
rm -f "$db"*
"$ycr" import "$dir/school.csv" --source school --map source_ref="Pupil ref" --dry-run --report "$dir/dry.csv" \
  "${common[@]}" >"$dir/out" 2>"$dir/err"
check "dry run exits 0" test $? -eq 0
check "dry run says nothing was written" grep -q "Dry run (nothing written)" "$dir/out"
check "dry run report has one row per input row" test "$(wc -l <"$dir/dry.csv")" -eq 5
"$ycr" import "$dir/school.csv" --source school --map source_ref="Pupil ref" --report "$dir/report.csv" \
  "${common[@]}" >"$dir/out" 2>"$dir/err"
check "import exits 0 with a rejected row" test $? -eq 0
check "summary counts new rows" grep -q "new: 2" "$dir/out"
check "summary counts linked rows" grep -q "linked: 1" "$dir/out"
check "summary counts rejected rows" grep -q "rejected: 1" "$dir/out"
check "report has a header and one row per input row" test "$(wc -l <"$dir/report.csv")" -eq 5
check "report gives the rejection's reason" grep -q '^3,P2,rejected,,,date_of_birth' "$dir/report.csv"
check "report flags the bad postcode" grep -q '^4,P3,new,.*postcode' "$dir/report.csv"
check "report links the second row to the first (line 6: a quoted line break before it)" grep -q '^6,P4,linked,' "$dir/report.csv"
check "dry run and real run decide alike" \
  test "$(cut -d, -f3 "$dir/dry.csv" | tr '\n' ' ')" = "$(cut -d, -f3 "$dir/report.csv" | tr '\n' ' ')"

"$ycr" import "$dir/school.csv" --source school --map source_ref="Pupil ref" --report "$dir/again.csv" \
  "${common[@]}" >"$dir/out" 2>"$dir/err"
check "re-run exits 0" test $? -eq 0
check "re-run creates nothing" grep -q "new: 0" "$dir/out"
check "re-run reports every imported row already imported" grep -q "already_imported: 3" "$dir/out"

"$ycr" audit verify "${common[@]}" >"$dir/out" 2>&1
check "the audit trail verifies after imports" test $? -eq 0

"$ycr" linkage-eval "$src/tests/data/linkage/school.csv" "$src/tests/data/linkage/gp.csv" \
  "$src/tests/data/linkage/referrals.csv" --truth-column truth_id "${common[@]}" >"$dir/out" 2>"$dir/err"
check "linkage-eval exits 0" test $? -eq 0
check "linkage-eval prints precision, recall and F1" grep -Eq "precision 1\.0000|precision 0\.99[5-9]" "$dir/out"
cat "$dir/out"
"$ycr" linkage-eval "$src/tests/data/linkage/gp.csv" --truth-column nope "${common[@]}" >/dev/null 2>&1
check "linkage-eval without its truth column exits 2" test $? -eq 2

exit $((failures > 0))
