//! The outbox's rules for the service worker, built from `proxinum_core`:
//! when no page is open, the worker delivers what waits with the very
//! decisions the page makes (lease, expiry, request, answer, record).
//!
//! Everything crosses as the JSON text IndexedDB keeps (`src/storage`), so
//! the worker's JavaScript only moves records between IndexedDB, `fetch` and
//! these functions. Each returns `None` for a record it cannot read: the
//! worker then leaves it to the page, which discards unreadable records.

use proxinum_core::outbox::{Entry, MyRegistration, Reply, Resolution, Step};
use serde::Serialize;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// The worker's triggers (network back, worker start) are forced ones: they
/// ignore the backoff, never the lease nor the expiry.
const FORCED: bool = true;

fn entry(text: &str) -> Option<Entry> {
    serde_json::from_str(text).ok()
}

fn json<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// Takes the lease: the entry to write back before sending, or `None` when
/// it is not the worker's to send now (a kiosk's, leased, expired, unreadable).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn lease(entry_json: &str, now: f64) -> Option<String> {
    let mut entry = entry(entry_json)?;
    (entry.worker_may_send() && entry.begin(now as i64, FORCED)).then(|| json(&entry))?
}

/// Is the entry still the worker's to send, now or once another sender's
/// lease ends (a page closed in the middle of sending)? A sync that leaves
/// such entries asks the browser to fire again later.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn waiting(entry_json: &str, now: f64) -> bool {
    entry(entry_json).is_some_and(|entry| entry.worker_may_send() && !entry.is_expired(now as i64))
}

/// An entry whose workshop has started: its resolution (`Expiree`), to
/// record instead of sending.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn expired(entry_json: &str, now: f64) -> Option<String> {
    let entry = entry(entry_json)?;
    if !entry.worker_may_send() {
        return None;
    }
    match entry.expire(now as i64)? {
        Step::Done(resolution) => json(&resolution),
        Step::Retry => None,
    }
}

/// The request to send: `{"method", "path", "body"}`.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn request(entry_json: &str) -> Option<String> {
    json(&entry(entry_json)?.operation.request())
}

/// What to do after an attempt.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Outcome {
    /// Keep this entry (lease released, next attempt planned).
    Retry(Box<Entry>),
    /// Settle with this resolution.
    Done(Resolution),
}

/// Applies the server's answer; `status` 0 means no answer (offline,
/// timeout). Returns `{"retry": entry}` or `{"done": resolution}`.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn answer(entry_json: &str, status: u16, body: &str, now: f64, jitter: f64) -> Option<String> {
    let mut entry = entry(entry_json)?;
    let reply = match status {
        0 => Reply::Network("injoignable".into()),
        status => Reply::Http { status, body: body.to_string() },
    };
    match entry.finish(reply, now as i64, jitter) {
        Step::Retry => json(&Outcome::Retry(Box::new(entry))),
        Step::Done(resolution) => json(&Outcome::Done(resolution)),
    }
}

/// The key of the registration's record ("Mes inscriptions") an entry is about.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn registration_id(entry_json: &str) -> Option<String> {
    Some(entry(entry_json)?.registration_id().to_string())
}

/// The registration record to store with the entry's removal, from the one
/// on the device (`current`, if any).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn settle(entry_json: &str, resolution_json: &str, current_json: Option<String>, now: f64) -> Option<String> {
    let entry = entry(entry_json)?;
    let resolution: Resolution = serde_json::from_str(resolution_json).ok()?;
    let current = current_json.and_then(|text| serde_json::from_str::<MyRegistration>(&text).ok());
    json(&MyRegistration::settled(current, &entry, &resolution, now as i64)?)
}

#[cfg(test)]
mod tests;
