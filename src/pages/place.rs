//! "Fiche lieu": the shared view (`proxinum_views::place_page`) fed with the
//! device's catalog, plus sharing on the resident's own phone.

use crate::navigation::use_location;
use leptos::prelude::*;
use proxinum_core::session_filter;
use proxinum_views::home::{Wanted, PAGE};
use proxinum_views::place_page::PlaceDetail;
use proxinum_views::session_list::item;

use crate::components::catalog_item::{item_missing, with_catalog_item};
use crate::components::share::ShareButton;
use crate::net;
use crate::platform::{self, dom, url};
use crate::state::catalog::use_catalog;
use crate::state::settings::use_settings;

#[component]
pub fn PlacePage() -> impl IntoView {
    let location = use_location();
    let availability = use_catalog().availability;
    with_catalog_item(move |loaded, id| match loaded.catalog.place(&id).cloned() {
        None => item_missing("Lieu introuvable", "/", "Voir les lieux autour de moi", Some("Ce lieu n'est pas (ou plus) dans la liste.")),
        Some(place) => {
            dom::set_title(&place.nom_affiche());
            let now = platform::now();
            let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
            let wanted = Wanted::from_pairs(&url::pairs(&location.search.get_untracked()));
            let seats = availability.get_untracked();
            let sessions =
                session_filter::at_place(&loaded.catalog, &place.id, now).into_iter().map(|s| item(s, &loaded.catalog, &seats)).collect();
            let territory = loaded.catalog.territoire.clone();
            let communes = loaded.catalog.own_communes();
            let page_url = net::absolute(&format!("/lieux/{}", place.id));
            let share = (!kiosk).then(|| view! { <ShareButton url=page_url.clone() title=place.nom_affiche()/> }.into_any());
            let from = wanted.position;
            let query = wanted.query(PAGE);
            let hours = loaded.catalog.calendar(&place.id).cloned();
            let stops = loaded.index.stops_of(&place.id).into_iter().cloned().collect::<Vec<_>>();
            view! { <PlaceDetail place=place hours=hours now=now from=from query=query territory=territory communes=communes sessions=sessions page_url=page_url kiosk=kiosk share=share stops=stops/> }.into_any()
        }
    })
}
