//! The coordinator's dashboard on the organisers' page: for a period and
//! the territory, the counts of `core::dashboard` as simple SVG bar charts
//! with their numbers in a table beside them, and a CSV export. No chart
//! library, no name.

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::dashboard::{Bar, Dashboard};

use crate::net::organiser;
use crate::platform::{self, dom, focus};
use crate::state::settings::TERRITORIES;

/// Confirmed seats (blue) and the waiting list (amber), one row per bar;
/// the table after it carries the same numbers for every reader.
fn chart(title: &'static str, key: &'static str, bars: Vec<Bar>) -> impl IntoView {
    const WIDTH: u32 = 320;
    const ROW: u32 = 40;
    let largest = bars.iter().map(|b| b.inscrits + b.liste_attente).max().unwrap_or(0).max(1);
    let scale = |n: u32| (n * (WIDTH - 40)) / largest;
    let height = ROW * bars.len().max(1) as u32;
    let caption = format!("{title} : places confirmées (bleu) et demandées en liste d'attente (brun)");
    let rows = bars
        .clone()
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = i as u32 * ROW;
            let (blue, amber) = (scale(b.inscrits), scale(b.liste_attente));
            view! {
                <g>
                    <text x="0" y=y + 14 class="chart-label">{b.libelle.clone()}</text>
                    <rect x="0" y=y + 20 width=blue height="14" class="bar-inscrits"/>
                    <rect x=blue y=y + 20 width=amber height="14" class="bar-attente"/>
                    <text x=blue + amber + 4 y=y + 32 class="chart-value">{format!("{} + {}", b.inscrits, b.liste_attente)}</text>
                </g>
            }
        })
        .collect_view();
    let id = format!("graphique-{key}");
    view! {
        <figure class="chart" aria-labelledby=id.clone()>
            <figcaption id=id.clone()>{caption.clone()}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=caption preserveAspectRatio="xMinYMin meet">{rows}</svg>
            <table class="registrants">
                <thead><tr><th scope="col">{title}</th><th scope="col">"Ateliers"</th><th scope="col">"Inscrits"</th><th scope="col">"Liste d'attente"</th></tr></thead>
                <tbody>
                    {bars.into_iter().map(|b| view! {
                        <tr><th scope="row">{b.libelle}</th><td>{b.ateliers}</td><td>{b.inscrits}</td><td>{b.liste_attente}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

fn summary(d: &Dashboard) -> impl IntoView {
    let attendance = match d.attendance_text() {
        Some(rate) => format!("{rate} ({} présents sur {} places notées)", d.presents, d.presences_notees),
        None => "pas encore notée".into(),
    };
    view! {
        <dl class="facts totals">
            <dt>"Ateliers tenus"</dt><dd>{d.ateliers_tenus}</dd>
            <dt>"Ateliers à venir"</dt><dd>{d.ateliers_a_venir}</dd>
            <dt>"Ateliers annulés"</dt><dd>{d.ateliers_annules}</dd>
            <dt>"Places confirmées"</dt><dd>{d.inscrits}</dd>
            <dt>"Places demandées en liste d'attente"</dt><dd>{d.liste_attente}</dd>
            <dt>"Présence"</dt><dd>{attendance}</dd>
        </dl>
    }
}

#[component]
pub fn CoordinatorDashboard(token: RwSignal<String>, territory: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let year = chrono::Datelike::year(&proxinum_core::time::in_paris(platform::now()));
    let du = RwSignal::new(format!("{year}-01-01"));
    let au = RwSignal::new(format!("{year}-12-31"));
    let shown = RwSignal::new(None::<Dashboard>);
    let chosen = RwSignal::new(territory);
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (token, territory, du, au) = (token.get_untracked(), chosen.get_untracked(), du.get_untracked(), au.get_untracked());
        spawn_local(async move {
            match organiser::dashboard(&token, &territory, &du, &au).await {
                Ok(d) => {
                    error.set(None);
                    focus::announce("Tableau de bord affiché.");
                    shown.set(Some(d));
                }
                Err(e) => error.set(Some(organiser::explain(e))),
            }
        });
    };
    let export = move |_| {
        let (token, territory, du, au) = (token.get_untracked(), chosen.get_untracked(), du.get_untracked(), au.get_untracked());
        spawn_local(async move {
            match organiser::dashboard_csv(&token, &territory, &du, &au).await {
                Ok(text) => dom::download(&format!("tableau-de-bord-{territory}-{du}-{au}.csv"), "text/csv;charset=utf-8", &text),
                Err(e) => error.set(Some(organiser::explain(e))),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="tableau-titre">
            <h2 id="tableau-titre">"Tableau de bord"</h2>
            <p class="hint">"Des nombres seulement : aucun nom. Les ateliers sont comptés au jour de leur début."</p>
            <form on:submit=show>
                <div class="field">
                    <label for="tableau-territoire">"Territoire"</label>
                    <select id="tableau-territoire" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {TERRITORIES.iter().map(|(code, name)| view! {
                            <option value=*code selected=chosen.get_untracked() == *code>{*name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="tableau-du">"Du"</label>
                    <input id="tableau-du" type="date" prop:value=move || du.get() on:input=move |ev| du.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="tableau-au">"Au"</label>
                    <input id="tableau-au" type="date" prop:value=move || au.get() on:input=move |ev| au.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">"Afficher le tableau de bord"</button>
            </form>
            {move || shown.get().map(|d| {
                view! {
                    {summary(&d)}
                    <button type="button" class="button button-secondary" on:click=export>"Télécharger en CSV"</button>
                    {chart("Thème", "theme", d.par_theme)}
                    {chart("Public", "public", d.par_public)}
                    {chart("Commune", "commune", d.par_commune)}
                    {chart("Mois", "mois", d.par_mois)}
                }
            })}
        </section>
    }
}
