//! Publishing an itinerant place's tour: each stop's commune (name or INSEE
//! code) is found in the communes of France — in the place's own
//! département first — and placed at its centre; the stops are checked by
//! core and replace the place's tour in one transaction. Shared by the
//! organiser API and the command line.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use proxinum_core::organiser::AuditAction;
use proxinum_core::session::FieldError;
use proxinum_core::tour::{self, Stop};
use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts::{self, Actor, Change};
use crate::{db, defaults};

/// One stop as a publisher writes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct StopInput {
    /// Commune name ("Mirande") or INSEE code ("32256").
    pub commune: String,
    /// Where in the commune ("Place de la mairie").
    #[serde(default)]
    pub adresse: Option<String>,
    /// "lundi" … "dimanche".
    pub jour: String,
    #[schema(value_type = String, example = "09:00:00")]
    pub debut: NaiveTime,
    #[schema(value_type = String, example = "12:00:00")]
    pub fin: NaiveTime,
    #[schema(value_type = String, example = "2026-09-01")]
    pub du: NaiveDate,
    #[schema(value_type = String, example = "2027-06-30")]
    pub au: NaiveDate,
}

/// A tour: every stop of the place (the previous ones are replaced).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct TourInput {
    pub arrets: Vec<StopInput>,
}

/// Why a tour was not published.
#[derive(Debug)]
pub enum TourError {
    UnknownPlace,
    NotItinerant,
    Invalid(Vec<FieldError>),
}

/// Checks and stores the tour of `place_id`, recorded in the audit log
/// (places have no owner: the coordinator sees who published what); the
/// stored stops.
pub fn publish(
    connection: &mut Connection,
    actor: &Actor,
    place_id: &str,
    input: &TourInput,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Vec<Stop>, TourError>> {
    let places = db::places::all(connection)?;
    let Some(place) = places.iter().find(|p| p.id == place_id) else { return Ok(Err(TourError::UnknownPlace)) };
    if !place.is_itinerant() {
        return Ok(Err(TourError::NotItinerant));
    }
    let home = place.departement();
    let mut stops = Vec::new();
    let mut errors = Vec::new();
    for (i, stop) in input.arrets.iter().enumerate() {
        let field = |name: &str| format!("arrets[{i}].{name}");
        let Some(jour) = tour::parse_day(&stop.jour) else {
            errors.push(FieldError::new(&field("jour"), format!("« {} » : écrivez un jour de lundi à dimanche", stop.jour)));
            continue;
        };
        let Some(commune) = find_commune(&stop.commune, home.as_deref()) else {
            errors.push(FieldError::new(
                &field("commune"),
                format!("commune « {} » introuvable : écrivez son nom exact ou son code INSEE", stop.commune),
            ));
            continue;
        };
        let (Some(latitude), Some(longitude)) = (commune.latitude, commune.longitude) else {
            errors.push(FieldError::new(&field("commune"), format!("la commune « {} » n'a pas de position", commune.nom)));
            continue;
        };
        let made = Stop {
            lieu_id: place.id.clone(),
            commune: commune.nom.clone(),
            adresse: stop.adresse.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(String::from),
            latitude,
            longitude,
            jour,
            debut: stop.debut,
            fin: stop.fin,
            du: stop.du,
            au: stop.au,
        };
        match made.validate() {
            Ok(()) => stops.push(made),
            Err(found) => errors.extend(found.into_iter().map(|e| FieldError::new(&field(&e.champ), e.message))),
        }
    }
    if !errors.is_empty() {
        return Ok(Err(TourError::Invalid(errors)));
    }
    let tx = connection.transaction()?;
    db::stops::replace(&tx, &place.id, &stops)?;
    accounts::audit(&tx, actor, now, Change::about(AuditAction::TourneePubliee, None, &place.id))?;
    tx.commit()?;
    Ok(Ok(stops))
}

/// A commune by INSEE code, or by its exact name (in `home` first).
fn find_commune(text: &str, home: Option<&str>) -> Option<&'static proxinum_core::communes::Commune> {
    let gazetteer = defaults::gazetteer();
    let text = text.trim();
    if text.len() == 5 && text.chars().all(|c| c.is_ascii_alphanumeric()) {
        if let Some(found) = gazetteer.by_insee(text) {
            return Some(found);
        }
    }
    let named: Vec<_> = gazetteer.named(text).collect();
    named.iter().find(|c| Some(c.departement.as_str()) == home).or(named.first()).copied()
}
