//! "Autour de moi": where to look from (located, typed commune), the
//! filters by need, and the list of places with its map. Position, filters
//! and length of the list live in the URL, so that a link can be shared,
//! "back" works, and the server can render the same list without JavaScript.

use std::sync::Arc;

use leptos::prelude::*;
use proxinum_core::catalog::Catalog;
use proxinum_core::communes::{Commune, Gazetteer};
use proxinum_core::decimal::{self, Fixed};
use proxinum_core::filter::{encode_query_value as encode, Need, PlaceFilter};
use proxinum_core::geo::{BoundingBox, LatLon};
use proxinum_core::nearest::PlaceIndex;
use proxinum_core::vocab::{Frais, Public, Vocabulary};

use crate::map::{MapPoint, TerritoryMap};
use crate::place_card::PlaceCard;

/// Places shown at first, and added by "Voir plus de lieux".
pub const PAGE: usize = 10;
/// The label of a position found by geolocation (never put in the URL).
pub const LOCATED: &str = "votre position";

/// Position, filters and length of the list, as read from the URL.
#[derive(Clone, Debug, PartialEq)]
pub struct Wanted {
    pub position: Option<LatLon>,
    /// "Lectoure", "votre position", or the kiosk's place.
    pub label: Option<String>,
    pub filter: PlaceFilter,
    pub limit: usize,
}

impl Wanted {
    /// From the query's pairs (`lat`, `lon`, `commune`, filters, `nombre`).
    pub fn from_pairs(pairs: &[(String, String)]) -> Wanted {
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        let filter = PlaceFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap_or_default();
        let position = get("lat").zip(get("lon")).and_then(|(a, b)| LatLon::new(decimal::parse(&a)?, decimal::parse(&b)?));
        let label = get("commune").filter(|c| !c.trim().is_empty()).or_else(|| position.map(|_| LOCATED.to_string()));
        let limit = get("nombre").and_then(|n| n.parse::<usize>().ok()).map(|n| n.clamp(PAGE, 500)).unwrap_or(PAGE);
        Wanted { position, label, filter, limit }
    }

    /// A link or the plain search form may name a commune without its
    /// position (`/?commune=Auch`): find it in the gazetteer. Returns what
    /// to tell the resident when it cannot be found.
    pub fn resolve_commune(&mut self, pairs: &[(String, String)], communes: &Gazetteer) -> Option<String> {
        if self.position.is_some() {
            return None;
        }
        let typed = pairs.iter().find(|(k, _)| k == "commune").map(|(_, v)| v.trim().to_string()).filter(|t| !t.is_empty())?;
        let message = match communes.search(&typed, 1).first() {
            Some(commune) => match commune.position() {
                Some(p) => {
                    self.position = Some(p);
                    self.label = Some(commune.nom.clone());
                    return None;
                }
                None => format!("La position de {} n'est pas connue. Essayez une commune voisine.", commune.nom),
            },
            None => "Aucune commune trouvée. Vérifiez l'orthographe ou tapez le code postal (5 chiffres).".to_string(),
        };
        self.label = None;
        Some(message)
    }

    /// The query string (without `?`) of the position, for links that come
    /// back to this list.
    pub fn position_query(&self) -> String {
        match (self.position, &self.label) {
            (Some(p), Some(label)) if label != LOCATED => {
                format!("lat={}&lon={}&commune={}", Fixed(p.lat, 5), Fixed(p.lon, 5), encode(label))
            }
            (Some(p), _) => format!("lat={}&lon={}", Fixed(p.lat, 5), Fixed(p.lon, 5)),
            _ => String::new(),
        }
    }

    /// The whole query string (without `?`): position, filters, length.
    pub fn query(&self, limit: usize) -> String {
        let mut parts: Vec<String> = Vec::new();
        let position = self.position_query();
        if !position.is_empty() {
            parts.push(position);
        }
        let filters = self.filter.to_query();
        if !filters.is_empty() {
            parts.push(filters);
        }
        if limit > PAGE {
            parts.push(format!("nombre={limit}"));
        }
        parts.join("&")
    }
}

/// "Me localiser" and the commune search. Without JavaScript the search is a
/// plain form that asks the server for `/?commune=…`.
#[component]
pub fn LocatePanel(
    locating: Signal<bool>,
    on_locate: Callback<()>,
    typed: Signal<String>,
    on_type: Callback<String>,
    suggestions: Signal<Vec<Commune>>,
    on_choose: Callback<Commune>,
    on_search: Callback<()>,
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <section class="panel locate" aria-labelledby="ou-etes-vous">
            <h2 id="ou-etes-vous" class="visually-hidden">"Où êtes-vous ?"</h2>
            // Not `disabled` while it works: a disabled button loses focus.
            <button type="button" class="button button-wide app-seulement" aria-disabled=move || locating.get().then_some("true")
                on:click=move |_| if !locating.get_untracked() { on_locate.run(()) }>
                {move || if locating.get() { "Recherche de votre position…" } else { "Me localiser" }}
            </button>
            <form role="search" class="commune-search" action="/" method="get"
                on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); on_search.run(()); }>
                <label for="commune">"Ou tapez votre commune ou votre code postal"</label>
                <div class="search-row">
                    <input id="commune" name="commune" type="search" autocomplete="off" inputmode="search"
                        placeholder="Exemple : Auch"
                        aria-controls=move || (!suggestions.with(Vec::is_empty)).then_some("communes-trouvees")
                        prop:value=move || typed.get()
                        on:input=move |ev| on_type.run(event_target_value(&ev))/>
                    <button type="submit" class="button">"Chercher"</button>
                </div>
                {move || {
                    let list = suggestions.get();
                    (!list.is_empty()).then(|| {
                        let items = list.into_iter().map(|c| {
                            let label = format!("{} ({})", c.nom, c.codes_postaux.first().cloned().unwrap_or_default());
                            view! { <li><button type="button" class="suggestion" on:click=move |_| on_choose.run(c.clone())>{label}</button></li> }
                        }).collect_view();
                        view! { <ul class="suggestions" id="communes-trouvees" aria-label="Communes trouvées">{items}</ul> }
                    })
                }}
            </form>
            {move || message.get().map(|m| view! { <p class="notice notice-info" role="status">{m}</p> })}
        </section>
    }
}

/// The filters by need and criteria; `on_change` receives the new filter.
#[component]
pub fn PlaceFilters(filter: Signal<PlaceFilter>, on_change: Callback<PlaceFilter>) -> impl IntoView {
    let change = move |edit: &dyn Fn(&mut PlaceFilter)| {
        let mut f = filter.get_untracked();
        edit(&mut f);
        on_change.run(f);
    };
    let active = move || filter.with(|f| !f.is_empty());
    let count = move || {
        filter.with(|f| {
            f.besoins.len() + f.publics.len() + f.frais.len() + usize::from(f.ouvert_maintenant) + usize::from(f.itinerant.is_some())
        })
    };
    let checkbox = move |id: &'static str, label: &'static str, checked: fn(&PlaceFilter) -> bool, toggle: fn(&mut PlaceFilter, bool)| {
        view! {
            <label class="check" for=id>
                <input type="checkbox" id=id checked=filter.with_untracked(checked) prop:checked=move || filter.with(checked)
                    on:change=move |ev| { let on = event_target_checked(&ev); change(&|f: &mut PlaceFilter| toggle(f, on)); }/>
                <span>{label}</span>
            </label>
        }
    };
    let needs = Need::ALL
        .into_iter()
        .map(|need| {
            let id = format!("besoin-{}", need.slug());
            let for_id = id.clone();
            view! {
                <label class="check" for=for_id>
                    <input type="checkbox" id=id checked=filter.with_untracked(|f| f.besoins.contains(&need)) prop:checked=move || filter.with(|f| f.besoins.contains(&need))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            change(&|f: &mut PlaceFilter| { f.besoins.retain(|n| *n != need); if on { f.besoins.push(need); } });
                        }/>
                    <span>{need.label()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        // Filters act in the app; on the server's page (JavaScript off, or
        // before the app takes it over) they would be inert: `app-seulement`.
        <details class="panel filters app-seulement" open=active>
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
                <div class="field">
                    <label for="public">"Public"</label>
                    <select id="public" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        change(&|f: &mut PlaceFilter| { f.publics = Public::from_label_or_slug(&value).into_iter().collect(); });
                    }>
                        <option value="" selected=move || filter.with(|f| f.publics.is_empty())>"Tout public"</option>
                        {Public::ALL.iter().map(|p| {
                            let wanted = p.clone();
                            view! { <option value=p.slug() selected=move || filter.with(|f| f.publics.contains(&wanted))>{p.label().to_string()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {checkbox("gratuit", "Gratuit", |f| f.frais.contains(&Frais::Gratuit), |f, on| {
                    f.frais.retain(|x| *x != Frais::Gratuit);
                    if on { f.frais.push(Frais::Gratuit); }
                })}
                {checkbox("ouvert", "Ouvert maintenant", |f| f.ouvert_maintenant, |f, on| f.ouvert_maintenant = on)}
                {checkbox("itinerant", "Itinérant (bus, permanence mobile)", |f| f.itinerant == Some(true), |f, on| f.itinerant = on.then_some(true))}
            </fieldset>
            <Show when=active>
                <button type="button" class="button button-secondary" on:click=move |_| on_change.run(PlaceFilter::default())>"Effacer les filtres"</button>
            </Show>
        </details>
    }
}

/// The list of places (nearest first when a position is known, else by
/// commune) with the map beside it. "Voir plus de lieux" is a link to the
/// longer list, which the app turns into an in-page action (`on_more`).
#[component]
pub fn PlaceResults(
    catalog: Arc<Catalog>,
    index: Arc<PlaceIndex>,
    wanted: Wanted,
    now: chrono::DateTime<chrono::Utc>,
    on_more: Callback<()>,
) -> impl IntoView {
    let territory = catalog.territoire.clone();
    let area = territory.emprise.or_else(|| BoundingBox::around(catalog.lieux.iter().filter_map(|p| p.position())));
    let communes = catalog.own_communes();
    let query = wanted.position_query();
    let limit = wanted.limit;
    let more_href = format!("/?{}", wanted.query(limit + PAGE));
    let more_link = move |shown: bool| {
        let href = more_href.clone();
        shown.then(|| {
            view! {
                <a href=href class="button button-secondary button-wide more"
                    on:click=move |ev: leptos::ev::MouseEvent| { ev.prevent_default(); on_more.run(()); }>"Voir plus de lieux"</a>
            }
        })
    };
    match wanted.position {
        Some(from) => {
            let nearest = index.nearest(from, &wanted.filter, now, limit);
            let total = index.count(&wanted.filter, now);
            let label = wanted.label.clone().unwrap_or_default();
            let heading = match nearest.len() {
                0 => format!("Aucun lieu ne correspond près de {label}."),
                1 => format!("Le lieu le plus proche de {label}"),
                n => format!("Les {n} lieux les plus proches de {label}"),
            };
            let points: Vec<MapPoint> = catalog
                .lieux
                .iter()
                .filter_map(|p| {
                    let listed = nearest.iter().position(|n| n.place.id == p.id);
                    let number = listed.map(|i| i + 1);
                    // A listed service is drawn where the list puts it (an
                    // itinerant one at its stop, not at its depot).
                    let position = match listed {
                        Some(i) => nearest[i].position()?,
                        None => p.position()?,
                    };
                    Some(MapPoint { position, number, selected: number == Some(1) })
                })
                .collect();
            let cards = nearest
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let state = index.open_state(&n.place.id, now);
                    view! { <li><PlaceCard place=n.place.clone() number=i + 1 distance_km=n.distance_km state=state now=now query=query.clone() stop=n.stop.cloned()/></li> }
                })
                .collect_view();
            let apart = index.without_position(&wanted.filter, now).into_iter().cloned().collect::<Vec<_>>();
            let more = more_link(total > nearest.len());
            let no_match = nearest.is_empty() && !wanted.filter.is_empty();
            view! {
                // Said by the app's live region when it changes (`focus::announce_text_of`).
                <h2 class="results-heading" tabindex="-1">{heading}</h2>
                {no_match.then(|| view! { <p>"Essayez avec moins de filtres."</p> })}
                <div class="results">
                    <div class="results-list">
                        <ol class="card-list">{cards}</ol>
                        {more}
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
                                let state = index.open_state(&p.id, now);
                                view! { <li><PlaceCard place=p state=state now=now/></li> }
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            }
            .into_any()
        }
        None => {
            let mut places: Vec<_> = index.matching(&wanted.filter, now).into_iter().cloned().collect();
            proxinum_core::order::sort_by(&mut places, |a, b| a.commune_affichee().cmp(&b.commune_affichee()).then(a.nom.cmp(&b.nom)));
            let points: Vec<MapPoint> =
                places.iter().filter_map(|p| Some(MapPoint { position: p.position()?, number: None, selected: false })).collect();
            let count = places.len();
            let more = more_link(count > limit);
            view! {
                <h2 class="results-heading" tabindex="-1">{format!("Tous les lieux {} ({count})", territory.dans)}</h2>
                <p>"Localisez-vous ou tapez votre commune pour voir les plus proches en premier."</p>
                <div class="results">
                    <div class="results-list">
                        <ul class="card-list">
                            {places.into_iter().take(limit).map(|p| {
                                let state = index.open_state(&p.id, now);
                                view! { <li><PlaceCard place=p state=state now=now/></li> }
                            }).collect_view()}
                        </ul>
                        {more}
                    </div>
                    <div class="results-map">
                        {area.map(|area| view! { <TerritoryMap area=area communes=communes points=points label=format!("Carte des lieux {}", territory.dans)/> })}
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

/// The top of the page, the same for the server and the app.
#[component]
pub fn HomeHeading() -> impl IntoView {
    view! {
        <h1>"Autour de moi"</h1>
        <p class="lead">"Trouvez un lieu près de chez vous pour vous aider avec le numérique."</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        q.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn reads_and_writes_the_query() {
        let w = Wanted::from_pairs(&pairs("lat=43.64600&lon=0.58600&commune=Auch&nombre=20"));
        assert_eq!(w.label.as_deref(), Some("Auch"));
        assert_eq!(w.limit, 20);
        assert_eq!(w.query(30), "lat=43.64600&lon=0.58600&commune=Auch&nombre=30");
        assert_eq!(w.position_query(), "lat=43.64600&lon=0.58600&commune=Auch");
        let located = Wanted::from_pairs(&pairs("lat=43.6&lon=0.5"));
        assert_eq!(located.label.as_deref(), Some(LOCATED));
        assert_eq!(located.position_query(), "lat=43.60000&lon=0.50000");
        assert_eq!(Wanted::from_pairs(&pairs("nombre=-3")).limit, PAGE);
        assert_eq!(Wanted::from_pairs(&[]).query(PAGE), "");
    }
}
