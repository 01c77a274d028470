//! The organiser API (behind the secret token), typed with core's
//! `organiser` wire types; every request goes through `send` and its timeout.

use gloo_net::http::{Request, RequestBuilder, Response};
use proxinum_core::dashboard::Dashboard;
use proxinum_core::organiser::{
    Account, Assignment, Attendance, AuditEntry, CalendarImport, ImportPlan, IssuedSecret, NewOrganiser, OrganiserAccount, PersonToCall,
    Registrant, WorkshopSummary,
};
use proxinum_core::session::Session;
use serde::de::DeserializeOwned;

use super::{send, NetError};

/// What the organisers' pages say when a call fails.
pub fn explain(error: NetError) -> String {
    match error {
        NetError::Unreachable => "Le serveur ne répond pas : cette page demande une connexion.".into(),
        NetError::Bad(m) => m,
    }
}

fn authorised(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder.header("Authorization", &format!("Bearer {}", token.trim()))
}

/// The answer if it is a success, else the server's French message.
async fn checked(response: Response) -> Result<Response, NetError> {
    match response.status() {
        200..=299 => Ok(response),
        401 => Err(NetError::Bad("Jeton ou secret refusé : vérifiez-le (un secret révoqué ne marche plus).".into())),
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

/// Who must be phoned about a change to this workshop, and why.
pub async fn people_to_call(token: &str, session: &str) -> Result<Vec<PersonToCall>, NetError> {
    call(Request::get(&format!("/api/organisateur/ateliers/{session}/a-appeler")), token, None).await
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

/// Who the secret belongs to: the coordinator or an organiser.
pub async fn account(token: &str) -> Result<Account, NetError> {
    call(Request::get("/api/organisateur/compte"), token, None).await
}

pub async fn organisers(token: &str) -> Result<Vec<OrganiserAccount>, NetError> {
    call(Request::get("/api/organisateur/organisateurs"), token, None).await
}

/// Adds an organiser; the answer carries its secret, once.
pub async fn add_organiser(token: &str, name: &str) -> Result<IssuedSecret, NetError> {
    let body = serde_json::to_string(&NewOrganiser { nom: name.to_string() }).ok();
    call(Request::post("/api/organisateur/organisateurs"), token, body).await
}

pub async fn revoke_organiser(token: &str, id: i64) -> Result<(), NetError> {
    let builder = Request::post(&format!("/api/organisateur/organisateurs/{id}/revocation"));
    checked(send(authorised(builder, token), None).await?).await.map(|_| ())
}

/// A new secret for an organiser, once; the old one stops working.
pub async fn renew_organiser(token: &str, id: i64) -> Result<IssuedSecret, NetError> {
    call(Request::post(&format!("/api/organisateur/organisateurs/{id}/secret")), token, None).await
}

/// Gives a workshop to an organiser, or back to the coordinator (`None`).
pub async fn assign(token: &str, session: &str, organiser: Option<i64>) -> Result<(), NetError> {
    let body = serde_json::to_string(&Assignment { organisateur: organiser }).ok();
    let builder = Request::put(&format!("/api/organisateur/ateliers/{session}/organisateur"));
    checked(send(authorised(builder, token), body).await?).await.map(|_| ())
}

pub async fn journal(token: &str) -> Result<Vec<AuditEntry>, NetError> {
    call(Request::get("/api/organisateur/journal?limite=50"), token, None).await
}

/// Previews (or, with `appliquer`, does) a calendar import.
pub async fn import_calendar(token: &str, form: &CalendarImport) -> Result<ImportPlan, NetError> {
    let body = serde_json::to_string(form).ok();
    call(Request::post("/api/organisateur/import-ics"), token, body).await
}

fn dashboard_path(territory: &str, du: &str, au: &str) -> String {
    format!("/api/organisateur/tableau?territoire={territory}&du={du}&au={au}")
}

/// The coordinator's dashboard for a period (dates "AAAA-MM-JJ").
pub async fn dashboard(token: &str, territory: &str, du: &str, au: &str) -> Result<Dashboard, NetError> {
    call(Request::get(&dashboard_path(territory, du, au)), token, None).await
}

/// The same as a spreadsheet (CSV text).
pub async fn dashboard_csv(token: &str, territory: &str, du: &str, au: &str) -> Result<String, NetError> {
    let builder = Request::get(&format!("{}&format=csv", dashboard_path(territory, du, au)));
    let response = checked(send(authorised(builder, token), None).await?).await?;
    response.text().await.map_err(|_| NetError::Unreachable)
}
