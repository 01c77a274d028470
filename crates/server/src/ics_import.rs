//! Turns the events of an iCalendar file into workshops, for organisers who
//! already keep their programme in a calendar.

use chrono::{NaiveDateTime, NaiveTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime, EventLike};
use proxinum_core::session::{Audience, Price, RegistrationMode, Session, Status, Theme, Venue};
use proxinum_core::time;
use proxinum_core::vocab::Vocabulary;

use crate::cli::{IcsOptions, IcsRegistration};

/// The organisers' page's choices, checked as the command line's flags are.
impl TryFrom<&proxinum_core::organiser::CalendarImport> for IcsOptions {
    type Error = String;
    fn try_from(form: &proxinum_core::organiser::CalendarImport) -> Result<Self, String> {
        let inscription = match form.inscription.as_str() {
            "app" => IcsRegistration::App,
            "aucune" => IcsRegistration::Aucune,
            "organisateur" => IcsRegistration::Organisateur,
            other => return Err(format!("inscription « {other} » inconnue ; possibles : app, aucune, organisateur")),
        };
        if form.themes.is_empty() {
            return Err("choisissez au moins un thème".into());
        }
        if form.organisateur.trim().is_empty() {
            return Err("donnez l'organisateur affiché sur les ateliers".into());
        }
        Ok(IcsOptions {
            territoire: form.territoire.clone(),
            organisateur: form.organisateur.trim().to_string(),
            themes: form.themes.clone(),
            publics: if form.publics.is_empty() { vec!["tout-public".into()] } else { form.publics.clone() },
            capacite: form.capacite,
            inscription,
            commune: form.commune.clone().filter(|c| !c.trim().is_empty()),
        })
    }
}

/// The workshops of the file, or the first problem, naming the event.
pub fn sessions(text: &str, args: &IcsOptions) -> Result<Vec<Session>, String> {
    let calendar: Calendar = text.parse().map_err(|e| format!("fichier iCalendar illisible : {e}"))?;
    let themes = args
        .themes
        .iter()
        .map(|t| Theme::from_label_or_slug(t).ok_or_else(|| format!("thème « {t} » inconnu ; possibles : {}", slugs::<Theme>())))
        .collect::<Result<Vec<_>, _>>()?;
    let publics = args
        .publics
        .iter()
        .map(|p| Audience::from_label_or_slug(p).ok_or_else(|| format!("public « {p} » inconnu ; possibles : {}", slugs::<Audience>())))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for (index, event) in calendar.events().enumerate() {
        let name = event.get_summary().unwrap_or("(sans titre)").to_string();
        let here = |message: &str| format!("événement {} « {name} » : {message}", index + 1);
        let uid = event.get_uid().ok_or_else(|| here("UID manquant"))?;
        let debut = event.get_start().and_then(|d| local(d, false)).ok_or_else(|| here("DTSTART manquant ou illisible"))?;
        let fin = event.get_end().and_then(|d| local(d, true)).ok_or_else(|| here("DTEND manquant ou illisible"))?;
        let location = event.get_location().unwrap_or("").trim().to_string();
        let (code_postal, commune) = commune_in(&location).or_else(|| args.commune.clone().map(|c| (None, c))).ok_or_else(|| {
            here("le LIEU ne contient pas de code postal et de commune (ex. « Médiathèque, 32700 Lectoure ») : ajoutez --commune")
        })?;
        let status = match event.get_status() {
            Some(icalendar::EventStatus::Cancelled) => Status::Annulee,
            _ => Status::Programmee,
        };
        out.push(Session {
            id: format!("ics-{}", slug(uid)),
            territoire: args.territoire.clone(),
            titre: name.clone(),
            resume: event.get_description().map(|d| d.chars().take(400).collect()).unwrap_or_else(|| name.clone()),
            description: None,
            themes: themes.clone(),
            publics: publics.clone(),
            lieu: Venue::Adresse {
                nom: location.split(',').next().unwrap_or(&location).trim().to_string(),
                adresse: None,
                code_postal,
                commune,
                latitude: None,
                longitude: None,
                position_approchee: false,
            },
            debut,
            fin,
            capacite: args.capacite,
            inscription: match args.inscription {
                IcsRegistration::App => RegistrationMode::DansLApp,
                IcsRegistration::Aucune => RegistrationMode::SansInscription,
                IcsRegistration::Organisateur => RegistrationMode::AupresOrganisateur,
            },
            tarif: Price::Gratuit,
            accessibilite: None,
            organisateur: args.organisateur.clone(),
            statut: status,
            date_initiale: None,
            exemple: false,
            source: Some(format!("Importé d'un fichier iCalendar (UID {uid})")),
            evenement: None,
            labels: vec![],
            serie: None,
        });
    }
    if out.is_empty() {
        return Err("le fichier ne contient aucun événement (VEVENT)".into());
    }
    Ok(out)
}

fn slugs<T: Vocabulary>() -> String {
    T::all_known().iter().map(|v| v.slug()).collect::<Vec<_>>().join(", ")
}

/// A date-time as Paris wall-clock time. An all-day date starts at 00:00
/// (or ends at 23:59 for the end).
fn local(value: DatePerhapsTime, is_end: bool) -> Option<NaiveDateTime> {
    match value {
        DatePerhapsTime::Date(date) => Some(date.and_time(if is_end { NaiveTime::from_hms_opt(23, 59, 0)? } else { NaiveTime::MIN })),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(naive)) => Some(naive),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(moment)) => Some(time::in_paris(moment).naive_local()),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            let zone: chrono_tz::Tz = tzid.parse().ok()?;
            use chrono::TimeZone;
            let moment = zone.from_local_datetime(&date_time).earliest()?.with_timezone(&Utc);
            Some(time::in_paris(moment).naive_local())
        }
    }
}

/// "Médiathèque, 2 rue X, 32700 Lectoure" → (Some("32700"), "Lectoure").
fn commune_in(location: &str) -> Option<(Option<String>, String)> {
    let words: Vec<&str> = location.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let at = words.iter().rposition(|w| w.len() == 5 && w.chars().all(|c| c.is_ascii_digit()))?;
    let commune = words[at + 1..].join(" ");
    (!commune.is_empty()).then(|| (Some(words[at].to_string()), commune))
}

fn slug(text: &str) -> String {
    let cleaned: String = text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    cleaned.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-").chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_commune_in_a_location() {
        assert_eq!(commune_in("Médiathèque, 2 Cours Gambetta, 32700 Lectoure"), Some((Some("32700".into()), "Lectoure".into())));
        assert_eq!(commune_in("Salle des fêtes"), None);
        assert_eq!(slug("abc@Example.ORG"), "abc-example-org");
    }

    /// What Proxinum exports (core's own writer) reads back here, through the
    /// `icalendar` crate's parser: the same title, text, times and status.
    #[test]
    fn a_calendar_proxinum_exports_imports_back() {
        let mut session: Session = serde_json::from_value(serde_json::json!({
            "id": "export-import", "territoire": "32", "titre": "Tablette, smartphone; et \\ ordinateur",
            "resume": "Une ligne.\nUne autre, plus longue que la largeur d'une ligne d'un fichier iCalendar, avec des accents : é, è, à.",
            "themes": ["Premiers pas"], "publics": ["Tout public"],
            "lieu": {"type": "adresse", "nom": "Médiathèque", "code_postal": "32700", "commune": "Lectoure"},
            "debut": "2026-07-07T14:00:00", "fin": "2026-07-07T16:30:00",
            "inscription": {"mode": "dans_l_app"}, "organisateur": "Tests"
        }))
        .unwrap();
        session.statut = Status::Annulee;
        let context = proxinum_core::ics::EventContext { place: None, url: "https://exemple.fr/ateliers/export-import".into() };
        let text = proxinum_core::ics::calendar("Ateliers", [(&session, context)], Utc::now());
        let options = IcsOptions {
            territoire: "32".into(),
            organisateur: "Médiathèque".into(),
            themes: vec!["premiers-pas".into()],
            publics: vec!["tout-public".into()],
            capacite: None,
            inscription: IcsRegistration::Aucune,
            commune: None,
        };
        let back = sessions(&text, &options).expect("our own export imports");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].titre, session.titre);
        assert!(back[0].resume.starts_with(&session.resume), "{}", back[0].resume);
        assert_eq!((back[0].debut, back[0].fin), (session.debut, session.fin));
        assert_eq!(back[0].statut, Status::Annulee);
    }
}
