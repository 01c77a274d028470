// Blocking time after the first paint, read from a Chrome trace of a
// throttled first visit (CPU ÷4, slow 4G): the sum over main-thread tasks
// after FCP of (duration − 50 ms), until the app runs the page + 3 s, on `/`
// and a place page; each run and the median. A probe, not a benchmark: runs
// spread widely on a 2-core machine. Usage: node scripts/tbt-probe.mjs [runs]
import { launchBrowser, SLOW_4G } from "./throttled.mjs";
import { startServer } from "../tests/e2e/fixtures.mjs";
const runs = Number(process.argv[2] || 3);
const server = await startServer();
const browser = await launchBrowser();
for (const path of ["/", "/lieux/fs-192"]) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await browser.startTracing(page, { categories: ["devtools.timeline", "loading", "disabled-by-default-devtools.timeline"] });
    await page.goto(server.url + path, { waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.dataset.app === "pret", null, { timeout: 60_000 });
    await page.waitForTimeout(3000);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const parse = new Map();
    for (const e of events) if (e.name === "ParseHTML") parse.set(e.pid, (parse.get(e.pid) || 0) + 1);
    const pid = [...parse.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const fcp = events.find((e) => e.name === "firstContentfulPaint" && e.pid === pid)?.ts ?? 0;
    const tasks = events.filter((e) => e.pid === pid && e.tid === pid && e.name === "RunTask" && e.ph === "X" && e.ts >= fcp);
    const tbt = tasks.reduce((sum, t) => sum + Math.max(0, t.dur / 1000 - 50), 0);
    const longest = Math.max(...tasks.map((t) => t.dur / 1000));
    results.push({ tbt: Math.round(tbt), longest: Math.round(longest) });
    await context.close();
  }
  results.sort((a, b) => a.tbt - b.tbt);
  console.log(path, JSON.stringify(results), "median", results[Math.floor(results.length / 2)].tbt);
}
await browser.close();
await server.stop();
