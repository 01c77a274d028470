//! The coordinator's part of the organisers' page: organiser accounts (add,
//! with the secret shown once; revoke; renew) and the audit log. Shown only
//! to the coordinator's token; the server refuses the rest anyway (403).

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::organiser::{AuditEntry, IssuedSecret, OrganiserAccount};

use crate::net::organiser;
use crate::platform::focus;

/// "24 novembre 2026 12h03" from the server's RFC 3339 stamp (UTC), in Paris time.
fn when(stamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(at) => {
            let local = proxinum_core::time::in_paris(at.with_timezone(&chrono::Utc));
            format!("{} {}", proxinum_core::time::short_date(local.date_naive()), proxinum_core::time::hour_text(local.time()))
        }
        Err(_) => stamp.to_string(),
    }
}

/// One line of the audit log, with the fields that changed.
fn entry_view(entry: AuditEntry) -> impl IntoView {
    let what = [entry.atelier.clone(), entry.objet.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    view! {
        <li>
            <p><strong>{entry.action.label()}</strong>{format!(" — {} — {}", entry.auteur, when(&entry.quand))}</p>
            <p class="hint">{what}</p>
            {(!entry.changements.is_empty()).then(|| view! {
                <ul class="plain-list">
                    {entry.changements.into_iter().map(|c| view! {
                        <li>{format!("{} : {} → {}", c.champ, c.avant.unwrap_or_else(|| "(vide)".into()), c.apres.unwrap_or_else(|| "(vide)".into()))}</li>
                    }).collect_view()}
                </ul>
            })}
        </li>
    }
}

#[component]
pub fn CoordinatorTools(
    token: RwSignal<String>,
    organisers: RwSignal<Vec<OrganiserAccount>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let issued = RwSignal::new(None::<IssuedSecret>);
    let journal = RwSignal::new(None::<Vec<AuditEntry>>);
    let reload = move || {
        let token = token.get_untracked();
        spawn_local(async move {
            match organiser::organisers(&token).await {
                Ok(list) => organisers.set(list),
                Err(e) => error.set(Some(organiser::explain(e))),
            }
        });
    };
    reload();
    let show_secret = move |secret: IssuedSecret| {
        focus::announce(&format!("Secret de {} créé. Notez-le : il ne sera plus affiché.", secret.nom));
        issued.set(Some(secret));
        reload();
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (token, wanted) = (token.get_untracked(), name.get_untracked());
        spawn_local(async move {
            match organiser::add_organiser(&token, &wanted).await {
                Ok(secret) => {
                    name.set(String::new());
                    error.set(None);
                    show_secret(secret);
                }
                Err(e) => error.set(Some(organiser::explain(e))),
            }
        });
    };
    let read_journal = move |_| {
        let token = token.get_untracked();
        spawn_local(async move {
            match organiser::journal(&token).await {
                Ok(list) => journal.set(Some(list)),
                Err(e) => error.set(Some(organiser::explain(e))),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="organisateurs-titre">
            <h2 id="organisateurs-titre">"Organisateurs"</h2>
            <p class="hint">"Chaque organisateur a son secret : il voit et change seulement ses ateliers et leurs inscriptions."</p>
            {move || issued.get().map(|s| view! {
                <div class="notice notice-success">
                    <p>{format!("Secret de « {} » — transmettez-le ; il ne sera plus affiché :", s.nom)}</p>
                    <p class="feed-address"><code>{s.secret}</code></p>
                </div>
            })}
            <ul class="card-list">
                {move || organisers.get().into_iter().map(|o| {
                    let state = match &o.revoque_le { Some(_) => "accès révoqué", None => "actif" };
                    let (revoke_id, renew_id, revoked) = (o.id, o.id, o.revoque_le.is_some());
                    let nom = o.nom.clone();
                    view! {
                        <li class="card">
                            <h3 class="card-title">{o.nom.clone()}</h3>
                            <p class="card-meta">{format!("{} atelier(s) · {state}", o.ateliers)}</p>
                            <div class="actions">
                                {(!revoked).then(|| view! {
                                    <button type="button" class="button button-secondary" aria-label=format!("Révoquer l'accès : {nom}") on:click=move |_| {
                                        let token = token.get_untracked();
                                        spawn_local(async move {
                                            match organiser::revoke_organiser(&token, revoke_id).await {
                                                Ok(()) => { focus::announce("Accès révoqué."); reload(); }
                                                Err(e) => error.set(Some(organiser::explain(e))),
                                            }
                                        });
                                    }>"Révoquer l'accès"</button>
                                })}
                                <button type="button" class="button button-secondary" aria-label=format!("Nouveau secret : {}", o.nom) on:click=move |_| {
                                    let token = token.get_untracked();
                                    spawn_local(async move {
                                        match organiser::renew_organiser(&token, renew_id).await {
                                            Ok(secret) => show_secret(secret),
                                            Err(e) => error.set(Some(organiser::explain(e))),
                                        }
                                    });
                                }>"Nouveau secret"</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form on:submit=add>
                <label for="nouvel-organisateur">"Nom du nouvel organisateur"</label>
                <input id="nouvel-organisateur" type="text" autocomplete="off" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <p class="hint">"Par exemple : Médiathèque de Fleurance."</p>
                <button type="submit" class="button">"Ajouter l'organisateur"</button>
            </form>
        </section>
        <section class="panel" aria-labelledby="journal-titre">
            <h2 id="journal-titre">"Journal des changements"</h2>
            <p class="hint">"Qui a changé quoi, et quand. Les personnes inscrites n'y figurent pas."</p>
            <button type="button" class="button button-secondary" on:click=read_journal>"Voir les 50 derniers changements"</button>
            {move || journal.get().map(|list| if list.is_empty() {
                view! { <p>"Aucun changement pour l'instant."</p> }.into_any()
            } else {
                view! { <ol class="plain-list">{list.into_iter().map(entry_view).collect_view()}</ol> }.into_any()
            })}
        </section>
    }
}
