//! "Autour de moi": the nearest places that can help.

use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1>"Autour de moi"</h1>
        <p>"Trouvez un lieu près de chez vous pour vous aider avec le numérique."</p>
    }
}
