//! The organiser API (behind the secret token).

use gloo_net::http::Request;
use serde_json::Value;

use super::NetError;

fn authorised(builder: gloo_net::http::RequestBuilder, token: &str) -> gloo_net::http::RequestBuilder {
    builder.header("Authorization", &format!("Bearer {}", token.trim()))
}

async fn json(builder: gloo_net::http::RequestBuilder) -> Result<Value, NetError> {
    let response = builder.send().await.map_err(|_| NetError::Unreachable)?;
    match response.status() {
        200 | 201 => response.json().await.map_err(|e| NetError::Bad(e.to_string())),
        204 => Ok(Value::Null),
        401 => Err(NetError::Bad("Jeton refusé : vérifiez-le.".into())),
        status => {
            let body: Value = response.json().await.unwrap_or(Value::Null);
            Err(NetError::Bad(body["message"].as_str().map(String::from).unwrap_or_else(|| format!("Erreur du serveur ({status})."))))
        }
    }
}

pub async fn workshops(token: &str, territory: &str) -> Result<Value, NetError> {
    json(authorised(Request::get(&format!("/api/organisateur/ateliers?territoire={territory}")), token)).await
}

pub async fn registrants(token: &str, session: &str) -> Result<Value, NetError> {
    json(authorised(Request::get(&format!("/api/organisateur/ateliers/{session}/inscriptions")), token)).await
}

pub async fn attendance(token: &str, registration: &str, present: bool) -> Result<Value, NetError> {
    let request = authorised(Request::put(&format!("/api/organisateur/inscriptions/{registration}/presence")), token)
        .header("Content-Type", "application/json")
        .body(format!("{{\"present\":{present}}}"))
        .map_err(|e| NetError::Bad(e.to_string()))?;
    let response = request.send().await.map_err(|_| NetError::Unreachable)?;
    if response.status() == 204 {
        Ok(Value::Null)
    } else {
        Err(NetError::Bad(format!("Erreur du serveur ({}).", response.status())))
    }
}

pub async fn cancel_workshop(token: &str, session: &str) -> Result<Value, NetError> {
    json(authorised(Request::post(&format!("/api/organisateur/ateliers/{session}/annulation")), token)).await
}

/// The CSV export as text (the page offers it as a download).
pub async fn registrants_csv(token: &str, session: &str) -> Result<String, NetError> {
    let response = authorised(Request::get(&format!("/api/organisateur/ateliers/{session}/inscriptions.csv")), token)
        .send()
        .await
        .map_err(|_| NetError::Unreachable)?;
    if response.status() != 200 {
        return Err(NetError::Bad(format!("Erreur du serveur ({}).", response.status())));
    }
    response.text().await.map_err(|_| NetError::Unreachable)
}
