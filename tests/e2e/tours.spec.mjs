// Itinerant services (issue 19): a tour published for a bus makes a
// commune search list the bus first, at its nearest stop, with its next
// passage; its page lists every stop; offline, the same from the device.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, TOKEN, expect, test, waitForServiceWorker } from "./fixtures.mjs";

const DAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

test("a commune search finds the itinerant service at its nearest stop first", async ({ page, context, request, server }) => {
  // An itinerant place of Gers, imported as a coordinator would.
  const records = JSON.parse(readFileSync(join(ROOT, "data/lieux/gers-tarn-et-garonne.json"), "utf8"));
  const bus = { ...records.find((r) => r.code_postal === "32000"), id: "bus-e2e", nom: "Bus numérique du Gers", itinerance: ["Itinérant"] };
  const file = join(server.dir, "bus.json");
  writeFileSync(file, JSON.stringify([bus]));
  execFileSync(join(ROOT, "target/release/proxinum"), ["--base", join(server.dir, "proxinum.sqlite"), "import", file, "--territoire", "32"]);
  // Its tour: Mirande, in three days (Paris), 9h–12h, for two months.
  const inParis = (days) => new Date(Date.now() + days * 864e5).toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
  const day = DAYS[new Date(`${inParis(3)}T12:00:00Z`).getUTCDay()];
  const published = await request.put(`${server.url}/api/organisateur/lieux/bus-e2e/arrets`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
    data: { arrets: [{ commune: "Mirande", adresse: "Place de la mairie", jour: day, debut: "09:00:00", fin: "12:00:00", du: inParis(0), au: inParis(60) }] },
  });
  expect(published.status()).toBe(200);

  await page.goto("/");
  await waitForServiceWorker(page);
  await page.getByLabel("Ou tapez votre commune ou votre code postal").fill("Mirande");
  await page.getByRole("button", { name: "Chercher" }).click();
  const first = page.locator("ol.card-list > li").first();
  await expect(first).toContainText("Bus numérique du Gers");
  await expect(first.locator(".passage")).toHaveText(`Prochain passage : ${day} 9h00–12h00 à Place de la mairie, Mirande`);
  await first.getByRole("link", { name: "Bus numérique du Gers" }).click();
  const stops = page.locator("section").filter({ has: page.getByRole("heading", { name: "Où et quand il passe" }) });
  await expect(stops.getByRole("listitem")).toContainText(`Place de la mairie, Mirande — le ${day}, 9h00–12h00 : `);

  // Offline: the stops are in the catalog on the device.
  await context.setOffline(true);
  await page.goto("/?commune=Mirande");
  await expect(page.locator("ol.card-list > li").first().locator(".passage")).toContainText("à Place de la mairie, Mirande");
  await context.setOffline(false);
});
