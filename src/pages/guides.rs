//! "Guides": step-by-step guides, listed by need.

use leptos::prelude::*;
use leptos_router::components::A;
use proxinum_core::guide::GuideNeed;

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
            Some(loaded) => GuideNeed::ALL.into_iter().filter_map(|need| {
                let guides: Vec<_> = loaded.catalog.guides.iter().filter(|g| g.besoin == need).cloned().collect();
                (!guides.is_empty()).then(|| view! {
                    <section>
                        <h2>{need.label()}</h2>
                        <ul class="card-list">
                            {guides.into_iter().map(|g| {
                                let done = recall(&format!("guide.{}", g.id)).and_then(|s| s.parse::<usize>().ok());
                                let progress = done.map(|step| if step >= g.etapes.len() { "Lu jusqu'au bout".to_string() } else { format!("Repris à l'étape {}", step + 1) });
                                view! {
                                    <li>
                                        <article class="card">
                                            <h3 class="card-title"><A href=format!("/guides/{}", g.id)>{g.titre.clone()}</A></h3>
                                            <p class="card-meta">{format!("{} étapes · environ {} minutes", g.etapes.len(), g.duree_minutes)}</p>
                                            <p>{g.pour.clone()}</p>
                                            {progress.map(|p| view! { <p class="hint">{p}</p> })}
                                        </article>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }).collect_view().into_any(),
        }}
    }
}
