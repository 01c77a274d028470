//! The views a resident sees on public pages, written once and rendered in
//! two places: by the server to HTML (`leptos/ssr`, `to_html`) so a page is
//! readable before any wasm arrives or without JavaScript, and by the app in
//! the browser (`leptos/csr`), which then takes the page over.
//!
//! Components here take plain data (core types, `now`) and, where a resident
//! can act, signals and callbacks as props. They never read app contexts,
//! IndexedDB or browser APIs: what differs between server and app is passed in.

// Server builds (without `erase_components`) see the full nested view types.
#![recursion_limit = "256"]

pub mod guides;
pub mod home;
pub mod icons;
pub mod links;
pub mod map;
pub mod place_card;
pub mod place_page;
pub mod privacy;
pub mod registration_form;
pub mod screens;
pub mod session_card;
pub mod session_list;
pub mod session_page;
pub mod shell;
pub mod words;

/// "Autour de moi — Proxinum": the tab title of a page, the same whether the
/// server or the app sets it (screen readers announce pages by it).
pub fn full_title(page: &str) -> String {
    format!("{page} — Proxinum")
}

/// First letter in upper case, decided once in core.
pub use proxinum_core::text::capitalise;
