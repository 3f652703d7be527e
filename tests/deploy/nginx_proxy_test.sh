#!/usr/bin/env bash
# ycr behind a real nginx (Debian's, installed by deploy/install-deps.sh) running deploy/nginx.conf
# with its ports, paths and certificate replaced: a self-signed certificate made here, nginx run
# unprivileged on high loopback ports. Clients come from different loopback addresses (127.0.0.2,
# 127.0.0.3, ...), so nginx sees different client addresses while ycr sees every request come from
# nginx at 127.0.0.1. Shows that:
#   - made-up usernames' failures from one client address hold up that address only: a real user's
#     right password from another address still signs in;
#   - guessing a real account's password from one address does not lock its owner out elsewhere;
#   - the address throttled is the one nginx saw, whatever X-Forwarded-For the client forged;
#   - nginx's access log and ycr's own log carry no query string, name or username.
# Usage: nginx_proxy_test.sh YCR_BINARY SOURCE_DIR. Exits 77 (skipped) when nginx is not installed.
set -euo pipefail
ycr=$(realpath "$1")
src=$(realpath "$2")
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [[ ! -x $nginx ]]; then
  echo "nginx is not installed (bash deploy/install-deps.sh installs it): skipped"
  exit 77
fi

dir=$(mktemp -d /tmp/ycr-nginx-test.XXXXXX)
chmod 755 "$dir"
ycr_pid="" nginx_pid=""
cleanup() {
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  [[ -n $ycr_pid ]] && kill "$ycr_pid" 2>/dev/null && wait "$ycr_pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  echo "--- nginx error log" >&2; cat "$dir/nginx-error.log" >&2 2>/dev/null || true
  echo "--- ycr log" >&2; tail -20 "$dir/ycr.log" >&2 2>/dev/null || true
  exit 1
}

# shellcheck source=free_port.sh
source "$src/tests/deploy/free_port.sh"

# ---- ycr with one real account; three free attempts (so twelve per address) ----
export YCR_DATABASE=$dir/ycr.db YCR_KEY_DIR=$dir/keys YCR_PASSWORD_HASH_COST=min YCR_DATA_DIR=$src \
       YCR_WEB_ASSETS_DIR=$src YCR_SIGN_IN_FREE_ATTEMPTS=3 YCR_SIGN_IN_MAX_DELAY_SECONDS=600 \
       YCR_REQUIRE_SECOND_FACTOR=false  # the caseworker searches with a password session
password="correct horse battery staple"
"$ycr" migrate >/dev/null
"$ycr" organisation add --kind carers_centre --name "Young carers service" >/dev/null
printf '%s\n' "$password" | "$ycr" user add --username caseworker --role caseworker \
  --organisation "Young carers service" --password-stdin >/dev/null
for attempt in 1 2 3; do  # another test may bind the port between free_port and ycr
  ycr_port=$(free_port)
  "$ycr" serve --port "$ycr_port" >"$dir/ycr.log" 2>&1 &
  ycr_pid=$!
  for _ in $(seq 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$ycr_port/healthz" && break
    kill -0 "$ycr_pid" 2>/dev/null || break
    sleep 0.1
  done
  curl -sf -o /dev/null "http://127.0.0.1:$ycr_port/healthz" && break
  kill "$ycr_pid" 2>/dev/null || true; wait "$ycr_pid" 2>/dev/null || true; ycr_pid=""
  (( attempt < 3 )) || fail "ycr serve does not start"
done

# ---- nginx: deploy/nginx.conf with this test's ports, certificate and log directory ----
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=young-carers.example.org" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
mkdir -p "$dir/temp"
write_nginx_conf() {
  {
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/nginx-error.log;"
    echo "daemon off;"
    echo "events { worker_connections 64; }"
    echo "http {"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $dir/temp/$t;"; done
    sed -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
        -e "s|listen 443 ssl http2;|listen 127.0.0.1:$https_port ssl http2;|" \
        -e "s|/etc/ssl/certs/young-carers.pem|$dir/cert.pem|" \
        -e "s|/etc/ssl/private/young-carers.key|$dir/key.pem|" \
        -e "s|/var/log/nginx/|$dir/|" \
        -e "s|http://127.0.0.1:8080|http://127.0.0.1:$ycr_port|" \
        "$src/deploy/nginx.conf"
    echo "}"
  } >"$dir/nginx.conf"
  grep -q "127.0.0.1:$https_port ssl" "$dir/nginx.conf" ||
    fail "deploy/nginx.conf no longer has the lines this test replaces"
}
run_nginx=("$nginx" -p "$dir" -e "$dir/nginx-error.log" -c "$dir/nginx.conf")
if [[ $(id -u) -eq 0 ]]; then
  # Unprivileged, as any user could run it on a high port.
  chown -R nobody "$dir"
  run_nginx=(setpriv --reuid=nobody --regid=nogroup --clear-groups "${run_nginx[@]}")
fi

# Waits until ycr answers through nginx; returns 1 at once if nginx has stopped (a port taken).
answers_through_nginx() {
  for _ in $(seq 100); do
    if curl -skf -o /dev/null "$base/healthz"; then return 0; fi
    kill -0 "$nginx_pid" 2>/dev/null || { wait "$nginx_pid" 2>/dev/null; nginx_pid=""; return 1; }
    sleep 0.1
  done
  return 1
}
for attempt in 1 2 3; do
  https_port=$(free_port "$ycr_port") && http_port=$(free_port "$ycr_port" "$https_port")
  base=https://127.0.0.1:$https_port
  write_nginx_conf
  "${run_nginx[@]}" -t >/dev/null 2>&1 || { "${run_nginx[@]}" -t; fail "nginx refuses the configuration"; }
  "${run_nginx[@]}" 2>>"$dir/nginx-stderr.log" &
  nginx_pid=$!
  if answers_through_nginx; then break; fi
  [[ -z $nginx_pid ]] && grep -q "Address already in use" "$dir/nginx-error.log" && (( attempt < 3 )) &&
    { echo "nginx: a port was taken meanwhile, trying others"; continue; }
  fail "ycr does not answer through nginx"
done

# POST /api/v1/sessions from a loopback address ($1) with a username and password; prints the status.
# Any further arguments are extra curl arguments (a forged header).
sign_in() {
  local from=$1 user=$2 pass=$3
  shift 3
  curl -sk -o "$dir/reply.json" -w '%{http_code}' --interface "$from" "$@" -X POST "$base/api/v1/sessions" \
    -H 'Content-Type: application/json' -d "{\"username\":\"$user\",\"password\":\"$pass\"}"
}
expect() {  # expect STATUS WHAT -- the status of the last command's output
  local got=$1 want=$2 what=$3
  [[ $got == "$want" ]] || fail "$what: got $got, expected $want ($(cat "$dir/reply.json" 2>/dev/null))"
  echo "ok: $what ($got)"
}

# 1. Twelve made-up usernames from 127.0.0.2, each forging a different X-Forwarded-For.
for i in $(seq 12); do
  expect "$(sign_in 127.0.0.2 "nobody$i" "a wrong password" -H "X-Forwarded-For: 198.51.100.$i")" 401 \
    "made-up username $i from 127.0.0.2"
done
# 2. That address is held up now, even for a right password and whatever it claims to be...
expect "$(sign_in 127.0.0.2 caseworker "$password" -H "X-Forwarded-For: 203.0.113.77")" 429 \
  "right password from the throttled address 127.0.0.2, forging X-Forwarded-For"
# 3. ...but the real user at another address signs in.
expect "$(sign_in 127.0.0.3 caseworker "$password")" 201 "the real user from 127.0.0.3"
token=$(sed 's/.*"token":"\([^"]*\)".*/\1/' "$dir/reply.json")

# 4. Guessing the caseworker's own password from 127.0.0.4 holds up that address's attempts at the
#    account, not the caseworker elsewhere.
for i in 1 2 3; do sign_in 127.0.0.4 caseworker "guess number $i" >/dev/null; done
expect "$(sign_in 127.0.0.4 caseworker "$password")" 429 "right password from the guessing address 127.0.0.4"
expect "$(sign_in 127.0.0.5 caseworker "$password")" 201 "the real user from 127.0.0.5 after the guessing"

# 5. Names searched for stay out of the logs: the search by POST, and the old GET with a query string.
status=$(curl -sk -o "$dir/reply.json" -w '%{http_code}' --interface 127.0.0.3 -X POST "$base/api/v1/young-carers/search" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"q":"Zebedee"}')
expect "$status" 200 "search by POST through nginx"
status=$(curl -sk -o "$dir/reply.json" -w '%{http_code}' --interface 127.0.0.3 "$base/api/v1/young-carers?q=Zephaniah" \
  -H "Authorization: Bearer $token")
expect "$status" 200 "search by GET through nginx"

# 6. A survey link's token stays out of the logs (this one is unknown: the page says so).
survey_token=5e1f0a5e1f0a5e1f0a5e1f0a5e1f0a5e1f0a5e1f0a5e1f0a5e1f0a5e1f0a5e1f
status=$(curl -sk -o "$dir/reply.html" -w '%{http_code}' --interface 127.0.0.3 "$base/survey/$survey_token")
expect "$status" 404 "an unknown survey link through nginx"

kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""  # flushes the access log
log=$dir/ycr-access.log
[[ -s $log ]] || fail "nginx wrote no access log at $log"
grep -q '^127.0.0.2 ' "$log" || fail "the access log does not show the client address 127.0.0.2"
grep -q '"GET /api/v1/young-carers HTTP' "$log" || fail "the access log does not show the search's path"
for secret in Zebedee Zephaniah '?q=' nobody1 "$password" "$survey_token"; do
  if grep -qF -- "$secret" "$log"; then fail "the access log contains '$secret'"; fi
  if grep -qF -- "$secret" "$dir/ycr.log"; then fail "ycr's log contains '$secret'"; fi
done
echo "ok: no query strings, names, usernames or survey tokens in nginx's access log or ycr's log"
echo "PASS"
