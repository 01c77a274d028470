//! Delivers the outbox. Decisions (due, expired, retry, final) are made by
//! `proxinum_core::outbox`; this module only reacts to triggers: app start,
//! the network coming back, a timer (backoff), the "Réessayer" button, and
//! the service worker's message after it delivered entries itself (it does
//! so with the app closed, with the same rules and lease).

use std::cell::RefCell;

use leptos::prelude::Update;
use leptos::task::spawn_local;
use proxinum_core::outbox::{Entry, MyRegistration, MyStatus, Reply, Resolution, Step};
use wasm_bindgen::JsCast;

use crate::net;
use crate::platform::error_log;
use crate::state::registrations::{self, Registrations};
use crate::state::settings::Settings;
use crate::storage;

#[derive(Default)]
struct Driver {
    running: bool,
    /// A trigger arrived during a pass: run again (forced if any was).
    again: Option<bool>,
    /// Only the latest scheduled wake-up acts; older ones find a newer number.
    timer_generation: u32,
    ui: Option<Registrations>,
}

thread_local! {
    static DRIVER: RefCell<Driver> = RefCell::new(Driver::default());
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Connects the driver to the page's lists and delivers what is pending,
/// in a task of its own after the app's mount: the page comes first, and
/// the browser compiles the delivery code apart from it (issue 14 note).
pub fn init(ui: Registrations) {
    DRIVER.with(|d| d.borrow_mut().ui = Some(ui));
    crate::platform::dom::in_next_task(|| trigger(true));
}

/// Asks for a delivery pass. `forced` ignores the backoff (network back,
/// app start, "Réessayer"), never the lease nor the expiry.
pub fn trigger(forced: bool) {
    let start = DRIVER.with(|d| {
        let mut d = d.borrow_mut();
        if d.running {
            d.again = Some(d.again.unwrap_or(false) || forced);
            false
        } else {
            d.running = true;
            true
        }
    });
    if start {
        spawn_local(run(forced));
    }
}

async fn run(mut forced: bool) {
    loop {
        pass(forced).await;
        let again = DRIVER.with(|d| d.borrow_mut().again.take());
        match again {
            Some(f) => forced = f,
            None => break,
        }
    }
    DRIVER.with(|d| d.borrow_mut().running = false);
    schedule_next().await;
    if let Some(ui) = DRIVER.with(|d| d.borrow().ui) {
        registrations::reload(ui);
    }
}

async fn pass(forced: bool) {
    let Ok(db) = storage::db().await else { return };
    let Ok(entries) = storage::outbox::entries(&db).await else { return };
    for entry in entries {
        if let Some(Step::Done(resolution)) = entry.expire(now()) {
            let _ = settle(&db, &entry, resolution).await;
            continue;
        }
        if !entry.is_due(now(), forced) {
            continue;
        }
        let Ok(Some(mut leased)) = storage::outbox::take_lease(&db, &entry.cle, now(), forced).await else { continue };
        let reply = net::deliver(&leased).await;
        let no_answer = matches!(reply, Reply::Network(_));
        match leased.finish(reply, now(), js_sys::Math::random()) {
            Step::Retry => {
                // A lost network is ordinary; a server that answers badly is worth noting.
                if let (false, Some(error)) = (no_answer, &leased.derniere_erreur) {
                    error_log::record("envoi", error);
                }
                let _ = storage::outbox::save_entry(&db, &leased).await;
            }
            Step::Done(resolution) => {
                if let Some(message) = resolution.refusal() {
                    error_log::record("inscription", &MyStatus::Refusee { message }.label());
                }
                if let Err(error) = settle(&db, &leased, resolution).await {
                    error_log::record("stockage", &format!("Réponse du serveur non enregistrée : {error}"));
                }
            }
        }
    }
}

/// Records an entry's final answer and removes the entry, in one
/// transaction. A kiosk keeps nothing once the answer is in.
async fn settle(db: &storage::Db, entry: &Entry, resolution: Resolution) -> storage::Result<()> {
    let id = entry.registration_id().to_string();
    let current = storage::records::get::<MyRegistration>(db, storage::REGISTRATIONS, &id).await?;
    let mine = MyRegistration::settled(current, entry, &resolution, now());
    if Settings::load().is_kiosk() {
        storage::outbox::resolve(db, &entry.cle, None).await?;
        if let (Some(ui), Some(mine)) = (DRIVER.with(|d| d.borrow().ui), mine) {
            ui.recent.update(|recent| {
                recent.retain(|r| r.id != mine.id);
                recent.push(mine);
            });
        }
        storage::outbox::forget_mine(db, &id).await
    } else {
        storage::outbox::resolve(db, &entry.cle, mine.as_ref()).await
    }
}

/// Wakes up for the next retry or expiry.
async fn schedule_next() {
    let Ok(db) = storage::db().await else { return };
    let Ok(entries) = storage::outbox::entries(&db).await else { return };
    let Some(at) = entries.iter().map(|e| e.prochain_essai.min(e.expire_le)).min() else { return };
    let delay = (at - now()).clamp(1_000, 10 * 60_000) as i32;
    let generation = DRIVER.with(|d| {
        let mut d = d.borrow_mut();
        d.timer_generation = d.timer_generation.wrapping_add(1);
        d.timer_generation
    });
    // Owned by JavaScript until it runs: never called after being dropped.
    let wake = wasm_bindgen::closure::Closure::once_into_js(move || {
        if DRIVER.with(|d| d.borrow().timer_generation) == generation {
            trigger(false);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(wake.unchecked_ref(), delay);
    }
}

/// Where Background Sync exists, asks the browser to wake the service worker
/// when the network returns, even with every page closed: the worker then
/// sends what waits itself (`public/sw-template.js`, same rules and lease).
pub fn request_background_sync() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let Ok(ready) = navigator.service_worker().ready() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else { return };
        let Ok(sync) = js_sys::Reflect::get(&registration, &"sync".into()) else { return };
        if sync.is_undefined() {
            return;
        }
        let Ok(register) = js_sys::Reflect::get(&sync, &"register".into()) else { return };
        if let Some(register) = register.dyn_ref::<js_sys::Function>() {
            let _ = register.call1(&sync, &"proxinum-outbox".into());
        }
    });
}
