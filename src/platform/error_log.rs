//! The errors the app met, kept on the device for the diagnostic
//! (`core::diagnostic`: the last 50, never personal data) in localStorage:
//! writing is synchronous, so even a panic's hook can record.

use proxinum_core::diagnostic::{remember, LoggedError};

const KEY: &str = "proxinum-erreurs";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Every kept error, oldest first.
pub fn all() -> Vec<LoggedError> {
    storage().and_then(|s| s.get_item(KEY).ok().flatten()).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Records an error: `place` says where ("inscription", "catalogue"…),
/// `message` what, in French, without personal data.
pub fn record(place: &str, message: &str) {
    let mut log = all();
    remember(&mut log, LoggedError { quand: js_sys::Date::now() as i64, ou: place.to_string(), message: message.to_string() });
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&log)) {
        let _ = storage.set_item(KEY, &text);
    }
}

/// Records panics before the usual console report.
pub fn record_panics() {
    std::panic::set_hook(Box::new(|info| {
        record("application", &format!("Erreur interne : {info}"));
        console_error_panic_hook::hook(info);
    }));
}
