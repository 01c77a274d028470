//! Reading dates, date-times and times as chrono writes them
//! ("2026-11-27", "2026-11-27T14:00:00", "09:30:00"), without chrono's
//! general parser.
//!
//! Why: chrono's `Deserialize` goes through `FromStr`, a format-string
//! interpreter of ~12 KB of wasm that V8 compiles on the main thread while
//! the app reads its catalog (issue 14). The app only reads what the server
//! wrote, always in these forms; anything else is refused there. Natively
//! (the server reading organisers' input and files) anything else goes on
//! to chrono's parser, so the server accepts exactly what it accepted before.
//! Writing is unchanged: chrono's `Serialize`.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::de::{self, Deserializer, Visitor};

/// `#[serde(deserialize_with = "crate::wire_dates::date")]`
pub fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_str(Text(parse_date, "une date AAAA-MM-JJ"))
}

/// `#[serde(deserialize_with = "crate::wire_dates::date_time")]`
pub fn date_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDateTime, D::Error> {
    deserializer.deserialize_str(Text(parse_date_time, "une date et heure AAAA-MM-JJTHH:MM:SS"))
}

/// `#[serde(deserialize_with = "crate::wire_dates::time")]`
pub fn time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
    deserializer.deserialize_str(Text(parse_time, "une heure HH:MM:SS"))
}

/// An optional date (`null` or absent with `#[serde(default)]`).
pub fn option_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    deserializer.deserialize_option(Optional(parse_date, "une date AAAA-MM-JJ"))
}

/// An optional date-time.
pub fn option_date_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDateTime>, D::Error> {
    deserializer.deserialize_option(Optional(parse_date_time, "une date et heure AAAA-MM-JJTHH:MM:SS"))
}

/// A list of dates.
pub fn dates<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<NaiveDate>, D::Error> {
    struct Dates;
    impl<'de> Visitor<'de> for Dates {
        type Value = Vec<NaiveDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("une liste de dates AAAA-MM-JJ")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(Day(day)) = seq.next_element()? {
                out.push(day);
            }
            Ok(out)
        }
    }
    struct Day(NaiveDate);
    impl<'de> de::Deserialize<'de> for Day {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            date(deserializer).map(Day)
        }
    }
    deserializer.deserialize_seq(Dates)
}

/// "AAAA-MM-JJ" as chrono writes a date of years 0 to 9999.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    canonical_date(text).or_else(|| fallback(text))
}

/// "AAAA-MM-JJTHH:MM:SS", with ".fraction" when chrono writes one.
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let canonical = || {
        let (day, clock) = text.split_once('T')?;
        Some(NaiveDateTime::new(canonical_date(day)?, canonical_time(clock)?))
    };
    canonical().or_else(|| fallback(text))
}

/// "HH:MM:SS", with ".fraction" when chrono writes one.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    canonical_time(text).or_else(|| fallback(text))
}

fn canonical_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)
}

fn canonical_time(text: &str) -> Option<NaiveTime> {
    let b = text.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let nanos = match &b[8..] {
        [] => 0,
        // chrono writes 3, 6 or 9 digits; read up to 9.
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => digits(fraction)? * 10u32.pow(9 - fraction.len() as u32),
        _ => return None,
    };
    match digits(&b[6..8])? {
        // chrono writes a leap second as second 60.
        60 => NaiveTime::from_hms_nano_opt(digits(&b[0..2])?, digits(&b[3..5])?, 59, 1_000_000_000 + nanos),
        second => NaiveTime::from_hms_nano_opt(digits(&b[0..2])?, digits(&b[3..5])?, second, nanos),
    }
}

/// The number written by ASCII digits only (no sign, no space).
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// Natively, any other form chrono reads; in the app, none.
#[cfg(not(target_arch = "wasm32"))]
fn fallback<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.parse().ok()
}

#[cfg(target_arch = "wasm32")]
fn fallback<T>(_: &str) -> Option<T> {
    None
}

struct Text<T>(fn(&str) -> Option<T>, &'static str);

impl<T> Visitor<'_> for Text<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.0)(text).ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &self))
    }
}

struct Optional<T>(fn(&str) -> Option<T>, &'static str);

impl<'de, T> Visitor<'de> for Optional<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.1)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(Text(self.0, self.1)).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
    use serde::Deserialize;

    use super::*;

    #[test]
    fn every_day_of_two_centuries_reads_as_chrono_reads_it() {
        let mut day = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
        while day.year() < 2150 {
            let text = day.to_string();
            assert_eq!(canonical_date(&text), Some(day), "{text}");
            assert_eq!(canonical_date(&text), text.parse().ok());
            day += Duration::days(1);
        }
    }

    #[test]
    fn times_and_date_times_read_as_chrono_writes_them() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        for seconds in (0..86_400).step_by(7) {
            for nanos in [0, 5_000_000, 123_456_000, 999_999_999] {
                let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos).unwrap();
                let date_time = NaiveDateTime::new(day, time);
                // What serde_json writes with chrono's Serialize.
                let written: String = serde_json::from_str(&serde_json::to_string(&date_time).unwrap()).unwrap();
                assert_eq!(parse_date_time(&written), Some(date_time), "{written}");
                let written: String = serde_json::from_str(&serde_json::to_string(&time).unwrap()).unwrap();
                assert_eq!(canonical_time(&written), Some(time), "{written}");
            }
        }
    }

    #[test]
    fn impossible_dates_and_odd_forms_are_not_canonical() {
        for text in ["2026-02-30", "2026-13-01", "2026-1-01", "2026/11/27", "+2026-11-27", " 2026-11-27", "2026-11-2a", ""] {
            assert_eq!(canonical_date(text), None, "{text}");
        }
        for text in ["24:00:00", "14:60:00", "14:00", "14:00:00.", "14:00:00.1234567890", "14:00:00Z", "1:00:00"] {
            assert_eq!(canonical_time(text), None, "{text}");
        }
        // chrono's leap second reads the same way.
        for text in ["23:59:60", "23:59:60.5", "12:00:60"] {
            assert_eq!(canonical_time(text), text.parse().ok(), "{text}");
        }
    }

    #[test]
    fn natively_other_forms_still_read_as_chrono_reads_them() {
        for text in ["2026-11-27T14:00", "2026-11-27 14:00:00", "+12026-11-27T14:00:00"] {
            assert_eq!(parse_date_time(text), text.parse::<NaiveDateTime>().ok(), "{text}");
        }
        assert_eq!(parse_time("14:05"), NaiveTime::from_hms_opt(14, 5, 0));
        assert_eq!(parse_time("14:05").map(|t| t.second()), Some(0));
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Fields {
        #[serde(deserialize_with = "date")]
        day: NaiveDate,
        #[serde(default, deserialize_with = "option_date")]
        maybe: Option<NaiveDate>,
        #[serde(default, deserialize_with = "option_date_time")]
        when: Option<NaiveDateTime>,
        #[serde(default, deserialize_with = "dates")]
        days: Vec<NaiveDate>,
        #[serde(deserialize_with = "time")]
        at: NaiveTime,
    }

    #[test]
    fn fields_read_present_absent_and_null_and_say_what_they_expected() {
        let read = |json: &str| serde_json::from_str::<Fields>(json);
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let full = read(
            r#"{"day":"2026-11-27","maybe":"2026-12-01","when":"2026-12-02T09:30:00","days":["2026-12-24","2026-12-31"],"at":"09:30:00"}"#,
        )
        .unwrap();
        assert_eq!(full.day, d(11, 27));
        assert_eq!(full.maybe, Some(d(12, 1)));
        assert_eq!(full.when, Some(d(12, 2).and_hms_opt(9, 30, 0).unwrap()));
        assert_eq!(full.days, vec![d(12, 24), d(12, 31)]);
        let bare = read(r#"{"day":"2026-11-27","maybe":null,"when":null,"at":"09:30:00"}"#).unwrap();
        assert_eq!((bare.maybe, bare.when, bare.days), (None, None, vec![]));
        let absent = read(r#"{"day":"2026-11-27","at":"09:30:00"}"#).unwrap();
        assert_eq!((absent.maybe, absent.when), (None, None));
        let error = read(r#"{"day":"2026-02-30","at":"09:30:00"}"#).unwrap_err().to_string();
        assert!(error.contains("2026-02-30") && error.contains("une date AAAA-MM-JJ"), "{error}");
        assert!(read(r#"{"day":20261127,"at":"09:30:00"}"#).is_err());
    }
}
