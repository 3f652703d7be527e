#!/usr/bin/env bash
# The request path against the machine's own limits (issue 25), measured in one run: wrk drives a
# bare Poco server (tests/bench/http_floor.cpp) and `ycr serve` in alternating runs on the same
# cores, and a one-row-commit loop on the same disk gives the durable commit rate.
#   GET /api/v1/cases/1 as a caseworker, 8 connections    / bare server, 8 connections   target >= 0.5
#   POST /api/v1/referrals (new children), 1 and 8 conns   / one-row commits a second     target >= 1.0
#   GET /api/v1/version (no storage), 8 connections        / bare server                  for reference
# Usage: tests/bench/http_bench.sh [BUILD_DIR] [ROUNDS] [SECONDS]   (defaults: build 3 10)
# Prints each round and the median ratios; exits 1 if any request was answered other than 2xx.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$source_dir/build}" && pwd)
rounds=${2:-3}
seconds=${3:-10}
ycr=$build/services/ycr
floor=$build/tests/bench/http_floor
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "http_bench: $tool is needed (deploy/install-deps.sh installs it)" >&2; exit 2; }
done
[[ -x $ycr && -x $floor ]] || { echo "http_bench: build ycr and http_floor first ($build)" >&2; exit 2; }

dir=$(mktemp -d /tmp/ycr-http-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
password=$(head -c 18 /dev/urandom | base64)
cat > "$dir/ycr.conf" <<CONF
database = $dir/ycr.db
key_dir = $dir/keys
data_dir = $source_dir
password_hash_cost = min
log_level = warn
require_second_factor = false
CONF
"$ycr" migrate --config "$dir/ycr.conf" >/dev/null
"$ycr" demo-data --config "$dir/ycr.conf" --young-carers 2000 --seed 25 >/dev/null
echo "$password" | "$ycr" user add --config "$dir/ycr.conf" --username bench.caseworker --role caseworker \
  --organisation "Young carers service" --password-stdin >/dev/null
echo "$password" | "$ycr" user add --config "$dir/ycr.conf" --username bench.champion --role referrer \
  --organisation "Oakfield Academy" --password-stdin >/dev/null

bare_port=$(port)
"$floor" serve "$bare_port" & pids+=($!)
ycr_port=$(port)
"$ycr" serve --config "$dir/ycr.conf" --port "$ycr_port" >"$dir/serve.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$ycr_port/healthz" >/dev/null && curl -sf "http://127.0.0.1:$bare_port/" >/dev/null && break
  sleep 0.1
done
token() {
  curl -sf -X POST "http://127.0.0.1:$ycr_port/api/v1/sessions" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
caseworker=$(token bench.caseworker)
champion=$(token bench.champion)

bad=0
# Requests a second from one wrk run; any answer other than 2xx is counted and fails the run.
rate() {
  local out
  out=$(wrk "$@")
  if grep -q "Non-2xx" <<<"$out"; then
    echo "http_bench: $(grep Non-2xx <<<"$out") for wrk $*" >&2
    bad=1
  fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

declare -a r_bare r_case r_version r_commits r_in1 r_in8
printf '%-5s %10s %10s %10s %10s %10s %10s\n' round bare get_case version commits intake_1 intake_8
for ((i = 1; i <= rounds; ++i)); do
  r_bare+=("$(rate -t2 -c8 -d"${seconds}s" "http://127.0.0.1:$bare_port/")")
  r_case+=("$(rate -t2 -c8 -d"${seconds}s" -H "Authorization: Bearer $caseworker" "http://127.0.0.1:$ycr_port/api/v1/cases/1")")
  r_version+=("$(rate -t2 -c8 -d"${seconds}s" "http://127.0.0.1:$ycr_port/api/v1/version")")
  r_commits+=("$("$floor" commits "$dir/floor.db" 3000)")
  r_in1+=("$(rate -t1 -c1 -d"${seconds}s" -s "$here/http_referral.lua" "http://127.0.0.1:$ycr_port" -- $((i * 100000000)) "$champion")")
  r_in8+=("$(rate -t2 -c8 -d"${seconds}s" -s "$here/http_referral.lua" "http://127.0.0.1:$ycr_port" -- $((i * 100000000 + 50000000)) "$champion")")
  j=$((i - 1))
  printf '%-5s %10s %10s %10s %10s %10s %10s\n' "$i" "${r_bare[j]}" "${r_case[j]}" "${r_version[j]}" "${r_commits[j]}" "${r_in1[j]}" "${r_in8[j]}"
done

python3 - "${r_bare[*]}" "${r_case[*]}" "${r_version[*]}" "${r_commits[*]}" "${r_in1[*]}" "${r_in8[*]}" <<'PY'
import statistics, sys
bare, case, version, commits, in1, in8 = ([float(x) for x in a.split()] for a in sys.argv[1:])
def ratio(a, b): return statistics.median(x / y for x, y in zip(a, b))
print()
print(f"{'request':48} {'ycr req/s':>10} {'limit':>10} {'ratio':>6} target")
print(f"{'GET /api/v1/cases/1, 8 connections':48} {statistics.median(case):10.0f} {statistics.median(bare):10.0f} {ratio(case, bare):6.2f} >= 0.5 of the bare server")
print(f"{'GET /api/v1/version, 8 connections':48} {statistics.median(version):10.0f} {statistics.median(bare):10.0f} {ratio(version, bare):6.2f}")
print(f"{'POST /api/v1/referrals, 1 connection':48} {statistics.median(in1):10.0f} {statistics.median(commits):10.0f} {ratio(in1, commits):6.2f} >= 1.0 of one-row commits")
print(f"{'POST /api/v1/referrals, 8 connections':48} {statistics.median(in8):10.0f} {statistics.median(commits):10.0f} {ratio(in8, commits):6.2f} >= 1.0 of one-row commits")
PY
echo "ycr: $(ls -l "$dir/ycr.db" | awk '{print $5}') bytes of database, $(grep -c . "$dir/serve.log" || true) lines logged"
exit "$bad"
