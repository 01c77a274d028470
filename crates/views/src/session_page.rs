//! "Fiche atelier": when, where, for whom, seats left, and how to register.

use leptos::prelude::*;

use crate::words::{Glossary, Words};
use proxinum_core::ics;
use proxinum_core::place::Place;
use proxinum_core::session::{Availability, Price, RegistrationMode, Session, Status};
use proxinum_core::session_filter::can_join;
use proxinum_core::vocab::Vocabulary;
use proxinum_core::{phone, time};

use crate::capitalise;
use crate::links::{ExternalLink, QrCode};
use crate::session_card::{seats_text, SessionBadges};

/// A workshop's page. `actions` are the buttons under it ("Ajouter à mon
/// agenda", "Partager"), which the app makes on the device and the server
/// as plain links.
#[component]
pub fn SessionDetail(
    session: Session,
    place: Option<Place>,
    seats: Option<Availability>,
    now: chrono::DateTime<chrono::Utc>,
    page_url: String,
    kiosk: bool,
    #[prop(optional)] actions: Option<AnyView>,
) -> impl IntoView {
    let past = session.is_past(now);
    let full = proxinum_core::session_filter::is_full(seats.as_ref());
    let seats_line = seats_text(&session, seats.as_ref());
    let where_text = ics::location(&session, place.as_ref());
    let registration = registration_block(&session, seats.as_ref(), past, kiosk);

    view! {
        <p class="back"><a href="/ateliers">"← Tous les ateliers"</a></p>
        <h1><Words text=session.titre.clone()/></h1>
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
                    Some(p) => view! { <a href=format!("/lieux/{}", p.id)>{where_text.clone()}</a> }.into_any(),
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

        <p><Words text=session.resume.clone()/></p>
        {session.description.clone().map(|d| view! { <p><Words text=d/></p> })}
        <Glossary texts=[Some(session.titre.clone()), Some(session.resume.clone()), session.description.clone()].into_iter().flatten().collect()/>
        {session.evenement.clone().map(|e| view! {
            <p class="hint">{format!("Fait partie de « {e} »{}.", if session.labels.is_empty() { String::new() } else { format!(", label {}", session.labels.join(", ")) })}</p>
        })}
        {session.source.clone().map(|s| view! { <p class="hint">{format!("Source : {s}")}</p> })}

        <section class="panel" aria-labelledby="inscription">
            <h2 id="inscription">"S'inscrire"</h2>
            {registration}
        </section>

        <div class="actions">{actions}</div>
        {kiosk.then(|| view! { <QrCode url=page_url.clone() caption="Emporter cet atelier sur mon téléphone"/> })}
    }
}

/// Will a registration made now go to the waiting list?
pub fn goes_to_waiting_list(session: &Session, seats: Option<&Availability>) -> bool {
    !can_join(session, seats) || proxinum_core::session_filter::is_full(seats)
}

/// How to register for this workshop, in one block.
fn registration_block(session: &Session, seats: Option<&Availability>, past: bool, kiosk: bool) -> AnyView {
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
            <ExternalLink href=format!("tel:{numero}") label=format!("Appeler le {}", phone::display(numero)) class="button" kiosk=kiosk/>
        }
        .into_any(),
        (_, RegistrationMode::Lien { url }) => view! {
            <p>"L'inscription se fait sur le site de l'organisateur."</p>
            <ExternalLink href=url.clone() label="S'inscrire sur le site de l'organisateur" class="button" kiosk=kiosk/>
        }
        .into_any(),
        (_, RegistrationMode::DansLApp) => {
            let waiting = goes_to_waiting_list(session, seats);
            view! {
                {waiting.then(|| view! { <p>"Il n'y a plus de place : vous serez sur la liste d'attente, et prévenu si une place se libère."</p> })}
                // True only where the app runs (its outbox); the plain form
                // needs the network. Its place is kept so that nothing moves
                // when the app takes the page over.
                <p class="app-seulement">"Même sans réseau : votre inscription partira dès que la connexion revient."</p>
                <a href=format!("/ateliers/{}/inscription", session.id) class="button button-wide">
                    {if waiting { "M'inscrire sur la liste d'attente" } else { "M'inscrire" }}
                </a>
            }
            .into_any()
        }
    }
}
