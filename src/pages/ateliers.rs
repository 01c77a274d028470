//! "Ateliers": upcoming workshops.

use leptos::prelude::*;

#[component]
pub fn Ateliers() -> impl IntoView {
    view! {
        <h1>"Ateliers"</h1>
        <p>"Les prochains ateliers près de chez vous."</p>
    }
}
