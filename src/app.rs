//! The router, the shell every page lives in, and the app-wide wiring:
//! settings, catalog, registrations, outbox triggers; the kiosk reset rebuilds
//! the pages (`ResetGeneration`, bumped by `components::shell::KioskGuard`).

use leptos::prelude::*;

use crate::components::shell::{BottomNav, Header, KioskGuard, ResetGeneration, UpdateBanner};
use crate::pages;
use crate::pages::inscription::FormDirty;
use crate::platform::focus;
use crate::platform::network::provide_network_status;
use crate::state::{catalog, registrations, settings};
use crate::sync;
use crate::takeover;
use proxinum_views::screens::{screen_of, Screen};

#[component]
pub fn App() -> impl IntoView {
    crate::navigation::provide_navigation();
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
    provide_context(crate::platform::qr::drawer());
    // A kiosk loads the QR encoder at each start (and once turned into one),
    // so that the service worker keeps it for the hours without network, and
    // has the worker keep its set-up page (to leave kiosk mode offline).
    let is_kiosk = Memo::new(move |_| settings_signal.with(|s| s.is_kiosk()));
    Effect::new(move |_| {
        if is_kiosk.get() {
            crate::platform::qr::keep_for_offline();
            crate::platform::service_worker::keep_kiosk_setup();
        }
    });
    // The page is built in the task after the shell's: two shorter tasks
    // rather than one long one on a slow phone (the browser compiles each
    // function of the wasm on its first call; issue 14 note).
    let page_due = RwSignal::new(false);
    crate::platform::dom::in_next_task(move || page_due.set(true));
    view! {
        <proxinum_views::shell::SkipLink on_skip=Callback::new(|_| focus::skip_to_content())/>
        <RouteFocus/>
        <Header/>
        <UpdateBanner/>
        <KioskGuard/>
        <TakeoverWatch page_built=page_due/>
        <main id="contenu" tabindex="-1">
            {move || page_due.get().then(|| { generation.get(); view! { <Pages/> } })}
        </main>
        <BottomNav/>
        // The one polite live region: results, statuses, the new page's title.
        <div id=focus::ANNOUNCER class="visually-hidden" role="status" aria-live="polite"></div>
    }
}

/// Every page, chosen by one `match` on the path (`screen_of`) instead of
/// leptos_router's `<Routes>`, whose matching machinery weighed 25 KiB
/// brotli of wasm (issue 14 note). Rebuilt whole when the kiosk resets, and
/// when the path names another page; a new id on the same page only changes
/// `RouteId`, as `<Routes>` did with its params.
#[component]
fn Pages() -> impl IntoView {
    let location = crate::navigation::use_location();
    let current = Memo::new(move |_| {
        location.pathname.with(|path| {
            let (screen, id) = screen_of(path);
            (screen, id.to_string())
        })
    });
    let screen = Memo::new(move |_| current.with(|(screen, _)| *screen));
    provide_context(RouteId(Memo::new(move |_| current.with(|(_, id)| id.clone()))));
    move || match screen.get() {
        Screen::Home => home(),
        Screen::Place => place(),
        Screen::Workshops => workshops(),
        Screen::PastWorkshops => past_workshops(),
        Screen::Workshop => workshop(),
        Screen::Registration => registration(),
        Screen::Registrations => registrations_page(),
        Screen::Receipt => receipt(),
        Screen::Guides => guides(),
        Screen::Guide => guide(),
        Screen::Settings => settings_page(),
        Screen::Diagnostic => diagnostic(),
        Screen::Privacy => privacy(),
        Screen::Kiosk => kiosk_setup(),
        Screen::NotFound => not_found(),
    }
}

/// One function per page, never inlined into the `match` above. V8 compiles
/// a wasm function whole the first time it runs: with every page's body
/// inlined into the match (38 KB of wasm), showing one page compiled them
/// all on the main thread (issue 14 note).
macro_rules! page_builders {
    ($($name:ident => $($component:ident)::+;)*) => {
        $(
            #[inline(never)]
            fn $name() -> AnyView {
                view! { <$($component)::+/> }.into_any()
            }
        )*
    };
}

page_builders! {
    home => pages::home::Home;
    place => pages::place::PlacePage;
    workshops => pages::ateliers::Ateliers;
    past_workshops => pages::ateliers::PastAteliers;
    workshop => pages::atelier::AtelierPage;
    registration => pages::inscription::RegistrationForm;
    registrations_page => pages::inscriptions::Inscriptions;
    receipt => pages::inscriptions::Receipt;
    guides => pages::guides::Guides;
    guide => pages::guide::GuideReader;
    settings_page => pages::reglages::Reglages;
    diagnostic => pages::diagnostic::Diagnostic;
    privacy => pages::confidentialite::Privacy;
    not_found => pages::not_found::NotFound;
}

/// The kiosk set-up is a wasm of its own (`kiosk_app`, served at
/// `/kiosque`): links to it are followed as new documents (`rel="external"`),
/// and should the router still land there (the back button over a pushed
/// address), the address is loaded again as a document.
#[inline(never)]
fn kiosk_setup() -> AnyView {
    crate::platform::dom::reload();
    ().into_any()
}

/// The id a path names (`/lieux/{id}`, `/ateliers/{id}`…), empty if none.
#[derive(Clone, Copy)]
pub struct RouteId(pub Memo<String>);

/// The current path's id (see `RouteId`).
pub fn route_id() -> Memo<String> {
    expect_context::<RouteId>().0
}

/// On every route change (not the first page): focus on the new page's
/// heading and its title announced (`platform::focus`).
#[component]
fn RouteFocus() -> impl IntoView {
    let location = crate::navigation::use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus::page_changed();
        }
        path
    });
}

/// Swaps the app in for the server's page once the page is built and has
/// its data, or at once when the resident goes to another page (see
/// `takeover`).
#[component]
fn TakeoverWatch(page_built: RwSignal<bool>) -> impl IntoView {
    let location = crate::navigation::use_location();
    let catalog = catalog::use_catalog();
    let first = (location.pathname.get_untracked(), location.search.get_untracked());
    Effect::new(move |_| {
        if (location.pathname.get(), location.search.get()) != first {
            takeover::navigated();
        }
    });
    Effect::new(move |_| {
        let has_data = catalog.loaded.with(Option::is_some) || catalog.freshness.get() == catalog::Freshness::Unavailable;
        if page_built.get() && has_data {
            request_animation_frame(takeover::ready);
        }
    });
}
