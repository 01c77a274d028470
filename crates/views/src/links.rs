//! Links that leave Proxinum, and QR codes. On a kiosk nothing leaves the
//! app: a link becomes a QR code the resident scans with their own phone.

use leptos::prelude::*;
use proxinum_core::qr::QrPath;

/// Draws the QR codes of a kiosk: gives the drawing of an address, `None`
/// until it is ready or when it cannot be made. Only the residents' app
/// draws QR codes (the server never renders a kiosk), and it loads the
/// encoder on demand, so the views take it from this context of their own
/// rather than calling `proxinum_core::qr` and carrying the encoder in every
/// phone's wasm (issue 14). Without it a QR code shows its address only.
#[derive(Clone, Copy)]
pub struct QrDrawer(pub fn(String) -> Signal<Option<QrPath>>);

#[component]
pub fn ExternalLink(
    href: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] class: String,
    #[prop(optional)] kiosk: bool,
) -> impl IntoView {
    if kiosk {
        view! { <QrCode url=href caption=format!("{label} : scannez avec votre téléphone")/> }.into_any()
    } else {
        let class = if class.is_empty() { "button button-secondary".to_string() } else { class };
        view! { <a class=class href=href rel="noopener">{label}</a> }.into_any()
    }
}

/// A QR code ("Emporter sur mon téléphone"), with the address written under
/// it for those who prefer typing.
#[component]
pub fn QrCode(url: String, #[prop(into)] caption: String) -> impl IntoView {
    let drawing = use_context::<QrDrawer>().map(|QrDrawer(draw)| draw(url.clone()));
    let label = format!("Code QR : {url}");
    view! {
        <figure class="qr">
            {move || drawing.and_then(|drawing| drawing.get()).map(|code| view! {
                <svg viewBox=format!("0 0 {} {}", code.size, code.size) role="img" aria-label=label.clone() shape-rendering="crispEdges" class="qr-code">
                    <rect width=code.size height=code.size fill="#fff"/>
                    <path d=code.path fill="#000"/>
                </svg>
            })}
            <figcaption>{caption}<br/><span class="qr-url">{url.clone()}</span></figcaption>
        </figure>
    }
}
