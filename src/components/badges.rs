//! Status badges of workshops and places.

use leptos::prelude::*;
use proxinum_core::session::{Session, Status};

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
