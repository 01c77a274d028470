//! "Ateliers": the shared list and filters (`proxinum_views::session_list`),
//! with the filters kept in the URL; past workshops on their own page.

use crate::navigation::{use_location, use_navigate, NavigateOptions};
use leptos::prelude::*;
use proxinum_core::session_filter::SessionFilter;
use proxinum_views::session_list::{upcoming_communes, CalendarSubscription, PastSessions, SessionFilters, UpcomingSessions};

use crate::components::freshness::{CatalogPending, DataFreshness};
use crate::net;
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
    let value = Callback::new(move |key: &'static str| {
        pairs.with(|p| p.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default())
    });

    // Rewrites one key of the URL, keeping the others.
    let on_set = Callback::new(move |(key, new): (&'static str, String)| {
        let mut kept: Vec<(String, String)> = pairs.get_untracked().into_iter().filter(|(k, _)| k != key).collect();
        if !new.is_empty() {
            kept.push((key.to_string(), new));
        }
        let query: Vec<String> = kept.iter().map(|(k, v)| format!("{k}={}", url::encode(v))).collect();
        let path = if query.is_empty() { "/ateliers".to_string() } else { format!("/ateliers?{}", query.join("&")) };
        navigate(&path, NavigateOptions { replace: true, scroll: false });
    });
    let communes = Signal::derive(move || {
        catalog.loaded.with(|l| l.as_ref().map(|l| upcoming_communes(&l.catalog, platform::now())).unwrap_or_default())
    });

    view! {
        <h1>"Ateliers"</h1>
        <p class="lead">"Des ateliers près de chez vous pour apprendre, gratuits le plus souvent."</p>
        <SessionFilters value=value communes=communes on_set=on_set/>
        <DataFreshness/>
        {move || match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => {
                view! { <UpcomingSessions catalog=loaded.catalog.clone() filter=filter.get() seats=catalog.availability.get() now=platform::now()/> }.into_any()
            }
        }}
        <p class="link-line"><a href="/ateliers/passes">"Voir les ateliers passés"</a></p>
        {move || catalog.loaded.with(|l| l.as_ref().map(|l| {
            let territory = &l.catalog.territoire;
            view! { <CalendarSubscription feed=net::territory_feed(&territory.code) dans=territory.dans.clone()/> }
        }))}
    }
}

#[component]
pub fn PastAteliers() -> impl IntoView {
    dom::set_title("Ateliers passés");
    let catalog = use_catalog();
    view! {
        <p class="back"><a href="/ateliers">"← Ateliers à venir"</a></p>
        <h1>"Ateliers passés"</h1>
        <p class="lead">"Ces ateliers ont déjà eu lieu. On ne peut plus s'y inscrire."</p>
        {move || match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => view! { <PastSessions catalog=loaded.catalog.clone() now=platform::now()/> }.into_any(),
        }}
    }
}
