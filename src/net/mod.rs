//! The server's API, and the only place that knows its URLs. Every request
//! has a timeout: on a weak rural connection a request may hang forever.

pub mod organiser;

use gloo_net::http::{Request, RequestBuilder, Response};
use proxinum_core::catalog::Catalog;
use proxinum_core::outbox::{Entry, Reply};
use proxinum_core::registration::RegistrationResult;
use proxinum_core::session::Availability;
use wasm_bindgen::JsCast;

/// Longest wait for an answer before giving up (the outbox retries later).
const TIMEOUT_MS: i32 = 20_000;

#[derive(Debug, Clone)]
pub enum NetError {
    /// No answer: offline, timeout, connection lost.
    Unreachable,
    /// An answer we could not use.
    Bad(String),
}

/// A fresh copy, or "yours is current".
pub enum Fetched<T> {
    NotModified,
    /// `bytes` is the answer as received: it is what the device keeps, so
    /// the app never writes a catalog again (and carries no code to).
    Fresh {
        value: T,
        bytes: Vec<u8>,
        etag: String,
    },
}

/// Sends with an abort signal that fires after `TIMEOUT_MS`.
pub(super) async fn send(builder: RequestBuilder, body: Option<String>) -> Result<Response, NetError> {
    let controller = web_sys::AbortController::new().map_err(|_| NetError::Unreachable)?;
    let signal = controller.signal();
    // Owned by JavaScript until it runs (aborting a finished request is harmless).
    let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
    let timer =
        web_sys::window().and_then(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS).ok());
    let builder = builder.abort_signal(Some(&signal));
    let request = match body {
        Some(body) => builder.header("Content-Type", "application/json").body(body),
        None => builder.build(),
    }
    .map_err(|e| NetError::Bad(e.to_string()))?;
    let result = request.send().await.map_err(|_| NetError::Unreachable);
    if let (Some(window), Some(timer)) = (web_sys::window(), timer) {
        window.clear_timeout_with_handle(timer);
    }
    result
}

/// The territory's catalog in its compact form (`core::catalog_compact`),
/// which the app reads with less code than JSON.
pub async fn catalog(territory: &str, etag: Option<&str>) -> Result<Fetched<Catalog>, NetError> {
    let mut builder = Request::get(&format!("/api/catalogue/{territory}/compact"));
    if let Some(etag) = etag {
        builder = builder.header("If-None-Match", etag);
    }
    let response = send(builder, None).await?;
    match response.status() {
        304 => Ok(Fetched::NotModified),
        200 => {
            let etag = response.headers().get("etag").unwrap_or_default();
            let bytes = response.binary().await.map_err(|_| NetError::Unreachable)?;
            let value = proxinum_core::catalog_compact::read(&bytes).map_err(|e| NetError::Bad(e.to_string()))?;
            Ok(Fetched::Fresh { value, bytes, etag })
        }
        status => Err(NetError::Bad(format!("HTTP {status}"))),
    }
}

pub async fn availability(territory: &str) -> Result<Vec<Availability>, NetError> {
    let response = send(Request::get(&format!("/api/disponibilites/{territory}")), None).await?;
    if response.status() != 200 {
        return Err(NetError::Bad(format!("HTTP {}", response.status())));
    }
    response.json().await.map_err(|e| NetError::Bad(e.to_string()))
}

/// Current status of a registration on the server (for "Mes inscriptions").
pub async fn registration_status(id: &str) -> Result<Option<RegistrationResult>, NetError> {
    let response = send(Request::get(&format!("/api/inscriptions/{id}")), None).await?;
    match response.status() {
        200 => response.json().await.map(Some).map_err(|e| NetError::Bad(e.to_string())),
        404 => Ok(None),
        status => Err(NetError::Bad(format!("HTTP {status}"))),
    }
}

/// One delivery attempt of an outbox entry, as the state machine wants it.
pub async fn deliver(entry: &Entry) -> Reply {
    // The request core writes, the same the service worker sends.
    let wire = entry.operation.request();
    let builder = match wire.method {
        "DELETE" => Request::delete(&wire.path),
        _ => Request::post(&wire.path),
    };
    match send(builder, wire.body).await {
        Ok(response) => Reply::Http { status: response.status(), body: response.text().await.unwrap_or_default() },
        Err(NetError::Unreachable) => Reply::Network("injoignable".into()),
        Err(NetError::Bad(message)) => Reply::Network(message),
    }
}

/// The territory's calendar feed ("S'abonner à l'agenda"), absolute: a
/// calendar app fetches it on its own, long after this page.
pub fn territory_feed(territory: &str) -> String {
    absolute(&format!("/api/catalogue/{territory}/ateliers.ics"))
}

/// The absolute address of a page of the app, for sharing and QR codes.
pub fn absolute(path: &str) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}{path}")
}
