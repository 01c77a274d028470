//! Opening hours as plain dated stretches: the server evaluates each place's
//! OSM `opening_hours` once, day by day for the coming weeks, and the app
//! reads the result with the few lines below — it carries no grammar.
//!
//! Past the last day described, nothing is guessed: the state is "Horaires
//! à vérifier".

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::holidays::is_public_holiday;
use super::{DayHours, OpenState, HORIZON_DAYS};
use crate::time;

/// What a stretch of time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    #[serde(rename = "ouvert")]
    Open,
    #[serde(rename = "ferme")]
    Closed,
    /// "On appointment", or hours the data leave open.
    #[serde(rename = "inconnu")]
    Unknown,
}

/// One stretch of a day: from and to in minutes since midnight (to ≤ 1440),
/// what it is, and the comment the hours give it ("sur rendez-vous").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stretch(pub u16, pub u16, pub Kind, pub String);

/// Dated opening hours of one place. The stretches a day does not list are
/// closed, without comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    /// First day described (Europe/Paris).
    #[serde(deserialize_with = "crate::wire_dates::date")]
    pub du: NaiveDate,
    /// One character per day from `du`: which of `motifs` that day follows,
    /// `'0'` for the first, then the next code points.
    pub jours: String,
    /// The distinct days, each as its stretches in order.
    pub motifs: Vec<Vec<Stretch>>,
}

/// Code point of the first pattern index in `jours`.
const FIRST_PATTERN: u32 = '0' as u32;

impl Calendar {
    /// Builds a calendar from each day's stretches, sharing equal days.
    pub fn from_days(du: NaiveDate, days: impl IntoIterator<Item = Vec<Stretch>>) -> Calendar {
        let mut motifs: Vec<Vec<Stretch>> = Vec::new();
        let mut jours = String::new();
        for day in days {
            let index = motifs.iter().position(|m| *m == day).unwrap_or_else(|| {
                motifs.push(day);
                motifs.len() - 1
            });
            // Indexes stay far below the surrogate range (one per day at most).
            jours.push(char::from_u32(FIRST_PATTERN + index as u32).unwrap_or('0'));
        }
        Calendar { du, jours, motifs }
    }

    /// The day after the last day described: from then on, "à vérifier".
    pub fn until(&self) -> NaiveDate {
        self.du + Duration::days(self.jours.chars().count() as i64)
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.stretches(date).is_some()
    }

    /// A day's stretches as written, `None` outside the calendar.
    fn stretches(&self, date: NaiveDate) -> Option<&[Stretch]> {
        let offset = usize::try_from((date - self.du).num_days()).ok()?;
        let code = self.jours.chars().nth(offset)?;
        let index = (code as u32).checked_sub(FIRST_PATTERN)?;
        self.motifs.get(index as usize).map(Vec::as_slice)
    }

    /// A day cut into consecutive stretches from 0:00 to 24:00, the holes
    /// filled with "closed".
    fn whole_day(&self, date: NaiveDate) -> Option<Vec<(u16, u16, Kind, &str)>> {
        let mut out = Vec::new();
        let mut at = 0;
        for Stretch(start, end, kind, comment) in self.stretches(date)? {
            let (start, end) = ((*start).clamp(at, 1440), (*end).min(1440));
            if start >= end {
                continue;
            }
            if start > at {
                out.push((at, start, Kind::Closed, ""));
            }
            out.push((start, end, *kind, comment.as_str()));
            at = end;
        }
        if at < 1440 {
            out.push((at, 1440, Kind::Closed, ""));
        }
        Some(out)
    }

    /// Open or closed at a moment, and until when (within a week).
    pub fn state_at(&self, now: DateTime<Utc>) -> OpenState {
        let local = time::in_paris(now).naive_local();
        let horizon = time::in_paris(now + Duration::days(HORIZON_DAYS)).naive_local();
        let minute = (local.time() - NaiveTime::MIN).num_minutes() as u16;
        let Some(today) = self.whole_day(local.date()) else {
            return OpenState::Unknown { comment: None };
        };
        let Some(current) = today.iter().position(|s| s.0 <= minute && minute < s.1) else {
            return OpenState::Unknown { comment: None };
        };
        let (_, _, kind, comment) = today[current];
        // The first later stretch in another state: when and what it is.
        let mut next: Option<(NaiveDateTime, Kind)> = None;
        let mut date = local.date();
        let mut rest = today[current + 1..].to_vec();
        'days: loop {
            for (start, _, other_kind, other_comment) in rest {
                if (other_kind, other_comment) != (kind, comment) {
                    next = Some((at_minutes(date, start), other_kind));
                    break 'days;
                }
            }
            let Some(following) = date.succ_opt() else { break };
            date = following;
            if date.and_time(NaiveTime::MIN) >= horizon {
                break;
            }
            match self.whole_day(date) {
                Some(day) => rest = day,
                // The calendar ends before the state changes: when is not known.
                None => break,
            }
        }
        let next = next.filter(|(at, _)| *at < horizon);
        let change = next.map(|(at, _)| time::from_paris_local(at));
        match kind {
            Kind::Open => OpenState::Open { closes: change },
            Kind::Closed => OpenState::Closed {
                opens: change.filter(|_| next.is_some_and(|(_, k)| k == Kind::Open)),
                public_holiday: is_public_holiday(local.date()),
            },
            Kind::Unknown => {
                let comment = comment.trim();
                OpenState::Unknown { comment: (!comment.is_empty()).then(|| comment.to_string()) }
            }
        }
    }

    /// The seven days Monday to Sunday of the week holding `day`.
    pub fn week_of(&self, day: NaiveDate) -> Vec<DayHours> {
        let monday = time::monday_of(day);
        (0..7).map(|i| self.day(monday + Duration::days(i))).collect()
    }

    /// One day of the week's table; a day outside the calendar is "à vérifier".
    pub fn day(&self, date: NaiveDate) -> DayHours {
        let stretches = self.stretches(date);
        let open = stretches.unwrap_or_default().iter().filter(|s| s.2 == Kind::Open).map(|s| (s.0, s.1.min(24 * 60))).collect();
        let partly_unknown = stretches.is_none_or(|s| s.iter().any(|s| s.2 == Kind::Unknown));
        DayHours { date, open, partly_unknown, public_holiday: is_public_holiday(date) }
    }
}

fn at_minutes(date: NaiveDate, minutes: u16) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::minutes(minutes as i64)
}
