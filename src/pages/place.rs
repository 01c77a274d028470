//! "Fiche lieu": everything about one place, in plain words.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use proxinum_core::geo::{distance_text, LatLon};
use proxinum_core::hours::{self, day_sentence, weekday_title};
use proxinum_core::place::Place;
use proxinum_core::vocab::Vocabulary;
use proxinum_core::{phone, session_filter, time};

use crate::components::external::ExternalLink;
use crate::components::catalog_item::{with_catalog_item, ItemMissing};
use crate::components::map::{MapPoint, TerritoryMap};
use crate::components::place_card::{open_line, ServiceChips};
use crate::components::qr::QrCode;
use crate::components::session_card::SessionCard;
use crate::components::share::ShareButton;
use crate::net;
use crate::platform::{self, dom, url};
use crate::state::catalog::{use_catalog, Loaded};
use crate::state::settings::use_settings;

#[component]
pub fn PlacePage() -> impl IntoView {
    let location = use_location();
    with_catalog_item(move |loaded, id| match loaded.catalog.place(&id).cloned() {
        None => view! {
            <ItemMissing
                title="Lieu introuvable"
                detail="Ce lieu n'est pas (ou plus) dans la liste."
                back_href="/"
                back_label="Voir les lieux autour de moi"
            />
        }.into_any(),
        Some(place) => {
            let pairs = url::pairs(&location.search.get_untracked());
            let get = |k: &str| pairs.iter().find(|(key, _)| key == k).and_then(|(_, v)| v.parse::<f64>().ok());
            let from = get("lat").zip(get("lon")).and_then(|(a, b)| LatLon::new(a, b));
            view! { <PlaceDetail place=place loaded=loaded from=from back=location.search.get_untracked()/> }.into_any()
        }
    })
}

#[component]
fn PlaceDetail(place: Place, loaded: std::sync::Arc<Loaded>, from: Option<LatLon>, back: String) -> impl IntoView {
    dom::set_title(&place.nom_affiche());
    let now = platform::now();
    let today = time::in_paris(now).date_naive();
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    let schedule = place.horaires.as_deref().and_then(hours::parse);
    let state = schedule.as_ref().map(|s| s.state_at(now));
    let (state_line, state_class) = open_line(state.as_ref(), now);
    let week = schedule.as_ref().map(|s| s.week_of(today));
    let territory = loaded.catalog.territoire.clone();
    let position = place.position();
    let distance = from.zip(position).map(|(a, b)| distance_text(a.distance_km(b)));
    let page_url = net::absolute(&format!("/lieux/{}", place.id));
    let sessions: Vec<_> = session_filter::at_place(&loaded.catalog, &place.id, now).into_iter().cloned().collect();
    let back_href = if back.is_empty() { "/".to_string() } else { format!("/{back}") };
    let name = place.nom_affiche();
    let report = report_mailto(&place, &territory.courriel_signalement, &page_url);
    let stale = place.is_stale(today);
    let address_lines = [Some(place.adresse.clone()), place.complement_adresse.clone(), Some(format!("{} {}", place.code_postal, place.commune_affichee()))];

    let route = position.map(|to| {
        let geo = format!("geo:{:.6},{:.6}?q={:.6},{:.6}({})", to.lat, to.lon, to.lat, to.lon, url::encode(&name));
        let osm = match from {
            Some(f) => format!("https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route={:.5}%2C{:.5}%3B{:.5}%2C{:.5}", f.lat, f.lon, to.lat, to.lon),
            None => format!("https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=17/{:.5}/{:.5}", to.lat, to.lon, to.lat, to.lon),
        };
        (geo, osm)
    });

    let list = |title: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| view! {
            <h3>{title}</h3>
            <ul class="plain-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
        })
    };

    view! {
        <p class="back"><A href=back_href>"← Retour à la liste"</A></p>
        <h1>{name.clone()}</h1>
        <p class="card-meta">
            {place.commune_affichee()}
            {distance.map(|d| format!(" · à {d}"))}
            {place.is_itinerant().then(|| view! { <span class="badge badge-info">"Itinérant"</span> })}
        </p>
        <p class=format!("{state_class} state-large")>{state_line}</p>

        <section class="panel" aria-labelledby="adresse">
            <h2 id="adresse">"Adresse"</h2>
            <address>{address_lines.into_iter().flatten().map(|l| view! { <span class="address-line">{l}</span> }).collect_view()}</address>
            <div class="actions">
                {place.telephone.clone().map(|t| view! { <ExternalLink href=format!("tel:{t}") label=format!("Appeler le {}", phone::display(&t)) class="button"/> })}
                {place.courriels.first().cloned().map(|m| view! { <ExternalLink href=format!("mailto:{m}") label="Écrire un e-mail"/> })}
                {place.site_web.first().cloned().map(|w| view! { <ExternalLink href=w label="Site internet"/> })}
                {place.prise_rdv.clone().map(|r| view! { <ExternalLink href=r label="Prendre rendez-vous en ligne"/> })}
            </div>
            {route.map(|(geo, osm)| view! {
                <div class="actions">
                    <ExternalLink href=geo label="Itinéraire avec mon téléphone"/>
                    <ExternalLink href=osm label="Itinéraire sur OpenStreetMap"/>
                </div>
            })}
        </section>

        <section class="panel" aria-labelledby="horaires">
            <h2 id="horaires">"Horaires"</h2>
            {match (week, place.horaires.clone()) {
                (Some(week), _) => view! {
                    <table class="hours">
                        <caption class="visually-hidden">"Horaires de la semaine"</caption>
                        <tbody>
                            {week.into_iter().map(|day| {
                                let is_today = day.date == today;
                                view! {
                                    <tr class:today=is_today aria-current=is_today.then_some("date")>
                                        <th scope="row">{weekday_title(day.date.weekday())}{is_today.then_some(" (aujourd'hui)")}</th>
                                        <td>{day_sentence(&day)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">"Fermé les jours fériés, sauf mention contraire."</p>
                }.into_any(),
                (None, Some(text)) => view! {
                    <p>"Horaires indiqués par le lieu :"</p>
                    <p class="raw-hours">{text}</p>
                    <p class="hint">"Ces horaires ne sont pas dans un format que Proxinum sait lire : vérifiez-les en appelant."</p>
                }.into_any(),
                (None, None) => view! { <p>"Horaires non indiqués. Appelez avant de venir."</p> }.into_any(),
            }}
        </section>

        <section class="panel" aria-labelledby="services">
            <h2 id="services">"Ce que propose ce lieu"</h2>
            <ServiceChips services=place.services.clone()/>
            {place.presentation_resume.clone().map(|t| view! { <p>{t}</p> })}
            {place.presentation_detail.clone().map(|t| view! { <p>{t}</p> })}
            {list("Services", place.services.iter().map(|s| s.label().to_string()).collect())}
            {list("Publics accueillis en priorité", place.publics_specifiquement_adresses.iter().map(|s| s.label().to_string()).collect())}
            {list("Accompagnement adapté", place.prise_en_charge_specifique.iter().map(|s| s.label().to_string()).collect())}
            {list("Comment se faire aider", place.modalites_accompagnement.iter().map(|s| s.label().to_string()).collect())}
            {list("Comment venir", place.modalites_acces.iter().map(|s| s.label().to_string()).collect())}
            {list("Prix", place.frais_a_charge.iter().map(|s| s.label().to_string()).collect())}
            {list("Programmes nationaux", place.dispositif_programmes_nationaux.iter().map(|s| s.label().to_string()).collect())}
            {place.fiche_acces_libre.clone().map(|a| view! { <p><ExternalLink href=a label="Accessibilité du lieu (acceslibre)"/></p> })}
        </section>

        {(!sessions.is_empty()).then(|| {
            let availability = use_catalog().availability;
            let loaded = loaded.clone();
            view! {
                <section aria-labelledby="ateliers-ici">
                    <h2 id="ateliers-ici">"Prochains ateliers ici"</h2>
                    <ul class="card-list">
                        {sessions.into_iter().map(|s| {
                            let seats = availability.with_untracked(|a| a.iter().find(|x| x.id == s.id).cloned());
                            view! { <li><SessionCard session=s catalog=loaded.clone() seats=seats/></li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}

        {position.zip(territory.emprise).map(|(p, area)| {
            let communes: Vec<_> = loaded.catalog.communes.iter().filter(|c| c.departement == territory.code).cloned().collect();
            view! { <TerritoryMap area=area communes=communes points=vec![MapPoint { position: p, number: None, selected: true }] me=from.unwrap_or(p) label=format!("Carte : {name} {}", territory.dans)/> }
        })}

        <section class="panel" aria-labelledby="infos">
            <h2 id="infos">"Ces informations"</h2>
            <p>{format!("Mis à jour le {}.", time::short_date(place.date_maj))}</p>
            {stale.then(|| view! { <p class="notice notice-warning">"Ces informations ont plus d'un an. Appelez avant de vous déplacer."</p> })}
            {place.source.clone().map(|s| view! { <p class="hint">{format!("Source : {s}.")}</p> })}
            <div class="actions">
                <ExternalLink href=report label="Signaler une erreur"/>
                {(!kiosk).then(|| view! { <ShareButton url=page_url.clone() title=name.clone()/> })}
            </div>
            {kiosk.then(|| view! { <QrCode url=page_url.clone() caption="Emporter cette fiche sur mon téléphone"/> })}
        </section>
    }
}

/// A prefilled e-mail to the territory's data contact.
fn report_mailto(place: &Place, to: &str, page: &str) -> String {
    let subject = format!("Proxinum : erreur sur « {} »", place.nom_affiche());
    let body = format!(
        "Bonjour,\n\nJ'ai vu une erreur sur la fiche de ce lieu :\n{} ({} {})\nIdentifiant : {}\nFiche : {}\n\nCe qui est faux :\n\nCe qui est juste :\n\nMerci.",
        place.nom_affiche(),
        place.code_postal,
        place.commune_affichee(),
        place.id,
        page
    );
    format!("mailto:{to}?subject={}&body={}", url::encode(&subject), url::encode(&body))
}
