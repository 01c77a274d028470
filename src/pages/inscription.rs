//! The registration form. On submit the registration gets its id on the
//! device, is written to IndexedDB before any network attempt, shows at once
//! in "Mes inscriptions", and the outbox delivers it.

use crate::navigation::use_navigate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::outbox::{Entry, MyRegistration, SessionRef};
use proxinum_core::registration::{self, RegistrationRequest};
use proxinum_core::session::{FieldError, Session};
use proxinum_views::registration_form::{FormFields, RegistrationClosed, RegistrationFormView};
use uuid::Uuid;

use crate::components::catalog_item::{item_missing, with_catalog_item};
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
        Some(session) => {
            dom::set_title("Inscription impossible");
            view! { <RegistrationClosed session_id=session.id/> }.into_any()
        }
        None => item_missing("Atelier introuvable", "/ateliers", "Voir les ateliers", None),
    })
}

#[component]
fn Form(session: Session, seats_left: Option<u32>) -> impl IntoView {
    dom::set_title(&format!("Inscription : {}", session.titre));
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    let navigate = use_navigate();
    let registrations = use_registrations();
    let dirty = use_context::<FormDirty>().map(|d| d.0);
    let fields = FormFields::empty();
    let FormFields { prenom, nom, telephone, courriel, places, besoins, consentement: consent } = fields;
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

    let session_ref = SessionRef {
        id: session.id.clone(),
        titre: session.titre.clone(),
        quand: session.when_text(),
        debut_ms: session.start_utc().timestamp_millis(),
    };
    let session_id = session.id.clone();
    let submit = move |_: ()| {
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
                let entry = Entry::register(request.clone(), session_ref.clone(), js_sys::Date::now() as i64).on_kiosk(kiosk);
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
                        Err(error) => {
                            crate::platform::error_log::record(
                                "stockage",
                                &format!("Inscription non enregistrée sur l'appareil : {error}"),
                            );
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

    let remember = (!kiosk).then_some(remember);
    let request_id = Uuid::new_v4().to_string();
    match remember {
        Some(remember) => view! {
            <RegistrationFormView session=session seats_left=seats_left retention_days=retention kiosk=kiosk fields=fields
                errors=errors.into() sending=sending.into() on_submit=Callback::new(submit) request_id=request_id remember=remember/>
        }
        .into_any(),
        None => view! {
            <RegistrationFormView session=session seats_left=seats_left retention_days=retention kiosk=kiosk fields=fields
                errors=errors.into() sending=sending.into() on_submit=Callback::new(submit) request_id=request_id/>
        }
        .into_any(),
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
