//! Thin wrappers over browser APIs. Decisions are not made here: only facts
//! from the browser come out.

pub mod dom;
pub mod error_log;
pub mod focus;
pub mod geolocation;
pub mod network;
pub mod qr;
pub mod service_worker;
pub mod speech;
pub mod url;

/// Now, from the browser's clock (tests can move it).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}
