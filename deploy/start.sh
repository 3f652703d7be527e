#!/usr/bin/env bash
# Sets up, builds, initialises a register with a first administrator and starts the service on
# http://127.0.0.1:8080. By default it is a demonstration register in its own database (var/demo.db):
# 300 made-up young carers with their cases, assessments, plans and cards, an account for each role,
# and every page saying it is made up. Safe to run again: existing data is kept.
#   YCR_ADMIN_PASSWORD   the administrator's password (otherwise one is generated and printed)
#   YCR_DEMO=0           an empty register in var/ycr.db instead: no demo data, accounts or banner,
#                        and staff who read children's records set up a second factor (the demo does not)
#   YCR_BUILD_DIR        build and run ycr from this directory (default build; one already configured
#                        is built as it was configured)
# and settings as YCR_<NAME>, e.g. YCR_PORT (default 8080), YCR_DATABASE (default var/ycr.db; the
# demo credentials are written beside it), YCR_KEY_DIR (default var/keys), YCR_INTAKE_TEAM (the young
# carers service made here, which takes referrals; default "Young carers service").
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
bash deploy/install-node-deps.sh  # GOV.UK Frontend for the web pages, from the lock file
build_dir=${YCR_BUILD_DIR:-build}
if [[ -f "$build_dir/CMakeCache.txt" ]]; then
  cmake --build "$build_dir" --target ycr
else
  YCR_BUILD_TARGET=ycr bash deploy/build.sh "$build_dir" RelWithDebInfo
fi
ycr=$build_dir/services/ycr
demo=${YCR_DEMO:-1}
if [[ "$demo" != "0" ]]; then
  export YCR_DATABASE=${YCR_DATABASE:-var/demo.db}
  export YCR_DEMO_REGISTER=true
  # Made-up children and shared demo passwords: look round without an authenticator app. A real
  # register (YCR_DEMO=0) keeps the default, a second factor for staff who read children's records.
  export YCR_REQUIRE_SECOND_FACTOR=${YCR_REQUIRE_SECOND_FACTOR:-false}
else
  export YCR_DATABASE=${YCR_DATABASE:-var/ycr.db}
fi
new_database=0
[[ -f "$YCR_DATABASE" ]] || new_database=1
export YCR_KEY_DIR=${YCR_KEY_DIR:-var/keys}
mkdir -p "$(dirname "$YCR_DATABASE")"
$ycr migrate

# Names are quoted for SQL (an apostrophe doubled): a service may be called "St John's young carers".
org_exists() { sqlite3 "$YCR_DATABASE" "SELECT 1 FROM organisations WHERE name = '${1//\'/\'\'}'" | grep -q 1; }
user_exists() { sqlite3 "$YCR_DATABASE" "SELECT 1 FROM users WHERE username = '$1'" | grep -q 1; }
new_password() { head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20; }

service=${YCR_INTAKE_TEAM:-Young carers service}
org_exists "$service" ||
  $ycr organisation add --kind carers_centre --name "$service" --district Leicester >/dev/null
credentials=$(dirname "$YCR_DATABASE")/demo-credentials.txt
if ! user_exists admin; then
  password=${YCR_ADMIN_PASSWORD:-$(new_password)}
  printf '%s\n' "$password" | $ycr user add --username admin --role admin --organisation "$service" \
    --display-name "Administrator" --password-stdin >/dev/null
  echo "admin $password" > "$credentials"
  chmod 600 "$credentials"
  if [[ -z "${YCR_ADMIN_PASSWORD:-}" ]]; then echo "Administrator: admin / $password (one-time: change it)"; fi
fi
if [[ "$demo" != "0" ]]; then
  org_exists "Hamilton Academy" ||
    $ycr organisation add --kind school --name "Hamilton Academy" --urn 120345 --district LE5 >/dev/null
  org_exists "County commissioning" ||
    $ycr organisation add --kind commissioner --name "County commissioning" >/dev/null
  # The champion's name is also Hamilton Academy's young carer champion in post on the demo register.
  for account in "caseworker:caseworker:$service:Sam Caseworker" "manager:team_manager:$service:Mo Manager" \
                 "champion:referrer:Hamilton Academy:Chris Champion" \
                 "commissioner:commissioner:County commissioning:Kim Commissioner"; do
    IFS=: read -r name role org display <<<"$account"
    if ! user_exists "$name"; then
      password=$(new_password)
      printf '%s\n' "$password" | $ycr user add --username "$name" --role "$role" --organisation "$org" \
        --display-name "$display" --password-stdin >/dev/null
      echo "$name $password" >> "$credentials"
    fi
  done
  echo "Demo accounts (username password) are in $credentials"
  # Made-up children only, and only into a database this run created: never into a register that was
  # there before.
  if [[ "$new_database" == "1" ]]; then
    $ycr demo-data --young-carers 300 --seed 1 >/dev/null
    echo "Demonstration register: 300 made-up young carers in $YCR_DATABASE"
  fi
fi
if [[ ! ${YCR_REQUIRE_SECOND_FACTOR:-true} =~ ^(false|0|no)$ ]]; then
  echo "Administrators, caseworkers and team managers set up an authenticator app at their first sign-in."
fi
echo "Sign in:  curl -s -X POST http://127.0.0.1:${YCR_PORT:-8080}/api/v1/sessions -H 'Content-Type: application/json' \\"
echo "            -d '{\"username\":\"admin\",\"password\":\"...\"}'"
exec $ycr serve --bind 127.0.0.1 --port "${YCR_PORT:-8080}"
