// Registrations made without network wait in the outbox and are delivered
// exactly once when it returns.
import { createWorkshop, expect, fillRegistrationForm as fillForm, organiser, test, waitForServiceWorker } from "./fixtures.mjs";

async function registrationsOnServer(request, server, session) {
  return organiser(request, server, "GET", `/api/organisateur/ateliers/${session}/inscriptions`);
}

test("offline: queued, kept across reloads, delivered once when the network returns", async ({ page, context, request, server }) => {
  await createWorkshop(request, server, { id: "hors-ligne" });
  await page.goto("/ateliers/hors-ligne");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Atelier de test");
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Atelier de test");
  // Where the app runs, it says that the registration waits for the network.
  await expect(page.getByText("Même sans réseau : votre inscription partira dès que la connexion revient.")).toBeVisible();
  await page.getByRole("link", { name: "M'inscrire" }).click();
  await fillForm(page);
  await expect(page.getByRole("heading", { level: 1, name: "Votre inscription" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "En attente d'envoi" })).toBeVisible();
  const id = page.url().split("/").pop();

  await page.getByRole("link", { name: "Mes inscriptions" }).first().click();
  const cards = page.locator("ul.card-list > li");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("En attente d'envoi");
  await page.reload();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("En attente d'envoi");

  await context.setOffline(false);
  await expect(cards.first()).toContainText("Inscription confirmée", { timeout: 15_000 });
  const rows = await registrationsOnServer(request, server, "hors-ligne");
  expect(rows.map((r) => r.id)).toEqual([id]);
});

test.describe("without a service worker in the way of request interception", () => {
  test.use({ serviceWorkers: "block" });

  test("the server answers 500 twice, then 201: one registration in the end", async ({ page, request, server }) => {
    await createWorkshop(request, server, { id: "erreurs-serveur" });
    let failures = 0;
    await page.route("**/api/inscriptions", async (route) => {
      if (route.request().method() === "POST" && failures < 2) {
        failures += 1;
        return route.fulfill({ status: 500, contentType: "application/json", body: '{"code":"erreur_interne"}' });
      }
      return route.continue();
    });
    await page.goto("/ateliers/erreurs-serveur/inscription");
    await fillForm(page);
    await expect(page.getByRole("status").filter({ hasText: "Inscription confirmée" })).toBeVisible({ timeout: 20_000 });
    expect(failures).toBe(2);
    const rows = await registrationsOnServer(request, server, "erreurs-serveur");
    expect(rows).toHaveLength(1);
    expect(rows[0].statut).toBe("confirmee");
  });

  test("the server stays unreachable: the entry expires visibly instead of being sent late", async ({ page, request, server }) => {
    await createWorkshop(request, server, { id: "injoignable", startInMinutes: 3 });
    await page.clock.install();
    await page.route("**/api/inscriptions", (route) => route.abort("internetdisconnected"));
    await page.goto("/ateliers/injoignable/inscription");
    await fillForm(page);
    await expect(page.getByRole("status").filter({ hasText: "En attente d'envoi" })).toBeVisible();
    await page.getByRole("link", { name: "Mes inscriptions" }).first().click();
    await expect(page.locator("ul.card-list > li").first()).toContainText("En attente d'envoi");
    await expect(page.getByText("Pas de connexion. Nouvel essai automatique.")).toBeVisible();
    // Time passes: the workshop starts while the server is still out of reach.
    await page.clock.fastForward("05:00");
    await page.getByRole("link", { name: "Mes inscriptions" }).first().click();
    await expect(page.locator("main").getByText("Non envoyée : l'atelier a commencé avant le retour du réseau")).toBeVisible({ timeout: 10_000 });
    expect(await registrationsOnServer(request, server, "injoignable")).toHaveLength(0);
  });
});

test("invalid data gets clear French messages, and nothing is queued", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "formulaire" });
  await page.goto("/ateliers/formulaire/inscription");
  await page.getByLabel("Prénom").fill("Jeanne");
  await page.getByRole("textbox", { name: "Téléphone" }).fill("12");
  await page.getByRole("button", { name: "Envoyer mon inscription" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Écrivez votre nom.");
  await expect(alert).toContainText("Ce numéro de téléphone n'est pas valide.");
  await expect(alert).toContainText("Cochez la case pour accepter");
  await expect(page.getByRole("textbox", { name: "Téléphone" })).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("link", { name: "Mes inscriptions" }).first().click();
  await expect(page.getByText("Vous n'avez pas encore d'inscription.")).toBeVisible();
});

test("cancelling goes through the outbox and frees the seat", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "annulation", capacity: 1 });
  await page.goto("/ateliers/annulation/inscription");
  await fillForm(page);
  await expect(page.getByRole("status").filter({ hasText: "Inscription confirmée" })).toBeVisible({ timeout: 15_000 });
  const toList = page.getByRole("link", { name: "Voir toutes mes inscriptions" });
  // The receipt (/inscriptions/{id}) is not the list: leptos_router's <A>
  // marked its link "current page" for the path's first segment.
  await expect(toList).not.toHaveAttribute("aria-current", /.*/);
  await toList.click();
  await expect(page).toHaveURL(/\/inscriptions$/);
  await page.getByRole("button", { name: "Annuler mon inscription" }).click();
  await page.getByRole("button", { name: "Oui, annuler" }).click();
  await expect(page.locator("ul.card-list > li").first()).toContainText("Inscription annulée", { timeout: 15_000 });
  const detail = await (await request.get(`${server.url}/api/sessions/annulation`)).json();
  expect(detail.places_restantes).toBe(1);
});

test("the question 'Voulez-vous vraiment annuler ?' survives the list being refreshed", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "question-gardee" });
  await page.goto("/ateliers/question-gardee/inscription");
  await fillForm(page);
  await expect(page.getByRole("status").filter({ hasText: "Inscription confirmée" })).toBeVisible({ timeout: 15_000 });
  const id = page.url().split("/").pop();
  // The list asks the server for fresh statuses when it opens; this answer
  // comes late and differs, so the list is rebuilt after the question.
  await page.route(`**/api/inscriptions/${id}`, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ id, statut: "liste_attente", session_id: "question-gardee", places: 1 }) });
  });
  await page.getByRole("link", { name: "Voir toutes mes inscriptions" }).click();
  await page.getByRole("button", { name: "Annuler mon inscription" }).click();
  await expect(page.locator("ul.card-list > li").first()).toContainText("Sur liste d'attente", { timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Oui, annuler" })).toBeVisible();
});
