// Pages that arrive readable: with JavaScript off (or before the app has
// started) the server's pages are read and used as plain HTML, and the
// registration form is a plain form posted to the server. 390×844.
import { createWorkshop, expect, organiser, seriousViolations, test } from "./fixtures.mjs";

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the home list, a commune search, a place, a workshop list and a guide are readable", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Autour de moi");
    await expect(page.getByRole("heading", { level: 2, name: /Tous les lieux dans le Gers \(\d+\)/ })).toBeVisible();
    await expect(page.locator("ul.card-list > li")).toHaveCount(10);
    await expect(page.locator("ul.card-list > li .state").first()).not.toBeEmpty();
    // What only the app can do is not offered where it would do nothing.
    await expect(page.getByRole("button", { name: "Me localiser" })).toBeHidden();
    await expect(page.locator("details.filters")).toBeHidden();
    await page.getByRole("link", { name: "Voir plus de lieux" }).click();
    await expect(page.locator(".results-list ul.card-list > li")).toHaveCount(20);

    await page.getByLabel("Ou tapez votre commune ou votre code postal").fill("Lectoure");
    await page.getByLabel("Ou tapez votre commune ou votre code postal").press("Enter");
    await expect(page).toHaveURL(/\/\?commune=Lectoure/);
    await expect(page.getByRole("heading", { level: 2, name: /proches de Lectoure/ })).toBeVisible();
    await page.locator("ol.card-list > li").first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("France services Lectoure");
    await expect(page.locator("table.hours tr")).toHaveCount(7);
    await page.getByRole("link", { name: "← Retour à la liste" }).click();
    await expect(page.getByRole("heading", { level: 2, name: /proches de Lectoure/ })).toBeVisible();

    await page.goto("/ateliers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ateliers");
    await expect(page.getByText(/ateliers? à venir/)).toBeVisible();
    await page.goto("/guides");
    await page.getByRole("link", { name: "Reconnaître une arnaque : faux SMS et faux e-mails" }).click();
    await expect(page.locator("ol.steps > li")).toHaveCount(5);
    await expect(page.getByRole("button", { name: /Une étape à la fois|Voir toutes les étapes/ })).toBeHidden();
    await expect(page.getByText("Transférez le faux SMS au numéro 33700. C'est gratuit.")).toBeVisible();
  });

  test("registering through the plain form: errors in place, a double submit registers once", async ({ page, request, server }) => {
    await createWorkshop(request, server, { id: "sans-js", title: "Cyberharcèlement : en parler" });
    await page.goto("/ateliers/sans-js");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cyberharcèlement : en parler");
    // The offline promise belongs to the app: the plain form needs the network.
    await expect(page.getByText("Même sans réseau")).toBeHidden();
    await page.getByRole("link", { name: "M'inscrire" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("M'inscrire");

    await page.getByLabel("Prénom").fill("Jeanne");
    await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Dupont");
    await page.getByLabel("J'accepte que mes coordonnées soient utilisées pour cet atelier.").check();
    await page.getByRole("button", { name: "Envoyer mon inscription" }).click();
    await expect(page.locator("#telephone-erreur")).toContainText("téléphone");
    await expect(page.getByRole("alert")).toContainText("Le formulaire n'est pas complet");
    await expect(page.getByLabel("Prénom")).toHaveValue("Jeanne");
    await expect(page.getByLabel("J'accepte que mes coordonnées soient utilisées pour cet atelier.")).toBeChecked();

    await page.getByLabel("Téléphone").fill("06 12 34 56 78");
    const id = await page.locator("input[name=id]").getAttribute("value");
    await page.getByRole("button", { name: "Envoyer mon inscription" }).dblclick();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inscription confirmée");
    await expect(page.locator(".short-code")).not.toBeEmpty();
    // The same form sent again, as a reload after "Renvoyer" would.
    const again = await request.post(`${server.url}/ateliers/sans-js/inscription`, {
      form: { id, prenom: "Jeanne", nom: "Dupont", telephone: "06 12 34 56 78", places: "1", consentement: "oui" },
    });
    expect(again.status()).toBe(200);
    const registrants = await organiser(request, server, "GET", "/api/organisateur/ateliers/sans-js/inscriptions");
    expect(registrants).toHaveLength(1);
  });
});

test.describe("the server's pages before the app starts", () => {
  test.use({ bypassCSP: true });

  test("axe-core finds no serious or critical violation", async ({ page, request, server }) => {
    test.setTimeout(90_000);
    await createWorkshop(request, server, { id: "a11y-serveur" }).catch(() => {});
    // Keep the server's page: the app is not loaded.
    await page.route("**/boot.js", (route) => route.abort());
    page.serverOnly = true;
    for (const path of ["/", "/?commune=Auch", "/lieux/fs-192", "/ateliers", "/ateliers/passes", "/ateliers/a11y-serveur", "/ateliers/a11y-serveur/inscription", "/guides", "/guides/cyberharcelement-que-faire", "/confidentialite", "/lieux/inconnu"]) {
      await page.goto(path, { waitUntil: "domcontentloaded" });
      await expect(page.locator("#rendu-serveur h1").first()).toBeVisible();
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
});
