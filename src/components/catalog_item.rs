//! The frame of a page about one item of the catalog (a place, a workshop,
//! a guide): the route's `:id`, a wait while the catalog loads, and a plain
//! "introuvable" page when no item has that id.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::freshness::CatalogPending;
use crate::platform::dom;
use crate::state::catalog::{use_catalog, Loaded};

/// Renders `show` with the loaded catalog and the route's `:id`; until the
/// catalog is there, says it is loading (or that the network is needed).
pub fn with_catalog_item(show: impl Fn(Arc<Loaded>, String) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    let route = crate::app::route_id();
    let catalog = use_catalog();
    move || {
        let id = route.get();
        match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => show(loaded, id),
        }
    }
}

/// The page for an id the catalog does not hold (the same markup as the
/// server's 404), with the tab title set. When the server has just shown
/// this item (it knows every territory, the device only its own), its page
/// is kept rather than replaced by "introuvable".
pub fn item_missing(title: &'static str, back_href: &'static str, back_label: &'static str, detail: Option<&'static str>) -> AnyView {
    use proxinum_views::privacy::ItemMissing;
    if !crate::takeover::hold() {
        dom::set_title(title);
    }
    match detail {
        Some(detail) => view! { <ItemMissing title=title back_href=back_href back_label=back_label detail=detail/> }.into_any(),
        None => view! { <ItemMissing title=title back_href=back_href back_label=back_label/> }.into_any(),
    }
}
