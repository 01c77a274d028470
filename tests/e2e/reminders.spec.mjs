// Reminders without e-mail (issue 19): a registered workshop within 24 hours
// is recalled on the home page and in "Mes inscriptions" — never once it is
// cancelled — and the workshops page offers to subscribe to the calendar.
import { randomUUID } from "node:crypto";
import { createWorkshop, expect, fillRegistrationForm, organiser, parisLocal, seriousViolations, test, waitForServiceWorker } from "./fixtures.mjs";

/** "Demain à 9h05", as the app says it, for a start written in Paris local
 *  time, today being `today`. */
function expectedDay(start, today) {
  const day = start.slice(0, 10) === today.slice(0, 10) ? "Aujourd'hui" : "Demain";
  return `${day} à ${Number(start.slice(11, 13))}h${start.slice(14, 16)}`;
}

test("a workshop within 24 hours is recalled, and no longer once cancelled", async ({ page, request, server }) => {
  // The words come from the start the server stored, not from a clock read
  // again after the registration, which could be one minute later (CI
  // failed so: "1h01" against a 1h00 start).
  const today = parisLocal(0);
  const [created] = await createWorkshop(request, server, { id: "rappel-24h", startInMinutes: 20 * 60, title: "Rappel de test" });
  const said = `${expectedDay(created.debut, today)} : Rappel de test`;
  await page.goto("/ateliers/rappel-24h");
  await page.getByRole("link", { name: "M'inscrire" }).click();
  await fillRegistrationForm(page);
  await expect(page.getByRole("status").filter({ hasText: "Inscription confirmée" })).toBeVisible({ timeout: 15_000 });

  await page.goto("/");
  const reminder = page.getByRole("link", { name: said, exact: true });
  await expect(reminder).toBeVisible();
  await page.getByRole("link", { name: "Mes inscriptions" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes inscriptions");
  await expect(reminder).toBeVisible();
  await reminder.click();
  await expect(page).toHaveURL(/\/ateliers\/rappel-24h$/);

  await organiser(request, server, "POST", "/api/organisateur/ateliers/rappel-24h/annulation");
  await page.goto("/");
  await expect(reminder).toHaveCount(0, { timeout: 10_000 });
});

test("a workshop further than 24 hours away is not recalled yet", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "rappel-plus-tard", startInMinutes: 30 * 60, title: "Plus tard" });
  await page.goto("/ateliers/rappel-plus-tard");
  await page.getByRole("link", { name: "M'inscrire" }).click();
  await fillRegistrationForm(page);
  await expect(page.getByRole("status").filter({ hasText: "Inscription confirmée" })).toBeVisible({ timeout: 15_000 });
  await page.goto("/inscriptions");
  await expect(page.locator("ul.card-list > li")).toHaveCount(1);
  await expect(page.locator(".reminder")).toHaveCount(0);
});

test("the workshops page offers the territory's calendar, in the app too", async ({ page, server }) => {
  await page.goto("/ateliers");
  const subscribe = page.getByRole("link", { name: "S'abonner à l'agenda" });
  await expect(subscribe).toHaveAttribute("href", `${server.url.replace(/^http/, "webcal")}/api/catalogue/32/ateliers.ics`);
  await expect(page.getByRole("link", { name: `${server.url}/api/catalogue/32/ateliers.ics` })).toBeVisible();
});

// The link in every notice e-mail: opened on any device (here, one where
// the app and its service worker run), it asks first, then cancels.
test.describe("with the CSP bypassed for axe", () => {
  test.use({ bypassCSP: true });
  test("the cancellation link of an e-mail asks, then cancels", async ({ page, request, server }) => {
    await createWorkshop(request, server, { id: "lien-annulation", title: "Atelier du lien" });
    await page.goto("/");
    await waitForServiceWorker(page);
    const id = randomUUID();
    const registered = await request.post(`${server.url}/api/inscriptions`, {
      data: { id, session_id: "lien-annulation", prenom: "Jeanne", nom: "Dupont", courriel: "jeanne@exemple.fr", places: 1, consentement: true },
    });
    expect(registered.status()).toBe(201);
    page.serverOnly = true;
    await page.goto(`/inscriptions/${id}/annulation`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Annuler mon inscription");
    await expect(page.getByText("Atelier du lien")).toBeVisible();
    expect((await (await request.get(`${server.url}/api/inscriptions/${id}`)).json()).statut).toBe("confirmee");
    await page.getByRole("button", { name: "Oui, annuler mon inscription" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inscription annulée");
    expect((await (await request.get(`${server.url}/api/inscriptions/${id}`)).json()).statut).toBe("annulee");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
