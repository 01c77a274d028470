// Opening hours at a fixed date. The browser's clock is set to December
// 2025, and so is the server's: the opening hours the catalog carries start
// on the server's week (crates/server/src/catalog.rs).
import { test, expect } from "./fixtures.mjs";

test.use({ serverEnv: { PROXINUM_MAINTENANT: "2025-12-09T10:00:00+01:00" } });

test("a place shows the week's hours and the right state at a fixed clock", async ({ page }) => {
  // Tuesday 9 December 2025, 10:00 in Paris.
  await page.clock.setFixedTime(new Date("2025-12-09T10:00:00+01:00"));
  await page.goto("/lieux/fs-192");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("France services Lectoure");
  await expect(page.locator(".state-large")).toHaveText("Ouvert · ferme à 12h00");
  const today = page.locator("tr.today");
  await expect(today).toContainText("Mardi (aujourd'hui)");
  await expect(today).toContainText("8h30 – 12h00, 13h30 – 17h00");
  await expect(page.getByRole("row", { name: /Samedi/ })).toContainText("Fermé");
});

test("on Christmas day the place is closed for the public holiday", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2025-12-25T10:00:00+01:00"));
  await page.goto("/lieux/fs-192");
  await expect(page.locator(".state-large")).toHaveText("Fermé (jour férié) · ouvre demain à 8h30");
});
