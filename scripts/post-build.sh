#!/usr/bin/env bash
# Trunk post_build hook: minifies the residents' glue, adds the service worker's outbox rules and the
# organisers' app to the staging directory, then writes sw.js and the
# compressed copies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${TRUNK_STAGING_DIR:?run through Trunk}"
# The residents' glue, minified before anything reads index.html's integrity.
for glue in "$TRUNK_STAGING_DIR"/proxinum-app-*.js; do
  node "$ROOT/scripts/minify-glue.mjs" "$glue" "$TRUNK_STAGING_DIR/index.html"
done
bash "$ROOT/scripts/build-outbox-worker.sh" "$TRUNK_STAGING_DIR"
bash "$ROOT/scripts/build-organiser.sh" "$TRUNK_STAGING_DIR"
node "$ROOT/scripts/sw-precache.mjs"
