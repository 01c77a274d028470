//! French public holidays (métropole), computed: eleven dates a year, three
//! of them from Easter. A few lines instead of a holiday database in the app.

use chrono::{Datelike, Duration, NaiveDate};

/// Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// True on the eleven public holidays of France métropolitaine: 1 January,
/// Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
/// 1 November, 11 November, 25 December.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    const FIXED: [(u32, u32); 8] = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];
    if FIXED.contains(&(date.month(), date.day())) {
        return true;
    }
    let Some(easter) = easter_sunday(date.year()) else { return false };
    [1, 39, 50].iter().any(|days| easter + Duration::days(*days) == date)
}
