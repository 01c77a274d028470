//! Extractors whose rejections are our JSON errors, never a plain-text
//! answer: a JSON body (too big is 413, unreadable is 400 with what is
//! wrong) and path parameters (a malformed id or `%FF` is 400).

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use super::error::Failure;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::BytesRejection(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Failure::TooLarge),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(Failure::BadRequest("Envoyez du JSON avec l'en-tête « Content-Type: application/json ».".into()))
            }
            Err(JsonRejection::JsonSyntaxError(e)) => Err(Failure::BadRequest(format!("JSON illisible : {}", e.body_text()))),
            Err(JsonRejection::JsonDataError(e)) => Err(Failure::BadRequest(format!("Données inattendues : {}", e.body_text()))),
            Err(other) => Err(Failure::BadRequest(other.body_text())),
        }
    }
}

/// Path parameters; a rejection is a JSON 400 that says which part of the
/// address is wrong.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                Err(Failure::BadRequest(format!("Adresse invalide : {}", e.body_text())))
            }
            Err(other) => Err(Failure::BadRequest(format!("Adresse invalide : {}", other.body_text()))),
        }
    }
}
