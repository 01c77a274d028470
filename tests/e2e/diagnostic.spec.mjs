// Réglages → Diagnostic: what waits and why, the errors met, copied as text,
// and never a name or a phone number.
import { createWorkshop, expect, fillRegistrationForm, test, waitForServiceWorker } from "./fixtures.mjs";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function register(page, session) {
  await page.goto(`/ateliers/${session}/inscription`);
  await fillRegistrationForm(page);
}

test("the diagnostic shows a refusal and a waiting entry, copies, and holds nothing personal", async ({ page, context, request, server }) => {
  await createWorkshop(request, server, { id: "diag-refus", title: "Atelier refusé" });
  await createWorkshop(request, server, { id: "diag-attente", title: "Atelier en attente" });
  // The server refuses the first registration with its own message.
  await context.route("**/api/inscriptions", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 409, contentType: "application/json", body: '{"code":"complet","message":"L\'atelier est complet."}' })
      : route.continue(),
  );
  await register(page, "diag-refus");
  await expect(page.getByRole("status").filter({ hasText: "Refusée : L'atelier est complet." })).toBeVisible({ timeout: 15_000 });
  await context.unroute("**/api/inscriptions");

  await waitForServiceWorker(page);
  await context.setOffline(true);
  await register(page, "diag-attente");
  await expect(page.getByRole("status").filter({ hasText: "En attente d'envoi" })).toBeVisible();
  // The page's own attempt has failed (leaving in the middle of it would
  // leave its lease, and the diagnostic would rightly say "envoi en cours").
  await page.getByRole("link", { name: "Mes inscriptions" }).first().click();
  await expect(page.locator("main").getByText("Pas de connexion. Nouvel essai automatique.")).toBeVisible();

  await page.goto("/reglages");
  await page.getByRole("link", { name: "Diagnostic" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Diagnostic");
  const report = page.locator("pre.diagnostic");
  await expect(report).toContainText("Territoire : Gers (32)");
  await expect(report).toContainText("Réseau : hors ligne");
  await expect(report).toContainText("En attente d'envoi : 1");
  await expect(report).toContainText("« Atelier en attente »");
  await expect(report).toContainText("dernière erreur : Pas de connexion. Nouvel essai automatique.");
  // Whoever got the answer (the page, or the service worker starting).
  await expect(report).toContainText("« Atelier refusé »");
  await expect(report).toContainText(": Refusée : L'atelier est complet.");
  const text = await report.textContent();
  for (const personal of ["Jeanne", "Dupont", "06 12", "+336"]) expect(text).not.toContain(personal);

  await page.getByRole("button", { name: "Copier le diagnostic" }).click();
  await expect(page.locator("main").getByText("Diagnostic copié.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
});
