//! The guide reader: one step per screen (or every step as a list), the
//! step reached kept on the device, "Lire à voix haute" where the browser
//! can speak, then what to do if it goes wrong and where to get help.

use leptos::prelude::*;
use leptos_router::components::A;
use proxinum_core::guide::{Block, Guide, Step};
use proxinum_core::nearest::PlaceIndex;
use proxinum_core::session;

use crate::components::catalog_item::{with_catalog_item, ItemMissing};
use crate::components::place_card::PlaceCard;
use crate::components::qr::QrCode;
use crate::net;
use crate::components::session_card::SessionCard;
use crate::platform::{self, dom, speech};
use crate::state::catalog::{use_catalog, Loaded};
use crate::state::settings::{recall, remember, use_settings};

#[component]
pub fn GuideReader() -> impl IntoView {
    with_catalog_item(|loaded, id| match loaded.catalog.guide(&id).cloned() {
        None => view! { <ItemMissing title="Guide introuvable" back_href="/guides" back_label="Voir les guides"/> }.into_any(),
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
fn Blocks(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraphe(p) => view! { <p>{p}</p> }.into_any(),
            Block::Liste(items) => view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any(),
        })
        .collect_view()
}

#[component]
fn Reader(guide: Guide, loaded: std::sync::Arc<Loaded>) -> impl IntoView {
    dom::set_title(&guide.titre);
    let key = format!("guide.{}", guide.id);
    let total = guide.etapes.len();
    // 0 = "Avant de commencer"; 1..=total = steps; total + 1 = the end.
    let saved = recall(&key).and_then(|s| s.parse::<usize>().ok()).unwrap_or(0).min(total + 1);
    let position = RwSignal::new(saved);
    let all_at_once = RwSignal::new(false);
    let can_speak = speech::available();
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    Effect::new(move |_| remember(&key, &position.get().to_string()));
    on_cleanup(speech::stop);

    let steps = guide.etapes.clone();
    let before = guide.avant.clone();
    let help = guide.si_probleme.clone();
    let read_aloud = {
        let (steps, before, help) = (steps.clone(), before.clone(), help.clone());
        move |_| {
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
    let go = move |to: usize| {
        speech::stop();
        position.set(to);
        dom::focus_main();
    };

    view! {
        <p class="back"><A href="/guides">"← Tous les guides"</A></p>
        <h1>{guide.titre.clone()}</h1>
        <p class="card-meta">{format!("{} · environ {} minutes", guide.pour, guide.duree_minutes)}</p>
        <div class="actions">
            {can_speak.then(|| view! { <button type="button" class="button button-secondary" on:click=read_aloud.clone()>"Lire à voix haute"</button> })}
            <button type="button" class="button button-secondary" aria-pressed=move || all_at_once.get().to_string() on:click=move |_| all_at_once.update(|a| *a = !*a)>
                {move || if all_at_once.get() { "Une étape à la fois" } else { "Voir toutes les étapes" }}
            </button>
        </div>
        {move || if all_at_once.get() {
            view! {
                <section class="panel"><h2>"Avant de commencer"</h2><Blocks blocks=before.clone()/></section>
                <ol class="steps">
                    {steps.iter().map(|s| view! { <li><h2>{s.titre.clone()}</h2><Blocks blocks=s.contenu.clone()/></li> }).collect_view()}
                </ol>
                <section class="panel"><h2>"Si ça ne marche pas"</h2><Blocks blocks=help.clone()/></section>
            }.into_any()
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
                        <section class="panel step" aria-live="polite">
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
    let (upcoming, _) = session::split_past_upcoming(&loaded.catalog.ateliers, now);
    let sessions: Vec<_> = upcoming.into_iter().filter(|s| s.themes.iter().any(|t| guide.themes.contains(t))).take(3).cloned().collect();
    let places: Vec<_> = loaded.catalog.lieux.iter().filter(|p| p.services.iter().any(|s| guide.services.contains(s))).take(3).cloned().collect();
    let index: &PlaceIndex = &loaded.index;
    let availability = use_catalog().availability;
    view! {
        {(!sessions.is_empty()).then(|| view! {
            <section>
                <h2>"Des ateliers sur ce sujet"</h2>
                <ul class="card-list">
                    {sessions.into_iter().map(|s| {
                        let seats = availability.with_untracked(|a| a.iter().find(|x| x.id == s.id).cloned());
                        view! { <li><SessionCard session=s catalog=loaded.clone() seats=seats/></li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section>
            <h2>"Des lieux pour vous aider"</h2>
            <p><A href="/">"Trouver le lieu le plus proche de chez vous"</A></p>
            {(!places.is_empty()).then(|| view! {
                <ul class="card-list">
                    {places.into_iter().map(|p| {
                        let state = index.open_state(&p.id, now);
                        view! { <li><PlaceCard place=p state=state now=now/></li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
