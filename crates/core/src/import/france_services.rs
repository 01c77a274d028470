//! Reader for the official France Services list (CSV): one column of hours
//! per weekday ("09:30 - 12:30 / 13:30 - 18:00"), turned into OSM
//! `opening_hours` so that "open now" works like for every other place.

use chrono::NaiveDate;

use super::fields::{self, RecordIssues};
use super::raw::RawRecord;
use crate::place::{Place, PIVOT_UNKNOWN};
use crate::vocab::{Dispositif, Frais, Itinerance, Service};

/// Weekday columns of the file and their OSM abbreviations.
const DAY_COLUMNS: [(&str, &str); 6] =
    [("h_lundi", "Mo"), ("h_mardi", "Tu"), ("h_mercredi", "We"), ("h_jeudi", "Th"), ("h_vendredi", "Fr"), ("h_samedi", "Sa")];

/// Builds a place from one row. `date_maj` is the date of the list itself
/// (the file has no per-row date).
pub fn place_from_row(raw: &RawRecord, date_maj: NaiveDate, issues: &mut RecordIssues) -> Option<Place> {
    let local_id = fields::required(raw, issues, "id_fs");
    let id = format!("fs-{local_id}");
    if !local_id.is_empty() {
        issues.set_id(&id);
    }
    let nom = fields::required(raw, issues, "lib_fs");
    let commune = fields::required(raw, issues, "lib_com");
    let code_postal = fields::postal_code(raw, issues, "code_postal");
    let adresse = fields::required(raw, issues, "adresse");
    if issues.is_rejected() {
        return None;
    }
    let mut place = Place::new(&id, &nom, &commune, &code_postal, &adresse, date_maj);
    issues.convert("pivot (SIRET/RNA) absent : remplacé par 00000000000000, comme la cartographie nationale");
    place.pivot = PIVOT_UNKNOWN.to_string();
    place.code_insee = raw.text("insee_com");
    place.complement_adresse = raw.text("complement_adresse");
    match (raw.number("latitude"), raw.number("longitude")) {
        (Ok(Some(lat)), Ok(Some(lon))) if crate::geo::LatLon::new(lat, lon).is_some() => {
            place.latitude = Some(lat);
            place.longitude = Some(lon);
        }
        _ => issues.warn("latitude", "pas de coordonnées utilisables : lieu listé à part, sans distance"),
    }
    place.horaires = opening_hours_of_row(raw, issues);
    place.presentation_detail = raw.text("commentaire");
    place.structure_parente = raw.text("groupe");
    place.source = Some("France Services (ANCT)".to_string());
    place.services = vec![Service::DemarchesAdministratives];
    place.dispositif_programmes_nationaux = vec![Dispositif::FranceServices];
    // France Services is a free public service.
    place.frais_a_charge = vec![Frais::Gratuit];
    place.itinerance = match raw.text("itinerance").as_deref() {
        Some("Oui") => vec![Itinerance::Itinerant],
        Some("Non") => vec![Itinerance::Fixe],
        Some(other) => {
            issues.warn("itinerance", format!("« {other} » au lieu de Oui/Non : ignoré"));
            Vec::new()
        }
        None => Vec::new(),
    };
    Some(place)
}

/// Converts the weekday columns. A day that cannot be read makes the whole
/// field free text (shown as written, never guessed).
fn opening_hours_of_row(raw: &RawRecord, issues: &mut RecordIssues) -> Option<String> {
    let mut days: Vec<(&str, String)> = Vec::new();
    let mut unreadable = Vec::new();
    for (column, day) in DAY_COLUMNS {
        let Some(text) = raw.text(column) else { continue };
        if text == "-" {
            continue;
        }
        match day_ranges(&text) {
            Some(ranges) => days.push((day, ranges)),
            None => unreadable.push((column, text)),
        }
    }
    if !unreadable.is_empty() {
        for (column, text) in &unreadable {
            issues.warn(column, format!("horaire « {} » illisible : horaires gardés en texte", super::fields::quote(text)));
        }
        let text = DAY_COLUMNS
            .iter()
            .filter_map(|(column, _)| raw.text(column).map(|t| format!("{} : {}", french_day(column), super::fields::quote(&t))))
            .collect::<Vec<_>>()
            .join(" ; ");
        return Some(text);
    }
    if days.is_empty() {
        issues.warn("horaires", "aucun horaire indiqué");
        return None;
    }
    Some(group_days(&days))
}

fn french_day(column: &str) -> &'static str {
    match column {
        "h_lundi" => "Lundi",
        "h_mardi" => "Mardi",
        "h_mercredi" => "Mercredi",
        "h_jeudi" => "Jeudi",
        "h_vendredi" => "Vendredi",
        _ => "Samedi",
    }
}

/// "09:30 - 12:30 / 13:30 - 18:00" → "09:30-12:30,13:30-18:00". Accepts the
/// variants found in the national file ("/", "," or a space between ranges,
/// "08 :30", "9h30"); refuses anything whose times are not in order.
pub fn day_ranges(text: &str) -> Option<String> {
    let times = extract_times(text)?;
    if times.is_empty() || times.len() % 2 != 0 {
        return None;
    }
    if times.windows(2).any(|w| w[0] >= w[1]) {
        return None;
    }
    let ranges: Vec<String> =
        times.chunks(2).map(|pair| format!("{:02}:{:02}-{:02}:{:02}", pair[0] / 60, pair[0] % 60, pair[1] / 60, pair[1] % 60)).collect();
    Some(ranges.join(","))
}

/// Every "HH:MM" (or "HHhMM", "HH :MM") in the text, in minutes since
/// midnight. `None` if a stray digit or letter shows the text is not hours.
fn extract_times(text: &str) -> Option<Vec<u32>> {
    let chars: Vec<char> = text.chars().collect();
    let mut times = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let (hours, next) = read_number(&chars, i);
            let mut j = next;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if j < chars.len() && (chars[j] == ':' || chars[j] == 'h' || chars[j] == 'H') {
                j += 1;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                let (minutes, after) = read_number(&chars, j);
                if after == j || after - j != 2 || hours > 24 || minutes > 59 {
                    return None;
                }
                times.push(hours * 60 + minutes);
                i = after;
                continue;
            }
            return None;
        } else if c.is_whitespace() || matches!(c, '-' | '/' | ',' | ';' | '–' | ':') {
            i += 1;
        } else {
            return None;
        }
    }
    Some(times)
}

fn read_number(chars: &[char], start: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut i = start;
    while i < chars.len() && chars[i].is_ascii_digit() && i - start < 4 {
        value = value * 10 + chars[i].to_digit(10).unwrap_or(0);
        i += 1;
    }
    (value, i)
}

/// Groups consecutive days with the same hours: "Mo-Fr 09:00-12:00; Sa …".
fn group_days(days: &[(&str, String)]) -> String {
    const ORDER: [&str; 6] = ["Mo", "Tu", "We", "Th", "Fr", "Sa"];
    let index = |day: &str| ORDER.iter().position(|d| *d == day).unwrap_or(0);
    let mut rules: Vec<String> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j + 1].1 == days[i].1 && index(days[j + 1].0) == index(days[j].0) + 1 {
            j += 1;
        }
        let span = if j == i { days[i].0.to_string() } else { format!("{}-{}", days[i].0, days[j].0) };
        rules.push(format!("{span} {}", days[i].1));
        i = j + 1;
    }
    rules.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_real_variants() {
        assert_eq!(day_ranges("09:30 - 12:30 / 13:30 - 18:00").as_deref(), Some("09:30-12:30,13:30-18:00"));
        assert_eq!(day_ranges("09:00-12:00/14:00-17:00").as_deref(), Some("09:00-12:00,14:00-17:00"));
        assert_eq!(day_ranges("09:00-12:00 14:00-16:30").as_deref(), Some("09:00-12:00,14:00-16:30"));
        assert_eq!(day_ranges("08:30-12:00,13:30-17:30").as_deref(), Some("08:30-12:00,13:30-17:30"));
        assert_eq!(day_ranges("08 :30-12:00").as_deref(), Some("08:30-12:00"));
        assert_eq!(day_ranges("9h00 - 12h00").as_deref(), Some("09:00-12:00"));
        assert_eq!(day_ranges("09:00-12:30-13:30-17:00").as_deref(), Some("09:00-12:30,13:30-17:00"));
        assert_eq!(day_ranges("09:30-12:30/\n\n 13:30-18:00").as_deref(), Some("09:30-12:30,13:30-18:00"));
    }

    #[test]
    fn refuses_what_would_be_a_guess() {
        assert_eq!(day_ranges("09:00-13:00-/3:00-16:00"), None);
        assert_eq!(day_ranges("sur rendez-vous"), None);
        assert_eq!(day_ranges("14:00-12:00"), None);
        assert_eq!(day_ranges("09:00"), None);
    }

    #[test]
    fn groups_consecutive_days() {
        let days = vec![
            ("Mo", "09:00-12:00".to_string()),
            ("Tu", "09:00-12:00".to_string()),
            ("We", "09:00-12:00".to_string()),
            ("Fr", "09:00-12:00".to_string()),
            ("Sa", "10:00-12:00".to_string()),
        ];
        assert_eq!(group_days(&days), "Mo-We 09:00-12:00; Fr 09:00-12:00; Sa 10:00-12:00");
    }
}
