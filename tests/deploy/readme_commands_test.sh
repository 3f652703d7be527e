#!/usr/bin/env bash
# The README's cheap commands and variables, run as written: deploy/start.sh with YCR_DEMO=0 and
# then with the demo accounts (against a temporary database and a free port, in the build being
# tested), the script variables beside settings in the environment, ycr --version and --help, a
# usage error's exit status 2, backup and audit verify.
# Usage: readme_commands_test.sh YCR_BINARY SOURCE_DIR BUILD_DIR
set -euo pipefail
ycr=$(realpath "$1")
src=$(realpath "$2")
build=$(realpath "$3")
dir=$(mktemp -d /tmp/ycr-readme-test.XXXXXX)
server=""
stop_server() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=""
}
trap 'stop_server; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; tail -20 "$dir/start.log" >&2 2>/dev/null || true; exit 1; }
ok() { echo "ok: $*"; }

# ---- ycr itself ----
"$ycr" --version | grep -q '^ycr ' || fail "ycr --version"
"$ycr" --help >/dev/null || fail "ycr --help exits non-zero"
for usage in "" "nosuch" "serve --port notanumber" "migrate --no-such-option" "user add --username x"; do
  set +e
  # shellcheck disable=SC2086
  "$ycr" $usage >/dev/null 2>&1
  status=$?
  set -e
  [[ $status == 2 ]] || fail "'ycr $usage' exits $status, not 2 (a usage error)"
done
ok "--version and --help exit 0; usage errors exit 2"

# Script variables (YCR_DEMO, YCR_SKIP_SANITIZERS, ...) are not settings: they never stop ycr. A
# variable that is neither is named on standard error and ignored; a bad setting still stops it.
YCR_DEMO=0 YCR_SKIP_SANITIZERS=1 YCR_BUILD_TARGET=ycr YCR_ADMIN_PASSWORD=x YCR_NOT_A_SETTING=1 \
  "$ycr" migrate --database "$dir/env.db" >/dev/null 2>"$dir/env.err" || fail "script variables stop ycr: $(cat "$dir/env.err")"
grep -q "YCR_NOT_A_SETTING" "$dir/env.err" || fail "an unknown YCR_ variable is not mentioned"
if grep -q "YCR_DEMO\|YCR_SKIP_SANITIZERS" "$dir/env.err"; then fail "script variables are called unknown"; fi
set +e
YCR_PORT=notanumber "$ycr" migrate --database "$dir/env.db" >/dev/null 2>&1
status=$?
set -e
[[ $status == 2 ]] || fail "a bad YCR_PORT exits $status, not 2"
ok "script variables ignored, unknown ones named, bad settings refused"

# ---- deploy/start.sh, as the README runs it, on a free port with a temporary database ----
# shellcheck source=free_port.sh
source "$src/tests/deploy/free_port.sh"
port=$(free_port)
export YCR_PORT=$port YCR_DATABASE=$dir/var/ycr.db YCR_KEY_DIR=$dir/var/keys YCR_BUILD_DIR=$build
export YCR_ADMIN_PASSWORD="correct horse battery staple for the test"
start() {  # start [VAR=value ...]: deploy/start.sh in the background, waiting until it answers
  local attempt
  for attempt in 1 2 3; do
    env "$@" bash "$src/deploy/start.sh" >"$dir/start.log" 2>&1 &
    server=$!
    for _ in $(seq 600); do
      if curl -sf "http://127.0.0.1:$port/api/v1/version" >/dev/null 2>&1; then return 0; fi
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$server" 2>/dev/null && fail "deploy/start.sh did not answer on port $port"
    wait "$server" 2>/dev/null || true; server=""
    # Another test took the port between free_port and the bind: another port, not a failure.
    grep -q "Address already in use" "$dir/start.log" && (( attempt < 3 )) || fail "deploy/start.sh stopped"
    port=$(free_port); export YCR_PORT=$port
  done
}
users() { sqlite3 "$YCR_DATABASE" "SELECT count(*) FROM users"; }

start YCR_DEMO=0
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || fail "/healthz"
# sign_in USERNAME PASSWORD: the session's JSON, or fails the test unless the answer is 201.
sign_in() {
  local body status
  body=$(curl -s -w '\n%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/sessions" \
    -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}")
  status=${body##*$'\n'}
  [[ $status == 201 ]] || fail "$1 cannot sign in ($status)"
  echo "${body%$'\n'*}"
}
session=$(sign_in admin "$YCR_ADMIN_PASSWORD")
# A real register: the administrator sets up an authenticator app before anything else.
[[ $session == *'"next_step":"enrol_second_factor"'* ]] ||
  fail "YCR_DEMO=0 does not ask the administrator for a second factor: $session"
[[ $(users) == 1 ]] || fail "YCR_DEMO=0 made $(users) accounts, not the administrator alone"
stop_server
ok "YCR_DEMO=0 bash deploy/start.sh: an empty register with its administrator"

start  # again, with the demo accounts: safe to run again, existing data kept
[[ $(users) == 5 ]] || fail "the demo accounts were not added ($(users) accounts)"
[[ $(wc -l <"$dir/var/demo-credentials.txt") == 5 ]] || fail "demo-credentials.txt is not beside the database"
read -r name password < <(grep '^caseworker ' "$dir/var/demo-credentials.txt")
session=$(sign_in "$name" "$password")
# The demonstration register is looked round with passwords alone.
token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$session")
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
     "http://127.0.0.1:$port/api/v1/cases") == 200 ]] || fail "a demo caseworker cannot list cases: $session"

# ---- backup while serving, and the audit trail of the copy ----
"$ycr" backup --database "$YCR_DATABASE" --to "$dir/copy.db" >/dev/null || fail "ycr backup"
"$ycr" audit verify --database "$dir/copy.db" >/dev/null || fail "ycr audit verify"
stop_server
ok "bash deploy/start.sh again: demo accounts added, sign-in, backup and audit verify"
[[ $(sqlite3 "$YCR_DATABASE" "SELECT count(*) FROM young_carers") == 0 ]] ||
  fail "made-up children were put into a register that was there before"

# ---- the first README command as a newcomer runs it: a new, populated demonstration register ----
export YCR_DATABASE=$dir/var/demo.db
start
[[ $(sqlite3 "$YCR_DATABASE" "SELECT count(*) FROM young_carers") == 300 ]] ||
  fail "the demonstration register does not hold 300 made-up young carers"
[[ $(users) == 5 ]] || fail "the demonstration register has $(users) accounts, not 5"
curl -s "http://127.0.0.1:$port/sign-in" | grep -q "Demonstration register" ||
  fail "the demonstration register's pages do not say so"
stop_server
YCR_DATABASE=$dir/var/ycr.db start YCR_DEMO=0
if curl -s "http://127.0.0.1:$port/sign-in" | grep -q "Demonstration register"; then
  fail "a register started with YCR_DEMO=0 is marked as a demonstration"
fi
stop_server
ok "bash deploy/start.sh on a new database: 300 made-up young carers, marked on every page; YCR_DEMO=0 unmarked"
echo PASS
