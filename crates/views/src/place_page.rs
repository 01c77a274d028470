//! "Fiche lieu": everything about one place, in plain words.

use chrono::Datelike;
use leptos::prelude::*;
use proxinum_core::communes::Commune;
use proxinum_core::decimal::Fixed;
use proxinum_core::filter::encode_query_value as encode;
use proxinum_core::geo::{distance_text, LatLon};
use proxinum_core::hours::{day_sentence, weekday_title, Calendar};
use proxinum_core::place::Place;
use proxinum_core::territory::Territory;
use proxinum_core::tour::{self, Stop};
use proxinum_core::vocab::Vocabulary;
use proxinum_core::{phone, time};

use crate::links::{ExternalLink, QrCode};
use crate::map::{MapPoint, TerritoryMap};
use crate::place_card::{open_line, ServiceChips};
use crate::session_card::{SessionCards, SessionItem};

/// Where the place page's "Retour à la liste" goes: the list the resident
/// came from (`query` is its query string, without `?`).
pub fn back_to_list(query: &str) -> String {
    let query = query.trim_start_matches('?');
    if query.is_empty() {
        "/".to_string()
    } else {
        format!("/?{query}")
    }
}

/// A place's page. `query` is the list's query string (position, filters);
/// `share` is what the app adds to share the page (nothing on the server).
#[component]
pub fn PlaceDetail(
    place: Place,
    /// Its opening hours as the catalog evaluated them.
    hours: Option<Calendar>,
    now: chrono::DateTime<chrono::Utc>,
    from: Option<LatLon>,
    query: String,
    territory: Territory,
    communes: Vec<Commune>,
    sessions: Vec<SessionItem>,
    page_url: String,
    kiosk: bool,
    #[prop(optional_no_strip)] share: Option<AnyView>,
    /// An itinerant place's stops (its tour).
    #[prop(optional)]
    stops: Vec<Stop>,
) -> impl IntoView {
    let today = time::in_paris(now).date_naive();
    let state = hours.as_ref().map(|h| h.state_at(now));
    let (state_line, state_class) = open_line(state.as_ref(), now);
    // Past the calendar's last day the table would be guesses: the hours
    // are then shown as the place wrote them.
    let week = hours.as_ref().filter(|h| h.covers(today)).map(|h| h.week_of(today));
    let position = place.position();
    let distance = from.zip(position).map(|(a, b)| distance_text(a.distance_km(b)));
    let name = place.nom_affiche();
    let report = report_mailto(&place, &territory.courriel_signalement, &page_url);
    let stale = place.is_stale(today);
    let address_lines = [
        Some(place.adresse.clone()),
        place.complement_adresse.clone(),
        Some(format!("{} {}", place.code_postal, place.commune_affichee())),
    ];

    let route = position.map(|to| {
        let (lat, lon) = (Fixed(to.lat, 6), Fixed(to.lon, 6));
        let geo = format!("geo:{lat},{lon}?q={lat},{lon}({})", encode(&name));
        let osm = match from {
            Some(f) => format!(
                "https://www.openstreetmap.org/directions?engine=fossgis_osrm_car&route={}%2C{}%3B{}%2C{}",
                Fixed(f.lat, 5),
                Fixed(f.lon, 5),
                Fixed(to.lat, 5),
                Fixed(to.lon, 5)
            ),
            None => {
                let (lat, lon) = (Fixed(to.lat, 5), Fixed(to.lon, 5));
                format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
            }
        };
        (geo, osm)
    });

    let list = |title: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <h3>{title}</h3>
                <ul class="plain-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }
        })
    };

    view! {
        <p class="back"><a href=back_to_list(&query)>"← Retour à la liste"</a></p>
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
                {place.telephone.clone().map(|t| view! { <ExternalLink href=format!("tel:{t}") label=format!("Appeler le {}", phone::display(&t)) class="button" kiosk=kiosk/> })}
                {place.courriels.first().cloned().map(|m| view! { <ExternalLink href=format!("mailto:{m}") label="Écrire un e-mail" kiosk=kiosk/> })}
                {place.site_web.first().cloned().map(|w| view! { <ExternalLink href=w label="Site internet" kiosk=kiosk/> })}
                {place.prise_rdv.clone().map(|r| view! { <ExternalLink href=r label="Prendre rendez-vous en ligne" kiosk=kiosk/> })}
            </div>
            {route.map(|(geo, osm)| view! {
                <div class="actions">
                    <ExternalLink href=geo label="Itinéraire avec mon téléphone" kiosk=kiosk/>
                    <ExternalLink href=osm label="Itinéraire sur OpenStreetMap" kiosk=kiosk/>
                </div>
            })}
        </section>

        {(!stops.is_empty()).then(|| view! {
            <section class="panel" aria-labelledby="passages">
                <h2 id="passages">"Où et quand il passe"</h2>
                <ul class="plain-list">
                    {stops.iter().map(|stop| {
                        let dates = stop.next_dates(now, 3);
                        view! { <li><strong>{stop.place_text()}</strong>" — "{tour::schedule_text(stop, &dates)}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}

        <section class="panel" aria-labelledby="horaires">
            <h2 id="horaires">"Horaires"</h2>
            {match (week, place.horaires.clone()) {
                (None, Some(text)) if hours.is_some() => view! {
                    <p>"Horaires indiqués par le lieu :"</p>
                    <p class="raw-hours">{text}</p>
                    <p class="hint">"Les horaires gardés sur cet appareil sont trop anciens. Connectez-vous à Internet pour les mettre à jour, ou appelez avant de venir."</p>
                }.into_any(),
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
            {place.fiche_acces_libre.clone().map(|a| view! { <p><ExternalLink href=a label="Accessibilité du lieu (acceslibre)" kiosk=kiosk/></p> })}
        </section>

        {(!sessions.is_empty()).then(|| view! {
            <section aria-labelledby="ateliers-ici">
                <h2 id="ateliers-ici">"Prochains ateliers ici"</h2>
                <SessionCards items=sessions/>
            </section>
        })}

        {position.zip(territory.emprise).map(|(p, area)| view! {
            <TerritoryMap area=area communes=communes points=vec![MapPoint { position: p, number: None, selected: true }] me=from.unwrap_or(p) label=format!("Carte : {name} {}", territory.dans)/>
        })}

        <section class="panel" aria-labelledby="infos">
            <h2 id="infos">"Ces informations"</h2>
            <p>{format!("Mis à jour le {}.", time::short_date(place.date_maj))}</p>
            {stale.then(|| view! { <p class="notice notice-warning">"Ces informations ont plus d'un an. Appelez avant de vous déplacer."</p> })}
            {place.source.clone().map(|s| view! { <p class="hint">{format!("Source : {s}.")}</p> })}
            <div class="actions">
                <ExternalLink href=report label="Signaler une erreur" kiosk=kiosk/>
                {share}
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
    format!("mailto:{to}?subject={}&body={}", encode(&subject), encode(&body))
}

#[cfg(test)]
mod tests {
    use super::back_to_list;

    #[test]
    fn back_link_keeps_the_question_mark() {
        assert_eq!(back_to_list(""), "/");
        assert_eq!(back_to_list("lat=43.65343&lon=0.57519&commune=Auch"), "/?lat=43.65343&lon=0.57519&commune=Auch");
        assert_eq!(back_to_list("?commune=Auch"), "/?commune=Auch");
    }
}
