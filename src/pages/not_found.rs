//! The page for an address the app does not know (shared view).

use leptos::prelude::*;

use crate::platform::dom;

#[component]
pub fn NotFound() -> impl IntoView {
    dom::set_title("Page introuvable");
    view! { <proxinum_views::privacy::NotFound/> }
}
