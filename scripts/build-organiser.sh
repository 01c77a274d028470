#!/usr/bin/env bash
# Builds the organisers' app (bin proxinum-organisateur, src/organiser_main.rs)
# into <dir>: organisateur-<hash>.js, organisateur-<hash>_bg.wasm and
# organisateur.html (the build's index.html pointing at them). A wasm of its
# own so that residents never download the organisers' tools; neither is
# precached by the service worker. Called by post-build.sh, after Trunk
# wrote index.html.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: build-organiser.sh <dir>}"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
cargo build --quiet --bin proxinum-organisateur --target wasm32-unknown-unknown --profile wasm-release
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps --offline | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
# The glue names its wasm after the name given; the page gives the hashed path.
HASH="$(bash "$ROOT/scripts/bindgen-hashed.sh" "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/proxinum-organisateur.wasm" web organisateur "$OUT")"
node "$ROOT/scripts/organiser-page.mjs" "$OUT" "/organisateur-$HASH.js" "/organisateur-${HASH}_bg.wasm"
echo "organisateur: organisateur-$HASH.js, $(stat -c %s "$OUT/organisateur-${HASH}_bg.wasm") bytes of wasm"
