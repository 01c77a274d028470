//! Guides: the list by need, a guide's steps, and what helps next
//! (workshops on the subject, places nearby).

use leptos::prelude::*;
use proxinum_core::guide::{Block, Guide, GuideNeed};
use proxinum_core::hours::OpenState;
use proxinum_core::place::Place;

use crate::place_card::PlaceCard;
use crate::session_card::{SessionCards, SessionItem};

/// Every guide, grouped by need. `progress` gives, for a guide id, where the
/// resident stopped on this device ("Repris à l'étape 3"); the server has none.
#[component]
pub fn GuideList(guides: Vec<Guide>, progress: Vec<(String, String)>) -> impl IntoView {
    GuideNeed::ALL
        .into_iter()
        .filter_map(|need| {
            let in_need: Vec<_> = guides.iter().filter(|g| g.besoin == need).cloned().collect();
            (!in_need.is_empty()).then(|| {
                let cards = in_need
                    .into_iter()
                    .map(|g| {
                        let note = progress.iter().find(|(id, _)| *id == g.id).map(|(_, text)| text.clone());
                        view! {
                            <li>
                                <article class="card">
                                    <h3 class="card-title"><a href=format!("/guides/{}", g.id)>{g.titre.clone()}</a></h3>
                                    <p class="card-meta">{format!("{} étapes · environ {} minutes", g.etapes.len(), g.duree_minutes)}</p>
                                    <p>{g.pour.clone()}</p>
                                    {note.map(|p| view! { <p class="hint">{p}</p> })}
                                </article>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section>
                        <h2>{need.label()}</h2>
                        <ul class="card-list">{cards}</ul>
                    </section>
                }
            })
        })
        .collect_view()
}

/// "Lu jusqu'au bout" / "Repris à l'étape 3" from the step reached (0 is
/// "Avant de commencer", `total + 1` the end).
pub fn progress_text(step: usize, total: usize) -> String {
    if step >= total {
        "Lu jusqu'au bout".to_string()
    } else {
        format!("Repris à l'étape {}", step + 1)
    }
}

/// Paragraphs and lists of a guide.
#[component]
pub fn Blocks(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraphe(p) => view! { <p>{p}</p> }.into_any(),
            Block::Liste(items) => view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any(),
        })
        .collect_view()
}

/// The top of a guide: way back, title, length, and the reader's buttons.
#[component]
pub fn GuideHeading(
    guide: Guide,
    can_speak: bool,
    all_at_once: Signal<bool>,
    on_speak: Callback<()>,
    on_toggle: Callback<()>,
) -> impl IntoView {
    view! {
        <p class="back"><a href="/guides">"← Tous les guides"</a></p>
        <h1>{guide.titre.clone()}</h1>
        <p class="card-meta">{format!("{} · environ {} minutes", guide.pour, guide.duree_minutes)}</p>
        // The server shows every step; reading aloud and one step at a time
        // need the app (`app-seulement`: not shown on the server's page).
        <div class="actions app-seulement">
            {can_speak.then(|| view! { <button type="button" class="button button-secondary" on:click=move |_| on_speak.run(())>"Lire à voix haute"</button> })}
            <button type="button" class="button button-secondary" aria-pressed=move || all_at_once.get().to_string() on:click=move |_| on_toggle.run(())>
                {move || if all_at_once.get() { "Une étape à la fois" } else { "Voir toutes les étapes" }}
            </button>
        </div>
    }
}

/// Every step on one page.
#[component]
pub fn AllSteps(guide: Guide) -> impl IntoView {
    view! {
        <section class="panel"><h2>"Avant de commencer"</h2><Blocks blocks=guide.avant.clone()/></section>
        <ol class="steps">
            {guide.etapes.iter().map(|s| view! { <li><h2>{s.titre.clone()}</h2><Blocks blocks=s.contenu.clone()/></li> }).collect_view()}
        </ol>
        <section class="panel"><h2>"Si ça ne marche pas"</h2><Blocks blocks=guide.si_probleme.clone()/></section>
    }
}

/// Workshops on the guide's themes, and places offering its services.
#[component]
pub fn GuideRelated(
    sessions: Vec<SessionItem>,
    places: Vec<(Place, Option<OpenState>)>,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    view! {
        {(!sessions.is_empty()).then(|| view! {
            <section>
                <h2>"Des ateliers sur ce sujet"</h2>
                <SessionCards items=sessions/>
            </section>
        })}
        <section>
            <h2>"Des lieux pour vous aider"</h2>
            <p class="link-line"><a href="/">"Trouver le lieu le plus proche de chez vous"</a></p>
            {(!places.is_empty()).then(|| view! {
                <ul class="card-list">
                    {places.into_iter().map(|(p, state)| view! { <li><PlaceCard place=p state=state now=now/></li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}
