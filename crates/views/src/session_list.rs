//! "Ateliers": upcoming workshops by day with their filters, and past
//! workshops by event, never mixed with upcoming ones.

use leptos::prelude::*;
use proxinum_core::catalog::Catalog;
use proxinum_core::session::{self, Audience, Availability, Session, Theme};
use proxinum_core::session_filter::{by_day, venue_commune, SessionFilter};
use proxinum_core::time;
use proxinum_core::vocab::Vocabulary;

use crate::capitalise;
use crate::session_card::{SessionCards, SessionItem};

/// A workshop of the catalog as lists show it.
pub fn item(session: &Session, catalog: &Catalog, seats: &[Availability]) -> SessionItem {
    SessionItem {
        session: session.clone(),
        commune: venue_commune(session, catalog),
        seats: seats.iter().find(|a| a.id == session.id).cloned(),
    }
}

/// Communes where an upcoming workshop takes place, sorted, for the filter.
pub fn upcoming_communes(catalog: &Catalog, now: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    let mut communes: Vec<String> =
        catalog.ateliers.iter().filter(|s| !s.is_past(now)).map(|s| venue_commune(s, catalog)).filter(|c| !c.is_empty()).collect();
    proxinum_core::order::sort(&mut communes);
    communes.dedup();
    communes
}

/// The filters of the workshop list, kept in the URL: `value` reads a key of
/// the query, `on_set` rewrites it.
#[component]
pub fn SessionFilters(
    value: Callback<&'static str, String>,
    communes: Signal<Vec<String>>,
    on_set: Callback<(&'static str, String)>,
) -> impl IntoView {
    let any = move || ["theme", "public", "commune", "distance", "places", "lat"].into_iter().any(|k| !value.run(k).is_empty());
    view! {
        <details class="panel filters" open=any>
            <summary>"Filtres"</summary>
            <div class="field">
                <label for="theme">"Thème"</label>
                <select id="theme" on:change=move |ev| on_set.run(("theme", event_target_value(&ev)))>
                    <option value="" selected=move || value.run("theme").is_empty()>"Tous les thèmes"</option>
                    {Theme::ALL.iter().map(|t| {
                        let slug = t.slug();
                        let selected = slug.clone();
                        view! { <option value=slug selected=move || value.run("theme") == selected>{t.label().to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="public-atelier">"Pour qui"</label>
                <select id="public-atelier" on:change=move |ev| on_set.run(("public", event_target_value(&ev)))>
                    <option value="" selected=move || value.run("public").is_empty()>"Tout le monde"</option>
                    {Audience::ALL.iter().filter(|a| **a != Audience::ToutPublic).map(|a| {
                        let slug = a.slug();
                        let selected = slug.clone();
                        view! { <option value=slug selected=move || value.run("public") == selected>{a.label().to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="commune-atelier">"Commune"</label>
                <select id="commune-atelier" on:change=move |ev| on_set.run(("commune", event_target_value(&ev)))>
                    <option value="" selected=move || value.run("commune").is_empty()>"Toutes les communes"</option>
                    {move || communes.get().into_iter().map(|c| {
                        let (selected, label) = (c.clone(), c.clone());
                        view! { <option value=c selected=move || value.run("commune") == selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || !value.run("lat").is_empty()>
                <div class="field">
                    <label for="distance">"Distance"</label>
                    <select id="distance" on:change=move |ev| on_set.run(("distance", event_target_value(&ev)))>
                        <option value="" selected=move || value.run("distance").is_empty()>"Toutes distances"</option>
                        {[5, 10, 20, 40].into_iter().map(|km| view! {
                            <option value=km.to_string() selected=move || value.run("distance") == km.to_string()>{format!("À moins de {km} km")}</option>
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <label class="check" for="places-libres">
                <input type="checkbox" id="places-libres" checked=value.run("places") == "1" prop:checked=move || value.run("places") == "1"
                    on:change=move |ev| on_set.run(("places", if event_target_checked(&ev) { "1".into() } else { String::new() }))/>
                <span>"Seulement s'il reste des places"</span>
            </label>
        </details>
    }
}

/// Upcoming workshops that pass the filter, by day, with their count.
#[component]
pub fn UpcomingSessions(
    catalog: std::sync::Arc<Catalog>,
    filter: SessionFilter,
    seats: Vec<Availability>,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    let (upcoming, _) = session::split_past_upcoming(&catalog.ateliers, now);
    let kept: Vec<_> = upcoming.into_iter().filter(|s| filter.matches(s, &catalog, seats.iter().find(|a| a.id == s.id))).collect();
    let count = kept.len();
    let days = by_day(&kept)
        .into_iter()
        .map(|(day, list)| {
            let items: Vec<_> = list.into_iter().map(|s| item(s, &catalog, &seats)).collect();
            view! {
                <section class="day">
                    <h2>{capitalise(&time::day_and_month(day))}</h2>
                    <SessionCards items=items/>
                </section>
            }
        })
        .collect_view();
    view! {
        <p aria-live="polite">{match count { 0 => "Aucun atelier à venir ne correspond.".to_string(), 1 => "1 atelier à venir".to_string(), n => format!("{n} ateliers à venir") }}</p>
        {days}
    }
}

/// Past workshops, grouped by the event they belonged to.
#[component]
pub fn PastSessions(catalog: std::sync::Arc<Catalog>, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let (_, past) = session::split_past_upcoming(&catalog.ateliers, now);
    let mut events: Vec<(Option<String>, Vec<SessionItem>)> = Vec::new();
    for s in past {
        let entry = item(s, &catalog, &[]);
        match events.iter_mut().find(|(e, _)| *e == s.evenement) {
            Some((_, list)) => list.push(entry),
            None => events.push((s.evenement.clone(), vec![entry])),
        }
    }
    events
        .into_iter()
        .map(|(event, items)| {
            view! {
                <section>
                    <h2>{event.unwrap_or_else(|| "Autres ateliers".into())}</h2>
                    <SessionCards items=items/>
                </section>
            }
        })
        .collect_view()
}

/// "S'abonner à l'agenda": the territory's workshops in the phone's own
/// calendar, kept up to date by it. `feed` is the feed's absolute address
/// (the server's public address, or the app's origin); `dans` is
/// "dans le Gers".
#[component]
pub fn CalendarSubscription(feed: String, dans: String) -> impl IntoView {
    let subscribe = proxinum_core::ics::subscription_address(&feed);
    let shown = feed.clone();
    view! {
        <section class="panel" aria-labelledby="abonnement">
            <h2 id="abonnement">"S'abonner à l'agenda"</h2>
            <p>{format!("Votre téléphone peut suivre l'agenda des ateliers {dans} : les nouveaux ateliers et les changements y arrivent tout seuls.")}</p>
            <p><a class="button" href=subscribe>"S'abonner à l'agenda"</a></p>
            <p>"Sur iPhone : touchez « S'abonner à l'agenda », puis « S'abonner »."</p>
            <p>"Sur Android : ouvrez calendar.google.com en « version pour ordinateur », choisissez « Autres agendas », puis « À partir de l'URL », et collez cette adresse :"</p>
            <p class="feed-address"><a href=feed>{shown}</a></p>
        </section>
    }
}
