//! The organiser API (behind the secret token), typed with core's
//! `organiser` wire types; every request goes through `send` and its timeout.

use gloo_net::http::{Request, RequestBuilder, Response};
use proxinum_core::organiser::{Attendance, Registrant, WorkshopSummary};
use proxinum_core::session::Session;
use serde::de::DeserializeOwned;

use super::{send, NetError};

fn authorised(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {}", token.trim()))
}

/// The answer if it is a success, else the server's French message.
async fn checked(response: Response) -> Result<Response, NetError> {
    match response.status() {
        200..=299 => Ok(response),
        401 => Err(NetError::Bad("Jeton refusé : vérifiez-le.".into())),
        status => {
            let message = response.json::<proxinum_core::registration::ApiError>().await.map(|e| e.message);
            Err(NetError::Bad(message.unwrap_or_else(|_| format!("Erreur du serveur ({status})."))))
        }
    }
}

async fn call<T: DeserializeOwned>(builder: RequestBuilder, token: &str, body: Option<String>) -> Result<T, NetError> {
    let response = checked(send(authorised(builder, token), body).await?).await?;
    response.json().await.map_err(|_| NetError::Bad("Réponse du serveur illisible.".into()))
}

pub async fn workshops(token: &str, territory: &str) -> Result<Vec<WorkshopSummary>, NetError> {
    call(Request::get(&format!("/api/organisateur/ateliers?territoire={territory}")), token, None).await
}

pub async fn registrants(token: &str, session: &str) -> Result<Vec<Registrant>, NetError> {
    call(Request::get(&format!("/api/organisateur/ateliers/{session}/inscriptions")), token, None).await
}

pub async fn attendance(token: &str, registration: &str, present: bool) -> Result<(), NetError> {
    let body = serde_json::to_string(&Attendance { present }).ok();
    let builder = Request::put(&format!("/api/organisateur/inscriptions/{registration}/presence"));
    checked(send(authorised(builder, token), body).await?).await.map(|_| ())
}

pub async fn cancel_workshop(token: &str, session: &str) -> Result<Session, NetError> {
    call(Request::post(&format!("/api/organisateur/ateliers/{session}/annulation")), token, None).await
}

/// The CSV export as text (the page offers it as a download).
pub async fn registrants_csv(token: &str, session: &str) -> Result<String, NetError> {
    let builder = Request::get(&format!("/api/organisateur/ateliers/{session}/inscriptions.csv"));
    let response = checked(send(authorised(builder, token), None).await?).await?;
    response.text().await.map_err(|_| NetError::Unreachable)
}
