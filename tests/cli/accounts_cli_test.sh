#!/usr/bin/env bash
# End to end: `ycr organisation add` and `ycr user add`, as an operator sets up a register before any
# administrator can sign in. They call the administrator's use cases, so the rules are the API's: a
# school needs its URN, a name is taken whatever its case or accents, an account needs an active
# organisation, a password its rules; each is audited with no actor, "by the command line".
# Usage: accounts_cli_test.sh PATH/TO/ycr SOURCE_DIR
set -u
ycr="$1"
src="$2"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
common=(--database "$dir/ycr.db" --set "data_dir=$src" --set "password_hash_cost=min")
failures=0
check() {  # check DESCRIPTION CONDITION...
  local what="$1"
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}
run() {  # run ARGS...: ycr's exit status in $status, its output in $dir/out and $dir/err
  "$ycr" "$@" "${common[@]}" >"$dir/out" 2>"$dir/err"
  status=$?
}

run organisation add --kind carers_centre --name "St John's Young Carers" --district Leicester
check "a carers centre is added" test "$status" -eq 0
check "and said so" grep -q "Added organisation 1 (St John's Young Carers)" "$dir/out"
run organisation add --kind school --name "Hamilton Academy"
check "a school without its URN is refused as a usage error (exit 2)" test "$status" -eq 2
check "saying what is missing" grep -q "Enter the school's URN" "$dir/err"
run organisation add --kind school --name "Hamilton Academy" --urn 12345
check "a URN that is not six digits is refused" test "$status" -eq 2
run organisation add --kind school --name "Hamilton Academy" --urn 120345 --notices-email office@hamilton.example.org
check "a school with its URN is added" test "$status" -eq 0
run organisation add --kind carers_centre --name "ST JOHN’S YOUNG CARERS"
check "a name already taken, in other case, is refused (exit 1)" test "$status" -eq 1
check "naming the one that exists" grep -q "An organisation called 'St John's Young Carers' exists" "$dir/err"
run organisation add --kind school --name "Hamilton Annexe" --urn 120345
check "a URN already on the register is refused" test "$status" -eq 1
run organisation add --kind moon_base --name "Tranquility"
check "an unknown kind is refused as a usage error" test "$status" -eq 2

printf '%s\n' 'Correct horse battery staple 9' >"$dir/password"
run user add --username zoe.admin --role admin --organisation "St John's Young Carers" --display-name "Zoë O'Brien" --password-stdin <"$dir/password"
check "an administrator is added with the password given" test "$status" -eq 0
check "and no one-time password is shown" bash -c "! grep -q 'One-time password' '$dir/out'"
run user add --username casey --role caseworker --organisation "St John's Young Carers"
check "a caseworker is added with a one-time password" test "$status" -eq 0
check "shown once, on this terminal" grep -Eq '^One-time password: [0-9A-Z]{5}(-[0-9A-Z]{5}){3}$' "$dir/out"
run user add --username casey --role caseworker --organisation "St John's Young Carers"
check "a username taken is refused" test "$status" -eq 1
check "saying so" grep -q "That username is taken" "$dir/err"
printf 'short\n' >"$dir/weak"
run user add --username sam --role caseworker --organisation "St John's Young Carers" --password-stdin <"$dir/weak"
check "a password breaking the rules is refused as a usage error" test "$status" -eq 2
run user add --username sam --role wizard --organisation "St John's Young Carers"
check "an unknown role is refused" test "$status" -eq 2
run user add --username sam --role caseworker --organisation "Nowhere"
check "an organisation not on the register is refused" test "$status" -eq 1
check "saying how to add it" grep -q "add it with 'ycr organisation add'" "$dir/err"

# The accounts can sign in (checked through the store: one-time password to be changed), and each
# change is in the audit trail with no actor and the reason "by the command line".
check "the caseworker must change the one-time password" \
  test "$(sqlite3 "$dir/ycr.db" "SELECT must_change_password FROM users WHERE username = 'casey'")" = 1
check "the administrator keeps the password given" \
  test "$(sqlite3 "$dir/ycr.db" "SELECT must_change_password FROM users WHERE username = 'zoe.admin'")" = 0
check "four creations audited by the command line, with no actor" test "$(sqlite3 "$dir/ycr.db" \
  "SELECT COUNT(*) FROM audit_events WHERE action IN ('organisation.create', 'user.create') AND actor_user_id IS NULL AND reason = 'by the command line'")" = 4
"$ycr" audit verify "${common[@]}" >"$dir/out" 2>&1
check "the audit chain verifies" test $? -eq 0

echo "$failures failure(s)"
test "$failures" -eq 0
