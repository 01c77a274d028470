// A médiathèque tablet: anyone registers, walks away; the next person finds
// a fresh screen and nothing of the previous one.
import jsQR from "jsqr";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, createWorkshop, deviceStorage, expect, organiser, seriousViolations, startServer, test, waitForServiceWorker } from "./fixtures.mjs";

test.use({ viewport: { width: 1024, height: 768 } });

const PERSON = { prenom: "Zoé", nom: "Kiosquière", telephone: "06 11 22 33 44" };
const TRACES = ["Zoé", "Kiosquière", "0611223344", "06 11 22 33 44", "+33611223344"];

async function enableKiosk(page, delaySeconds = 8, origin = "") {
  await page.goto(origin + "/kiosque");
  await page.getByLabel("Où est la tablette ?").selectOption("cnfs-62ad98ba8255a806e299dd45");
  await page.getByLabel("Code du personnel (pour quitter le mode borne)").fill("4321");
  await page.getByLabel("Le même code, encore une fois").fill("4321");
  await page.getByLabel("Retour à l'accueil après combien de secondes sans toucher ?").fill(String(delaySeconds));
  await page.getByRole("button", { name: "Activer le mode borne" }).click();
  await expect(page.getByText("Borne", { exact: true })).toBeVisible();
}

async function register(page, session) {
  await page.goto(`/ateliers/${session}`);
  await page.getByRole("link", { name: "M'inscrire" }).click();
  await page.getByLabel("Prénom").fill(PERSON.prenom);
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill(PERSON.nom);
  await page.getByRole("textbox", { name: "Téléphone" }).fill(PERSON.telephone);
  await page.getByLabel("J'accepte que mes coordonnées soient utilisées pour cet atelier.").check();
  await expect(page.getByLabel("Retenir mes coordonnées sur ce téléphone pour la prochaine fois")).toHaveCount(0);
  await page.getByRole("button", { name: "Envoyer mon inscription" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Votre inscription" })).toBeVisible();
}

/** Decodes the page's QR code with jsQR (not the generator). */
async function decodeQr(page) {
  // Drawn once the encoder is loaded (crates/qr-module, on demand).
  await page.locator("svg.qr-code").first().waitFor();
  const pixels = await page.evaluate(async () => {
    const svg = document.querySelector("svg.qr-code");
    const source = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 400;
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, 400, 400);
    return Array.from(context.getImageData(0, 0, 400, 400).data);
  });
  const result = jsQR(Uint8ClampedArray.from(pixels), 400, 400);
  return result && result.data;
}

async function expectNoTraces(page, { storage = true } = {}) {
  const dom = await page.content();
  for (const trace of TRACES) expect(dom, `DOM holds ${trace}`).not.toContain(trace);
  if (storage) {
    const stored = await deviceStorage(page);
    for (const trace of TRACES) expect(stored, `device storage holds ${trace}`).not.toContain(trace);
  }
}

test("register, walk away: the idle reset brings a fresh home screen and nothing personal stays", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "borne" });
  await enableKiosk(page);
  // "Autour de moi" starts at the médiathèque, without geolocation.
  await expect(page.getByRole("heading", { level: 2, name: /proches de Médiathèque Municipale/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Mes inscriptions" })).toHaveCount(0);

  await register(page, "borne");
  await expect(page.getByRole("status").filter({ hasText: "Inscription confirmée" })).toBeVisible({ timeout: 15_000 });
  const id = page.url().split("/").pop();
  const code = await page.locator(".short-code strong").textContent();
  expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
  expect(await decodeQr(page)).toBe(`${server.url}/inscriptions/${id}`);

  // Walk away: a visible countdown, then the home screen.
  await expect(page.getByText(/Vous êtes toujours là \? La borne revient à l'accueil/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Autour de moi" })).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(server.url + "/");
  await expect(page.getByLabel("Ou tapez votre commune ou votre code postal")).toHaveValue("");

  const rows = await organiser(request, server, "GET", "/api/organisateur/ateliers/borne/inscriptions");
  expect(rows.map((r) => r.id)).toEqual([id]);
  await expectNoTraces(page);
});

test("offline: the pending registration shows no personal data after the reset, and is wiped once delivered", async ({ page, context, request, server }) => {
  await createWorkshop(request, server, { id: "borne-hors-ligne" });
  await enableKiosk(page);
  await page.goto("/ateliers/borne-hors-ligne");
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await register(page, "borne-hors-ligne");
  await expect(page.getByText("Pas de réseau pour l'instant")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Autour de moi" })).toBeVisible({ timeout: 20_000 });
  await expectNoTraces(page, { storage: false });
  await page.goto("/inscriptions");
  await expect(page.getByText("Sur cette borne, aucune inscription n'est gardée.")).toBeVisible();
  await expectNoTraces(page, { storage: false });

  await context.setOffline(false);
  await expect.poll(async () => (await organiser(request, server, "GET", "/api/organisateur/ateliers/borne-hors-ligne/inscriptions")).length, { timeout: 20_000 }).toBe(1);
  await expect.poll(async () => (await deviceStorage(page)).includes("Zoé"), { timeout: 10_000 }).toBe(false);
  await expectNoTraces(page);
});

test("every place, workshop and guide shows a QR code; external links become QR codes", async ({ page, request, server }) => {
  await createWorkshop(request, server, { id: "borne-qr" });
  await enableKiosk(page, 600);
  await page.goto("/lieux/fs-192");
  await expect(page.getByRole("link", { name: /Appeler|Itinéraire/ })).toHaveCount(0);
  await expect(page.getByText("Itinéraire avec mon téléphone : scannez avec votre téléphone")).toBeVisible();
  await page.locator("figcaption", { hasText: "Emporter cette fiche sur mon téléphone" }).scrollIntoViewIfNeeded();
  const qrs = page.locator("svg.qr-code");
  await expect.poll(() => qrs.count()).toBeGreaterThan(1);
  await page.goto("/ateliers/borne-qr");
  await expect(page.getByText("Emporter cet atelier sur mon téléphone")).toBeVisible();
  await page.goto("/guides/trouver-de-l-aide");
  await expect(page.getByText("Emporter ce guide sur mon téléphone")).toBeVisible();
  expect(await decodeQr(page)).toBe(`${server.url}/guides/trouver-de-l-aide`);
});

/** Whether one of the service worker's caches holds the QR encoder's wasm. */
/** Whether a cache of the service worker holds every one of these paths. */
function kept(page, patterns) {
  return page.evaluate(async (sources) => {
    const paths = [];
    for (const key of await caches.keys()) {
      for (const request of await (await caches.open(key)).keys()) paths.push(new URL(request.url).pathname);
    }
    return sources.every((source) => paths.some((path) => new RegExp(source).test(path)));
  }, patterns.map((pattern) => pattern.source));
}

const qrEncoderKept = (page) => kept(page, [/^\/qr-[0-9a-f]+_bg\.wasm$/]);
// The kiosk set-up (/kiosque) is a wasm of its own: its page, glue and wasm.
const KIOSK_SETUP = [/^\/kiosque$/, /^\/kiosque-[0-9a-f]+\.js$/, /^\/kiosque-[0-9a-f]+_bg\.wasm$/];
const kioskSetupKept = (page) => kept(page, KIOSK_SETUP);

test("a phone never downloads the QR encoder; a kiosk keeps it and draws its QR codes offline", async ({ page, context, server }) => {
  const fetched = [];
  context.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto("/lieux/fs-192");
  await waitForServiceWorker(page);
  await page.goto("/guides/trouver-de-l-aide");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(fetched.filter((path) => path.startsWith("/qr-")), "a resident's visit").toEqual([]);
  expect(await qrEncoderKept(page)).toBe(false);

  await enableKiosk(page, 600);
  await expect.poll(() => qrEncoderKept(page), { timeout: 15_000 }).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText("Borne", { exact: true })).toBeVisible();
  await page.goto("/guides/trouver-de-l-aide");
  await expect(page.getByText("Emporter ce guide sur mon téléphone")).toBeVisible();
  expect(await decodeQr(page)).toBe(`${server.url}/guides/trouver-de-l-aide`);
});

test("a kiosk's QR encoder and set-up are carried into the next version of the app", async ({ page }) => {
  // A server of its own, whose files this test changes as a deployment would.
  const dist = mkdtempSync(join(tmpdir(), "proxinum-dist-"));
  cpSync(join(ROOT, "dist"), dist, { recursive: true });
  const server = await startServer([], {}, dist);
  try {
    await page.goto(server.url + "/");
    await waitForServiceWorker(page);
    await enableKiosk(page, 600, server.url);
    await expect.poll(() => qrEncoderKept(page), { timeout: 15_000 }).toBe(true);
    // The next version: another service worker, the same QR encoder.
    const worker = join(dist, "sw.js");
    writeFileSync(worker, readFileSync(worker, "utf8").replace(/VERSION="([0-9a-f]+)"/, 'VERSION="$1-suivante"'));
    rmSync(worker + ".br");
    rmSync(worker + ".gz");
    const state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const next = registration.installing || registration.waiting;
      if (!next) return "no new version";
      if (next.state === "installing") await new Promise((resolve) => next.addEventListener("statechange", resolve, { once: true }));
      return next.state;
    });
    expect(state).toBe("installed");
    const keptByTheNextVersion = await page.evaluate(async () => {
      const key = (await caches.keys()).find((name) => name.endsWith("-suivante"));
      const held = key ? await (await caches.open(key)).keys() : [];
      return held.map((request) => new URL(request.url).pathname);
    });
    expect(keptByTheNextVersion.some((path) => /^\/qr-[0-9a-f]+_bg\.wasm$/.test(path))).toBe(true);
    // And its set-up, so that staff can still leave kiosk mode offline.
    for (const file of KIOSK_SETUP) expect(keptByTheNextVersion.some((path) => file.test(path)), String(file)).toBe(true);
  } finally {
    await server.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});

test("a phone never downloads the kiosk set-up; Réglages opens it as a page of its own", async ({ page, context }) => {
  const fetched = [];
  context.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto("/");
  await waitForServiceWorker(page);
  await page.goto("/reglages");
  await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
  expect(fetched.filter((path) => path.startsWith("/kiosque")), "a resident's visit").toEqual([]);
  expect(await kioskSetupKept(page)).toBe(false);
  // Offline, a phone that never opened it is told so, in plain words.
  await context.setOffline(true);
  page.serverOnly = true; // the worker's own short page: no app to wait for
  await page.goto("/kiosque");
  await expect(page.getByRole("heading", { level: 1, name: "Mode borne : hors ligne" })).toBeVisible();
  page.serverOnly = false;
  await context.setOffline(false);
  await page.goto("/reglages");
  await page.getByRole("link", { name: "Activer le mode borne" }).click();
  await expect(page).toHaveURL(/\/kiosque$/);
  await expect(page.getByLabel("Code du personnel (pour quitter le mode borne)")).toBeVisible();
  expect(fetched.some((path) => /^\/kiosque-[0-9a-f]+_bg\.wasm$/.test(path))).toBe(true);
});

test("a tablet set up on its first visit keeps its set-up: staff leave kiosk mode offline", async ({ page, context }) => {
  // The very first page is the set-up, before any service worker.
  await enableKiosk(page, 600);
  await expect.poll(() => kioskSetupKept(page), { timeout: 15_000 }).toBe(true);
  await context.setOffline(true);
  await page.goto("/kiosque");
  await page.getByLabel("Code du personnel").fill("4321");
  await page.getByRole("button", { name: "Quitter le mode borne" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
  await expect(page.getByText("Borne", { exact: true })).toHaveCount(0);
});

test("a kiosk left on its set-up page warns, then goes back to the home screen", async ({ page }) => {
  await enableKiosk(page, 6);
  await page.goto("/kiosque");
  await expect(page.getByRole("button", { name: "Quitter le mode borne" })).toBeVisible();
  // Under a minute, the warning comes a third of the delay before.
  await expect(page.getByRole("alertdialog")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Autour de moi" })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText("Borne", { exact: true })).toBeVisible();
});

test("leaving kiosk mode needs the staff's code", async ({ page }) => {
  await enableKiosk(page, 600);
  await page.goto("/kiosque");
  await page.getByLabel("Code du personnel").fill("0000");
  await page.getByRole("button", { name: "Quitter le mode borne" }).click();
  await expect(page.getByRole("alert")).toHaveText("Ce n'est pas le bon code.");
  await page.getByLabel("Code du personnel").fill("4321");
  await page.getByRole("button", { name: "Quitter le mode borne" }).click();
  await expect(page.getByText("Borne", { exact: true })).toHaveCount(0);
});

test.describe("accessibility in kiosk mode", () => {
  test.use({ bypassCSP: true });
  test("axe-core finds no serious or critical violation", async ({ page, request, server }) => {
    await createWorkshop(request, server, { id: "borne-a11y" });
    await enableKiosk(page, 600);
    for (const path of ["/", "/lieux/fs-192", "/ateliers", "/ateliers/borne-a11y", "/ateliers/borne-a11y/inscription", "/guides/trouver-de-l-aide", "/inscriptions"]) {
      await page.goto(path);
      await page.locator("h1").first().waitFor();
      await page.waitForTimeout(300);
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
});
