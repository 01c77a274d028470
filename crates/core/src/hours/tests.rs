use chrono::{Datelike, NaiveDate, TimeZone, Utc};

use super::*;
use crate::time::from_paris_local;

/// Both readings of a text: the grammar's own and the calendar's the app
/// uses (evaluated from four weeks before `now`, for eight weeks). Every
/// test below goes through both and checks they agree.
struct Both {
    schedule: Schedule,
    calendar: Calendar,
}

fn both(text: &str, around: NaiveDate) -> Both {
    let schedule = parse(text).unwrap();
    let calendar = schedule.calendar(around - chrono::Duration::days(28), 56);
    Both { schedule, calendar }
}

impl Both {
    fn state_at(&self, now: DateTime<Utc>) -> OpenState {
        let state = self.schedule.state_at(now);
        assert_eq!(self.calendar.state_at(now), state, "calendar and grammar disagree at {now}");
        state
    }

    fn week_of(&self, day: NaiveDate) -> Vec<DayHours> {
        let week = self.schedule.week_of(day);
        assert_eq!(self.calendar.week_of(day), week);
        week
    }
}

impl Schedule {
    fn week_of(&self, day: NaiveDate) -> Vec<DayHours> {
        let monday = crate::time::monday_of(day);
        (0..7).map(|i| self.day(monday + chrono::Duration::days(i))).collect()
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    from_paris_local(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()).with_timezone(&Utc)
}

/// France services Lectoure's real hours.
const LECTOURE: &str = "Mo-Fr 08:30-12:00,13:30-17:00";

#[test]
fn open_in_the_morning_closes_at_noon() {
    let schedule = both(LECTOURE, date(2025, 12, 9));
    let now = paris(2025, 12, 9, 10, 0); // a Tuesday
    let state = schedule.state_at(now);
    assert!(state.is_open());
    assert_eq!(state_sentence(&state, now), "Ouvert · ferme à 12h00");
}

#[test]
fn closed_at_lunch_reopens_the_same_day() {
    let schedule = both(LECTOURE, date(2025, 12, 9));
    let now = paris(2025, 12, 9, 12, 15);
    assert_eq!(state_sentence(&schedule.state_at(now), now), "Fermé · ouvre à 13h30");
}

#[test]
fn closed_on_saturday_opens_monday() {
    let schedule = both(LECTOURE, date(2025, 12, 9));
    let now = paris(2025, 12, 13, 10, 0); // Saturday
    assert_eq!(state_sentence(&schedule.state_at(now), now), "Fermé · ouvre lundi à 8h30");
}

#[test]
fn closed_on_a_public_holiday() {
    let schedule = both(LECTOURE, date(2025, 12, 9));
    // Thursday 25 December 2025, Christmas.
    let now = paris(2025, 12, 25, 10, 0);
    let state = schedule.state_at(now);
    assert!(matches!(state, OpenState::Closed { public_holiday: true, .. }));
    assert_eq!(state_sentence(&state, now), "Fermé (jour férié) · ouvre demain à 8h30");
    // Hours that mention PH are taken as written.
    let open_on_holidays = both("Mo-Su 10:00-18:00; PH 10:00-12:00", date(2025, 12, 25));
    assert!(open_on_holidays.state_at(paris(2025, 12, 25, 11, 0)).is_open());
}

#[test]
fn local_hours_hold_across_the_dst_change() {
    let schedule = both("Mo-Su 09:00-12:00", date(2026, 3, 29));
    // Summer time starts on Sunday 29 March 2026 at 02:00.
    let before = Utc.with_ymd_and_hms(2026, 3, 28, 8, 30, 0).unwrap(); // 09:30 CET
    let after = Utc.with_ymd_and_hms(2026, 3, 30, 7, 30, 0).unwrap(); // 09:30 CEST
    let too_early = Utc.with_ymd_and_hms(2026, 3, 30, 6, 30, 0).unwrap(); // 08:30 CEST
    assert!(schedule.state_at(before).is_open());
    assert!(schedule.state_at(after).is_open());
    assert!(!schedule.state_at(too_early).is_open());
    assert_eq!(state_sentence(&schedule.state_at(too_early), too_early), "Fermé · ouvre à 9h00");
    // And back to winter time on Sunday 25 October 2026.
    let schedule = both("Mo-Su 09:00-12:00", date(2026, 10, 25));
    let autumn = Utc.with_ymd_and_hms(2026, 10, 26, 8, 30, 0).unwrap(); // 09:30 CET
    assert!(schedule.state_at(autumn).is_open());
}

#[test]
fn free_text_is_not_interpreted() {
    assert!(parse("Sur rendez-vous le mardi matin").is_none());
    assert!(!is_valid_osm("Lundi : 09:00-13:00-/3:00-16:00"));
}

#[test]
fn week_table_in_french() {
    let schedule = both("Mo-Fr 09:00-12:30,13:30-17:00; We off", date(2025, 12, 10));
    let week = schedule.week_of(NaiveDate::from_ymd_opt(2025, 12, 10).unwrap());
    assert_eq!(week.len(), 7);
    assert_eq!(week[0].date, NaiveDate::from_ymd_opt(2025, 12, 8).unwrap());
    assert_eq!(day_sentence(&week[0]), "9h00 – 12h30, 13h30 – 17h00");
    assert_eq!(day_sentence(&week[2]), "Fermé");
    assert_eq!(day_sentence(&week[6]), "Fermé");
    assert_eq!(weekday_title(chrono::Weekday::Wed), "Mercredi");
}

#[test]
fn unknown_state_for_appointment_only() {
    let schedule = both("Mo-Fr 09:00-12:00 unknown \"sur rendez-vous\"", date(2025, 12, 9));
    let now = paris(2025, 12, 9, 10, 0);
    assert_eq!(state_sentence(&schedule.state_at(now), now), "Horaires à vérifier : sur rendez-vous");
}

#[test]
fn computed_holidays_are_the_grammars() {
    // The grammar's list stops after 2076; the computed one goes on.
    for year in 2000..=2076 {
        let mut day = date(year, 1, 1);
        while day.year() == year {
            assert_eq!(is_public_holiday(day), Schedule::grammar_holiday(day), "{day}");
            day = day.succ_opt().unwrap();
        }
    }
    assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
    assert!(is_public_holiday(date(2090, 7, 14)) && is_public_holiday(date(2100, 3, 29)));
}

/// Every distinct `horaires` text of the Gers and Tarn-et-Garonne data and
/// of two national files: the calendar reads exactly as the grammar, around
/// Christmas and New Year, and across the spring clock change and Easter.
#[test]
fn calendars_read_as_the_grammar_on_real_hours() {
    let mut texts = std::collections::BTreeSet::new();
    collect_hours(&serde_json::from_slice(&data_file("data/lieux/gers-tarn-et-garonne.json")).unwrap(), &mut texts);
    let local_count = texts.len();
    for national in ["cnfs_2023-01_france.json", "data-inclusion_2023-02_france.json"] {
        let bytes = data_file(&format!("tests/data/lieux/france/{national}.gz"));
        collect_hours(&serde_json::from_slice(&bytes).unwrap(), &mut texts);
    }
    assert!(local_count > 50 && texts.len() > 2000, "{local_count} / {}", texts.len());
    let mut checked = 0;
    for text in &texts {
        let Some(schedule) = parse(text) else { continue };
        for (from, days) in [(date(2025, 12, 20), 17), (date(2026, 3, 25), 17)] {
            let calendar = schedule.calendar(from - chrono::Duration::days(8), days + 17);
            let start = paris(from.year(), from.month(), from.day(), 0, 7);
            // Every 3 h 31 min: each hour of the day comes round.
            for step in 0..(days * 24 * 60 / 211) {
                let now = start + chrono::Duration::minutes(211 * step as i64);
                assert_eq!(calendar.state_at(now), schedule.state_at(now), "{text:?} at {now}");
            }
            for week in 0..2 {
                let day = from + chrono::Duration::days(7 * week);
                assert_eq!(calendar.week_of(day), schedule.week_of(day), "{text:?} week of {day}");
            }
        }
        checked += 1;
    }
    assert!(checked > 1500, "{checked}");
}

#[test]
fn past_its_last_day_a_calendar_says_to_check() {
    let calendar = parse(LECTOURE).unwrap().calendar(date(2025, 12, 8), 14);
    assert_eq!(calendar.until(), date(2025, 12, 22));
    let inside = paris(2025, 12, 19, 10, 0);
    assert_eq!(state_sentence(&calendar.state_at(inside), inside), "Ouvert · ferme à 12h00");
    // Friday evening, last day described: the Monday opening is beyond it.
    let last_evening = paris(2025, 12, 21, 18, 0);
    assert_eq!(state_sentence(&calendar.state_at(last_evening), last_evening), "Fermé");
    let after = paris(2025, 12, 22, 10, 0);
    assert_eq!(calendar.state_at(after), OpenState::Unknown { comment: None });
    assert_eq!(state_sentence(&calendar.state_at(after), after), "Horaires à vérifier");
    let before = paris(2025, 12, 7, 10, 0);
    assert_eq!(calendar.state_at(before), OpenState::Unknown { comment: None });
    assert!(!calendar.covers(date(2025, 12, 22)));
    assert_eq!(day_sentence(&calendar.day(date(2025, 12, 23))), "Sur rendez-vous ou à vérifier");
}

#[test]
fn a_calendar_is_small_on_the_wire() {
    let calendar = parse(LECTOURE).unwrap().calendar(date(2025, 12, 1), 91);
    // Weekdays, weekends, and the days off (Christmas, New Year, Easter not in range).
    assert_eq!(calendar.motifs.len(), 2);
    assert_eq!(calendar.jours.chars().count(), 91);
    assert!(calendar.jours.starts_with("0000011"));
    let json = serde_json::to_string(&calendar).unwrap();
    assert!(json.len() < 250, "{json}");
    assert_eq!(serde_json::from_str::<Calendar>(&json).unwrap(), calendar);
}

fn collect_hours(value: &serde_json::Value, into: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, field) in fields {
                match field {
                    serde_json::Value::String(text) if key == "horaires" => {
                        into.insert(text.clone());
                    }
                    other => collect_hours(other, into),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_hours(i, into)),
        _ => {}
    }
}

/// A file of the repository (gunzipped when its name ends in `.gz`).
fn data_file(path: &str) -> Vec<u8> {
    use std::io::Read;
    let full = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    if !path.ends_with(".gz") {
        return bytes;
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut out).unwrap();
    out
}
