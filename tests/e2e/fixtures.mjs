// Test fixtures: a real Proxinum server (release binary, release dist/) on a
// free port with its own SQLite file, started once per worker.
import { test as base, expect } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
/** The organisers' token of test servers. */
export const TOKEN = "jeton-des-tests-e2e";

/** Starts `proxinum servir` and resolves with its base URL (`dist`: the app's files it serves). */
export async function startServer(extraArgs = [], env = {}, dist = join(ROOT, "dist")) {
  const dir = mkdtempSync(join(tmpdir(), "proxinum-e2e-"));
  const child = spawn(
    join(ROOT, "target/release/proxinum"),
    ["servir", "--port", "0", "--dist", dist, "--base", join(dir, "proxinum.sqlite"), "--jeton", TOKEN, "--limite-par-minute", "0", ...extraArgs],
    { cwd: ROOT, env: { ...process.env, RUST_LOG: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/Proxinum est prêt : (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1].replace(/\/$/, ""));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return {
    url,
    dir,
    output: () => output,
    async stop() {
      child.kill("SIGINT");
      await new Promise((r) => (child.exitCode !== null ? r() : child.on("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend({
  // Environment of the worker's server, e.g. `PROXINUM_MAINTENANT` for a
  // spec whose browser clock is set to another date: the catalog's opening
  // hours start on the server's week.
  serverEnv: [{}, { scope: "worker", option: true }],
  server: [
    async ({ serverEnv }, use) => {
      const server = await startServer([], serverEnv);
      await use(server);
      await server.stop();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  // Public pages arrive rendered by the server; the app takes them over a
  // moment later (src/takeover.rs). Journeys act on the app, so a visit
  // waits for it, as a resident's second tap would.
  page: async ({ page, javaScriptEnabled }, use) => {
    if (javaScriptEnabled !== false) {
      for (const name of ["goto", "reload"]) {
        const original = page[name].bind(page);
        page[name] = async (...args) => {
          const response = await original(...args);
          // `page.serverOnly`: a test that reads the server's page as it is.
          if (!page.serverOnly) await waitForApp(page);
          return response;
        };
      }
    }
    await use(page);
  },
});

/** Waits until the app runs the page (or keeps a server answer as it is). */
export async function waitForApp(page) {
  await page.waitForFunction(
    () => document.documentElement.dataset.app === "pret" || document.querySelector("#rendu-serveur[data-garder]") !== null,
    null,
    { timeout: 30_000 },
  );
}

export { expect };

/** Waits until the service worker controls the page. */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 30_000,
  });
}

/** Fills the app's registration form (the page shows it) and sends it. */
export async function fillRegistrationForm(page, { prenom = "Jeanne", nom = "Dupont", telephone = "06 12 34 56 78" } = {}) {
  await page.getByLabel("Prénom").fill(prenom);
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill(nom);
  await page.getByRole("textbox", { name: "Téléphone" }).fill(telephone);
  await page.getByLabel("J'accepte que mes coordonnées soient utilisées pour cet atelier.").check();
  await page.getByRole("button", { name: "Envoyer mon inscription" }).click();
}

/** Calls the organiser API of a test server. */
export async function organiser(request, server, method, path, data) {
  const response = await request.fetch(server.url + path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}` },
    data,
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.status() === 204 ? null : response.json();
}

/** Paris wall-clock "YYYY-MM-DDTHH:MM:SS" at `minutes` from now. */
export function parisLocal(minutesFromNow) {
  const date = new Date(Date.now() + minutesFromNow * 60_000);
  const parts = new Intl.DateTimeFormat("fr-FR", {
    timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false,
  }).formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:00`;
}

/** Creates a workshop at France services Lectoure, registrations in the app:
 *  `startInMinutes` from now for two hours, or else in a week from 14:00 to
 *  16:00 (a week from now would cross midnight when the tests run after
 *  22:00 in Paris, and the cards would then read "du … au …"). */
export async function createWorkshop(request, server, { id, startInMinutes, capacity = 10, title = "Atelier de test" }) {
  const inAWeek = parisLocal(7 * 24 * 60).slice(0, 10);
  const debut = startInMinutes === undefined ? `${inAWeek}T14:00:00` : parisLocal(startInMinutes);
  const fin = startInMinutes === undefined ? `${inAWeek}T16:00:00` : parisLocal(startInMinutes + 120);
  return organiser(request, server, "POST", "/api/organisateur/ateliers", {
    atelier: {
      id,
      territoire: "32",
      titre: title,
      resume: "Un atelier créé par les tests de bout en bout.",
      themes: ["Premiers pas"],
      publics: ["Tout public"],
      lieu: { type: "lieu", lieu_id: "fs-192" },
      debut,
      fin,
      capacite: capacity,
      inscription: { mode: "dans_l_app" },
      organisateur: "Tests",
    },
  });
}

/** Runs axe-core on the page; returns serious and critical violations.
 *  The page must come from a context created with `bypassCSP: true`. */
export async function seriousViolations(page) {
  await page.addScriptTag({ path: resolve(ROOT, "node_modules/axe-core/axe.min.js") });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Everything the app keeps on the device, as text. */
export async function deviceStorage(page) {
  return page.evaluate(async () => {
    const dump = { localStorage: JSON.stringify({ ...localStorage }), indexedDB: {} };
    const databases = await indexedDB.databases();
    if (!databases.some((d) => d.name === "proxinum")) return JSON.stringify(dump);
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open("proxinum");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const name of db.objectStoreNames) {
      const values = await new Promise((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
      });
      dump.indexedDB[name] = values;
    }
    db.close();
    return JSON.stringify(dump);
  });
}
