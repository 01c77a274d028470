//! Where keyboard focus goes when the page changes under it, and the one
//! polite live region that says what changed (WCAG 2.4.3, 4.1.3). Pages call
//! these instead of patching focus each in their own way.

use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

/// Frames to wait for an element (about 1.5 s): a page that waits for its
/// data renders its heading a little after the route changes.
const FRAMES: u32 = 90;

/// The live region's id (rendered once by the app, `App`).
pub const ANNOUNCER: &str = "annonces";

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn find(selector: &str) -> Option<web_sys::HtmlElement> {
    document()?.query_selector(selector).ok()??.dyn_into().ok()
}

/// Focuses `element`, making it focusable from script only if it is not
/// (`tabindex="-1"`: a heading must not become a Tab stop).
fn focus(element: &web_sys::HtmlElement) {
    if element.tab_index() < 0 && !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    let _ = element.focus();
}

/// Focuses the first element matching `selector` once it is in the page and
/// is not `stale` (the element of the page being left; accepted on the last
/// frame all the same), then runs `then`. The one waiting loop of this module.
fn focus_when_ready(selector: String, stale: Option<web_sys::HtmlElement>, frames: u32, then: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        let found = find(&selector).filter(|e| stale.as_ref().is_none_or(|old| !old.is_same_node(Some(e)) || frames == 0));
        match found {
            Some(element) => {
                focus(&element);
                then();
            }
            None if frames > 0 => focus_when_ready(selector, stale, frames - 1, then),
            None => {}
        }
    });
}

/// After a route change: focus on the new page's `h1`, and its title said
/// once, so that the next Tab goes into the page rather than to the
/// navigation, and a screen reader knows where it is.
pub fn page_changed() {
    let old = find("main h1");
    focus_when_ready("main h1".into(), old, FRAMES, || {
        if let Some(document) = document() {
            announce(&document.title());
        }
    });
}

/// "Aller au contenu": the page's heading (or `main` when it has none).
pub fn skip_to_content() {
    if let Some(element) = find("main h1").or_else(|| find("main")) {
        focus(&element);
    }
}

/// Moves focus to `selector` once the update that removed the focused
/// element has rendered: the successor the page defines.
pub fn focus_successor(selector: impl Into<String>) {
    focus_when_ready(selector.into(), None, FRAMES, || {});
}

/// Focus to the `n`-th card (1-based) of the first list of cards, once it
/// exists ("Voir plus de lieux": the first place added).
pub fn focus_card(n: usize) {
    focus_successor(format!("main .card-list > li:nth-child({n}) a"));
}

/// Says `text` once through the polite live region. Emptied first, so that
/// the same words said twice are announced twice.
pub fn announce(text: &str) {
    let Some(region) = document().and_then(|d| d.get_element_by_id(ANNOUNCER)) else { return };
    region.set_text_content(None);
    let text = text.to_string();
    request_animation_frame(move || region.set_text_content(Some(&text)));
}

/// Says the text of `selector` once it has rendered (a results heading).
pub fn announce_text_of(selector: &'static str) {
    request_animation_frame(move || {
        request_animation_frame(move || {
            if let Some(text) = find(selector).and_then(|e| e.text_content()) {
                announce(text.trim());
            }
        })
    });
}
