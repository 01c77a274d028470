//! Réglages → Diagnostic: what the app knows about itself on this device,
//! for the médiateur helping a resident (`core::diagnostic` writes the
//! text; nothing personal in it). "Copier le diagnostic" copies it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::diagnostic::{report, Facts};
use wasm_bindgen_futures::JsFuture;

use crate::platform::{dom, error_log, focus, service_worker};
use crate::state::catalog::use_catalog;
use crate::state::settings::use_settings;
use crate::storage;

#[component]
pub fn Diagnostic() -> impl IntoView {
    dom::set_title("Diagnostic");
    let settings = use_settings();
    let catalog = use_catalog();
    let text = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<&'static str>);
    let gather = move || {
        spawn_local(async move {
            let (territory, kiosk) = settings.with_untracked(|s| (s.territoire.clone(), s.is_kiosk()));
            let territory = proxinum_core::territory::Territory::of_departement(&territory)
                .map(|t| format!("{} ({})", t.nom, t.code))
                .unwrap_or(territory);
            let data = catalog.loaded.with_untracked(|loaded| match loaded {
                Some(l) => {
                    let mut data = vec![format!(
                        "Données : {} lieux, {} ateliers, {} guides",
                        l.catalog.lieux.len(),
                        l.catalog.ateliers.len(),
                        l.catalog.guides.len()
                    )];
                    data.extend(l.catalog.places_date_text());
                    data.extend(l.catalog.national_check_text());
                    data
                }
                None => vec!["Données : pas encore sur cet appareil".into()],
            });
            let (outbox, registrations) = match storage::db().await {
                Ok(db) => (
                    storage::outbox::entries(&db).await.unwrap_or_default(),
                    storage::outbox::my_registrations(&db).await.unwrap_or_default(),
                ),
                Err(_) => (Vec::new(), Vec::new()),
            };
            let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
            let facts = Facts {
                version: env!("CARGO_PKG_VERSION").into(),
                build: dom::build_name(),
                now: js_sys::Date::now() as i64,
                territory,
                data,
                service_worker: service_worker::state_text(),
                network: if online { "connecté".into() } else { "hors ligne".into() },
                storage: dom::storage_estimate().await,
                kiosk,
                outbox,
                registrations,
                errors: error_log::all(),
            };
            text.set(Some(report(&facts)));
        });
    };
    // Again once the catalog is read from the device (it may come after).
    Effect::new(move |_| {
        catalog.loaded.track();
        gather();
    });
    let copy = move |_| {
        let Some(report) = text.get_untracked() else { return };
        spawn_local(async move {
            let done = match web_sys::window() {
                Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&report)).await.is_ok(),
                None => false,
            };
            let message = if done { "Diagnostic copié." } else { "La copie n'a pas marché : sélectionnez le texte ci-dessous." };
            copied.set(Some(message));
            focus::announce(message);
        });
    };
    view! {
        <h1>"Diagnostic"</h1>
        <p>"Ces informations aident la personne qui vous accompagne à comprendre un problème. Elles ne contiennent ni votre nom ni vos coordonnées."</p>
        <div class="actions">
            <button type="button" class="button" on:click=copy disabled=move || text.with(Option::is_none)>"Copier le diagnostic"</button>
            <button type="button" class="button button-secondary" on:click=move |_| gather()>"Actualiser"</button>
        </div>
        <p class="hint">{move || copied.get()}</p>
        {move || match text.get() {
            Some(report) => view! { <pre class="diagnostic" tabindex="0" aria-label="Diagnostic">{report}</pre> }.into_any(),
            None => view! { <p>"Lecture de l'appareil…"</p> }.into_any(),
        }}
    }
}
