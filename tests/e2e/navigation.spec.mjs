// Following links inside the app (src/navigation.rs): one document, the
// history, where the new page opens, and the links the browser keeps.
import { expect, test } from "./fixtures.mjs";

test.use({ viewport: { width: 390, height: 844 } });

/** Marks the document: a reload or a new document loses the mark. */
const markDocument = (page) => page.evaluate(() => (window.memeDocument = true));
const sameDocument = (page) => page.evaluate(() => window.memeDocument === true);

test("a link opens the page at its top in the same document; back and forward come back", async ({ page }) => {
  await page.goto("/?commune=Auch");
  await expect(page.locator("main .card-list > li").first()).toBeVisible();
  await markDocument(page);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200);

  const nav = page.getByRole("navigation", { name: "Navigation principale" });
  await nav.getByRole("link", { name: "Guides" }).click();
  await expect(page).toHaveURL(/\/guides$/);
  await expect(page.getByRole("heading", { level: 1, name: "Guides" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await expect(page).toHaveURL(/\/\?commune=Auch$/);
  await expect(nav.getByRole("link", { name: "Autour de moi" })).toHaveAttribute("aria-current", "page");
  await page.goForward();
  await expect(page.getByRole("heading", { level: 1, name: "Guides" })).toBeVisible();
  expect(await sameDocument(page)).toBe(true);
});

test("links the browser must open stay the browser's; the others are the app's", async ({ page }) => {
  await page.goto("/");
  // Dispatches a click on a new link and says whether the app took it (a
  // listener added after the app's sees the event once the app has had it,
  // then stops the browser from leaving the page).
  const appTakes = (attributes, click = {}) =>
    page.evaluate(
      ([attributes, click]) => {
        const link = document.createElement("a");
        for (const [name, value] of Object.entries(attributes)) link.setAttribute(name, value);
        link.textContent = "lien";
        document.querySelector("main").append(link);
        let taken;
        const watch = (event) => {
          taken = event.defaultPrevented;
          event.preventDefault();
        };
        window.addEventListener("click", watch);
        link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, ...click }));
        window.removeEventListener("click", watch);
        link.remove();
        return taken;
      },
      [attributes, click],
    );
  expect(await appTakes({ href: "tel:0562000000" })).toBe(false);
  expect(await appTakes({ href: "mailto:contact@example.org" })).toBe(false);
  expect(await appTakes({ href: "https://www.openstreetmap.org/" })).toBe(false);
  expect(await appTakes({ href: "/kiosque", rel: "external" })).toBe(false);
  expect(await appTakes({ href: "/guides", target: "_blank" })).toBe(false);
  expect(await appTakes({ href: "/guides", download: "" })).toBe(false);
  expect(await appTakes({ href: "/guides" }, { ctrlKey: true })).toBe(false);
  expect(await appTakes({ href: "/guides" }, { shiftKey: true })).toBe(false);
  expect(await appTakes({ href: "/guides" }, { button: 1 })).toBe(false);
  await expect(page).toHaveURL(/\/$/);
  expect(await appTakes({ href: "/guides" })).toBe(true);
  await expect(page.getByRole("heading", { level: 1, name: "Guides" })).toBeVisible();
});
