// What the start-up measures share: the browser, the home page located in
// Auch, and a page slowed like a cheap phone on a rural network (CPU ÷4,
// "slow 4G"), so that `measure.mjs` and `startup-probe.mjs` time the same thing.
import { chromium } from "@playwright/test";

export const HOME = "/?lat=43.64650&lon=0.58550";
export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
/** "Lie-fi": connected, but next to nothing gets through. */
export const LIE_FI = { offline: false, latency: 2000, downloadThroughput: 50e3 / 8, uploadThroughput: 50e3 / 8 };

export function launchBrowser() {
  const args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
  return chromium.launch({ executablePath: "/usr/bin/chromium", args });
}

/** Opens the home page in a new throttled page and waits for the first place
 *  of the list. `page.firstPlaceAt` is when it was painted (ms since the
 *  navigation): the first frame after it entered the page, read in the page
 *  itself, so that main-thread work after it does not count. */
export async function openThrottledHome(context, baseUrl, network = SLOW_4G) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector("ol.card-list > li")) {
        observer.disconnect();
        requestAnimationFrame(() => (window.__firstPlaceAt = performance.now()));
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", network);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(baseUrl + HOME, { waitUntil: "commit" });
  await page.locator("ol.card-list > li").first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => window.__firstPlaceAt !== undefined, null, { timeout: 60_000 });
  page.firstPlaceAt = await page.evaluate(() => window.__firstPlaceAt);
  return page;
}
