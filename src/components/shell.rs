//! The app shell: header with the name and the network state, the banner
//! offering a new version, and the bottom navigation within thumb reach.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::icons::{Icon, IconSvg};
use leptos_router::hooks::use_navigate;

use crate::pages::inscription::FormDirty;
use crate::platform::network::use_online;
use crate::platform::service_worker;
use crate::state::settings::use_settings;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="app-header">
            <A href="/" attr:class="brand">
                <img src="/icons/favicon-32.png" alt="" width="28" height="28"/>
                <span class="brand-name">"Proxinum"</span>
            </A>
            <NetworkStatus/>
            {move || use_settings().with(|s| s.is_kiosk()).then(|| view! { <span class="kiosk-flag">"Borne"</span> })}
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
    let dirty = expect_context::<FormDirty>().0;
    view! {
        <Show when=move || waiting.get()>
            <div class="update-banner" role="status">
                <span>
                    {move || if dirty.get() {
                        "Nouvelle version disponible. Terminez d'abord votre formulaire : recharger maintenant l'effacerait."
                    } else {
                        "Nouvelle version de Proxinum disponible."
                    }}
                </span>
                <button type="button" class="button button-small" on:click=move |_| service_worker::apply_update()>
                    {move || if dirty.get() { "Recharger quand même" } else { "Recharger" }}
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
                {move || (!use_settings().with(|s| s.is_kiosk())).then(|| view! {
                    <li><NavLink href="/inscriptions" icon=Icon::Check label="Mes inscriptions" exact=false/></li>
                })}
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

/// Bumped to remount every page: the kiosk's reset clears all forms,
/// filters, searches and scroll positions at once.
#[derive(Clone, Copy)]
pub struct ResetGeneration(pub RwSignal<u32>);

/// In kiosk mode: after the configured time without a touch, a visible
/// countdown, then back to the home screen with everything cleared.
#[component]
pub fn KioskGuard() -> impl IntoView {
    let settings = use_settings();
    let generation = expect_context::<ResetGeneration>().0;
    let navigate = use_navigate();
    let remaining = RwSignal::new(None::<u32>);
    let last_touch = StoredValue::new(js_sys::Date::now());
    let touched = move || {
        last_touch.set_value(js_sys::Date::now());
        remaining.set(None);
    };
    for listener in [
        window_event_listener(leptos::ev::pointerdown, move |_| touched()),
        window_event_listener(leptos::ev::keydown, move |_| touched()),
        window_event_listener(leptos::ev::touchstart, move |_| touched()),
        window_event_listener(leptos::ev::wheel, move |_| touched()),
        window_event_listener(leptos::ev::input, move |_| touched()),
    ] {
        std::mem::forget(listener);
    }
    // No long-press menu or right click on a public tablet.
    std::mem::forget(window_event_listener(leptos::ev::contextmenu, move |ev| {
        if settings.with_untracked(|s| s.is_kiosk()) {
            ev.prevent_default();
        }
    }));
    let tick = move || {
        let Some(delay) = settings.with_untracked(|s| s.kiosque.as_ref().map(|k| k.delai_s)) else {
            remaining.set(None);
            return;
        };
        let idle = ((js_sys::Date::now() - last_touch.get_value()) / 1000.0) as u32;
        let countdown = 10.min(delay / 2).max(1);
        if idle >= delay {
            last_touch.set_value(js_sys::Date::now());
            remaining.set(None);
            crate::platform::speech::stop();
            navigate("/", Default::default());
            if let Some(registrations) = use_context::<crate::state::registrations::Registrations>() {
                registrations.recent.set(Vec::new());
            }
            generation.update(|g| *g += 1);
            crate::platform::dom::scroll_to_top();
        } else if idle + countdown >= delay {
            remaining.set(Some(delay - idle));
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(500)) {
        on_cleanup(move || handle.clear());
    }
    view! {
        {move || remaining.get().map(|seconds| view! {
            <div class="kiosk-countdown" role="alertdialog" aria-modal="false" aria-labelledby="compte-a-rebours">
                <p id="compte-a-rebours" aria-live="assertive">
                    {format!("On recommence dans {seconds} s — touchez l'écran pour continuer")}
                </p>
                <button type="button" class="button" on:click=move |_| touched()>"Je continue"</button>
            </div>
        })}
    }
}
