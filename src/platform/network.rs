//! Whether the browser believes it is online, as a signal that follows the
//! `online` and `offline` events.

use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Online(ReadSignal<bool>);

fn navigator_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Installs the signal once, at the top of the app.
pub fn provide_network_status() {
    let (online, set_online) = signal(navigator_online());
    let on = window_event_listener(leptos::ev::online, move |_| set_online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| set_online.set(false));
    // The app lives as long as the page: keep the listeners.
    std::mem::forget((on, off));
    provide_context(Online(online));
}

pub fn use_online() -> ReadSignal<bool> {
    expect_context::<Online>().0
}
