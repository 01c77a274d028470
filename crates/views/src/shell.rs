//! The frame of every page: the skip link, the header with the name and the
//! network state, and the bottom navigation within thumb reach. The server
//! renders it with fixed values; the app passes its live signals.

use leptos::prelude::*;

use crate::icons::{Icon, IconSvg};

#[component]
pub fn Header(online: Signal<bool>, kiosk: Signal<bool>) -> impl IntoView {
    view! {
        <header class="app-header">
            <a href="/" class="brand">
                // Drawn inline: sharp at any pixel density, no request.
                <svg class="brand-logo" viewBox="0 0 512 512" width="28" height="28" aria-hidden="true" focusable="false">
                    <rect width="512" height="512" rx="96" fill="#1d4f91"/>
                    <path d="M256 92c-72 0-128 55-128 126 0 92 128 202 128 202s128-110 128-202c0-71-56-126-128-126z" fill="#fff"/>
                    <circle cx="256" cy="218" r="52" fill="#1d4f91"/>
                    <circle cx="256" cy="218" r="22" fill="#ffd34d"/>
                </svg>
                <span class="brand-name">"Proxinum"</span>
            </a>
            <p class="network" class:offline=move || !online.get() role="status" aria-live="polite">
                <span class="network-dot" aria-hidden="true"></span>
                {move || if online.get() { "En ligne" } else { "Hors ligne" }}
            </p>
            {move || kiosk.get().then(|| view! { <span class="kiosk-flag">"Borne"</span> })}
            <a href="/reglages" class="header-link">
                <IconSvg icon=Icon::Settings/>
                <span>"Réglages"</span>
            </a>
        </header>
    }
}

/// Is `href` the section of the current `path`? "/" only matches itself.
pub fn is_current(href: &str, path: &str, exact: bool) -> bool {
    if exact {
        path == href
    } else {
        path == href || path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/'))
    }
}

#[component]
pub fn BottomNav(path: Signal<String>, kiosk: Signal<bool>) -> impl IntoView {
    let link = move |href: &'static str, icon: Icon, label: &'static str, exact: bool| {
        view! {
            <a href=href class="nav-link" aria-current=move || path.with(|p| is_current(href, p, exact)).then_some("page")>
                <IconSvg icon=icon/>
                <span>{label}</span>
            </a>
        }
    };
    view! {
        <nav class="bottom-nav" aria-label="Navigation principale">
            <ul>
                <li>{link("/", Icon::AroundMe, "Autour de moi", true)}</li>
                <li>{link("/ateliers", Icon::Calendar, "Ateliers", false)}</li>
                <li>{link("/guides", Icon::Book, "Guides", false)}</li>
                {move || (!kiosk.get()).then(|| view! { <li>{link("/inscriptions", Icon::Check, "Mes inscriptions", false)}</li> })}
            </ul>
        </nav>
    }
}

/// "Aller au contenu", first in the tab order. Without script the browser
/// follows the link to `main`; the app passes `on_skip` to put focus on the
/// page's heading (its router would otherwise keep focus on the link).
#[component]
pub fn SkipLink(#[prop(optional)] on_skip: Option<Callback<()>>) -> impl IntoView {
    view! {
        <a class="skip-link" href="#contenu" on:click=move |ev: leptos::ev::MouseEvent| {
            if let Some(skip) = on_skip {
                ev.prevent_default();
                skip.run(());
            }
        }>"Aller au contenu"</a>
    }
}

/// "Données du 1er décembre 2022", when a sync with the national export
/// last confirmed them ("Mis à jour le …"), and what the app knows of its copy.
#[component]
pub fn Freshness(
    date: Signal<Option<chrono::NaiveDate>>,
    updated: Signal<Option<chrono::NaiveDate>>,
    #[prop(into)] note: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! {
        <p class="freshness" aria-live="polite">
            {move || date.get().map(|d| format!("Données du {}", proxinum_core::time::short_date(d)))}
            {move || updated.get().map(|d| format!(" · Mis à jour le {}", proxinum_core::time::short_date(d)))}
            {move || note.get().map(|n| view! { <span class="freshness-note">" · " {n}</span> })}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::is_current;

    #[test]
    fn current_section() {
        assert!(is_current("/", "/", true));
        assert!(!is_current("/", "/ateliers", true));
        assert!(is_current("/ateliers", "/ateliers/passes", false));
        assert!(!is_current("/ateliers", "/atelierss", false));
        assert!(!is_current("/guides", "/ateliers", false));
    }
}
