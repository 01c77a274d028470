//! "Ateliers": upcoming workshops by day, with filters kept in the URL;
//! past workshops on their own page, never mixed with upcoming ones.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use proxinum_core::session::{self, Audience, Theme};
use proxinum_core::session_filter::{by_day, venue_commune, SessionFilter};
use proxinum_core::time;
use proxinum_core::vocab::Vocabulary;

use crate::components::freshness::{CatalogPending, DataFreshness};
use crate::components::session_card::SessionCard;
use crate::platform::{self, dom, url};
use crate::state::catalog::use_catalog;

#[component]
pub fn Ateliers() -> impl IntoView {
    dom::set_title("Ateliers");
    let catalog = use_catalog();
    let location = use_location();
    let navigate = use_navigate();
    let pairs = Memo::new(move |_| url::pairs(&location.search.get()));
    let filter = Memo::new(move |_| pairs.with(|p| SessionFilter::from_query(p.iter().map(|(k, v)| (k.as_str(), v.as_str())))));
    let value = move |key: &'static str| pairs.with(|p| p.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default());

    // Rewrites one key of the URL, keeping the others.
    let set = move |key: &'static str, new: String| {
        let mut kept: Vec<(String, String)> = pairs.get_untracked().into_iter().filter(|(k, _)| k != key).collect();
        if !new.is_empty() {
            kept.push((key.to_string(), new));
        }
        let query: Vec<String> = kept.iter().map(|(k, v)| format!("{k}={}", url::encode(v))).collect();
        let path = if query.is_empty() { "/ateliers".to_string() } else { format!("/ateliers?{}", query.join("&")) };
        navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let set_theme = set.clone();
    let set_public = set.clone();
    let set_commune = set.clone();
    let set_places = set.clone();
    let set_distance = set.clone();

    view! {
        <h1>"Ateliers"</h1>
        <p class="lead">"Des ateliers près de chez vous pour apprendre, gratuits le plus souvent."</p>
        <details class="panel filters" open=move || filter.with(|f| *f != SessionFilter::default())>
            <summary>"Filtres"</summary>
            <div class="field">
                <label for="theme">"Thème"</label>
                <select id="theme" on:change=move |ev| set_theme("theme", event_target_value(&ev))>
                    <option value="" selected=move || value("theme").is_empty()>"Tous les thèmes"</option>
                    {Theme::ALL.iter().map(|t| {
                        let slug = t.slug();
                        let selected = slug.clone();
                        view! { <option value=slug selected=move || value("theme") == selected>{t.label().to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="public-atelier">"Pour qui"</label>
                <select id="public-atelier" on:change=move |ev| set_public("public", event_target_value(&ev))>
                    <option value="" selected=move || value("public").is_empty()>"Tout le monde"</option>
                    {Audience::ALL.iter().filter(|a| **a != Audience::ToutPublic).map(|a| {
                        let slug = a.slug();
                        let selected = slug.clone();
                        view! { <option value=slug selected=move || value("public") == selected>{a.label().to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="commune-atelier">"Commune"</label>
                <select id="commune-atelier" on:change=move |ev| set_commune("commune", event_target_value(&ev))>
                    <option value="" selected=move || value("commune").is_empty()>"Toutes les communes"</option>
                    {move || catalog.loaded.get().map(|l| {
                        let now = platform::now();
                        let mut communes: Vec<String> = l.catalog.ateliers.iter().filter(|s| !s.is_past(now)).map(|s| venue_commune(s, &l.catalog)).filter(|c| !c.is_empty()).collect();
                        communes.sort();
                        communes.dedup();
                        communes.into_iter().map(|c| {
                            let (selected, label) = (c.clone(), c.clone());
                            view! { <option value=c selected=move || value("commune") == selected>{label}</option> }
                        }).collect_view()
                    })}
                </select>
            </div>
            <Show when=move || filter.with(|f| f.position.is_some())>
                <div class="field">
                    <label for="distance">"Distance"</label>
                    <select id="distance" on:change={let set_distance = set_distance.clone(); move |ev| set_distance("distance", event_target_value(&ev))}>
                        <option value="" selected=move || value("distance").is_empty()>"Toutes distances"</option>
                        {[5, 10, 20, 40].into_iter().map(|km| view! {
                            <option value=km.to_string() selected=move || value("distance") == km.to_string()>{format!("À moins de {km} km")}</option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <label class="check" for="places-libres">
                <input type="checkbox" id="places-libres" prop:checked=move || value("places") == "1"
                    on:change=move |ev| set_places("places", if event_target_checked(&ev) { "1".into() } else { String::new() })/>
                <span>"Seulement s'il reste des places"</span>
            </label>
        </details>
        <DataFreshness/>
        {move || match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => {
                let now = platform::now();
                let filter = filter.get();
                let seats = catalog.availability.get();
                let (upcoming, _) = session::split_past_upcoming(&loaded.catalog.ateliers, now);
                let kept: Vec<_> = upcoming.into_iter().filter(|s| filter.matches(s, &loaded.catalog, seats.iter().find(|a| a.id == s.id))).collect();
                let count = kept.len();
                let days = by_day(&kept).into_iter().map(|(day, list)| {
                    let loaded = loaded.clone();
                    let seats = seats.clone();
                    view! {
                        <section class="day">
                            <h2>{capitalise(&time::day_and_month(day))}</h2>
                            <ul class="card-list">
                                {list.into_iter().map(|s| {
                                    let seat = seats.iter().find(|a| a.id == s.id).cloned();
                                    view! { <li><SessionCard session=s.clone() catalog=loaded.clone() seats=seat/></li> }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view();
                view! {
                    <p aria-live="polite">{match count { 0 => "Aucun atelier à venir ne correspond.".to_string(), 1 => "1 atelier à venir".to_string(), n => format!("{n} ateliers à venir") }}</p>
                    {days}
                }.into_any()
            }
        }}
        <p><A href="/ateliers/passes">"Voir les ateliers passés"</A></p>
    }
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[component]
pub fn PastAteliers() -> impl IntoView {
    dom::set_title("Ateliers passés");
    let catalog = use_catalog();
    view! {
        <p class="back"><A href="/ateliers">"← Ateliers à venir"</A></p>
        <h1>"Ateliers passés"</h1>
        <p class="lead">"Ces ateliers ont déjà eu lieu. On ne peut plus s'y inscrire."</p>
        {move || match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => {
                let now = platform::now();
                let (_, past) = session::split_past_upcoming(&loaded.catalog.ateliers, now);
                let mut events: Vec<(Option<String>, Vec<proxinum_core::session::Session>)> = Vec::new();
                for s in past {
                    match events.iter_mut().find(|(e, _)| *e == s.evenement) {
                        Some((_, list)) => list.push(s.clone()),
                        None => events.push((s.evenement.clone(), vec![s.clone()])),
                    }
                }
                events.into_iter().map(|(event, list)| {
                    let loaded = loaded.clone();
                    view! {
                        <section>
                            <h2>{event.unwrap_or_else(|| "Autres ateliers".into())}</h2>
                            <ul class="card-list">
                                {list.into_iter().map(|s| view! { <li><SessionCard session=s catalog=loaded.clone() seats=None/></li> }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view().into_any()
            }
        }}
    }
}
