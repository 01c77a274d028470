// Prints the compressed size (gzip and brotli, as the build wrote them) of
// the release build's wasm, JS, CSS and HTML, and their total.
// Usage: node scripts/size-report.mjs [dist]
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const dist = process.argv[2] || "dist";
const kinds = [
  // The service worker's outbox rules: fetched only when a registration waits.
  ["wasm des règles d'envoi du service worker", /^outbox-[0-9a-f]+_bg\.wasm$/],
  // The organisers' app (/organisateur): never downloaded by a resident.
  ["organisateurs : wasm, JS et page", /^organisateur(-[0-9a-f]+(\.js|_bg\.wasm)|\.html)$/],
  // The QR encoder: loaded only by kiosks, the first time they draw a QR code.
  ["encodeur QR des bornes : wasm et JS", /^qr-[0-9a-f]+(\.js|_bg\.wasm)$/],
  // The kiosk set-up (/kiosque): loaded by a kiosk's staff only.
  ["réglage du mode borne : wasm, JS et page", /^kiosque(-[0-9a-f]+(\.js|_bg\.wasm)|\.html)$/],
  ["wasm", /^(?!outbox-|organisateur-|qr-|kiosque-).*\.wasm$/],
  ["JS", /^(?!organisateur-|qr-|kiosque-).*\.js$/],
  ["CSS", /\.css$/],
  ["HTML", /^(?!organisateur\.|kiosque\.).*\.html$/],
];
const size = (path) => {
  try {
    return statSync(path).size;
  } catch {
    return NaN;
  }
};
const files = readdirSync(dist).filter((f) => statSync(join(dist, f)).isFile());
const rows = [];
const total = { raw: 0, gz: 0, br: 0 };
for (const [kind, pattern] of kinds) {
  const row = { kind, files: [], raw: 0, gz: 0, br: 0 };
  for (const file of files.filter((f) => pattern.test(f))) {
    row.files.push(file);
    row.raw += size(join(dist, file));
    row.gz += size(join(dist, file + ".gz"));
    row.br += size(join(dist, file + ".br"));
  }
  for (const k of ["raw", "gz", "br"]) total[k] += row[k];
  rows.push(row);
}
const kb = (n) => (Number.isNaN(n) ? "n/a (rebuild with trunk)" : `${(n / 1024).toFixed(1)} KiB`);
console.log(`Taille de la version release (${dist}) — octets transférés`);
console.log("| fichiers | brut | gzip | brotli |");
console.log("|---|---:|---:|---:|");
for (const r of rows) console.log(`| ${r.kind} (${r.files.join(", ") || "aucun"}) | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`);
console.log(`| **total** | ${kb(total.raw)} | ${kb(total.gz)} | ${kb(total.br)} |`);
