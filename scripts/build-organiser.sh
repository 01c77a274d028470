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
# The glue names its wasm after the name given; the page gives the hashed path.
HASH="$(bash "$ROOT/scripts/side-wasm.sh" "--bin proxinum-organisateur" proxinum-organisateur web organisateur "$OUT")"
node "$ROOT/scripts/organiser-page.mjs" "$OUT" "/organisateur-$HASH.js" "/organisateur-${HASH}_bg.wasm"
