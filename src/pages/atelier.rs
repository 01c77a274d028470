//! "Fiche atelier": when, where, for whom, seats left, how to register, and
//! "Ajouter à mon agenda" (made on the device, works offline).

use leptos::prelude::*;
use leptos_router::components::A;
use proxinum_core::ics::{self, EventContext};
use proxinum_core::session::{Availability, Price, RegistrationMode, Session, Status, Venue};
use proxinum_core::session_filter::can_join;
use proxinum_core::vocab::Vocabulary;
use proxinum_core::{phone, time};

use crate::components::badges::SessionBadges;
use crate::components::external::ExternalLink;
use crate::components::catalog_item::{with_catalog_item, ItemMissing};
use crate::components::qr::QrCode;
use crate::components::session_card::seats_text;
use crate::components::share::ShareButton;
use crate::net;
use crate::platform::{self, dom};
use crate::state::catalog::{use_catalog, Loaded};
use crate::state::settings::use_settings;

#[component]
pub fn AtelierPage() -> impl IntoView {
    let catalog = use_catalog();
    with_catalog_item(move |loaded, id| match loaded.catalog.session(&id).cloned() {
        None => view! { <ItemMissing title="Atelier introuvable" back_href="/ateliers" back_label="Voir les ateliers"/> }.into_any(),
        Some(session) => {
            let seats = catalog.availability.with(|a| a.iter().find(|x| x.id == session.id).cloned());
            view! { <SessionDetail session=session loaded=loaded seats=seats/> }.into_any()
        }
    })
}

#[component]
fn SessionDetail(session: Session, loaded: std::sync::Arc<Loaded>, seats: Option<Availability>) -> impl IntoView {
    dom::set_title(&session.titre);
    let now = platform::now();
    let kiosk = use_settings().with_untracked(|s| s.is_kiosk());
    let past = session.is_past(now);
    let place = match &session.lieu {
        Venue::Lieu { lieu_id, .. } => loaded.catalog.place(lieu_id).cloned(),
        Venue::Adresse { .. } => None,
    };
    let page_url = net::absolute(&format!("/ateliers/{}", session.id));
    let full = seats.as_ref().and_then(|a| a.places_restantes) == Some(0);
    let seats_line = seats_text(&session, seats.as_ref());
    let where_text = ics::location(&session, place.as_ref());
    let ics_session = session.clone();
    let ics_place = place.clone();
    let ics_url = page_url.clone();
    let add_to_calendar = move |_| {
        let text = ics::calendar(&ics_session.titre, [(&ics_session, EventContext { place: ics_place.as_ref(), url: ics_url.clone() })], platform::now());
        dom::download(&ics::file_name(&ics_session), "text/calendar;charset=utf-8", &text);
    };
    let registration = registration_block(&session, seats.as_ref(), past);

    view! {
        <p class="back"><A href="/ateliers">"← Tous les ateliers"</A></p>
        <h1>{session.titre.clone()}</h1>
        <SessionBadges session=session.clone() full=full/>
        {(session.statut == Status::Annulee).then(|| view! { <p class="notice notice-error" role="status">"Cet atelier est annulé."</p> })}
        {(session.statut == Status::Reportee).then(|| view! {
            <p class="notice notice-warning" role="status">
                {match session.date_initiale {
                    Some(before) => format!("Cet atelier est reporté. Il devait avoir lieu le {}.", time::long_date(before.date())),
                    None => "Cet atelier est reporté. La nouvelle date sera annoncée.".to_string(),
                }}
            </p>
        })}
        {session.exemple.then(|| view! { <p class="notice notice-warning">"Exemple : cet atelier n'existe pas. Il sert à découvrir Proxinum."</p> })}
        {past.then(|| view! { <p class="notice notice-info">"Cet atelier a déjà eu lieu."</p> })}

        <dl class="facts">
            <dt>"Quand"</dt>
            <dd>{capitalise(&session.when_text())}</dd>
            <dt>"Où"</dt>
            <dd>
                {match &place {
                    Some(p) => view! { <A href=format!("/lieux/{}", p.id)>{where_text.clone()}</A> }.into_any(),
                    None => view! { <span>{where_text.clone()}</span> }.into_any(),
                }}
            </dd>
            <dt>"Pour qui"</dt>
            <dd>{session.publics.iter().map(|p| p.label().to_string()).collect::<Vec<_>>().join(", ")}</dd>
            <dt>"Thème"</dt>
            <dd>{session.themes.iter().map(|t| t.label().to_string()).collect::<Vec<_>>().join(", ")}</dd>
            <dt>"Prix"</dt>
            <dd>{match &session.tarif { Price::Gratuit => "Gratuit".to_string(), Price::Payant { texte } => texte.clone() }}</dd>
            {seats_line.map(|s| view! { <dt>"Places"</dt><dd class="seats">{s}</dd> })}
            <dt>"Organisé par"</dt>
            <dd>{session.organisateur.clone()}</dd>
            {session.accessibilite.clone().map(|a| view! { <dt>"Accessibilité"</dt><dd>{a}</dd> })}
        </dl>

        <p>{session.resume.clone()}</p>
        {session.description.clone().map(|d| view! { <p>{d}</p> })}
        {session.evenement.clone().map(|e| view! {
            <p class="hint">{format!("Fait partie de « {e} »{}.", if session.labels.is_empty() { String::new() } else { format!(", label {}", session.labels.join(", ")) })}</p>
        })}
        {session.source.clone().map(|s| view! { <p class="hint">{format!("Source : {s}")}</p> })}

        <section class="panel" aria-labelledby="inscription">
            <h2 id="inscription">"S'inscrire"</h2>
            {registration}
        </section>

        <div class="actions">
            {(!past && !kiosk).then(|| view! { <button type="button" class="button button-secondary" on:click=add_to_calendar.clone()>"Ajouter à mon agenda"</button> })}
            {(!kiosk).then(|| view! { <ShareButton url=page_url.clone() title=session.titre.clone()/> })}
        </div>
        {kiosk.then(|| view! { <QrCode url=page_url.clone() caption="Emporter cet atelier sur mon téléphone"/> })}
    }
}

fn capitalise(text: &str) -> String {
    crate::pages::ateliers::capitalise(text)
}

/// How to register for this workshop, in one block.
fn registration_block(session: &Session, seats: Option<&Availability>, past: bool) -> AnyView {
    if past {
        return view! { <p>"Les inscriptions sont fermées."</p> }.into_any();
    }
    match (&session.statut, &session.inscription) {
        (Status::Annulee, _) => view! { <p>"Atelier annulé : pas d'inscription."</p> }.into_any(),
        (Status::Reportee, _) => view! { <p>"Les inscriptions rouvriront à la nouvelle date."</p> }.into_any(),
        (Status::Complete, _) => view! { <p>"L'organisateur a fermé les inscriptions : l'atelier est complet."</p> }.into_any(),
        (_, RegistrationMode::SansInscription) => view! { <p>"Sans inscription : venez directement."</p> }.into_any(),
        (_, RegistrationMode::AupresOrganisateur) => {
            view! { <p>{format!("Inscription auprès de l'organisateur : {}.", session.organisateur)}</p> }.into_any()
        }
        (_, RegistrationMode::Telephone { numero }) => view! {
            <p>"L'inscription se fait par téléphone."</p>
            <ExternalLink href=format!("tel:{numero}") label=format!("Appeler le {}", phone::display(numero)) class="button"/>
        }
        .into_any(),
        (_, RegistrationMode::Lien { url }) => view! {
            <p>"L'inscription se fait sur le site de l'organisateur."</p>
            <ExternalLink href=url.clone() label="S'inscrire sur le site de l'organisateur" class="button"/>
        }
        .into_any(),
        (_, RegistrationMode::DansLApp) => {
            let waiting = !can_join(session, seats) || seats.and_then(|a| a.places_restantes) == Some(0);
            view! {
                {waiting.then(|| view! { <p>"Il n'y a plus de place : vous serez sur la liste d'attente, et prévenu si une place se libère."</p> })}
                <p>"Même sans réseau : votre inscription partira dès que la connexion revient."</p>
                <A href=format!("/ateliers/{}/inscription", session.id) attr:class="button button-wide">
                    {if waiting { "M'inscrire sur la liste d'attente" } else { "M'inscrire" }}
                </A>
            }
            .into_any()
        }
    }
}
