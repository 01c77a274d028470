// Loads the app's wasm. An external module (not an inline script) so that the
// Content-Security-Policy can forbid inline scripts.
const boot = document.getElementById("proxinum-boot");
// The server's page is readable without the app: let it paint before the app
// takes the network (its wasm is most of the first visit's bytes). A hidden
// tab paints no frame; the timer starts the app there all the same.
const painted = () =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, 200);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
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
