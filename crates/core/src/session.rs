//! Workshops ("ateliers") and permanences: our own model, close to
//! schema.org Event and OpenAgenda (title, description, timings, place,
//! audience, accessibility, status, registration), since the national place
//! standard has no notion of a workshop.
//!
//! Times are Paris wall-clock times (`NaiveDateTime` in Europe/Paris): a
//! workshop "every Tuesday at 9:00" stays at 9:00 across DST changes.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::geo::LatLon;
use crate::time;
use crate::vocab::{vocabulary, Vocabulary};

vocabulary! {
    /// What a workshop is about.
    Theme, field = "themes" {
        PremiersPas => "Premiers pas",
        Smartphone => "Smartphone et tablette",
        Demarches => "Démarches en ligne",
        Ent => "ENT et vie scolaire",
        Cyberharcelement => "Cyberharcèlement et réseaux sociaux",
        Securite => "Sécurité et arnaques",
        Ia => "IA et esprit critique",
        Reconditionnement => "Reconditionnement et numérique responsable",
        Emploi => "Emploi",
        Sante => "Santé",
        Famille => "Numérique et famille",
        Inclusion => "Inclusion numérique",
        Metiers => "Métiers du numérique",
        Educatif => "Numérique éducatif",
    }
}

vocabulary! {
    /// Who a workshop is for.
    Audience, field = "publics" {
        ToutPublic => "Tout public",
        Seniors => "Seniors",
        Parents => "Parents",
        Jeunes => "Jeunes",
        Professionnels => "Professionnels et aidants",
        Elus => "Élus et agents publics",
    }
}

/// Where a workshop takes place: a place of the catalog, or a one-off venue.
/// In JSON internally tagged (`{"type": "lieu", "lieu_id": …}`), read and
/// written through one flat record (`tagged`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "crate::tagged::VenueRecord", try_from = "crate::tagged::VenueRecord")]
pub enum Venue {
    Lieu {
        lieu_id: String,
        /// A room or detail inside the place ("salle du conseil").
        precision: Option<String>,
    },
    Adresse {
        nom: String,
        adresse: Option<String>,
        code_postal: Option<String>,
        commune: String,
        latitude: Option<f64>,
        longitude: Option<f64>,
        /// True when the position is the commune's centre, not the building.
        position_approchee: bool,
    },
}

/// How to register. In JSON tagged by `mode`, through a flat record (`tagged`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "crate::tagged::RegistrationModeRecord", try_from = "crate::tagged::RegistrationModeRecord")]
pub enum RegistrationMode {
    /// In Proxinum (the outbox delivers it to our server).
    DansLApp,
    Telephone {
        numero: String,
    },
    Lien {
        url: String,
    },
    /// "Sur inscription" with no channel published: ask the organiser.
    AupresOrganisateur,
    SansInscription,
}

/// What it costs. In JSON tagged by `type`, through a flat record (`tagged`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(into = "crate::tagged::PriceRecord", try_from = "crate::tagged::PriceRecord")]
pub enum Price {
    #[default]
    Gratuit,
    Payant {
        texte: String,
    },
}

/// Where a workshop stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Programmee,
    /// Registrations closed by the organiser.
    Complete,
    Annulee,
    Reportee,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Programmee => "Programmé",
            Status::Complete => "Complet",
            Status::Annulee => "Annulé",
            Status::Reportee => "Reporté",
        }
    }
}

/// One dated workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    /// Département code of the territory it belongs to ("32").
    pub territoire: String,
    pub titre: String,
    /// Short description, one or two sentences.
    pub resume: String,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub description: Option<String>,
    pub themes: Vec<Theme>,
    pub publics: Vec<Audience>,
    pub lieu: Venue,
    /// Paris wall-clock start and end.
    #[serde(deserialize_with = "crate::wire_dates::date_time")]
    pub debut: NaiveDateTime,
    #[serde(deserialize_with = "crate::wire_dates::date_time")]
    pub fin: NaiveDateTime,
    /// Seats, or none when there is no limit.
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub capacite: Option<u32>,
    pub inscription: RegistrationMode,
    #[serde(default)]
    pub tarif: Price,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub accessibilite: Option<String>,
    pub organisateur: String,
    #[serde(default)]
    pub statut: Status,
    /// When postponed to a known date: the date first announced.
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none", deserialize_with = "crate::wire_dates::option_date_time")]
    pub date_initiale: Option<NaiveDateTime>,
    /// An invented example for newcomers: always badged "Exemple".
    #[serde(default)]
    pub exemple: bool,
    /// Where the facts come from (announcement, programme).
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub source: Option<String>,
    /// The event it belongs to ("Semaine du Numérique dans le Gers").
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub evenement: Option<String>,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty")]
    pub labels: Vec<String>,
    /// The recurring series it was expanded from.
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub serie: Option<String>,
}

/// A problem with one field, in plain French (shared by every form and the
/// API's `{"erreurs": [{"champ", "message"}]}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub champ: String,
    pub message: String,
}

impl FieldError {
    pub fn new(champ: &str, message: impl Into<String>) -> Self {
        FieldError { champ: champ.to_string(), message: message.into() }
    }
}

/// Longest workshop or event accepted (a month-long festival exists).
const MAX_DURATION_DAYS: i64 = 62;

impl Session {
    /// Start and end as absolute moments.
    pub fn start_utc(&self) -> DateTime<Utc> {
        time::from_paris_local(self.debut).with_timezone(&Utc)
    }

    pub fn end_utc(&self) -> DateTime<Utc> {
        time::from_paris_local(self.fin).with_timezone(&Utc)
    }

    /// Over: shown under "Ateliers passés".
    pub fn is_past(&self, now: DateTime<Utc>) -> bool {
        self.end_utc() <= now
    }

    pub fn has_started(&self, now: DateTime<Utc>) -> bool {
        self.start_utc() <= now
    }

    /// Can a resident still register here, in the app?
    pub fn accepts_registrations(&self, now: DateTime<Utc>) -> bool {
        crate::registration::refusal(self, now).is_none()
    }

    /// The venue's position, when known (a place's position is looked up by
    /// the caller).
    pub fn venue_position(&self) -> Option<LatLon> {
        match &self.lieu {
            Venue::Adresse { latitude: Some(lat), longitude: Some(lon), .. } => LatLon::new(*lat, *lon),
            _ => None,
        }
    }

    /// Checks a workshop before it is stored. `place_exists` tells whether a
    /// place id is in the catalog.
    pub fn validate(&self, place_exists: impl Fn(&str) -> bool) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |ok: bool, field: &str, message: &str| {
            if !ok {
                errors.push(FieldError::new(field, message));
            }
        };
        check(
            !self.id.is_empty() && self.id.len() <= 120 && self.id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c)),
            "id",
            "identifiant obligatoire : lettres sans accents, chiffres et tirets (120 au plus)",
        );
        check(
            crate::place::departement_of_postal_code(&format!("{}000", self.territoire)).is_some(),
            "territoire",
            "code de département inconnu",
        );
        check(!self.titre.trim().is_empty(), "titre", "le titre est obligatoire");
        check(self.titre.chars().count() <= 120, "titre", "le titre doit faire 120 caractères au plus");
        check(!self.resume.trim().is_empty(), "resume", "le résumé est obligatoire");
        check(self.resume.chars().count() <= 400, "resume", "le résumé doit faire 400 caractères au plus");
        check(!self.themes.is_empty(), "themes", "indiquez au moins un thème");
        check(!self.themes.iter().any(|t| t.is_unknown()), "themes", "thème inconnu : utilisez un thème de la liste");
        check(!self.publics.is_empty(), "publics", "indiquez au moins un public");
        check(!self.publics.iter().any(|p| p.is_unknown()), "publics", "public inconnu : utilisez un public de la liste");
        check(!self.organisateur.trim().is_empty(), "organisateur", "l'organisateur est obligatoire");
        check(self.fin > self.debut, "fin", "la fin doit être après le début");
        check(self.fin - self.debut <= Duration::days(MAX_DURATION_DAYS), "fin", "un atelier ne peut pas durer plus de deux mois");
        for (field, moment) in [("debut", self.debut), ("fin", self.fin)] {
            // Far dates are refused before any time-zone arithmetic on them.
            if !YEARS.contains(&moment.year()) {
                check(false, field, &format!("l'année doit être entre {} et {}", YEARS.start(), YEARS.end()));
                continue;
            }
            check(
                time::from_paris_local(moment).naive_local() == moment,
                field,
                "cette heure n'existe pas à Paris (passage à l'heure d'été)",
            );
        }
        check(self.capacite != Some(0), "capacite", "le nombre de places doit être au moins 1 (ou sans limite)");
        match &self.lieu {
            Venue::Lieu { lieu_id, .. } => check(place_exists(lieu_id), "lieu", "ce lieu n'existe pas dans le catalogue"),
            Venue::Adresse { nom, commune, .. } => {
                check(!nom.trim().is_empty(), "lieu", "le nom du lieu est obligatoire");
                check(!commune.trim().is_empty(), "lieu", "la commune est obligatoire");
            }
        }
        match &self.inscription {
            RegistrationMode::Telephone { numero } => {
                check(crate::phone::normalise(numero).is_some(), "inscription", "numéro de téléphone invalide")
            }
            RegistrationMode::Lien { url } => {
                check(url.starts_with("https://") || url.starts_with("http://"), "inscription", "le lien doit commencer par https://")
            }
            _ => {}
        }
        if let Price::Payant { texte } = &self.tarif {
            check(!texte.trim().is_empty(), "tarif", "indiquez le prix");
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// "mardi 9 décembre 2025, de 9h00 à 12h00" (or across days for a
    /// festival: "du lundi 13 avril au dimanche 10 mai 2026").
    pub fn when_text(&self) -> String {
        if self.debut.date() == self.fin.date() {
            format!(
                "{}, de {} à {}",
                time::long_date(self.debut.date()),
                time::hour_text(self.debut.time()),
                time::hour_text(self.fin.time())
            )
        } else {
            format!("du {} au {}", time::day_and_month(self.debut.date()), time::long_date(self.fin.date()))
        }
    }
}

/// Every week on the same weekday and hours, from the template's date until
/// `jusqu_au` (included), except the listed dates (holidays, closures).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeeklyRecurrence {
    #[serde(deserialize_with = "crate::wire_dates::date")]
    pub jusqu_au: NaiveDate,
    #[serde(default, skip_serializing_if = "crate::catalog_compact::empty", deserialize_with = "crate::wire_dates::dates")]
    pub sauf: Vec<NaiveDate>,
}

/// Most occurrences one series may produce (two years of weeks).
pub const MAX_OCCURRENCES: usize = 104;
/// Longest span of a series, in days (two years).
pub const MAX_SERIES_DAYS: i64 = 731;
/// Years a workshop may take place in: beyond, a date is a typing mistake
/// (and far dates would overflow date arithmetic).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl WeeklyRecurrence {
    /// Checks the series against its first workshop, in French.
    pub fn validate(&self, template: &Session) -> Result<(), Vec<FieldError>> {
        let first = template.debut.date();
        if !YEARS.contains(&self.jusqu_au.year()) || !YEARS.contains(&first.year()) {
            return Err(vec![FieldError::new("recurrence", format!("la série doit se tenir entre {} et {}", YEARS.start(), YEARS.end()))]);
        }
        if self.jusqu_au < first {
            return Err(vec![FieldError::new("recurrence", "la date de fin de la série est avant le premier atelier")]);
        }
        if (self.jusqu_au - first).num_days() > MAX_SERIES_DAYS {
            return Err(vec![FieldError::new("recurrence", "une série dure deux ans au plus : créez-en une autre pour la suite")]);
        }
        Ok(())
    }

    /// The dated occurrences of `template`; ids are `<template id>-<date>`.
    /// Never panics, whatever the dates: the arithmetic is checked.
    pub fn expand(&self, template: &Session) -> Vec<Session> {
        let duration = template.fin - template.debut;
        let mut out = Vec::new();
        let mut start = Some(template.debut);
        while let Some(at) = start.filter(|at| at.date() <= self.jusqu_au && out.len() < MAX_OCCURRENCES) {
            if !self.sauf.contains(&at.date()) {
                let Some(end) = at.checked_add_signed(duration) else { break };
                let mut occurrence = template.clone();
                occurrence.id = format!("{}-{}", template.id, at.date());
                occurrence.debut = at;
                occurrence.fin = end;
                occurrence.serie = Some(template.id.clone());
                out.push(occurrence);
            }
            start = at.checked_add_signed(Duration::weeks(1));
        }
        out
    }
}

/// Sessions split at `now`: upcoming (soonest first; ongoing ones included)
/// and past (most recent first).
pub fn split_past_upcoming(sessions: &[Session], now: DateTime<Utc>) -> (Vec<&Session>, Vec<&Session>) {
    let (mut past, mut upcoming): (Vec<&Session>, Vec<&Session>) = sessions.iter().partition(|s| s.is_past(now));
    crate::order::sort_by(&mut upcoming, |a, b| a.debut.cmp(&b.debut).then_with(|| a.id.cmp(&b.id)));
    crate::order::sort_by(&mut past, |a, b| b.debut.cmp(&a.debut).then_with(|| a.id.cmp(&b.id)));
    (upcoming, past)
}

/// Seats left and waiting list of a workshop, as the server counts them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Availability {
    pub id: String,
    /// `None` when the workshop has no seat limit.
    pub places_restantes: Option<u32>,
    /// Seats asked by people on the waiting list.
    pub liste_attente: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "programmee"))]
    pub statut: Status,
}

#[cfg(test)]
pub(crate) mod tests;
