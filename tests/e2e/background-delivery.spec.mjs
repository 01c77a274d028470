// Registrations delivered by the service worker with every page of the app
// closed (Background Sync, Chromium): the worker runs the outbox rules of
// proxinum-core (crates/outbox-worker) under the same IndexedDB lease as
// the page, so one entry is never sent twice.
import { createWorkshop, expect, fillRegistrationForm, organiser, test, waitForServiceWorker } from "./fixtures.mjs";

async function registerOffline({ page, context, request, server }, session) {
  await createWorkshop(request, server, { id: session });
  await page.goto(`/ateliers/${session}`);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.goto(`/ateliers/${session}/inscription`);
  await fillRegistrationForm(page);
  await expect(page.getByRole("status").filter({ hasText: "En attente d'envoi" })).toBeVisible();
  const id = page.url().split("/").pop();
  // The page's own first attempt has failed (a page closed in the middle of
  // sending leaves a lease that only ends after 30 s: core::outbox::LEASE_MS).
  await page.getByRole("link", { name: "Mes inscriptions" }).first().click();
  await expect(page.locator("main").getByText("Pas de connexion. Nouvel essai automatique.")).toBeVisible();
  return id;
}

/** A page of another origin: the app is closed, but CDP needs a target. */
async function syncFirer(context, server) {
  const blank = await context.newPage();
  const cdp = await context.newCDPSession(blank);
  const registration = new Promise((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  const registrationId = await registration;
  return () => cdp.send("ServiceWorker.dispatchSyncEvent", { origin: server.url, registrationId, tag: "proxinum-outbox", lastChance: false });
}

const rowsOf = (request, server, session) => organiser(request, server, "GET", `/api/organisateur/ateliers/${session}/inscriptions`);

test("with every page closed, the worker delivers on sync; the app shows it confirmed", async ({ page, context, request, server }) => {
  const id = await registerOffline({ page, context, request, server }, "livree-app-fermee");
  await page.close();
  expect(context.pages().filter((p) => p.url().startsWith(server.url))).toHaveLength(0);
  const fireSync = await syncFirer(context, server);
  await context.setOffline(false);
  await fireSync();
  await expect.poll(async () => (await rowsOf(request, server, "livree-app-fermee")).map((r) => r.id), { timeout: 20_000 }).toEqual([id]);

  const reopened = await context.newPage();
  await reopened.goto("/inscriptions");
  const card = reopened.locator("ul.card-list > li").first();
  await expect(card).toContainText("Inscription confirmée");
  expect(await rowsOf(request, server, "livree-app-fermee")).toHaveLength(1);
});

test("the worker retries after a 500: one registration in the end", async ({ page, context, request, server }) => {
  const id = await registerOffline({ page, context, request, server }, "livree-apres-500");
  await page.close();
  const fromWorker = [];
  await context.route("**/api/inscriptions", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    fromWorker.push(route.request().serviceWorker() !== null);
    if (fromWorker.length === 1) return route.fulfill({ status: 500, contentType: "application/json", body: '{"code":"erreur_interne"}' });
    return route.continue();
  });
  const fireSync = await syncFirer(context, server);
  await context.setOffline(false);
  // Each sync is one pass; a sync during a pass joins it. Fire until it is in.
  await expect
    .poll(
      async () => {
        await fireSync();
        return (await rowsOf(request, server, "livree-apres-500")).map((r) => r.id);
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toEqual([id]);
  expect(fromWorker).toEqual([true, true]);

  const reopened = await context.newPage();
  await reopened.goto("/inscriptions");
  await expect(reopened.locator("ul.card-list > li").first()).toContainText("Inscription confirmée");
});

test("page and worker trying at once send one request", async ({ page, context, request, server }) => {
  const id = await registerOffline({ page, context, request, server }, "page-et-worker");
  const senders = [];
  await context.route("**/api/inscriptions", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    senders.push(route.request().serviceWorker() ? "worker" : "page");
    // The first sender holds the lease while the other one tries.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return route.continue();
  });
  const fireSync = await syncFirer(context, server);
  await page.bringToFront();
  // The page hears the network come back while the worker gets its sync.
  await Promise.all([context.setOffline(false), fireSync(), fireSync()]);
  await expect.poll(async () => (await rowsOf(request, server, "page-et-worker")).map((r) => r.id), { timeout: 20_000 }).toEqual([id]);
  await page.waitForTimeout(3_000);
  expect(senders).toHaveLength(1);
  await expect(page.locator("main").getByText("Inscription confirmée")).toBeVisible({ timeout: 15_000 });
});
