#!/usr/bin/env bash
# The installed tree, as a Debian server would run it: `cmake --install` into a DESTDIR, then the
# unit's own commands (migrate with a backup, serve) as an unprivileged user, with the source tree,
# /root and /home hidden (the unit's ProtectHome), state in the unit's directories (under a scratch
# root). Checks it serves pages, assets, /healthz, /readyz and metrics; runs the backup service's
# script (backup, audit verify, retention) and the README's restore drill; verifies the units with
# systemd-analyze; builds the Debian package and checks its contents and maintainer scripts.
# Needs root (a mount namespace and setpriv). Usage: install_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
[[ $(id -u) -eq 0 ]] || { echo "SKIP: needs root (mount namespace, setpriv)"; exit 77; }
tmp=$(mktemp -d /tmp/ycr-install-test.XXXXXX)  # outside /work and /root, which are hidden below
chmod 0755 "$tmp"  # the service user walks through it to the installed tree and its state
server=
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [[ -f $tmp/serve.log ]] && tail -20 "$tmp/serve.log" >&2; exit 1; }
ok() { echo "ok: $*"; }

# ---- install ----
root=$tmp/root
DESTDIR=$root cmake --install "$build" >/dev/null
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
bin=$root$prefix/bin/ycr share=$root$prefix/share/ycr units=$root$prefix/lib/systemd/system
for f in "$bin" "$share/pathways/data/bank-holidays.json" "$share/core/data/diminutives.csv" \
         "$share/services/web/assets/ycr.css" "$share/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css" \
         "$share/node_modules/govuk-frontend/dist/govuk/assets/rebrand/images/favicon.svg" \
         "$share/examples/ycr.conf.example" "$units/ycr.service" "$units/ycr-backup.service" \
         "$units/ycr-backup.timer" "$root$prefix/libexec/ycr/ycr-backup.sh"; do
  [[ -e $f ]] || fail "not installed: ${f#"$root"}"
done
ls "$share"/core/data/questionnaires/* >/dev/null || fail "questionnaires not installed"
ls "$share"/core/data/surveys/* >/dev/null || fail "surveys not installed"
ok "cmake --install laid out the binary, data, web assets, configuration example and units"

# ---- the unit's commands, paths and user ----
grep -qx "ExecStart=$prefix/bin/ycr serve" "$units/ycr.service" || fail "ExecStart does not name $prefix/bin/ycr"
pre=$(sed -n 's/^ExecStartPre=//p' "$units/ycr.service")
[[ $pre == "$prefix/bin/ycr migrate --backup-dir /var/backups/ycr" ]] || fail "unexpected ExecStartPre: $pre"
# The unit's state directories under the scratch root, owned by an unprivileged user (nobody).
state=$tmp/var/lib/ycr backups=$tmp/var/backups/ycr
install -d -o nobody -g nogroup -m 0700 "$state" "$backups"
# shellcheck source=free_port.sh
source "$(dirname "$0")/free_port.sh"
port=$(free_port) mport=$(free_port "$port")
install -d -m 0755 "$tmp/etc/ycr"
sed -e "s#/var/lib/ycr#$state#g" -e "s#^port = .*#port = $port#" -e "s#^metrics_port = .*#metrics_port = $mport#" \
  "$share/examples/ycr.conf.example" >"$tmp/etc/ycr/ycr.conf"
grep -q "^metrics_port = $mport" "$tmp/etc/ycr/ycr.conf" || fail "the configuration example has no metrics_port"
grep -q "^migrate_on_start = false" "$tmp/etc/ycr/ycr.conf" || fail "the configuration example migrates on start"
# The example's public_base_url is a placeholder the administrator must change; a local one here.
sed -i "s#^public_base_url = .*#public_base_url = http://127.0.0.1:$port#" "$tmp/etc/ycr/ycr.conf"
chmod 0644 "$tmp/etc/ycr/ycr.conf"
# As the unit runs it: another user, the source tree (/work), /root and /home out of sight.
as_service() {
  YCR_CONFIG=$tmp/etc/ycr/ycr.conf unshare -m sh -c \
    'for d in /work /root /home; do [ -d $d ] && mount -t tmpfs none $d; done; exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"' \
    sh "$@"
}
unit_cmd() { local c=${1/#$prefix\/bin\/ycr/$bin}; c=${c//\/var\/backups\/ycr/$backups}; echo "$c"; }

# serve refuses an unmigrated database when migrate_on_start is false.
if as_service "$bin" serve >"$tmp/refused.log" 2>&1; then fail "serve started on an unmigrated database"; fi
grep -q "ycr migrate" "$tmp/refused.log" || fail "serve's refusal does not say to run ycr migrate: $(cat "$tmp/refused.log")"
ok "serve refuses an unmigrated database and says to run ycr migrate"
# shellcheck disable=SC2046
as_service $(unit_cmd "$pre") >"$tmp/migrate.log" 2>&1 || fail "ExecStartPre failed: $(cat "$tmp/migrate.log")"
grep -q "Applied migration" "$tmp/migrate.log" || fail "no migrations applied"
[[ -z $(ls -A "$backups") ]] || fail "a new database was backed up before its first migration"
as_service $(unit_cmd "$pre") >"$tmp/migrate2.log" 2>&1 || fail "second ExecStartPre failed"
grep -q "up to date" "$tmp/migrate2.log" || fail "second migrate did not say up to date"
ok "ExecStartPre (ycr migrate --backup-dir) creates the schema as nobody, then finds it up to date"

start_server() {
  as_service "$bin" serve >"$tmp/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || fail "ycr serve exited"
    sleep 0.1
  done
  fail "ycr serve did not answer /healthz"
}
stop_server() { kill "$server"; wait "$server" || true; server=; }
start_server
get() { curl -fsS -o /dev/null -w '%{http_code}' "$@"; }
[[ $(get "http://127.0.0.1:$port/readyz") == 200 ]] || fail "/readyz"
[[ $(get "http://127.0.0.1:$port/sign-in") == 200 ]] || fail "the sign-in page"
[[ $(get "http://127.0.0.1:$port/assets/govuk-frontend.min.css") == 200 ]] || fail "GOV.UK Frontend's stylesheet"
[[ $(get "http://127.0.0.1:$port/assets/ycr/ycr.css") == 200 ]] || fail "ycr's stylesheet"
[[ $(get "http://127.0.0.1:$port/assets/rebrand/images/favicon.svg") == 200 ]] || fail "GOV.UK Frontend's images"
metrics=$(curl -fsS "http://127.0.0.1:$mport/metrics")
grep -q 'ycr_http_requests_total{route="/readyz",method="GET",status="200"} 1' <<<"$metrics" || fail "metrics: $metrics"
grep -q '^ycr_database_up 1' <<<"$metrics" || fail "metrics: no ycr_database_up"
[[ $(stat -c %U "$state/ycr.db") == nobody ]] || fail "the database is not the service user's"
[[ -f $state/keys/card-signing.key || -n $(ls -A "$state/keys") ]] || fail "no keys in key_dir"
ok "the installed tree serves pages, assets, /healthz, /readyz and metrics (port $mport) as nobody with the source tree hidden"

# ---- backups: the timer's service script, retention ----
for old in 20200101T000000Z 20200102T000000Z 20200103T000000Z; do
  install -o nobody -g nogroup -m 0600 /dev/null "$backups/ycr-$old.db"
  install -o nobody -g nogroup -m 0600 /dev/null "$backups/ycr-$old.keys.tar"
done
script=$(sed -n 's/^ExecStart=//p' "$units/ycr-backup.service")
read -r sh_path ycr_arg dir_arg keep_arg keys_arg <<<"$script"
[[ $sh_path == "$prefix/libexec/ycr/ycr-backup.sh" && $ycr_arg == "$prefix/bin/ycr" && $dir_arg == /var/backups/ycr &&
   $keys_arg == /var/lib/ycr/keys ]] || fail "unexpected backup ExecStart: $script"
as_service sh "$root$sh_path" "$bin" "$backups" 2 "$state/keys" >"$tmp/backup.log" 2>&1 || fail "backup: $(cat "$tmp/backup.log")"
grep -q "Audit trail intact" "$tmp/backup.log" || fail "the backup's audit trail was not verified"
mapfile -t kept < <(ls -1 "$backups" | grep -E '\.db$' | sort)
[[ ${#kept[@]} -eq 2 && ${kept[0]} == ycr-20200103T000000Z.db ]] || fail "retention kept: ${kept[*]}"
newest=$backups/${kept[1]}
[[ -f ${newest%.db}.keys.tar && ! -e $backups/ycr-20200101T000000Z.keys.tar ]] || fail "key archives not kept with their sets"
ok "ycr-backup.service's script backs up, verifies the copy's audit trail and keeps the newest 2"

# ---- the README's restore drill ----
stop_server
mv "$state/ycr.db" "$tmp/broken.db"
rm -f "$state/ycr.db-wal" "$state/ycr.db-shm"
install -o nobody -g nogroup -m 0600 "$newest" "$state/ycr.db"
as_service "$bin" audit verify >/dev/null || fail "restored database's audit trail"
as_service $(unit_cmd "$pre") >/dev/null || fail "migrate after restore"
start_server
[[ $(get "http://127.0.0.1:$port/readyz") == 200 ]] || fail "/readyz after restore"
stop_server
ok "restore drill: stop, put the copy in place, audit verify, migrate, start, ready"

# ---- systemd-analyze verify ----
if command -v systemd-analyze >/dev/null; then
  # Against the installed tree, so ExecStart's binary is the one just installed; the system's own
  # units (sysinit.target, ...) copied in beside them. Warnings (an unknown key) fail the test too.
  mkdir -p "$root/usr/lib/systemd" && cp -a /usr/lib/systemd/system "$root/usr/lib/systemd/"
  if out=$(systemd-analyze verify --root="$root" "$units/ycr.service" "$units/ycr-backup.service" \
           "$units/ycr-backup.timer" 2>&1) && [[ -z $out ]]; then
    ok "systemd-analyze verify: the units are valid"
  else
    fail "systemd-analyze verify: $out"
  fi
else
  echo "SKIP: systemd-analyze is not installed (Debian package systemd)"
fi

# ---- the Debian package ----
if command -v dpkg-deb >/dev/null && command -v cpack >/dev/null; then
  (cd "$build" && cpack -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) || fail "cpack: $(tail -20 "$tmp/cpack.log")"
  deb=$(ls "$tmp"/pkg/*.deb)
  contents=$(dpkg-deb -c "$deb")
  for f in "$prefix/bin/ycr" "$prefix/lib/systemd/system/ycr.service" "$prefix/share/ycr/examples/ycr.conf.example" \
           "$prefix/share/ycr/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css"; do
    grep -q " \.$f\$" <<<"$contents" || fail "the package lacks $f"
  done
  dpkg-deb -e "$deb" "$tmp/control"
  grep -q "adduser --system" "$tmp/control/postinst" || fail "postinst does not create the ycr user"
  grep -q "/var/backups/ycr" "$tmp/control/postinst" || fail "postinst does not create /var/backups/ycr"
  grep -q "^Depends:.*adduser" "$tmp/control/control" || fail "the package does not depend on adduser"
  for s in postinst prerm postrm; do sh -n "$tmp/control/$s" || fail "$s is not valid sh"; done
  ok "cpack -G DEB: $(basename "$deb") with the binary, units and data; postinst makes the user and directories"

  # ---- the package installed by dpkg on a throwaway copy of this machine ----
  # An overlay over / in a private mount namespace, upper layer in memory: dpkg, adduser and the
  # maintainer scripts run for real and everything they change is gone when the namespace ends.
  # Other mounts (/work, /tmp's own) are not in the copy, as on a server that never saw the source.
  # Without systemd running here, postinst's systemctl steps are skipped (it checks
  # /run/systemd/system); the unit's commands are run as its user instead.
  cport=$(free_port "$port" "$mport") cmport=$(free_port "$port" "$mport" "$cport")
  cat >"$tmp/in-copy.sh" <<SCRIPT
set -eu
fail() { echo "FAIL (installed package): \$*" >&2; cat /var/log/ycr-test-serve.log >&2 2>/dev/null || true; exit 1; }
dpkg -i /root/ycr.deb >/root/dpkg.log 2>&1 || fail "dpkg -i: \$(tail -20 /root/dpkg.log)"
getent passwd ycr | grep -q ":/var/lib/ycr:/usr/sbin/nologin\$" || fail "no ycr system user: \$(getent passwd ycr)"
[ "\$(stat -c '%U %a' /var/lib/ycr)" = "ycr 700" ] || fail "/var/lib/ycr: \$(stat -c '%U %a' /var/lib/ycr)"
[ "\$(stat -c '%U %a' /var/backups/ycr)" = "ycr 700" ] || fail "/var/backups/ycr"
[ "\$(stat -c '%U:%G %a' /etc/ycr/ycr.conf)" = "root:ycr 640" ] || fail "/etc/ycr/ycr.conf: \$(stat -c '%U:%G %a' /etc/ycr/ycr.conf)"
# What the administrator sets before the first start (README, Deployment).
sed -i -e "s#^port = .*#port = $cport#" -e "s#^metrics_port = .*#metrics_port = $cmport#" \
    -e "s#^public_base_url = .*#public_base_url = http://127.0.0.1:$cport#" /etc/ycr/ycr.conf
as_ycr() { YCR_CONFIG=/etc/ycr/ycr.conf setpriv --reuid=ycr --regid=ycr --init-groups "\$@"; }
as_ycr $prefix/bin/ycr migrate --backup-dir /var/backups/ycr >/root/migrate.log 2>&1 || fail "ExecStartPre: \$(cat /root/migrate.log)"
as_ycr $prefix/bin/ycr serve >/var/log/ycr-test-serve.log 2>&1 &
server=\$!
for _ in \$(seq 100); do curl -fs -o /dev/null http://127.0.0.1:$cport/readyz && break; sleep 0.1; done
curl -fs -o /dev/null http://127.0.0.1:$cport/readyz || fail "the installed service is not ready"
curl -fs http://127.0.0.1:$cport/sign-in | grep -q "Sign in" || fail "no sign-in page"
curl -fs -o /dev/null http://127.0.0.1:$cport/assets/govuk-frontend.min.css || fail "no GOV.UK Frontend"
curl -fs http://127.0.0.1:$cmport/metrics | grep -q "^ycr_database_up 1" || fail "no metrics"
as_ycr $prefix/libexec/ycr/ycr-backup.sh $prefix/bin/ycr /var/backups/ycr 14 /var/lib/ycr/keys >/root/backup.log 2>&1 ||
  fail "ycr-backup.sh: \$(cat /root/backup.log)"
ls /var/backups/ycr/ycr-*.db >/dev/null 2>&1 || fail "no backup in /var/backups/ycr"
kill \$server; wait \$server || true
dpkg --purge ycr >/root/purge.log 2>&1 || fail "dpkg --purge: \$(cat /root/purge.log)"
[ ! -e $prefix/bin/ycr ] && [ ! -e /etc/ycr/ycr.conf ] || fail "purge left the binary or the configuration"
[ -f /var/lib/ycr/ycr.db ] || fail "purge removed the register's data"
echo "ok-in-copy"
SCRIPT
  copy=$tmp/copy
  mkdir -p "$copy/layer" "$copy/root"
  out=$(unshare --mount --propagation private sh -c "
    set -e
    mount -t tmpfs tmpfs '$copy/layer'; mkdir '$copy/layer/upper' '$copy/layer/work'
    mount -t overlay overlay -o lowerdir=/,upperdir='$copy/layer/upper',workdir='$copy/layer/work' '$copy/root' ||
      { echo no-overlay; exit 0; }
    mount --bind /proc '$copy/root/proc'; mount --bind /dev '$copy/root/dev'
    mount -t tmpfs tmpfs '$copy/root/tmp'
    cp '$deb' '$copy/root/root/ycr.deb'; cp '$tmp/in-copy.sh' '$copy/root/root/in-copy.sh'
    chroot '$copy/root' sh /root/in-copy.sh
  " 2>&1) || fail "$out"
  if [[ $out != no-overlay* ]]; then
    [[ $out == *ok-in-copy* ]] || fail "the installed package's checks did not finish: $out"
    ! getent passwd ycr >/dev/null || fail "the package test changed this machine (a ycr user)"
    ok "dpkg -i on a copy of this machine: the ycr user, directories and configuration; migrate, serve, ready, metrics and a backup as ycr; purge keeps the data"
  else
    echo "SKIP: no overlay mount over / here (kernel or container), so the package was not installed"
  fi
else
  echo "SKIP: dpkg-deb or cpack not available"
fi
echo "install test passed"
