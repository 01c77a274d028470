// Writes <dir>/organisateur.html: the build's index.html (same styles, icons,
// manifest and boot script) starting the organisers' wasm instead of the
// residents', with its own title and kept out of search engines.
// Usage: node organiser-page.mjs <dir> <glue.js path> <wasm path>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, js, wasm] = process.argv.slice(2);
if (!dir || !js || !wasm) {
  console.error("usage: node organiser-page.mjs <dir> <glue.js path> <wasm path>");
  process.exit(1);
}
const index = readFileSync(join(dir, "index.html"), "utf8");

// Every change must find its target: a changed index.html fails the build
// instead of quietly starting the residents' app.
function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) {
    console.error(`organiser-page: ${what} not found in index.html`);
    process.exit(1);
  }
  return text.replace(pattern, replacement);
}

let page = index;
page = replaceOnce(page, /<title>[^<]*<\/title>/, "<title>Organisateurs — Proxinum</title>", "<title>");
page = replaceOnce(page, /(<meta name="description"[^>]*>)/, '$1\n    <meta name="robots" content="noindex">', "meta description");
page = replaceOnce(page, /data-js="[^"]*"/, `data-js="${js}"`, "data-js");
page = replaceOnce(page, /data-wasm="[^"]*"/, `data-wasm="${wasm}"`, "data-wasm");
// The QR encoder is the residents' (kiosks'): the organisers' app draws none.
page = replaceOnce(page, / data-qr-js="[^"]*" data-qr-wasm="[^"]*"/, "", "data-qr-js");
// Trunk's preloads name the residents' files (with their integrity): the
// organisers' page fetches its own instead.
page = page.replace(/<link rel="modulepreload"[^>]*>/g, `<link rel="modulepreload" href="${js}">`);
page = page.replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/g, `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`);
if (page.includes("proxinum-app-")) {
  console.error("organiser-page: the page still names the residents' app");
  process.exit(1);
}
writeFileSync(join(dir, "organisateur.html"), page);
