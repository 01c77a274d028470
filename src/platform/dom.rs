//! Small DOM helpers.

use wasm_bindgen::JsCast;

/// Removes the "Chargement…" message of index.html once the app runs.
pub fn remove_boot_message() {
    if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("chargement")) {
        element.remove();
    }
}

/// Offers a file to download (an .ics made on the device, offline).
pub fn download(file_name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(link) = document.create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Leaves for `path` as a new document, not a route of the running app:
/// the residents' app and the side apps (`/kiosque`, `/organisateur`) are
/// separate wasm modules.
pub fn open_document(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
}

/// Loads the current address again as a new document.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

pub fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// "Autour de moi — Proxinum": screen readers announce the page by its title.
pub fn set_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} — Proxinum"));
    }
}

/// Lets the browser run what waits (input, painting) before going on: the
/// start-up is cut into several short tasks instead of one long one, which
/// keeps a slow phone's main thread responsive (Total Blocking Time).
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `work` in a task of its own, after the browser has run what waits
/// (see `yield_to_browser`). Usable before Leptos's executor exists.
pub fn in_next_task(work: impl FnOnce() + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        yield_to_browser().await;
        work();
    });
}

/// A named instant of the start-up (`performance.mark`), read by
/// `scripts/startup-probe.mjs` to see where the time goes.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// (used, quota) of the site's storage in bytes, when the browser says.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok().filter(|s| !s.is_undefined())?;
    let estimate = js_sys::Reflect::get(&storage, &"estimate".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = estimate.call0(&storage).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let result = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let number = |key: &str| js_sys::Reflect::get(&result, &key.into()).ok().and_then(|v| v.as_f64());
    Some((number("usage")?, number("quota")?))
}

/// The build's wasm file (it names the deployment exactly).
pub fn build_name() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("proxinum-boot"))
        .and_then(|e| e.get_attribute("data-wasm"))
        .map(|path| path.trim_start_matches('/').to_string())
        .unwrap_or_else(|| "build inconnu".into())
}
