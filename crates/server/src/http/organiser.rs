//! Organiser tools over HTTP, behind a secret: the coordinator's token or
//! an organiser's own (`accounts`). List workshops and registrations,
//! export CSV, mark attendance, create, edit, cancel and postpone
//! workshops, erase personal data on request — an organiser only for its
//! own workshops (others answer 404); the coordinator also manages
//! organisers, gives workshops to them and reads the audit log.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{NaiveDate, NaiveDateTime};
use proxinum_core::dashboard::{Dashboard, WorkshopFacts};
use proxinum_core::registration::ApiError;
use proxinum_core::session::Session;
use proxinum_core::session_filter::venue_commune;
use serde::Deserialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error::{ApiResult, Failure};
use super::extract::{ApiJson, ApiPath, ApiQuery};
use super::AppState;
use crate::accounts::{self, AccountError, Actor};
use crate::cli::IcsOptions;
use crate::db;
use crate::ics_import;
use crate::workshops::{self, WorkshopInput, WriteError};
use proxinum_core::organiser::{
    Account, Assignment, Attendance, AuditEntry, CalendarImport, ImportPlan, IssuedSecret, NewOrganiser, OrganiserAccount, PersonToCall,
    Registrant, WorkshopSummary,
};

/// Declares the Bearer scheme in the OpenAPI document.
pub struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("jeton", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

pub fn routes(state: AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_workshops, create_workshop))
        .routes(routes!(replace_workshop))
        .routes(routes!(cancel_workshop))
        .routes(routes!(postpone_workshop))
        .routes(routes!(list_registrations))
        .routes(routes!(export_registrations))
        .routes(routes!(people_to_call))
        .routes(routes!(publish_tour))
        .routes(routes!(mark_attendance))
        .routes(routes!(erase_registration_data))
        .routes(routes!(account))
        .routes(routes!(list_organisers, add_organiser))
        .routes(routes!(revoke_organiser))
        .routes(routes!(renew_organiser))
        .routes(routes!(assign_workshop))
        .routes(routes!(audit_log))
        .routes(routes!(dashboard))
        // A year of events fits (the rest of the API keeps 64 KiB).
        .merge(OpenApiRouter::new().routes(routes!(import_calendar)).layer(axum::extract::DefaultBodyLimit::max(IMPORT_MAX_BYTES)))
        .route_layer(axum::middleware::from_fn_with_state(state, require_token))
}

/// Largest calendar file the organisers' page may send.
pub const IMPORT_MAX_BYTES: usize = 2 * 1024 * 1024;

/// Finds who the secret belongs to and hands the handlers an `Actor`.
async fn require_token(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let given = request.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(bearer_token).map(str::to_string);
    let Some(given) = given else { return Failure::Unauthorized.into_response() };
    match state.db.read(move |c| accounts::authenticate(c, &given)).await {
        Ok(Ok(Some(actor))) => {
            request.extensions_mut().insert(actor);
            next.run(request).await
        }
        Ok(Ok(None)) => Failure::Unauthorized.into_response(),
        Ok(Err(error)) => Failure::from(anyhow::Error::from(error)).into_response(),
        Err(error) => Failure::from(error).into_response(),
    }
}

/// 403 for an organiser on the coordinator's tools (its secret is valid,
/// the tool is not its to use).
fn coordinator_only(actor: &Actor) -> ApiResult<()> {
    if actor.coordinates() {
        Ok(())
    } else {
        Err(Failure::Forbidden("Réservé à la coordination.".into()))
    }
}

fn workshop_missing(id: &str) -> Failure {
    Failure::NotFound(format!("Atelier « {id} » introuvable."))
}

/// The token of an `Authorization: Bearer …` header; the scheme's name is
/// case-insensitive (RFC 7235).
fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

fn write_failure(error: WriteError, id: &str) -> Failure {
    match error {
        WriteError::Invalid(errors) => Failure::Invalid(errors),
        WriteError::Exists(existing) => Failure::Conflict("existe_deja", format!("L'atelier « {existing} » existe déjà.")),
        WriteError::NotFound => Failure::NotFound(format!("Atelier « {id} » introuvable.")),
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TerritoryQuery {
    /// Code du département (tous si absent).
    territoire: Option<String>,
}

/// Workshops with their seats and registration counts.
#[utoipa::path(
    get, path = "/api/organisateur/ateliers", tag = "organisateurs", security(("jeton" = [])),
    params(TerritoryQuery),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Vec<WorkshopSummary>), (status = 401, body = ApiError))
)]
pub async fn list_workshops(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiQuery(query): ApiQuery<TerritoryQuery>,
) -> ApiResult<Json<Vec<WorkshopSummary>>> {
    let list = state
        .db
        .read(move |c| -> anyhow::Result<Vec<WorkshopSummary>> {
            let sessions = match (actor.organiser_id(), &query.territoire) {
                (Some(id), code) => db::sessions::of_owner(c, id, code.as_deref())?,
                (None, Some(code)) => db::sessions::of_territory(c, code)?,
                (None, None) => db::sessions::all(c)?,
            };
            sessions
                .into_iter()
                .map(|s| {
                    Ok(WorkshopSummary {
                        disponibilite: db::registrations::availability_of(c, &s)?,
                        inscriptions: db::registrations::of_session(c, &s.id)?.len(),
                        organisateur: db::sessions::owner(c, &s.id)?.flatten(),
                        atelier: s,
                    })
                })
                .collect()
        })
        .await??;
    Ok(Json(list))
}

/// Creates a workshop, or a weekly series (one workshop per date).
#[utoipa::path(
    post, path = "/api/organisateur/ateliers", tag = "organisateurs", security(("jeton" = [])),
    request_body = WorkshopInput,
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),
        (status = 201, description = "Ateliers créés", body = Vec<Object>),
        (status = 401, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = proxinum_core::registration::ValidationErrors),
    )
)]
pub async fn create_workshop(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(input): ApiJson<WorkshopInput>,
) -> ApiResult<(StatusCode, Json<Vec<Session>>)> {
    let now = state.clock.now();
    let id = input.atelier.id.clone();
    match state.db.run(move |c| workshops::create(c, &actor, input, now)).await? {
        Ok(created) => Ok((StatusCode::CREATED, Json(created))),
        Err(error) => Err(write_failure(error, &id)),
    }
}

/// Replaces a workshop's description.
#[utoipa::path(
    put, path = "/api/organisateur/ateliers/{id}", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)), request_body = Object,
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Object), (status = 401, body = ApiError), (status = 404, body = ApiError), (status = 422, body = proxinum_core::registration::ValidationErrors))
)]
pub async fn replace_workshop(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(session): ApiJson<Session>,
) -> ApiResult<Json<Session>> {
    let now = state.clock.now();
    let key = id.clone();
    match state.db.run(move |c| workshops::replace(c, &actor, &key, session, now)).await? {
        Ok(session) => Ok(Json(session)),
        Err(error) => Err(write_failure(error, &id)),
    }
}

/// Cancels a workshop: its registrations are cancelled too.
#[utoipa::path(
    post, path = "/api/organisateur/ateliers/{id}/annulation", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Object), (status = 401, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn cancel_workshop(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Session>> {
    let now = state.clock.now();
    let key = id.clone();
    let found = state.db.run(move |c| workshops::cancel(c, &actor, &key, now)).await?;
    found.map(Json).ok_or_else(|| workshop_missing(&id))
}

#[derive(Deserialize, ToSchema)]
pub struct Postponement {
    /// New start (Paris time), when known.
    #[schema(value_type = Option<String>, example = "2026-12-15T14:00:00")]
    debut: Option<NaiveDateTime>,
    #[schema(value_type = Option<String>, example = "2026-12-15T16:00:00")]
    fin: Option<NaiveDateTime>,
}

/// Postpones a workshop, to new dates when known.
#[utoipa::path(
    post, path = "/api/organisateur/ateliers/{id}/report", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)), request_body = Postponement,
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Object), (status = 401, body = ApiError), (status = 404, body = ApiError), (status = 422, body = proxinum_core::registration::ValidationErrors))
)]
pub async fn postpone_workshop(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<Postponement>,
) -> ApiResult<Json<Session>> {
    let dates = match (body.debut, body.fin) {
        (Some(debut), Some(fin)) => Some((debut, fin)),
        (None, None) => None,
        _ => return Err(Failure::BadRequest("Donnez la nouvelle date de début et de fin, ou aucune.".into())),
    };
    let now = state.clock.now();
    let key = id.clone();
    match state.db.run(move |c| workshops::postpone(c, &actor, &key, dates, now)).await? {
        Ok(session) => Ok(Json(session)),
        Err(error) => Err(write_failure(error, &id)),
    }
}

/// The registrations of a workshop, with contact details.
#[utoipa::path(
    get, path = "/api/organisateur/ateliers/{id}/inscriptions", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Vec<Registrant>), (status = 401, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn list_registrations(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Vec<Registrant>>> {
    let key = id.clone();
    let found = state
        .db
        .read(move |c| -> anyhow::Result<Option<Vec<Registrant>>> {
            if !accounts::workshop_in_reach(c, &actor, &key)? {
                return Ok(None);
            }
            Ok(Some(db::registrations::of_session(c, &key)?))
        })
        .await??;
    found.map(Json).ok_or_else(|| workshop_missing(&id))
}

/// Who must be phoned about a change to this workshop (cancelled,
/// postponed, a seat freed), and why: those no e-mail reached.
#[utoipa::path(
    get, path = "/api/organisateur/ateliers/{id}/a-appeler", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Vec<PersonToCall>), (status = 401, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn people_to_call(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<Vec<PersonToCall>>> {
    let (key, emails_sent) = (id.clone(), state.emails_sent);
    let found = state
        .db
        .read(move |c| -> anyhow::Result<Option<Vec<PersonToCall>>> {
            if !accounts::workshop_in_reach(c, &actor, &key)? {
                return Ok(None);
            }
            let Some(session) = db::sessions::get(c, &key)? else { return Ok(None) };
            let list = db::notices::to_call(c, &key, emails_sent)?
                .into_iter()
                .map(|call| PersonToCall {
                    raison: proxinum_core::notice::call_reason(call.kind, &session),
                    inscription_id: call.registration_id,
                    prenom: call.prenom,
                    nom: call.nom,
                    telephone: call.telephone,
                    courriel_echoue: call.email_failed,
                })
                .collect();
            Ok(Some(list))
        })
        .await??;
    found.map(Json).ok_or_else(|| workshop_missing(&id))
}

/// Publishes the tour of an itinerant place: its stops (commune, weekday,
/// hours, first and last day) replace the previous ones; the catalog
/// carries them, and "Autour de moi" places the service at its nearest stop.
#[utoipa::path(
    put, path = "/api/organisateur/lieux/{id}/arrets", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)), request_body = crate::tours::TourInput,
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = Vec<proxinum_core::tour::Stop>), (status = 401, body = ApiError), (status = 404, body = ApiError), (status = 422, body = proxinum_core::registration::ValidationErrors))
)]
pub async fn publish_tour(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<crate::tours::TourInput>,
) -> ApiResult<Json<Vec<proxinum_core::tour::Stop>>> {
    let (key, now) = (id.clone(), state.clock.now());
    match state.db.run(move |c| crate::tours::publish(c, &actor, &key, &body, now)).await? {
        Ok(stops) => Ok(Json(stops)),
        Err(crate::tours::TourError::UnknownPlace) => Err(Failure::NotFound(format!("Lieu « {id} » introuvable."))),
        Err(crate::tours::TourError::NotItinerant) => Err(Failure::Invalid(vec![proxinum_core::session::FieldError::new(
            "lieu",
            "ce lieu n'est pas itinérant : une tournée se publie pour un bus, un camping-car ou une permanence itinérante",
        )])),
        Err(crate::tours::TourError::Invalid(errors)) => Err(Failure::Invalid(errors)),
    }
}

/// The registrations of a workshop as a spreadsheet (CSV, UTF-8 with BOM, `;`).
#[utoipa::path(
    get, path = "/api/organisateur/ateliers/{id}/inscriptions.csv", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, content_type = "text/csv", body = String), (status = 401, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn export_registrations(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let key = id.clone();
    let csv = state
        .db
        .read(move |c| -> anyhow::Result<Option<Vec<u8>>> {
            if !accounts::workshop_in_reach(c, &actor, &key)? {
                return Ok(None);
            }
            Ok(Some(workshops::registrations_csv(c, &key)?))
        })
        .await??;
    let Some(csv) = csv else { return Err(workshop_missing(&id)) };
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"inscriptions-{}.csv\"", id.replace('"', "")))
        .unwrap_or(HeaderValue::from_static("attachment"));
    let mut response = Response::new(Body::from(csv));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    response.headers_mut().insert(header::CONTENT_DISPOSITION, disposition);
    Ok(response)
}

/// Marks whether someone came.
#[utoipa::path(
    put, path = "/api/organisateur/inscriptions/{id}/presence", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)), request_body = Attendance,
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 204), (status = 401, body = ApiError), (status = 404, body = ApiError), (status = 422, body = proxinum_core::registration::ValidationErrors))
)]
pub async fn mark_attendance(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<Attendance>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    if state.db.run(move |c| workshops::mark_attendance(c, &actor, &id, body.present, now)).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Failure::NotFound("Inscription introuvable.".into()))
    }
}

/// Erases a registration's personal data (RGPD request); the seat count stays.
#[utoipa::path(
    delete, path = "/api/organisateur/inscriptions/{id}/donnees", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 204), (status = 401, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn erase_registration_data(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    if state.db.run(move |c| workshops::erase_registration(c, &actor, &id, now)).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Failure::NotFound("Inscription introuvable.".into()))
    }
}

/// Who the secret belongs to: the coordinator or an organiser.
#[utoipa::path(
    get, path = "/api/organisateur/compte", tag = "organisateurs", security(("jeton" = [])),
    responses((status = 200, body = Account), (status = 401, body = ApiError))
)]
pub async fn account(Extension(actor): Extension<Actor>) -> Json<Account> {
    Json(actor.account())
}

fn account_failure(error: AccountError) -> Failure {
    match error {
        AccountError::Invalid(message) => Failure::BadRequest(message),
        AccountError::NameTaken(name) => Failure::Conflict("existe_deja", format!("Il y a déjà un organisateur « {name} ».")),
        AccountError::NotFound => Failure::NotFound("Organisateur introuvable.".into()),
    }
}

/// The organisers (coordinator only).
#[utoipa::path(
    get, path = "/api/organisateur/organisateurs", tag = "organisateurs", security(("jeton" = [])),
    responses((status = 200, body = Vec<OrganiserAccount>), (status = 401, body = ApiError), (status = 403, body = ApiError))
)]
pub async fn list_organisers(State(state): State<AppState>, Extension(actor): Extension<Actor>) -> ApiResult<Json<Vec<OrganiserAccount>>> {
    coordinator_only(&actor)?;
    Ok(Json(state.db.read(db::organisers::all).await??))
}

/// Adds an organiser (coordinator only); its secret is in the answer, once.
#[utoipa::path(
    post, path = "/api/organisateur/organisateurs", tag = "organisateurs", security(("jeton" = [])),
    request_body = NewOrganiser,
    responses(
        (status = 201, body = IssuedSecret), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 409, body = ApiError),
        (status = 422, body = proxinum_core::registration::ValidationErrors))
)]
pub async fn add_organiser(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(body): ApiJson<NewOrganiser>,
) -> ApiResult<(StatusCode, Json<IssuedSecret>)> {
    coordinator_only(&actor)?;
    let now = state.clock.now();
    match state.db.run(move |c| accounts::add_organiser(c, &actor, &body.nom, now)).await? {
        Ok(issued) => Ok((StatusCode::CREATED, Json(issued))),
        Err(error) => Err(account_failure(error)),
    }
}

/// Revokes an organiser's secret (coordinator only).
#[utoipa::path(
    post, path = "/api/organisateur/organisateurs/{id}/revocation", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn revoke_organiser(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    coordinator_only(&actor)?;
    let now = state.clock.now();
    match state.db.run(move |c| accounts::revoke(c, &actor, id, now)).await? {
        Ok(_) => Ok(StatusCode::NO_CONTENT),
        Err(error) => Err(account_failure(error)),
    }
}

/// Gives an organiser a new secret, in the answer, once (coordinator only).
#[utoipa::path(
    post, path = "/api/organisateur/organisateurs/{id}/secret", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = IssuedSecret), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn renew_organiser(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<IssuedSecret>> {
    coordinator_only(&actor)?;
    let now = state.clock.now();
    match state.db.run(move |c| accounts::renew(c, &actor, id, now)).await? {
        Ok(issued) => Ok(Json(issued)),
        Err(error) => Err(account_failure(error)),
    }
}

/// Gives a workshop to an organiser, or back to the coordinator (coordinator only).
#[utoipa::path(
    put, path = "/api/organisateur/ateliers/{id}/organisateur", tag = "organisateurs", security(("jeton" = [])),
    params(("id" = String, Path)), request_body = Assignment,
    responses(
        (status = 204), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 422, body = proxinum_core::registration::ValidationErrors))
)]
pub async fn assign_workshop(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<Assignment>,
) -> ApiResult<StatusCode> {
    coordinator_only(&actor)?;
    let now = state.clock.now();
    let key = id.clone();
    match state.db.run(move |c| accounts::assign(c, &actor, &key, body.organisateur, now)).await? {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(AccountError::NotFound) => Err(workshop_missing(&id)),
        Err(error) => Err(account_failure(error)),
    }
}

/// Imports a calendar file (.ics) as workshops, like `ateliers importer-ics`:
/// without `appliquer`, only says what would be created, updated or
/// skipped and why; with it, writes all of that at once. An unreadable
/// file changes nothing and says why.
#[utoipa::path(
    post, path = "/api/organisateur/import-ics", tag = "organisateurs", security(("jeton" = [])),
    request_body = CalendarImport,
    responses(
        (status = 200, body = ImportPlan), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 413, body = ApiError), (status = 422, body = proxinum_core::registration::ValidationErrors))
)]
pub async fn import_calendar(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiJson(body): ApiJson<CalendarImport>,
) -> ApiResult<Json<ImportPlan>> {
    let options =
        IcsOptions::try_from(&body).map_err(|message| Failure::BadRequest(format!("Import refusé, rien n'a changé : {message}.")))?;
    let sessions = ics_import::sessions(&body.fichier, &options)
        .map_err(|e| Failure::BadRequest(format!("Fichier refusé, rien n'a changé : {e}.")))?;
    let now = state.clock.now();
    let apply = body.appliquer;
    Ok(Json(state.db.run(move |c| workshops::import(c, &actor, sessions, apply, now)).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Code du département.
    territoire: String,
    /// Premier jour de la période (AAAA-MM-JJ), compris.
    #[param(value_type = String, example = "2026-01-01")]
    du: NaiveDate,
    /// Dernier jour de la période (AAAA-MM-JJ), compris.
    #[param(value_type = String, example = "2026-12-31")]
    au: NaiveDate,
    /// « csv » pour un tableur (sinon JSON).
    format: Option<String>,
}

/// The coordinator's dashboard for a period and a territory: workshops
/// held, to come and cancelled, seats, attendance where noted, waiting
/// lists, by theme, public, commune and month. Counts only, never a name.
#[utoipa::path(
    get, path = "/api/organisateur/tableau", tag = "organisateurs", security(("jeton" = [])),
    params(DashboardQuery),
    responses(
        (status = 200, body = Dashboard), (status = 400, body = ApiError), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError))
)]
pub async fn dashboard(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiQuery(query): ApiQuery<DashboardQuery>,
) -> ApiResult<Response> {
    coordinator_only(&actor)?;
    if query.au < query.du {
        return Err(Failure::BadRequest("La fin de la période (au) est avant son début (du).".into()));
    }
    let catalogs = state.catalogs.clone();
    let code = query.territoire.clone();
    let built = tokio::task::spawn_blocking(move || catalogs.get(&code)).await.map_err(|e| Failure::Internal(e.into()))??;
    let Some(built) = built else { return Err(Failure::NotFound(format!("Territoire « {} » inconnu.", query.territoire))) };
    let code = query.territoire.clone();
    let facts = state
        .db
        .read(move |c| -> anyhow::Result<Vec<WorkshopFacts>> {
            db::sessions::of_territory(c, &code)?
                .into_iter()
                .map(|session| {
                    Ok(WorkshopFacts {
                        commune: venue_commune(&session, &built.catalog),
                        seats: db::registrations::seats_of(c, &session.id)?,
                        session,
                    })
                })
                .collect()
        })
        .await??;
    let board = proxinum_core::dashboard::compute(&query.territoire, &facts, query.du, query.au, state.clock.now());
    if query.format.as_deref() != Some("csv") {
        return Ok(Json(board).into_response());
    }
    let name = format!("attachment; filename=\"tableau-de-bord-{}-{}-{}.csv\"", query.territoire.replace('"', ""), query.du, query.au);
    let mut response = Response::new(Body::from(proxinum_core::dashboard::csv(&board)));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    response
        .headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&name).unwrap_or(HeaderValue::from_static("attachment")));
    Ok(response)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
    /// Entrées les plus récentes à rendre, de 1 à 1000 (200 par défaut).
    #[param(minimum = 1, maximum = 1000)]
    limite: Option<u32>,
}

/// The audit log, newest first (coordinator only): who changed what, when.
#[utoipa::path(
    get, path = "/api/organisateur/journal", tag = "organisateurs", security(("jeton" = [])),
    params(JournalQuery),
    responses((status = 200, body = Vec<AuditEntry>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError))
)]
pub async fn audit_log(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    ApiQuery(query): ApiQuery<JournalQuery>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    coordinator_only(&actor)?;
    let limit = match query.limite {
        None => 200,
        Some(n @ 1..=1000) => n as usize,
        Some(_) => return Err(Failure::BadRequest("Paramètre invalide : limite va de 1 à 1000.".into())),
    };
    Ok(Json(state.db.read(move |c| accounts::journal(c, limit)).await??))
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn bearer_scheme_in_any_case() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer abc"), Some("abc"));
        assert_eq!(bearer_token("BEARER  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer"), None);
        assert_eq!(bearer_token("Bearer   "), None);
    }
}
