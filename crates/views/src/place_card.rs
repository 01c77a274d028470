//! One place in a list: name, commune, distance, open or closed now, and
//! what it helps with.

use leptos::prelude::*;
use proxinum_core::geo::distance_text;
use proxinum_core::hours::{self, OpenState};
use proxinum_core::place::Place;
use proxinum_core::tour::{self, Stop};
use proxinum_core::vocab::Service;

/// The open/closed line with its colour class.
pub fn open_line(state: Option<&OpenState>, now: chrono::DateTime<chrono::Utc>) -> (String, &'static str) {
    match state {
        Some(s @ OpenState::Open { .. }) => (hours::state_sentence(s, now), "state state-open"),
        Some(s @ OpenState::Closed { .. }) => (hours::state_sentence(s, now), "state state-closed"),
        Some(s @ OpenState::Unknown { .. }) => (hours::state_sentence(s, now), "state state-unknown"),
        None => ("Horaires non indiqués : appelez avant de venir".to_string(), "state state-unknown"),
    }
}

#[component]
pub fn ServiceChips(services: Vec<Service>) -> impl IntoView {
    view! {
        <ul class="chips" aria-label="Ce que propose ce lieu">
            {services.iter().map(|s| view! { <li class="chip">{s.short_label().to_string()}</li> }).collect_view()}
        </ul>
    }
}

/// `query` (without `?`) is the list's position, so that the place page's
/// "Retour à la liste" comes back to the same list.
#[component]
pub fn PlaceCard(
    place: Place,
    #[prop(optional)] number: Option<usize>,
    #[prop(optional)] distance_km: Option<f64>,
    state: Option<OpenState>,
    now: chrono::DateTime<chrono::Utc>,
    #[prop(optional)] query: String,
    /// An itinerant service's nearest stop with a passage to come: the
    /// card then says where and when it passes instead of its depot's
    /// commune and hours.
    #[prop(optional_no_strip)]
    stop: Option<Stop>,
) -> impl IntoView {
    let (line, class) = open_line(state.as_ref(), now);
    let passage = stop.as_ref().and_then(|s| s.next_dates(now, 1).first().map(|d| tour::passage_text(s, *d, now)));
    let href = format!("/lieux/{}{}", place.id, if query.is_empty() { String::new() } else { format!("?{query}") });
    let itinerant = place.is_itinerant();
    let commune = stop.map(|s| s.commune).unwrap_or_else(|| place.commune_affichee());
    let (name, services) = (place.nom_affiche(), place.services.clone());
    view! {
        <article class="card place-card">
            <h3 class="card-title">
                {number.map(|n| view! { <span class="map-number" aria-hidden="true">{n}</span> })}
                <a href=href>{name}</a>
            </h3>
            <p class="card-meta">
                {commune}
                {distance_km.map(|d| format!(" · à {}", distance_text(d)))}
                {itinerant.then(|| view! { <span class="badge badge-info">"Itinérant"</span> })}
            </p>
            {match passage {
                Some(text) => view! { <p class="passage">{text}</p> }.into_any(),
                None => view! { <p class=class>{line}</p> }.into_any(),
            }}
            <ServiceChips services=services/>
        </article>
    }
}
