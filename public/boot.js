// Loads the app's wasm. An external module (not an inline script) so that the
// Content-Security-Policy can forbid inline scripts.
const boot = document.getElementById("proxinum-boot");
// The server's page is readable without the app: let its content reach the
// screen (the browser's first-contentful-paint entry) before the app takes
// the network (its wasm is most of a first visit's bytes). A hidden tab
// paints nothing: the timer starts the app there all the same.
const painted = () =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, 300);
    const done = () => { clearTimeout(timer); resolve(); };
    try {
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); done(); }
      }).observe({ type: "paint", buffered: true });
    } catch {
      requestAnimationFrame(() => requestAnimationFrame(done));
    }
  });
// The QR encoder (crates/qr-module, named by the build on this script) is
// loaded the first time the app draws a QR code, which only a kiosk does:
// a phone never downloads it. `proxinumQr(text)` gives the drawing's text,
// or null when the text is too long for a QR code.
let qrModule;
globalThis.proxinumQr = async (text) => {
  qrModule ||= import(boot.dataset.qrJs).then(async (module) => {
    await module.default({ module_or_path: boot.dataset.qrWasm });
    return module;
  });
  try {
    return (await qrModule).draw(text) ?? null;
  } catch (error) {
    qrModule = undefined; // offline before it was kept: try again next time
    throw error;
  }
};
try {
  performance.mark("proxinum:boot");
  if (document.getElementById("rendu-serveur")) await painted();
  const glue = await import(boot.dataset.js);
  performance.mark("proxinum:glue");
  await glue.default({ module_or_path: boot.dataset.wasm });
} catch (error) {
  const message = document.getElementById("chargement");
  if (message) {
    message.textContent = "Proxinum n'a pas pu démarrer. Rechargez la page. Si cela continue, mettez à jour votre navigateur.";
  }
  console.error(error);
}
