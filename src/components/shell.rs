//! The app shell: the shared header and bottom navigation fed with the
//! app's live state, the banner offering a new version, and the kiosk's
//! idle countdown.

use crate::navigation::{use_location, use_navigate};
use leptos::prelude::*;
use proxinum_views::shell::{BottomNav as NavView, Header as HeaderView};

use crate::pages::inscription::FormDirty;
use crate::platform::network::use_online;
use crate::platform::service_worker;
use crate::state::settings::use_settings;

fn kiosk_signal() -> Signal<bool> {
    let settings = use_settings();
    Signal::derive(move || settings.with(|s| s.is_kiosk()))
}

#[component]
pub fn Header() -> impl IntoView {
    let online = use_online();
    view! { <HeaderView online=Signal::derive(move || online.get()) kiosk=kiosk_signal()/> }
}

#[component]
pub fn BottomNav() -> impl IntoView {
    let location = use_location();
    view! { <NavView path=Signal::derive(move || location.pathname.get()) kiosk=kiosk_signal()/> }
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

/// Bumped to remount every page: the kiosk's reset clears all forms,
/// filters, searches and scroll positions at once.
#[derive(Clone, Copy)]
pub struct ResetGeneration(pub RwSignal<u32>);

/// In kiosk mode: after the configured time without a touch, a visible
/// countdown, then back to the home screen with everything cleared.
#[component]
pub fn KioskGuard() -> impl IntoView {
    let generation = expect_context::<ResetGeneration>().0;
    let navigate = use_navigate();
    let registrations = use_context::<crate::state::registrations::Registrations>();
    kiosk_countdown(move || {
        navigate("/", Default::default());
        if let Some(registrations) = registrations {
            registrations.recent.set(Vec::new());
        }
        generation.update(|g| *g += 1);
        crate::platform::dom::scroll_to_top();
    })
}

/// The kiosk's idle countdown: after the configured time without a touch, a
/// warning that says how long is left (focus on « Je continue »), then
/// `on_reset`. Outside kiosk mode it never shows. The residents' app resets
/// its pages (`KioskGuard`); the kiosk set-up (`kiosk_app`) goes back to the
/// residents' app. A plain generic function, not a component taking a
/// `Callback`: the residents' wasm keeps one copy with its reset inlined.
pub fn kiosk_countdown(on_reset: impl Fn() + Clone + 'static) -> impl IntoView {
    let settings = use_settings();
    let remaining = RwSignal::new(None::<u32>);
    let last_touch = StoredValue::new(js_sys::Date::now());
    // Where focus was when the warning took it, given back on "Je continue".
    let focused_before = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let touched = move || {
        last_touch.set_value(js_sys::Date::now());
        if remaining.get_untracked().is_some() {
            remaining.set(None);
            if let Some(element) = focused_before.get_value() {
                request_animation_frame(move || {
                    let _ = element.focus();
                });
            }
        }
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
        let countdown = proxinum_core::kiosk::warning_seconds(delay);
        if idle >= delay {
            last_touch.set_value(js_sys::Date::now());
            remaining.set(None);
            crate::platform::speech::stop();
            on_reset();
        } else if idle + countdown >= delay {
            let first = remaining.get_untracked().is_none();
            remaining.set(Some(delay - idle));
            if first {
                // Said once; focus on "Je continue", so Enter keeps the page.
                use wasm_bindgen::JsCast;
                let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
                focused_before.set_value(active.and_then(|e| e.dyn_into().ok()));
                crate::platform::focus::focus_successor(".kiosk-countdown button");
            }
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_millis(500)) {
        on_cleanup(move || handle.clear());
    }
    view! {
        // The dialog appears once (its text is read once, as an alert
        // dialog's label); only the visible figure changes each second.
        <Show when=move || remaining.with(Option::is_some)>
            <div class="kiosk-countdown" role="alertdialog" aria-modal="false" aria-labelledby="compte-a-rebours" aria-describedby="compte-a-rebours-aide">
                <p id="compte-a-rebours">
                    "Vous êtes toujours là ? La borne revient à l'accueil et efface tout dans "
                    <span aria-hidden="true">{move || remaining.get().unwrap_or_default()}</span>
                    <span class="visually-hidden">{remaining.get_untracked().unwrap_or_default()}</span>
                    " secondes."
                </p>
                <p id="compte-a-rebours-aide">"Pour garder cette page : « Je continue », ou touchez l'écran, cliquez ou appuyez sur une touche."</p>
                <button type="button" class="button" on:click=move |_| touched()>"Je continue"</button>
            </div>
        </Show>
    }
}
