//! "Autour de moi": where is the closest place that can help, and is it open
//! now? Position (located or typed) and filters live in the URL, so a link
//! can be shared and "back" works.

use crate::navigation::{use_location, use_navigate, NavigateOptions};
use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::decimal::Fixed;
use proxinum_core::filter::PlaceFilter;
use proxinum_core::geo::LatLon;
use proxinum_views::home::{HomeHeading, LocatePanel, PlaceFilters, PlaceResults, Wanted as WantedView, LOCATED, PAGE};

use crate::components::freshness::{CatalogPending, DataFreshness};
use crate::components::reminder::NextWorkshop;
use crate::platform::{self, dom, focus, geolocation, url};
use crate::state::catalog::use_catalog;
use crate::state::settings::use_settings;

#[component]
pub fn Home() -> impl IntoView {
    dom::set_title("Autour de moi");
    let catalog = use_catalog();
    let settings = use_settings();
    let location = use_location();
    let navigate = use_navigate();
    let limit = RwSignal::new(WantedView::from_pairs(&url::pairs(&location.search.get_untracked())).limit);
    let typed = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let locating = RwSignal::new(false);

    let pairs = Memo::new(move |_| url::pairs(&location.search.get()));
    let wanted = Memo::new(move |_| {
        let pairs = pairs.get();
        let mut from_url = WantedView::from_pairs(&pairs);
        // `/?commune=Auch` (a shared link, the plain search form): find it.
        if let Some(text) = catalog.loaded.with(|l| l.as_ref().and_then(|l| from_url.resolve_commune(&pairs, &l.communes))) {
            message.set(Some(text));
        }
        let WantedView { mut position, mut label, filter, .. } = from_url;
        // A kiosk starts at its médiathèque, without asking for geolocation.
        if position.is_none() {
            let kiosk_place = settings.with(|s| s.kiosque.as_ref().and_then(|k| k.lieu_id.clone()));
            if let Some(place) = kiosk_place.and_then(|id| catalog.loaded.with(|l| l.as_ref().and_then(|l| l.catalog.place(&id).cloned())))
            {
                position = place.position();
                label = Some(place.nom_affiche());
            }
        }
        WantedView { position, label, filter, limit: limit.get() }
    });

    // Rewrites the URL with new position or filters (no new history entry).
    let go = {
        let navigate = navigate.clone();
        move |position: Option<(LatLon, String)>, filter: PlaceFilter| {
            let mut query: Vec<String> = Vec::new();
            if let Some((p, label)) = &position {
                query.push(format!("lat={}&lon={}", Fixed(p.lat, 5), Fixed(p.lon, 5)));
                if label != LOCATED {
                    query.push(format!("commune={}", url::encode(label)));
                }
            }
            let filters = filter.to_query();
            if !filters.is_empty() {
                query.push(filters);
            }
            let path = if query.is_empty() { "/".to_string() } else { format!("/?{}", query.join("&")) };
            navigate(&path, NavigateOptions { replace: true, scroll: false });
        }
    };

    let set_filter = {
        let go = go.clone();
        Callback::new(move |filter: PlaceFilter| {
            limit.set(PAGE);
            go(wanted.with_untracked(|w| w.position.zip(w.label.clone())), filter);
        })
    };

    let locate = {
        let go = go.clone();
        move |_: ()| {
            let go = go.clone();
            locating.set(true);
            message.set(None);
            spawn_local(async move {
                match geolocation::locate().await {
                    Ok(p) => go(Some((p, LOCATED.into())), wanted.get_untracked().filter),
                    Err(text) => message.set(Some(text.to_string())),
                }
                locating.set(false);
            });
        }
    };

    let suggestions = Memo::new(move |_| {
        let text = typed.get();
        if text.trim().chars().count() < 2 {
            return Vec::new();
        }
        catalog
            .loaded
            .with(|l| l.as_ref().map(|l| l.communes.search(&text, 6).into_iter().cloned().collect::<Vec<_>>()).unwrap_or_default())
    });
    let choose = {
        let go = go.clone();
        move |commune: proxinum_core::communes::Commune| {
            if let Some(p) = commune.position() {
                typed.set(String::new());
                message.set(None);
                limit.set(PAGE);
                go(Some((p, commune.nom.clone())), wanted.get_untracked().filter);
                // The suggestion pressed is gone: on to its results.
                focus::focus_successor("main .results-heading");
            } else {
                message.set(Some(format!("La position de {} n'est pas connue. Essayez une commune voisine.", commune.nom)));
            }
        }
    };
    // Enter before the communes have arrived: answer once they are here.
    let waiting_for_communes = RwSignal::new(false);
    let resolve_search = {
        let choose = choose.clone();
        move || match suggestions.get_untracked().into_iter().next() {
            Some(first) => choose(first),
            None => message.set(Some("Aucune commune trouvée. Vérifiez l'orthographe ou tapez le code postal (5 chiffres).".into())),
        }
    };
    {
        let resolve_search = resolve_search.clone();
        Effect::new(move |_| {
            if waiting_for_communes.get() && catalog.loaded.with(Option::is_some) {
                waiting_for_communes.set(false);
                resolve_search();
            }
        });
    }
    let submit = move |_: ()| {
        if catalog.loaded.with_untracked(Option::is_none) {
            message.set(Some("Un instant : chargement des communes…".into()));
            waiting_for_communes.set(true);
        } else {
            resolve_search();
        }
    };

    // A new position or filter changes the results: their heading is said.
    Effect::new(move |previous: Option<(String, PlaceFilter)>| {
        let now = wanted.with(|w| (w.position_query(), w.filter.clone()));
        if previous.is_some_and(|p| p != now) {
            focus::announce_text_of("main .results-heading");
        }
        now
    });
    // Communes proposed under the field: said once per new list.
    Effect::new(move |previous: Option<usize>| {
        let count = suggestions.with(Vec::len);
        if count > 0 && previous != Some(count) {
            let s = if count > 1 { "s" } else { "" };
            focus::announce(&format!("{count} commune{s} proposée{s} sous le champ."));
        }
        count
    });

    view! {
        <HomeHeading/>
        <NextWorkshop/>
        <LocatePanel locating=locating.into() on_locate=Callback::new(locate) typed=typed.into() on_type=Callback::new(move |text| typed.set(text))
            suggestions=suggestions.into() on_choose=Callback::new(choose) on_search=Callback::new(submit) message=message.into()/>
        <PlaceFilters filter=Signal::derive(move || wanted.with(|w| w.filter.clone())) on_change=set_filter/>
        <DataFreshness/>
        {move || match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => {
                let now = platform::now();
                view! {
                    <PlaceResults catalog=loaded.catalog.clone() index=loaded.index.clone() wanted=wanted.get() now=now
                        on_more=Callback::new(move |_| {
                            // The link is drawn again below the new places: focus the first of them.
                            let first_new = limit.get_untracked() + 1;
                            limit.update(|l| *l += PAGE);
                            focus::focus_card(first_new);
                        })/>
                }.into_any()
            }
        }}
    }
}
