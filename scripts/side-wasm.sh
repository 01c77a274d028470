#!/usr/bin/env bash
# Builds a wasm beside the residents' app (Trunk builds that one itself):
# cargo in the wasm-release profile, wasm-bindgen, wasm-opt -Oz, the glue
# minified; then writes <name>-<hash>.js and <name>-<hash>_bg.wasm into
# <dir> (older copies removed) and prints <hash>. Used by post-build.sh for
# the service worker's outbox rules and the kiosks' QR encoder, and by
# build-page-app.sh for the organisers' app and the kiosk set-up.
# Usage: side-wasm.sh "<cargo selection>" <artifact> <wasm-bindgen --target> <name> <dir>
set -euo pipefail
SELECTION="${1:?usage: side-wasm.sh \"<cargo selection>\" <artifact> <target> <name> <dir>}"
ARTIFACT="${2:?artifact}"
TARGET="${3:?target}"
NAME="${4:?name}"
OUT="${5:?dir}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# shellcheck disable=SC2086 # the selection is several cargo arguments
cargo build --quiet $SELECTION --target wasm32-unknown-unknown --profile wasm-release
# Where cargo put it: CARGO_TARGET_DIR when set (a shared target directory).
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps --offline | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
INPUT="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/$ARTIFACT.wasm"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
wasm-bindgen --target "$TARGET" --no-typescript --out-dir "$WORK" --out-name "$NAME" "$INPUT"
# The stream classes of Leptos's server-function client (wasm-streams'
# IntoUnderlying*) are exported to JavaScript, so no dead-code pass removes
# them, though no app calls a server function; removed first, the -Oz
# after drops the code they kept (as index.html does for the residents').
wasm-opt --remove-exports --pass-arg='remove-exports@*intounderlying*' -Oz "$WORK/${NAME}_bg.wasm" -o "$WORK/${NAME}_bg.wasm"
node "$(dirname "${BASH_SOURCE[0]}")/minify.mjs" "$WORK/$NAME.js" >/dev/null
HASH="$(cat "$WORK/$NAME.js" "$WORK/${NAME}_bg.wasm" | sha256sum | cut -c1-16)"
rm -f "$OUT/$NAME"-*.js "$OUT/$NAME"-*_bg.wasm
cp "$WORK/$NAME.js" "$OUT/$NAME-$HASH.js"
cp "$WORK/${NAME}_bg.wasm" "$OUT/$NAME-${HASH}_bg.wasm"
echo "$NAME: $NAME-$HASH.js, $(stat -c %s "$OUT/$NAME-${HASH}_bg.wasm") bytes of wasm" >&2
echo "$HASH"
