//! Extractors whose rejections are our JSON errors, never a plain-text
//! answer: a JSON body (too big is 413, unreadable is 400 with what is
//! wrong, a field of the wrong type or value — `places: -1` — is 422 naming
//! the field) and path parameters (a malformed id or `%FF` is 400).

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use proxinum_core::session::FieldError;
use serde::de::DeserializeOwned;

use super::error::Failure;

/// A JSON body: syntax errors and missing fields are 400; a value of the
/// wrong type or out of range in a named field is 422 with that field, as
/// the validation's own errors are.
fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Failure> {
    // Every body of the API is an object; serde would also take a struct
    // written as an array (`[null, null]`), which the schema does not allow.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(Failure::BadRequest("Envoyez un objet JSON : {\"champ\": valeur, …}.".into()));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let field = error.path().to_string();
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data if field != "." && !inner.to_string().starts_with("missing field") => {
                let wanted = inner.to_string();
                let wanted = wanted.split(" at line ").next().unwrap_or(&wanted).to_string();
                Failure::Invalid(vec![FieldError::new(&field, format!("Valeur refusée pour « {field} » : {wanted}."))])
            }
            serde_json::error::Category::Data => Failure::BadRequest(format!("Données inattendues : {inner}")),
            _ => Failure::BadRequest(format!("JSON illisible : {inner}")),
        }
    })?;
    // Something after the value ("{…} garbage").
    deserializer.end().map_err(|e| Failure::BadRequest(format!("JSON illisible : {e}")))?;
    Ok(value)
}

pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !is_json {
            return Err(Failure::BadRequest("Envoyez du JSON avec l'en-tête « Content-Type: application/json ».".into()));
        }
        let bytes = match Bytes::from_request(request, state).await {
            Ok(bytes) => bytes,
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(Failure::TooLarge),
            Err(rejection) => return Err(Failure::BadRequest(rejection.body_text())),
        };
        decode(&bytes).map(ApiJson)
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
