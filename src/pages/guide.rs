//! The guide reader: one step per screen (or every step as a list), the
//! step reached kept on the device, "Lire à voix haute" where the browser
//! can speak, then what to do if it goes wrong and where to get help.

use leptos::prelude::*;
use proxinum_core::guide::{Block, Guide, Step};
use proxinum_core::session;
use proxinum_views::guides::{AllSteps, Blocks, GuideHeading, GuideRelated};
use proxinum_views::links::QrCode;
use proxinum_views::session_list::item;

use crate::components::catalog_item::{item_missing, with_catalog_item};
use crate::net;
use crate::platform::{self, dom, focus, speech};
use crate::state::catalog::{use_catalog, Loaded};
use crate::state::settings::{recall, remember, use_settings};
use crate::takeover;

#[component]
pub fn GuideReader() -> impl IntoView {
    with_catalog_item(|loaded, id| match loaded.catalog.guide(&id).cloned() {
        None => item_missing("Guide introuvable", "/guides", "Voir les guides", None),
        Some(guide) => view! { <Reader guide=guide loaded=loaded/> }.into_any(),
    })
}

fn blocks_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraphe(p) => p.clone(),
            Block::Liste(items) => items.join(". "),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
fn Reader(guide: Guide, loaded: std::sync::Arc<Loaded>) -> impl IntoView {
    dom::set_title(&guide.titre);
    let key = format!("guide.{}", guide.id);
    let total = guide.etapes.len();
    // 0 = "Avant de commencer"; 1..=total = steps; total + 1 = the end.
    let saved = recall(&key).and_then(|s| s.parse::<usize>().ok()).unwrap_or(0).min(total + 1);
    let position = RwSignal::new(saved);
    // A page the server rendered shows every step: keep it that way when the
    // app takes it over, unless the resident had already started the guide.
    let all_at_once = RwSignal::new(takeover::first_page_from_server() && recall(&key).is_none());
    let can_speak = speech::available();
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    Effect::new(move |_| remember(&key, &position.get().to_string()));
    on_cleanup(speech::stop);

    let all_steps_guide = guide.clone();
    let steps = guide.etapes.clone();
    let before = guide.avant.clone();
    let help = guide.si_probleme.clone();
    let read_aloud = {
        let (steps, before, help) = (steps.clone(), before.clone(), help.clone());
        move |_: ()| {
            let text = match position.get_untracked() {
                0 => format!("Avant de commencer. {}", blocks_text(&before)),
                n if n <= total => {
                    let step: &Step = &steps[n - 1];
                    format!("Étape {n} sur {total}. {}. {}", step.titre, blocks_text(&step.contenu))
                }
                _ => format!("Si ça ne marche pas. {}", blocks_text(&help)),
            };
            speech::speak(&text);
        }
    };
    // The step changes under the button: focus stays on the button in the
    // same place (pressing "Suivant" again goes on) and the step is said.
    let go = move |to: usize| {
        speech::stop();
        position.set(to);
        focus::focus_successor(".step-nav .button:last-child");
        focus::announce_text_of(".step h2");
    };

    view! {
        <GuideHeading guide=guide.clone() can_speak=can_speak all_at_once=all_at_once.into() on_speak=Callback::new(read_aloud)
            on_toggle=Callback::new(move |_| all_at_once.update(|a| *a = !*a))/>
        {move || if all_at_once.get() {
            view! { <AllSteps guide=all_steps_guide.clone()/> }.into_any()
        } else {
            let n = position.get();
            let progress = view! {
                <progress max=total + 1 value=n aria-label="Avancement dans le guide"></progress>
            };
            let body = match n {
                0 => view! { <section class="panel step"><h2>"Avant de commencer"</h2><Blocks blocks=before.clone()/></section> }.into_any(),
                n if n <= total => {
                    let step = steps[n - 1].clone();
                    view! {
                        <section class="panel step">
                            <p class="step-count">{format!("Étape {n} sur {total}")}</p>
                            <h2>{step.titre}</h2>
                            <Blocks blocks=step.contenu/>
                        </section>
                    }.into_any()
                }
                _ => view! {
                    <section class="panel step">
                        <p class="step-count">"Vous avez lu tout le guide. Bravo !"</p>
                        <h2>"Si ça ne marche pas"</h2>
                        <Blocks blocks=help.clone()/>
                    </section>
                }.into_any(),
            };
            let nav = view! {
                <div class="step-nav">
                    {(n > 0).then(|| view! { <button type="button" class="button button-secondary" on:click=move |_| go(n - 1)>"Précédent"</button> })}
                    {if n <= total {
                        view! { <button type="button" class="button" on:click=move |_| go(n + 1)>{if n == total { "Terminer" } else if n == 0 { "Commencer" } else { "Suivant" }}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button button-secondary" on:click=move |_| go(0)>"Recommencer"</button> }.into_any()
                    }}
                </div>
            };
            view! { {progress} {body} {nav} }.into_any()
        }}
        <Related guide=guide.clone() loaded=loaded.clone()/>
        {kiosk.then(|| view! { <QrCode url=net::absolute(&format!("/guides/{}", guide.id)) caption="Emporter ce guide sur mon téléphone"/> })}
    }
}

/// Workshops on the guide's themes, and places offering its services.
#[component]
fn Related(guide: Guide, loaded: std::sync::Arc<Loaded>) -> impl IntoView {
    let now = platform::now();
    let seats = use_catalog().availability.get_untracked();
    let (upcoming, _) = session::split_past_upcoming(&loaded.catalog.ateliers, now);
    let sessions = upcoming
        .into_iter()
        .filter(|s| s.themes.iter().any(|t| guide.themes.contains(t)))
        .take(3)
        .map(|s| item(s, &loaded.catalog, &seats))
        .collect();
    let places = loaded
        .catalog
        .lieux
        .iter()
        .filter(|p| p.services.iter().any(|s| guide.services.contains(s)))
        .take(3)
        .map(|p| (p.clone(), loaded.index.open_state(&p.id, now)))
        .collect();
    view! { <GuideRelated sessions=sessions places=places now=now/> }
}
