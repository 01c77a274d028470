#!/usr/bin/env bash
# Builds the release app (dist/) and server. The app is rebuilt only when one
# of its inputs changed, so a second start is quick.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

inputs_hash() {
  find src style public crates/core/src crates/core/Cargo.toml crates/views/src crates/views/Cargo.toml index.html Trunk.toml Cargo.toml Cargo.lock .cargo/config.toml \
    scripts/sw-precache.mjs scripts/post-build.sh scripts/build-page-app.sh scripts/page-app.mjs scripts/side-wasm.sh scripts/minify.mjs crates/outbox-worker crates/qr-module -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16
}
STAMP="dist/.inputs-hash"
HASH="$(inputs_hash)"
if [ -f dist/index.html ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ]; then
  echo "==> Application déjà construite (rien n'a changé)"
else
  echo "==> Construction de l'application (release)"
  trunk build --release
  echo "$HASH" > "$STAMP"
fi
echo "==> Construction du serveur (release)"
cargo build --release -p proxinum-server --quiet
