//! One workshop in a list.

use leptos::prelude::*;
use leptos_router::components::A;
use proxinum_core::catalog::Catalog;
use proxinum_core::session::{Availability, Session};
use proxinum_core::session_filter::venue_commune;
use proxinum_core::time;

use crate::components::badges::SessionBadges;

/// "3 places restantes", "Complet · liste d'attente", or nothing.
pub fn seats_text(session: &Session, seats: Option<&Availability>) -> Option<String> {
    let capacity = session.capacite?;
    Some(match seats.and_then(|a| a.places_restantes) {
        Some(0) => "Complet : inscription sur liste d'attente".to_string(),
        Some(1) => "1 place restante".to_string(),
        Some(n) => format!("{n} places restantes"),
        None => format!("{capacity} places"),
    })
}

#[component]
pub fn SessionCard(session: Session, catalog: std::sync::Arc<crate::state::catalog::Loaded>, seats: Option<Availability>) -> impl IntoView {
    let catalog: &Catalog = &catalog.catalog;
    let commune = venue_commune(&session, catalog);
    let hours = format!("{} – {}", time::hour_text(session.debut.time()), time::hour_text(session.fin.time()));
    let when = if session.debut.date() == session.fin.date() { hours } else { session.when_text() };
    let full = seats.as_ref().and_then(|a| a.places_restantes) == Some(0);
    let seats_line = seats_text(&session, seats.as_ref());
    let (href, title, resume) = (format!("/ateliers/{}", session.id), session.titre.clone(), session.resume.clone());
    view! {
        <article class="card session-card">
            <h3 class="card-title"><A href=href>{title}</A></h3>
            <p class="card-meta">{when} " · " {commune}</p>
            <SessionBadges session=session full=full/>
            <p>{resume}</p>
            {seats_line.map(|s| view! { <p class="seats">{s}</p> })}
        </article>
    }
}
