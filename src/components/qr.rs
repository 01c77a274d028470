//! A QR code drawn on the device ("Emporter sur mon téléphone"), with the
//! address written under it for those who prefer typing.

use leptos::prelude::*;

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
