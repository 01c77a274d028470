//! "Données du 1er décembre 2022" (and "Mis à jour le …") with what the app knows of its copy, and
//! what to show while there is nothing yet.

use leptos::prelude::*;
use proxinum_views::shell::Freshness;

use crate::state::catalog::{use_catalog, Freshness as State};

#[component]
pub fn DataFreshness() -> impl IntoView {
    let catalog = use_catalog();
    let date = Signal::derive(move || catalog.loaded.with(|l| l.as_ref().and_then(|l| l.catalog.donnees_du)));
    let updated = Signal::derive(move || catalog.loaded.with(|l| l.as_ref().and_then(|l| l.catalog.mis_a_jour_le)));
    let note = Signal::derive(move || match catalog.freshness.get() {
        State::Updated => Some("Mise à jour appliquée"),
        State::FromDevice => Some("Copie enregistrée sur cet appareil"),
        _ => None,
    });
    view! { <Freshness date=date updated=updated note=note/> }
}

/// Shown when there is nothing to show yet.
#[component]
pub fn CatalogPending() -> impl IntoView {
    let catalog = use_catalog();
    view! {
        {move || match catalog.freshness.get() {
            State::Unavailable => view! {
                <div class="notice notice-warning" role="alert">
                    <p><strong>"Pas de connexion."</strong></p>
                    <p>"Proxinum a besoin d'internet une première fois pour charger les lieux et les ateliers. Ensuite, il marche sans réseau."</p>
                </div>
            }.into_any(),
            _ => view! { <p class="loading" role="status">"Chargement des lieux…"</p> }.into_any(),
        }}
    }
}
