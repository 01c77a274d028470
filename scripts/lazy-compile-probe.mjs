// How much wasm V8 compiles lazily on the main thread during a first visit
// of a page: V8 compiles a wasm function whole the first time it runs, so
// this counts the code a visit makes the phone compile, bytes by main-thread
// task (the shell's mount, the page, the catalog, the list…: a long task is
// what blocks a phone, Lighthouse's TBT). Unlike times, the bytes are the
// same from run to run and from host to host. Prints figures; asserts nothing.
// Usage: node scripts/lazy-compile-probe.mjs <base URL> [path] (the server
// must serve this checkout's dist/, or the folder named by DIST).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser } from "./throttled.mjs";
import { functionSizes } from "./wasm-functions.mjs";

const [base, path = "/"] = process.argv.slice(2);
const dist = process.env.DIST || join(import.meta.dirname, "..", "dist");
const wasmName = readdirSync(dist).find((f) => /^proxinum-app-.*_bg\.wasm$/.test(f));
const { imported, bodySizes } = functionSizes(readFileSync(join(dist, wasmName)));

const browser = await launchBrowser();
const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
await browser.startTracing(page, { categories: ["v8.wasm", "disabled-by-default-v8.wasm.detailed", "devtools.timeline", "toplevel", "blink.user_timing"] });
await page.goto(base + path, { waitUntil: "load" });
await page.waitForFunction(() => document.documentElement.dataset.app === "pret", null, { timeout: 60_000 });
await page.waitForTimeout(1500);
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
await browser.close();

const lazy = events.filter((e) => e.name === "wasm.CompileLazy").sort((a, b) => a.ts - b.ts);
const size = (e) => bodySizes[e.args.func_index - imported] || 0;
// The page's main thread: where the app's own marks (`performance.mark`) are.
const appMarks = events.filter((e) => e.cat?.includes("blink.user_timing") && e.name.startsWith("proxinum:"));
const onMain = (e) => e.pid === appMarks[0].pid && e.tid === appMarks[0].tid;
// A task: the scheduler's, or a microtask checkpoint run outside one (where
// a network answer's promise resumes the app), not counted twice.
const TASK_NAMES = ["RunTask", "ThreadControllerImpl::RunTask", "BlinkScheduler_PerformMicrotaskCheckpoint"];
const candidates = events.filter((e) => onMain(e) && TASK_NAMES.includes(e.name) && e.dur);
const encloses = (outer, inner) => outer !== inner && inner.ts >= outer.ts && inner.ts + inner.dur <= outer.ts + outer.dur;
const tasks = candidates.filter((t) => !candidates.some((o) => encloses(o, t))).sort((a, b) => a.ts - b.ts);
const marks = appMarks.filter(onMain);
const within = (t) => (e) => e.ts >= t.ts && e.ts <= t.ts + t.dur;
const code = bodySizes.reduce((a, b) => a + b, 0);
const total = lazy.reduce((sum, e) => sum + size(e), 0);
console.log(`${path}: ${lazy.length} functions, ${total} bytes compiled lazily of ${code} bytes of code (${wasmName})`);
let listed = 0;
for (const task of tasks) {
  const compiled = lazy.filter(within(task));
  const bytes = compiled.reduce((sum, e) => sum + size(e), 0);
  if (bytes < 2000) continue;
  listed += bytes;
  const named = marks.filter(within(task)).map((m) => m.name.replace("proxinum:", "")).join(", ");
  console.log(`  task at +${Math.round((task.ts - lazy[0].ts) / 1000)} ms${named ? ` (${named})` : ""}: ${compiled.length} functions, ${bytes} bytes`);
}
console.log(`  in tasks under 2 000 bytes each, or outside any task: ${total - listed} bytes`);
