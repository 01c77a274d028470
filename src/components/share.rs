//! "Partager": the phone's share sheet where it exists, else a copy of the
//! address.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn ShareButton(url: String, title: String) -> impl IntoView {
    let done = RwSignal::new(None::<&'static str>);
    let share = move |_| {
        let (url, title) = (url.clone(), title.clone());
        leptos::task::spawn_local(async move {
            let Some(window) = web_sys::window() else { return };
            let navigator = window.navigator();
            if js_sys::Reflect::has(&navigator, &JsValue::from_str("share")).unwrap_or(false) {
                let data = web_sys::ShareData::new();
                data.set_title(&title);
                data.set_url(&url);
                let _ = JsFuture::from(navigator.share_with_data(&data)).await;
            } else {
                let copied = JsFuture::from(navigator.clipboard().write_text(&url)).await.is_ok();
                done.set(Some(if copied { "Adresse copiée." } else { "Copiez l'adresse de la page dans votre navigateur." }));
            }
        });
    };
    view! {
        <button type="button" class="button button-secondary" on:click=share>"Partager"</button>
        <span role="status" class="share-status">{move || done.get()}</span>
    }
}
