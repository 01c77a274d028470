//! "Mes inscriptions": the resident's registrations, sent or waiting.

use leptos::prelude::*;

#[component]
pub fn Inscriptions() -> impl IntoView {
    view! {
        <h1>"Mes inscriptions"</h1>
        <p>"Vous n'avez pas encore d'inscription."</p>
    }
}
