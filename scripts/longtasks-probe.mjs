// Lists the main thread's long tasks (> 50 ms) of a first visit to a page,
// under CPU ÷4 (or ÷CPU) and slow 4G, with the app's own start-up marks: which part of
// the start blocks the thread. Prints figures; asserts nothing.
// Usage: node scripts/longtasks-probe.mjs <base URL> [path]; CPU=8 for
// another slowdown (4 by default).
import { launchBrowser, SLOW_4G } from "./throttled.mjs";

const [base, path = "/"] = process.argv.slice(2);
const CPU = Number(process.env.CPU || 4);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
const page = await context.newPage();
await page.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
  }).observe({ type: "longtask", buffered: true });
});
const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU });
await page.goto(base + path, { waitUntil: "load" });
await page.waitForFunction(() => document.documentElement.dataset.app === "pret", null, { timeout: 60_000 });
await page.waitForTimeout(3000);
const { tasks, marks } = await page.evaluate(() => ({
  tasks: window.__longTasks,
  marks: performance.getEntriesByType("mark").filter((m) => m.name.startsWith("proxinum")).map((m) => [m.name, Math.round(m.startTime)]),
}));
const blocking = tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
console.log(`${path}: long tasks [start ms, duration ms] ${JSON.stringify(tasks)}; blocking beyond 50 ms: ${blocking} ms`);
console.log(`marks ${JSON.stringify(marks)}`);
await browser.close();
