// Proxinum service worker. `scripts/sw-precache.mjs` (a Trunk post_build
// hook) fills VERSION and PRECACHE with the hashed files of the build.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `proxinum-${VERSION}`;
// The outbox's rules (crates/outbox-worker, built from proxinum-core): the
// glue is loaded now, the wasm only when something waits to be sent.
const OUTBOX_RULES_JS = "__OUTBOX_JS__";
const OUTBOX_RULES_WASM = "__OUTBOX_WASM__";
importScripts(OUTBOX_RULES_JS);
// The QR encoder (crates/qr-module): only kiosks draw QR codes, so it is not
// precached; kept from the first time a page loads it, and carried into each
// new version by a device that had it (a kiosk must draw them offline).
const QR_MODULE = __QR_MODULE__;
// The kiosk set-up (/kiosque, a wasm of its own: scripts/build-page-app.sh)
// is not precached either: a resident never needs it. Its page and files
// are kept from the first time they are loaded, carried into each new
// version by a device that had them, and fetched when a kiosk asks
// (KEEP_KIOSK_SETUP, at each start): staff must be able to leave kiosk mode
// with no network.
const KIOSK_SETUP = __KIOSK_SETUP__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(PRECACHE);
      if (await anOlderVersionHeld(/\/qr-[0-9a-f]+(\.js|_bg\.wasm)$/)) await cache.addAll(QR_MODULE).catch(() => undefined);
      if (await anOlderVersionHeld(/\/kiosque-[0-9a-f]+(\.js|_bg\.wasm)$/)) await cache.addAll(KIOSK_SETUP).catch(() => undefined);
    }),
  );
});

async function anOlderVersionHeld(file) {
  for (const key of await caches.keys()) {
    if (!key.startsWith("proxinum-") || key === CACHE) continue;
    const held = await (await caches.open(key)).keys();
    if (held.some((request) => file.test(new URL(request.url).pathname))) return true;
  }
  return false;
}

// What a kiosk lacks of its set-up, fetched now.
async function keepKioskSetup() {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const path of KIOSK_SETUP) if (!(await cache.match(path))) missing.push(path);
  if (missing.length) await cache.addAll(missing).catch(() => undefined);
}

// A new version waits until the app asks for it ("Nouvelle version — recharger"),
// so that a form being typed is never lost to a sudden reload.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  if (event.data && event.data.type === "KEEP_KIOSK_SETUP") event.waitUntil(keepKioskSetup());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("proxinum-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
      .then(cacheOpenPages),
  );
});

// The page open when the worker first arrives was loaded without it: keep a
// copy now, so that the next visit to it is answered at once.
async function cacheOpenPages() {
  const cache = await caches.open(CACHE);
  const windows = await self.clients.matchAll({ type: "window" });
  await Promise.all(
    windows.map(async (client) => {
      const url = new URL(client.url);
      if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
      try {
        const response = await fetch(url.href);
        const type = response.headers.get("content-type") || "";
        if (response.ok && type.startsWith("text/html")) await cache.put(url.href, response);
      } catch (error) {
        // Offline already: the app shell answers for this page.
      }
    }),
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate" && isNetworkOnlyPage(url.pathname)) {
    event.respondWith(fromNetwork(request));
  } else if (request.mode === "navigate" && url.pathname === KIOSK_SETUP[0]) {
    // The kiosk set-up is kept under its address, never answered by the
    // residents' app shell (which does not hold it).
    event.respondWith(navigation(event, KIOSK_SETUP[0], (refresh) => refresh.catch(() => offlinePage("Mode borne : hors ligne", KIOSK_SETUP_OFFLINE))));
  } else if (request.mode === "navigate") {
    event.respondWith(navigation(event));
  } else if (QR_MODULE.includes(url.pathname) || KIOSK_SETUP.includes(url.pathname)) {
    event.respondWith(keptOnceFetched(request));
  } else {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});

// A navigation never waits on the network ("lie-fi" must not leave the
// resident staring at a blank page): it is answered at once from the cache —
// the last page the server rendered for this address, or else the app shell,
// which renders from the device's data — and the server's fresh page is
// stored in the background for next time. Pages live in the version's cache,
// so a new deployment (announced by the update banner) never shows a page
// that points at the old version's files. `key` is where the page is kept;
// `unkept(refresh, cache)` answers when no copy is: the app shell at once.
async function navigation(event, key = event.request, unkept = appShell) {
  const cache = await caches.open(CACHE);
  const refresh = fetch(event.request).then(async (response) => {
    const type = response.headers.get("content-type") || "";
    if (response.ok && response.type === "basic" && type.startsWith("text/html")) {
      await cache.put(key, response.clone());
    }
    return response;
  });
  event.waitUntil(refresh.catch(() => undefined));
  return (await cache.match(key)) || unkept(refresh, cache);
}

async function appShell(refresh, cache) {
  return (await cache.match("/index.html")) || refresh;
}

const KIOSK_SETUP_OFFLINE = "Le mode borne se règle avec le réseau la première fois. Réessayez quand la connexion revient.";

// Cache first, and a file fetched once is kept for offline use.
async function keptOnceFetched(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// Two kinds of page come from the network only: the organisers' page,
// another app (its own wasm, never precached: a resident must not download
// it), and the cancellation page linked from the notice e-mails, which
// only the server can answer. Offline, a short page says so instead of the
// browser's error (or of the app, which has no such page).
function isOrganiserPage(path) {
  return path === "/organisateur" || path.startsWith("/organisateur/");
}

function isNetworkOnlyPage(path) {
  return isOrganiserPage(path) || /^\/inscriptions\/[^/]+\/annulation$/.test(path);
}

async function fromNetwork(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const organiser = isOrganiserPage(new URL(request.url).pathname);
    const heading = organiser ? "Espace organisateurs : hors ligne" : "Annulation : hors ligne";
    const text = organiser
      ? "L'espace organisateurs a besoin du réseau. Réessayez quand la connexion revient."
      : "Pour annuler une inscription, il faut le réseau. Réessayez quand la connexion revient, ou ouvrez « Mes inscriptions » dans Proxinum.";
    return offlinePage(heading, text);
  }
}

// A short page instead of the browser's error, for a page that needs the network.
function offlinePage(heading, text) {
  const body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Hors ligne — Proxinum</title></head><body><main><h1>${heading}</h1><p>${text}</p><p><a href="/">Revenir à l'accueil de Proxinum</a> (il marche sans réseau).</p></main></body></html>`;
  return new Response(body, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

// Registrations delivered with the app closed. Where Background Sync exists
// (Chromium), the browser wakes the worker when the network is back; the
// worker also tries when it starts. It sends what waits itself, with the
// page's rules (the wasm of proxinum-core's outbox) and under the same lease
// in IndexedDB, so page and worker never send one entry together; then it
// tells open pages to refresh. Elsewhere (Firefox, Safari) the page sends.
self.addEventListener("sync", (event) => {
  if (event.tag === "proxinum-outbox") {
    // A rejection asks the browser to fire the sync again later.
    event.waitUntil(
      deliverOutbox().then((left) => {
        if (left) throw new Error("outbox: some entries wait for a retry");
      }),
    );
  }
});
let outboxRules;
function loadOutboxRules() {
  outboxRules ||= (async () => {
    const cache = await caches.open(CACHE);
    let response = await cache.match(OUTBOX_RULES_WASM);
    if (!response) {
      response = await fetch(OUTBOX_RULES_WASM);
      if (!response.ok) throw new Error(`outbox rules: HTTP ${response.status}`);
      await cache.put(OUTBOX_RULES_WASM, response.clone());
    }
    await wasm_bindgen({ module_or_path: await response.arrayBuffer() });
    return wasm_bindgen;
  })().catch((error) => {
    outboxRules = undefined;
    throw error;
  });
  return outboxRules;
}

// The app's database as it is; never created nor upgraded here (the app
// owns its schema): `null` when the app has not made it yet.
function openAppDatabase() {
  return new Promise((resolve) => {
    const request = indexedDB.open("proxinum");
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => {
      const db = request.result;
      // A newer app needing to upgrade its schema is never kept waiting.
      db.onversionchange = () => db.close();
      if (db.objectStoreNames.contains("outbox") && db.objectStoreNames.contains("inscriptions")) resolve(db);
      else {
        db.close();
        resolve(null);
      }
    };
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
}

// Runs `work(stores)` in one read-write transaction over the outbox and the
// registrations; resolves with what `work` settled once it is committed.
function inTransaction(db, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(["outbox", "inscriptions"], "readwrite");
    let result;
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
    work({ outbox: tx.objectStore("outbox"), registrations: tx.objectStore("inscriptions") }, (value) => (result = value));
  });
}

const read = (store, key, then) => (store.get(key).onsuccess = (event) => then(event.target.result));

// One read of the outbox, in its own read-only transaction.
function readOutbox(db, ask) {
  return new Promise((resolve, reject) => {
    const request = ask(db.transaction("outbox").objectStore("outbox"));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// Takes the lease as the page does: read, decide, write, in one transaction.
function takeLease(db, rules, key) {
  return inTransaction(db, ({ outbox }, done) =>
    read(outbox, key, (text) => {
      const leased = typeof text === "string" ? rules.lease(text, Date.now()) : undefined;
      if (leased) {
        outbox.put(leased, key);
        done(leased);
      }
    }),
  );
}

// Removes the entry and stores the registration's new record, together.
function settleEntry(db, rules, key, entry, resolution) {
  return inTransaction(db, ({ outbox, registrations }) => {
    const id = rules.registration_id(entry);
    read(registrations, id, (current) => {
      const record = rules.settle(entry, resolution, typeof current === "string" ? current : undefined, Date.now());
      if (record) registrations.put(record, id);
      outbox.delete(key);
    });
  });
}

async function send(wire) {
  try {
    const headers = wire.body === null ? {} : { "Content-Type": "application/json" };
    const response = await fetch(wire.path, { method: wire.method, headers, body: wire.body ?? undefined, signal: AbortSignal.timeout(20_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: "" };
  }
}

// One pass over the outbox; resolves with true when entries wait for a retry.
let delivering;
function deliverOutbox() {
  delivering ||= deliverOnce().finally(() => (delivering = undefined));
  return delivering;
}

async function deliverOnce() {
  const db = await openAppDatabase();
  if (!db) return false;
  try {
    const keys = await readOutbox(db, (outbox) => outbox.getAllKeys());
    if (keys.length === 0) return false;
    const rules = await loadOutboxRules();
    let left = false;
    let changed = false;
    for (const key of keys) {
      const current = await readOutbox(db, (outbox) => outbox.get(key)).catch(() => undefined);
      if (typeof current !== "string") continue;
      const expired = rules.expired(current, Date.now());
      if (expired) {
        await settleEntry(db, rules, key, current, expired);
        changed = true;
        continue;
      }
      const leased = await takeLease(db, rules, key);
      if (!leased) {
        // Held by a page (perhaps closed while sending): try again later.
        if (rules.waiting(current, Date.now())) left = true;
        continue;
      }
      const wire = JSON.parse(rules.request(leased));
      const reply = await send(wire);
      const outcome = JSON.parse(rules.answer(leased, reply.status, reply.body, Date.now(), Math.random()));
      if (outcome.retry) {
        await inTransaction(db, ({ outbox }) => outbox.put(JSON.stringify(outcome.retry), key));
        left = true;
      } else {
        await settleEntry(db, rules, key, leased, JSON.stringify(outcome.done));
      }
      changed = true;
    }
    if (changed) {
      const windows = await self.clients.matchAll({ type: "window" });
      windows.forEach((client) => client.postMessage({ type: "FLUSH_OUTBOX" }));
    }
    return left;
  } finally {
    db.close();
  }
}

// The worker starting is a trigger too (after everything above is defined).
deliverOutbox().catch(() => undefined);
