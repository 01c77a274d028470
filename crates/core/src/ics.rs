//! Calendar export (RFC 5545) with the `icalendar` crate: one workshop for
//! "Ajouter à mon agenda", or a territory's feed. Times are written in
//! Europe/Paris with a VTIMEZONE definition, so calendars show 9h00 as 9h00.
//! Each event reminds the day before and an hour before (two VALARMs): a
//! parent who registers weeks ahead is reminded without any e-mail.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};

use crate::decimal::Fixed;
use crate::place::Place;
use crate::session::{Session, Status, Venue};

/// Europe/Paris since 1996: CET (+01:00) in winter, CEST (+02:00) from the
/// last Sunday of March to the last Sunday of October. The crate cannot
/// build a VTIMEZONE without its parser, so the definition is written here.
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

/// What an event needs besides the workshop: the place (when the venue is a
/// place of the catalog) and the page's address.
pub struct EventContext<'a> {
    pub place: Option<&'a Place>,
    pub url: String,
}

/// A calendar holding the given workshops. `stamp` is the DTSTAMP (when the
/// export was made).
pub fn calendar<'a>(name: &str, events: impl IntoIterator<Item = (&'a Session, EventContext<'a>)>, stamp: DateTime<Utc>) -> String {
    // `Calendar::new()` brings its own PRODID: RFC 5545 wants exactly one.
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", "-//Proxinum//Ateliers//FR"));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    calendar.append_property(("METHOD", "PUBLISH"));
    calendar.name(name);
    for (session, context) in events {
        calendar.push(event(session, &context, stamp));
    }
    let text = calendar.done().to_string();
    with_timezone_definition(&text)
}

fn event(session: &Session, context: &EventContext, stamp: DateTime<Utc>) -> Event {
    let mut event = Event::new();
    event
        .uid(&format!("{}@proxinum", session.id))
        .timestamp(stamp)
        .summary(&session.titre)
        .description(&description(session))
        .starts(CalendarDateTime::WithTimezone { date_time: session.debut, tzid: "Europe/Paris".into() })
        .ends(CalendarDateTime::WithTimezone { date_time: session.fin, tzid: "Europe/Paris".into() })
        .location(&location(session, context.place))
        .url(&context.url)
        .status(match session.statut {
            Status::Annulee => EventStatus::Cancelled,
            Status::Reportee => EventStatus::Tentative,
            Status::Programmee | Status::Complete => EventStatus::Confirmed,
        });
    if session.statut != Status::Annulee {
        event
            .alarm(Alarm::display(&format!("Demain : {}", session.titre), -Duration::days(1)))
            .alarm(Alarm::display(&format!("Dans une heure : {}", session.titre), -Duration::hours(1)));
    }
    let position = session.venue_position().or_else(|| context.place.and_then(Place::position));
    if let Some(p) = position {
        event.add_property("GEO", format!("{};{}", Fixed(p.lat, 6), Fixed(p.lon, 6)));
    }
    event.done()
}

fn description(session: &Session) -> String {
    let mut text = session.resume.clone();
    if let Some(more) = &session.description {
        text.push_str("\n\n");
        text.push_str(more);
    }
    text.push_str(&format!("\n\nOrganisé par {}.", session.organisateur));
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

/// Inserts the VTIMEZONE right after the calendar's own properties.
fn with_timezone_definition(text: &str) -> String {
    match text.find("BEGIN:VEVENT") {
        Some(at) => format!("{}{}{}", &text[..at], VTIMEZONE_PARIS, &text[at..]),
        None => text.replacen("END:VCALENDAR", &format!("{VTIMEZONE_PARIS}END:VCALENDAR"), 1),
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
