//! Registers the service worker (release builds only: in development a cache
//! would hide every change) and tells when a new version is waiting.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static UPDATE_WAITING: RwSignal<bool> = RwSignal::new(false);
}

/// True once a new version is installed and waiting.
pub fn use_update_waiting() -> RwSignal<bool> {
    UPDATE_WAITING.with(|s| *s)
}

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Not every browser (or an insecure origin) has service workers.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?.then(|| navigator.service_worker())
}

pub fn register() {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else { return };
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        watch_for_updates(&container, &registration);
    });
}

fn watch_for_updates(container: &web_sys::ServiceWorkerContainer, registration: &web_sys::ServiceWorkerRegistration) {
    // Only an update (a page already controlled) is worth announcing.
    let has_controller = container.controller().is_some();
    if has_controller && registration.waiting().is_some() {
        use_update_waiting().set(true);
    }
    let reg = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else { return };
        let worker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller {
                use_update_waiting().set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();

    // When the new worker takes over, reload once to run the new version.
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if has_controller {
            crate::platform::dom::reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();
}

/// Asks the waiting worker to take over; the page reloads when it has.
pub fn apply_update() {
    post_once_ready("SKIP_WAITING", web_sys::ServiceWorkerRegistration::waiting);
}

/// `{type: kind}`, what the worker's messages look like.
fn message(kind: &str) -> js_sys::Object {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    message
}

/// Once a worker is active, posts `{type: kind}` to the worker `pick`
/// names (the waiting one, the active one), if there is one.
fn post_once_ready(kind: &'static str, pick: fn(&web_sys::ServiceWorkerRegistration) -> Option<web_sys::ServiceWorker>) {
    let Some(container) = container() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(ready) = container.ready() else { return };
        let Ok(registration) = JsFuture::from(ready).await else { return };
        if let Some(worker) = pick(registration.unchecked_ref()) {
            let _ = worker.post_message(&message(kind));
        }
    });
}

/// Asks the worker to keep the kiosk set-up (`/kiosque`, a wasm of its own
/// that is not precached) for offline use: a kiosk's staff must be able to
/// leave kiosk mode with no network. A kiosk asks at each start; the worker
/// fetches only what it lacks. Sent to the active worker, which may not
/// control the page yet (a tablet's first visit).
pub fn keep_kiosk_setup() {
    post_once_ready("KEEP_KIOSK_SETUP", web_sys::ServiceWorkerRegistration::active);
}

/// Calls `flush` when the service worker relays a background sync.
pub fn on_flush_request(flush: impl Fn() + 'static) {
    let Some(container) = container() else { return };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let kind = js_sys::Reflect::get(&event.data(), &"type".into()).ok().and_then(|v| v.as_string());
        if kind.as_deref() == Some("FLUSH_OUTBOX") {
            flush();
        }
    });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// The worker's state, as a médiateur reads it in the diagnostic.
pub fn state_text() -> String {
    let Some(container) = container() else { return "absent (ce navigateur n'en a pas)".into() };
    let state = if container.controller().is_some() {
        "actif, il garde l'application pour le hors-ligne"
    } else {
        "ne contrôle pas encore cette page (première visite, ou rechargement forcé)"
    };
    let waiting = if use_update_waiting().get_untracked() { " ; une nouvelle version attend" } else { "" };
    format!("{state}{waiting}")
}
