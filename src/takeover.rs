//! Taking over a page the server rendered. The server sends each public page
//! readable (`#rendu-serveur`, made by the same views); the app mounts beside
//! it, hidden, and swaps itself in once its page is ready, so the resident
//! never sees a blank or a jump. What the resident typed meanwhile is carried
//! over, and so are the focus and the scroll position. A navigation before
//! then swaps at once (the resident acted; the app's page must show). An
//! answer to a posted form (`data-garder`) is kept: the app does not mount.

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

const SERVER_ROOT: &str = "rendu-serveur";
const APP_ROOT: &str = "racine-app";

thread_local! {
    static FROM_SERVER: Cell<bool> = const { Cell::new(false) };
    static HELD: Cell<bool> = const { Cell::new(false) };
    /// The path the server rendered.
    static FIRST_PATH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// How the app starts on this document.
pub enum Start {
    /// No server-rendered page (the app shell, offline): mount on the body.
    Shell,
    /// Mount into this hidden element, then swap.
    Beside(HtmlElement),
    /// A page the app must not replace.
    Keep,
}

fn document() -> Option<Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Looks at the document and prepares where the app mounts.
pub fn prepare() -> Start {
    let Some(document) = document() else { return Start::Shell };
    let Some(server) = document.get_element_by_id(SERVER_ROOT) else { return Start::Shell };
    if server.has_attribute("data-garder") {
        return Start::Keep;
    }
    let (Ok(host), Some(body)) = (document.create_element("div"), document.body()) else { return Start::Shell };
    host.set_id(APP_ROOT);
    let _ = host.set_attribute("hidden", "");
    if body.append_child(&host).is_err() {
        return Start::Shell;
    }
    FROM_SERVER.with(|f| f.set(true));
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    FIRST_PATH.with(|p| *p.borrow_mut() = path);
    match host.dyn_into::<HtmlElement>() {
        Ok(host) => Start::Beside(host),
        Err(_) => Start::Shell,
    }
}

/// True while the app shows the page the server rendered first (the guide
/// reader then opens as the server showed it: every step). Read from the
/// router's address, which changes before the new page is built — the
/// `navigated` call comes after it.
pub fn first_page_from_server() -> bool {
    FROM_SERVER.with(Cell::get) && still_on_first_path()
}

fn still_on_first_path() -> bool {
    let Some(path) = crate::navigation::current_path() else { return true };
    FIRST_PATH.with(|first| *first.borrow() == path)
}

/// The app cannot show the server's page (an item of another territory
/// than the device's catalog): the server's page stays until the resident
/// goes elsewhere.
pub fn hold() -> bool {
    let held = first_page_from_server();
    HELD.with(|h| h.set(held));
    held
}

/// The resident went to another page inside the app.
pub fn navigated() {
    FROM_SERVER.with(|f| f.set(false));
    HELD.with(|h| h.set(false));
    swap();
}

/// The app's page has its data: swap, unless the server's page is held.
pub fn ready() {
    if HELD.with(Cell::get) {
        mark_running();
    } else {
        swap();
    }
}

/// Replaces the server's page by the app's, if not done yet.
pub fn swap() {
    let Some(document) = document() else { return };
    let (Some(server), Some(app)) = (document.get_element_by_id(SERVER_ROOT), document.get_element_by_id(APP_ROOT)) else { return };
    crate::platform::dom::mark("proxinum:prise-en-main");
    carry_typed_values(&server, &app);
    let focused = document.active_element().filter(|e| server.contains(Some(e))).map(|e| e.id()).filter(|id| !id.is_empty());
    let scroll = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
    server.remove();
    let _ = app.remove_attribute("hidden");
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, scroll);
    }
    if let Some(element) = focused.and_then(|id| document.get_element_by_id(&id)).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
    mark_running();
}

/// `<html data-app="pret">`: the app runs the page (read by the end-to-end
/// tests and the start-up probe, which must not act on the server's page).
pub fn mark_running() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-app", "pret");
    }
}

/// Fields the resident changed on the server's page get the same value in
/// the app's, with the events the app listens to.
fn carry_typed_values(server: &Element, app: &Element) {
    let Ok(fields) = server.query_selector_all("input[id], textarea[id], select[id]") else { return };
    for i in 0..fields.length() {
        let Some(field) = fields.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let Ok(Some(target)) = app.query_selector(&format!("#{}", field.id())) else { continue };
        if let (Some(from), Some(to)) = (field.dyn_ref::<web_sys::HtmlInputElement>(), target.dyn_ref::<web_sys::HtmlInputElement>()) {
            if from.type_() == "hidden" {
                continue;
            }
            if matches!(from.type_().as_str(), "checkbox" | "radio") {
                if from.checked() != from.default_checked() {
                    to.set_checked(from.checked());
                    dispatch(&target, "change");
                }
            } else if from.value() != from.default_value() {
                to.set_value(&from.value());
                dispatch(&target, "input");
            }
        } else if let (Some(from), Some(to)) =
            (field.dyn_ref::<web_sys::HtmlTextAreaElement>(), target.dyn_ref::<web_sys::HtmlTextAreaElement>())
        {
            if Ok(from.value()) != from.default_value() {
                to.set_value(&from.value());
                dispatch(&target, "input");
            }
        } else if let (Some(from), Some(to)) =
            (field.dyn_ref::<web_sys::HtmlSelectElement>(), target.dyn_ref::<web_sys::HtmlSelectElement>())
        {
            if from.value() != to.value() {
                to.set_value(&from.value());
                dispatch(&target, "change");
            }
        }
    }
}

fn dispatch(target: &Element, name: &str) {
    if let Ok(event) = web_sys::Event::new(name) {
        let _ = target.dispatch_event(&event);
    }
}
