// Proxinum service worker. `scripts/sw-precache.mjs` (a Trunk post_build
// hook) fills VERSION and PRECACHE with the hashed files of the build.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `proxinum-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

// A new version waits until the app asks for it ("Nouvelle version — recharger"),
// so that a form being typed is never lost to a sudden reload.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
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
  if (request.mode === "navigate") {
    event.respondWith(navigation(event));
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
// that points at the old version's files.
async function navigation(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const refresh = fetch(request).then(async (response) => {
    const type = response.headers.get("content-type") || "";
    if (response.ok && response.type === "basic" && type.startsWith("text/html")) {
      await cache.put(request, response.clone());
    }
    return response;
  });
  event.waitUntil(refresh.catch(() => undefined));
  const hit = (await cache.match(request)) || (await cache.match("/index.html"));
  return hit || refresh;
}

// Where Background Sync exists (Chromium), it is one more trigger for the
// app's own outbox: the page does the sending.
self.addEventListener("sync", (event) => {
  if (event.tag === "proxinum-outbox") {
    event.waitUntil(
      self.clients.matchAll({ type: "window" }).then((clients) => clients.forEach((c) => c.postMessage({ type: "FLUSH_OUTBOX" }))),
    );
  }
});
