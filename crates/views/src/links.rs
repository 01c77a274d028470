//! Links that leave Proxinum, and QR codes. On a kiosk nothing leaves the
//! app: a link becomes a QR code the resident scans with their own phone.

use leptos::prelude::*;

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
    let code = proxinum_core::qr::path(&url);
    view! {
        <figure class="qr">
            {code.map(|code| view! {
                <svg viewBox=format!("0 0 {} {}", code.size, code.size) role="img" aria-label=format!("Code QR : {url}") shape-rendering="crispEdges" class="qr-code">
                    <rect width=code.size height=code.size fill="#fff"/>
                    <path d=code.path fill="#000"/>
                </svg>
            })}
            <figcaption>{caption}<br/><span class="qr-url">{url.clone()}</span></figcaption>
        </figure>
    }
}
