//! Opening hours: "ouvert maintenant / ferme à 12h30", "fermé — ouvre mardi à
//! 9h00", and the week's table, evaluated in Europe/Paris with French public
//! holidays, using the `opening-hours` crate.
//!
//! Places are taken as closed on public holidays unless their hours say
//! otherwise with `PH`: that is how French public services work, and the
//! national data never states it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use opening_hours::localization::{Country, TzLocation};
use opening_hours::{Context, OpeningHours, RuleKind};

use crate::time::{self, PARIS};

/// Parsed opening hours of one place, ready to evaluate.
#[derive(Clone)]
pub struct Schedule {
    hours: OpeningHours<TzLocation<Tz>>,
}

impl std::fmt::Debug for Schedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Schedule")
    }
}

/// True when the text is valid OSM `opening_hours`.
pub fn is_valid_osm(text: &str) -> bool {
    text.parse::<OpeningHours>().is_ok()
}

/// Parses OSM `opening_hours`; `None` for free text, which must then be shown
/// as written and never interpreted.
pub fn parse(text: &str) -> Option<Schedule> {
    let with_holidays = if text.contains("PH") { None } else { Some(format!("{text}; PH off")) };
    let parsed = with_holidays
        .and_then(|t| t.parse::<OpeningHours>().ok())
        .or_else(|| text.parse::<OpeningHours>().ok())?;
    let context = Context::default().with_holidays(Country::FR.holidays()).with_locale(TzLocation::new(PARIS));
    Some(Schedule { hours: parsed.with_context(context) })
}

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
const HORIZON_DAYS: i64 = 8;

pub fn is_public_holiday(date: NaiveDate) -> bool {
    Country::FR.holidays().get_public().contains(date)
}

impl Schedule {
    pub fn state_at(&self, now: DateTime<Utc>) -> OpenState {
        let now = time::in_paris(now);
        let horizon = now + Duration::days(HORIZON_DAYS);
        let Some(current) = self.hours.iter_range(now, horizon).next() else {
            return OpenState::Unknown { comment: None };
        };
        let change = (current.range.end < horizon).then_some(current.range.end);
        match current.kind {
            RuleKind::Open => OpenState::Open { closes: change },
            RuleKind::Closed => {
                // The next change may lead to "unknown" rather than "open":
                // only announce an opening when it is one.
                let opens = change.filter(|at| self.hours.state(*at).0 == RuleKind::Open);
                OpenState::Closed { opens, public_holiday: is_public_holiday(now.date_naive()) }
            }
            RuleKind::Unknown => {
                let comment = current.comment.trim();
                OpenState::Unknown { comment: (!comment.is_empty()).then(|| comment.to_string()) }
            }
        }
    }

    /// The seven days Monday to Sunday of the week holding `day`.
    pub fn week_of(&self, day: NaiveDate) -> Vec<DayHours> {
        let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
        (0..7).map(|i| self.day(monday + Duration::days(i))).collect()
    }

    pub fn day(&self, date: NaiveDate) -> DayHours {
        let mut open = Vec::new();
        let mut partly_unknown = false;
        for range in self.hours.schedule_at(date) {
            let (start, end) = (range.range.start.mins_from_midnight(), range.range.end.mins_from_midnight());
            match range.kind {
                RuleKind::Open => open.push((start, end.min(24 * 60))),
                RuleKind::Unknown => partly_unknown = true,
                RuleKind::Closed => {}
            }
        }
        DayHours { date, open, partly_unknown, public_holiday: is_public_holiday(date) }
    }
}

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
    let name = time::weekday_name(day);
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
