//! "Données du 1er décembre 2022" and whether they were just updated.

use leptos::prelude::*;
use proxinum_core::time;

use crate::state::catalog::{use_catalog, Freshness};

#[component]
pub fn DataFreshness() -> impl IntoView {
    let catalog = use_catalog();
    let date = move || {
        catalog.loaded.with(|l| l.as_ref().and_then(|l| l.catalog.donnees_du)).map(|d| format!("Données du {}", time::short_date(d)))
    };
    let note = move || match catalog.freshness.get() {
        Freshness::Updated => Some("Mise à jour appliquée"),
        Freshness::FromDevice => Some("Copie enregistrée sur cet appareil"),
        _ => None,
    };
    view! {
        <p class="freshness" aria-live="polite">
            {date}
            {move || note().map(|n| view! { <span class="freshness-note">" · " {n}</span> })}
        </p>
    }
}

/// Shown when there is nothing to show yet.
#[component]
pub fn CatalogPending() -> impl IntoView {
    let catalog = use_catalog();
    view! {
        {move || match catalog.freshness.get() {
            Freshness::Unavailable => view! {
                <div class="notice notice-warning" role="alert">
                    <p><strong>"Pas de connexion."</strong></p>
                    <p>"Proxinum a besoin d'internet une première fois pour charger les lieux et les ateliers. Ensuite, il marche sans réseau."</p>
                </div>
            }.into_any(),
            _ => view! { <p class="loading" role="status">"Chargement des lieux…"</p> }.into_any(),
        }}
    }
}
