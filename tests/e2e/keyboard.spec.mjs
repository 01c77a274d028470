// Keyboard only, on a phone (390×844) and at 400 % zoom (320×256 CSS px):
// where focus goes after the skip link, a route change and an in-page
// update, that it is never hidden under the bars, and the kiosk's warning.
import { createWorkshop, expect, test } from "./fixtures.mjs";

const PHONE = { width: 390, height: 844 };
const ZOOMED = { width: 320, height: 256 };

/** What has focus: tag, text and whether it sits inside `main`. */
const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e.tagName, text: (e.textContent || "").trim().replace(/\s+/g, " "), inMain: !!e.closest("main"), inNav: !!e.closest(".bottom-nav") };
  });

/** Is the focused element fully visible, and not under the header or the bottom navigation? */
const focusVisibility = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    // Past the last stop, focus leaves the page (body): nothing to see.
    if (e === document.body) return { overNav: false, inView: true, label: "BODY" };
    const r = e.getBoundingClientRect();
    const nav = document.querySelector(".bottom-nav").getBoundingClientRect();
    const navFixed = getComputedStyle(document.querySelector(".bottom-nav")).position === "fixed";
    const overNav = navFixed && !e.closest(".bottom-nav") && r.bottom > nav.top + 1 && r.top < nav.bottom;
    const inView = r.bottom > 0 && r.top < innerHeight;
    return { overNav, inView, label: `${e.tagName} "${(e.textContent || e.value || "").trim().slice(0, 40)}"` };
  });

for (const [name, viewport] of [["phone", PHONE], ["400 % zoom", ZOOMED]]) {
  test.describe(name, () => {
    test.use({ viewport });

    test("the skip link puts focus on the page's heading", async ({ page }) => {
      await page.goto("/ateliers");
      await page.keyboard.press("Tab");
      expect((await focused(page)).text).toBe("Aller au contenu");
      await page.keyboard.press("Enter");
      expect(await focused(page)).toMatchObject({ tag: "H1", text: "Ateliers", inMain: true });
      await page.keyboard.press("Tab");
      expect((await focused(page)).inMain).toBe(true);
    });

    test("after a route change focus is on the new heading and the title is said", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("link", { name: "Guides" }).focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/guides$/);
      await expect.poll(async () => (await focused(page)).tag).toBe("H1");
      expect(await focused(page)).toMatchObject({ text: "Guides", inMain: true });
      await expect(page.locator("#annonces")).toHaveText("Guides — Proxinum");
      await page.keyboard.press("Tab");
      expect((await focused(page)).inMain).toBe(true);
      // A guide's "Suivant": focus stays on the button that goes on.
      await page.locator("main a[href^='/guides/']").first().focus();
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await focused(page)).tag).toBe("H1");
      await page.getByRole("button", { name: "Commencer" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await focused(page)).text).toBe("Suivant");
      await expect(page.locator("#annonces")).not.toBeEmpty();
    });

    test("a commune search, then more places: focus goes to the results, then to the first new place", async ({ page }) => {
      await page.goto("/");
      await page.getByLabel("Ou tapez votre commune ou votre code postal").fill("Auch");
      const suggestion = page.locator(".suggestion").first();
      await expect(suggestion).toBeVisible();
      await expect(page.locator("#annonces")).toHaveText(/^\d communes? proposées? sous le champ\.$/);
      await suggestion.focus();
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await focused(page)).text).toMatch(/^Les \d+ lieux les plus proches de Auch/);
      await expect(page.locator("#annonces")).toHaveText(/lieux les plus proches de Auch/);
      const eleventh = await page.locator("main .card-list").first().locator("> li").count();
      await page.getByRole("link", { name: "Voir plus de lieux" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(async () => page.locator("main .card-list").first().locator("> li").count()).toBeGreaterThan(eleventh);
      const expected = (await page.locator("main .card-list").first().locator(`> li:nth-child(${eleventh + 1}) a`).first().textContent()).trim();
      await expect.poll(async () => (await focused(page)).text).toBe(expected);
      // The back link of a place found this way returns to the same list.
      await page.keyboard.press("Enter");
      const back = page.getByRole("link", { name: "← Retour à la liste" });
      await expect(back).toHaveAttribute("href", /^\/\?lat=[\d.]+&lon=[\d.]+&commune=Auch/);
      await back.focus();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { level: 2, name: /proches de Auch/ })).toBeVisible();
    });

    test("focus is never hidden under the bars", async ({ page }) => {
      await page.goto("/?commune=Auch");
      await expect(page.getByRole("heading", { level: 2, name: /proches de Auch/ })).toBeVisible();
      const hidden = [];
      for (let i = 0; i < 45; i++) {
        await page.keyboard.press("Tab");
        const state = await focusVisibility(page);
        if (state.overNav || !state.inView) hidden.push(state.label);
      }
      expect(hidden).toEqual([]);
    });

    test("the registration form: every field reachable and visible, required ones said", async ({ page, request, server }) => {
      await createWorkshop(request, server, { id: `clavier-${viewport.width}` });
      await page.goto(`/ateliers/clavier-${viewport.width}/inscription`);
      await expect(page.getByLabel("Prénom (obligatoire)")).toBeVisible();
      await page.getByLabel("Prénom (obligatoire)").focus();
      const hidden = [];
      for (let i = 0; i < 14; i++) {
        const state = await focusVisibility(page);
        if (state.overNav || !state.inView) hidden.push(state.label);
        await page.keyboard.press("Tab");
      }
      expect(hidden).toEqual([]);
      const consent = page.getByRole("checkbox", { name: /J'accepte que mes coordonnées/ });
      await expect(consent).toHaveAttribute("required", "");
      await page.getByRole("button", { name: "Envoyer mon inscription" }).click();
      await expect(page.locator("#consentement-erreur")).not.toBeEmpty();
      await consent.check();
      await expect(page.locator("#consentement-erreur")).toBeEmpty();
    });
  });
}

test.describe("kiosk", () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test("the warning comes 20 s before the reset, once, with focus on « Je continue »", async ({ page }) => {
    await page.clock.install();
    await page.goto("/kiosque");
    await page.getByLabel("Où est la tablette ?").selectOption("cnfs-62ad98ba8255a806e299dd45");
    await page.getByLabel("Code du personnel (pour quitter le mode borne)").fill("4321");
    await page.getByLabel("Le même code, encore une fois").fill("4321");
    await page.getByLabel("Retour à l'accueil après combien de secondes sans toucher ?").fill("90");
    await expect(page.getByText("Un avertissement s'affiche 20 secondes avant")).toBeVisible();
    await page.getByRole("button", { name: "Activer le mode borne" }).click();
    await page.goto("/guides");
    await page.getByRole("link", { name: "Guides" }).focus();
    const dialog = page.getByRole("alertdialog");
    // The page's own start-up takes a second or two of real time on top of
    // the clock's jumps: hence the margins (the rule itself is pinned by
    // core::kiosk's tests).
    await page.clock.fastForward(65_000);
    await expect(dialog).toHaveCount(0);
    await page.clock.fastForward(5_500);
    await expect(dialog).toBeVisible();
    // Seen ticking; said once, with the figure at its start.
    await expect(dialog.locator("#compte-a-rebours .visually-hidden")).toHaveText(/^(20|19|18|17)$/);
    await expect(dialog.locator("#compte-a-rebours [aria-hidden]")).toHaveText(/^(20|19|18|17|16|15)$/);
    await expect.poll(async () => (await focused(page)).text).toBe("Je continue");
    // The words are said once: the figure that changes is hidden from screen readers.
    await expect(dialog.locator("[aria-live]")).toHaveCount(0);
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect.poll(async () => (await focused(page)).text).toBe("Guides");
    await expect(page).toHaveURL(/\/guides$/);
  });
});

test.describe("what the audit measured", () => {
  test.use({ viewport: PHONE });

  test("44 px link targets, no « current page » on back links, a title for an unknown address, labels that grow with the text", async ({ page, request, server }) => {
    await createWorkshop(request, server, { id: "cibles" });
    await page.goto("/ateliers");
    const heights = await page.locator("main .card-title a, main .link-line a").evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(3);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await page.goto("/ateliers/cibles");
    await expect(page.getByRole("link", { name: "← Tous les ateliers" })).not.toHaveAttribute("aria-current", /.*/);
    await page.goto("/une/adresse/inconnue");
    await expect(page).toHaveTitle("Page introuvable — Proxinum");
    const navLabel = () => page.locator(".nav-link span").first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await page.goto("/");
    const normal = await navLabel();
    await page.evaluate(() => localStorage.setItem("proxinum.reglages", JSON.stringify({ taille_texte: "tres_grande" })));
    await page.reload();
    expect(await navLabel()).toBeGreaterThanOrEqual(normal * 1.3);
  });
});
