//! API errors as JSON: `{"erreurs": [...]}` for invalid data (422), and
//! `{"code", "message"}` for everything else, messages in French.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use proxinum_core::registration::{ApiError, ValidationErrors};
use proxinum_core::session::FieldError;

#[derive(Debug)]
pub enum Failure {
    Invalid(Vec<FieldError>),
    BadRequest(String),
    Unauthorized,
    /// A valid secret that may not do this (an organiser on the
    /// coordinator's tools).
    Forbidden(String),
    NotFound(String),
    Conflict(&'static str, String),
    TooLarge,
    TooMany,
    /// 405; `Allow` is added by the caller, which knows it.
    MethodNotAllowed,
    UriTooLong,
    HeadersTooLarge,
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Internal(error)
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(error: rusqlite::Error) -> Self {
        Failure::Internal(error.into())
    }
}

fn body(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, Json(ApiError { code: code.to_string(), message: message.into() })).into_response()
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::Invalid(erreurs) => (StatusCode::UNPROCESSABLE_ENTITY, Json(ValidationErrors { erreurs })).into_response(),
            Failure::BadRequest(message) => body(StatusCode::BAD_REQUEST, "requete_invalide", message),
            Failure::Unauthorized => {
                let mut response = body(
                    StatusCode::UNAUTHORIZED,
                    "jeton_requis",
                    "Accès réservé aux organisateurs : envoyez votre jeton ou votre secret (valide, non révoqué) dans l'en-tête « Authorization: Bearer <jeton> ».",
                );
                response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                response
            }
            Failure::Forbidden(message) => body(StatusCode::FORBIDDEN, "reserve", message),
            Failure::NotFound(message) => body(StatusCode::NOT_FOUND, "introuvable", message),
            Failure::Conflict(code, message) => body(StatusCode::CONFLICT, code, message),
            Failure::TooLarge => body(StatusCode::PAYLOAD_TOO_LARGE, "trop_volumineux", "La demande est trop volumineuse."),
            Failure::TooMany => {
                let mut response = body(
                    StatusCode::TOO_MANY_REQUESTS,
                    "trop_de_demandes",
                    "Trop de demandes depuis cette adresse. Réessayez dans une minute.",
                );
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
                response
            }
            Failure::MethodNotAllowed => body(
                StatusCode::METHOD_NOT_ALLOWED,
                "methode_non_permise",
                "Cette méthode n'est pas permise à cette adresse (voir l'en-tête « Allow »).",
            ),
            Failure::UriTooLong => body(StatusCode::URI_TOO_LONG, "adresse_trop_longue", "L'adresse demandée est trop longue."),
            Failure::HeadersTooLarge => body(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                "en_tetes_trop_grands",
                "Les en-têtes de la demande sont trop volumineux.",
            ),
            Failure::Internal(error) => {
                // Errors never carry personal data: requests are not logged.
                tracing::error!("erreur interne : {error:#}");
                body(StatusCode::INTERNAL_SERVER_ERROR, "erreur_interne", "Le serveur a rencontré une erreur. Réessayez plus tard.")
            }
        }
    }
}

pub type ApiResult<T> = Result<T, Failure>;
