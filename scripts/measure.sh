#!/usr/bin/env bash
# "Mesures": runs every benchmark (page weight, start-up under throttling,
# nearest query native and in the browser, server load) and writes the table
# to docs/mesures.md and into the README. Prints figures; asserts nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install.sh" --browser
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

if ! command -v wrk >/dev/null 2>&1; then
  echo "==> Installation de wrk (paquet Debian)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

# Lighthouse 13 for the scores of the server-rendered pages (kept apart from
# the test tools: it is only used here).
if [ ! -x target/lighthouse/node_modules/.bin/lighthouse ]; then
  echo "==> Installation de Lighthouse 13 (npm)"
  mkdir -p target/lighthouse
  # Its own package.json, so that npm does not add it to the project's.
  [ -f target/lighthouse/package.json ] || echo '{ "private": true }' > target/lighthouse/package.json
  (cd target/lighthouse && npm install --no-audit --no-fund --loglevel=error lighthouse@13.5.0)
fi

"$ROOT/scripts/build.sh"
echo "==> Module wasm de mesure (profil de l'application)"
cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown -p proxinum-bench-wasm
wasm-bindgen --target web --out-dir target/bench-wasm target/wasm32-unknown-unknown/wasm-release/proxinum_bench_wasm.wasm

echo "==> Requête « 10 plus proches » en natif (criterion)"
cargo bench --quiet -p proxinum-core --bench nearest -- --noplot 2>/dev/null | tee target/criterion-nearest.txt | grep -E "^national|time:" || true

node scripts/measure.mjs
