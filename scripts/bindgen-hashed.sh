#!/usr/bin/env bash
# Runs wasm-bindgen and wasm-opt -Oz on a wasm cargo built, minifies the glue, then writes
# <name>-<hash>.js and <name>-<hash>_bg.wasm into <dir> (older copies
# removed) and prints <hash>. Shared by build-outbox-worker.sh and
# build-organiser.sh (Trunk builds the residents' app itself).
# Usage: bindgen-hashed.sh <cargo .wasm> <wasm-bindgen --target> <name> <dir>
set -euo pipefail
INPUT="${1:?usage: bindgen-hashed.sh <cargo .wasm> <target> <name> <dir>}"
TARGET="${2:?target}"
NAME="${3:?name}"
OUT="${4:?dir}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
wasm-bindgen --target "$TARGET" --no-typescript --out-dir "$WORK" --out-name "$NAME" "$INPUT"
wasm-opt -Oz "$WORK/${NAME}_bg.wasm" -o "$WORK/${NAME}_bg.wasm"
node "$(dirname "${BASH_SOURCE[0]}")/minify.mjs" "$WORK/$NAME.js" >/dev/null
HASH="$(cat "$WORK/$NAME.js" "$WORK/${NAME}_bg.wasm" | sha256sum | cut -c1-16)"
rm -f "$OUT/$NAME"-*.js "$OUT/$NAME"-*_bg.wasm
cp "$WORK/$NAME.js" "$OUT/$NAME-$HASH.js"
cp "$WORK/${NAME}_bg.wasm" "$OUT/$NAME-${HASH}_bg.wasm"
echo "$HASH"
