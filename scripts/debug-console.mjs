// Prints the browser console of one page of the release build (for debugging).
// Usage: node scripts/debug-console.mjs "/lieux/fs-192"
import { chromium } from "@playwright/test";
import { startServer } from "../tests/e2e/fixtures.mjs";
const server = await startServer();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage();
page.on("console", (m) => console.log("console:", m.type(), m.text().slice(0, 2000)));
page.on("pageerror", (e) => console.log("pageerror:", e.message.slice(0, 2000)));
await page.goto(server.url + (process.argv[2] || "/"));
await page.waitForTimeout(3000);
console.log((await page.locator("main").innerText()).slice(0, 1500));
await browser.close();
await server.stop();
