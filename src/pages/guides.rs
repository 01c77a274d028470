//! "Guides": the shared list by need, with where the resident stopped on
//! this device.

use leptos::prelude::*;
use proxinum_views::guides::{progress_text, GuideList};

use crate::components::freshness::CatalogPending;
use crate::platform::dom;
use crate::state::catalog::use_catalog;
use crate::state::settings::recall;

#[component]
pub fn Guides() -> impl IntoView {
    dom::set_title("Guides");
    let catalog = use_catalog();
    view! {
        <h1>"Guides"</h1>
        <p class="lead">"Des guides pas à pas, à lire à votre rythme, même sans réseau."</p>
        {move || match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => {
                let guides = loaded.catalog.guides.clone();
                let progress = guides
                    .iter()
                    .filter_map(|g| {
                        let step = recall(&format!("guide.{}", g.id))?.parse::<usize>().ok()?;
                        Some((g.id.clone(), progress_text(step, g.etapes.len())))
                    })
                    .collect();
                view! { <GuideList guides=guides progress=progress/> }.into_any()
            }
        }}
    }
}
