//! The data a fresh database starts with: the real places of Gers and
//! Tarn-et-Garonne, the real past programmes, and a few upcoming example
//! workshops at real places, dated from today and always badged "Exemple"
//! (removable with `proxinum ateliers supprimer-exemples`).

use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use proxinum_core::communes::{self, Gazetteer};
use proxinum_core::guide::Guide;
use proxinum_core::import::{import_file, ImportOptions, ImportReport};
use proxinum_core::session::{Audience, Price, RegistrationMode, Session, Status, Theme, Venue, WeeklyRecurrence};

pub const PLACES_FILE: &str = "gers-tarn-et-garonne.json";
const PLACES: &[u8] = include_bytes!("../../../data/lieux/gers-tarn-et-garonne.json");
const COMMUNES: &str = include_str!("../../../data/communes/communes_france_with_coords.csv");
const GUIDES: &str = include_str!(concat!(env!("OUT_DIR"), "/guides.json"));
const PROGRAMMES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/programmes.rs"));

/// All French communes, loaded once.
pub fn gazetteer() -> &'static Gazetteer {
    shared_gazetteer_ref()
}

/// The same communes, shared (what an import's options hold), without
/// copying the whole country for each import or sync.
pub fn shared_gazetteer() -> Arc<Gazetteer> {
    shared_gazetteer_ref().clone()
}

fn shared_gazetteer_ref() -> &'static Arc<Gazetteer> {
    static GAZETTEER: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    GAZETTEER.get_or_init(|| Arc::new(Gazetteer::new(communes::parse_csv(COMMUNES).expect("embedded communes file"))))
}

/// The guides, checked at build time.
pub fn guides() -> &'static [Guide] {
    static PARSED: OnceLock<Vec<Guide>> = OnceLock::new();
    PARSED.get_or_init(|| serde_json::from_str(GUIDES).expect("guides embedded by build.rs"))
}

/// The real places of 32 and 82, through the same importer as any file.
pub fn places() -> (Vec<proxinum_core::place::Place>, ImportReport) {
    let options = ImportOptions { communes: None, ..Default::default() };
    let outcome = import_file(PLACES_FILE, PLACES, &options);
    (outcome.places, outcome.report)
}

/// The real programmes of `data/ateliers/`, venues placed at their commune
/// when they have no coordinates of their own.
pub fn programmes() -> Vec<Session> {
    let mut sessions = Vec::new();
    for (name, text) in PROGRAMMES {
        let parsed = proxinum_core::programme::parse(name, text).expect("checked by build.rs");
        sessions.extend(parsed);
    }
    for session in &mut sessions {
        place_at_commune(session);
    }
    sessions
}

/// Gives a one-off venue the position of its commune (marked approximate).
pub fn place_at_commune(session: &mut Session) {
    if let Venue::Adresse { code_postal, commune, latitude, longitude, position_approchee, .. } = &mut session.lieu {
        if latitude.is_some() {
            return;
        }
        let found = gazetteer()
            .search(commune, 5)
            .into_iter()
            .find(|c| code_postal.as_ref().is_none_or(|cp| c.codes_postaux.contains(cp)) && c.departement == session.territoire)
            .and_then(|c| c.position());
        if let Some(position) = found {
            *latitude = Some(position.lat);
            *longitude = Some(position.lon);
            *position_approchee = true;
        }
    }
}

/// The next `weekday` strictly after `today`.
fn next(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let mut day = today + Duration::days(1);
    while day.weekday() != weekday {
        day += Duration::days(1);
    }
    day
}

/// Upcoming example workshops at real places, dated from `today`.
pub fn examples(today: NaiveDate) -> Vec<Session> {
    let at = |date: NaiveDate, h: u32, m: u32| date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap());
    let example = |id: &str,
                   territoire: &str,
                   titre: &str,
                   resume: &str,
                   themes: Vec<Theme>,
                   publics: Vec<Audience>,
                   lieu: &str,
                   day: NaiveDate,
                   (h1, m1): (u32, u32),
                   (h2, m2): (u32, u32),
                   capacite: Option<u32>| Session {
        id: format!("exemple-{id}"),
        territoire: territoire.into(),
        titre: titre.into(),
        resume: resume.into(),
        description: None,
        themes,
        publics,
        lieu: Venue::Lieu { lieu_id: lieu.into(), precision: None },
        debut: at(day, h1, m1),
        fin: at(day, h2, m2),
        capacite,
        inscription: RegistrationMode::DansLApp,
        tarif: Price::Gratuit,
        accessibilite: None,
        organisateur: "Exemple pour découvrir Proxinum".into(),
        statut: Status::Programmee,
        date_initiale: None,
        exemple: true,
        source: None,
        evenement: None,
        labels: vec![],
        serie: None,
    };
    let wednesday = next(today + Duration::days(6), Weekday::Wed);
    let thursday = next(today + Duration::days(6), Weekday::Thu);
    let tuesday = next(today + Duration::days(6), Weekday::Tue);
    let monday = next(today + Duration::days(6), Weekday::Mon);
    let friday = next(today, Weekday::Fri);
    let mut sessions = vec![
        example(
            "ent-parents-masseube",
            "32",
            "Suivre la scolarité de son enfant avec l'ENT",
            "Se connecter à l'ENT avec EduConnect, lire les notes, les devoirs et les messages de l'école.",
            vec![Theme::Ent],
            vec![Audience::Parents],
            "cnfs-62ad98ba8255a806e299dd45",
            wednesday,
            (14, 0),
            (16, 0),
            Some(8),
        ),
        example(
            "cyberharcelement-auch",
            "32",
            "Cyberharcèlement : en parler avec ses enfants",
            "Comprendre les réseaux sociaux de vos enfants, repérer le harcèlement et savoir qui appeler. Une soirée après le travail.",
            vec![Theme::Cyberharcelement],
            vec![Audience::Parents],
            "fs-1271",
            thursday,
            (18, 30),
            (20, 0),
            Some(12),
        ),
        example(
            "smartphone-seniors-fleurance",
            "32",
            "Mon smartphone pas à pas",
            "Allumer, appeler, envoyer un message, grossir le texte : les premiers gestes, à votre rythme.",
            vec![Theme::Smartphone, Theme::PremiersPas],
            vec![Audience::Seniors],
            "fs-191",
            tuesday,
            (10, 0),
            (12, 0),
            Some(6),
        ),
        example(
            "premiers-clics-castelsarrasin",
            "82",
            "Premiers clics",
            "Découvrir l'ordinateur, la souris et internet, sans se presser.",
            vec![Theme::PremiersPas],
            vec![Audience::ToutPublic],
            "fs-1965",
            monday,
            (14, 0),
            (16, 0),
            Some(6),
        ),
    ];
    let mut permanence = example(
        "permanence-lectoure",
        "32",
        "Permanence numérique",
        "Venez avec vos questions sur votre téléphone, votre ordinateur ou vos démarches en ligne. Sans rendez-vous.",
        vec![Theme::Demarches, Theme::Smartphone],
        vec![Audience::ToutPublic],
        "fs-192",
        friday,
        (9, 0),
        (12, 0),
        None,
    );
    permanence.inscription = RegistrationMode::SansInscription;
    sessions.extend(WeeklyRecurrence { jusqu_au: friday + Duration::weeks(7), sauf: vec![] }.expand(&permanence));
    // Never on a public holiday: drop such occurrences.
    sessions.retain(|s| !proxinum_core::hours::is_public_holiday(s.debut.date()));
    sessions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_upcoming_badged_and_valid() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (places, _) = places();
        let ids: Vec<String> = places.iter().map(|p| p.id.clone()).collect();
        let examples = examples(today);
        assert!(examples.len() >= 10);
        for session in &examples {
            assert!(session.exemple, "{}", session.id);
            assert!(session.debut.date() > today);
            session.validate(|id| ids.iter().any(|i| i == id)).unwrap();
        }
    }

    #[test]
    fn programme_venues_get_their_commune_position() {
        let sessions = programmes();
        let mirande = sessions.iter().find(|s| s.id.contains("mirande")).unwrap();
        assert!(matches!(mirande.lieu, Venue::Adresse { position_approchee: true, latitude: Some(_), .. }));
    }
}
