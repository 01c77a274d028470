//! Proxinum's pure domain, shared by the app (wasm) and the server: places of
//! the national standard and their import, communes, nearest places, opening
//! hours, workshops and guides, the catalog format, registration validation
//! and the outbox state machine.
//!
//! Architecture invariant: nothing here knows about browsers, HTTP or SQL
//! (no web-sys, wasm-bindgen, Leptos, axum or rusqlite).

pub mod catalog;
pub mod catalog_compact;
pub mod communes;
pub mod compact_read;
pub mod dashboard;
pub mod decimal;
pub mod diagnostic;
pub mod filter;
pub mod geo;
pub mod guide;
pub mod hours;
pub mod ics;
#[cfg(feature = "osm")]
pub mod import;
pub mod kiosk;
pub mod nearest;
pub mod notice;
pub mod order;
pub mod organiser;
pub mod outbox;
pub mod phone;
pub mod place;
pub mod programme;
pub mod qr;
pub mod registration;
pub mod reminder;
pub mod session;
pub mod session_filter;
mod tagged;
pub mod territory;
pub mod text;
pub mod text_case;
pub mod time;
pub mod tour;
pub mod vocab;
pub mod wire_dates;
pub mod words;
