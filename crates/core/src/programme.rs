//! Workshop programmes as data files (TOML): a real event's sessions, with
//! what they share (event, organiser, source, labels) written once at the
//! top of the file. Used for the real programmes of `data/ateliers/` and for
//! organisers' imports.

use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::session::{Audience, Price, RegistrationMode, Session, Status, Theme, Venue, WeeklyRecurrence};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    territoire: String,
    organisateur: String,
    /// Where the facts come from: required, real programmes only.
    source: String,
    #[serde(default)]
    evenement: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    inscription: Option<RegistrationMode>,
    atelier: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    titre: String,
    resume: String,
    #[serde(default)]
    description: Option<String>,
    themes: Vec<Theme>,
    publics: Vec<Audience>,
    lieu: Venue,
    debut: NaiveDateTime,
    fin: NaiveDateTime,
    #[serde(default)]
    capacite: Option<u32>,
    #[serde(default)]
    inscription: Option<RegistrationMode>,
    #[serde(default)]
    tarif: Price,
    #[serde(default)]
    accessibilite: Option<String>,
    #[serde(default)]
    organisateur: Option<String>,
    #[serde(default)]
    statut: Status,
    #[serde(default)]
    recurrence: Option<WeeklyRecurrence>,
}

/// Reads a programme file into dated sessions (weekly series expanded).
/// Errors name the file; field checks are `Session::validate`'s job.
pub fn parse(file_name: &str, text: &str) -> Result<Vec<Session>, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("{file_name} : {}", e.message()))?;
    let mut sessions = Vec::new();
    for entry in file.atelier {
        let session = Session {
            id: entry.id,
            territoire: file.territoire.clone(),
            titre: entry.titre,
            resume: entry.resume,
            description: entry.description,
            themes: entry.themes,
            publics: entry.publics,
            lieu: entry.lieu,
            debut: entry.debut,
            fin: entry.fin,
            capacite: entry.capacite,
            inscription: entry.inscription.or_else(|| file.inscription.clone()).unwrap_or(RegistrationMode::AupresOrganisateur),
            tarif: entry.tarif,
            accessibilite: entry.accessibilite,
            organisateur: entry.organisateur.unwrap_or_else(|| file.organisateur.clone()),
            statut: entry.statut,
            date_initiale: None,
            exemple: false,
            source: Some(file.source.clone()),
            evenement: file.evenement.clone(),
            labels: file.labels.clone(),
            serie: None,
        };
        match entry.recurrence {
            Some(rule) => sessions.extend(rule.expand(&session)),
            None => sessions.push(session),
        }
    }
    Ok(sessions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Audience, Theme};
    use chrono::{TimeZone, Utc};

    fn read(name: &str) -> Vec<Session> {
        let path = format!("{}/../../data/ateliers/{name}", env!("CARGO_MANIFEST_DIR"));
        parse(name, &std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_real_programmes_load_and_validate() {
        let gers = read("semaine-du-numerique-gers-2025.toml");
        assert_eq!(gers.len(), 8);
        let tarn_et_garonne = read("le-82-fait-son-numerique-2026.toml");
        assert_eq!(tarn_et_garonne.len(), 2);
        for session in gers.iter().chain(&tarn_et_garonne) {
            session.validate(|id| id == "cnfs-62ad98ba8255a806e299dd45").unwrap_or_else(|e| panic!("{}: {e:?}", session.id));
            assert!(session.source.is_some() && !session.exemple);
        }
        assert!(gers.iter().all(|s| s.labels == ["Numérique En Commun[s]"]));
        let cafe = gers.iter().find(|s| s.id == "sng-2025-12-09-auch-cafe-ia").unwrap();
        assert_eq!(cafe.themes, [Theme::Ia]);
        assert_eq!(cafe.publics, [Audience::ToutPublic]);
        // Both are over by now: they belong to "Ateliers passés".
        let today = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
        assert!(gers.iter().chain(&tarn_et_garonne).all(|s| s.is_past(today)));
        let seissan = gers.iter().find(|s| s.id.contains("seissan")).unwrap();
        assert_eq!(seissan.when_text(), "mercredi 10 décembre 2025, de 9h00 à 12h00");
        assert_eq!(tarn_et_garonne[1].when_text(), "du samedi 18 avril au dimanche 10 mai 2026");
    }

    #[test]
    fn errors_name_the_file() {
        let error = parse("mauvais.toml", "territoire = \"32\"\n").unwrap_err();
        assert!(error.starts_with("mauvais.toml : "), "{error}");
    }
}
