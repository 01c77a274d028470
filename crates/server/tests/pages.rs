//! Server-rendered pages over real HTTP: content readable without the app,
//! link previews (OpenGraph), schema.org JSON-LD, the plain registration
//! form (validation in the page, one registration for a double submit), and
//! absolute addresses that come from `--url-publique`, never from `Host`.

mod common;

use common::*;
use scraper::{Html, Selector};
use serde_json::Value;

const PUBLIC: &str = "https://proxinum.example";

fn start() -> Server {
    Server::start(&["--url-publique", PUBLIC, "--limite-par-minute", "0"], &[])
}

fn page(server: &Server, path: &str) -> (u16, Html) {
    let reply = get(&agent(), &format!("{}{path}", server.url), &[("Host", "evil.example")]);
    assert!(!reply.body.contains("evil.example"), "the Host header is reflected in {path}");
    assert_eq!(reply.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
    (reply.status, Html::parse_document(&reply.body))
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

fn meta(html: &Html, property: &str) -> Option<String> {
    let selector = Selector::parse(&format!("meta[property=\"{property}\"], meta[name=\"{property}\"]")).unwrap();
    html.select(&selector).next().and_then(|e| e.value().attr("content").map(String::from))
}

fn json_ld(html: &Html) -> Value {
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let script = html.select(&selector).next().expect("a JSON-LD script");
    serde_json::from_str(&script.text().collect::<String>()).expect("JSON-LD parses")
}

fn open_graph(html: &Html, title: &str, og_type: &str, url: &str) {
    assert_eq!(meta(html, "og:title").as_deref(), Some(title));
    assert_eq!(meta(html, "og:type").as_deref(), Some(og_type));
    assert_eq!(meta(html, "og:url").as_deref(), Some(url));
    assert_eq!(meta(html, "og:locale").as_deref(), Some("fr_FR"));
    assert_eq!(meta(html, "og:site_name").as_deref(), Some("Proxinum"));
    let description = meta(html, "og:description").expect("og:description");
    assert!(description.len() > 20, "{description}");
    assert_eq!(meta(html, "description"), Some(description));
    let canonical = Selector::parse("link[rel=canonical]").unwrap();
    assert_eq!(html.select(&canonical).next().and_then(|e| e.value().attr("href")), Some(url));
    assert_eq!(texts(html, "head > title"), vec![format!("{title} — Proxinum")]);
}

#[test]
fn home_lists_the_territorys_places_and_finds_a_commune() {
    let server = start();
    let (status, html) = page(&server, "/");
    assert_eq!(status, 200);
    assert_eq!(texts(&html, "h1"), vec!["Autour de moi"]);
    let heading = texts(&html, "h2").into_iter().find(|h| h.starts_with("Tous les lieux dans le Gers")).expect("list heading");
    assert!(heading.ends_with(')'), "{heading}");
    let cards = texts(&html, "ul.card-list > li h3");
    assert_eq!(cards.len(), 10, "the first page of the list");
    assert!(texts(&html, "ul.card-list > li .state").iter().all(|s| !s.is_empty()), "each card says if the place is open");
    assert!(texts(&html, "a.more").contains(&"Voir plus de lieux".to_string()), "a real link to the longer list");
    open_graph(&html, "Autour de moi", "website", &format!("{PUBLIC}/"));

    // The plain search form asks for /?commune=… and gets the nearest first.
    let (_, html) = page(&server, "/?commune=Lectoure");
    assert!(texts(&html, "h2").iter().any(|h| h.contains("proches de Lectoure")));
    assert_eq!(texts(&html, "ol.card-list > li h3 a").first().map(String::as_str), Some("France services Lectoure"));
    let links = Selector::parse("ol.card-list > li h3 a").unwrap();
    let href = html.select(&links).next().unwrap().value().attr("href").unwrap().to_string();
    assert!(href.starts_with("/lieux/fs-192?lat="), "{href}");

    let (_, html) = page(&server, "/?commune=Nullepartville");
    assert!(texts(&html, "[role=status]").iter().any(|t| t.starts_with("Aucune commune trouvée")));
}

#[test]
fn a_place_page_with_its_preview_and_structured_data() {
    let server = start();
    let (status, html) = page(&server, "/lieux/fs-192?lat=43.64650&lon=0.58550&commune=Auch");
    assert_eq!(status, 200);
    assert_eq!(texts(&html, "h1"), vec!["France services Lectoure"]);
    assert!(texts(&html, "table.hours th").len() == 7, "the week's hours");
    let back = Selector::parse("p.back a").unwrap();
    assert_eq!(html.select(&back).next().unwrap().value().attr("href"), Some("/?lat=43.64650&lon=0.58550&commune=Auch"));
    open_graph(&html, "France services Lectoure", "place", &format!("{PUBLIC}/lieux/fs-192"));
    let data = json_ld(&html);
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "GovernmentOffice");
    assert_eq!(data["name"], "France services Lectoure");
    assert_eq!(data["url"], format!("{PUBLIC}/lieux/fs-192"));
    assert_eq!(data["address"]["@type"], "PostalAddress");
    assert_eq!(data["address"]["postalCode"], "32700");
    assert_eq!(data["address"]["addressLocality"], "Lectoure");
    assert_eq!(data["address"]["addressCountry"], "FR");
    assert!(data["geo"]["latitude"].as_f64().is_some() && data["geo"]["longitude"].as_f64().is_some());
    let hours = data["openingHoursSpecification"].as_array().expect("opening hours");
    let tuesday: Vec<_> = hours.iter().filter(|h| h["dayOfWeek"] == "https://schema.org/Tuesday").collect();
    assert_eq!(tuesday.len(), 2, "{hours:?}");
    assert_eq!((tuesday[0]["opens"].as_str(), tuesday[0]["closes"].as_str()), (Some("08:30"), Some("12:00")));

    let (status, html) = page(&server, "/lieux/inconnu");
    assert_eq!(status, 404);
    assert_eq!(texts(&html, "h1"), vec!["Lieu introuvable"]);
}

#[test]
fn a_workshop_page_with_its_event_data_and_status() {
    let server = start();
    let start_at = days_from_now(10, 14);
    create_workshop(&server, "atelier-pages", start_at, Some(12));
    let (status, html) = page(&server, "/ateliers/atelier-pages");
    assert_eq!(status, 200);
    assert_eq!(texts(&html, "h1"), vec!["Atelier de test"]);
    assert!(texts(&html, "dd.seats").contains(&"12 places restantes".to_string()));
    assert_eq!(texts(&html, "a.button-wide"), vec!["M'inscrire"]);
    open_graph(&html, "Atelier de test", "event", &format!("{PUBLIC}/ateliers/atelier-pages"));
    let data = json_ld(&html);
    assert_eq!(data["@type"], "Event");
    assert_eq!(data["name"], "Atelier de test");
    let start = chrono::DateTime::parse_from_rfc3339(data["startDate"].as_str().unwrap()).expect("startDate with offset");
    let expected = proxinum_core::time::from_paris_local(start_at);
    assert_eq!(start, expected);
    assert!(data["startDate"].as_str().unwrap().ends_with("+01:00") || data["startDate"].as_str().unwrap().ends_with("+02:00"));
    assert!(chrono::DateTime::parse_from_rfc3339(data["endDate"].as_str().unwrap()).unwrap() > start);
    assert_eq!(data["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(data["location"]["name"], "France services Lectoure");
    assert_eq!(data["location"]["address"]["postalCode"], "32700");
    assert!(data["location"]["geo"]["latitude"].as_f64().is_some());
    assert_eq!(data["isAccessibleForFree"], true);
    assert_eq!(data["organizer"]["name"], "Tests");

    let cancelled =
        send(&agent(), "POST", &format!("{}/api/organisateur/ateliers/atelier-pages/annulation", server.url), None, Some(TOKEN));
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    let (_, html) = page(&server, "/ateliers/atelier-pages");
    assert_eq!(json_ld(&html)["eventStatus"], "https://schema.org/EventCancelled");
    assert!(texts(&html, ".notice").contains(&"Cet atelier est annulé.".to_string()));
}

fn post_form(server: &Server, session: &str, fields: &[(&str, &str)]) -> (u16, Html) {
    let body: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let request = ureq::http::Request::builder()
        .method("POST")
        .uri(format!("{}/ateliers/{session}/inscription", server.url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .unwrap();
    let response = agent().run(request).expect("POST");
    let status = response.status().as_u16();
    (status, Html::parse_document(&response.into_body().read_to_string().unwrap()))
}

#[test]
fn the_plain_form_registers_once_and_explains_mistakes_in_place() {
    let server = start();
    create_workshop(&server, "atelier-formulaire", days_from_now(12, 18), Some(5));
    let (status, html) = page(&server, "/ateliers/atelier-formulaire/inscription");
    assert_eq!(status, 200);
    let hidden = Selector::parse("form input[name=id]").unwrap();
    let id = html.select(&hidden).next().unwrap().value().attr("value").unwrap().to_string();
    uuid::Uuid::parse_str(&id).expect("the server made a UUID");
    assert_eq!(meta(&html, "robots").as_deref(), Some("noindex"));

    // No phone and no e-mail: the message is next to the field, the rest kept.
    let (status, html) = post_form(
        &server,
        "atelier-formulaire",
        &[("id", &id), ("prenom", "Jeanne"), ("nom", "Dupont"), ("places", "2"), ("consentement", "oui")],
    );
    assert_eq!(status, 422);
    let phone_error = texts(&html, "#telephone-erreur").join("");
    assert!(phone_error.contains("téléphone"), "{phone_error}");
    let value = |name: &str| {
        let selector = Selector::parse(&format!("input[name={name}]")).unwrap();
        html.select(&selector).next().and_then(|e| e.value().attr("value").map(String::from))
    };
    assert_eq!(value("prenom").as_deref(), Some("Jeanne"));
    assert_eq!(value("id").as_deref(), Some(id.as_str()), "the same id: nothing was registered");
    let selected = Selector::parse("select[name=places] option[selected]").unwrap();
    assert_eq!(html.select(&selected).next().map(|e| e.text().collect::<String>()), Some("2".into()));

    // Sent twice (a double tap, a reload): one registration.
    let fields = [
        ("id", id.as_str()),
        ("prenom", "Jeanne"),
        ("nom", "Dupont"),
        ("telephone", "06 12 34 56 78"),
        ("places", "2"),
        ("consentement", "oui"),
    ];
    let (first, html) = post_form(&server, "atelier-formulaire", &fields);
    assert_eq!(first, 201);
    assert_eq!(texts(&html, "h1"), vec!["Inscription confirmée"]);
    let code = texts(&html, ".short-code").join("");
    assert_eq!(code, proxinum_core::registration::short_code(uuid::Uuid::parse_str(&id).unwrap()));
    let (second, html) = post_form(&server, "atelier-formulaire", &fields);
    assert_eq!(second, 200);
    assert_eq!(texts(&html, ".short-code").join(""), code);
    let seats = get(&agent(), &format!("{}/api/sessions/atelier-formulaire", server.url), &[]).json();
    assert_eq!(seats["places_restantes"], 3, "two seats taken once");
    let list =
        send(&agent(), "GET", &format!("{}/api/organisateur/ateliers/atelier-formulaire/inscriptions", server.url), None, Some(TOKEN))
            .json();
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
}

#[test]
fn guides_privacy_sitemap_and_robots() {
    let server = start();
    let (_, html) = page(&server, "/guides/reconnaitre-une-arnaque");
    let steps = texts(&html, "ol.steps > li h2");
    assert_eq!(steps.len(), 5, "every step is in the page");
    open_graph(&html, "Reconnaître une arnaque : faux SMS et faux e-mails", "article", &format!("{PUBLIC}/guides/reconnaitre-une-arnaque"));
    let (_, html) = page(&server, "/confidentialite");
    assert_eq!(texts(&html, "h1"), vec!["Vos données"]);
    let (_, html) = page(&server, "/ateliers");
    assert!(texts(&html, "p").iter().any(|p| p.ends_with("à venir") || p.starts_with("Aucun atelier")));

    let sitemap = get(&agent(), &format!("{}/sitemap.xml", server.url), &[("Host", "evil.example")]);
    assert!(sitemap.body.contains(&format!("<loc>{PUBLIC}/lieux/fs-192</loc>")));
    assert!(sitemap.body.contains(&format!("<loc>{PUBLIC}/guides/reconnaitre-une-arnaque</loc>")));
    assert!(!sitemap.body.contains("evil.example"));
    let robots = get(&agent(), &format!("{}/robots.txt", server.url), &[]);
    assert!(robots.body.contains(&format!("Sitemap: {PUBLIC}/sitemap.xml")));
}

#[test]
fn the_workshops_page_offers_to_subscribe_to_the_territorys_calendar() {
    let server = start();
    let (_, html) = page(&server, "/ateliers");
    assert_eq!(texts(&html, "#abonnement"), vec!["S'abonner à l'agenda"]);
    let links = Selector::parse("section[aria-labelledby=abonnement] a").unwrap();
    let hrefs: Vec<&str> = html.select(&links).filter_map(|a| a.value().attr("href")).collect();
    // From the configured public address, never from the request's Host.
    assert_eq!(
        hrefs,
        vec!["webcal://proxinum.example/api/catalogue/32/ateliers.ics", "https://proxinum.example/api/catalogue/32/ateliers.ics"]
    );
    let said = texts(&html, "section[aria-labelledby=abonnement] p").join(" ");
    assert!(said.contains("Sur iPhone") && said.contains("Sur Android"), "{said}");
    // The address is the feed's.
    let feed = get(&agent(), &format!("{}/api/catalogue/32/ateliers.ics", server.url), &[]);
    assert_eq!(feed.status, 200);
    assert!(feed.header("content-type").is_some_and(|t| t.starts_with("text/calendar")));
    assert!(feed.body.starts_with("BEGIN:VCALENDAR"));
}

/// A raw request, so that the `Host` header is exactly the one given.
fn raw_get(server: &Server, path: &str, host: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(server.url.trim_start_matches("http://")).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn a_forged_host_never_appears_in_any_answer_and_https_brings_hsts() {
    let server = start();
    let catalog = get(&agent(), &format!("{}/api/catalogue/32", server.url), &[]).json();
    let workshop =
        catalog["ateliers"].as_array().unwrap().iter().find(|a| a["exemple"] == true).unwrap()["id"].as_str().unwrap().to_string();
    let paths = [
        "/".to_string(),
        "/?commune=Auch".into(),
        "/lieux/fs-192".into(),
        "/lieux/inconnu".into(),
        "/ateliers".into(),
        "/ateliers/passes".into(),
        format!("/ateliers/{workshop}"),
        format!("/ateliers/{workshop}/inscription"),
        "/guides".into(),
        "/confidentialite".into(),
        "/sitemap.xml".into(),
        "/robots.txt".into(),
        "/page-inconnue".into(),
        "/api/catalogue/32".into(),
        "/api/catalogue/32/ateliers.ics".into(),
        format!("/api/ateliers/{workshop}/calendrier.ics"),
        format!("/api/sessions/{workshop}"),
        "/api/lieux/proches?lat=43.6&lon=0.58".into(),
        "/api/openapi.json".into(),
        "/api/inconnue".into(),
        "/manifest.webmanifest".into(),
    ];
    for path in &paths {
        let answer = raw_get(&server, path, "evil.example");
        assert!(answer.starts_with("HTTP/1.1 "), "{path}: {answer}");
        assert!(!answer.to_ascii_lowercase().contains("evil.example"), "the Host header is reflected in {path}:\n{answer}");
        assert!(answer.to_ascii_lowercase().contains("\r\nstrict-transport-security: max-age=31536000\r\n"), "HSTS on {path}");
    }
    // The calendar files link to the public address.
    let feed = raw_get(&server, "/api/catalogue/32/ateliers.ics", "evil.example");
    assert!(feed.contains(&format!("URL:{PUBLIC}/ateliers/")), "{feed}");
}

/// The service worker refreshes a page behind every visit: with a validator,
/// an unchanged page costs a 304 and its headers, not the page again.
#[test]
fn an_unchanged_page_is_answered_304_and_a_changed_one_in_full() {
    let server = start();
    let url = format!("{}/ateliers", server.url);
    let first = get(&agent(), &url, &[]);
    assert_eq!(first.status, 200);
    let tag = first.header("etag").expect("an ETag on the page").to_string();
    assert!(tag.starts_with("W/\""), "weak: one tag for the brotli, gzip and plain page ({tag})");
    assert_eq!(get(&agent(), &url, &[("Accept-Encoding", "br")]).header("etag"), Some(tag.as_str()));

    let again = get(&agent(), &url, &[("If-None-Match", &tag)]);
    assert_eq!(again.status, 304);
    assert_eq!(again.body, "");
    assert_eq!(again.header("etag"), Some(tag.as_str()));
    assert_eq!(again.header("cache-control"), Some("no-cache"));
    assert_eq!(get(&agent(), &url, &[("If-None-Match", "W/\"autre\", *")]).status, 304);
    assert_eq!(get(&agent(), &url, &[("If-None-Match", "W/\"autre\"")]).status, 200);

    // A new workshop changes the page: the old tag no longer matches.
    create_workshop(&server, "atelier-validateur", days_from_now(3, 10), Some(5));
    let changed = get(&agent(), &url, &[("If-None-Match", &tag)]);
    assert_eq!(changed.status, 200);
    assert!(changed.body.contains("atelier-validateur"));
    assert_ne!(changed.header("etag"), Some(tag.as_str()));

    // Only pages: a form's answer, the API and the app's files keep their own rules.
    let form = send(&agent(), "POST", &format!("{}/ateliers/atelier-validateur/inscription", server.url), None, None);
    assert_eq!(form.header("etag"), None, "{}", form.status);
    assert_eq!(get(&agent(), &format!("{}/api/health", server.url), &[]).header("etag"), None);
}
