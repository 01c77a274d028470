//! The page for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"Page introuvable"</h1>
        <p>"Cette adresse ne correspond à aucune page de Proxinum."</p>
        <p><A href="/">"Revenir à l'accueil"</A></p>
    }
}
