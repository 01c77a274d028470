//! A simple page for organisers: their workshops, registrations, attendance
//! and CSV export; for the coordinator, also the organiser accounts, who
//! owns each workshop and the audit log (`coordination.rs`). The token or
//! secret stays in memory only, never on the device.

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::organiser::{Account, OrganiserAccount, PersonToCall, Registrant, Role, WorkshopSummary};

use super::coordination::CoordinatorTools;
use super::dashboard::CoordinatorDashboard;
use super::import_ics::CalendarUpload;

use crate::net::organiser;
use crate::platform::{dom, focus};
use crate::state::settings::use_settings;

#[component]
pub fn Organiser() -> impl IntoView {
    dom::set_title("Organisateurs");
    let settings = use_settings();
    let territory = move || settings.with_untracked(|s| s.territoire.clone());
    let token = RwSignal::new(String::new());
    let workshops = RwSignal::new(None::<Vec<WorkshopSummary>>);
    let selected = RwSignal::new(None::<(String, String)>);
    let registrants = RwSignal::new(Vec::<Registrant>::new());
    // Those of the selected workshop no e-mail told of a change.
    let calls = RwSignal::new(Vec::<PersonToCall>::new());
    let error = RwSignal::new(None::<String>);
    let account = RwSignal::new(None::<Account>);
    let organisers = RwSignal::new(Vec::<OrganiserAccount>::new());
    // Which workshop asks "Voulez-vous vraiment annuler cet atelier ?".
    let confirming = RwSignal::new(false);

    // A Callback is Copy: every part of the page that reloads the list
    // (the form, a cancellation, a new owner, an import) shares this one.
    let load = Callback::new(move |()| {
        let (token, territory) = (token.get_untracked(), territory());
        spawn_local(async move {
            match organiser::workshops(&token, &territory).await {
                Ok(list) => {
                    error.set(None);
                    workshops.set(Some(list));
                }
                Err(e) => {
                    account.set(None);
                    workshops.set(None);
                    error.set(Some(organiser::explain(e)));
                    return;
                }
            }
            if account.with_untracked(Option::is_none) {
                if let Ok(who) = organiser::account(&token).await {
                    account.set(Some(who));
                }
            }
        });
    });
    let open = move |id: String, title: String| {
        let token = token.get_untracked();
        selected.set(Some((id.clone(), title)));
        confirming.set(false);
        spawn_local(async move {
            match organiser::registrants(&token, &id).await {
                Ok(list) => registrants.set(list),
                Err(e) => error.set(Some(organiser::explain(e))),
            }
            load_calls(&token, &id, calls, error).await;
        });
    };

    view! {
        <h1>"Espace organisateurs"</h1>
        {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); load.run(()); }>
            <label for="jeton">"Jeton ou secret d'organisateur"</label>
            <input id="jeton" type="password" autocomplete="off" prop:value=move || token.get()
                on:input=move |ev| { token.set(event_target_value(&ev)); account.set(None); }/>
            <p class="hint">"Chaque organisateur a reçu son secret de la coordination. Il n'est pas gardé sur cet appareil."</p>
            <button type="submit" class="button">"Voir mes ateliers"</button>
        </form>
        {move || account.get().map(|who| view! { <p class="notice notice-info">{format!("Connecté : {}", who.nom)}</p> })}
        {move || account.get().filter(|who| who.role == Role::Coordination).map(|_| view! {
            <CoordinatorTools token organisers error/>
            <CoordinatorDashboard token territory=territory() error/>
        })}
        {move || account.get().map(|who| {
            // The coordinator imports for someone: no name is assumed.
            let shown = if who.role == Role::Organisateur { who.nom } else { String::new() };
            view! { <CalendarUpload token territory=territory() organiser_name=shown error on_imported=load/> }
        })}
        {move || workshops.get().map(|list| {
            let coordinating = account.with(|a| a.as_ref().is_some_and(|who| who.role == Role::Coordination));
            view! {
                <h2>"Ateliers"</h2>
                {list.is_empty().then(|| view! { <p>"Aucun atelier pour l'instant."</p> })}
                <ul class="card-list">
                    {list.into_iter().map(|w| {
                        let (id, title) = (w.atelier.id.clone(), w.atelier.titre.clone());
                        let (id2, title2) = (id.clone(), title.clone());
                        view! {
                            <li class="card">
                                <h3 class="card-title">{title.clone()}</h3>
                                <p class="card-meta">{w.atelier.when_text()}</p>
                                <p>{w.counts_text()}</p>
                                <button type="button" class="button button-secondary" aria-label=format!("Voir les inscriptions : {title}")
                                    on:click=move |_| open(id2.clone(), title2.clone())>"Voir les inscriptions"</button>
                                {coordinating.then(|| owner_choice(token, id.clone(), w.organisateur, error, organisers, load))}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })}
        {move || selected.get().map(|(id, title)| {
            let csv_id = id.clone();
            let cancel_id = id.clone();
            let export = move |_| {
                let (token, id) = (token.get_untracked(), csv_id.clone());
                spawn_local(async move {
                    match organiser::registrants_csv(&token, &id).await {
                        Ok(text) => dom::download(&format!("inscriptions-{id}.csv"), "text/csv;charset=utf-8", &text),
                        Err(e) => error.set(Some(organiser::explain(e))),
                    }
                });
            };
            let cancel = move |_| {
                let (token, id) = (token.get_untracked(), cancel_id.clone());
                spawn_local(async move {
                    match organiser::cancel_workshop(&token, &id).await {
                        Ok(_) => {
                            confirming.set(false);
                            focus::announce("Atelier annulé.");
                            load.run(());
                            load_calls(&token, &id, calls, error).await;
                        }
                        Err(e) => error.set(Some(organiser::explain(e))),
                    }
                });
            };
            view! {
                <section class="panel">
                    <h2>{format!("Inscriptions : {title}")}</h2>
                    <div class="actions">
                        <button type="button" class="button" on:click=export>"Exporter pour un tableur (CSV)"</button>
                        <Show when=move || !confirming.get()>
                            <button type="button" class="button button-secondary" on:click=move |_| {
                                confirming.set(true);
                                focus::announce("Voulez-vous vraiment annuler cet atelier ?");
                            }>"Annuler l'atelier"</button>
                        </Show>
                    </div>
                    {move || confirming.get().then(|| {
                        let cancel = cancel.clone();
                        view! {
                            <div class="notice notice-warning">
                                <p>"Voulez-vous vraiment annuler cet atelier ? Ses inscriptions seront annulées."</p>
                                <div class="actions">
                                    <button type="button" class="button" on:click=cancel>"Oui, annuler l'atelier"</button>
                                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>"Non, le garder"</button>
                                </div>
                            </div>
                        }
                    })}
                    <CallList calls/>
                    <table class="registrants">
                        <thead><tr><th scope="col">"Personne"</th><th scope="col">"Contact"</th><th scope="col">"Places"</th><th scope="col">"Statut"</th><th scope="col">"Présent"</th></tr></thead>
                        <tbody>
                            {move || registrants.get().into_iter().map(|r| {
                                let rid = r.id.clone();
                                let name = r.display_name();
                                let present = r.present.unwrap_or(false);
                                let label = format!("Présent : {name}");
                                view! {
                                    <tr>
                                        <td>{name}</td>
                                        <td>{r.contact()}</td>
                                        <td>{r.places}</td>
                                        <td>{r.statut.label()}</td>
                                        <td><input type="checkbox" aria-label=label prop:checked=present on:change=move |ev| {
                                            let (token, rid, on) = (token.get_untracked(), rid.clone(), event_target_checked(&ev));
                                            spawn_local(async move {
                                                if let Err(e) = organiser::attendance(&token, &rid, on).await { error.set(Some(organiser::explain(e))); }
                                            });
                                        }/></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        })}
    }
}

async fn load_calls(token: &str, workshop: &str, calls: RwSignal<Vec<PersonToCall>>, error: RwSignal<Option<String>>) {
    match organiser::people_to_call(token, workshop).await {
        Ok(list) => calls.set(list),
        Err(e) => error.set(Some(organiser::explain(e))),
    }
}

/// "À prévenir par téléphone": a change no e-mail carried to these people
/// (none given, the e-mail failed, or the server sends none).
#[component]
fn CallList(calls: RwSignal<Vec<PersonToCall>>) -> impl IntoView {
    move || {
        let list = calls.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="notice notice-warning">
                    <h3>"À prévenir par téléphone"</h3>
                    <p>"Aucun e-mail ne leur a dit ce changement : appelez-les."</p>
                    <ul>
                        {list.into_iter().map(|person| {
                            let shown = proxinum_core::phone::display(&person.telephone);
                            view! {
                                <li>
                                    <strong>{format!("{} {}", person.prenom, person.nom)}</strong>" — "
                                    <a href=format!("tel:{}", person.telephone)>{shown}</a>" — "
                                    {person.raison}
                                    {person.courriel_echoue.then_some(" (l'e-mail n'a pas pu partir)")}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// "Organisateur" of a workshop, for the coordinator: gives it to an
/// organiser, or back to the coordination.
fn owner_choice(
    token: RwSignal<String>,
    workshop: String,
    current: Option<i64>,
    error: RwSignal<Option<String>>,
    organisers: RwSignal<Vec<OrganiserAccount>>,
    reload: Callback<()>,
) -> impl IntoView {
    let field = format!("organisateur-{workshop}");
    let change = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev).parse::<i64>().ok();
        let (token, workshop) = (token.get_untracked(), workshop.clone());
        spawn_local(async move {
            match organiser::assign(&token, &workshop, chosen).await {
                Ok(()) => {
                    focus::announce("Organisateur changé.");
                    reload.run(());
                }
                Err(e) => error.set(Some(organiser::explain(e))),
            }
        });
    };
    view! {
        <div class="field">
            <label for=field.clone()>"Organisateur"</label>
            <select id=field on:change=change>
                <option value="" selected=current.is_none()>"Coordination"</option>
                {move || organisers.get().into_iter().filter(|o| o.revoque_le.is_none() || Some(o.id) == current).map(|o| {
                    view! { <option value=o.id.to_string() selected=Some(o.id) == current>{o.nom}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
