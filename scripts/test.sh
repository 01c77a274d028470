#!/usr/bin/env bash
# Command 2 of the README: runs every test — native (core, server), browser
# (wasm-bindgen-test in headless Chromium) and end-to-end (Playwright on the
# release build served by the real server), after rustfmt, clippy and the
# scripted invariants. `.ci/run` calls exactly this.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/install.sh" --browser
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

echo "==> Format, lints (natif et wasm32) et invariants d'ARCHITECTURE.md"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p proxinum-app -p proxinum-outbox-worker -p proxinum-qr-module -p proxinum-bench-wasm --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
"$ROOT/scripts/check-invariants.sh"

echo "==> Tests natifs (core, serveur)"
cargo test --workspace --quiet

echo "==> Tests navigateur (wasm-bindgen-test, Chromium sans écran)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p proxinum-app --target wasm32-unknown-unknown

"$ROOT/scripts/build.sh"
echo "==> Fuzzeur de l'API (schemathesis, contre le serveur release)"
"$ROOT/scripts/fuzz-api.sh"

echo "==> Tests de bout en bout (Playwright)"
npx playwright test --config tests/e2e/playwright.config.mjs
