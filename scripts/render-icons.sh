#!/usr/bin/env bash
# Renders the PWA icons (PNG) from their SVG sources with headless Chromium.
# Run after changing public/icons/*.svg; the PNGs are committed.
set -euo pipefail
cd "$(dirname "$0")/../public/icons"
render() { # svg size out
  local tmp; tmp=$(mktemp -d)
  printf '<html><body style="margin:0"><img src="file://%s" width="%s" height="%s"></body></html>' "$PWD/$1" "$2" "$2" > "$tmp/page.html"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
    --default-background-color=00000000 --window-size="$2,$2" --screenshot="$PWD/$3" "file://$tmp/page.html" >/dev/null 2>&1
  rm -rf "$tmp"
}
render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 512 icon-maskable-512.png
render icon.svg 180 apple-touch-icon.png
render icon.svg 32 favicon-32.png
