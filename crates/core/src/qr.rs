//! QR codes (with the `qrcode` crate) as one SVG path, so the app can draw
//! them offline, crisp at any size, without inserting markup.

use qrcode::{Color, EcLevel, QrCode};

/// A QR code ready to draw: `size` modules wide (quiet zone included) and
/// the path of its dark modules in module units.
#[derive(Debug, Clone, PartialEq)]
pub struct QrPath {
    pub size: usize,
    pub path: String,
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
}
