#!/usr/bin/env bash
# Installs what Proxinum needs and is missing, at the right versions. Safe to
# run again: each step is skipped when already done. Sourced by run.sh and
# test.sh; `install.sh --browser` also installs Chromium for the tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

TRUNK_VERSION="0.21.14"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "Il manque « $1 ». $2" >&2; exit 1; }
}
need cargo "Installez Rust avec rustup : https://rustup.rs"
need node "Installez Node.js (20 ou plus) et npm."
need npm "Installez npm."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Ajout de la cible wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# The tests check the format and the lints.
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "Ajout de $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "Installation de Trunk $TRUNK_VERSION (environ 8 minutes, une seule fois)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# Trunk demands the wasm-bindgen-cli of the exact version in Cargo.lock.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "Installation de wasm-bindgen-cli $WASM_BINDGEN_VERSION (environ 3 minutes, une seule fois)"
  # Not --locked: the registry mirror lacks a pinned dependency of its lockfile.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm tools: wasm-opt from binaryen 132 (never Debian's), esbuild, Playwright, axe-core.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installation des outils npm (binaryen, esbuild, Playwright, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "Installation de Chromium et ChromeDriver (paquets Debian)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # The reverse proxy of deploy/Caddyfile, for the test that puts it in front of the server.
  if ! command -v caddy >/dev/null 2>&1; then
    say "Installation de Caddy (paquet Debian, pour le test derrière un proxy)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq caddy >/dev/null
  fi
fi

# The API fuzzer of the test command: schemathesis (PyPI), in its own
# virtual environment under target/ (python3-venv from Debian if missing).
SCHEMATHESIS_VERSION="4.32.5"
if [ "${1:-}" = "--browser" ] && [ "$(target/schemathesis/bin/st --version 2>/dev/null || true)" != "st, version $SCHEMATHESIS_VERSION" ]; then
  say "Installation de schemathesis $SCHEMATHESIS_VERSION (PyPI, environnement virtuel target/schemathesis)"
  need python3 "Installez Python 3 (paquet Debian python3)."
  if ! python3 -m venv target/schemathesis >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    rm -rf target/schemathesis
    python3 -m venv target/schemathesis
  fi
  target/schemathesis/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
