//! Proxinum, the resident app: a Leptos client-side app compiled to wasm.
//!
//! - `app`: router and shell; `pages/`: one module per page;
//!   `organiser_app`: the organisers' app (a second wasm, `start_organiser`);
//!   `kiosk_app`: the kiosk set-up (a third wasm, `start_kiosk_setup`);
//!   `components/`: reusable pieces of interface.
//! - `state/`: what the pages share (catalog, settings, registrations).
//! - `storage/`: the only module that touches IndexedDB.
//! - `net/`: the only module that knows the server's URLs.
//! - `sync/`: delivers the outbox (decisions in `proxinum_core::outbox`).
//! - `platform/`: thin wrappers over browser APIs.

#![cfg(target_arch = "wasm32")]

mod app;
mod components;
mod kiosk_app;
mod navigation;
mod net;
mod organiser_app;
mod pages;
mod platform;
mod state;
pub mod storage;
mod sync;
mod takeover;

/// Mounts the residents' app.
pub fn start() {
    platform::error_log::record_panics();
    platform::dom::mark("proxinum:wasm-demarre");
    platform::dom::remove_boot_message();
    state::settings::apply_to_document(&state::settings::Settings::load());
    // Starting the module was one task; mounting is the next one.
    platform::dom::in_next_task(mount);
}

fn mount() {
    match takeover::prepare() {
        takeover::Start::Shell => {
            leptos::mount::mount_to_body(app::App);
            takeover::mark_running();
        }
        takeover::Start::Beside(host) => leptos::mount::mount_to(host, app::App).forget(),
        // An answer to a posted form stays as the server wrote it.
        takeover::Start::Keep => {}
    }
    platform::dom::mark("proxinum:monte");
    platform::service_worker::register();
}

/// Mounts the organisers' app (`/organisateur`). It registers no service
/// worker: the residents' app does, with its own files only.
pub fn start_organiser() {
    start_page_app(organiser_app::OrganiserApp);
}

/// Mounts the kiosk set-up (`/kiosque`). Unlike the organisers' app, it
/// registers the residents' service worker: the tablet will be a kiosk,
/// which must work offline, and the worker installs while staff fill the
/// form rather than after it (a tablet set up on its first visit).
pub fn start_kiosk_setup() {
    start_page_app(kiosk_app::KioskSetupApp);
    platform::service_worker::register();
}

/// Mounts an app that is a page of its own: no server page to take over.
fn start_page_app<V: leptos::prelude::IntoView + 'static>(app: fn() -> V) {
    platform::error_log::record_panics();
    platform::dom::remove_boot_message();
    state::settings::apply_to_document(&state::settings::Settings::load());
    leptos::mount::mount_to_body(app);
    takeover::mark_running();
}
