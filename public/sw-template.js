// Proxinum service worker. `scripts/sw-precache.mjs` (a Trunk post_build
// hook) fills VERSION and PRECACHE with the hashed files of the build.
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const CACHE = `proxinum-${VERSION}`;
// A slow rural connection must not leave the resident waiting: after this
// delay a navigation is answered from the cache.
const NAVIGATION_TIMEOUT_MS = 4000;

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
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(navigation(request));
  } else {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});

async function navigation(request) {
  const cached = () => caches.match("/index.html", { cacheName: CACHE });
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (response.ok) return response;
    return (await cached()) || response;
  } catch (error) {
    const hit = await cached();
    if (hit) return hit;
    throw error;
  }
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
