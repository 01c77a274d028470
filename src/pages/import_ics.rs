//! "Importer un agenda (.ics)" on the organisers' page: the file's events
//! become workshops, with a preview of what will be created, updated or
//! skipped (and why) before anything is written.

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::organiser::{CalendarImport, ImportAction, ImportPlan};
use proxinum_core::session::{Audience, Theme};
use proxinum_core::vocab::Vocabulary;
use wasm_bindgen::JsCast;

use crate::net::organiser;
use crate::platform::focus;

/// The chosen file's text.
async fn chosen_file_text() -> Result<String, String> {
    let input = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("fichier-ics"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let file = input.and_then(|i| i.files()).and_then(|files| files.get(0)).ok_or("Choisissez d'abord un fichier .ics.")?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|_| "Le fichier n'a pas pu être lu.")?;
    text.as_string().ok_or_else(|| "Le fichier n'a pas pu être lu.".to_string())
}

#[component]
pub fn CalendarUpload(
    token: RwSignal<String>,
    territory: String,
    organiser_name: String,
    error: RwSignal<Option<String>>,
    on_imported: Callback<()>,
) -> impl IntoView {
    let shown_name = RwSignal::new(organiser_name);
    let theme = RwSignal::new(Theme::ALL[0].slug());
    let public = RwSignal::new(String::new());
    let seats = RwSignal::new(String::new());
    let commune = RwSignal::new(String::new());
    let plan = RwSignal::new(None::<ImportPlan>);
    let busy = RwSignal::new(false);

    let send = move |apply: bool| {
        let (token, territory) = (token.get_untracked(), territory.clone());
        busy.set(true);
        spawn_local(async move {
            let outcome = async {
                let fichier = chosen_file_text().await?;
                let form = CalendarImport {
                    fichier,
                    territoire: territory,
                    organisateur: shown_name.get_untracked(),
                    themes: vec![theme.get_untracked()],
                    publics: Some(public.get_untracked()).filter(|p| !p.is_empty()).into_iter().collect(),
                    capacite: seats.get_untracked().trim().parse().ok(),
                    inscription: "app".into(),
                    commune: Some(commune.get_untracked()).filter(|c| !c.trim().is_empty()),
                    appliquer: apply,
                };
                organiser::import_calendar(&token, &form).await.map_err(organiser::explain)
            }
            .await;
            busy.set(false);
            match outcome {
                Ok(result) => {
                    error.set(None);
                    focus::announce(&format!("{}{}.", result.summary(), if result.applique { " : c'est fait" } else { " (aperçu)" }));
                    if result.applique {
                        on_imported.run(());
                    }
                    plan.set(Some(result));
                }
                Err(text) => {
                    plan.set(None);
                    error.set(Some(text));
                }
            }
        });
    };
    let preview = send.clone();
    view! {
        <section class="panel" aria-labelledby="import-titre">
            <h2 id="import-titre">"Importer un agenda (.ics)"</h2>
            <p class="hint">"Les événements de votre agenda deviennent des ateliers. Vous voyez d'abord ce qui sera fait ; rien n'est enregistré avant « Importer »."</p>
            <div class="field">
                <label for="fichier-ics">"Fichier .ics"</label>
                <input id="fichier-ics" type="file" accept=".ics,text/calendar" on:change=move |_| plan.set(None)/>
            </div>
            <div class="field">
                <label for="import-organisateur">"Organisateur affiché"</label>
                <input id="import-organisateur" type="text" prop:value=move || shown_name.get() on:input=move |ev| shown_name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="import-theme">"Thème"</label>
                <select id="import-theme" on:change=move |ev| theme.set(event_target_value(&ev))>
                    {Theme::ALL.iter().map(|t| view! { <option value=t.slug()>{t.label().to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="import-public">"Pour qui"</label>
                <select id="import-public" on:change=move |ev| public.set(event_target_value(&ev))>
                    <option value="">"Tout le monde"</option>
                    {Audience::ALL.iter().filter(|a| **a != Audience::ToutPublic).map(|a| view! { <option value=a.slug()>{a.label().to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="import-places">"Places par atelier (vide : sans limite)"</label>
                <input id="import-places" type="number" min="1" inputmode="numeric" prop:value=move || seats.get() on:input=move |ev| seats.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="import-commune">"Commune, si le lieu d'un événement n'en dit pas"</label>
                <input id="import-commune" type="text" prop:value=move || commune.get() on:input=move |ev| commune.set(event_target_value(&ev))/>
            </div>
            <button type="button" class="button button-secondary" disabled=move || busy.get() on:click=move |_| preview(false)>"Voir ce qui sera importé"</button>
            {move || plan.get().map(|p| {
                let to_write = p.lignes.iter().filter(|l| l.action != ImportAction::Ignore).count();
                let send = send.clone();
                view! {
                    <p role="status"><strong>{if p.applique { format!("Importé : {}.", p.summary()) } else { format!("Aperçu : {}.", p.summary()) }}</strong></p>
                    <table class="registrants">
                        <thead><tr><th scope="col">"Atelier"</th><th scope="col">"Quand"</th><th scope="col">"Ce qui sera fait"</th></tr></thead>
                        <tbody>
                            {p.lignes.into_iter().map(|l| view! {
                                <tr>
                                    <td>{l.titre}</td>
                                    <td>{l.quand}</td>
                                    <td>{match l.raison { Some(why) => format!("{} : {why}", l.action.label()), None => l.action.label().to_string() }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(!p.applique && to_write > 0).then(|| view! {
                        <button type="button" class="button" disabled=move || busy.get() on:click=move |_| send(true)>{format!("Importer {to_write} atelier(s)")}</button>
                    })}
                }
            })}
        </section>
    }
}
