// Where the start-up time goes, first, repeat and offline visits, under the same throttling
// as `measure.mjs` (CPU ÷4, slow 4G): navigation, scripts, wasm download and
// start, first painted shell, first place in the list. Prints milliseconds.
// Usage: node scripts/startup-probe.mjs (after ./scripts/build.sh).
import { startServer } from "../tests/e2e/fixtures.mjs";
import { launchBrowser, openThrottledHome } from "./throttled.mjs";

const server = await startServer();
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
await context.addInitScript(() => {
  window.__marks = {};
  const mark = (name) => (window.__marks[name] ??= performance.now());
  new MutationObserver(() => {
    if (document.querySelector("header")) mark("shell");
    if (document.querySelector("ol.card-list > li")) mark("first place");
  }).observe(document, { childList: true, subtree: true });
});
const visit = async (label) => {
  const page = await openThrottledHome(context, server.url);
  await page.waitForFunction(() => document.documentElement.dataset.app === "pret", null, { timeout: 60_000 });
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const resource = (end) => performance.getEntriesByType("resource").find((r) => r.name.endsWith(end));
    const wasm = resource(".wasm");
    const js = performance.getEntriesByType("resource").find((r) => /proxinum-app-.*\.js$/.test(r.name));
    return {
      "index.html reçu": nav.responseEnd,
      "DOMContentLoaded": nav.domContentLoadedEventEnd,
      "glue JS reçue": js?.responseEnd,
      "wasm demandé": wasm?.startTime,
      "wasm reçu": wasm?.responseEnd,
      "catalogue demandé": resource("/api/catalogue/32/compact")?.startTime,
      "catalogue reçu": resource("/api/catalogue/32/compact")?.responseEnd,
      "disponibilités reçues": resource("/api/disponibilites/32")?.responseEnd,
      ...Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("proxinum:")).map((m) => [m.name.slice(9), m.startTime])),
      "coque affichée": window.__marks.shell,
      "premier lieu": window.__marks["first place"],
      "premier lieu peint": window.__firstPlaceAt,
    };
  });
  console.log(label, Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v === undefined ? "—" : Math.round(v)])));
  return page;
};
const first = await visit("première visite");
await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
await first.waitForTimeout(4000);
await first.close();
for (let i = 0; i < 3; i++) await (await visit("visite suivante")).close();
await context.setOffline(true);
await (await visit("hors ligne")).close();
await browser.close();
await server.stop();
