// The organisers' page reads the organiser API through core's typed wire
// types (proxinum_core::organiser): workshops with their counts, the
// registrants, attendance and the CSV export.
import { randomUUID } from "node:crypto";
import { TOKEN, createWorkshop, expect, organiser, test, waitForServiceWorker } from "./fixtures.mjs";

test("an organiser sees the workshop, its registrant, marks attendance and exports", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "espace-orga", capacity: 3, title: "Atelier des organisateurs" });
  const id = randomUUID();
  const registered = await request.post(`${server.url}/api/inscriptions`, {
    data: { id, session_id: "espace-orga", prenom: "Jeanne", nom: "Dupont", telephone: "0612345678", places: 2, consentement: true },
  });
  expect(registered.status()).toBe(201);

  await page.goto("/organisateur");
  await page.getByLabel("Jeton ou secret d'organisateur").fill("pas le bon");
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  await expect(page.getByRole("alert")).toHaveText("Jeton ou secret refusé : vérifiez-le (un secret révoqué ne marche plus).");

  await page.getByLabel("Jeton ou secret d'organisateur").fill(TOKEN);
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

test("the coordinator adds an organiser, who then sees only its own workshops, until revoked", async ({ page, browser, request, server }) => {
  await page.goto("/organisateur");
  await page.getByLabel("Jeton ou secret d'organisateur").fill(TOKEN);
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  await expect(page.getByText("Connecté : Coordination")).toBeVisible();
  await page.getByLabel("Nom du nouvel organisateur").fill("Médiathèque de Fleurance");
  await page.getByRole("button", { name: "Ajouter l'organisateur" }).click();
  const shown = page.locator(".notice-success code");
  await expect(shown).toHaveText(/^[0-9a-f]{64}$/);
  const secret = await shown.textContent();
  const accounts = page.locator("section[aria-labelledby=organisateurs-titre] li.card");
  await expect(accounts.filter({ hasText: "Médiathèque de Fleurance" })).toContainText("0 atelier(s) · actif");

  // The organiser's own workshop, created with its secret.
  const created = await request.post(`${server.url}/api/organisateur/ateliers`, {
    headers: { Authorization: `Bearer ${secret}` },
    data: { atelier: {
      id: "atelier-fleurance", territoire: "32", titre: "Smartphone à Fleurance", resume: "Un atelier de la médiathèque.",
      themes: ["Premiers pas"], publics: ["Tout public"], lieu: { type: "lieu", lieu_id: "fs-192" },
      debut: "2030-03-05T10:00:00", fin: "2030-03-05T12:00:00", capacite: 6, inscription: { mode: "dans_l_app" }, organisateur: "Médiathèque de Fleurance",
    } },
  });
  expect(created.status()).toBe(201);

  const other = await browser.newPage({ baseURL: server.url });
  await other.goto("/organisateur");
  await other.waitForFunction(() => document.documentElement.dataset.app === "pret");
  await other.getByLabel("Jeton ou secret d'organisateur").fill(secret);
  await other.getByRole("button", { name: "Voir mes ateliers" }).click();
  await expect(other.getByText("Connecté : Médiathèque de Fleurance")).toBeVisible();
  await expect(other.locator("li.card")).toHaveCount(1);
  await expect(other.locator("li.card")).toContainText("Smartphone à Fleurance");
  await expect(other.getByRole("heading", { name: "Organisateurs", exact: true })).toHaveCount(0);
  await expect(other.getByLabel("Organisateur", { exact: true })).toHaveCount(0);

  // The coordinator sees who owns it, reads the journal, and revokes.
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  const card = page.locator("li.card").filter({ hasText: "Smartphone à Fleurance" });
  await expect(card.getByLabel("Organisateur")).toHaveValue(/^[0-9]+$/);
  await page.getByRole("button", { name: "Voir les 50 derniers changements" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Atelier créé — Médiathèque de Fleurance" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Révoquer l'accès : Médiathèque de Fleurance" }).click();
  await expect(accounts.filter({ hasText: "Médiathèque de Fleurance" })).toContainText("1 atelier(s) · accès révoqué");
  await other.getByRole("button", { name: "Voir mes ateliers" }).click();
  await expect(other.getByRole("alert")).toHaveText("Jeton ou secret refusé : vérifiez-le (un secret révoqué ne marche plus).");
  await expect(other.locator("li.card")).toHaveCount(0);
});

test("cancelling a workshop asks first", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "a-garder", title: "Atelier à garder" });
  await page.goto("/organisateur");
  await page.getByLabel("Jeton ou secret d'organisateur").fill(TOKEN);
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  await page.getByRole("button", { name: "Voir les inscriptions : Atelier à garder" }).click();
  await page.getByRole("button", { name: "Annuler l'atelier" }).click();
  await page.getByRole("button", { name: "Non, le garder" }).click();
  expect((await organiser(request, server, "GET", "/api/organisateur/ateliers")).find((w) => w.atelier.id === "a-garder").atelier.statut).toBe("programmee");
  await page.getByRole("button", { name: "Annuler l'atelier" }).click();
  await page.getByRole("button", { name: "Oui, annuler l'atelier" }).click();
  await expect
    .poll(async () => (await organiser(request, server, "GET", "/api/organisateur/ateliers")).find((w) => w.atelier.id === "a-garder").atelier.statut)
    .toBe("annulee");
});

// Without an e-mail server (the tests' server has none), a cancellation
// reaches nobody by e-mail: the page lists whom to phone, and why.
test("after a cancellation, the page lists whom to phone", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "a-appeler", title: "Atelier à prévenir" });
  const registered = await request.post(`${server.url}/api/inscriptions`, {
    data: { id: randomUUID(), session_id: "a-appeler", prenom: "Louise", nom: "Martin", telephone: "0611223344", places: 1, consentement: true },
  });
  expect(registered.status()).toBe(201);
  await page.goto("/organisateur");
  await page.getByLabel("Jeton ou secret d'organisateur").fill(TOKEN);
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  await page.getByRole("button", { name: "Voir les inscriptions : Atelier à prévenir" }).click();
  await expect(page.getByRole("heading", { name: "À prévenir par téléphone" })).toHaveCount(0);
  await page.getByRole("button", { name: "Annuler l'atelier" }).click();
  await page.getByRole("button", { name: "Oui, annuler l'atelier" }).click();
  const list = page.locator(".notice-warning").filter({ has: page.getByRole("heading", { name: "À prévenir par téléphone" }) });
  await expect(list.getByRole("listitem")).toHaveText("Louise Martin — 06 11 22 33 44 — Atelier annulé : le prévenir");
  await expect(list.getByRole("link", { name: "06 11 22 33 44" })).toHaveAttribute("href", "tel:+33611223344");
});

test("an organiser uploads a calendar: a preview first, then the import; a bad file changes nothing", async ({ page }) => {
  const ics = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//FR",
    "BEGIN:VEVENT", "UID:tablette@fleurance", "DTSTAMP:20260101T000000Z",
    "DTSTART;TZID=Europe/Paris:20300312T140000", "DTEND;TZID=Europe/Paris:20300312T160000",
    "SUMMARY:Découvrir la tablette", "LOCATION:Médiathèque\\, 32500 Fleurance", "END:VEVENT",
    "BEGIN:VEVENT", "UID:ancien@fleurance", "DTSTAMP:20260101T000000Z",
    "DTSTART;TZID=Europe/Paris:20200312T140000", "DTEND;TZID=Europe/Paris:20200312T160000",
    "SUMMARY:Un atelier passé", "LOCATION:Médiathèque\\, 32500 Fleurance", "END:VEVENT",
    "END:VCALENDAR", "",
  ].join("\r\n");
  await page.goto("/organisateur");
  await page.getByLabel("Jeton ou secret d'organisateur").fill(TOKEN);
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  await page.getByLabel("Fichier .ics").setInputFiles({ name: "agenda.ics", mimeType: "text/calendar", buffer: Buffer.from("pas un calendrier") });
  await page.getByLabel("Organisateur affiché").fill("Médiathèque de Fleurance");
  await page.getByRole("button", { name: "Voir ce qui sera importé" }).click();
  await expect(page.getByRole("alert")).toContainText("Fichier refusé, rien n'a changé : fichier iCalendar illisible");

  await page.getByLabel("Fichier .ics").setInputFiles({ name: "agenda.ics", mimeType: "text/calendar", buffer: Buffer.from(ics) });
  await page.getByLabel("Thème").selectOption({ label: "Smartphone et tablette" });
  await page.getByRole("button", { name: "Voir ce qui sera importé" }).click();
  await expect(page.getByText("Aperçu : 1 créé(s), 0 mis à jour, 1 ignoré(s).")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Découvrir la tablette" })).toContainText("Sera créé");
  await expect(page.getByRole("row").filter({ hasText: "Un atelier passé" })).toContainText("Ignoré : il est déjà passé");
  await expect(page.locator("li.card").filter({ hasText: "Découvrir la tablette" })).toHaveCount(0);

  await page.getByRole("button", { name: "Importer 1 atelier(s)" }).click();
  await expect(page.getByText("Importé : 1 créé(s), 0 mis à jour, 1 ignoré(s).")).toBeVisible();
  await expect(page.locator("li.card").filter({ hasText: "Découvrir la tablette" })).toContainText("mardi 12 mars 2030, de 14h00 à 16h00");
});

test("the coordinator's dashboard: counts as bars and a table, and a CSV", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "tableau-e2e", capacity: 1, title: "Atelier du tableau" });
  for (const prenom of ["Ana", "Bea"]) {
    const registered = await request.post(`${server.url}/api/inscriptions`, {
      data: { id: randomUUID(), session_id: "tableau-e2e", prenom, nom: "Test", telephone: "0612345678", places: 1, consentement: true },
    });
    expect(registered.status()).toBe(201);
  }
  await page.goto("/organisateur");
  await page.getByLabel("Jeton ou secret d'organisateur").fill(TOKEN);
  await page.getByRole("button", { name: "Voir mes ateliers" }).click();
  const year = new Date(Date.now() + 7 * 24 * 3600_000).getFullYear();
  await page.getByLabel("Du", { exact: true }).fill(`${year}-01-01`);
  await page.getByLabel("Au", { exact: true }).fill(`${year}-12-31`);
  // Another territory has none of these workshops.
  await page.getByLabel("Territoire").selectOption("82");
  await page.getByRole("button", { name: "Afficher le tableau de bord" }).click();
  await expect(page.getByRole("figure", { name: /^Commune/ })).toBeVisible();
  await expect(page.getByRole("figure", { name: /^Commune/ }).getByRole("row").filter({ hasText: "Lectoure" })).toHaveCount(0);
  await page.getByLabel("Territoire").selectOption("32");
  await page.getByRole("button", { name: "Afficher le tableau de bord" }).click();
  const commune = page.getByRole("figure", { name: /^Commune/ });
  await expect(commune.getByRole("img")).toBeVisible();
  const lectoure = commune.getByRole("row").filter({ hasText: "Lectoure" });
  await expect(lectoure.getByRole("cell").nth(1)).toHaveText(/^[1-9][0-9]*$/);
  await expect(page.getByText("Places demandées en liste d'attente")).toBeVisible();
  await expect(page.locator("section[aria-labelledby=tableau-titre]")).not.toContainText("Ana");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Télécharger en CSV" }).click();
  expect((await download).suggestedFilename()).toBe(`tableau-de-bord-32-${year}-01-01-${year}-12-31.csv`);
});

// The organisers' tools are a wasm of their own (scripts/build-organiser.sh):
// a resident's visit never downloads nor precaches them, and the organisers'
// page leaves for the residents' app by plain links.
test("the organisers' page is an app of its own, never downloaded by a resident", async ({ page, context }) => {
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto("/");
  await waitForServiceWorker(page);
  await expect.poll(() => page.evaluate(async () => {
    const names = await caches.keys();
    const urls = [];
    for (const name of names) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  })).toContain("/index.html");
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
  expect(cached.filter((u) => u.includes("organisateur"))).toEqual([]);
  expect(cached.some((u) => /^\/proxinum-app-[0-9a-f]+_bg\.wasm$/.test(u))).toBe(true);
  expect(fetched.filter((u) => u.includes("organisateur"))).toEqual([]);

  fetched.length = 0;
  await page.goto("/organisateur");
  await expect(page).toHaveTitle("Organisateurs — Proxinum");
  await expect(page.getByLabel("Jeton ou secret d'organisateur")).toBeVisible();
  expect(fetched.some((u) => /^\/organisateur-[0-9a-f]+_bg\.wasm$/.test(u))).toBe(true);
  expect(fetched.filter((u) => u.includes("proxinum-app-"))).toEqual([]);
  expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");

  // "Ateliers" in the bottom bar leaves for the residents' app.
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Ateliers" }).click();
  await expect(page).toHaveURL(/\/ateliers$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ateliers");

  // Offline, the worker says plainly that this page needs the network.
  await context.setOffline(true);
  page.serverOnly = true;
  await page.goto("/organisateur");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Espace organisateurs : hors ligne");
  await page.getByRole("link", { name: "Revenir à l'accueil de Proxinum" }).click();
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await context.setOffline(false);
});
