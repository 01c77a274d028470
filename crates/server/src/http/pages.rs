//! The public pages, rendered on the server with the app's own views
//! (`proxinum-views`): home list, places, workshops, guides, privacy, the
//! plain registration form and its answer, `sitemap.xml` and `robots.txt`.
//! Pages the app alone can show (Mes inscriptions, Réglages, kiosk,
//! organisers) stay the app shell served by `static_files`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use proxinum_core::catalog::Catalog;
use proxinum_core::place::Place;
use proxinum_core::registration::{self, RegistrationRequest, MAX_SEATS};
use proxinum_core::session::{self, Availability, FieldError, Session};
use proxinum_core::session_filter::{self, SessionFilter};
use proxinum_views::guides::{AllSteps, GuideHeading, GuideList, GuideRelated};
use proxinum_views::home::{HomeHeading, LocatePanel, PlaceFilters, PlaceResults, Wanted};
use proxinum_views::place_page::PlaceDetail;
use proxinum_views::privacy::{ItemMissing, Privacy};
use proxinum_views::registration_form::{
    CancelStep, FormFields, RegistrationCancel, RegistrationClosed, RegistrationDone, RegistrationFormView,
};
use proxinum_views::session_list::{item, upcoming_communes, CalendarSubscription, PastSessions, SessionFilters, UpcomingSessions};
use proxinum_views::session_page::SessionDetail;
use proxinum_views::shell::Freshness;
use uuid::Uuid;

use super::client_address::ClientKey;
use super::AppState;
use crate::catalog::BuiltCatalog;
use crate::db;
use crate::db::registrations::RegisterError;
use crate::render::seo::{self, escape};
use crate::render::{page, Head, Template};

/// What the pages need beyond the API's state: where the site is, the app's
/// `index.html`, and which territory the home page lists.
#[derive(Clone, Debug)]
pub struct Site {
    /// `https://proxinum.gers.fr` (no trailing slash): every absolute URL.
    pub public_url: String,
    pub template: Arc<Template>,
    /// Département listed on the home page ("32").
    pub territory: String,
}

impl Site {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/lieux/{id}", get(place))
        .route("/ateliers", get(sessions))
        .route("/ateliers/passes", get(past_sessions))
        .route("/ateliers/{id}", get(session_page))
        .route("/ateliers/{id}/inscription", get(form_page).post(form_post))
        .route("/inscriptions/{id}/annulation", get(cancel_page).post(cancel_post))
        .route("/guides", get(guides))
        .route("/guides/{id}", get(guide))
        .route("/confidentialite", get(privacy))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
}

fn html(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"))], body).into_response()
}

/// A page the server could not make: said plainly, logged without personal data.
fn failed(error: anyhow::Error) -> Response {
    tracing::error!("page : {error:#}");
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Erreur — Proxinum</title></head><body><h1>Le serveur a rencontré une erreur</h1><p>Réessayez dans un moment.</p><p><a href=\"/\">Revenir à l'accueil</a></p></body></html>".into(),
    )
}

fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

async fn territory_catalog(state: &AppState, code: String) -> anyhow::Result<Option<Arc<BuiltCatalog>>> {
    let catalogs = state.catalogs.clone();
    tokio::task::spawn_blocking(move || catalogs.get(&code)).await?
}

async fn seats_of(state: &AppState, sessions: Vec<Session>, now: DateTime<Utc>) -> anyhow::Result<Vec<Availability>> {
    state.db.read(move |c| db::registrations::upcoming_availability(c, &sessions, now)).await?.map_err(Into::into)
}

/// The catalog of the territory the home and workshop pages list.
async fn home_catalog(state: &AppState) -> Result<Arc<BuiltCatalog>, Response> {
    match territory_catalog(state, state.site.territory.clone()).await {
        Ok(Some(built)) => Ok(built),
        Ok(None) => Err(failed(anyhow::anyhow!("territoire {} inconnu", state.site.territory))),
        Err(error) => Err(failed(error)),
    }
}

fn website(site: &Site, title: &str, description: &str, path: &str) -> Head {
    Head {
        title: title.into(),
        description: description.into(),
        canonical: site.url(path),
        og_type: "website",
        json_ld: None,
        noindex: false,
    }
}

async fn home(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let site = state.site.clone();
    let built = match home_catalog(&state).await {
        Ok(built) => built,
        Err(page) => return page,
    };
    let now = state.clock.now();
    let pairs = query_pairs(query.as_deref());
    let mut wanted = Wanted::from_pairs(&pairs);
    // The plain search form sends only the commune's name.
    let message = wanted.resolve_commune(&pairs, &built.communes);
    let territory = built.catalog.territoire.clone();
    let description = format!(
        "Les lieux d'aide au numérique {} : France Services, conseillers numériques, médiathèques. Adresses, horaires, et s'ils sont ouverts maintenant.",
        territory.dans
    );
    let head = website(&site, "Autour de moi", &description, "/");
    let (catalog, index, date, updated) =
        (built.catalog.clone(), built.index.clone(), built.catalog.donnees_du, built.catalog.mis_a_jour_le);
    let body = page(&site.template, &head, "/", false, move || {
        let none = Callback::new(|_: ()| {});
        view! {
            <HomeHeading/>
            <LocatePanel locating=Signal::stored(false) on_locate=none typed=Signal::stored(String::new()) on_type=Callback::new(|_: String| {})
                suggestions=Signal::stored(Vec::new()) on_choose=Callback::new(|_| {}) on_search=none message=Signal::stored(message)/>
            <PlaceFilters filter=Signal::stored(wanted.filter.clone()) on_change=Callback::new(|_| {})/>
            <Freshness date=Signal::stored(date) updated=Signal::stored(updated) note=Signal::stored(None)/>
            <PlaceResults catalog=catalog index=index wanted=wanted now=now on_more=none/>
        }
        .into_any()
    });
    html(StatusCode::OK, body)
}

fn missing(site: &Site, path: &str, title: &'static str, back_href: &'static str, back_label: &'static str, section: &str) -> Response {
    let mut head = website(site, title, "Cette page n'existe pas (ou plus) dans Proxinum.", path);
    head.noindex = true;
    html(
        StatusCode::NOT_FOUND,
        page(&site.template, &head, section, false, move || {
            view! { <ItemMissing title=title back_href=back_href back_label=back_label/> }.into_any()
        }),
    )
}

/// The place with this id and the catalog of its territory.
async fn find_place(state: &AppState, id: &str) -> anyhow::Result<Option<(Place, Arc<BuiltCatalog>)>> {
    let catalogs = state.catalogs.clone();
    let index = tokio::task::spawn_blocking(move || catalogs.index()).await??;
    let Some(departement) = index.get(id).and_then(|p| p.departement()) else { return Ok(None) };
    let Some(built) = territory_catalog(state, departement).await? else { return Ok(None) };
    Ok(built.catalog.place(id).cloned().map(|p| (p, built)))
}

async fn place(State(state): State<AppState>, Path(id): Path<String>, RawQuery(query): RawQuery) -> Response {
    let site = state.site.clone();
    let path = format!("/lieux/{id}");
    let (place, built) = match find_place(&state, &id).await {
        Ok(Some(found)) => found,
        Ok(None) => return missing(&site, &path, "Lieu introuvable", "/", "Voir les lieux autour de moi", "/"),
        Err(error) => return failed(error),
    };
    let now = state.clock.now();
    let catalog = built.catalog.clone();
    let at_place: Vec<Session> = session_filter::at_place(&catalog, &place.id, now).into_iter().cloned().collect();
    let seats = match seats_of(&state, at_place.clone(), now).await {
        Ok(seats) => seats,
        Err(error) => return failed(error),
    };
    let pairs = query_pairs(query.as_deref());
    let from = Wanted::from_pairs(&pairs).position;
    let back: String = Wanted::from_pairs(&pairs).query(proxinum_views::home::PAGE);
    let today = proxinum_core::time::in_paris(now).date_naive();
    let url = site.url(&path);
    let name = place.nom_affiche();
    let description = place.presentation_resume.as_deref().map(seo::summary).unwrap_or_else(|| {
        format!("{name}, {} {} : adresse, horaires et services d'aide au numérique.", place.code_postal, place.commune_affichee())
    });
    let hours = catalog.calendar(&place.id).cloned();
    let json_ld = seo::place_json_ld(&place, hours.as_ref(), &url, today);
    let head = Head { title: name, description, canonical: url.clone(), og_type: "place", json_ld: Some(json_ld), noindex: false };
    let body = page(&site.template, &head, "/", false, move || {
        let sessions = at_place.iter().map(|s| item(s, &catalog, &seats)).collect();
        let territory = catalog.territoire.clone();
        let communes = catalog.own_communes();
        let stops = built.index.stops_of(&place.id).into_iter().cloned().collect::<Vec<_>>();
        view! { <PlaceDetail place=place hours=hours now=now from=from query=back territory=territory communes=communes sessions=sessions page_url=url kiosk=false stops=stops/> }.into_any()
    });
    html(StatusCode::OK, body)
}

async fn sessions(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let site = state.site.clone();
    let built = match home_catalog(&state).await {
        Ok(built) => built,
        Err(page) => return page,
    };
    let now = state.clock.now();
    let seats = match seats_of(&state, built.catalog.ateliers.clone(), now).await {
        Ok(seats) => seats,
        Err(error) => return failed(error),
    };
    let pairs = query_pairs(query.as_deref());
    let filter = SessionFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let description = format!(
        "Les ateliers numériques {} : smartphone, démarches, ENT, cyberharcèlement… Dates, lieux, places restantes et inscription.",
        built.catalog.territoire.dans
    );
    let head = website(&site, "Ateliers", &description, "/ateliers");
    let catalog = built.catalog.clone();
    let feed = site.url(&format!("/api/catalogue/{}/ateliers.ics", catalog.territoire.code));
    let dans = catalog.territoire.dans.clone();
    let body = page(&site.template, &head, "/ateliers", false, move || {
        let values: HashMap<String, String> = pairs.into_iter().collect();
        let value = Callback::new(move |key: &'static str| values.get(key).cloned().unwrap_or_default());
        let communes = upcoming_communes(&catalog, now);
        view! {
            <h1>"Ateliers"</h1>
            <p class="lead">"Des ateliers près de chez vous pour apprendre, gratuits le plus souvent."</p>
            <SessionFilters value=value communes=Signal::stored(communes) on_set=Callback::new(|_| {})/>
            <Freshness date=Signal::stored(catalog.donnees_du) updated=Signal::stored(catalog.mis_a_jour_le) note=Signal::stored(None)/>
            <UpcomingSessions catalog=catalog filter=filter seats=seats now=now/>
            <p class="link-line"><a href="/ateliers/passes">"Voir les ateliers passés"</a></p>
            <CalendarSubscription feed=feed.clone() dans=dans.clone()/>
        }
        .into_any()
    });
    html(StatusCode::OK, body)
}

async fn past_sessions(State(state): State<AppState>) -> Response {
    let site = state.site.clone();
    let built = match home_catalog(&state).await {
        Ok(built) => built,
        Err(page) => return page,
    };
    let now = state.clock.now();
    let head = website(&site, "Ateliers passés", "Les ateliers numériques qui ont déjà eu lieu.", "/ateliers/passes");
    let catalog = built.catalog.clone();
    let body = page(&site.template, &head, "/ateliers/passes", false, move || {
        view! {
            <p class="back"><a href="/ateliers">"← Ateliers à venir"</a></p>
            <h1>"Ateliers passés"</h1>
            <p class="lead">"Ces ateliers ont déjà eu lieu. On ne peut plus s'y inscrire."</p>
            <PastSessions catalog=catalog now=now/>
        }
        .into_any()
    });
    html(StatusCode::OK, body)
}

/// A workshop, its seats now, and its place (if it takes place in one).
async fn find_session(state: &AppState, id: &str) -> anyhow::Result<Option<(Session, Availability, Option<Place>, Arc<BuiltCatalog>)>> {
    let lookup = id.to_string();
    let found = state
        .db
        .read(move |c| -> anyhow::Result<Option<(Session, Availability)>> {
            let Some(session) = db::sessions::get(c, &lookup)? else { return Ok(None) };
            let seats = db::registrations::availability_of(c, &session)?;
            Ok(Some((session, seats)))
        })
        .await??;
    let Some((session, seats)) = found else { return Ok(None) };
    let Some(built) = territory_catalog(state, session.territoire.clone()).await? else { return Ok(None) };
    let place = built.catalog.venue_place(&session).cloned();
    Ok(Some((session, seats, place, built)))
}

async fn session_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let site = state.site.clone();
    let path = format!("/ateliers/{id}");
    let (session, seats, place, _) = match find_session(&state, &id).await {
        Ok(Some(found)) => found,
        Ok(None) => return missing(&site, &path, "Atelier introuvable", "/ateliers", "Voir les ateliers", "/ateliers"),
        Err(error) => return failed(error),
    };
    let now = state.clock.now();
    let url = site.url(&path);
    let description = seo::summary(&format!(
        "{} {} · {}",
        proxinum_views::capitalise(&session.when_text()),
        proxinum_core::ics::location(&session, place.as_ref()),
        session.resume
    ));
    let json_ld = seo::session_json_ld(&session, place.as_ref(), &url);
    let head = Head {
        title: session.titre.clone(),
        description,
        canonical: url.clone(),
        og_type: "event",
        json_ld: Some(json_ld),
        noindex: false,
    };
    let calendar = format!("/api/ateliers/{}/calendrier.ics", session.id);
    let past = session.is_past(now);
    let body = page(&site.template, &head, "/ateliers", false, move || {
        let actions =
            (!past).then(|| view! { <a class="button button-secondary" href=calendar download="">"Ajouter à mon agenda"</a> }.into_any());
        view! { <SessionDetail session=session place=place seats=Some(seats) now=now page_url=url kiosk=false actions=actions.unwrap_or_else(|| ().into_any())/> }.into_any()
    });
    html(StatusCode::OK, body)
}

/// The form page, fresh or with what was typed and the errors found.
fn form_document(
    site: &Site,
    session: Session,
    seats: Availability,
    retention_days: u32,
    typed: FormFieldsData,
    errors: Vec<FieldError>,
    request_id: Uuid,
) -> String {
    let path = format!("/ateliers/{}/inscription", session.id);
    let head = Head {
        title: format!("Inscription : {}", session.titre),
        description: format!("S'inscrire à l'atelier « {} ».", session.titre),
        canonical: site.url(&path),
        og_type: "website",
        json_ld: None,
        noindex: true,
    };
    page(&site.template, &head, "/ateliers", false, move || {
        let fields = typed.into_fields();
        view! {
            <RegistrationFormView session=session seats_left=seats.places_restantes retention_days=retention_days kiosk=false fields=fields
                errors=Signal::stored(errors) sending=Signal::stored(false) on_submit=Callback::new(|_| {}) request_id=request_id.to_string()/>
        }
        .into_any()
    })
}

async fn form_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let site = state.site.clone();
    let path = format!("/ateliers/{id}/inscription");
    let (session, seats, _, _) = match find_session(&state, &id).await {
        Ok(Some(found)) => found,
        Ok(None) => return missing(&site, &path, "Atelier introuvable", "/ateliers", "Voir les ateliers", "/ateliers"),
        Err(error) => return failed(error),
    };
    if !session.accepts_registrations(state.clock.now()) {
        return closed(&site, session);
    }
    html(StatusCode::OK, form_document(&site, session, seats, state.retention_days, FormFieldsData::default(), Vec::new(), Uuid::new_v4()))
}

fn closed(site: &Site, session: Session) -> Response {
    let mut head = website(
        site,
        "Inscription impossible",
        "Cet atelier ne prend pas d'inscription dans Proxinum.",
        &format!("/ateliers/{}/inscription", session.id),
    );
    head.noindex = true;
    html(
        StatusCode::OK,
        page(&site.template, &head, "/ateliers", false, move || view! { <RegistrationClosed session_id=session.id/> }.into_any()),
    )
}

/// What the plain form posted, as typed.
#[derive(Default, Clone)]
struct FormFieldsData {
    prenom: String,
    nom: String,
    telephone: String,
    courriel: String,
    places: u32,
    besoins: String,
    consentement: bool,
}

impl FormFieldsData {
    fn from_form(pairs: &[(String, String)]) -> (Option<Uuid>, FormFieldsData, Option<FieldError>) {
        let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
        let places_text = get("places");
        let places = places_text.trim().parse::<u32>().ok().filter(|n| (1..=MAX_SEATS).contains(n));
        let places_error =
            places.is_none().then(|| FieldError::new("places", format!("Choisissez un nombre de places entre 1 et {MAX_SEATS}.")));
        let data = FormFieldsData {
            prenom: get("prenom"),
            nom: get("nom"),
            telephone: get("telephone"),
            courriel: get("courriel"),
            places: places.unwrap_or(1),
            besoins: get("besoins"),
            consentement: !get("consentement").is_empty(),
        };
        (Uuid::parse_str(get("id").trim()).ok(), data, places_error)
    }

    fn into_fields(self) -> FormFields {
        let fields = FormFields::empty();
        fields.prenom.set(self.prenom);
        fields.nom.set(self.nom);
        fields.telephone.set(self.telephone);
        fields.courriel.set(self.courriel);
        fields.places.set(self.places.max(1));
        fields.besoins.set(self.besoins);
        fields.consentement.set(self.consentement);
        fields
    }

    fn request(&self, id: Uuid, session_id: &str) -> RegistrationRequest {
        let optional = |s: &str| Some(s.to_string()).filter(|t| !t.trim().is_empty());
        RegistrationRequest {
            id,
            session_id: session_id.to_string(),
            prenom: self.prenom.clone(),
            nom: self.nom.clone(),
            telephone: optional(&self.telephone),
            courriel: optional(&self.courriel),
            places: self.places,
            besoins: optional(&self.besoins),
            consentement: self.consentement,
        }
    }
}

/// The plain form's registration: same validation, same idempotency (the
/// form's id), same decision as `POST /api/inscriptions`.
async fn form_post(State(state): State<AppState>, ClientKey(client): ClientKey, Path(id): Path<String>, body: Bytes) -> Response {
    let site = state.site.clone();
    let path = format!("/ateliers/{id}/inscription");
    let (session, seats, _, _) = match find_session(&state, &id).await {
        Ok(Some(found)) => found,
        Ok(None) => return missing(&site, &path, "Atelier introuvable", "/ateliers", "Voir les ateliers", "/ateliers"),
        Err(error) => return failed(error),
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let (request_id, typed, places_error) = FormFieldsData::from_form(&pairs);
    // A form without a valid id (altered, or very old) gets a new one: it
    // has not been used yet, since nothing was registered without it.
    let request_id = request_id.unwrap_or_else(Uuid::new_v4);
    let again = |errors: Vec<FieldError>, typed: FormFieldsData, request_id: Uuid| {
        html(
            StatusCode::UNPROCESSABLE_ENTITY,
            form_document(&site, session.clone(), seats.clone(), state.retention_days, typed, errors, request_id),
        )
    };
    if !state.limiter.allow(client) {
        crate::metrics::registration("limitee");
        return again(
            vec![FieldError::new("formulaire", "Trop de demandes depuis cette adresse. Réessayez dans une minute.")],
            typed,
            request_id,
        );
    }
    let request = typed.request(request_id, &session.id);
    let valid = match registration::validate(&request, None) {
        Ok(valid) if places_error.is_none() => valid,
        Ok(_) => {
            crate::metrics::registration("invalide");
            return again(places_error.into_iter().collect(), typed, request_id);
        }
        Err(mut errors) => {
            crate::metrics::registration("invalide");
            errors.extend(places_error);
            return again(errors, typed, request_id);
        }
    };
    let fingerprint = super::registrations::fingerprint(&valid.0);
    let outcome = match state.registrar.register(valid, fingerprint, state.clock.now()).await {
        Ok(outcome) => outcome,
        Err(error) => return failed(error),
    };
    match outcome {
        Ok((result, created)) => {
            tracing::info!(inscription = %result.id, atelier = %result.session_id, statut = result.statut.as_str(), nouvelle = created, formulaire = true, "inscription");
            let mut head = website(&site, "Inscription envoyée", "Votre inscription à un atelier.", &path);
            head.noindex = true;
            let title = match result.statut {
                registration::RegistrationStatus::ListeAttente => "Liste d'attente",
                _ => "Inscription confirmée",
            };
            head.title = title.into();
            let status = if created { StatusCode::CREATED } else { StatusCode::OK };
            html(status, page(&site.template, &head, "/ateliers", true, move || view! { <RegistrationDone result=result session=session/> }.into_any()))
        }
        Err(RegisterError::UnknownSession) => missing(&site, &path, "Atelier introuvable", "/ateliers", "Voir les ateliers", "/ateliers"),
        Err(RegisterError::Conflict) => again(
            vec![FieldError::new("formulaire", "Ce formulaire a déjà été envoyé avec d'autres informations. Vérifiez-les et envoyez-le de nouveau pour une nouvelle inscription.")],
            typed,
            Uuid::new_v4(),
        ),
        Err(RegisterError::Refused(_, message)) => again(vec![FieldError::new("formulaire", message)], typed, request_id),
    }
}

/// The cancellation page linked from every notice e-mail: it asks, then
/// the posted form cancels (idempotent; waiting list promoted, each told).
async fn cancel_page(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    cancellation(state, id, false).await
}

async fn cancel_post(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    cancellation(state, id, true).await
}

async fn cancellation(state: AppState, id: String, confirmed: bool) -> Response {
    let site = state.site.clone();
    let path = format!("/inscriptions/{id}/annulation");
    let gone = |site: &Site| missing(site, &path, "Inscription introuvable", "/ateliers", "Voir les ateliers", "/inscriptions");
    let Ok(uuid) = Uuid::parse_str(&id) else { return gone(&site) };
    let now = state.clock.now();
    let outcome = state
        .db
        .run(move |c| -> anyhow::Result<Option<(registration::RegistrationResult, Session, CancelStep)>> {
            let Some(before) = db::registrations::result(c, uuid)? else { return Ok(None) };
            let Some(session) = db::sessions::get(c, &before.session_id)? else { return Ok(None) };
            let step = if before.statut == registration::RegistrationStatus::Annulee {
                CancelStep::Already
            } else if session.has_started(now) {
                CancelStep::Started
            } else if !confirmed {
                CancelStep::Ask
            } else {
                match db::registrations::cancel(c, uuid, now)? {
                    Ok(_) => CancelStep::Done,
                    Err(db::registrations::CancelError::Started) => CancelStep::Started,
                    Err(db::registrations::CancelError::NotFound) => return Ok(None),
                }
            };
            Ok(Some((before, session, step)))
        })
        .await;
    let (result, session, step) = match outcome {
        Ok(Some(found)) => found,
        Ok(None) => return gone(&site),
        Err(error) => return failed(error),
    };
    if step == CancelStep::Done {
        tracing::info!(inscription = %result.id, atelier = %result.session_id, "inscription annulée par le lien d'un e-mail");
    }
    let mut head = website(&site, "Annuler mon inscription", "Annuler une inscription à un atelier.", &path);
    head.noindex = true;
    html(
        StatusCode::OK,
        page(&site.template, &head, "/inscriptions", true, move || {
            view! { <RegistrationCancel result=result session=session step=step/> }.into_any()
        }),
    )
}

async fn guides(State(state): State<AppState>) -> Response {
    let site = state.site.clone();
    let head =
        website(&site, "Guides", "Des guides pas à pas, en mots simples : smartphone, e-mail, démarches en ligne, sécurité.", "/guides");
    let body = page(&site.template, &head, "/guides", false, move || {
        view! {
            <h1>"Guides"</h1>
            <p class="lead">"Des guides pas à pas, à lire à votre rythme, même sans réseau."</p>
            <GuideList guides=crate::defaults::guides().to_vec() progress=Vec::new()/>
        }
        .into_any()
    });
    html(StatusCode::OK, body)
}

async fn guide(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let site = state.site.clone();
    let path = format!("/guides/{id}");
    let Some(guide) = crate::defaults::guides().iter().find(|g| g.id == id).cloned() else {
        return missing(&site, &path, "Guide introuvable", "/guides", "Voir les guides", "/guides");
    };
    let built = match home_catalog(&state).await {
        Ok(built) => built,
        Err(page) => return page,
    };
    let now = state.clock.now();
    let catalog: Arc<Catalog> = built.catalog.clone();
    let index = built.index.clone();
    let url = site.url(&path);
    let head = Head {
        title: guide.titre.clone(),
        description: seo::summary(&format!(
            "{} Pas à pas, en {} étapes : {}.",
            guide.pour,
            guide.etapes.len(),
            guide.etapes.iter().map(|s| s.titre.as_str()).collect::<Vec<_>>().join(", ")
        )),
        canonical: url,
        og_type: "article",
        json_ld: None,
        noindex: false,
    };
    let body = page(&site.template, &head, "/guides", false, move || {
        let (upcoming, _) = session::split_past_upcoming(&catalog.ateliers, now);
        let sessions = upcoming
            .into_iter()
            .filter(|s| s.themes.iter().any(|t| guide.themes.contains(t)))
            .take(3)
            .map(|s| item(s, &catalog, &[]))
            .collect();
        let places = catalog
            .lieux
            .iter()
            .filter(|p| p.services.iter().any(|s| guide.services.contains(s)))
            .take(3)
            .map(|p| (p.clone(), index.open_state(&p.id, now)))
            .collect();
        let none = Callback::new(|_: ()| {});
        view! {
            <GuideHeading guide=guide.clone() can_speak=false all_at_once=Signal::stored(true) on_speak=none on_toggle=none/>
            <AllSteps guide=guide/>
            <GuideRelated sessions=sessions places=places now=now/>
        }
        .into_any()
    });
    html(StatusCode::OK, body)
}

async fn privacy(State(state): State<AppState>) -> Response {
    let site = state.site.clone();
    let head = website(
        &site,
        "Vos données",
        "Ce que Proxinum demande pour une inscription, pourquoi, et combien de temps c'est gardé.",
        "/confidentialite",
    );
    let days = state.retention_days;
    html(
        StatusCode::OK,
        page(&site.template, &head, "/confidentialite", false, move || view! { <Privacy retention_days=Signal::stored(days)/> }.into_any()),
    )
}

async fn sitemap(State(state): State<AppState>) -> Response {
    let site = state.site.clone();
    let built = match home_catalog(&state).await {
        Ok(built) => built,
        Err(page) => return page,
    };
    let now = state.clock.now();
    let catalog = &built.catalog;
    let mut paths: Vec<String> =
        ["/", "/ateliers", "/ateliers/passes", "/guides", "/confidentialite"].into_iter().map(String::from).collect();
    paths.extend(catalog.lieux.iter().map(|p| format!("/lieux/{}", p.id)));
    paths.extend(catalog.ateliers.iter().filter(|s| !s.is_past(now)).map(|s| format!("/ateliers/{}", s.id)));
    paths.extend(catalog.guides.iter().map(|g| format!("/guides/{}", g.id)));
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in paths {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&site.url(&path))));
    }
    xml.push_str("</urlset>\n");
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/xml; charset=utf-8"))], xml).into_response()
}

async fn robots(State(state): State<AppState>) -> Response {
    let text = format!(
        "User-agent: *\nDisallow: /api/\nDisallow: /organisateur\nDisallow: /inscriptions\nDisallow: /kiosque\nSitemap: {}/sitemap.xml\n",
        state.site.public_url
    );
    ([(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"))], text).into_response()
}
