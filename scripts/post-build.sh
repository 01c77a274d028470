#!/usr/bin/env bash
# Trunk post_build hook: minifies the residents' glue and style sheet, adds the service worker's outbox rules and the
# organisers' app to the staging directory, then writes sw.js and the
# compressed copies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${TRUNK_STAGING_DIR:?run through Trunk}"
# The residents' glue and the style sheet, minified before anything reads
# index.html's integrity (the organisers' page and the server copy it).
for file in "$TRUNK_STAGING_DIR"/proxinum-app-*.js "$TRUNK_STAGING_DIR"/main-*.css; do
  node "$ROOT/scripts/minify.mjs" "$file" "$TRUNK_STAGING_DIR/index.html"
done
bash "$ROOT/scripts/build-outbox-worker.sh" "$TRUNK_STAGING_DIR"
bash "$ROOT/scripts/build-organiser.sh" "$TRUNK_STAGING_DIR"
node "$ROOT/scripts/sw-precache.mjs"
