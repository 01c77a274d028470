//! Registrations: the wire format of `POST /api/inscriptions` and its
//! answers, and the validation both the form and the server apply, with
//! messages a resident understands.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::session::FieldError;
use crate::{phone, text};

/// Longest name, note and e-mail accepted (the database stores no more).
pub const MAX_NAME_CHARS: usize = 80;
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_EMAIL_CHARS: usize = 254;
/// Seats one registration may ask for (a family, a small group).
pub const MAX_SEATS: u32 = 10;
/// Days personal data are kept after the workshop, by default.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;

/// What the form sends. `id` is generated on the device before anything is
/// sent, so that sending twice never registers twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationRequest {
    /// UUID v4 made by the device: the idempotency key.
    pub id: Uuid,
    pub session_id: String,
    pub prenom: String,
    pub nom: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courriel: Option<String>,
    pub places: u32,
    /// Optional note on accessibility needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub besoins: Option<String>,
    pub consentement: bool,
}

/// Where a registration stands on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    Confirmee,
    ListeAttente,
    Annulee,
}

impl RegistrationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmee => "confirmee",
            RegistrationStatus::ListeAttente => "liste_attente",
            RegistrationStatus::Annulee => "annulee",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "confirmee" => Some(RegistrationStatus::Confirmee),
            "liste_attente" => Some(RegistrationStatus::ListeAttente),
            "annulee" => Some(RegistrationStatus::Annulee),
            _ => None,
        }
    }

    /// What the resident reads.
    pub fn label(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmee => "Inscription confirmée",
            RegistrationStatus::ListeAttente => "Sur liste d'attente",
            RegistrationStatus::Annulee => "Inscription annulée",
        }
    }
}

/// The server's answer to a registration or a cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationResult {
    pub id: Uuid,
    pub statut: RegistrationStatus,
    pub session_id: String,
    pub places: u32,
}

/// `422` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidationErrors {
    pub erreurs: Vec<FieldError>,
}

/// Body of the other errors (`404`, `409`, `413`, `429`…): a stable code for
/// programs and a French message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// A checked registration: trimmed, phone in international form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRegistration(pub RegistrationRequest);

/// Checks a registration. `seats_left` bounds the seats asked when known
/// (the server lets extra people onto the waiting list instead, so it
/// passes `None`).
pub fn validate(request: &RegistrationRequest, seats_left: Option<u32>) -> Result<ValidRegistration, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut clean = request.clone();
    clean.prenom = request.prenom.trim().to_string();
    clean.nom = request.nom.trim().to_string();
    clean.telephone = request.telephone.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    clean.courriel = request.courriel.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    clean.besoins = request.besoins.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);

    if request.id.get_version_num() != 4 {
        errors.push(FieldError::new("id", "identifiant d'inscription invalide (UUID v4 attendu)"));
    }
    if clean.session_id.trim().is_empty() {
        errors.push(FieldError::new("session_id", "atelier manquant"));
    }
    for (field, value, label) in [("prenom", &clean.prenom, "votre prénom"), ("nom", &clean.nom, "votre nom")] {
        if value.is_empty() {
            errors.push(FieldError::new(field, format!("Écrivez {label}.")));
        } else if value.chars().count() > MAX_NAME_CHARS {
            errors.push(FieldError::new(field, format!("C'est trop long : {MAX_NAME_CHARS} caractères au plus.")));
        } else if text::has_forbidden_chars(value, false) {
            errors.push(FieldError::new(field, "Ce texte contient des caractères invisibles ou non permis. Retapez-le."));
        } else if !text::has_visible_letter(value) {
            errors.push(FieldError::new(field, format!("Écrivez {label} avec des lettres.")));
        }
    }
    if clean.telephone.is_none() && clean.courriel.is_none() {
        errors.push(FieldError::new("telephone", "Donnez un numéro de téléphone ou une adresse e-mail, pour qu'on puisse vous prévenir."));
    }
    if let Some(number) = &clean.telephone {
        match phone::normalise(number) {
            Some(normalised) => clean.telephone = Some(normalised),
            None => errors.push(FieldError::new("telephone", "Ce numéro de téléphone n'est pas valide. Exemple : 06 12 34 56 78.")),
        }
    }
    if let Some(email) = &clean.courriel {
        if email.chars().count() > MAX_EMAIL_CHARS || !looks_like_email(email) || text::has_forbidden_chars(email, false) {
            errors.push(FieldError::new("courriel", "Cette adresse e-mail n'est pas valide. Exemple : prenom.nom@exemple.fr."));
        }
    }
    if request.places == 0 {
        errors.push(FieldError::new("places", "Indiquez au moins 1 place."));
    } else if request.places > MAX_SEATS {
        errors.push(FieldError::new("places", format!("{MAX_SEATS} places au plus par inscription.")));
    } else if let Some(left) = seats_left {
        if request.places > left {
            errors.push(FieldError::new(
                "places",
                match left {
                    0 => "Il n'y a plus de place.".to_string(),
                    1 => "Il reste 1 place.".to_string(),
                    n => format!("Il reste {n} places."),
                },
            ));
        }
    }
    if clean.besoins.as_ref().is_some_and(|b| b.chars().count() > MAX_NOTE_CHARS) {
        errors.push(FieldError::new("besoins", format!("C'est trop long : {MAX_NOTE_CHARS} caractères au plus.")));
    } else if clean.besoins.as_deref().is_some_and(|b| text::has_forbidden_chars(b, true)) {
        errors.push(FieldError::new("besoins", "Ce texte contient des caractères invisibles ou non permis. Retapez-le."));
    }
    if !request.consentement {
        errors.push(FieldError::new("consentement", "Cochez la case pour accepter l'utilisation de vos coordonnées pour cet atelier."));
    }
    if errors.is_empty() {
        Ok(ValidRegistration(clean))
    } else {
        Err(errors)
    }
}

/// A light check: one `@`, something before, a dotted domain after, no spaces.
fn looks_like_email(email: &str) -> bool {
    let mut parts = email.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
}

/// A short code to find a registration again on another device
/// (shown with the kiosk's QR code): the first 8 hex digits, grouped.
pub fn short_code(id: Uuid) -> String {
    let hex = id.simple().to_string().to_ascii_uppercase();
    format!("{}-{}", &hex[..4], &hex[4..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> RegistrationRequest {
        RegistrationRequest {
            id: Uuid::new_v4(),
            session_id: "atelier".into(),
            prenom: " Jeanne ".into(),
            nom: "Dupont".into(),
            telephone: Some("06 12 34 56 78".into()),
            courriel: None,
            places: 2,
            besoins: Some("  ".into()),
            consentement: true,
        }
    }

    #[test]
    fn accepts_and_cleans() {
        let ValidRegistration(clean) = validate(&request(), Some(3)).unwrap();
        assert_eq!(clean.prenom, "Jeanne");
        assert_eq!(clean.telephone.as_deref(), Some("+33612345678"));
        assert_eq!(clean.besoins, None);
    }

    #[test]
    fn explains_each_problem_in_french() {
        let mut bad = request();
        bad.prenom = "".into();
        bad.telephone = None;
        bad.places = 4;
        bad.consentement = false;
        let errors = validate(&bad, Some(3)).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.champ.as_str()).collect();
        assert_eq!(fields, ["prenom", "telephone", "places", "consentement"]);
        assert_eq!(errors[0].message, "Écrivez votre prénom.");
        assert_eq!(errors[2].message, "Il reste 3 places.");

        let mut email = request();
        email.telephone = None;
        email.courriel = Some("jeanne@@exemple".into());
        assert_eq!(validate(&email, None).unwrap_err()[0].champ, "courriel");
        email.courriel = Some("jeanne.dupont@exemple.fr".into());
        assert!(validate(&email, None).is_ok());

        let mut long = request();
        long.nom = "x".repeat(81);
        assert!(validate(&long, None).unwrap_err()[0].message.contains("80 caractères"));
    }

    #[test]
    fn refuses_invisible_and_control_characters() {
        let check = |edit: &dyn Fn(&mut RegistrationRequest)| {
            let mut r = request();
            edit(&mut r);
            validate(&r, None).err().map(|e| (e[0].champ.clone(), e[0].message.clone()))
        };
        let invisible = Some(("prenom".to_string(), "Ce texte contient des caractères invisibles ou non permis. Retapez-le.".to_string()));
        assert_eq!(check(&|r| r.prenom = "\u{200B}".into()), invisible);
        assert_eq!(check(&|r| r.prenom = "Anne\u{202E}tnoM".into()), invisible);
        assert_eq!(check(&|r| r.prenom = "Je\u{0}anne".into()), invisible);
        assert_eq!(check(&|r| r.nom = "- . -".into()), Some(("nom".into(), "Écrivez votre nom avec des lettres.".into())));
        assert_eq!(check(&|r| r.courriel = Some("a\u{0}@exemple.fr".into())).map(|e| e.0), Some("courriel".into()));
        assert_eq!(check(&|r| r.besoins = Some("\u{1b}[2J".into())).map(|e| e.0), Some("besoins".into()));
        assert_eq!(check(&|r| r.besoins = Some("Fauteuil.\r\nBesoin d'un ordinateur.".into())), None, "line breaks stay allowed in a note");
        assert_eq!(check(&|r| r.prenom = "Zoé-Marie".into()), None);
    }

    #[test]
    fn short_codes() {
        let id = Uuid::parse_str("3f2a9c1e-0000-4000-8000-000000000000").unwrap();
        assert_eq!(short_code(id), "3F2A-9C1E");
    }
}

/// Why a workshop does not take a registration now: a stable code for the
/// API and the sentence a resident reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: &'static str,
}

/// Why `session` refuses registrations at `now`, if it does: cancelled,
/// closed by the organiser, postponed, started, or registered elsewhere.
pub fn refusal(session: &crate::session::Session, now: chrono::DateTime<chrono::Utc>) -> Option<Refusal> {
    use crate::session::{RegistrationMode, Status};
    let refuse = |code, message| Some(Refusal { code, message });
    match session.statut {
        Status::Annulee => return refuse("annule", "Cet atelier est annulé."),
        Status::Complete => return refuse("complet", "Cet atelier est complet : l'organisateur a fermé les inscriptions."),
        Status::Reportee => return refuse("reporte", "Cet atelier est reporté : les inscriptions rouvriront à la nouvelle date."),
        Status::Programmee => {}
    }
    if session.has_started(now) {
        return refuse("commence", "Cet atelier a déjà commencé : il n'est plus possible de s'inscrire.");
    }
    if !matches!(session.inscription, RegistrationMode::DansLApp) {
        return refuse(
            "inscription_ailleurs",
            "Pour cet atelier, l'inscription ne se fait pas dans Proxinum : voir la fiche de l'atelier.",
        );
    }
    None
}

/// The seats of a workshop as the server reads them, inside the transaction
/// that records the registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seats {
    /// Seats held by confirmed registrations.
    pub confirmed: u32,
    /// Is anyone on the waiting list?
    pub anyone_waiting: bool,
}

/// The decision on a registration of `asked` seats: refused, confirmed when
/// the seats fit and nobody waits (nobody jumps the queue), else the
/// waiting list. The server's database layer reads `seats` and writes the
/// outcome; it decides nothing.
pub fn decide(
    session: &crate::session::Session,
    asked: u32,
    seats: Seats,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<RegistrationStatus, Refusal> {
    if let Some(refusal) = refusal(session, now) {
        return Err(refusal);
    }
    let fits = session.capacite.is_none_or(|capacity| seats.confirmed + asked <= capacity);
    Ok(if fits && !seats.anyone_waiting { RegistrationStatus::Confirmee } else { RegistrationStatus::ListeAttente })
}

/// Seats left: `None` when the workshop has no limit.
pub fn seats_left(capacity: Option<u32>, confirmed: u32) -> Option<u32> {
    capacity.map(|c| c.saturating_sub(confirmed))
}

/// How many people at the head of the waiting list (`waiting`: the seats
/// each asked, in arrival order) are confirmed when seats free up (a
/// cancellation, a larger capacity): in order, while the first in line
/// fits — nobody further back passes someone who does not fit yet.
pub fn promoted(capacity: Option<u32>, confirmed: u32, waiting: &[u32]) -> usize {
    let Some(capacity) = capacity else { return waiting.len() };
    let mut taken = confirmed;
    waiting
        .iter()
        .take_while(|&&asked| {
            let fits = taken + asked <= capacity;
            if fits {
                taken += asked;
            }
            fits
        })
        .count()
}

#[cfg(test)]
mod decision_tests {
    use super::*;
    use crate::session::{RegistrationMode, Status};

    fn session(capacity: Option<u32>) -> crate::session::Session {
        let mut s = crate::session::tests::sample();
        s.capacite = capacity;
        s.statut = Status::Programmee;
        s.inscription = RegistrationMode::DansLApp;
        s
    }

    fn before(s: &crate::session::Session) -> chrono::DateTime<chrono::Utc> {
        s.start_utc() - chrono::Duration::days(1)
    }

    const FREE: Seats = Seats { confirmed: 0, anyone_waiting: false };

    #[test]
    fn seats_that_fit_are_confirmed_to_the_last_one() {
        let s = session(Some(10));
        assert_eq!(decide(&s, 2, Seats { confirmed: 8, anyone_waiting: false }, before(&s)), Ok(RegistrationStatus::Confirmee));
        assert_eq!(decide(&s, 3, Seats { confirmed: 8, anyone_waiting: false }, before(&s)), Ok(RegistrationStatus::ListeAttente));
        assert_eq!(decide(&s, 1, Seats { confirmed: 10, anyone_waiting: false }, before(&s)), Ok(RegistrationStatus::ListeAttente));
    }

    #[test]
    fn nobody_jumps_the_queue() {
        let s = session(Some(10));
        assert_eq!(decide(&s, 1, Seats { confirmed: 2, anyone_waiting: true }, before(&s)), Ok(RegistrationStatus::ListeAttente));
    }

    #[test]
    fn without_a_limit_everyone_is_confirmed() {
        let s = session(None);
        assert_eq!(decide(&s, 9, Seats { confirmed: 500, anyone_waiting: false }, before(&s)), Ok(RegistrationStatus::Confirmee));
    }

    #[test]
    fn the_waiting_list_moves_up_in_order_while_the_first_fits() {
        assert_eq!(promoted(Some(10), 8, &[1, 1, 1]), 2);
        assert_eq!(promoted(Some(10), 8, &[3, 1]), 0, "the first does not fit: nobody passes them");
        assert_eq!(promoted(Some(10), 10, &[1]), 0);
        assert_eq!(promoted(None, 500, &[2, 4]), 2, "no limit: everyone");
        assert_eq!(promoted(Some(4), 0, &[]), 0);
        assert_eq!(seats_left(Some(10), 12), Some(0));
        assert_eq!(seats_left(None, 12), None);
    }

    #[test]
    fn refusals_say_why() {
        let mut s = session(Some(10));
        let now = before(&s);
        for (status, code) in [(Status::Annulee, "annule"), (Status::Complete, "complet"), (Status::Reportee, "reporte")] {
            s.statut = status;
            assert_eq!(decide(&s, 1, FREE, now).unwrap_err().code, code);
            assert!(!s.accepts_registrations(now));
        }
        s.statut = Status::Programmee;
        assert!(s.accepts_registrations(now));
        assert_eq!(decide(&s, 1, FREE, s.start_utc()).unwrap_err().code, "commence");
        assert_eq!(
            decide(&s, 1, FREE, s.start_utc()).unwrap_err().message,
            "Cet atelier a déjà commencé : il n'est plus possible de s'inscrire."
        );
        s.inscription = RegistrationMode::SansInscription;
        assert_eq!(decide(&s, 1, FREE, now).unwrap_err().code, "inscription_ailleurs");
    }
}
