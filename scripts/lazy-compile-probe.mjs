// How much wasm V8 compiles lazily on the main thread during a first visit
// of a page: V8 compiles a wasm function whole the first time it runs, so
// this counts the code a visit makes the phone compile, bytes by burst (the
// mount, the catalog, the list…). Unlike times, the bytes are the same from
// run to run and from host to host. Prints figures; asserts nothing.
// Usage: node scripts/lazy-compile-probe.mjs <base URL> [path] (the server
// must serve this checkout's dist/, or the folder named by DIST).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser } from "./throttled.mjs";

const [base, path = "/"] = process.argv.slice(2);
const dist = process.env.DIST || join(import.meta.dirname, "..", "dist");
const wasmName = readdirSync(dist).find((f) => /^proxinum-app-.*_bg\.wasm$/.test(f));
const { imported, bodySizes } = functionSizes(readFileSync(join(dist, wasmName)));

const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
await browser.startTracing(page, { categories: ["v8.wasm", "disabled-by-default-v8.wasm.detailed"] });
await page.goto(base + path, { waitUntil: "load" });
await page.waitForFunction(() => document.documentElement.dataset.app === "pret", null, { timeout: 60_000 });
await page.waitForTimeout(1500);
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
await browser.close();

const lazy = events.filter((e) => e.name === "wasm.CompileLazy").sort((a, b) => a.ts - b.ts);
const size = (e) => bodySizes[e.args.func_index - imported] || 0;
// Bursts: compilations less than 5 ms apart belong to the same piece of work.
const bursts = [];
for (const e of lazy) {
  const last = bursts.at(-1);
  if (last && e.ts - last.end < 5000) Object.assign(last, { end: e.ts, count: last.count + 1, bytes: last.bytes + size(e) });
  else bursts.push({ start: e.ts, end: e.ts, count: 1, bytes: size(e) });
}
const code = bodySizes.reduce((a, b) => a + b, 0);
const total = bursts.reduce((a, b) => a + b.bytes, 0);
console.log(`${path}: ${lazy.length} functions, ${total} bytes compiled lazily of ${code} bytes of code (${wasmName})`);
for (const b of bursts.filter((b) => b.bytes >= 2000)) {
  console.log(`  at +${Math.round((b.start - lazy[0].ts) / 1000)} ms: ${b.count} functions, ${b.bytes} bytes`);
}

/** The number of imported functions and the size of each function body. */
function functionSizes(bytes) {
  let i = 8;
  const leb = () => {
    let result = 0, shift = 0, byte;
    do {
      byte = bytes[i++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  let imported = 0;
  const bodySizes = [];
  while (i < bytes.length) {
    const id = bytes[i++];
    const length = leb();
    const end = i + length;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        skip(leb()); // module name
        skip(leb()); // field name
        const kind = bytes[i++];
        if (kind === 0) { leb(); imported++; } // function: type index
        else if (kind === 1) { i++; limits(); } // table: ref type, limits
        else if (kind === 2) limits(); // memory
        else if (kind === 3) i += 2; // global: type, mutability
        else if (kind === 4) { i++; leb(); } // tag
      }
    } else if (id === 10) {
      for (let n = leb(); n > 0; n--) {
        const body = leb();
        bodySizes.push(body);
        i += body;
      }
    }
    i = end;
  }
  return { imported, bodySizes };

  // Not `i += leb()`: that would add to `i` as it was before leb() moved it.
  function skip(n) {
    i += n;
  }

  function limits() {
    const flags = leb();
    leb();
    if (flags & 1) leb();
  }
}
