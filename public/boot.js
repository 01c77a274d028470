// Loads the app's wasm. An external module (not an inline script) so that the
// Content-Security-Policy can forbid inline scripts.
const boot = document.getElementById("proxinum-boot");
try {
  performance.mark("proxinum:boot");
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
