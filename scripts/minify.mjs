// Minifies wasm-bindgen's JavaScript glue, boot.js and the style sheet with
// esbuild; sw-precache.mjs minifies the service worker with `minified`.
// A cheap phone parses the glue before the app starts (81 KB → 37 KB, the
// first task after the page shows); the style sheet blocks the first paint
// and every first visit downloads it (22 → 16 KB, 5.2 → 3.8 KB brotli: its
// comments explain the colours' contrasts, for us, not for the phone).
// Trunk's own minifier fails on this glue ("Failed to minify JS") and
// rewrites index.html in a way the organisers' page cannot read, so it stays
// off. The file's integrity in index.html is updated to the new bytes.
// Usage: node minify.mjs <file.js|file.css> [index.html]
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";

/** `code` minified, with the options every file of the build shares. */
export function minified(code, loader) {
  // No output format: a module keeps its imports and exports, and a classic
  // script (the service worker, the `no-modules` glue) keeps its top-level
  // names, which are globals the worker calls (`wasm_bindgen`) and tests read.
  // Top-level await: boot.js, a module, waits for the page's first paint.
  return transformSync(code, { loader, minify: true, target: "es2020", supported: { "top-level-await": true }, legalComments: "none" }).code;
}

// Run as a command (sw-precache.mjs imports `minified` alone).
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, index] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node minify.mjs <file.js|file.css> [index.html]");
    process.exit(1);
  }
  const integrity = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
  const before = readFileSync(file);
  const code = minified(before.toString("utf8"), file.endsWith(".css") ? "css" : "js");
  writeFileSync(file, code);
  if (index) {
    const page = readFileSync(index, "utf8");
    const old = integrity(before);
    if (page.includes(old)) {
      writeFileSync(index, page.split(old).join(integrity(Buffer.from(code))));
    } else if (page.includes("integrity=")) {
      console.error(`minify: the integrity of ${file} is not in ${index}`);
      process.exit(1);
    }
  }
  console.log(`minify: ${file.split("/").pop()} ${before.length} → ${Buffer.byteLength(code)} bytes`);
}
