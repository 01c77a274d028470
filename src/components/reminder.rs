//! "Demain à 18h30 : …": the registered workshop that starts within 24 hours
//! (decided by `core::reminder`), on the home page and in "Mes inscriptions".

use leptos::prelude::*;
use proxinum_core::reminder;

use crate::platform;
use crate::state::catalog::use_catalog;
use crate::state::registrations::use_registrations;
use crate::state::settings::use_settings;

/// Nothing until the catalog is there (it says whether the workshop was
/// cancelled or postponed), and never on a kiosk, which keeps no one's
/// registrations.
#[component]
pub fn NextWorkshop() -> impl IntoView {
    let registrations = use_registrations();
    let catalog = use_catalog();
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    let next = Memo::new(move |_| {
        if kiosk {
            return None;
        }
        registrations
            .mine
            .with(|mine| catalog.loaded.with(|l| l.as_ref().and_then(|l| reminder::next(mine, &l.catalog.ateliers, platform::now()))))
    });
    move || {
        next.get().map(|r| {
            view! {
                <p class="notice notice-info reminder"><a href=format!("/ateliers/{}", r.session_id)>{r.text}</a></p>
            }
        })
    }
}
