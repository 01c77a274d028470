//! What link previews and search engines read: the title, description,
//! canonical address and OpenGraph tags of a page, and schema.org JSON-LD
//! for places (`Place`, `GovernmentOffice` for France Services) and
//! workshops (`Event`). Addresses are absolute, from the configured public
//! address, never from the request's `Host`.

use chrono::Duration;
use proxinum_core::hours::Calendar;
use proxinum_core::place::Place;
use proxinum_core::session::{Price, Session, Status, Venue};
use proxinum_core::time;
use proxinum_core::vocab::Dispositif;
use serde_json::{json, Value};

use super::Head;

/// Escapes text for an HTML attribute or text node.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON inside `<script type="application/ld+json">`: `<` escaped so that
/// no text can close the script element.
fn json_in_script(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// Shortens a description for previews (about 200 characters, on a word).
pub fn summary(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 200 {
        return text;
    }
    let cut: String = text.chars().take(200).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{cut}…")
}

/// The tags of the document's head for a page.
pub fn head_tags(head: &Head) -> String {
    let title = crate::render::full_title(&head.title);
    let mut tags = vec![
        format!("<title>{}</title>", escape(&title)),
        format!("<meta name=\"description\" content=\"{}\">", escape(&head.description)),
        format!("<link rel=\"canonical\" href=\"{}\">", escape(&head.canonical)),
        format!("<meta property=\"og:title\" content=\"{}\">", escape(&head.title)),
        format!("<meta property=\"og:description\" content=\"{}\">", escape(&head.description)),
        format!("<meta property=\"og:type\" content=\"{}\">", head.og_type),
        format!("<meta property=\"og:url\" content=\"{}\">", escape(&head.canonical)),
        "<meta property=\"og:locale\" content=\"fr_FR\">".to_string(),
        "<meta property=\"og:site_name\" content=\"Proxinum\">".to_string(),
    ];
    if head.noindex {
        tags.push("<meta name=\"robots\" content=\"noindex\">".to_string());
    }
    if let Some(data) = &head.json_ld {
        tags.push(format!("<script type=\"application/ld+json\">{}</script>", json_in_script(data)));
    }
    tags.join("\n    ")
}

fn postal_address(street: Option<&str>, postal_code: Option<&str>, locality: &str) -> Value {
    let mut address = json!({ "@type": "PostalAddress", "addressLocality": locality, "addressCountry": "FR" });
    if let Some(street) = street {
        address["streetAddress"] = json!(street);
    }
    if let Some(code) = postal_code {
        address["postalCode"] = json!(code);
    }
    address
}

fn place_node(place: &Place, url: Option<&str>) -> Value {
    let france_services = place.dispositif_programmes_nationaux.contains(&Dispositif::FranceServices);
    let mut node = json!({
        "@type": if france_services { "GovernmentOffice" } else { "Place" },
        "name": place.nom_affiche(),
        "address": postal_address(Some(&place.adresse), Some(&place.code_postal), &place.commune_affichee()),
    });
    if let Some(p) = place.position() {
        node["geo"] = json!({ "@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon });
    }
    if let Some(url) = url {
        node["url"] = json!(url);
    }
    if let Some(phone) = &place.telephone {
        node["telephone"] = json!(phone);
    }
    node
}

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// A place's regular week as `OpeningHoursSpecification`s: each weekday
/// read from its next date that is not a public holiday.
fn opening_hours(schedule: &Calendar, today: chrono::NaiveDate) -> Option<Value> {
    let monday = time::monday_of(today);
    let mut specs = Vec::new();
    for (i, day_name) in DAYS.iter().enumerate() {
        let day = (0..3)
            .map(|week| schedule.day(monday + Duration::days(i as i64 + 7 * week)))
            .find(|d| !d.public_holiday && schedule.covers(d.date))?;
        for (start, end) in day.open {
            let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
            specs.push(json!({ "@type": "OpeningHoursSpecification", "dayOfWeek": format!("https://schema.org/{day_name}"), "opens": clock(start), "closes": clock(end.min(24 * 60 - 1)) }));
        }
    }
    Some(Value::Array(specs))
}

/// JSON-LD of a place's page.
pub fn place_json_ld(place: &Place, hours: Option<&Calendar>, url: &str, today: chrono::NaiveDate) -> Value {
    let mut node = place_node(place, Some(url));
    node["@context"] = json!("https://schema.org");
    if let Some(text) = place.presentation_resume.as_deref() {
        node["description"] = json!(summary(text));
    }
    if let Some(specs) = hours.and_then(|h| opening_hours(h, today)) {
        node["openingHoursSpecification"] = specs;
    }
    node
}

/// JSON-LD of a workshop's page.
pub fn session_json_ld(session: &Session, place: Option<&Place>, url: &str) -> Value {
    let start = time::from_paris_local(session.debut);
    let end = time::from_paris_local(session.fin);
    let status = match session.statut {
        Status::Annulee => "https://schema.org/EventCancelled",
        Status::Reportee => "https://schema.org/EventPostponed",
        Status::Programmee | Status::Complete => "https://schema.org/EventScheduled",
    };
    let location = match (&session.lieu, place) {
        (Venue::Lieu { .. }, Some(p)) => place_node(p, None),
        (Venue::Adresse { nom, adresse, code_postal, commune, latitude, longitude, .. }, _) => {
            let mut node =
                json!({ "@type": "Place", "name": nom, "address": postal_address(adresse.as_deref(), code_postal.as_deref(), commune) });
            if let (Some(lat), Some(lon)) = (latitude, longitude) {
                node["geo"] = json!({ "@type": "GeoCoordinates", "latitude": lat, "longitude": lon });
            }
            node
        }
        (Venue::Lieu { lieu_id, .. }, None) => json!({ "@type": "Place", "name": lieu_id }),
    };
    let mut node = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.titre,
        "description": summary(session.description.as_deref().unwrap_or(&session.resume)),
        "startDate": start.to_rfc3339(),
        "endDate": end.to_rfc3339(),
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "isAccessibleForFree": matches!(session.tarif, Price::Gratuit),
        "organizer": { "@type": "Organization", "name": session.organisateur },
        "inLanguage": "fr",
        "url": url,
    });
    if let Some(before) = session.date_initiale {
        node["previousStartDate"] = json!(time::from_paris_local(before).to_rfc3339());
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_shortens() {
        assert_eq!(escape("<a href=\"x\">l'été & co</a>"), "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;");
        assert_eq!(json_in_script(&json!({"t": "</script>"})), "{\"t\":\"\\u003c/script>\"}");
        let long = "mot ".repeat(100);
        let short = summary(&long);
        assert!(short.chars().count() <= 201 && short.ends_with('…'));
    }
}
