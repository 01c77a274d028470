//! A simple page for organisers: their workshops, registrations, attendance
//! and CSV export. The token stays in memory only, never on the device.

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::organiser::{Registrant, WorkshopSummary};

use crate::net::{organiser, NetError};
use crate::platform::dom;
use crate::state::settings::use_settings;

fn message(error: NetError) -> String {
    match error {
        NetError::Unreachable => "Le serveur ne répond pas : cette page demande une connexion.".into(),
        NetError::Bad(m) => m,
    }
}

#[component]
pub fn Organiser() -> impl IntoView {
    dom::set_title("Organisateurs");
    let territory = use_settings().with_untracked(|s| s.territoire.clone());
    let token = RwSignal::new(String::new());
    let workshops = RwSignal::new(None::<Vec<WorkshopSummary>>);
    let selected = RwSignal::new(None::<(String, String)>);
    let registrants = RwSignal::new(Vec::<Registrant>::new());
    let error = RwSignal::new(None::<String>);

    let load = move || {
        let (token, territory) = (token.get_untracked(), territory.clone());
        spawn_local(async move {
            match organiser::workshops(&token, &territory).await {
                Ok(list) => {
                    error.set(None);
                    workshops.set(Some(list));
                }
                Err(e) => error.set(Some(message(e))),
            }
        });
    };
    let open = move |id: String, title: String| {
        let token = token.get_untracked();
        selected.set(Some((id.clone(), title)));
        spawn_local(async move {
            match organiser::registrants(&token, &id).await {
                Ok(list) => registrants.set(list),
                Err(e) => error.set(Some(message(e))),
            }
        });
    };
    let load_submit = load.clone();

    view! {
        <h1>"Espace organisateurs"</h1>
        {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); load_submit(); }>
            <label for="jeton">"Jeton des organisateurs"</label>
            <input id="jeton" type="password" autocomplete="off" prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev))/>
            <p class="hint">"Le jeton a été donné au démarrage du serveur. Il n'est pas gardé sur cet appareil."</p>
            <button type="submit" class="button">"Voir mes ateliers"</button>
        </form>
        {move || workshops.get().map(|list| {
            view! {
                <h2>"Ateliers"</h2>
                <ul class="card-list">
                    {list.into_iter().map(|w| {
                        let (id, title) = (w.atelier.id.clone(), w.atelier.titre.clone());
                        let (id2, title2) = (id.clone(), title.clone());
                        view! {
                            <li class="card">
                                <h3 class="card-title">{title.clone()}</h3>
                                <p class="card-meta">{w.atelier.when_text()}</p>
                                <p>{w.counts_text()}</p>
                                <button type="button" class="button button-secondary" on:click=move |_| open(id2.clone(), title2.clone())>"Voir les inscriptions"</button>
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
                        Err(e) => error.set(Some(message(e))),
                    }
                });
            };
            let cancel = {
                let load = load.clone();
                move |_| {
                    let (token, id, load) = (token.get_untracked(), cancel_id.clone(), load.clone());
                    spawn_local(async move {
                        match organiser::cancel_workshop(&token, &id).await {
                            Ok(_) => load(),
                            Err(e) => error.set(Some(message(e))),
                        }
                    });
                }
            };
            view! {
                <section class="panel">
                    <h2>{format!("Inscriptions : {title}")}</h2>
                    <div class="actions">
                        <button type="button" class="button" on:click=export>"Exporter pour un tableur (CSV)"</button>
                        <button type="button" class="button button-secondary" on:click=cancel>"Annuler l'atelier"</button>
                    </div>
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
                                                if let Err(e) = organiser::attendance(&token, &rid, on).await { error.set(Some(message(e))); }
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
