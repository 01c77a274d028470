//! The QR encoder of `proxinum_core::qr` in a wasm of its own: only kiosks
//! show QR codes, so the residents' app loads it when one is drawn (and a
//! kiosk keeps it for offline use), instead of carrying it in every phone's
//! first visit (issue 14).

use proxinum_core::qr;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// The QR code of `text` as `QrPath::to_wire`'s text, or `None` when the
/// text is too long for a QR code.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn draw(text: &str) -> Option<String> {
    qr::path(text).map(|drawing| drawing.to_wire())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hands_over_the_encoders_drawing() {
        let text = "https://proxinum.example/lieux/fs-192";
        let wire = draw(text).expect("a short address fits");
        assert_eq!(qr::QrPath::from_wire(&wire), qr::path(text));
    }

    #[test]
    fn too_long_a_text_has_no_drawing() {
        assert_eq!(draw(&"x".repeat(5_000)), None);
    }
}
