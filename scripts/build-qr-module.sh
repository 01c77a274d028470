#!/usr/bin/env bash
# Builds the QR encoder (crates/qr-module, proxinum-core's QR codes) into
# <dir>: qr-<hash>.js (an ES module) and qr-<hash>_bg.wasm. Neither is
# precached: boot.js imports them the first time the app draws a QR code,
# which only a kiosk does, and the service worker keeps them from then on.
# Called by post-build.sh, which writes their names into index.html.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: build-qr-module.sh <dir>}"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
cargo build --quiet -p proxinum-qr-module --lib --target wasm32-unknown-unknown --profile wasm-release
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps --offline | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
HASH="$(bash "$ROOT/scripts/bindgen-hashed.sh" "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/proxinum_qr_module.wasm" web qr "$OUT")"
echo "qr-module: qr-$HASH.js, $(stat -c %s "$OUT/qr-${HASH}_bg.wasm") bytes of wasm" >&2
echo "$HASH"
