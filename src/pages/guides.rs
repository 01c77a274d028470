//! "Guides": step-by-step guides.

use leptos::prelude::*;

#[component]
pub fn Guides() -> impl IntoView {
    view! {
        <h1>"Guides"</h1>
        <p>"Des guides pas à pas, à lire à votre rythme."</p>
    }
}
