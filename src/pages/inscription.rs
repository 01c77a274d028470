//! The registration form. On submit the registration gets its id on the
//! device, is written to IndexedDB before any network attempt, shows at once
//! in "Mes inscriptions", and the outbox delivers it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use proxinum_core::outbox::{Entry, MyRegistration, SessionRef};
use proxinum_core::registration::{self, RegistrationRequest, MAX_SEATS};
use proxinum_core::session::{FieldError, Session};
use uuid::Uuid;

use crate::components::catalog_item::{with_catalog_item, ItemMissing};
use crate::platform::{self, dom};
use crate::state::catalog::use_catalog;
use crate::state::registrations::{self as regs, use_registrations};
use crate::state::settings::use_settings;
use crate::storage::{self, outbox::Contact};
use crate::sync;

/// True while a form holds typed text: the update banner then warns before
/// reloading.
#[derive(Clone, Copy)]
pub struct FormDirty(pub RwSignal<bool>);

#[component]
pub fn RegistrationForm() -> impl IntoView {
    let catalog = use_catalog();
    with_catalog_item(move |loaded, id| match loaded.catalog.session(&id).cloned() {
        Some(session) if session.accepts_registrations(platform::now()) => {
            let left = catalog.availability.with_untracked(|a| a.iter().find(|x| x.id == session.id).and_then(|x| x.places_restantes));
            view! { <Form session=session seats_left=left/> }.into_any()
        }
        Some(session) => view! {
            <h1>"Inscription impossible"</h1>
            <p>"Cet atelier ne prend pas d'inscription dans Proxinum (il est passé, annulé, reporté, ou l'inscription se fait ailleurs)."</p>
            <p><A href=format!("/ateliers/{}", session.id)>"Retour à l'atelier"</A></p>
        }.into_any(),
        None => view! { <ItemMissing title="Atelier introuvable" back_href="/ateliers" back_label="Voir les ateliers"/> }.into_any(),
    })
}

#[component]
fn Form(session: Session, seats_left: Option<u32>) -> impl IntoView {
    dom::set_title(&format!("Inscription : {}", session.titre));
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    let navigate = use_navigate();
    let registrations = use_registrations();
    let dirty = use_context::<FormDirty>().map(|d| d.0);
    let prenom = RwSignal::new(String::new());
    let nom = RwSignal::new(String::new());
    let telephone = RwSignal::new(String::new());
    let courriel = RwSignal::new(String::new());
    let places = RwSignal::new(1u32);
    let besoins = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let remember = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let sending = RwSignal::new(false);
    let retention = use_catalog().loaded.with_untracked(|l| l.as_ref().map(|l| l.catalog.conservation_jours).unwrap_or(30));

    // Pre-fill from "Mes coordonnées" on the resident's own phone only.
    if !kiosk {
        spawn_local(async move {
            let Ok(db) = storage::db().await else { return };
            if let Ok(Some(contact)) = storage::outbox::contact(&db).await {
                prenom.set(contact.prenom);
                nom.set(contact.nom);
                telephone.set(contact.telephone);
                courriel.set(contact.courriel);
                remember.set(true);
            }
        });
    }
    if let Some(dirty) = dirty {
        Effect::new(move |_| dirty.set(!prenom.get().is_empty() || !nom.get().is_empty() || !telephone.get().is_empty()));
        on_cleanup(move || dirty.set(false));
    }

    let max_places = seats_left.filter(|n| *n > 0).unwrap_or(MAX_SEATS).min(MAX_SEATS);
    let error_for = move |field: &'static str| move || errors.with(|e| e.iter().find(|x| x.champ == field).map(|x| x.message.clone()));
    let invalid = move |field: &'static str| move || errors.with(|e| e.iter().any(|x| x.champ == field)).then_some("true");

    let session_ref = SessionRef {
        id: session.id.clone(),
        titre: session.titre.clone(),
        quand: session.when_text(),
        debut_ms: session.start_utc().timestamp_millis(),
    };
    let session_id = session.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let optional = |s: RwSignal<String>| Some(s.get_untracked()).filter(|t| !t.trim().is_empty());
        let request = RegistrationRequest {
            id: Uuid::new_v4(),
            session_id: session_id.clone(),
            prenom: prenom.get_untracked(),
            nom: nom.get_untracked(),
            telephone: optional(telephone),
            courriel: optional(courriel),
            places: places.get_untracked(),
            besoins: optional(besoins),
            consentement: consent.get_untracked(),
        };
        // The server lets extra people onto the waiting list: only bound the
        // seats by what one registration may ask.
        match registration::validate(&request, None) {
            Err(found) => {
                errors.set(found);
                focus_first_error();
            }
            Ok(valid) => {
                errors.set(Vec::new());
                sending.set(true);
                let request = valid.0;
                let entry = Entry::register(request.clone(), session_ref.clone(), js_sys::Date::now() as i64);
                let Some(mine) = MyRegistration::pending(&entry) else { return };
                let navigate = navigate.clone();
                let keep = !kiosk && remember.get_untracked();
                let contact = Contact {
                    prenom: prenom.get_untracked(),
                    nom: nom.get_untracked(),
                    telephone: telephone.get_untracked(),
                    courriel: courriel.get_untracked(),
                };
                spawn_local(async move {
                    let stored = async {
                        let db = storage::db().await?;
                        storage::outbox::enqueue(&db, &entry, &mine).await?;
                        if keep {
                            storage::outbox::save_contact(&db, &contact).await?;
                        } else if !kiosk {
                            storage::outbox::forget_contact(&db).await?;
                        }
                        Ok::<_, storage::StorageError>(())
                    }
                    .await;
                    match stored {
                        Ok(()) => {
                            if let Some(dirty) = dirty {
                                dirty.set(false);
                            }
                            regs::reload(registrations);
                            sync::trigger(true);
                            sync::request_background_sync();
                            navigate(&format!("/inscriptions/{}", request.id), Default::default());
                        }
                        Err(_) => {
                            sending.set(false);
                            errors.set(vec![FieldError::new(
                                "formulaire",
                                "Votre inscription n'a pas pu être enregistrée sur cet appareil. Vérifiez qu'il reste de la place sur le téléphone, puis réessayez.",
                            )]);
                        }
                    }
                });
            }
        }
    };

    view! {
        <p class="back"><A href=format!("/ateliers/{}", session.id)>"← Retour à l'atelier"</A></p>
        <h1>"M'inscrire"</h1>
        <p class="lead">{session.titre.clone()}<br/>{session.when_text()}</p>
        {move || (!errors.get().is_empty()).then(|| view! {
            <div class="notice notice-error" role="alert" id="erreurs" tabindex="-1">
                <p><strong>"Le formulaire n'est pas complet :"</strong></p>
                <ul>{errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}</ul>
            </div>
        })}
        <form class="form" on:submit=submit novalidate>
            <label for="prenom">"Prénom"</label>
            <input id="prenom" name="prenom" type="text" autocomplete=if kiosk { "off" } else { "given-name" } required
                aria-invalid=invalid("prenom") aria-describedby="prenom-erreur"
                prop:value=move || prenom.get() on:input=move |ev| prenom.set(event_target_value(&ev))/>
            <p class="field-error" id="prenom-erreur">{error_for("prenom")}</p>

            <label for="nom">"Nom"</label>
            <input id="nom" name="nom" type="text" autocomplete=if kiosk { "off" } else { "family-name" } required
                aria-invalid=invalid("nom") aria-describedby="nom-erreur"
                prop:value=move || nom.get() on:input=move |ev| nom.set(event_target_value(&ev))/>
            <p class="field-error" id="nom-erreur">{error_for("nom")}</p>

            <fieldset>
                <legend>"Pour vous prévenir (au moins un des deux)"</legend>
                <label for="telephone">"Téléphone"</label>
                <input id="telephone" name="telephone" type="tel" inputmode="tel" autocomplete=if kiosk { "off" } else { "tel" }
                    aria-invalid=invalid("telephone") aria-describedby="telephone-aide telephone-erreur"
                    prop:value=move || telephone.get() on:input=move |ev| telephone.set(event_target_value(&ev))/>
                <p class="hint" id="telephone-aide">"Exemple : 06 12 34 56 78"</p>
                <p class="field-error" id="telephone-erreur">{error_for("telephone")}</p>
                <label for="courriel">"E-mail"</label>
                <input id="courriel" name="courriel" type="email" inputmode="email" autocomplete=if kiosk { "off" } else { "email" }
                    aria-invalid=invalid("courriel") aria-describedby="courriel-erreur"
                    prop:value=move || courriel.get() on:input=move |ev| courriel.set(event_target_value(&ev))/>
                <p class="field-error" id="courriel-erreur">{error_for("courriel")}</p>
            </fieldset>

            <label for="places">"Nombre de places"</label>
            <select id="places" name="places" aria-describedby="places-aide places-erreur" on:change=move |ev| places.set(event_target_value(&ev).parse().unwrap_or(1))>
                {(1..=max_places).map(|n| view! { <option value=n.to_string() selected=move || places.get() == n>{n}</option> }).collect_view()}
            </select>
            <p class="hint" id="places-aide">{match seats_left {
                Some(0) => "Il n'y a plus de place : vous serez sur la liste d'attente.".to_string(),
                Some(n) => format!("Il reste {n} place{} (au dernier contrôle).", if n > 1 { "s" } else { "" }),
                None => "Vous, et les personnes qui viennent avec vous.".to_string(),
            }}</p>
            <p class="field-error" id="places-erreur">{error_for("places")}</p>

            <label for="besoins">"Un besoin pour venir ? (facultatif)"</label>
            <textarea id="besoins" name="besoins" aria-describedby="besoins-aide besoins-erreur"
                prop:value=move || besoins.get() on:input=move |ev| besoins.set(event_target_value(&ev))></textarea>
            <p class="hint" id="besoins-aide">"Par exemple : fauteuil roulant, malentendant, besoin d'un ordinateur."</p>
            <p class="field-error" id="besoins-erreur">{error_for("besoins")}</p>

            <div class="consent">
                <p>{format!(
                    "Vos coordonnées servent seulement à organiser cet atelier et à vous prévenir d'un changement. Seul l'organisateur les voit. Elles sont effacées {retention} jours après l'atelier."
                )}</p>
                <p><A href="/confidentialite">"En savoir plus sur vos données"</A></p>
                <label class="check" for="consentement">
                    <input id="consentement" type="checkbox" aria-invalid=invalid("consentement") aria-describedby="consentement-erreur"
                        prop:checked=move || consent.get() on:change=move |ev| consent.set(event_target_checked(&ev))/>
                    <span>"J'accepte que mes coordonnées soient utilisées pour cet atelier."</span>
                </label>
                <p class="field-error" id="consentement-erreur">{error_for("consentement")}</p>
            </div>

            {(!kiosk).then(|| view! {
                <label class="check" for="souvenir">
                    <input id="souvenir" type="checkbox" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev))/>
                    <span>"Retenir mes coordonnées sur ce téléphone pour la prochaine fois"</span>
                </label>
            })}

            <button type="submit" class="button button-wide" disabled=move || sending.get()>
                {move || if sending.get() { "Enregistrement…" } else { "Envoyer mon inscription" }}
            </button>
        </form>
    }
}

/// Moves focus to the error summary so that screen readers read it.
fn focus_first_error() {
    use wasm_bindgen::JsCast;
    let callback = wasm_bindgen::closure::Closure::once_into_js(|| {
        if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("erreurs")) {
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 50);
    }
}
