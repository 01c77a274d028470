//! QR codes (with the `qrcode` crate) as one SVG path, so the app can draw
//! them offline, crisp at any size, without inserting markup.
//!
//! Only kiosks show QR codes, so the residents' app does not carry the
//! encoder: `crates/qr-module` compiles [`path`] into a wasm of its own,
//! loaded on demand, which hands the drawing over as [`QrPath::to_wire`]'s
//! text (issue 14: 11 KiB of brotli wasm a phone never ran).

use qrcode::{Color, EcLevel, QrCode};

/// A QR code ready to draw: `size` modules wide (quiet zone included) and
/// the path of its dark modules in module units.
#[derive(Debug, Clone, PartialEq)]
pub struct QrPath {
    pub size: usize,
    pub path: String,
}

impl QrPath {
    /// The drawing as one line of text: the size, a space, the path (the
    /// size holds no space, so the first one ends it).
    pub fn to_wire(&self) -> String {
        format!("{} {}", self.size, self.path)
    }

    /// Reads [`QrPath::to_wire`]'s text; `None` for anything else.
    pub fn from_wire(text: &str) -> Option<QrPath> {
        let (size, path) = text.split_once(' ')?;
        let size = size.parse().ok().filter(|size| *size > 0)?;
        path.starts_with('M').then(|| QrPath { size, path: path.to_string() })
    }
}

/// White margin around the code, in modules (the standard asks for 4).
const QUIET_ZONE: usize = 4;

/// Encodes `text` (an address of the app). `None` if it is too long.
pub fn path(text: &str) -> Option<QrPath> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(QrPath { size: width + 2 * QUIET_ZONE, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_code() {
        let qr = path("https://proxinum.example/lieux/fs-192").unwrap();
        assert!(qr.size >= 21 + 8);
        assert!(qr.path.starts_with('M'));
    }

    #[test]
    fn the_drawing_crosses_as_text_unchanged() {
        let qr = path("https://proxinum.example/guides/trouver-de-l-aide").unwrap();
        assert_eq!(QrPath::from_wire(&qr.to_wire()), Some(qr));
    }

    #[test]
    fn text_that_is_not_a_drawing_is_refused() {
        for text in ["", "29", "29 ", "x M4 4h1v1h-1z", "0 M4 4h1v1h-1z", "29 <script>", "-3 M4 4h1v1h-1z"] {
            assert_eq!(QrPath::from_wire(text), None, "{text:?}");
        }
    }
}
