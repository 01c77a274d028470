use chrono::{NaiveDate, TimeZone, Timelike};

use super::*;
use crate::ics::{self, EventContext};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

/// France services Lectoure, where `sample` takes place, with its position.
pub(crate) fn lectoure() -> crate::place::Place {
    let mut place = crate::place::Place::new(
        "fs-192",
        "France services Lectoure",
        "Lectoure",
        "32700",
        "2 Cours Gambetta",
        NaiveDate::from_ymd_opt(2022, 12, 1).unwrap(),
    );
    place.latitude = Some(43.93352);
    place.longitude = Some(0.626401);
    place
}

pub(crate) fn sample() -> Session {
    Session {
        id: "permanence-lectoure".into(),
        territoire: "32".into(),
        titre: "Permanence numérique".into(),
        resume: "Venez avec vos questions sur votre téléphone ou vos démarches.".into(),
        description: None,
        themes: vec![Theme::Demarches, Theme::Smartphone],
        publics: vec![Audience::ToutPublic],
        lieu: Venue::Lieu { lieu_id: "fs-192".into(), precision: None },
        debut: at(2026, 3, 17, 9, 0),
        fin: at(2026, 3, 17, 12, 0),
        capacite: Some(6),
        inscription: RegistrationMode::DansLApp,
        tarif: Price::Gratuit,
        accessibilite: Some("Accès de plain-pied.".into()),
        organisateur: "France services Lectoure".into(),
        statut: Status::Programmee,
        date_initiale: None,
        exemple: true,
        source: None,
        evenement: None,
        labels: vec![],
        serie: None,
    }
}

#[test]
fn weekly_recurrence_keeps_local_time_across_dst() {
    // Tuesdays from 17 March to 7 April 2026; summer time starts on 29 March.
    let series = WeeklyRecurrence { jusqu_au: NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(), sauf: vec![] };
    let occurrences = series.expand(&sample());
    let dates: Vec<String> = occurrences.iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        dates,
        [
            "permanence-lectoure-2026-03-17",
            "permanence-lectoure-2026-03-24",
            "permanence-lectoure-2026-03-31",
            "permanence-lectoure-2026-04-07"
        ]
    );
    // 9:00 in Paris each time, so 8:00 UTC before the change and 7:00 after.
    assert!(occurrences.iter().all(|s| s.debut.hour() == 9 && s.fin.hour() == 12));
    assert_eq!(occurrences[1].start_utc().hour(), 8);
    assert_eq!(occurrences[2].start_utc().hour(), 7);
    assert!(occurrences.iter().all(|s| s.serie.as_deref() == Some("permanence-lectoure")));
}

#[test]
fn recurrence_skips_exceptions_and_is_bounded() {
    let series = WeeklyRecurrence {
        jusqu_au: NaiveDate::from_ymd_opt(2026, 4, 7).unwrap(),
        sauf: vec![NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()],
    };
    assert_eq!(series.expand(&sample()).len(), 3);
    let forever = WeeklyRecurrence { jusqu_au: NaiveDate::from_ymd_opt(2040, 1, 1).unwrap(), sauf: vec![] };
    assert_eq!(forever.expand(&sample()).len(), MAX_OCCURRENCES);
}

#[test]
fn validation_messages() {
    assert!(sample().validate(|id| id == "fs-192").is_ok());
    let mut bad = sample();
    bad.titre = " ".into();
    bad.fin = bad.debut;
    bad.capacite = Some(0);
    bad.lieu = Venue::Lieu { lieu_id: "inconnu".into(), precision: None };
    bad.inscription = RegistrationMode::Telephone { numero: "12".into() };
    let errors = bad.validate(|id| id == "fs-192").unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.champ.as_str()).collect();
    assert_eq!(fields, ["titre", "fin", "capacite", "lieu", "inscription"]);
    assert_eq!(errors[0].message, "le titre est obligatoire");

    // 2:30 on 29 March 2026 does not exist in Paris.
    let mut gap = sample();
    gap.debut = at(2026, 3, 29, 2, 30);
    gap.fin = at(2026, 3, 29, 4, 0);
    let errors = gap.validate(|_| true).unwrap_err();
    assert_eq!(errors[0].champ, "debut");
}

#[test]
fn past_and_upcoming_at_a_fixed_now() {
    let mut a = sample();
    a.id = "a".into();
    let mut b = sample();
    b.id = "b".into();
    b.debut = at(2026, 3, 10, 9, 0);
    b.fin = at(2026, 3, 10, 12, 0);
    let mut c = sample();
    c.id = "c".into();
    c.debut = at(2026, 3, 24, 9, 0);
    c.fin = at(2026, 3, 24, 12, 0);
    let sessions = vec![c, a, b];
    // Tuesday 17 March 2026, 10:00 in Paris: "a" is under way.
    let now = Utc.with_ymd_and_hms(2026, 3, 17, 9, 0, 0).unwrap();
    let (upcoming, past) = split_past_upcoming(&sessions, now);
    assert_eq!(upcoming.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
    assert_eq!(past.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["b"]);
    assert!(!sessions[1].accepts_registrations(now), "started: registrations closed");
    assert!(sessions[0].accepts_registrations(now));
}

#[test]
fn french_wording_of_the_date() {
    assert_eq!(sample().when_text(), "mardi 17 mars 2026, de 9h00 à 12h00");
}

#[test]
fn a_feed_is_subscribed_to_through_webcal() {
    assert_eq!(
        ics::subscription_address("https://proxinum.gers.fr/api/catalogue/32/ateliers.ics"),
        "webcal://proxinum.gers.fr/api/catalogue/32/ateliers.ics"
    );
    assert_eq!(ics::subscription_address("http://127.0.0.1:8080/a.ics"), "webcal://127.0.0.1:8080/a.ics");
    assert_eq!(ics::subscription_address("/api/catalogue/32/ateliers.ics"), "/api/catalogue/32/ateliers.ics");
}

#[test]
fn ics_parses_back_with_paris_local_times() {
    let mut cancelled = sample();
    cancelled.id = "annule".into();
    cancelled.statut = Status::Annulee;
    cancelled.debut = at(2026, 7, 7, 14, 0);
    cancelled.fin = at(2026, 7, 7, 16, 30);
    let place = lectoure();
    let stamp = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let first = sample();
    let text = ics::calendar(
        "Ateliers du Gers",
        [
            (&first, EventContext { place: Some(&place), url: "https://exemple.fr/ateliers/permanence-lectoure".into() }),
            (&cancelled, EventContext { place: Some(&place), url: "https://exemple.fr/ateliers/annule".into() }),
        ],
        stamp,
    );
    assert!(text.lines().all(|l| l.len() <= 75), "folded lines");

    let parser = ical::IcalParser::new(text.as_bytes());
    let calendars: Vec<_> = parser.collect::<Result<_, _>>().expect("valid iCalendar");
    assert_eq!(calendars.len(), 1);
    let calendar = &calendars[0];
    assert_eq!(calendar.timezones.len(), 1);
    assert_eq!(calendar.events.len(), 2);
    let prop = |event: &ical::parser::ical::component::IcalEvent, name: &str| {
        event.properties.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} missing")).clone()
    };
    let e = &calendar.events[0];
    assert_eq!(prop(e, "UID").value.as_deref(), Some("permanence-lectoure@proxinum"));
    assert_eq!(prop(e, "DTSTAMP").value.as_deref(), Some("20260301T120000Z"));
    let start = prop(e, "DTSTART");
    assert_eq!(start.value.as_deref(), Some("20260317T090000"));
    assert_eq!(start.params.unwrap()[0], ("TZID".to_string(), vec!["Europe/Paris".to_string()]));
    assert_eq!(prop(e, "DTEND").value.as_deref(), Some("20260317T120000"));
    assert_eq!(prop(e, "LOCATION").value.as_deref(), Some("France services Lectoure\\, 2 Cours Gambetta\\, 32700 Lectoure"));
    assert_eq!(prop(e, "GEO").value.as_deref(), Some("43.933520;0.626401"));
    assert_eq!(prop(e, "URL").value.as_deref(), Some("https://exemple.fr/ateliers/permanence-lectoure"));
    assert_eq!(prop(e, "STATUS").value.as_deref(), Some("CONFIRMED"));
    let c = &calendar.events[1];
    assert_eq!(prop(c, "STATUS").value.as_deref(), Some("CANCELLED"));
    assert_eq!(prop(c, "DTSTART").value.as_deref(), Some("20260707T140000"));

    // RFC 5545: PRODID and VERSION exactly once.
    for name in ["PRODID", "VERSION"] {
        assert_eq!(calendar.properties.iter().filter(|p| p.name == name).count(), 1, "{name}");
    }
    // Reminders the day before and an hour before; none for a cancelled one.
    let triggers: Vec<_> = e
        .alarms
        .iter()
        .map(|a| {
            let get = |n: &str| a.properties.iter().find(|p| p.name == n).and_then(|p| p.value.clone()).unwrap_or_default();
            (get("ACTION"), get("TRIGGER"), get("DESCRIPTION"))
        })
        .collect();
    assert_eq!(
        triggers,
        [
            ("DISPLAY".to_string(), "-P1D".to_string(), format!("Demain : {}", first.titre)),
            ("DISPLAY".to_string(), "-PT1H".to_string(), format!("Dans une heure : {}", first.titre)),
        ]
    );
    assert!(c.alarms.is_empty());
}

mod organiser_input {
    use chrono::{Duration, NaiveDate, NaiveDateTime};
    use proptest::prelude::*;

    use super::super::*;
    use super::sample;

    fn any_moment() -> impl Strategy<Value = NaiveDateTime> {
        prop_oneof![
            (-5_000_000_000_000i64..5_000_000_000_000i64).prop_map(|s| chrono::DateTime::from_timestamp(
                s.clamp(-8_000_000_000_000, 8_000_000_000_000),
                0
            )
            .map(|d| d.naive_utc())
            .unwrap_or(NaiveDateTime::MAX)),
            Just(NaiveDateTime::MAX - Duration::days(3)),
            Just(NaiveDateTime::MIN),
            Just(NaiveDate::from_ymd_opt(2027, 3, 28).unwrap().and_hms_opt(2, 30, 0).unwrap()),
        ]
    }

    proptest! {
        /// Whatever an organiser sends, validating and expanding a series
        /// answers (possibly with errors) and never panics (review finding 6).
        #[test]
        fn never_panics(debut in any_moment(), length_min in -100_000i64..100_000, until in any_moment(), weeks in 0usize..3) {
            let mut template = sample();
            template.debut = debut;
            template.fin = debut.checked_add_signed(Duration::minutes(length_min)).unwrap_or(debut);
            let _ = template.validate(|_| true);
            let rule = WeeklyRecurrence { jusqu_au: until.date(), sauf: vec![until.date(); weeks] };
            let checked = rule.validate(&template);
            let occurrences = rule.expand(&template);
            prop_assert!(occurrences.len() <= MAX_OCCURRENCES);
            if checked.is_ok() {
                prop_assert!(occurrences.iter().all(|o| o.debut.date() <= rule.jusqu_au));
            }
        }
    }

    #[test]
    fn far_dates_are_refused_in_french() {
        let mut template = sample();
        template.debut = NaiveDateTime::MAX - Duration::days(3);
        template.fin = NaiveDateTime::MAX - Duration::days(2);
        let errors = template.validate(|_| true).unwrap_err();
        assert!(errors.iter().any(|e| e.champ == "debut" && e.message == "l'année doit être entre 2000 et 2100"), "{errors:?}");
        let rule = WeeklyRecurrence { jusqu_au: NaiveDate::MAX, sauf: vec![] };
        assert!(rule.expand(&template).len() <= 1, "no overflow at the end of the calendar");
        let ordinary = sample();
        let three_years = WeeklyRecurrence { jusqu_au: ordinary.debut.date() + Duration::days(3 * 365), sauf: vec![] };
        assert_eq!(
            three_years.validate(&ordinary).unwrap_err()[0].message,
            "une série dure deux ans au plus : créez-en une autre pour la suite"
        );
        let backwards = WeeklyRecurrence { jusqu_au: ordinary.debut.date() - Duration::days(1), sauf: vec![] };
        assert!(backwards.validate(&ordinary).is_err());
    }
}
