//! Calendar export (RFC 5545): one workshop for "Ajouter à mon agenda", or
//! a territory's feed. Times are written in Europe/Paris with a VTIMEZONE
//! definition, so calendars show 9h00 as 9h00. Each event reminds the day
//! before and an hour before (two VALARMs): a parent who registers weeks
//! ahead is reminded without any e-mail.
//!
//! Written here rather than with the `icalendar` crate: the few properties
//! we write need escaping and folding only, and the crate brought chrono's
//! `strftime` formatter and the Unicode lowercase table into the residents'
//! wasm (14 KiB brotli, issue 14). The tests read the files back with
//! another parser (`ical`).

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};

use crate::decimal::Fixed;
use crate::place::Place;
use crate::session::{Session, Status, Venue};

/// Europe/Paris since 1996: CET (+01:00) in winter, CEST (+02:00) from the
/// last Sunday of March to the last Sunday of October.
const VTIMEZONE_PARIS: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Paris\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19960331T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19961027T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// RFC 5545 §3.1: a content line is at most 75 octets; a longer one goes on
/// in lines that start with a space.
const LINE_OCTETS: usize = 75;

/// What an event needs besides the workshop: the place (when the venue is a
/// place of the catalog) and the page's address.
pub struct EventContext<'a> {
    pub place: Option<&'a Place>,
    pub url: String,
}

/// A calendar holding the given workshops. `stamp` is the DTSTAMP (when the
/// export was made).
pub fn calendar<'a>(name: &str, events: impl IntoIterator<Item = (&'a Session, EventContext<'a>)>, stamp: DateTime<Utc>) -> String {
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Proxinum//Ateliers//FR");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.text("NAME", name);
    out.text("X-WR-CALNAME", name);
    out.0.push_str(VTIMEZONE_PARIS);
    for (session, context) in events {
        event(&mut out, session, &context, stamp);
    }
    out.line("END:VCALENDAR");
    out.0
}

fn event(out: &mut Lines, session: &Session, context: &EventContext, stamp: DateTime<Utc>) {
    out.line("BEGIN:VEVENT");
    out.text("UID", &format!("{}@proxinum", session.id));
    out.line(&format!("DTSTAMP:{}Z", basic_date_time(stamp.naive_utc())));
    out.line(&format!("DTSTART;TZID=Europe/Paris:{}", basic_date_time(session.debut)));
    out.line(&format!("DTEND;TZID=Europe/Paris:{}", basic_date_time(session.fin)));
    out.text("SUMMARY", &session.titre);
    out.text("DESCRIPTION", &description(session));
    out.text("LOCATION", &location(session, context.place));
    let position = session.venue_position().or_else(|| context.place.and_then(Place::position));
    if let Some(p) = position {
        out.line(&format!("GEO:{};{}", Fixed(p.lat, 6), Fixed(p.lon, 6)));
    }
    out.line(&format!("URL:{}", context.url));
    out.line(match session.statut {
        Status::Annulee => "STATUS:CANCELLED",
        Status::Reportee => "STATUS:TENTATIVE",
        Status::Programmee | Status::Complete => "STATUS:CONFIRMED",
    });
    if session.statut != Status::Annulee {
        alarm(out, &format!("Demain : {}", session.titre), "-P1D");
        alarm(out, &format!("Dans une heure : {}", session.titre), "-PT1H");
    }
    out.line("END:VEVENT");
}

fn alarm(out: &mut Lines, text: &str, before: &str) {
    out.line("BEGIN:VALARM");
    out.line("ACTION:DISPLAY");
    out.text("DESCRIPTION", text);
    out.line(&format!("TRIGGER:{before}"));
    out.line("END:VALARM");
}

/// "20260317T090000" (RFC 5545 §3.3.5, without the zone).
fn basic_date_time(at: NaiveDateTime) -> String {
    format!("{:04}{:02}{:02}T{:02}{:02}{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute(), at.second())
}

/// The file being written, one folded content line at a time.
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// A property whose value is TEXT (§3.3.11): backslash, semicolon,
    /// comma and line breaks escaped.
    fn text(&mut self, name: &str, value: &str) {
        let mut line = String::with_capacity(name.len() + 1 + value.len());
        line.push_str(name);
        line.push(':');
        let mut chars = value.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => line.push_str("\\\\"),
                ';' => line.push_str("\\;"),
                ',' => line.push_str("\\,"),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => line.push_str("\\n"),
                other => line.push(other),
            }
        }
        self.line(&line);
    }

    /// A content line as it is, folded every 75 octets, never inside a
    /// character.
    fn line(&mut self, line: &str) {
        let mut octets = 0;
        for c in line.chars() {
            if octets + c.len_utf8() > LINE_OCTETS {
                self.0.push_str("\r\n ");
                octets = 1;
            }
            self.0.push(c);
            octets += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }
}

fn description(session: &Session) -> String {
    let mut text = session.resume.clone();
    if let Some(more) = &session.description {
        text.push_str("\n\n");
        text.push_str(more);
    }
    let _ = write!(text, "\n\nOrganisé par {}.", session.organisateur);
    if session.exemple {
        text.push_str("\nExemple : cet atelier n'est pas réel.");
    }
    text
}

/// "Médiathèque, 2 Cours Gambetta, 32700 Lectoure".
pub fn location(session: &Session, place: Option<&Place>) -> String {
    match (&session.lieu, place) {
        (Venue::Lieu { precision, .. }, Some(p)) => {
            let mut parts = vec![p.nom_affiche()];
            if let Some(detail) = precision {
                parts.push(detail.clone());
            }
            parts.push(p.adresse.clone());
            parts.push(format!("{} {}", p.code_postal, p.commune_affichee()));
            parts.join(", ")
        }
        (Venue::Lieu { lieu_id, .. }, None) => lieu_id.clone(),
        (Venue::Adresse { nom, adresse, code_postal, commune, .. }, _) => {
            let mut parts = vec![nom.clone()];
            parts.extend(adresse.clone());
            parts.push(match code_postal {
                Some(cp) => format!("{cp} {commune}"),
                None => commune.clone(),
            });
            parts.join(", ")
        }
    }
}

/// The address that makes a phone subscribe to a feed (`webcal://`, which
/// iPhone's Calendar and most calendar apps open as "S'abonner") from its
/// plain `https://` (or `http://`) address; anything else is left as it is.
pub fn subscription_address(feed: &str) -> String {
    match feed.split_once("://") {
        Some(("https" | "http", rest)) => format!("webcal://{rest}"),
        _ => feed.to_string(),
    }
}

/// A file name for a workshop's .ics ("atelier-<id>.ics", safe characters).
pub fn file_name(session: &Session) -> String {
    let safe: String = session.id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("atelier-{safe}.ics")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::session::tests::sample;

    /// The file as another parser (`ical`) reads it, its values unescaped.
    fn parsed_event(text: &str) -> ical::parser::ical::component::IcalEvent {
        let mut calendars = ical::IcalParser::new(text.as_bytes()).collect::<Result<Vec<_>, _>>().expect("valid iCalendar");
        calendars.remove(0).events.remove(0)
    }

    fn value(event: &ical::parser::ical::component::IcalEvent, name: &str) -> String {
        let raw = event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default();
        let mut out = String::new();
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next() {
                    Some('n' | 'N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                },
                (other, false) => out.push(other),
            }
        }
        out
    }

    fn export(session: &Session) -> String {
        let stamp = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
        calendar("Ateliers", [(session, EventContext { place: None, url: "https://exemple.fr/a".into() })], stamp)
    }

    #[test]
    fn text_comes_back_as_written_backslashes_separators_and_line_breaks_included() {
        let mut session = sample();
        session.titre = r"Tablette, smartphone; et \ ordinateur".into();
        session.resume = "Première ligne\r\nDeuxième ligne\nTroisième ; fin, vraiment".into();
        let text = export(&session);
        assert!(text.contains(r"SUMMARY:Tablette\, smartphone\; et \\ ordinateur"), "{text}");
        let event = parsed_event(&text);
        assert_eq!(value(&event, "SUMMARY"), session.titre);
        assert!(value(&event, "DESCRIPTION").starts_with("Première ligne\nDeuxième ligne\nTroisième ; fin, vraiment\n\nOrganisé par"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_cutting_a_character() {
        let mut session = sample();
        session.titre = "é".repeat(100) + &"a".repeat(80) + "€";
        let text = export(&session);
        assert!(text.split("\r\n").all(|line| line.len() <= 75), "{text}");
        assert!(text.split("\r\n").any(|line| line.len() == 75 || line.len() == 74), "lines are filled, not cut early");
        assert!(!text.contains('\n') || text.matches('\n').count() == text.matches("\r\n").count(), "CRLF only");
        assert_eq!(value(&parsed_event(&text), "SUMMARY"), session.titre);
    }

    #[test]
    fn the_day_before_and_the_hour_before_are_durations_calendars_read() {
        let text = export(&sample());
        let event = parsed_event(&text);
        let triggers: Vec<_> =
            event.alarms.iter().map(|a| a.properties.iter().find(|p| p.name == "TRIGGER").and_then(|p| p.value.clone())).collect();
        assert_eq!(triggers, [Some("-P1D".to_string()), Some("-PT1H".to_string())]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }
}
