//! Links that leave the app. On a kiosk nothing leaves the app: the link
//! becomes a QR code the resident scans with their own phone.

use leptos::prelude::*;

use crate::components::qr::QrCode;
use crate::state::settings::use_settings;

#[component]
pub fn ExternalLink(href: String, #[prop(into)] label: String, #[prop(optional, into)] class: String) -> impl IntoView {
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    if kiosk {
        view! { <QrCode url=href caption=format!("{label} : scannez avec votre téléphone")/> }.into_any()
    } else {
        let class = if class.is_empty() { "button button-secondary".to_string() } else { class };
        view! { <a class=class href=href rel="noopener">{label}</a> }.into_any()
    }
}
