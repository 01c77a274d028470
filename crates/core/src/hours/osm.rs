//! The OSM `opening_hours` grammar (the `opening-hours` crate), on the
//! server only: it checks imported hours and turns them into a `Calendar`.
//! The app reads calendars and never parses hours.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use opening_hours::localization::{Country, TzLocation};
use opening_hours::{Context, OpeningHours, RuleKind};

use super::calendar::{Calendar, Kind, Stretch};
use super::{is_public_holiday, DayHours, OpenState, HORIZON_DAYS};
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
    let parsed = with_holidays.and_then(|t| t.parse::<OpeningHours>().ok()).or_else(|| text.parse::<OpeningHours>().ok())?;
    let context = Context::default().with_holidays(Country::FR.holidays()).with_locale(TzLocation::new(PARIS));
    Some(Schedule { hours: parsed.with_context(context) })
}

fn kind(rule: RuleKind) -> Kind {
    match rule {
        RuleKind::Open => Kind::Open,
        RuleKind::Closed => Kind::Closed,
        RuleKind::Unknown => Kind::Unknown,
    }
}

impl Schedule {
    /// The hours of `days` days from `from`, as the app reads them.
    pub fn calendar(&self, from: NaiveDate, days: u32) -> Calendar {
        let each_day = (0..days).map(|i| {
            self.hours
                .schedule_at(from + Duration::days(i as i64))
                .into_iter()
                .map(|range| {
                    let (start, end) = (range.range.start.mins_from_midnight(), range.range.end.mins_from_midnight());
                    Stretch(start.min(1440), end.min(1440), kind(range.kind), range.comment.to_string())
                })
                .filter(|s| s.0 < s.1 && !(s.2 == Kind::Closed && s.3.is_empty()))
                .collect()
        });
        Calendar::from_days(from, each_day)
    }

    /// The grammar's own reading of a moment: the reference the calendar's
    /// reading is checked against.
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

    /// The grammar's own reading of one day (see `state_at`).
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

    /// True when the grammar's holiday list has this date: the reference the
    /// computed holidays are checked against.
    pub fn grammar_holiday(date: NaiveDate) -> bool {
        Country::FR.holidays().get_public().contains(date)
    }
}
