//! "Fiche atelier": the shared view (`proxinum_views::session_page`) with
//! "Ajouter à mon agenda" made on the device (works offline) and sharing.

use leptos::prelude::*;
use proxinum_core::ics::{self, EventContext};
use proxinum_views::session_page::SessionDetail;

use crate::components::catalog_item::{item_missing, with_catalog_item};
use crate::components::share::ShareButton;
use crate::net;
use crate::platform::{self, dom};
use crate::state::catalog::use_catalog;
use crate::state::settings::use_settings;

#[component]
pub fn AtelierPage() -> impl IntoView {
    let catalog = use_catalog();
    with_catalog_item(move |loaded, id| match loaded.catalog.session(&id).cloned() {
        None => item_missing("Atelier introuvable", "/ateliers", "Voir les ateliers", None),
        Some(session) => {
            dom::set_title(&session.titre);
            let seats = catalog.availability.with(|a| a.iter().find(|x| x.id == session.id).cloned());
            let now = platform::now();
            let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
            let place = loaded.catalog.venue_place(&session).cloned();
            let page_url = net::absolute(&format!("/ateliers/{}", session.id));
            let (ics_session, ics_place, ics_url) = (session.clone(), place.clone(), page_url.clone());
            let add_to_calendar = move |_| {
                let text = ics::calendar(
                    &ics_session.titre,
                    [(&ics_session, EventContext { place: ics_place.as_ref(), url: ics_url.clone() })],
                    platform::now(),
                );
                dom::download(&ics::file_name(&ics_session), "text/calendar;charset=utf-8", &text);
            };
            let past = session.is_past(now);
            let actions = view! {
                {(!past && !kiosk).then(|| view! { <button type="button" class="button button-secondary" on:click=add_to_calendar.clone()>"Ajouter à mon agenda"</button> })}
                {(!kiosk).then(|| view! { <ShareButton url=page_url.clone() title=session.titre.clone()/> })}
            }
            .into_any();
            view! { <SessionDetail session=session place=place seats=seats now=now page_url=page_url.clone() kiosk=kiosk actions=actions/> }
                .into_any()
        }
    })
}
