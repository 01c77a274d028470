//! "Réglages et à propos": text size, contrast, territory, and where the
//! data come from, with their dates and licences.

use leptos::prelude::*;

use crate::platform::dom;
use crate::state::catalog::use_catalog;
use crate::state::settings::{use_settings, TextSize, TERRITORIES};

#[component]
pub fn Reglages() -> impl IntoView {
    dom::set_title("Réglages");
    let settings = use_settings();
    let catalog = use_catalog();
    let kiosk = settings.with_untracked(|s| s.is_kiosk());
    let size_option = move |id: &'static str, label: &'static str, size: TextSize| {
        view! {
            <label class="check" for=id>
                <input type="radio" name="taille" id=id prop:checked=move || settings.with(|s| s.taille_texte == size)
                    on:change=move |_| settings.update(|s| s.taille_texte = size)/>
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <h1>"Réglages"</h1>
        <section class="panel" aria-labelledby="affichage">
            <h2 id="affichage">"Affichage"</h2>
            <fieldset>
                <legend>"Taille du texte"</legend>
                {size_option("taille-normale", "Normale", TextSize::Normale)}
                {size_option("taille-grande", "Grande", TextSize::Grande)}
                {size_option("taille-tres-grande", "Très grande", TextSize::TresGrande)}
            </fieldset>
            <label class="check" for="contraste">
                <input type="checkbox" id="contraste" prop:checked=move || settings.with(|s| s.contraste_eleve)
                    on:change=move |ev| { let on = event_target_checked(&ev); settings.update(|s| s.contraste_eleve = on); }/>
                <span>"Contraste renforcé"</span>
            </label>
        </section>
        <section class="panel" aria-labelledby="territoire-titre">
            <h2 id="territoire-titre">"Territoire"</h2>
            <label for="territoire">"Les lieux et ateliers de"</label>
            <select id="territoire" on:change=move |ev| { let code = event_target_value(&ev); settings.update(|s| s.territoire = code); }>
                {TERRITORIES.iter().map(|(code, name)| view! {
                    <option value=*code selected=move || settings.with(|s| s.territoire == *code)>{*name}</option>
                }).collect_view()}
            </select>
        </section>
        <section class="panel" aria-labelledby="borne">
            <h2 id="borne">"Borne en médiathèque"</h2>
            <p>{if kiosk { "Cet appareil est en mode borne." } else { "Pour une tablette en libre accès : rien de personnel n'y reste." }}</p>
            // Another wasm (`kiosk_app`): followed as a new document.
            <a href="/kiosque" rel="external" class="button button-secondary">{if kiosk { "Quitter le mode borne" } else { "Activer le mode borne" }}</a>
        </section>
        <section class="panel" aria-labelledby="depannage">
            <h2 id="depannage">"En cas de problème"</h2>
            <p>"Le diagnostic montre à la personne qui vous aide ce que l'application sait : données, envois en attente, erreurs récentes. Rien de personnel."</p>
            <p class="link-line"><a href="/reglages/diagnostic">"Diagnostic"</a></p>
        </section>
        <section class="panel" aria-labelledby="a-propos">
            <h2 id="a-propos">"À propos"</h2>
            <p>"Proxinum vous aide à trouver de l'aide pour le numérique près de chez vous : lieux, ateliers et guides. Il marche aussi sans réseau."</p>
            <p class="link-line"><a href="/confidentialite">"Vos données et vos droits"</a></p>
            <h3>"D'où viennent les données"</h3>
            {move || catalog.loaded.get().map(|l| view! {
                <ul class="plain-list sources">
                    {l.catalog.sources.iter().map(|s| view! {
                        <li>
                            <strong>{s.nom.clone()}</strong>
                            <br/>{format!("{} · {} · {}", s.producteur, s.date, s.licence)}
                        </li>
                    }).collect_view()}
                </ul>
                {l.catalog.places_date_text().map(|text| view! { <p>{format!("{text}.")}</p> })}
                {l.catalog.national_check_text().map(|text| view! { <p>{format!("{text}.")}</p> })}
            })}
            <p class="hint">"Les positions des communes viennent de la base officielle des codes postaux de La Poste, sous licence ODbL."</p>
            <p class="hint">{format!("Version de l'application : {}", env!("CARGO_PKG_VERSION"))}</p>
        </section>
    }
}
