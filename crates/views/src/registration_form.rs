//! The registration form. In the app it writes to the outbox (offline
//! first); without JavaScript, or before the app has started, it is a plain
//! HTML form posted to the server with a server-made id, so that submitting
//! twice still registers once.

use leptos::prelude::*;

use crate::words::{Glossary, Words};
use proxinum_core::registration::{self, RegistrationResult, RegistrationStatus, MAX_SEATS};
use proxinum_core::session::{FieldError, Session};

/// What the resident typed. Signals, so that the app can bind them; the
/// server fills them with what was posted.
#[derive(Clone, Copy)]
pub struct FormFields {
    pub prenom: RwSignal<String>,
    pub nom: RwSignal<String>,
    pub telephone: RwSignal<String>,
    pub courriel: RwSignal<String>,
    pub places: RwSignal<u32>,
    pub besoins: RwSignal<String>,
    pub consentement: RwSignal<bool>,
}

impl FormFields {
    pub fn empty() -> Self {
        FormFields {
            prenom: RwSignal::new(String::new()),
            nom: RwSignal::new(String::new()),
            telephone: RwSignal::new(String::new()),
            courriel: RwSignal::new(String::new()),
            places: RwSignal::new(1),
            besoins: RwSignal::new(String::new()),
            consentement: RwSignal::new(false),
        }
    }
}

/// Where the form posts without JavaScript.
pub fn form_action(session_id: &str) -> String {
    format!("/ateliers/{session_id}/inscription")
}

/// The form. `request_id` travels in a hidden field (the idempotency key of
/// the plain form); `remember` is the app's "Retenir mes coordonnées".
#[component]
pub fn RegistrationFormView(
    session: Session,
    seats_left: Option<u32>,
    retention_days: u32,
    kiosk: bool,
    fields: FormFields,
    errors: Signal<Vec<FieldError>>,
    sending: Signal<bool>,
    on_submit: Callback<()>,
    request_id: String,
    #[prop(optional)] remember: Option<RwSignal<bool>>,
) -> impl IntoView {
    let FormFields { prenom, nom, telephone, courriel, places, besoins, consentement } = fields;
    let max_places = seats_left.filter(|n| *n > 0).unwrap_or(MAX_SEATS).min(MAX_SEATS);
    let error_for = move |field: &'static str| move || errors.with(|e| e.iter().find(|x| x.champ == field).map(|x| x.message.clone()));
    let invalid = move |field: &'static str| move || errors.with(|e| e.iter().any(|x| x.champ == field)).then_some("true");
    let auto = move |what: &'static str| if kiosk { "off" } else { what };
    // Attributes carry the first values (the server's HTML); properties
    // follow the signals in the app.
    let first = |s: RwSignal<String>| s.get_untracked();
    view! {
        <p class="back"><a href=format!("/ateliers/{}", session.id)>"← Retour à l'atelier"</a></p>
        <h1>"M'inscrire"</h1>
        <p class="lead"><Words text=session.titre.clone()/><br/>{session.when_text()}</p>
        <Glossary texts=vec![session.titre.clone(), session.resume.clone()] compact=true/>
        {move || (!errors.get().is_empty()).then(|| view! {
            <div class="notice notice-error" role="alert" id="erreurs" tabindex="-1">
                <p><strong>"Le formulaire n'est pas complet :"</strong></p>
                <ul>{errors.get().into_iter().map(|e| view! { <li>{e.message}</li> }).collect_view()}</ul>
            </div>
        })}
        <form class="form" method="post" action=form_action(&session.id) novalidate
            on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); on_submit.run(()); }>
            <input type="hidden" name="id" value=request_id/>
            <label for="prenom">"Prénom " <span class="required">"(obligatoire)"</span></label>
            <input id="prenom" name="prenom" type="text" autocomplete=auto("given-name") required
                aria-invalid=invalid("prenom") aria-describedby="prenom-erreur"
                value=first(prenom) prop:value=move || prenom.get() on:input=move |ev| prenom.set(event_target_value(&ev))/>
            <p class="field-error" id="prenom-erreur">{error_for("prenom")}</p>

            <label for="nom">"Nom " <span class="required">"(obligatoire)"</span></label>
            <input id="nom" name="nom" type="text" autocomplete=auto("family-name") required
                aria-invalid=invalid("nom") aria-describedby="nom-erreur"
                value=first(nom) prop:value=move || nom.get() on:input=move |ev| nom.set(event_target_value(&ev))/>
            <p class="field-error" id="nom-erreur">{error_for("nom")}</p>

            <fieldset>
                <legend>"Pour vous prévenir (au moins un des deux)"</legend>
                <label for="telephone">"Téléphone"</label>
                <input id="telephone" name="telephone" type="tel" inputmode="tel" autocomplete=auto("tel")
                    aria-invalid=invalid("telephone") aria-describedby="telephone-aide telephone-erreur"
                    value=first(telephone) prop:value=move || telephone.get() on:input=move |ev| telephone.set(event_target_value(&ev))/>
                <p class="hint" id="telephone-aide">"Exemple : 06 12 34 56 78"</p>
                <p class="field-error" id="telephone-erreur">{error_for("telephone")}</p>
                <label for="courriel">"E-mail"</label>
                <input id="courriel" name="courriel" type="email" inputmode="email" autocomplete=auto("email")
                    aria-invalid=invalid("courriel") aria-describedby="courriel-erreur"
                    value=first(courriel) prop:value=move || courriel.get() on:input=move |ev| courriel.set(event_target_value(&ev))/>
                <p class="field-error" id="courriel-erreur">{error_for("courriel")}</p>
            </fieldset>

            <label for="places">"Nombre de places"</label>
            <select id="places" name="places" aria-describedby="places-aide places-erreur" on:change=move |ev| places.set(event_target_value(&ev).parse().unwrap_or(1))>
                {(1..=max_places).map(|n| view! { <option value=n.to_string() selected=move || places.get() == n>{n}</option> }).collect_view()}
            </select>
            <p class="hint" id="places-aide">{match seats_left {
                Some(0) => "Il n'y a plus de place : vous serez sur la liste d'attente.".to_string(),
                Some(n) => format!("Il reste {n} place{} (au dernier contrôle).", if n > 1 { "s" } else { "" }),
                None => "Vous, et les personnes qui viennent avec vous.".to_string(),
            }}</p>
            <p class="field-error" id="places-erreur">{error_for("places")}</p>

            <label for="besoins">"Un besoin pour venir ? (facultatif)"</label>
            <textarea id="besoins" name="besoins" aria-describedby="besoins-aide besoins-erreur"
                prop:value=move || besoins.get() on:input=move |ev| besoins.set(event_target_value(&ev))>{first(besoins)}</textarea>
            <p class="hint" id="besoins-aide">"Par exemple : fauteuil roulant, malentendant, besoin d'un ordinateur."</p>
            <p class="field-error" id="besoins-erreur">{error_for("besoins")}</p>

            <div class="consent">
                <p>{format!(
                    "Vos coordonnées servent seulement à organiser cet atelier, à vous prévenir d'un changement et, si vous donnez un e-mail, à vous le rappeler la veille. Seul l'organisateur les voit. Elles sont effacées {retention_days} jours après l'atelier."
                )}</p>
                <p class="link-line"><a href="/confidentialite">"En savoir plus sur vos données"</a></p>
                <label class="check" for="consentement">
                    <input id="consentement" name="consentement" value="oui" type="checkbox" required
                        aria-invalid=move || (invalid("consentement")().is_some() && !consentement.get()).then_some("true") aria-describedby="consentement-erreur"
                        checked=consentement.get_untracked() prop:checked=move || consentement.get() on:change=move |ev| consentement.set(event_target_checked(&ev))/>
                    <span>"J'accepte que mes coordonnées soient utilisées pour cet atelier. " <span class="required">"(obligatoire)"</span></span>
                </label>
                // Gone as soon as the box is ticked, not at the next sending.
                <p class="field-error" id="consentement-erreur">{move || (!consentement.get()).then(error_for("consentement")).flatten()}</p>
            </div>

            {remember.map(|remember| view! {
                <label class="check" for="souvenir">
                    <input id="souvenir" type="checkbox" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev))/>
                    <span>"Retenir mes coordonnées sur ce téléphone pour la prochaine fois"</span>
                </label>
            })}

            <button type="submit" class="button button-wide" disabled=move || sending.get()>
                {move || if sending.get() { "Enregistrement…" } else { "Envoyer mon inscription" }}
            </button>
        </form>
    }
}

/// The page for a workshop that takes no registration in Proxinum.
#[component]
pub fn RegistrationClosed(session_id: String) -> impl IntoView {
    view! {
        <h1>"Inscription impossible"</h1>
        <p>"Cet atelier ne prend pas d'inscription dans Proxinum (il est passé, annulé, reporté, ou l'inscription se fait ailleurs)."</p>
        <p class="link-line"><a href=format!("/ateliers/{session_id}")>"Retour à l'atelier"</a></p>
    }
}

/// The server's answer to the plain form: confirmed or on the waiting list,
/// with the short code to give the organiser.
#[component]
pub fn RegistrationDone(result: RegistrationResult, session: Session) -> impl IntoView {
    let (title, detail) = match result.statut {
        RegistrationStatus::Confirmee => ("Inscription confirmée", "Votre place est réservée."),
        RegistrationStatus::ListeAttente => ("Vous êtes sur la liste d'attente", "L'organisateur vous préviendra si une place se libère."),
        RegistrationStatus::Annulee => ("Inscription annulée", "Cette inscription a été annulée."),
    };
    let seats = if result.places > 1 { format!("{} places", result.places) } else { "1 place".to_string() };
    view! {
        <h1>{title}</h1>
        <div class="notice notice-info" role="status">
            <p>{detail}</p>
            <p>"Votre code d'inscription : " <strong class="short-code">{registration::short_code(result.id)}</strong></p>
        </div>
        <dl class="facts">
            <dt>"Atelier"</dt><dd><a href=format!("/ateliers/{}", session.id)>{session.titre.clone()}</a></dd>
            <dt>"Quand"</dt><dd>{crate::capitalise(&session.when_text())}</dd>
            <dt>"Places"</dt><dd>{seats}</dd>
            <dt>"Organisé par"</dt><dd>{session.organisateur.clone()}</dd>
        </dl>
        <p>"Notez ce code. Pour annuler, donnez-le à l'organisateur."</p>
        <p class="link-line"><a href="/ateliers">"Voir les autres ateliers"</a></p>
    }
}

/// Where a cancellation by link (the one in every notice e-mail) stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CancelStep {
    /// The page asks first: a link alone never cancels (mail scanners
    /// open links).
    Ask,
    Done,
    /// It was cancelled before (by the resident, or with the workshop).
    Already,
    /// The workshop has started: too late.
    Started,
}

/// "Annuler mon inscription", opened from an e-mail on any device: a plain
/// form posted to the server, the registration's id being the key.
#[component]
pub fn RegistrationCancel(result: RegistrationResult, session: Session, step: CancelStep) -> impl IntoView {
    let seats = if result.places > 1 { format!("{} places", result.places) } else { "1 place".to_string() };
    let (title, notice) = match step {
        CancelStep::Ask => ("Annuler mon inscription", None),
        CancelStep::Done => {
            ("Inscription annulée", Some("Votre inscription est annulée. Votre place ira à quelqu'un d'autre. Merci de l'avoir dit."))
        }
        CancelStep::Already => ("Inscription déjà annulée", Some("Cette inscription est déjà annulée : vous n'avez rien à faire.")),
        CancelStep::Started => ("Trop tard pour annuler ici", Some("L'atelier a déjà commencé. Pour prévenir, appelez l'organisateur.")),
    };
    view! {
        <h1>{title}</h1>
        {notice.map(|text| view! { <div class="notice notice-info" role="status"><p>{text}</p></div> })}
        <dl class="facts">
            <dt>"Atelier"</dt><dd><a href=format!("/ateliers/{}", session.id)>{session.titre.clone()}</a></dd>
            <dt>"Quand"</dt><dd>{crate::capitalise(&session.when_text())}</dd>
            <dt>"Places"</dt><dd>{seats}</dd>
            <dt>"Code d'inscription"</dt><dd><strong class="short-code">{registration::short_code(result.id)}</strong></dd>
            <dt>"Organisé par"</dt><dd>{session.organisateur.clone()}</dd>
        </dl>
        {(step == CancelStep::Ask).then(|| view! {
            <p>"Vous ne pouvez pas venir ? Annulez : votre place pourra servir à quelqu'un d'autre."</p>
            <form method="post" action=format!("/inscriptions/{}/annulation", result.id)>
                <button type="submit" class="button">"Oui, annuler mon inscription"</button>
            </form>
            <p class="link-line"><a href=format!("/ateliers/{}", session.id)>"Non, je garde ma place"</a></p>
        })}
        <p class="link-line"><a href="/ateliers">"Voir les autres ateliers"</a></p>
    }
}
