// Writes <dir>/<name>.html: the build's index.html (same styles, icons,
// manifest and boot script) starting another app's wasm (the organisers',
// the kiosk set-up) instead of the residents', with its own title and kept
// out of search engines.
// Usage: node page-app.mjs <dir> <name> <title> <glue.js path> <wasm path>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, name, title, js, wasm] = process.argv.slice(2);
if (!dir || !name || !title || !js || !wasm) {
  console.error("usage: node page-app.mjs <dir> <name> <title> <glue.js path> <wasm path>");
  process.exit(1);
}
const index = readFileSync(join(dir, "index.html"), "utf8");

// Every change must find its target: a changed index.html fails the build
// instead of quietly starting the residents' app.
function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) {
    console.error(`page-app: ${what} not found in index.html`);
    process.exit(1);
  }
  return text.replace(pattern, replacement);
}

let page = index;
page = replaceOnce(page, /<title>[^<]*<\/title>/, `<title>${title}</title>`, "<title>");
page = replaceOnce(page, /(<meta name="description"[^>]*>)/, '$1\n    <meta name="robots" content="noindex">', "meta description");
page = replaceOnce(page, /data-js="[^"]*"/, `data-js="${js}"`, "data-js");
page = replaceOnce(page, /data-wasm="[^"]*"/, `data-wasm="${wasm}"`, "data-wasm");
// The QR encoder is the residents' (kiosks'): these apps draw none.
page = replaceOnce(page, / data-qr-js="[^"]*" data-qr-wasm="[^"]*"/, "", "data-qr-js");
// Trunk's preloads name the residents' files (with their integrity): this
// page fetches its own instead.
page = page.replace(/<link rel="modulepreload"[^>]*>/g, `<link rel="modulepreload" href="${js}">`);
page = page.replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/g, `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`);
if (page.includes("proxinum-app-")) {
  console.error("page-app: the page still names the residents' app");
  process.exit(1);
}
writeFileSync(join(dir, `${name}.html`), page);
