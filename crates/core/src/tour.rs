//! Itinerant services' tours: a bus or a camping-car numérique stops in a
//! commune on a weekday, at set hours, between two dates. When it passes
//! next, and how a resident reads it ("Prochain passage : mardi 9h00–12h00
//! à Mirande"). The nearest-place ranking (`nearest`) places an itinerant
//! service at its nearest stop that still has a passage to come.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::geo::LatLon;
use crate::session::FieldError;
use crate::time;

/// One recurring stop of an itinerant place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stop {
    /// The itinerant place (catalog id).
    pub lieu_id: String,
    pub commune: String,
    /// Where in the commune ("Place de la mairie"), when given.
    #[serde(default, skip_serializing_if = "crate::catalog_compact::none")]
    pub adresse: Option<String>,
    #[serde(with = "crate::catalog_compact::position")]
    pub latitude: f64,
    #[serde(with = "crate::catalog_compact::position")]
    pub longitude: f64,
    /// 1 = lundi … 7 = dimanche.
    pub jour: u8,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "09:00:00"))]
    #[serde(deserialize_with = "crate::wire_dates::time")]
    pub debut: NaiveTime,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12:00:00"))]
    #[serde(deserialize_with = "crate::wire_dates::time")]
    pub fin: NaiveTime,
    /// First and last day of the tour (included).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-09-01"))]
    #[serde(deserialize_with = "crate::wire_dates::date")]
    pub du: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2027-06-30"))]
    #[serde(deserialize_with = "crate::wire_dates::date")]
    pub au: NaiveDate,
}

/// The weekday of a French day name ("mardi", any case), for the
/// publishing form and API.
pub fn parse_day(name: &str) -> Option<u8> {
    let folded = crate::text::fold(name);
    (1..=7u8).find(|&n| weekday(n).is_some_and(|d| time::weekday_name(d) == folded))
}

fn weekday(n: u8) -> Option<Weekday> {
    Weekday::try_from(n.checked_sub(1)?).ok()
}

impl Stop {
    pub fn position(&self) -> Option<LatLon> {
        LatLon::new(self.latitude, self.longitude)
    }

    /// The next `count` days it stops, today included while the stop is
    /// not over (Paris time).
    pub fn next_dates(&self, now: DateTime<Utc>, count: usize) -> Vec<NaiveDate> {
        let Some(day) = weekday(self.jour) else { return Vec::new() };
        let local = time::in_paris(now).naive_local();
        let mut date = local.date().max(self.du);
        if date == local.date() && local.time() >= self.fin {
            date += Duration::days(1);
        }
        let ahead = (7 + day.num_days_from_monday() as i64 - date.weekday().num_days_from_monday() as i64) % 7;
        date += Duration::days(ahead);
        let mut out = Vec::new();
        while date <= self.au && out.len() < count {
            out.push(date);
            date += Duration::days(7);
        }
        out
    }

    /// "9h00–12h00".
    pub fn hours_text(&self) -> String {
        format!("{}–{}", time::hour_text(self.debut), time::hour_text(self.fin))
    }

    /// "Place de la mairie, Mirande" or "Mirande".
    pub fn place_text(&self) -> String {
        match &self.adresse {
            Some(address) => format!("{address}, {}", self.commune),
            None => self.commune.clone(),
        }
    }

    /// What a publisher typed wrong, field by field, in French.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        if weekday(self.jour).is_none() {
            errors.push(FieldError::new("jour", "le jour est un jour de la semaine, de lundi à dimanche"));
        }
        if self.fin <= self.debut {
            errors.push(FieldError::new("fin", "l'heure de fin est après l'heure de début"));
        }
        if self.au < self.du {
            errors.push(FieldError::new("au", "la dernière date est après la première"));
        }
        if self.position().is_none() {
            errors.push(FieldError::new("commune", "la commune n'a pas de position"));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// "Prochain passage : mardi 9h00–12h00 à Mirande" (within the coming week,
/// "aujourd'hui" or "demain" when it is), else with the date: "Prochain
/// passage : mardi 9 décembre, 9h00–12h00 à Mirande".
pub fn passage_text(stop: &Stop, date: NaiveDate, now: DateTime<Utc>) -> String {
    let today = time::in_paris(now).date_naive();
    let day = match (date - today).num_days() {
        0 => "aujourd'hui".to_string(),
        1 => "demain".to_string(),
        2..=6 => time::weekday_name(date.weekday()).to_string(),
        _ => format!("{},", time::day_and_month(date)),
    };
    format!("Prochain passage : {day} {} à {}", stop.hours_text(), stop.place_text())
}

/// "le mardi, 9h00–12h00 : 2, 9 et 16 décembre" — a stop on the place page.
pub fn schedule_text(stop: &Stop, dates: &[NaiveDate]) -> String {
    let Some(day) = weekday(stop.jour) else { return String::new() };
    let when = format!("le {}, {}", time::weekday_name(day), stop.hours_text());
    if dates.is_empty() {
        return format!("{when} : plus de passage prévu");
    }
    let shown: Vec<String> =
        dates.iter().map(|d| time::day_and_month(*d).split_once(' ').map(|(_, rest)| rest.to_string()).unwrap_or_default()).collect();
    let list = match shown.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} et {last}", rest.join(", ")),
        None => String::new(),
    };
    format!("{when} : {list}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        time::from_paris_local(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()).with_timezone(&Utc)
    }

    fn tuesday_in_mirande() -> Stop {
        Stop {
            lieu_id: "bus".into(),
            commune: "Mirande".into(),
            adresse: None,
            latitude: 43.515,
            longitude: 0.404,
            jour: 2,
            debut: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            fin: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            du: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            au: NaiveDate::from_ymd_opt(2026, 12, 15).unwrap(),
        }
    }

    #[test]
    fn the_next_passages_follow_the_weekday_within_the_tour() {
        let stop = tuesday_in_mirande();
        let date = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        // Monday 30 November: Tuesday 1, 8, 15 December, then the tour ends.
        assert_eq!(stop.next_dates(at(2026, 11, 30, 10, 0), 5), vec![date(1), date(8), date(15)]);
        // Tuesday morning: today still counts; after noon, next week.
        assert_eq!(stop.next_dates(at(2026, 12, 1, 11, 0), 1), vec![date(1)]);
        assert_eq!(stop.next_dates(at(2026, 12, 1, 12, 0), 1), vec![date(8)]);
        assert!(stop.next_dates(at(2026, 12, 15, 13, 0), 1).is_empty());
        // Before the tour starts: its first Tuesday.
        assert_eq!(stop.next_dates(at(2026, 10, 1, 8, 0), 1), vec![NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()]);
    }

    #[test]
    fn a_resident_reads_when_and_where_it_passes() {
        let stop = tuesday_in_mirande();
        let date = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(passage_text(&stop, date(1), at(2026, 11, 28, 10, 0)), "Prochain passage : mardi 9h00–12h00 à Mirande");
        assert_eq!(passage_text(&stop, date(1), at(2026, 11, 30, 10, 0)), "Prochain passage : demain 9h00–12h00 à Mirande");
        assert_eq!(passage_text(&stop, date(8), at(2026, 11, 30, 10, 0)), "Prochain passage : mardi 8 décembre, 9h00–12h00 à Mirande");
        let mut square = stop.clone();
        square.adresse = Some("Place de la mairie".into());
        assert_eq!(
            passage_text(&square, date(1), at(2026, 12, 1, 8, 0)),
            "Prochain passage : aujourd'hui 9h00–12h00 à Place de la mairie, Mirande"
        );
        assert_eq!(schedule_text(&stop, &[date(1), date(8), date(15)]), "le mardi, 9h00–12h00 : 1er décembre, 8 décembre et 15 décembre");
        assert_eq!(schedule_text(&stop, &[]), "le mardi, 9h00–12h00 : plus de passage prévu");
    }

    #[test]
    fn an_itinerant_service_ranks_at_its_nearest_stop_with_a_passage_to_come() {
        use crate::filter::PlaceFilter;
        use crate::nearest::PlaceIndex;
        let fixed = crate::session::tests::lectoure();
        let mut bus = fixed.clone();
        bus.id = "bus".into();
        bus.nom = "Bus France services".into();
        // Its depot, far away (Toulouse).
        (bus.latitude, bus.longitude) = (Some(43.6045), Some(1.4440));
        let index = PlaceIndex::with_calendars(vec![fixed, bus], &Default::default()).with_stops(&[tuesday_in_mirande()]);
        let mirande = LatLon::new(43.5146, 0.4036).unwrap();
        let during = at(2026, 11, 30, 10, 0);
        let first = index.nearest(mirande, &PlaceFilter::default(), during, 2);
        assert_eq!(first[0].place.id, "bus");
        assert!(first[0].distance_km < 1.0, "{}", first[0].distance_km);
        assert_eq!(first[0].stop.map(|s| s.commune.as_str()), Some("Mirande"));
        assert!(first[1].stop.is_none());
        // The map draws each where the list says it is: the bus at its stop.
        assert_eq!(first[0].position(), tuesday_in_mirande().position());
        assert_eq!(first[1].position(), first[1].place.position());
        // Once the tour is over, the bus is only where its depot is.
        let after = index.nearest(mirande, &PlaceFilter::default(), at(2026, 12, 16, 10, 0), 2);
        assert_eq!(after[1].place.id, "bus");
        assert!(after[1].stop.is_none() && after[1].distance_km > 50.0);
        assert_eq!(index.stops_of("bus").len(), 1);
        // A service known only by its stops: listed, counted and never "sans
        // position précise" during its tour; after it, not ranked, so not
        // counted, and listed apart.
        let mut depotless = crate::session::tests::lectoure();
        depotless.id = "camping-car".into();
        (depotless.latitude, depotless.longitude) = (None, None);
        let mut stop = tuesday_in_mirande();
        stop.lieu_id = "camping-car".into();
        let index = PlaceIndex::with_calendars(vec![depotless], &Default::default()).with_stops(&[stop]);
        let none = PlaceFilter::default();
        assert_eq!((index.nearest(mirande, &none, during, 5).len(), index.count(&none, during)), (1, 1));
        assert_eq!(index.nearest(mirande, &none, during, 5)[0].position(), tuesday_in_mirande().position());
        assert!(index.without_position(&none, during).is_empty());
        let over = at(2026, 12, 16, 10, 0);
        assert_eq!((index.nearest(mirande, &none, over, 5).len(), index.count(&none, over)), (0, 0));
        assert_eq!(index.without_position(&none, over).len(), 1);
    }

    #[test]
    fn days_are_read_in_french_and_bad_stops_are_explained() {
        assert_eq!(parse_day("Mardi"), Some(2));
        assert_eq!(parse_day("dimanche"), Some(7));
        assert_eq!(parse_day("tuesday"), None);
        let mut stop = tuesday_in_mirande();
        assert!(stop.validate().is_ok());
        stop.fin = stop.debut;
        stop.jour = 8;
        let fields: Vec<String> = stop.validate().unwrap_err().into_iter().map(|e| e.champ).collect();
        assert_eq!(fields, ["jour", "fin"]);
    }
}
