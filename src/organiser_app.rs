//! The organisers' app, a wasm of its own (`proxinum-organisateur`, served at
//! `/organisateur`): the same header, navigation and styles as the
//! residents' app around the organiser pages, so that a resident's download
//! never carries the organisers' tools. No router: every link leaves for the
//! residents' app by plain navigation.

use leptos::prelude::*;
use proxinum_views::shell::{BottomNav, Header, SkipLink};

use crate::pages::organisateur::Organiser;
use crate::platform::focus;
use crate::platform::network::{provide_network_status, use_online};
use crate::state::settings;

#[component]
pub fn OrganiserApp() -> impl IntoView {
    settings::provide_settings();
    provide_network_status();
    let online = use_online();
    view! {
        <SkipLink on_skip=Callback::new(|_| focus::skip_to_content())/>
        <Header online=Signal::derive(move || online.get()) kiosk=Signal::from(false)/>
        <main id="contenu" tabindex="-1">
            <Organiser/>
        </main>
        <BottomNav path=Signal::from("/organisateur".to_string()) kiosk=Signal::from(false)/>
        <div id=focus::ANNOUNCER class="visually-hidden" role="status" aria-live="polite"></div>
    }
}
