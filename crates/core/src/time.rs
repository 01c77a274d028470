//! Time in Europe/Paris and its French wording ("mardi 9 décembre", "9h30").
//! Everything a resident reads about time goes through here.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;

/// The only time zone of the app: France métropolitaine.
pub const PARIS: Tz = chrono_tz::Europe::Paris;

/// A moment seen from Paris.
pub fn in_paris(moment: DateTime<Utc>) -> DateTime<Tz> {
    moment.with_timezone(&PARIS)
}

/// A Paris wall-clock time as an absolute moment. In the autumn overlap the
/// earlier moment is chosen; a time skipped in spring is moved one hour on.
pub fn from_paris_local(local: NaiveDateTime) -> DateTime<Tz> {
    match PARIS.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t,
        chrono::LocalResult::Ambiguous(earliest, _) => earliest,
        chrono::LocalResult::None => from_paris_local(local + chrono::Duration::hours(1)),
    }
}

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

pub fn month_name(month: u32) -> &'static str {
    const MONTHS: [&str; 12] =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// "9h00", "12h30".
pub fn hour_text(time: NaiveTime) -> String {
    format!("{}h{:02}", time.hour(), time.minute())
}

/// "9h00" from minutes since midnight (24h00 allowed for "until midnight").
pub fn hour_text_minutes(minutes: u16) -> String {
    format!("{}h{:02}", minutes / 60, minutes % 60)
}

/// "mardi 9 décembre 2025" (1er for the first day of a month).
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {} {} {}", weekday_name(date.weekday()), day_number(date.day()), month_name(date.month()), date.year())
}

/// "mardi 9 décembre" (no year).
pub fn day_and_month(date: NaiveDate) -> String {
    format!("{} {} {}", weekday_name(date.weekday()), day_number(date.day()), month_name(date.month()))
}

/// "9 décembre 2025" (no weekday), as in "mis à jour le 9 décembre 2025".
pub fn short_date(date: NaiveDate) -> String {
    format!("{} {} {}", day_number(date.day()), month_name(date.month()), date.year())
}

fn day_number(day: u32) -> String {
    if day == 1 {
        "1er".to_string()
    } else {
        day.to_string()
    }
}

/// The Monday of the week holding `date` (weeks run Monday to Sunday).
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - chrono::Duration::days(date.weekday().num_days_from_monday() as i64)
}

/// "aujourd'hui", "demain", or the weekday ("mardi"), or a date when the
/// moment is more than a week away: used in "ouvre mardi à 9h00".
pub fn relative_day(target: NaiveDate, today: NaiveDate) -> String {
    let days = (target - today).num_days();
    match days {
        0 => "aujourd'hui".to_string(),
        1 => "demain".to_string(),
        2..=6 => weekday_name(target.weekday()).to_string(),
        _ => format!("le {}", day_and_month(target)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_wording() {
        let date = NaiveDate::from_ymd_opt(2025, 12, 9).unwrap();
        assert_eq!(long_date(date), "mardi 9 décembre 2025");
        assert_eq!(short_date(NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()), "1er mai 2026");
        assert_eq!(hour_text(NaiveTime::from_hms_opt(9, 0, 0).unwrap()), "9h00");
        assert_eq!(relative_day(date, date), "aujourd'hui");
        assert_eq!(relative_day(date.succ_opt().unwrap(), date), "demain");
        assert_eq!(relative_day(NaiveDate::from_ymd_opt(2025, 12, 12).unwrap(), date), "vendredi");
    }

    #[test]
    fn paris_offsets_follow_dst() {
        let winter = from_paris_local(NaiveDate::from_ymd_opt(2026, 3, 28).unwrap().and_hms_opt(9, 0, 0).unwrap());
        let summer = from_paris_local(NaiveDate::from_ymd_opt(2026, 3, 30).unwrap().and_hms_opt(9, 0, 0).unwrap());
        assert_eq!(winter.with_timezone(&Utc).hour(), 8);
        assert_eq!(summer.with_timezone(&Utc).hour(), 7);
        // 02:30 does not exist on 29 March 2026: moved to 03:30 summer time.
        let skipped = from_paris_local(NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap());
        assert_eq!(skipped.hour(), 3);
    }
}
