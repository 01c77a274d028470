// axe-core on every page: no serious or critical violation. Phone and tablet.
import { createWorkshop, expect, seriousViolations, test } from "./fixtures.mjs";

const pages = [
  "/",
  "/?lat=43.6465&lon=0.5855&besoin=demarches",
  "/lieux/fs-192",
  "/lieux/cnfs-62ac53e78255a806e299d57c",
  "/ateliers",
  "/ateliers/passes",
  "/ateliers/a11y-atelier",
  "/ateliers/a11y-atelier/inscription",
  "/inscriptions",
  "/guides",
  "/guides/cyberharcelement-que-faire",
  "/reglages",
  "/reglages/diagnostic",
  "/confidentialite",
  "/kiosque",
  "/organisateur",
  "/une/page/inconnue",
];

test.use({ bypassCSP: true });

for (const viewport of [{ width: 390, height: 844 }, { width: 1024, height: 768 }]) {
  test(`no serious or critical violation at ${viewport.width}×${viewport.height}`, async ({ page, request, server }) => {
    test.setTimeout(120_000);
    await createWorkshop(request, server, { id: "a11y-atelier" }).catch(() => {});
    await page.setViewportSize(viewport);
    for (const path of pages) {
      await page.goto(path);
      await page.locator("h1").first().waitFor();
      await page.waitForTimeout(300);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    // With the filters open and the form's errors shown.
    await page.goto("/ateliers/a11y-atelier/inscription");
    await page.getByRole("button", { name: "Envoyer mon inscription" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    expect(await seriousViolations(page), "form with errors").toEqual([]);
  });
}

// The four text and contrast settings a resident can choose (Réglages), on a
// phone: large text wraps the bars differently, high contrast changes colours.
const SETTINGS = {
  "grande": { taille_texte: "grande" },
  "très grande": { taille_texte: "tres_grande" },
  "contraste élevé": { contraste_eleve: true },
  "très grande et contraste élevé": { taille_texte: "tres_grande", contraste_eleve: true },
};
for (const [name, settings] of Object.entries(SETTINGS)) {
  test(`no serious or critical violation with text « ${name} »`, async ({ page, request, server }) => {
    test.setTimeout(120_000);
    await createWorkshop(request, server, { id: "a11y-atelier" }).catch(() => {});
    await page.setViewportSize({ width: 390, height: 844 });
    await page.addInitScript((value) => localStorage.setItem("proxinum.reglages", value), JSON.stringify(settings));
    for (const path of ["/", "/?commune=Auch", "/lieux/fs-192", "/ateliers", "/ateliers/a11y-atelier", "/ateliers/a11y-atelier/inscription", "/guides/cyberharcelement-que-faire", "/reglages"]) {
      await page.goto(path);
      await page.locator("h1").first().waitFor();
      await page.waitForTimeout(300);
      expect(await seriousViolations(page), `${path} (${name})`).toEqual([]);
    }
  });
}
