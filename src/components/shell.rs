//! The app shell: header with the name and the network state, the banner
//! offering a new version, and the bottom navigation within thumb reach.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::icons::{Icon, IconSvg};
use crate::platform::network::use_online;
use crate::platform::service_worker;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand">
                <img src="/icons/favicon-32.png" alt="" width="28" height="28"/>
                <span class="brand-name">"Proxinum"</span>
            </A>
            <NetworkStatus/>
            <A href="/reglages" attr:class="header-link">
                <IconSvg icon=Icon::Settings/>
                <span>"Réglages"</span>
            </A>
        </header>
    }
}

/// "En ligne" / "Hors ligne", announced politely when it changes.
#[component]
pub fn NetworkStatus() -> impl IntoView {
    let online = use_online();
    view! {
        <p class="network" class:offline=move || !online.get() role="status" aria-live="polite">
            <span class="network-dot" aria-hidden="true"></span>
            {move || if online.get() { "En ligne" } else { "Hors ligne" }}
        </p>
    }
}

/// Shown when a new version of the app is ready; reloading is the
/// resident's choice so that a form being typed is never lost.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let waiting = service_worker::use_update_waiting();
    view! {
        <Show when=move || waiting.get()>
            <div class="update-banner" role="status">
                <span>"Nouvelle version de Proxinum disponible."</span>
                <button type="button" class="button button-small" on:click=move |_| service_worker::apply_update()>
                    "Recharger"
                </button>
            </div>
        </Show>
    }
}

#[component]
pub fn BottomNav() -> impl IntoView {
    view! {
        <nav class="bottom-nav" aria-label="Navigation principale">
            <ul>
                <li><NavLink href="/" icon=Icon::AroundMe label="Autour de moi" exact=true/></li>
                <li><NavLink href="/ateliers" icon=Icon::Calendar label="Ateliers" exact=false/></li>
                <li><NavLink href="/guides" icon=Icon::Book label="Guides" exact=false/></li>
                <li><NavLink href="/inscriptions" icon=Icon::Check label="Mes inscriptions" exact=false/></li>
            </ul>
        </nav>
    }
}

#[component]
fn NavLink(href: &'static str, icon: Icon, label: &'static str, exact: bool) -> impl IntoView {
    view! {
        <A href=href exact=exact attr:class="nav-link">
            <IconSvg icon=icon/>
            <span>{label}</span>
        </A>
    }
}
