//! The privacy notice (shared view), with the retention of the catalog.

use leptos::prelude::*;
use proxinum_views::privacy::Privacy as PrivacyView;

use crate::platform::dom;
use crate::state::catalog::use_catalog;

#[component]
pub fn Privacy() -> impl IntoView {
    dom::set_title("Vos données");
    let catalog = use_catalog();
    let days = Signal::derive(move || catalog.loaded.with(|l| l.as_ref().map(|l| l.catalog.conservation_jours).unwrap_or(30)));
    view! { <PrivacyView retention_days=days/> }
}
