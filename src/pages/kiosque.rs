//! Turning kiosk mode on and off, with the staff's code. The one page of
//! the kiosk set-up's own wasm (`kiosk_app`): it leaves for the residents'
//! app as a new document.

use leptos::prelude::*;

use crate::platform::dom;
use crate::state::catalog::use_catalog;
use crate::state::settings::{hash_code, use_settings, Kiosk, Settings, DEFAULT_KIOSK_IDLE_S};

const MIN_CODE_LENGTH: usize = 4;

#[component]
pub fn KioskSetup() -> impl IntoView {
    dom::set_title("Mode borne");
    let settings = use_settings();
    let catalog = use_catalog();
    let code = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let delay = RwSignal::new(DEFAULT_KIOSK_IDLE_S.to_string());
    let error = RwSignal::new(None::<&'static str>);

    let activate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = code.get_untracked();
        if chosen.trim().chars().count() < MIN_CODE_LENGTH {
            return error.set(Some("Le code doit avoir au moins 4 caractères."));
        }
        if chosen != again.get_untracked() {
            return error.set(Some("Les deux codes ne sont pas les mêmes."));
        }
        let Ok(seconds) = delay.get_untracked().trim().parse::<u32>() else {
            return error.set(Some("Le délai doit être un nombre de secondes."));
        };
        if !(5..=3600).contains(&seconds) {
            return error.set(Some("Le délai doit être entre 5 secondes et 1 heure."));
        }
        let lieu = Some(place.get_untracked()).filter(|p| !p.is_empty());
        // Saved now, once (no effect to wait for): the residents' app reads
        // it as the next document starts.
        settings.update_untracked(|s| s.kiosque = Some(Kiosk { code: hash_code(&chosen), lieu_id: lieu, delai_s: seconds }));
        settings.with_untracked(Settings::save);
        code.set(String::new());
        again.set(String::new());
        dom::open_document("/");
    };
    let deactivate = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if settings.with_untracked(|s| s.kiosk_code_matches(&code.get_untracked())) {
            settings.update_untracked(|s| s.kiosque = None);
            settings.with_untracked(Settings::save);
            code.set(String::new());
            dom::open_document("/reglages");
        } else {
            error.set(Some("Ce n'est pas le bon code."));
        }
    };

    view! {
        <h1>"Mode borne"</h1>
        {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        {move || if settings.with(|s| s.is_kiosk()) {
            view! {
                <p>"Cet appareil est en mode borne. Pour le quitter, le personnel tape son code."</p>
                <form on:submit=deactivate>
                    <label for="code-sortie">"Code du personnel"</label>
                    <input id="code-sortie" type="password" autocomplete="off" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    <button type="submit" class="button">"Quitter le mode borne"</button>
                </form>
            }.into_any()
        } else {
            view! {
                <p>"Pour une tablette en libre accès dans une médiathèque :"</p>
                <ul>
                    <li>"l'écran revient à l'accueil après un moment sans toucher, et tout est effacé ;"</li>
                    <li>"les inscriptions partent tout de suite et rien de personnel ne reste sur la tablette ;"</li>
                    <li>"les liens vers l'extérieur deviennent des codes QR, à scanner avec son téléphone ;"</li>
                    <li>"le texte est plus grand."</li>
                </ul>
                <form on:submit=activate>
                    <label for="lieu-borne">"Où est la tablette ?"</label>
                    <select id="lieu-borne" on:change=move |ev| place.set(event_target_value(&ev))>
                        <option value="">"Je ne sais pas / pas dans la liste"</option>
                        {move || catalog.loaded.get().map(|l| {
                            let mut places = l.catalog.lieux.clone();
                            proxinum_core::order::sort_by_key(&mut places, |p| (!proxinum_core::text::lowercase(&p.nom).contains("médiathèque"), p.commune_affichee(), p.nom_affiche()));
                            places.into_iter().map(|p| view! { <option value=p.id.clone()>{format!("{} — {}", p.nom_affiche(), p.commune_affichee())}</option> }).collect_view()
                        })}
                    </select>
                    <p class="hint">"« Autour de moi » partira de ce lieu, sans demander de localisation."</p>
                    <label for="code">"Code du personnel (pour quitter le mode borne)"</label>
                    <input id="code" type="password" autocomplete="new-password" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    <label for="code-bis">"Le même code, encore une fois"</label>
                    <input id="code-bis" type="password" autocomplete="new-password" prop:value=move || again.get() on:input=move |ev| again.set(event_target_value(&ev))/>
                    <label for="delai">"Retour à l'accueil après combien de secondes sans toucher ?"</label>
                    <input id="delai" type="number" inputmode="numeric" min="5" max="3600" aria-describedby="delai-aide"
                        prop:value=move || delay.get() on:input=move |ev| delay.set(event_target_value(&ev))/>
                    <p class="hint" id="delai-aide">{move || delay.get().trim().parse::<u32>().ok().map(proxinum_core::kiosk::warning_explained)}</p>
                    <button type="submit" class="button button-wide">"Activer le mode borne"</button>
                </form>
            }.into_any()
        }}
    }
}
