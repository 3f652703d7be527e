#!/usr/bin/env bash
# Installs the Debian 12 packages ycr needs to build, test and run. Idempotent: installs only
# what is missing and prints nothing when everything is there. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl
  libpoco-dev libspdlog-dev libboost-test-dev libsodium-dev libqrencode-dev libcli11-dev
  libsqlite3-dev sqlite3 libpq-dev
  libutf8proc-dev   # Unicode character categories: which characters a name may have
  libxlsxwriter-dev # staff exports of case and task lists as spreadsheet (.xlsx) files
  libglpk-dev   # the disclosure attacker in tests/attack solves integer programs
  zbar-tools librsvg2-bin   # tests decode the printed ID card's QR code
  nginx openssl             # the reverse proxy test: deploy/nginx.conf in front of ycr, a certificate made at test time
  clang libclang-rt-14-dev  # the sanitizer pass builds with clang and its libFuzzer (tests/fuzz, deploy/fuzz.sh)
  lld                       # deploy/test.sh links with it: the sanitizer build's test modules link several times faster
  clang-format              # tests/conventions: the whole tree formatted by .clang-format
  clang-tidy                # tests/conventions: the product's code passes the checks in .clang-tidy
  universal-ctags           # tests/conventions: functions and their lengths, for the size limits
  wrk                       # tests/bench/http_bench.sh drives ycr and a bare Poco server with it
  python3-aiosmtpd          # tests/notices: a real mail server the notices are delivered to
  python3-jwt               # tests/notices: the GOV.UK Notify stand-in checks tokens with PyJWT
)
if [[ "${1:-}" == "--with-node" ]]; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "deploy/install-deps.sh: run as root to install: ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
