#!/usr/bin/env bash
# Builds an app that is a page of its own beside the residents' app into
# <dir>: <name>-<hash>.js, <name>-<hash>_bg.wasm and <name>.html (the
# build's index.html starting that wasm instead, scripts/page-app.mjs). Two
# such pages: the organisers' (bin proxinum-organisateur, /organisateur) and
# the kiosk set-up (bin proxinum-borne, /kiosque), so that a resident's
# download carries neither (issue 14). Neither is precached by the service
# worker. Called by post-build.sh, after Trunk wrote index.html.
# Usage: build-page-app.sh <bin> <name> <title> <dir>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:?usage: build-page-app.sh <bin> <name> <title> <dir>}"
NAME="${2:?name}"
TITLE="${3:?title}"
OUT="${4:?dir}"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
# The glue names its wasm after the name given; the page gives the hashed path.
HASH="$(bash "$ROOT/scripts/side-wasm.sh" "--bin $BIN" "$BIN" web "$NAME" "$OUT")"
node "$ROOT/scripts/page-app.mjs" "$OUT" "$NAME" "$TITLE" "/$NAME-$HASH.js" "/$NAME-${HASH}_bg.wasm"
