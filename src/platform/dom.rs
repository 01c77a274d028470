//! Small DOM helpers.

/// Removes the "Chargement…" message of index.html once the app runs.
pub fn remove_boot_message() {
    if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("chargement")) {
        element.remove();
    }
}
