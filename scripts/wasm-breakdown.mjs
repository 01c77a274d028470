// Where the residents' wasm goes: code bytes by crate and the largest
// functions, read from a copy built with its function names (the release
// build strips them). Builds that copy itself like Trunk does (cargo in the
// wasm-release profile, wasm-bindgen, wasm-opt -Oz with index.html's
// parameters, names kept), or reads the wasm given.
// Usage: node scripts/wasm-breakdown.mjs [file.wasm] [how many functions, 40]
// Sizes are raw code bytes: brotli gives about a third, not in proportion.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { functionSizes } from "./wasm-functions.mjs";

const ROOT = new URL("..", import.meta.url).pathname;

function namedBuild() {
  const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${ROOT}node_modules/.bin:${process.env.PATH}` };
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  run("cargo", ["build", "--quiet", "--bin", "proxinum-app", "--target", "wasm32-unknown-unknown", "--profile", "wasm-release"]);
  const work = mkdtempSync(join(tmpdir(), "proxinum-breakdown-"));
  const input = join(ROOT, "target/wasm32-unknown-unknown/wasm-release/proxinum-app.wasm");
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-debug", "--out-dir", work, "--out-name", "app", input]);
  // The same optimisation as the release (index.html's data-wasm-opt-params), names kept.
  const params = readFileSync(join(ROOT, "index.html"), "utf8").match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/) ?? [];
  run("wasm-opt", ["-Oz", ...params, "-g", "--strip-dwarf", join(work, "app_bg.wasm"), "-o", join(work, "named.wasm")]);
  return join(work, "named.wasm");
}

/** The crate a function belongs to: its path's first segment; for
 *  `<T as Trait>` with T a type parameter, the trait's. */
function crateOf(name) {
  const plain = name.replace(/\[[0-9a-f]+\]/g, "");
  const generic = plain.match(/^<&?(?:mut )?[A-Z] as <?([A-Za-z_][A-Za-z0-9_]*)/);
  return generic ? generic[1] : (plain.replace(/^<+(?:&(?:mut )?)?/, "").match(/^[A-Za-z_][A-Za-z0-9_]*/)?.[0] ?? "?");
}

const args = process.argv.slice(2);
const given = args.find((a) => a.endsWith(".wasm"));
const top = Number(args.find((a) => /^\d+$/.test(a)) ?? 40);
const file = given ?? namedBuild();
const { imported, bodySizes, names } = functionSizes(readFileSync(file));
const list = bodySizes.map((size, i) => ({ size, name: names.get(imported + i) ?? `fonction ${imported + i}` }));
const total = list.reduce((n, f) => n + f.size, 0);
const byCrate = new Map();
for (const f of list) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) ?? 0) + f.size);
const pct = (n) => `${((100 * n) / total).toFixed(1)} %`;
console.log(`${file}: ${list.length} fonctions, ${total} octets de code`);
console.log("| crate | octets | part |\n|---|---:|---:|");
for (const [name, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`| ${name} | ${size} | ${pct(size)} |`);
console.log("\n| fonction | octets |\n|---|---:|");
for (const f of [...list].sort((a, b) => b.size - a.size).slice(0, top)) {
  console.log(`| ${f.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\|/g, "\\|").slice(0, 160)} | ${f.size} |`);
}
