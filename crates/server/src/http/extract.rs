//! A JSON body extractor whose rejections are our JSON errors: too big is
//! 413, unreadable is 400 with what is wrong, never a plain-text answer.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
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
