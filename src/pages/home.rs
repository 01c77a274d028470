//! "Autour de moi": where is the closest place that can help, and is it open
//! now? Position (located or typed) and filters live in the URL, so a link
//! can be shared and "back" works.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use proxinum_core::filter::{Need, PlaceFilter};
use proxinum_core::geo::LatLon;
use proxinum_core::vocab::{Public, Vocabulary};

use crate::components::freshness::{CatalogPending, DataFreshness};
use crate::components::map::{MapPoint, TerritoryMap};
use crate::components::place_card::PlaceCard;
use crate::platform::{self, dom, geolocation, url};
use crate::state::catalog::use_catalog;
use crate::state::settings::use_settings;

const PAGE: usize = 10;

/// Position and filters as read from the URL.
#[derive(Clone, PartialEq)]
struct Wanted {
    position: Option<LatLon>,
    /// "Lectoure", "votre position", or the kiosk's place.
    label: Option<String>,
    filter: PlaceFilter,
}

#[component]
pub fn Home() -> impl IntoView {
    dom::set_title("Autour de moi");
    let catalog = use_catalog();
    let settings = use_settings();
    let location = use_location();
    let navigate = use_navigate();
    let limit = RwSignal::new(PAGE);
    let typed = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let locating = RwSignal::new(false);

    let pairs = Memo::new(move |_| url::pairs(&location.search.get()));
    let wanted = Memo::new(move |_| {
        let pairs = pairs.get();
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        let filter = PlaceFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap_or_default();
        let mut position = get("lat").zip(get("lon")).and_then(|(a, b)| LatLon::new(a.parse().ok()?, b.parse().ok()?));
        let mut label = get("commune").or_else(|| position.map(|_| "votre position".to_string()));
        // A kiosk starts at its médiathèque, without asking for geolocation.
        if position.is_none() {
            let kiosk_place = settings.with(|s| s.kiosque.as_ref().and_then(|k| k.lieu_id.clone()));
            if let Some(place) = kiosk_place.and_then(|id| catalog.loaded.with(|l| l.as_ref().and_then(|l| l.catalog.place(&id).cloned()))) {
                position = place.position();
                label = Some(place.nom_affiche());
            }
        }
        Wanted { position, label, filter }
    });

    // Rewrites the URL with new position or filters (no new history entry).
    let go = {
        let navigate = navigate.clone();
        move |position: Option<(LatLon, String)>, filter: PlaceFilter| {
            let mut query: Vec<String> = Vec::new();
            if let Some((p, label)) = &position {
                query.push(format!("lat={:.5}&lon={:.5}", p.lat, p.lon));
                if label != "votre position" {
                    query.push(format!("commune={}", url::encode(label)));
                }
            }
            let filters = filter.to_query();
            if !filters.is_empty() {
                query.push(filters);
            }
            let path = if query.is_empty() { "/".to_string() } else { format!("/?{}", query.join("&")) };
            navigate(&path, NavigateOptions { replace: true, scroll: false, ..Default::default() });
        }
    };

    let current_position = move || wanted.with(|w| w.position.zip(w.label.clone()));
    let set_filter = {
        let go = go.clone();
        move |change: &dyn Fn(&mut PlaceFilter)| {
            let mut filter = wanted.with_untracked(|w| w.filter.clone());
            change(&mut filter);
            limit.set(PAGE);
            go(wanted.with_untracked(|w| w.position.zip(w.label.clone())), filter);
        }
    };

    let locate = {
        let go = go.clone();
        move |_| {
            let go = go.clone();
            locating.set(true);
            message.set(None);
            spawn_local(async move {
                match geolocation::locate().await {
                    Ok(p) => go(Some((p, "votre position".into())), wanted.get_untracked().filter),
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
        catalog.loaded.with(|l| l.as_ref().map(|l| l.communes.search(&text, 6).into_iter().cloned().collect::<Vec<_>>()).unwrap_or_default())
    });
    let choose = {
        let go = go.clone();
        move |commune: proxinum_core::communes::Commune| {
            if let Some(p) = commune.position() {
                typed.set(String::new());
                message.set(None);
                limit.set(PAGE);
                go(Some((p, commune.nom.clone())), wanted.get_untracked().filter);
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
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if catalog.loaded.with_untracked(Option::is_none) {
            message.set(Some("Un instant : chargement des communes…".into()));
            waiting_for_communes.set(true);
        } else {
            resolve_search();
        }
    };

    view! {
        <h1>"Autour de moi"</h1>
        <p class="lead">"Trouvez un lieu près de chez vous pour vous aider avec le numérique."</p>
        <section class="panel locate" aria-labelledby="ou-etes-vous">
            <h2 id="ou-etes-vous" class="visually-hidden">"Où êtes-vous ?"</h2>
            <button type="button" class="button button-wide" on:click=locate disabled=move || locating.get()>
                {move || if locating.get() { "Recherche de votre position…" } else { "Me localiser" }}
            </button>
            <form role="search" class="commune-search" on:submit=submit>
                <label for="commune">"Ou tapez votre commune ou votre code postal"</label>
                <div class="search-row">
                    <input id="commune" name="commune" type="search" autocomplete="off" inputmode="search"
                        placeholder="Exemple : Auch"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))/>
                    <button type="submit" class="button">"Chercher"</button>
                </div>
                {let choose = choose.clone(); move || {
                    let list = suggestions.get();
                    (!list.is_empty()).then(|| {
                        let items = list.into_iter().map(|c| {
                            let label = format!("{} ({})", c.nom, c.codes_postaux.first().cloned().unwrap_or_default());
                            let choose = choose.clone();
                            view! { <li><button type="button" class="suggestion" on:click=move |_| choose(c.clone())>{label}</button></li> }
                        }).collect_view();
                        view! { <ul class="suggestions" aria-label="Communes trouvées">{items}</ul> }
                    })
                }}
            </form>
            {move || message.get().map(|m| view! { <p class="notice notice-info" role="status">{m}</p> })}
        </section>

        <Filters wanted=wanted set_filter=set_filter.clone()/>
        <DataFreshness/>
        {move || match catalog.loaded.get() {
            None => view! { <CatalogPending/> }.into_any(),
            Some(loaded) => view! { <Results loaded=loaded wanted=wanted limit=limit current_position=Signal::derive(current_position)/> }.into_any(),
        }}
    }
}

#[component]
fn Filters(wanted: Memo<Wanted>, set_filter: impl Fn(&dyn Fn(&mut PlaceFilter)) + Clone + Send + Sync + 'static) -> impl IntoView {
    let active = move || wanted.with(|w| !w.filter.is_empty());
    let count = move || {
        wanted.with(|w| {
            let f = &w.filter;
            f.besoins.len() + f.publics.len() + f.frais.len() + usize::from(f.ouvert_maintenant) + usize::from(f.itinerant.is_some())
        })
    };
    let checkbox = {
        let set_filter = set_filter.clone();
        move |id: &'static str, label: &'static str, checked: Box<dyn Fn(&PlaceFilter) -> bool + Send + Sync>, toggle: fn(&mut PlaceFilter, bool)| {
            let set_filter = set_filter.clone();
            view! {
                <label class="check" for=id>
                    <input type="checkbox" id=id prop:checked=move || wanted.with(|w| checked(&w.filter))
                        on:change=move |ev| { let on = event_target_checked(&ev); set_filter(&|f: &mut PlaceFilter| toggle(f, on)); }/>
                    <span>{label}</span>
                </label>
            }
        }
    };
    let needs = Need::ALL.into_iter().map(|need| {
        let set_filter = set_filter.clone();
        let id = format!("besoin-{}", need.slug());
        let for_id = id.clone();
        view! {
            <label class="check" for=for_id>
                <input type="checkbox" id=id prop:checked=move || wanted.with(|w| w.filter.besoins.contains(&need))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        set_filter(&|f: &mut PlaceFilter| { f.besoins.retain(|n| *n != need); if on { f.besoins.push(need); } });
                    }/>
                <span>{need.label()}</span>
            </label>
        }
    }).collect_view();
    let public_select = {
        let set_filter = set_filter.clone();
        view! {
            <label for="public">"Public"</label>
            <select id="public" on:change=move |ev| {
                let value = event_target_value(&ev);
                set_filter(&|f: &mut PlaceFilter| { f.publics = Public::from_label_or_slug(&value).into_iter().collect(); });
            }>
                <option value="" selected=move || wanted.with(|w| w.filter.publics.is_empty())>"Tout public"</option>
                {Public::ALL.iter().map(|p| {
                    let value = p.slug();
                    let p2 = p.clone();
                    view! { <option value=value selected=move || wanted.with(|w| w.filter.publics.contains(&p2))>{p.label().to_string()}</option> }
                }).collect_view()}
            </select>
        }
    };
    let clear = {
        let set_filter = set_filter.clone();
        move |_| set_filter(&|f: &mut PlaceFilter| *f = PlaceFilter::default())
    };
    view! {
        <details class="panel filters" open=move || active()>
            <summary>
                "Filtres"
                {move || (count() > 0).then(|| format!(" ({} choisi{})", count(), if count() > 1 { "s" } else { "" }))}
            </summary>
            <fieldset>
                <legend>"Mon besoin"</legend>
                {needs}
            </fieldset>
            <fieldset>
                <legend>"Autres critères"</legend>
                <div class="field">{public_select}</div>
                {checkbox("gratuit", "Gratuit", Box::new(|f| f.frais.contains(&proxinum_core::vocab::Frais::Gratuit)), |f, on| {
                    f.frais.retain(|x| *x != proxinum_core::vocab::Frais::Gratuit);
                    if on { f.frais.push(proxinum_core::vocab::Frais::Gratuit); }
                })}
                {checkbox("ouvert", "Ouvert maintenant", Box::new(|f| f.ouvert_maintenant), |f, on| f.ouvert_maintenant = on)}
                {checkbox("itinerant", "Itinérant (bus, permanence mobile)", Box::new(|f| f.itinerant == Some(true)), |f, on| f.itinerant = on.then_some(true))}
            </fieldset>
            <Show when=move || active()>
                <button type="button" class="button button-secondary" on:click=clear.clone()>"Effacer les filtres"</button>
            </Show>
        </details>
    }
}

#[component]
fn Results(
    loaded: std::sync::Arc<crate::state::catalog::Loaded>,
    wanted: Memo<Wanted>,
    limit: RwSignal<usize>,
    current_position: Signal<Option<(LatLon, String)>>,
) -> impl IntoView {
    let now = platform::now();
    let territory = loaded.catalog.territoire.clone();
    let loaded_for_list = loaded.clone();
    let query_for_links = move || {
        current_position.get().map(|(p, label)| {
            let mut q = format!("lat={:.5}&lon={:.5}", p.lat, p.lon);
            if label != "votre position" {
                q.push_str(&format!("&commune={}", url::encode(&label)));
            }
            q
        }).unwrap_or_default()
    };
    view! {
        {move || {
            let wanted = wanted.get();
            let loaded = loaded_for_list.clone();
            let area = territory.emprise.or_else(|| proxinum_core::geo::BoundingBox::around(loaded.catalog.lieux.iter().filter_map(|p| p.position())));
            let communes: Vec<_> = loaded.catalog.communes.iter().filter(|c| c.departement == territory.code).cloned().collect();
            let query = query_for_links();
            match wanted.position {
                Some(from) => {
                    let nearest = loaded.index.nearest(from, &wanted.filter, now, limit.get());
                    let total = loaded.index.count(&wanted.filter, now);
                    let label = wanted.label.clone().unwrap_or_default();
                    let heading = match nearest.len() {
                        0 => format!("Aucun lieu ne correspond près de {label}."),
                        1 => format!("Le lieu le plus proche de {label}"),
                        n => format!("Les {n} lieux les plus proches de {label}"),
                    };
                    let points: Vec<MapPoint> = loaded.catalog.lieux.iter().filter_map(|p| {
                        let number = nearest.iter().position(|n| n.place.id == p.id).map(|i| i + 1);
                        Some(MapPoint { position: p.position()?, number, selected: number == Some(1) })
                    }).collect();
                    let cards = nearest.iter().enumerate().map(|(i, n)| {
                        let state = loaded.index.open_state(&n.place.id, now);
                        view! { <li><PlaceCard place=n.place.clone() number=i + 1 distance_km=n.distance_km state=state now=now query=query.clone()/></li> }
                    }).collect_view();
                    let apart = loaded.index.without_position(&wanted.filter, now).into_iter().cloned().collect::<Vec<_>>();
                    let more = total > nearest.len();
                    view! {
                        <h2 aria-live="polite">{heading}</h2>
                        {(nearest.is_empty() && !wanted.filter.is_empty()).then(|| view! { <p>"Essayez avec moins de filtres."</p> })}
                        <div class="results">
                            <div class="results-list">
                                <ol class="card-list">{cards}</ol>
                                <Show when=move || more>
                                    <button type="button" class="button button-secondary button-wide" on:click=move |_| limit.update(|l| *l += PAGE)>"Voir plus de lieux"</button>
                                </Show>
                            </div>
                            <div class="results-map">
                                {area.map(|area| view! { <TerritoryMap area=area communes=communes points=points me=from label=format!("Carte {} : les lieux numérotés comme dans la liste", territory.dans)/> })}
                            </div>
                        </div>
                        {(!apart.is_empty()).then(|| view! {
                            <section class="apart">
                                <h2>"Lieux sans position précise"</h2>
                                <p>"Leur adresse n'a pas de coordonnées : ils ne sont pas sur la carte."</p>
                                <ul class="card-list">
                                    {apart.into_iter().map(|p| {
                                        let state = loaded.index.open_state(&p.id, now);
                                        view! { <li><PlaceCard place=p state=state now=now/></li> }
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                    }.into_any()
                }
                None => {
                    let mut places = loaded.catalog.lieux.clone();
                    places.retain(|p| wanted.filter.matches(p, now));
                    places.sort_by(|a, b| a.commune_affichee().cmp(&b.commune_affichee()).then(a.nom.cmp(&b.nom)));
                    let points: Vec<MapPoint> = places.iter().filter_map(|p| Some(MapPoint { position: p.position()?, number: None, selected: false })).collect();
                    let count = places.len();
                    view! {
                        <h2>{format!("Tous les lieux {} ({count})", territory.dans)}</h2>
                        <p>"Localisez-vous ou tapez votre commune pour voir les plus proches en premier."</p>
                        <div class="results">
                            <div class="results-list">
                                <ul class="card-list">
                                    {places.into_iter().take(limit.get()).map(|p| {
                                        let state = loaded.index.open_state(&p.id, now);
                                        view! { <li><PlaceCard place=p state=state now=now/></li> }
                                    }).collect_view()}
                                </ul>
                                <Show when=move || { count > limit.get() }>
                                    <button type="button" class="button button-secondary button-wide" on:click=move |_| limit.update(|l| *l += PAGE)>"Voir plus de lieux"</button>
                                </Show>
                            </div>
                            <div class="results-map">
                                {area.map(|area| view! { <TerritoryMap area=area communes=communes points=points label=format!("Carte des lieux {}", territory.dans)/> })}
                            </div>
                        </div>
                    }.into_any()
                }
            }
        }}
    }
}
