use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::time::from_paris_local;

fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    from_paris_local(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()).with_timezone(&Utc)
}

/// France services Lectoure's real hours.
const LECTOURE: &str = "Mo-Fr 08:30-12:00,13:30-17:00";

#[test]
fn open_in_the_morning_closes_at_noon() {
    let schedule = parse(LECTOURE).unwrap();
    let now = paris(2025, 12, 9, 10, 0); // a Tuesday
    let state = schedule.state_at(now);
    assert!(state.is_open());
    assert_eq!(state_sentence(&state, now), "Ouvert · ferme à 12h00");
}

#[test]
fn closed_at_lunch_reopens_the_same_day() {
    let schedule = parse(LECTOURE).unwrap();
    let now = paris(2025, 12, 9, 12, 15);
    assert_eq!(state_sentence(&schedule.state_at(now), now), "Fermé · ouvre à 13h30");
}

#[test]
fn closed_on_saturday_opens_monday() {
    let schedule = parse(LECTOURE).unwrap();
    let now = paris(2025, 12, 13, 10, 0); // Saturday
    assert_eq!(state_sentence(&schedule.state_at(now), now), "Fermé · ouvre lundi à 8h30");
}

#[test]
fn closed_on_a_public_holiday() {
    let schedule = parse(LECTOURE).unwrap();
    // Thursday 25 December 2025, Christmas.
    let now = paris(2025, 12, 25, 10, 0);
    let state = schedule.state_at(now);
    assert!(matches!(state, OpenState::Closed { public_holiday: true, .. }));
    assert_eq!(state_sentence(&state, now), "Fermé (jour férié) · ouvre demain à 8h30");
    // Hours that mention PH are taken as written.
    let open_on_holidays = parse("Mo-Su 10:00-18:00; PH 10:00-12:00").unwrap();
    assert!(open_on_holidays.state_at(paris(2025, 12, 25, 11, 0)).is_open());
}

#[test]
fn local_hours_hold_across_the_dst_change() {
    let schedule = parse("Mo-Su 09:00-12:00").unwrap();
    // Summer time starts on Sunday 29 March 2026 at 02:00.
    let before = Utc.with_ymd_and_hms(2026, 3, 28, 8, 30, 0).unwrap(); // 09:30 CET
    let after = Utc.with_ymd_and_hms(2026, 3, 30, 7, 30, 0).unwrap(); // 09:30 CEST
    let too_early = Utc.with_ymd_and_hms(2026, 3, 30, 6, 30, 0).unwrap(); // 08:30 CEST
    assert!(schedule.state_at(before).is_open());
    assert!(schedule.state_at(after).is_open());
    assert!(!schedule.state_at(too_early).is_open());
    assert_eq!(state_sentence(&schedule.state_at(too_early), too_early), "Fermé · ouvre à 9h00");
    // And back to winter time on Sunday 25 October 2026.
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
    let schedule = parse("Mo-Fr 09:00-12:30,13:30-17:00; We off").unwrap();
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
    let schedule = parse("Mo-Fr 09:00-12:00 unknown \"sur rendez-vous\"").unwrap();
    let now = paris(2025, 12, 9, 10, 0);
    assert_eq!(state_sentence(&schedule.state_at(now), now), "Horaires à vérifier : sur rendez-vous");
}
