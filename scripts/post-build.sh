#!/usr/bin/env bash
# Trunk post_build hook: minifies the residents' glue and style sheet, adds the service worker's outbox rules, the
# QR encoder (named in index.html's boot script), the organisers' app and the kiosk set-up to
# the staging directory, then writes sw.js and the compressed copies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${TRUNK_STAGING_DIR:?run through Trunk}"
# The residents' glue and the style sheet, minified before anything reads
# index.html's integrity (the organisers' page and the server copy it).
for file in "$TRUNK_STAGING_DIR"/proxinum-app-*.js "$TRUNK_STAGING_DIR"/main-*.css; do
  node "$ROOT/scripts/minify.mjs" "$file" "$TRUNK_STAGING_DIR/index.html"
done
# boot.js carries no integrity (every page names it, the server's too).
node "$ROOT/scripts/minify.mjs" "$TRUNK_STAGING_DIR/boot.js"
# The service worker's outbox rules (crates/outbox-worker): the worker
# imports the glue (no-modules) when it installs and fetches the wasm only
# when something waits to be sent.
bash "$ROOT/scripts/side-wasm.sh" "-p proxinum-outbox-worker --lib" proxinum_outbox_worker no-modules outbox "$TRUNK_STAGING_DIR" >/dev/null
# The kiosks' QR encoder (crates/qr-module, an ES module): boot.js imports it
# from these names the first time a QR code is drawn, and the server's pages
# copy the boot script with them. Not precached (sw-precache.mjs).
QR="$(bash "$ROOT/scripts/side-wasm.sh" "-p proxinum-qr-module --lib" proxinum_qr_module web qr "$TRUNK_STAGING_DIR")"
node -e '
  const fs = require("fs");
  const [file, hash] = process.argv.slice(1);
  const page = fs.readFileSync(file, "utf8");
  const tag = "id=\"proxinum-boot\"";
  if (!page.includes(tag)) { console.error("post-build: no boot script in index.html"); process.exit(1); }
  fs.writeFileSync(file, page.replace(tag, `${tag} data-qr-js="/qr-${hash}.js" data-qr-wasm="/qr-${hash}_bg.wasm"`));
' "$TRUNK_STAGING_DIR/index.html" "$QR"
# The apps that are pages of their own, never a resident's download.
bash "$ROOT/scripts/build-page-app.sh" proxinum-organisateur organisateur "Organisateurs — Proxinum" "$TRUNK_STAGING_DIR"
bash "$ROOT/scripts/build-page-app.sh" proxinum-borne kiosque "Mode borne — Proxinum" "$TRUNK_STAGING_DIR"
node "$ROOT/scripts/sw-precache.mjs"
