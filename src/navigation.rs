//! The address bar inside the app: the current path and query as signals,
//! links followed without reloading, `navigate`, back and forward.
//!
//! Why not leptos_router: the app used only its `<Router>` (the address,
//! links, `use_navigate`), not its routes (pages are one `match`, `app.rs`),
//! and that part alone weighed 7.7 KiB brotli of the residents' wasm
//! (issue 14). What it did that the app relies on is kept: a link is
//! followed inside the app unless it opens elsewhere (another origin, a
//! `target`, `download`, `rel="external"`, a modifier key or another button,
//! an event already handled); a new address is pushed, or replaced when
//! asked; the page scrolls to the top once the new page is drawn; back and
//! forward read the address again. Not kept: scrolling to an address's
//! `#fragment` after a followed link (no link of the app points inside a
//! page, and the new page's focus on its heading came after it anyway).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlAnchorElement, MouseEvent};

/// Where the app is: a path, a query (without `?`) and a fragment (with
/// its `#`, or empty).
#[derive(Clone, PartialEq, Default)]
struct Address {
    path: String,
    search: String,
    hash: String,
}

impl Address {
    fn of_window() -> Self {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_default(),
            search: location.search().unwrap_or_default().trim_start_matches('?').to_string(),
            hash: location.hash().unwrap_or_default(),
        }
    }

    fn of_url(url: &web_sys::Url) -> Self {
        Address { path: url.pathname(), search: url.search().trim_start_matches('?').to_string(), hash: url.hash() }
    }

    /// What the address bar shows after the origin.
    fn written(&self) -> String {
        let question = if self.search.is_empty() { "" } else { "?" };
        format!("{}{question}{}{}", self.path, self.search, self.hash)
    }
}

/// The current address, for the pages: its path and its query (without `?`).
#[derive(Clone, Copy)]
pub struct Location {
    pub pathname: Memo<String>,
    pub search: Memo<String>,
}

/// How to go somewhere: replace the current history entry rather than add
/// one; scroll to the top once there.
#[derive(Clone, Copy)]
pub struct NavigateOptions {
    pub replace: bool,
    pub scroll: bool,
}

impl Default for NavigateOptions {
    fn default() -> Self {
        NavigateOptions { replace: false, scroll: true }
    }
}

#[derive(Clone, Copy)]
struct Current(RwSignal<Address>);

/// Starts following links and back/forward for the app's lifetime, and
/// provides [`use_location`] and [`use_navigate`].
pub fn provide_navigation() {
    let address = RwSignal::new(Address::of_window());
    provide_context(Current(address));
    provide_context(Location {
        pathname: Memo::new(move |_| address.with(|a| a.path.clone())),
        search: Memo::new(move |_| address.with(|a| a.search.clone())),
    });
    let clicks = window_event_listener(ev::click, move |event| follow_link(address, &event));
    let history = window_event_listener(ev::popstate, move |_| address.set(Address::of_window()));
    on_cleanup(move || {
        clicks.remove();
        history.remove();
    });
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Goes to `to` (a path, with its query and fragment if any) inside the app.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone + 'static {
    let Current(address) = expect_context::<Current>();
    move |to: &str, options: NavigateOptions| {
        let url = window().location().href().ok().and_then(|here| web_sys::Url::new_with_base(to, &here).ok());
        if let Some(url) = url {
            go(address, Address::of_url(&url), options);
        }
    }
}

/// The path the app shows, read without subscribing (the address changes
/// as soon as a link is followed, before the new page is built).
pub fn current_path() -> Option<String> {
    use_context::<Current>().map(|Current(address)| address.with_untracked(|a| a.path.clone()))
}

fn go(address: RwSignal<Address>, next: Address, options: NavigateOptions) {
    let written = next.written();
    let unchanged = address.with_untracked(|a| a.written() == written);
    if let Ok(history) = window().history() {
        let _ = if options.replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&written))
        } else if unchanged {
            Ok(())
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&written))
        };
    }
    address.set(next);
    if options.scroll {
        // Once the new page is drawn.
        request_animation_frame(crate::platform::dom::scroll_to_top);
    }
}

/// A click on a link of this origin that the browser would follow in this
/// tab: followed inside the app instead.
fn follow_link(address: RwSignal<Address>, event: &MouseEvent) {
    if event.default_prevented() || event.button() != 0 || event.meta_key() || event.alt_key() || event.ctrl_key() || event.shift_key() {
        return;
    }
    let link = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok());
    let Some(link) = link else { return };
    if !link.target().is_empty() || link.has_attribute("download") || link.rel().split_ascii_whitespace().any(|r| r == "external") {
        return;
    }
    let Ok(url) = web_sys::Url::new(&link.href()) else { return };
    if window().location().origin().ok().as_deref() != Some(&url.origin()) {
        return;
    }
    event.prevent_default();
    go(address, Address::of_url(&url), NavigateOptions::default());
}
