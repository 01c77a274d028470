// Takes screenshots of the release build served by the real server, at phone
// (390×844) and tablet (1024×768) size, into test-results/screenshots/.
// Usage: node scripts/screenshots.mjs [/path /other/path ...]
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { startServer, ROOT } from "../tests/e2e/fixtures.mjs";

const paths = process.argv.slice(2).length ? process.argv.slice(2) : ["/", "/ateliers", "/guides", "/inscriptions", "/reglages"];
const out = `${ROOT}/test-results/screenshots`;
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const [name, viewport] of [["phone", { width: 390, height: 844 }], ["tablet", { width: 1024, height: 768 }]]) {
    const context = await browser.newContext({
      viewport,
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
      geolocation: { latitude: 43.6465, longitude: 0.5855 },
      permissions: ["geolocation"],
    });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(server.url + path);
      await page.waitForTimeout(1200);
      const file = `${out}/${name}${path.replaceAll("/", "_").replaceAll("?", "-") || "_"}.png`;
      await page.screenshot({ path: file, fullPage: false });
      console.log(file);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
