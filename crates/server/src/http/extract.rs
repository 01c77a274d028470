//! Extractors whose rejections are our JSON errors, never a plain-text
//! answer: a JSON body (too big is 413, unreadable is 400 with what is
//! wrong, a field of the wrong type or value — `places: -1` — is 422 naming
//! the field) and path parameters (a malformed id or `%FF` is 400).

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use proxinum_core::session::FieldError;
use serde::de::DeserializeOwned;

use super::error::Failure;

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Failure;

    /// axum reads the body as any JSON value (content type, size, syntax);
    /// `decode` then reads our type from it, knowing the path of a bad field.
    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<serde_json::Value>::from_request(request, state).await {
            Ok(axum::Json(value)) => decode(value).map(ApiJson),
            Err(JsonRejection::BytesRejection(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Failure::TooLarge),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(Failure::BadRequest("Envoyez du JSON avec l'en-tête « Content-Type: application/json ».".into()))
            }
            Err(JsonRejection::JsonSyntaxError(e)) => Err(Failure::BadRequest(format!("JSON illisible : {}", e.body_text()))),
            Err(other) => Err(Failure::BadRequest(other.body_text())),
        }
    }
}

/// Our type from a JSON value: missing fields are 400; a value of the wrong
/// type or out of range in a named field is 422 with that field, as the
/// validation's own errors are.
fn decode<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, Failure> {
    // Every body of the API is an object; serde would also take a struct
    // written as an array (`[null, null]`), which the schema does not allow.
    if !value.is_object() {
        return Err(Failure::BadRequest("Envoyez un objet JSON : {\"champ\": valeur, …}.".into()));
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let field = error.path().to_string();
        let inner = error.into_inner();
        let message = inner.to_string();
        if field != "." && !message.starts_with("missing field") {
            Failure::Invalid(vec![FieldError::new(&field, format!("Valeur refusée pour « {field} » : {message}."))])
        } else {
            Failure::BadRequest(format!("Données inattendues : {message}"))
        }
    })
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

/// Query parameters; a rejection is a JSON 400 that names the parameter.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(Failure::BadRequest(format!("Paramètre invalide : {}", rejection.body_text()))),
        }
    }
}
