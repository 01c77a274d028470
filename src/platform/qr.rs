//! QR codes from the encoder `public/boot.js` loads on demand
//! (`crates/qr-module`): the residents' wasm carries no encoder, since only
//! a kiosk draws QR codes (issue 14).

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::qr::QrPath;
use proxinum_views::links::QrDrawer;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `boot.js`: loads the encoder the first time, then draws `text`.
    #[wasm_bindgen(catch, js_name = proxinumQr)]
    fn proxinum_qr(text: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The drawing of `text`; `None` when the encoder cannot be had (offline
/// before the device kept it) or the text is too long for a QR code.
pub async fn draw(text: &str) -> Option<QrPath> {
    let promise = proxinum_qr(text).ok()?;
    let wire = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()?;
    QrPath::from_wire(&wire)
}

/// What the views' `QrCode` draws with: the drawing arrives once the
/// encoder is loaded (at once when it already is).
pub fn drawer() -> QrDrawer {
    QrDrawer(|url| {
        let drawing = RwSignal::new(None);
        spawn_local(async move {
            let ready = draw(&url).await;
            // The page may be gone by then: nothing to draw on.
            drawing.try_set(ready);
        });
        drawing.into()
    })
}

/// Loads the encoder now, so that the service worker keeps it: a kiosk
/// must draw its QR codes offline too.
pub fn keep_for_offline() {
    spawn_local(async {
        let _ = draw("/").await;
    });
}
