//! The kiosk set-up, a wasm of its own (`proxinum-borne`, served at
//! `/kiosque`): staff turn a tablet into a kiosk, or back, with their code.
//! The same header, navigation, styles and kiosk countdown as the
//! residents' app around one page; no router: every link leaves for the
//! residents' app by plain navigation, and so does the page once kiosk mode
//! is turned on or off.

use leptos::prelude::*;
use proxinum_views::shell::{BottomNav, Header, SkipLink};

use crate::components::shell::kiosk_countdown;
use crate::pages::kiosque::KioskSetup;
use crate::platform::network::{provide_network_status, use_online};
use crate::platform::{dom, focus};
use crate::state::{catalog, settings};

#[component]
pub fn KioskSetupApp() -> impl IntoView {
    let settings = settings::provide_settings();
    provide_network_status();
    // "Où est la tablette ?" lists the territory's places.
    catalog::provide_catalog();
    let online = use_online();
    let kiosk = Signal::derive(move || settings.with(|s| s.is_kiosk()));
    view! {
        <SkipLink on_skip=Callback::new(|_| focus::skip_to_content())/>
        <Header online=Signal::derive(move || online.get()) kiosk=kiosk/>
        // On a kiosk left on this page, the same countdown as everywhere
        // else, then the residents' home screen.
        {kiosk_countdown(|| dom::open_document("/"))}
        <main id="contenu" tabindex="-1">
            <KioskSetup/>
        </main>
        <BottomNav path=Signal::from("/kiosque".to_string()) kiosk=kiosk/>
        <div id=focus::ANNOUNCER class="visually-hidden" role="status" aria-live="polite"></div>
    }
}
