// The organisers' page reads the organiser API through core's typed wire
// types (proxinum_core::organiser): workshops with their counts, the
// registrants, attendance and the CSV export.
import { randomUUID } from "node:crypto";
import { TOKEN, createWorkshop, expect, organiser, test } from "./fixtures.mjs";

test("an organiser sees the workshop, its registrant, marks attendance and exports", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "espace-orga", capacity: 3, title: "Atelier des organisateurs" });
  const id = randomUUID();
  const registered = await request.post(`${server.url}/api/inscriptions`, {
    data: { id, session_id: "espace-orga", prenom: "Jeanne", nom: "Dupont", telephone: "0612345678", places: 2, consentement: true },
  });
  expect(registered.status()).toBe(201);

  await page.goto("/organisateur");
  await page.getByLabel("Jeton des organisateurs").fill("pas le bon");
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  await expect(page.getByRole("alert")).toHaveText("Jeton refusé : vérifiez-le.");

  await page.getByLabel("Jeton des organisateurs").fill(TOKEN);
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  const card = page.locator("li.card").filter({ hasText: "Atelier des organisateurs" });
  await expect(card).toContainText("1 inscription(s) · 1 place(s) restante(s) · liste d'attente : 0");
  await expect(card.locator(".card-meta")).toContainText(" de ");
  await card.getByRole("button", { name: "Voir les inscriptions" }).click();

  const row = page.getByRole("row").filter({ hasText: "Jeanne Dupont" });
  await expect(row).toContainText("06 12 34 56 78");
  await expect(row).toContainText("Inscription confirmée");
  await row.getByRole("checkbox", { name: "Présent : Jeanne Dupont" }).check();
  await expect
    .poll(async () => (await organiser(request, server, "GET", "/api/organisateur/ateliers/espace-orga/inscriptions"))[0].present)
    .toBe(true);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Exporter pour un tableur (CSV)" }).click();
  expect((await download).suggestedFilename()).toBe("inscriptions-espace-orga.csv");
});
