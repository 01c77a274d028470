// Foundation: the installable shell works offline and on deep links.
import { expect, test, waitForServiceWorker } from "./fixtures.mjs";

test("the shell renders, works offline and on a deep link, and the indicator follows the network", async ({ page, context }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Proxinum" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  for (const label of ["Autour de moi", "Ateliers", "Guides", "Mes inscriptions"]) {
    await expect(nav.getByRole("link", { name: label })).toBeVisible();
  }
  await expect(page.getByRole("status").filter({ hasText: "En ligne" })).toBeVisible();
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(nav).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Hors ligne" })).toBeVisible();

  await page.goto("/guides");
  await expect(page.getByRole("heading", { level: 1, name: "Guides" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Guides" })).toHaveAttribute("aria-current", "page");

  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: "En ligne" })).toBeVisible();
});

test("the manifest makes the app installable", async ({ request }) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.ok()).toBeTruthy();
  const manifest = await response.json();
  expect(manifest.lang).toBe("fr");
  expect(manifest.display).toBe("standalone");
  expect(manifest.short_name).toBe("Proxinum");
  expect(manifest.icons.some((i) => i.sizes === "192x192")).toBeTruthy();
  expect(manifest.icons.some((i) => i.sizes === "512x512" && i.purpose === "maskable")).toBeTruthy();
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).ok()).toBeTruthy();
  }
});

test("the service worker never caches the API nor other methods", async ({ request }) => {
  // sw.js is minified: local names are short, strings and properties stay.
  const sw = await (await request.get("/sw.js")).text();
  expect(sw).toMatch(/\.pathname\.startsWith\("\/api\/"\)/);
  expect(sw).toMatch(/\.method!=="GET"/);
  expect(sw).not.toContain("__PRECACHE__");
  expect(sw).toMatch(/"\/index\.html"/);
});

test("the service worker precaches the favicon but not the install icons (37 KB of a first visit) nor the QR encoder", async ({ request }) => {
  const sw = await (await request.get("/sw.js")).text();
  expect(sw).toContain('"/icons/favicon-32.png"');
  for (const icon of ["icon-192.png", "icon-512.png", "icon-maskable-512.png", "apple-touch-icon.png"]) {
    expect(sw).not.toContain(`"/icons/${icon}"`);
  }
  // Nor the QR encoder, which only kiosks load (named apart, kept once fetched).
  const precache = JSON.parse(sw.match(/PRECACHE=(\[[^\]]*\])/)[1]);
  expect(precache).toContain("/index.html");
  expect(precache.filter((path) => /qr-/.test(path))).toEqual([]);
  expect(sw).toMatch(/QR_MODULE=\["\/qr-[0-9a-f]+\.js","\/qr-[0-9a-f]+_bg\.wasm"\]/);
});

test("the network coming back does not break the app", async ({ page, context }) => {
  await page.goto("/");
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await context.setOffline(false);
  await page.waitForTimeout(1_000);
  // The app records its own panics (Réglages → Diagnostic): none here.
  const errors = JSON.parse((await page.evaluate(() => localStorage.getItem("proxinum-erreurs"))) || "[]");
  expect(errors.filter((e) => e.ou === "application")).toEqual([]);
  await page.getByRole("link", { name: "Ateliers" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ateliers");
});
