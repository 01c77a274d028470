// Resident journeys at phone size (390×844) on the release build.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import { createWorkshop, expect, test } from "./fixtures.mjs";

const firstCard = (page) => page.locator("ol.card-list > li").first();

test.describe("around me, located in Auch", () => {
  test.use({ geolocation: { latitude: 43.6465, longitude: 0.5855 }, permissions: ["geolocation"] });

  test("the first place listed is the nearest one in the data", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "Me localiser" }).click();
    await expect(page.getByRole("heading", { level: 2, name: /Les 10 lieux les plus proches de votre position/ })).toBeVisible();
    await expect(firstCard(page).getByRole("heading")).toHaveText("1Espace Handicap Emploi");
    await expect(firstCard(page)).toContainText("à 280 m");
    await expect(page).toHaveURL(/lat=43\.64650&lon=0\.58550/);
    await expect(page.getByRole("img", { name: /Carte/ })).toBeVisible();
  });
});

for (const query of ["Lectoure", "32700", "léctoure"]) {
  test(`typing « ${query} » gives Lectoure's nearest place first`, async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Ou tapez votre commune ou votre code postal").fill(query);
    await page.getByLabel("Ou tapez votre commune ou votre code postal").press("Enter");
    await expect(page.getByRole("heading", { level: 2, name: /proches de Lectoure/ })).toBeVisible();
    await expect(firstCard(page).getByRole("heading")).toHaveText("1France services Lectoure");
  });
}

test("a filter narrows the list and stays in the link", async ({ page }) => {
  await page.goto("/?lat=43.6465&lon=0.5855");
  await expect(firstCard(page).getByRole("heading")).toHaveText("1Espace Handicap Emploi");
  await page.getByText("Filtres").click();
  await page.getByLabel("Faire mes démarches").check();
  await expect(firstCard(page).getByRole("heading")).toHaveText("1France services d’Auch Garros");
  await expect(page).toHaveURL(/besoin=demarches/);
  const sharedLink = page.url();
  await page.goto(sharedLink);
  await expect(page.getByLabel("Faire mes démarches")).toBeChecked();
  await expect(firstCard(page).getByRole("heading")).toHaveText("1France services d’Auch Garros");
});

test("past the catalog's last day of hours, nothing is guessed", async ({ page }) => {
  // Four months on, still with today's copy: its hours stop after 13 weeks.
  await page.clock.setFixedTime(new Date(Date.now() + 120 * 24 * 3600 * 1000));
  await page.goto("/lieux/fs-192");
  await expect(page.locator(".state-large")).toHaveText("Horaires à vérifier");
  await expect(page.getByText("Les horaires gardés sur cet appareil sont trop anciens")).toBeVisible();
  await expect(page.locator("table.hours")).toHaveCount(0);
});

test("a workshop page offers a valid .ics", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "atelier-ics-e2e", title: "Découvrir la tablette", startInMinutes: 7 * 24 * 60 });
  await page.goto("/ateliers/atelier-ics-e2e");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Découvrir la tablette");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Ajouter à mon agenda" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("atelier-atelier-ics-e2e.ics");
  const text = readFileSync(await file.path(), "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent("vtimezone");
  expect(zone.getFirstPropertyValue("tzid")).toBe("Europe/Paris");
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent"));
  expect(event.summary).toBe("Découvrir la tablette");
  expect(event.uid).toBe("atelier-ics-e2e@proxinum");
  expect(event.component.getFirstProperty("dtstart").getParameter("tzid")).toBe("Europe/Paris");
  // Our VTIMEZONE's rules give the right instant: the workshop starts in 7 days.
  const offBy = Math.abs(event.startDate.toJSDate().getTime() - (Date.now() + 7 * 24 * 3600_000));
  expect(offBy).toBeLessThan(3 * 60_000);
  expect(event.location).toContain("32700 Lectoure");
  expect(event.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
  // One PRODID (RFC 5545), and reminders the day before and an hour before.
  expect(calendar.getAllProperties("prodid")).toHaveLength(1);
  const alarms = event.component.getAllSubcomponents("valarm").map((a) => [a.getFirstPropertyValue("action"), a.getFirstPropertyValue("trigger").toSeconds()]);
  expect(alarms).toEqual([["DISPLAY", -86400], ["DISPLAY", -3600]]);
});

test("the workshops list shows badges and keeps past ones apart", async ({ page }) => {
  await page.goto("/ateliers");
  await expect(page.getByText(/ateliers? à venir/)).toBeVisible();
  await expect(page.locator(".badge-example").first()).toHaveText("Exemple");
  await expect(page.getByText("Semaine du Numérique dans le Gers")).toHaveCount(0);
  await page.getByRole("link", { name: "Voir les ateliers passés" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Semaine du Numérique dans le Gers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "L'inclusion numérique dans le Gers" })).toBeVisible();
});

test("a guide can be read to the end, and progress is kept", async ({ page }) => {
  await page.goto("/guides");
  await page.getByRole("link", { name: "Reconnaître une arnaque : faux SMS et faux e-mails" }).click();
  await page.getByRole("button", { name: "Commencer" }).click();
  await expect(page.getByText("Étape 1 sur 5")).toBeVisible();
  await page.getByRole("button", { name: "Suivant" }).click();
  await page.reload();
  await expect(page.getByText("Étape 2 sur 5")).toBeVisible();
  for (let i = 0; i < 2; i++) await page.getByRole("button", { name: "Suivant" }).click();
  await expect(page.getByText("Étape 4 sur 5")).toBeVisible();
  await expect(page.getByText("Transférez le faux SMS au numéro 33700. C'est gratuit.")).toBeVisible();
  await page.getByRole("button", { name: "Suivant" }).click();
  await expect(page.getByText("Étape 5 sur 5")).toBeVisible();
  await page.getByRole("button", { name: "Terminer" }).click();
  await expect(page.getByText("Vous avez lu tout le guide. Bravo !")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Si ça ne marche pas" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Des lieux pour vous aider" })).toBeVisible();
});

test("settings change the text size and the territory", async ({ page }) => {
  await page.goto("/reglages");
  await page.getByLabel("Très grande").check();
  await expect(page.locator("html")).toHaveClass(/text-xlarge/);
  await page.getByLabel("Contraste renforcé").check();
  await expect(page.locator("html")).toHaveClass(/contrast/);
  await page.getByLabel("Les lieux et ateliers de").selectOption("82");
  await page.getByRole("link", { name: "Autour de moi" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Tous les lieux en Tarn-et-Garonne/ })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/text-xlarge/);
  await page.goto("/reglages");
  await expect(page.getByText(/ANCT — Cartographie nationale des lieux d'inclusion numérique/)).toBeVisible();
  await expect(page.getByText(/ODbL/).first()).toBeVisible();
});

test("nothing scrolls sideways at 200 % text size", async ({ page }) => {
  await page.goto("/reglages");
  await page.getByLabel("Très grande").check();
  for (const path of ["/?lat=43.6465&lon=0.5855", "/lieux/fs-192", "/ateliers", "/guides/trouver-de-l-aide", "/reglages"]) {
    await page.goto(path);
    await page.locator("h1").first().waitFor();
    await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(1);
  }
});
