//! "Mes inscriptions", and the receipt shown after registering (with a QR
//! code on a kiosk, to find the registration again on one's own phone).

use crate::navigation::use_navigate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::outbox::{Entry, EntryState, MyRegistration, MyStatus, SessionRef};
use proxinum_core::registration::short_code;
use uuid::Uuid;

use crate::components::reminder::NextWorkshop;
use crate::net;
use crate::platform::{dom, focus};
use crate::state::catalog::use_catalog;
use crate::state::registrations::{self as regs, use_registrations, Registrations};
use crate::state::settings::{use_settings, Settings};
use crate::storage;
use crate::sync;
use proxinum_views::links::QrCode;

fn status_class(status: &MyStatus) -> &'static str {
    match status {
        MyStatus::Confirmee => "status status-ok",
        MyStatus::ListeAttente | MyStatus::EnAttenteEnvoi | MyStatus::AnnulationEnAttente => "status status-wait",
        MyStatus::Annulee | MyStatus::Refusee { .. } | MyStatus::Expiree => "status status-ko",
    }
}

/// Asks the server for the current status of delivered registrations (a
/// place freed on the waiting list, a workshop cancelled by its organiser).
fn refresh_from_server(state: Registrations) {
    spawn_local(async move {
        let Ok(db) = storage::db().await else { return };
        let now = js_sys::Date::now() as i64;
        let mine = state.mine.get_untracked();
        for mut registration in mine {
            let active = matches!(registration.statut, MyStatus::Confirmee | MyStatus::ListeAttente);
            if !active || registration.atelier.debut_ms < now {
                continue;
            }
            let Ok(Some(result)) = net::registration_status(&registration.id.to_string()).await else { continue };
            let fresh: MyStatus = result.statut.into();
            if fresh != registration.statut {
                registration.statut = fresh;
                registration.mis_a_jour = now;
                let _ = storage::outbox::save_mine(&db, &registration).await;
            }
        }
        regs::reload(state);
    });
}

#[component]
pub fn Inscriptions() -> impl IntoView {
    dom::set_title("Mes inscriptions");
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    let state = use_registrations();
    if kiosk {
        return view! {
            <h1>"Mes inscriptions"</h1>
            <p>"Sur cette borne, aucune inscription n'est gardée."</p>
            <p>"Pour retrouver la vôtre, scannez avec votre téléphone le code QR donné à la fin de l'inscription."</p>
        }
        .into_any();
    }
    regs::reload(state);
    refresh_from_server(state);
    // A status that changes while the page is open ("En attente d'envoi" →
    // "Inscription confirmée") is said once.
    Effect::new(move |previous: Option<Vec<(uuid::Uuid, String, String)>>| {
        let now: Vec<(uuid::Uuid, String, String)> =
            state.mine.with(|m| m.iter().map(|r| (r.id, r.atelier.titre.clone(), r.statut.label().to_string())).collect());
        let changed: Vec<String> = now
            .iter()
            .filter(|(id, _, label)| previous.as_ref().is_some_and(|p| p.iter().any(|(i, _, old)| i == id && old != label)))
            .map(|(_, title, label)| format!("{title} : {label}."))
            .collect();
        if !changed.is_empty() {
            focus::announce(&changed.join(" "));
        }
        now
    });
    let now = js_sys::Date::now() as i64;
    // Which card asks "Voulez-vous vraiment annuler ?": kept here, so that the
    // question survives the list being rebuilt when a status changes.
    let confirming = RwSignal::new(None::<uuid::Uuid>);
    view! {
        <h1>"Mes inscriptions"</h1>
        <NextWorkshop/>
        {move || {
            let mine = state.mine.get();
            let pending = state.pending.get();
            if mine.is_empty() {
                return view! {
                    <p>"Vous n'avez pas encore d'inscription."</p>
                    <p class="link-line"><a href="/ateliers">"Voir les ateliers"</a></p>
                }.into_any();
            }
            let (upcoming, past): (Vec<_>, Vec<_>) = mine.into_iter().partition(|r| r.atelier.debut_ms >= now);
            let card = |r: MyRegistration| view! { <li><RegistrationCard registration=r pending=pending.clone() confirming/></li> };
            view! {
                {(!upcoming.is_empty()).then(|| view! {
                    <h2>"À venir"</h2>
                    <ul class="card-list">{upcoming.into_iter().map(card).collect_view()}</ul>
                })}
                {(!past.is_empty()).then(|| view! {
                    <h2>"Passées"</h2>
                    <ul class="card-list">{past.into_iter().map(card).collect_view()}</ul>
                })}
            }.into_any()
        }}
        <ContactSettings/>
    }
    .into_any()
}

#[component]
fn RegistrationCard(registration: MyRegistration, pending: Vec<Entry>, confirming: RwSignal<Option<uuid::Uuid>>) -> impl IntoView {
    let state = use_registrations();
    let id = registration.id;
    let entry = pending.into_iter().find(|e| e.registration_id() == id);
    let sending = entry.as_ref().is_some_and(|e| matches!(e.etat, EntryState::EnCours { .. }));
    let last_error = entry.as_ref().and_then(|e| e.derniere_erreur.clone());
    let now = js_sys::Date::now() as i64;
    let can_cancel = registration.can_cancel(now) && !sending;
    let status = registration.statut.clone();
    let card = format!("inscription-{id}");
    let cancel = {
        let registration = registration.clone();
        let card = card.clone();
        move |_| {
            let registration = registration.clone();
            let card = card.clone();
            spawn_local(async move {
                // The new status ("Inscription annulée", or "Annulation en
                // attente d'envoi" when it goes through the outbox) is said by
                // the page's status-change effect; only a failure is said here.
                if cancel_registration(registration).await.is_err() {
                    focus::announce("L'annulation n'a pas pu être enregistrée. Réessayez.");
                }
                confirming.set(None);
                regs::reload(state);
                focus::focus_successor(format!("#{card} .status"));
            });
        }
    };
    let ask = {
        let card = card.clone();
        move |_| {
            confirming.set(Some(id));
            focus::announce("Voulez-vous vraiment annuler ?");
            focus::focus_successor(format!("#{card} .keep"));
        }
    };
    let keep = {
        let card = card.clone();
        move |_| {
            confirming.set(None);
            focus::focus_successor(format!("#{card} .cancel"));
        }
    };
    view! {
        <article class="card" id=card.clone()>
            <h3 class="card-title"><a href=format!("/ateliers/{}", registration.atelier.id)>{registration.atelier.titre.clone()}</a></h3>
            <p class="card-meta">{registration.atelier.quand.clone()}</p>
            <p class=status_class(&status) tabindex="-1">{status.label()}</p>
            <p>{format!("{} place{} · code {}", registration.places, if registration.places > 1 { "s" } else { "" }, short_code(id))}</p>
            {last_error.map(|e| view! { <p class="hint">{e}</p> })}
            <div class="actions">
                {entry.is_some().then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| sync::trigger(true)>"Réessayer maintenant"</button>
                })}
                {can_cancel.then(|| view! {
                    <Show when=move || confirming.get() == Some(id) fallback=move || view! {
                        <button type="button" class="button button-secondary cancel" on:click=ask.clone()>"Annuler mon inscription"</button>
                    }>
                        <p>"Voulez-vous vraiment annuler ?"</p>
                        <button type="button" class="button" on:click=cancel.clone()>"Oui, annuler"</button>
                        <button type="button" class="button button-secondary keep" on:click=keep.clone()>"Non, garder"</button>
                    </Show>
                })}
            </div>
        </article>
    }
}

/// Cancels: a registration not sent yet is simply withdrawn; one the server
/// has goes through the outbox like any operation.
async fn cancel_registration(mut registration: MyRegistration) -> storage::Result<()> {
    let db = storage::db().await?;
    let key = Entry::registration_key(registration.id);
    let now = js_sys::Date::now() as i64;
    let mut withdrawn = registration.clone();
    withdrawn.statut = MyStatus::Annulee;
    withdrawn.mis_a_jour = now;
    if storage::outbox::withdraw_unsent(&db, &key, &withdrawn).await? {
        return Ok(());
    }
    let entry = Entry::cancel(registration.id, registration.atelier.clone(), now).on_kiosk(Settings::load().is_kiosk());
    registration.mark_cancelling(now);
    storage::outbox::enqueue_cancel(&db, &entry, &registration).await?;
    sync::trigger(true);
    sync::request_background_sync();
    Ok(())
}

#[component]
fn ContactSettings() -> impl IntoView {
    let stored = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(db) = storage::db().await {
            stored.set(matches!(storage::outbox::contact(&db).await, Ok(Some(_))));
        }
    });
    let forget = move |_| {
        spawn_local(async move {
            if let Ok(db) = storage::db().await {
                let _ = storage::outbox::forget_contact(&db).await;
            }
            stored.set(false);
        });
    };
    view! {
        <Show when=move || stored.get()>
            <section class="panel">
                <h2>"Mes coordonnées"</h2>
                <p>"Vos coordonnées sont retenues sur ce téléphone pour remplir les inscriptions."</p>
                <button type="button" class="button button-secondary" on:click=forget>"Oublier mes coordonnées"</button>
            </section>
        </Show>
    }
}

/// After registering, or when the QR code is scanned on another phone.
#[component]
pub fn Receipt() -> impl IntoView {
    dom::set_title("Votre inscription");
    let route = crate::app::route_id();
    let state = use_registrations();
    let catalog = use_catalog();
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    let navigate = use_navigate();
    let id = route.with_untracked(|i| Uuid::parse_str(i).ok());
    let Some(id) = id else {
        return view! { <h1>"Inscription introuvable"</h1> }.into_any();
    };
    // Opened from the QR code on the resident's own phone: ask the server.
    let remote = RwSignal::new(None::<MyRegistration>);
    let known_here = state.mine.with_untracked(|m| m.iter().any(|r| r.id == id));
    if !known_here && !kiosk {
        spawn_local(async move {
            if let Ok(Some(result)) = net::registration_status(&id.to_string()).await {
                let session = catalog.loaded.with_untracked(|l| l.as_ref().and_then(|l| l.catalog.session(&result.session_id).cloned()));
                if let Some(session) = session {
                    remote.set(Some(MyRegistration {
                        id,
                        atelier: SessionRef {
                            id: session.id.clone(),
                            titre: session.titre.clone(),
                            quand: session.when_text(),
                            debut_ms: session.start_utc().timestamp_millis(),
                        },
                        places: result.places,
                        statut: result.statut.into(),
                        statut_precedent: None,
                        mis_a_jour: js_sys::Date::now() as i64,
                    }));
                }
            }
        });
    }
    let keep = move |_| {
        if let Some(registration) = remote.get_untracked() {
            spawn_local(async move {
                if let Ok(db) = storage::db().await {
                    let _ = storage::outbox::save_mine(&db, &registration).await;
                }
                regs::reload(state);
                remote.set(None);
            });
        }
    };
    let page_url = net::absolute(&format!("/inscriptions/{id}"));
    let finish = move |_| navigate("/", Default::default());
    view! {
        <h1>"Votre inscription"</h1>
        {move || {
            let local = state.mine.with(|m| m.iter().find(|r| r.id == id).cloned())
                .or_else(|| state.recent.with(|m| m.iter().find(|r| r.id == id).cloned()));
            let shown = local.clone().or_else(|| remote.get());
            match shown {
                None if kiosk => view! { <p class="status status-wait" role="status">"Votre inscription est enregistrée."</p> }.into_any(),
                None => view! { <p class="loading">"Recherche de l'inscription…"</p> }.into_any(),
                Some(r) => view! {
                    <p class=status_class(&r.statut) role="status">{r.statut.label()}</p>
                    <p><strong>{r.atelier.titre.clone()}</strong><br/>{r.atelier.quand.clone()}</p>
                    {(r.statut == MyStatus::EnAttenteEnvoi).then(|| view! {
                        <p class="notice notice-info">"Pas de réseau pour l'instant : votre inscription est gardée et partira toute seule dès que la connexion revient."</p>
                    })}
                    {(local.is_none() && !kiosk).then(|| view! {
                        <button type="button" class="button" on:click=keep>"Garder dans Mes inscriptions"</button>
                    })}
                }.into_any(),
            }
        }}
        <p class="short-code">"Votre code : " <strong>{short_code(id)}</strong></p>
        {if kiosk {
            view! {
                <QrCode url=page_url caption="Scannez ce code avec votre téléphone pour retrouver votre inscription"/>
                <button type="button" class="button button-wide" on:click=finish>"Terminé"</button>
            }.into_any()
        } else {
            view! { <p class="link-line"><a href="/inscriptions">"Voir toutes mes inscriptions"</a></p> }.into_any()
        }}
    }
    .into_any()
}
