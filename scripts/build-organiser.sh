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
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$WORK" --out-name organisateur \
  "$TARGET_DIR/wasm32-unknown-unknown/wasm-release/proxinum-organisateur.wasm"
wasm-opt -Oz "$WORK/organisateur_bg.wasm" -o "$WORK/organisateur_bg.wasm"
HASH="$(cat "$WORK/organisateur.js" "$WORK/organisateur_bg.wasm" | sha256sum | cut -c1-16)"
rm -f "$OUT"/organisateur-*.js "$OUT"/organisateur-*_bg.wasm
# The glue names its wasm after --out-name; the page gives the hashed path.
cp "$WORK/organisateur.js" "$OUT/organisateur-$HASH.js"
cp "$WORK/organisateur_bg.wasm" "$OUT/organisateur-${HASH}_bg.wasm"
node "$ROOT/scripts/organiser-page.mjs" "$OUT" "/organisateur-$HASH.js" "/organisateur-${HASH}_bg.wasm"
echo "organisateur: organisateur-$HASH.js, $(stat -c %s "$OUT/organisateur-${HASH}_bg.wasm") bytes of wasm"
