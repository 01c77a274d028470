//! Registrations: `POST /api/inscriptions` (idempotent by the client's UUID),
//! `DELETE /api/inscriptions/{id}`, their status, and a workshop's seats.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use proxinum_core::registration::{self, ApiError, RegistrationRequest, RegistrationResult, ValidationErrors};
use proxinum_core::session::Session;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use super::client_address::ClientKey;
use super::error::{ApiResult, Failure};
use super::extract::{ApiJson, ApiPath};
use super::AppState;
use crate::db;
use crate::db::registrations::{CancelError, RegisterError};

#[derive(Serialize, ToSchema)]
pub struct SessionDetail {
    /// The workshop.
    #[schema(value_type = Object)]
    atelier: Session,
    /// Seats left; null when there is no limit.
    places_restantes: Option<u32>,
    /// Seats asked by people on the waiting list.
    liste_attente: u32,
}

/// A workshop with its seats left and waiting list.
#[utoipa::path(
    get,
    path = "/api/sessions/{id}",
    tag = "ateliers",
    params(("id" = String, Path, description = "Identifiant de l'atelier")),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = SessionDetail), (status = 404, body = ApiError))
)]
pub async fn session(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> ApiResult<Json<SessionDetail>> {
    let lookup = id.clone();
    let found = state
        .db
        .read(move |c| -> anyhow::Result<Option<SessionDetail>> {
            let Some(session) = db::sessions::get(c, &lookup)? else { return Ok(None) };
            let availability = db::registrations::availability_of(c, &session)?;
            Ok(Some(SessionDetail {
                places_restantes: availability.places_restantes,
                liste_attente: availability.liste_attente,
                atelier: session,
            }))
        })
        .await??;
    found.map(Json).ok_or_else(|| Failure::NotFound(format!("Atelier « {id} » introuvable.")))
}

fn check_rate(state: &AppState, client: IpAddr) -> ApiResult<()> {
    if state.limiter.allow(client) {
        Ok(())
    } else {
        Err(Failure::TooMany)
    }
}

/// What identifies a request's content: a replay must be byte-for-byte the
/// same registration once cleaned.
pub(super) fn fingerprint(request: &RegistrationRequest) -> String {
    let canonical = serde_json::to_vec(request).unwrap_or_default();
    Sha256::digest(canonical).iter().map(|b| format!("{b:02x}")).collect()
}

/// Registers to a workshop. The same `id` sent again returns the stored
/// result (200) and creates nothing; other data under the same `id` is 409.
#[utoipa::path(
    post,
    path = "/api/inscriptions",
    tag = "inscriptions",
    request_body = RegistrationRequest,
    responses(
        (status = 201, description = "Inscription enregistrée", body = RegistrationResult),
        (status = 200, description = "Même demande déjà reçue : résultat enregistré", body = RegistrationResult),
        (status = 400, body = ApiError),
        (status = 404, description = "Atelier inconnu", body = ApiError),
        (status = 409, description = "Atelier annulé, complet, commencé ou passé, ou identifiant déjà utilisé avec d'autres données", body = ApiError),
        (status = 413, body = ApiError),
        (status = 422, description = "Données invalides", body = ValidationErrors),
        (status = 429, body = ApiError),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    ApiJson(request): ApiJson<RegistrationRequest>,
) -> ApiResult<(StatusCode, Json<RegistrationResult>)> {
    check_rate(&state, client).inspect_err(|_| crate::metrics::registration("limitee"))?;
    let valid =
        registration::validate(&request, None).map_err(Failure::Invalid).inspect_err(|_| crate::metrics::registration("invalide"))?;
    let fingerprint = fingerprint(&valid.0);
    let now = state.clock.now();
    let outcome = state.registrar.register(valid, fingerprint, now).await?;
    match outcome {
        Ok((result, created)) => {
            tracing::info!(inscription = %result.id, atelier = %result.session_id, statut = result.statut.as_str(), nouvelle = created, "inscription");
            Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(result)))
        }
        Err(RegisterError::UnknownSession) => Err(Failure::NotFound(format!("Atelier « {} » introuvable.", request.session_id))),
        Err(RegisterError::Conflict) => Err(Failure::Conflict(
            "identifiant_deja_utilise",
            "Cet identifiant d'inscription est déjà utilisé pour une autre demande.".into(),
        )),
        Err(RegisterError::Refused(code, message)) => Err(Failure::Conflict(code, message)),
    }
}

/// The current status of a registration (no personal data): lets "Mes
/// inscriptions" see a move from the waiting list.
#[utoipa::path(
    get,
    path = "/api/inscriptions/{id}",
    tag = "inscriptions",
    params(("id" = Uuid, Path, description = "Identifiant de l'inscription")),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),(status = 200, body = RegistrationResult), (status = 404, body = ApiError))
)]
pub async fn status(State(state): State<AppState>, ApiPath(id): ApiPath<Uuid>) -> ApiResult<Json<RegistrationResult>> {
    let found = state.db.read(move |c| db::registrations::result(c, id)).await??;
    found.map(Json).ok_or_else(|| Failure::NotFound("Inscription introuvable.".into()))
}

/// Cancels a registration (idempotent); the waiting list moves up.
#[utoipa::path(
    delete,
    path = "/api/inscriptions/{id}",
    tag = "inscriptions",
    params(("id" = Uuid, Path, description = "Identifiant de l'inscription")),
    responses(
        (status = 400, description = "Adresse ou données illisibles", body = proxinum_core::registration::ApiError),
        (status = 200, body = RegistrationResult),
        (status = 404, body = ApiError),
        (status = 409, description = "L'atelier a commencé", body = ApiError),
        (status = 429, body = ApiError),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    ClientKey(client): ClientKey,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<RegistrationResult>> {
    check_rate(&state, client)?;
    let now = state.clock.now();
    match state.db.run(move |c| db::registrations::cancel(c, id, now)).await? {
        Ok(result) => {
            tracing::info!(inscription = %id, "annulation");
            Ok(Json(result))
        }
        Err(CancelError::NotFound) => Err(Failure::NotFound("Inscription introuvable.".into())),
        Err(CancelError::Started) => {
            Err(Failure::Conflict("commence", "L'atelier a commencé : l'inscription ne peut plus être annulée ici.".into()))
        }
    }
}
