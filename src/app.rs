//! The router, the shell every page lives in, and the app-wide wiring:
//! settings, catalog, registrations, outbox triggers; the kiosk reset rebuilds
//! the pages (`ResetGeneration`, bumped by `components::shell::KioskGuard`).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::shell::{BottomNav, Header, KioskGuard, ResetGeneration, UpdateBanner};
use crate::pages;
use crate::pages::inscription::FormDirty;
use crate::platform::focus;
use crate::platform::network::provide_network_status;
use crate::state::{catalog, registrations, settings};
use crate::sync;
use crate::takeover;

#[component]
pub fn App() -> impl IntoView {
    settings::provide_settings();
    let generation = RwSignal::new(0u32);
    provide_context(ResetGeneration(generation));
    provide_context(FormDirty(RwSignal::new(false)));
    provide_network_status();
    catalog::provide_catalog();
    let registrations = registrations::provide_registrations();
    sync::init(registrations);
    // The network is back: send what waits, and refresh the data.
    let (catalog_state, settings_signal) = (catalog::use_catalog(), settings::use_settings());
    let back_online = window_event_listener(leptos::ev::online, move |_| {
        sync::trigger(true);
        catalog::refresh(catalog_state, settings_signal);
    });
    std::mem::forget(back_online);
    crate::platform::service_worker::on_flush_request(|| sync::trigger(true));
    view! {
        <Router>
            <proxinum_views::shell::SkipLink on_skip=Callback::new(|_| focus::skip_to_content())/>
            <RouteFocus/>
            <Header/>
            <UpdateBanner/>
            <KioskGuard/>
            <TakeoverWatch/>
            <main id="contenu" tabindex="-1">
                {move || { generation.get(); view! { <Pages/> } }}
            </main>
            <BottomNav/>
            // The one polite live region: results, statuses, the new page's title.
            <div id=focus::ANNOUNCER class="visually-hidden" role="status" aria-live="polite"></div>
        </Router>
    }
}

/// Every page. Rebuilt whole when the kiosk resets.
#[component]
fn Pages() -> impl IntoView {
    view! {
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home/>
                    <Route path=path!("/lieux/:id") view=pages::place::PlacePage/>
                    <Route path=path!("/ateliers") view=pages::ateliers::Ateliers/>
                    <Route path=path!("/ateliers/passes") view=pages::ateliers::PastAteliers/>
                    <Route path=path!("/ateliers/:id") view=pages::atelier::AtelierPage/>
                    <Route path=path!("/ateliers/:id/inscription") view=pages::inscription::RegistrationForm/>
                    <Route path=path!("/inscriptions") view=pages::inscriptions::Inscriptions/>
                    <Route path=path!("/inscriptions/:id") view=pages::inscriptions::Receipt/>
                    <Route path=path!("/guides") view=pages::guides::Guides/>
                    <Route path=path!("/guides/:id") view=pages::guide::GuideReader/>
                    <Route path=path!("/reglages") view=pages::reglages::Reglages/>
                    <Route path=path!("/reglages/diagnostic") view=pages::diagnostic::Diagnostic/>
                    <Route path=path!("/confidentialite") view=pages::confidentialite::Privacy/>
                    <Route path=path!("/kiosque") view=pages::kiosque::KioskSetup/>
                </Routes>
    }
}

/// On every route change (not the first page): focus on the new page's
/// heading and its title announced (`platform::focus`).
#[component]
fn RouteFocus() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus::page_changed();
        }
        path
    });
}

/// Swaps the app in for the server's page once the page has its data, or at
/// once when the resident goes to another page (see `takeover`).
#[component]
fn TakeoverWatch() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let catalog = catalog::use_catalog();
    let first = (location.pathname.get_untracked(), location.search.get_untracked());
    Effect::new(move |_| {
        if (location.pathname.get(), location.search.get()) != first {
            takeover::navigated();
        }
    });
    Effect::new(move |_| {
        if catalog.loaded.with(Option::is_some) || catalog.freshness.get() == catalog::Freshness::Unavailable {
            request_animation_frame(takeover::ready);
        }
    });
}
