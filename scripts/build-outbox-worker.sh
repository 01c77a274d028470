#!/usr/bin/env bash
# Builds the outbox rules for the service worker (crates/outbox-worker, the
# outbox decisions of proxinum-core) into <dir>: outbox-<hash>.js (loaded by
# the worker with importScripts) and outbox-<hash>_bg.wasm (fetched by the
# worker only when something waits to be sent). Called by post-build.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: build-outbox-worker.sh <dir>}"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
cargo build --quiet -p proxinum-outbox-worker --lib --target wasm32-unknown-unknown --profile wasm-release
# Where cargo put it: CARGO_TARGET_DIR when set (a shared target directory).
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps --offline | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
HASH="$(bash "$ROOT/scripts/bindgen-hashed.sh" "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/proxinum_outbox_worker.wasm" no-modules outbox "$OUT")"
echo "outbox-worker: outbox-$HASH.js, $(stat -c %s "$OUT/outbox-${HASH}_bg.wasm") bytes of wasm"
