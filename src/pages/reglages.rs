//! "Réglages et à propos".

use leptos::prelude::*;

#[component]
pub fn Reglages() -> impl IntoView {
    view! {
        <h1>"Réglages"</h1>
    }
}
