//! One workshop in a list, and the badges that tell its status in words.

use leptos::prelude::*;

use crate::words::{Glossary, Words};
use proxinum_core::session::{Availability, Session, Status};
use proxinum_core::time;

/// A workshop as a list shows it: with its commune and seats when known.
#[derive(Clone, Debug)]
pub struct SessionItem {
    pub session: Session,
    pub commune: String,
    pub seats: Option<Availability>,
}

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

/// "Exemple", "Complet", "Annulé", "Reporté": always with words, never
/// colour alone.
#[component]
pub fn SessionBadges(session: Session, #[prop(optional)] full: bool) -> impl IntoView {
    let mut badges: Vec<(&'static str, &'static str)> = Vec::new();
    if session.exemple {
        badges.push(("badge badge-example", "Exemple"));
    }
    match session.statut {
        Status::Annulee => badges.push(("badge badge-cancelled", "Annulé")),
        Status::Reportee => badges.push(("badge badge-warning", "Reporté")),
        Status::Complete => badges.push(("badge badge-warning", "Complet")),
        Status::Programmee if full => badges.push(("badge badge-warning", "Complet")),
        Status::Programmee => {}
    }
    view! {
        <span class="badges">
            {badges.into_iter().map(|(class, text)| view! { <span class=class>{text}</span> }).collect_view()}
        </span>
    }
}

#[component]
pub fn SessionCard(item: SessionItem) -> impl IntoView {
    let SessionItem { session, commune, seats } = item;
    let hours = format!("{} – {}", time::hour_text(session.debut.time()), time::hour_text(session.fin.time()));
    let when = if session.debut.date() == session.fin.date() { hours } else { session.when_text() };
    let full = proxinum_core::session_filter::is_full(seats.as_ref());
    let seats_line = seats_text(&session, seats.as_ref());
    let (href, title, resume) = (format!("/ateliers/{}", session.id), session.titre.clone(), session.resume.clone());
    view! {
        <article class="card session-card">
            <h3 class="card-title"><a href=href><Words text=title.clone()/></a></h3>
            <p class="card-meta">{when} " · " {commune}</p>
            <SessionBadges session=session full=full/>
            <p><Words text=resume.clone()/></p>
            <Glossary texts=vec![title, resume] compact=true/>
            {seats_line.map(|s| view! { <p class="seats">{s}</p> })}
        </article>
    }
}

/// Cards of a list of workshops.
#[component]
pub fn SessionCards(items: Vec<SessionItem>) -> impl IntoView {
    view! {
        <ul class="card-list">
            {items.into_iter().map(|item| view! { <li><SessionCard item=item/></li> }).collect_view()}
        </ul>
    }
}
