//! Opening hours: "ouvert maintenant / ferme à 12h30", "fermé — ouvre mardi à
//! 9h00", and the week's table, in Europe/Paris with French public holidays.
//!
//! Places are taken as closed on public holidays unless their hours say
//! otherwise with `PH`: that is how French public services work, and the
//! national data never states it.
//!
//! The grammar (`osm`, server only) turns a place's OSM text into a
//! `Calendar` of dated stretches once; residents' screens, on the server and
//! in the app, read only calendars, so both say exactly the same thing.

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;

use crate::time;

pub mod calendar;
mod holidays;
#[cfg(feature = "osm")]
pub mod osm;

pub use calendar::Calendar;
pub use holidays::{easter_sunday, is_public_holiday};
#[cfg(feature = "osm")]
pub use osm::{is_valid_osm, parse, Schedule};

/// Is a place open at a moment, and until when.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenState {
    /// Open; closes at the given moment (if within the next week).
    Open { closes: Option<DateTime<Tz>> },
    /// Closed; opens at the given moment (if within the next week).
    Closed { opens: Option<DateTime<Tz>>, public_holiday: bool },
    /// The hours say "on appointment" or similar: not known.
    Unknown { comment: Option<String> },
}

impl OpenState {
    pub fn is_open(&self) -> bool {
        matches!(self, OpenState::Open { .. })
    }
}

/// One day of the week's table.
#[derive(Debug, Clone, PartialEq)]
pub struct DayHours {
    pub date: NaiveDate,
    /// Open ranges in minutes since midnight (end may be 1440).
    pub open: Vec<(u16, u16)>,
    /// Some part of the day is "unknown" (e.g. on appointment).
    pub partly_unknown: bool,
    pub public_holiday: bool,
}

/// How far ahead the next change is looked for: beyond a week the sentence
/// would not help anyone, and the search stays cheap.
pub(crate) const HORIZON_DAYS: i64 = 8;

/// The short French sentence shown next to a place:
/// "Ouvert · ferme à 12h30", "Fermé · ouvre mardi à 9h00".
pub fn state_sentence(state: &OpenState, now: DateTime<Utc>) -> String {
    let today = time::in_paris(now).date_naive();
    match state {
        OpenState::Open { closes: Some(at) } if at.date_naive() == today => {
            format!("Ouvert · ferme à {}", time::hour_text(at.time()))
        }
        OpenState::Open { closes: Some(at) } => {
            format!("Ouvert · ferme {} à {}", time::relative_day(at.date_naive(), today), time::hour_text(at.time()))
        }
        OpenState::Open { closes: None } => "Ouvert".to_string(),
        OpenState::Closed { opens, public_holiday } => {
            let head = if *public_holiday { "Fermé (jour férié)" } else { "Fermé" };
            match opens {
                Some(at) if at.date_naive() == today => format!("{head} · ouvre à {}", time::hour_text(at.time())),
                Some(at) => {
                    format!("{head} · ouvre {} à {}", time::relative_day(at.date_naive(), today), time::hour_text(at.time()))
                }
                None => head.to_string(),
            }
        }
        OpenState::Unknown { comment: Some(comment) } => format!("Horaires à vérifier : {comment}"),
        OpenState::Unknown { comment: None } => "Horaires à vérifier".to_string(),
    }
}

/// "9h00 – 12h30, 13h30 – 17h00" or "Fermé" for one day of the table.
pub fn day_sentence(day: &DayHours) -> String {
    if day.open.is_empty() {
        let closed = if day.public_holiday { "Fermé (jour férié)" } else { "Fermé" };
        return if day.partly_unknown { "Sur rendez-vous ou à vérifier".to_string() } else { closed.to_string() };
    }
    day.open
        .iter()
        .map(|(start, end)| format!("{} – {}", time::hour_text_minutes(*start), time::hour_text_minutes(*end)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// French weekday name with a capital, for table headers.
pub fn weekday_title(day: Weekday) -> String {
    crate::text::capitalise(time::weekday_name(day))
}

#[cfg(all(test, feature = "osm"))]
mod tests;
