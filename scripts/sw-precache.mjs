// Trunk post_build hook: writes sw.js into the staging directory with the
// list of files to precache and a version derived from their contents, so a
// new build means a new service worker and a clean update. Then writes a
// brotli (.br) and a gzip (.gz) copy of every text or wasm file, which the
// server sends to browsers that accept them.
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { minified } from "./minify.mjs";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("sw-precache: TRUNK_STAGING_DIR is not set (run through Trunk)");
  process.exit(1);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const all = walk(staging).map((path) => relative(staging, path).split("\\").join("/"));
// The service worker's outbox rules (crates/outbox-worker, post-build.sh): the
// worker imports the glue itself and fetches the wasm only when something
// waits to be sent, so neither is precached.
const outboxJs = all.find((name) => /^outbox-[0-9a-f]+\.js$/.test(name));
const outboxWasm = all.find((name) => /^outbox-[0-9a-f]+_bg\.wasm$/.test(name));
if (!outboxJs || !outboxWasm) {
  console.error("sw-precache: the outbox rules (outbox-*.js, outbox-*_bg.wasm) are missing; run scripts/post-build.sh through Trunk");
  process.exit(1);
}
// The QR encoder (crates/qr-module, post-build.sh): only kiosks draw QR codes, so
// it is not precached; the worker keeps it once a page has loaded it.
const qrJs = all.find((name) => /^qr-[0-9a-f]+\.js$/.test(name));
const qrWasm = all.find((name) => /^qr-[0-9a-f]+_bg\.wasm$/.test(name));
if (!qrJs || !qrWasm) {
  console.error("sw-precache: the QR encoder (qr-*.js, qr-*_bg.wasm) is missing; run scripts/post-build.sh through Trunk");
  process.exit(1);
}
// The apps that are pages of their own (scripts/build-page-app.sh), the
// organisers' and the kiosk set-up, are not the residents': never
// precached, so a resident's first visit downloads neither. The worker
// keeps the kiosk set-up once loaded (a kiosk's staff leave kiosk mode
// offline too): it names its files.
const pageApp = (name) => /^(organisateur|kiosque)(\.html|-[0-9a-f]+(\.js|_bg\.wasm))$/.test(name);
for (const page of ["organisateur.html", "kiosque.html"]) {
  if (!all.includes(page)) {
    console.error(`sw-precache: ${page} is missing; run scripts/build-page-app.sh first`);
    process.exit(1);
  }
}
const kioskJs = all.find((name) => /^kiosque-[0-9a-f]+\.js$/.test(name));
const kioskWasm = all.find((name) => /^kiosque-[0-9a-f]+_bg\.wasm$/.test(name));
// The install icons (manifest, apple-touch-icon) are fetched by the browser
// itself when someone installs the app, online: precached, they were 37 KB of
// a resident's first visit (issue 14) for nothing the app shows offline. The
// favicon stays: the page asks for it at every visit.
const installIcon = (name) => name.startsWith("icons/") && name !== "icons/favicon-32.png";
const files = all
  .filter((name) => name !== "sw.js" && name !== outboxJs && name !== outboxWasm && name !== qrJs && name !== qrWasm && !pageApp(name) && !installIcon(name) && !/\.(map|svg|br|gz)$/.test(name))
  .sort();
const hash = createHash("sha256");
for (const name of files) {
  hash.update(name);
  hash.update(readFileSync(join(staging, name)));
}
hash.update(outboxJs);
hash.update(outboxWasm);
hash.update(qrJs);
hash.update(qrWasm);
hash.update(kioskJs);
hash.update(kioskWasm);
const version = hash.digest("hex").slice(0, 16);
const precache = files.map((name) => "/" + name);
const template = readFileSync(new URL("../public/sw-template.js", import.meta.url), "utf8");
// Minified like the app's glue: every first visit downloads the worker, and
// the browser fetches it again to look for a new version (4.0 → 2.4 KB
// brotli; its comments are for us). A classic script keeps its top-level
// names (VERSION, PRECACHE, QR_MODULE, KIOSK_SETUP…), which tests read.
writeFileSync(
  join(staging, "sw.js"),
  minified(template
    .replace("__VERSION__", version)
    .replace("__PRECACHE__", JSON.stringify(precache, null, 2))
    .replace("__OUTBOX_JS__", "/" + outboxJs)
    .replace("__OUTBOX_WASM__", "/" + outboxWasm)
    .replace("__QR_MODULE__", JSON.stringify(["/" + qrJs, "/" + qrWasm]))
    .replace("__KIOSK_SETUP__", JSON.stringify(["/kiosque", "/" + kioskJs, "/" + kioskWasm])), "js"),
);
console.log(`sw-precache: ${precache.length} files, version ${version}`);

const compressible = /\.(html|js|mjs|css|wasm|json|webmanifest|svg)$/;
let compressed = 0;
for (const path of walk(staging)) {
  if (!compressible.test(path)) continue;
  const bytes = readFileSync(path);
  writeFileSync(path + ".br", brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  writeFileSync(path + ".gz", gzipSync(bytes, { level: 9 }));
  compressed += 1;
}
console.log(`sw-precache: ${compressed} files precompressed (br, gz)`);
