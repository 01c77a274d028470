//! Notices to registrants by e-mail, against a local SMTP sink this test
//! starts: one message per registrant and event, the new date in a
//! postponement, the reminder once the day before, the cancellation link,
//! the organiser's list of people to phone, and a crash between queueing
//! and sending.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use uuid::Uuid;

/// One message the sink received.
#[derive(Clone, Debug)]
struct Received {
    to: String,
    subject: String,
    body: String,
    message_id: String,
    /// The `.ics` attachment, when there is one.
    calendar: Option<String>,
}

/// A minimal SMTP server on loopback that accepts everything and keeps it
/// (or, `refusing`, answers every recipient "550 no such user").
struct Sink {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Sink {
    fn start() -> Sink {
        Self::listen(false)
    }

    fn refusing() -> Sink {
        Self::listen(true)
    }

    fn listen(refuse: bool) -> Sink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let store = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let store = store.clone();
                std::thread::spawn(move || serve(stream, &store, refuse));
            }
        });
        Sink { port, received }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn all(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until `count` messages match, then a few more sender rounds,
    /// and returns those that match (a duplicate would show then).
    fn settle(&self, count: usize, matching: impl Fn(&Received) -> bool) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.all().iter().filter(|m| matching(m)).count() < count {
            assert!(Instant::now() < deadline, "waited for {count} message(s); received: {:#?}", self.all());
            std::thread::sleep(Duration::from_millis(100));
        }
        // The sender looks every 2 s: three more rounds.
        std::thread::sleep(Duration::from_secs(6));
        self.all().into_iter().filter(|m| matching(m)).collect()
    }
}

fn serve(stream: TcpStream, store: &Mutex<Vec<Received>>, refuse: bool) {
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let mut say = |text: &str| writer.write_all(format!("{text}\r\n").as_bytes()).is_ok();
    say("220 sink ESMTP");
    let mut to = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            say("250 sink");
        } else if command.starts_with("RCPT TO:") && refuse {
            // As real servers do, the refusal repeats the address.
            let address = line.trim_end()[8..].trim().to_string();
            say(&format!("550 5.1.1 {address}: no such user"));
        } else if command.starts_with("RCPT TO:") {
            to = line.trim_end()[8..].trim().trim_matches(['<', '>']).to_string();
            say("250 OK");
        } else if command == "DATA" {
            say("354 go on");
            let mut data = String::new();
            loop {
                let mut part = String::new();
                if reader.read_line(&mut part).unwrap_or(0) == 0 {
                    return;
                }
                if part == ".\r\n" {
                    break;
                }
                data.push_str(part.strip_prefix('.').filter(|_| part.starts_with("..")).unwrap_or(&part));
            }
            store.lock().unwrap().push(parse(&to, data.as_bytes()));
            say("250 queued");
        } else if command == "QUIT" {
            say("221 bye");
            return;
        } else {
            // MAIL FROM, RSET, NOOP.
            say("250 OK");
        }
    }
}

/// Reads a message with an independent MIME parser.
fn parse(to: &str, raw: &[u8]) -> Received {
    use mailparse::MailHeaderMap;
    let mail = mailparse::parse_mail(raw).expect("a MIME message");
    let header = |name: &str| mail.headers.get_first_value(name).unwrap_or_default();
    let mut body = String::new();
    let mut calendar = None;
    for part in mail.subparts.iter().chain(std::iter::once(&mail).filter(|m| m.subparts.is_empty())) {
        let text = part.get_body().unwrap();
        if part.ctype.mimetype == "text/calendar" {
            calendar = Some(text);
        } else if part.ctype.mimetype == "text/plain" {
            body.push_str(&text);
        }
    }
    Received { to: to.to_string(), subject: header("Subject"), body, message_id: header("Message-ID"), calendar }
}

const FROM: &str = "Proxinum <ne-pas-repondre@proxinum.test>";

fn with_smtp(sink: &Sink) -> Vec<String> {
    ["--smtp-url", &sink.url(), "--smtp-expediteur", FROM, "--url-publique", "https://proxinum.test", "--limite-par-minute", "0"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn start(args: &[String], env: &[(&str, &str)]) -> Server {
    Server::start(&args.iter().map(String::as_str).collect::<Vec<_>>(), env)
}

fn register(server: &Server, workshop: &str, email: Option<&str>, phone: Option<&str>, first_name: &str) -> (Uuid, Value) {
    let id = Uuid::new_v4();
    let mut body = registration(id, workshop, 1);
    body["prenom"] = json!(first_name);
    body["courriel"] = json!(email);
    body["telephone"] = json!(phone);
    let reply = send(&agent(), "POST", &format!("{}/api/inscriptions", server.url), Some(&body), None);
    assert_eq!(reply.status, 201, "{}", reply.body);
    (id, reply.json())
}

fn to_call(server: &Server, workshop: &str) -> Vec<Value> {
    let reply = send(&agent(), "GET", &format!("{}/api/organisateur/ateliers/{workshop}/a-appeler", server.url), None, Some(TOKEN));
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json().as_array().unwrap().clone()
}

fn about(subject_start: &'static str) -> impl Fn(&Received) -> bool {
    move |m: &Received| m.subject.starts_with(subject_start)
}

#[test]
fn a_change_is_told_once_to_each_registrant_by_e_mail_and_the_others_are_listed_to_phone() {
    let sink = Sink::start();
    let server = start(&with_smtp(&sink), &[]);
    create_workshop(&server, "atelier-avis", days_from_now(12, 18), Some(2));
    let (anne, _) = register(&server, "atelier-avis", Some("anne@exemple.fr"), None, "Anne");
    let (_bruno, _) = register(&server, "atelier-avis", None, Some("06 12 34 56 78"), "Bruno");
    let (_chloe, waiting) = register(&server, "atelier-avis", Some("chloe@exemple.fr"), Some("06 98 76 54 32"), "Chloé");
    assert_eq!(waiting["statut"], "liste_attente");

    // Confirmation and waiting list, each once; Bruno gave no e-mail.
    let confirmations = sink.settle(2, |m| m.subject.contains("Atelier de test"));
    assert_eq!(confirmations.len(), 2, "{confirmations:#?}");
    let to_anne = confirmations.iter().find(|m| m.to == "anne@exemple.fr").unwrap();
    assert_eq!(to_anne.subject, "Inscription confirmée : Atelier de test");
    assert!(to_anne.body.starts_with("Bonjour Anne,"), "{}", to_anne.body);
    assert!(to_anne.body.contains(&format!("https://proxinum.test/inscriptions/{anne}/annulation")), "{}", to_anne.body);
    assert!(to_anne.body.contains("https://proxinum.test/ateliers/atelier-avis"));
    assert!(to_anne.message_id.starts_with(&format!("<confirmation.{anne}@proxinum.test")), "{}", to_anne.message_id);
    let ics = to_anne.calendar.as_deref().expect("the workshop's .ics");
    assert_eq!(ics.matches("PRODID").count(), 1);
    assert!(ics.contains("BEGIN:VALARM"));
    let to_chloe = confirmations.iter().find(|m| m.to == "chloe@exemple.fr").unwrap();
    assert_eq!(to_chloe.subject, "Liste d'attente : Atelier de test");
    // Nothing to phone about yet.
    assert_eq!(to_call(&server, "atelier-avis"), Vec::<Value>::new());

    // Postponed: the new date, to each registrant with an e-mail, once.
    let new_start = days_from_now(19, 14);
    let body = json!({
        "debut": new_start.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "fin": (new_start + chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%S").to_string(),
    });
    let reply = send(&agent(), "POST", &format!("{}/api/organisateur/ateliers/atelier-avis/report", server.url), Some(&body), Some(TOKEN));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let postponed = sink.settle(2, about("Nouvelle date"));
    assert_eq!(postponed.len(), 2, "{postponed:#?}");
    let when = proxinum_core::time::long_date(new_start.date());
    for message in &postponed {
        assert!(message.body.contains(&format!("Quand : {when}, de 14h00 à 16h00")), "{}", message.body);
        let ics = message.calendar.as_deref().unwrap();
        assert!(ics.contains(&format!("DTSTART;TZID=Europe/Paris:{}", new_start.format("%Y%m%dT%H%M%S"))), "{ics}");
    }
    // Bruno, phone only, is on the organiser's list, with the reason.
    let calls = to_call(&server, "atelier-avis");
    assert_eq!(calls.len(), 1, "{calls:#?}");
    assert_eq!(calls[0]["prenom"], "Bruno");
    assert_eq!(calls[0]["telephone"], "+33612345678");
    assert_eq!(calls[0]["raison"], format!("Nouvelle date : {when}, de 14h00 à 16h00"));

    // Cancelled: exactly one message per registrant with an e-mail.
    let reply = send(&agent(), "POST", &format!("{}/api/organisateur/ateliers/atelier-avis/annulation", server.url), None, Some(TOKEN));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let cancelled = sink.settle(2, about("Atelier annulé"));
    let mut recipients: Vec<&str> = cancelled.iter().map(|m| m.to.as_str()).collect();
    recipients.sort();
    assert_eq!(recipients, ["anne@exemple.fr", "chloe@exemple.fr"]);
    assert!(cancelled.iter().all(|m| m.body.contains("Vous n'avez rien à faire")));
    assert!(cancelled[0].calendar.as_deref().unwrap().contains("STATUS:CANCELLED"));
    let reasons: Vec<String> = to_call(&server, "atelier-avis").iter().map(|c| c["raison"].as_str().unwrap().to_string()).collect();
    assert_eq!(reasons.last().map(String::as_str), Some("Atelier annulé : le prévenir"));
    // Six messages in all (two registrants with an e-mail, three events):
    // no event told twice.
    assert_eq!(sink.all().len(), 6, "{:#?}", sink.all());
}

#[test]
fn the_link_in_the_e_mail_cancels_after_asking_and_the_next_one_is_told() {
    let sink = Sink::start();
    let server = start(&with_smtp(&sink), &[]);
    create_workshop(&server, "atelier-lien", days_from_now(9, 10), Some(1));
    let (anne, _) = register(&server, "atelier-lien", Some("anne@exemple.fr"), None, "Anne");
    let (_chloe, _) = register(&server, "atelier-lien", Some("chloe@exemple.fr"), None, "Chloé");
    sink.settle(2, |_| true);

    let page = format!("{}/inscriptions/{anne}/annulation", server.url);
    // Opening the link (a mail scanner does) changes nothing.
    let asked = get(&agent(), &page, &[]);
    assert_eq!(asked.status, 200);
    assert!(asked.body.contains("Oui, annuler mon inscription"), "{}", asked.body);
    assert!(asked.body.contains("noindex"));
    let status = get(&agent(), &format!("{}/api/inscriptions/{anne}", server.url), &[]).json();
    assert_eq!(status["statut"], "confirmee");

    let done = send(&agent(), "POST", &page, None, None);
    assert_eq!(done.status, 200);
    assert!(done.body.contains("Votre inscription est annulée"), "{}", done.body);
    let again = send(&agent(), "POST", &page, None, None);
    assert!(again.body.contains("Inscription déjà annulée"), "{}", again.body);

    // Chloé moves up from the waiting list, and is told once.
    let promoted = sink.settle(1, about("Une place pour vous"));
    assert_eq!(promoted.len(), 1);
    assert_eq!(promoted[0].to, "chloe@exemple.fr");
    // An unknown or malformed registration: a plain 404 page.
    assert_eq!(get(&agent(), &format!("{}/inscriptions/{}/annulation", server.url, Uuid::new_v4()), &[]).status, 404);
    assert_eq!(get(&agent(), &format!("{}/inscriptions/pas-un-uuid/annulation", server.url), &[]).status, 404);
}

#[test]
fn the_reminder_goes_once_the_day_before_from_ten() {
    let sink = Sink::start();
    // The server's clock: 09:59:40 (Paris) the day before the workshop.
    let workshop_day = chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    let args = with_smtp(&sink);
    let server = start(&args, &[("PROXINUM_MAINTENANT", "2027-03-09T09:59:40+01:00")]);
    create_workshop(&server, "atelier-rappel", workshop_day.and_hms_opt(18, 30, 0).unwrap(), Some(10));
    register(&server, "atelier-rappel", Some("anne@exemple.fr"), None, "Anne");
    register(&server, "atelier-rappel", None, Some("06 12 34 56 78"), "Bruno");
    // Before 10:00 (the server's clock is still some seconds before): the
    // confirmation only.
    let deadline = Instant::now() + Duration::from_secs(10);
    while sink.all().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(3));
    let before_ten = sink.all();
    assert_eq!(before_ten.len(), 1, "{before_ten:#?}");
    assert!(before_ten[0].subject.starts_with("Inscription confirmée"), "{before_ten:#?}");
    // From 10:00 the reminder goes, once, with the time, place and the way to cancel.
    let reminders = sink.settle(1, about("Rappel"));
    assert_eq!(reminders.len(), 1, "{reminders:#?}");
    assert_eq!(reminders[0].subject, "Rappel : Atelier de test, demain");
    assert!(reminders[0].body.contains("Quand : mercredi 10 mars 2027, de 18h30 à 20h30"), "{}", reminders[0].body);
    assert!(reminders[0].body.contains("Où : "), "{}", reminders[0].body);
    assert!(reminders[0].body.contains("/annulation"));
}

#[test]
fn a_crash_between_queueing_and_sending_still_sends_exactly_once() {
    let sink = Sink::start();
    // No e-mail server: the notice is queued with the registration, not sent.
    let dir = tempfile::tempdir().unwrap();
    let first = Server::start_in(dir, &[], &[]);
    create_workshop(&first, "atelier-panne", days_from_now(8, 9), Some(5));
    let (anne, _) = register(&first, "atelier-panne", Some("anne@exemple.fr"), None, "Anne");
    // Without an e-mail server the organiser sees nobody to phone for a
    // confirmation (only changes are worth a call).
    assert_eq!(to_call(&first, "atelier-panne"), Vec::<Value>::new());
    let status = std::process::Command::new("kill").args(["-9", &first.pid().to_string()]).status().unwrap();
    assert!(status.success());
    let dir = first.into_dir();
    assert!(sink.all().is_empty());

    // Restarted with the e-mail server: sent once, and not again after
    // another restart.
    let second = Server::start_in(dir, &with_smtp(&sink).iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    let sent = sink.settle(1, |_| true);
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0].to, "anne@exemple.fr");
    assert!(sent[0].message_id.contains(&anne.to_string()));
    let dir = second.into_dir();
    let _third = Server::start_in(dir, &with_smtp(&sink).iter().map(String::as_str).collect::<Vec<_>>(), &[]);
    std::thread::sleep(Duration::from_secs(6));
    assert_eq!(sink.all().len(), 1, "{:#?}", sink.all());
}

#[test]
fn an_address_refused_for_good_is_given_up_at_once_and_listed_to_phone() {
    let sink = Sink::refusing();
    let server = start(&with_smtp(&sink), &[]);
    create_workshop(&server, "atelier-refus", days_from_now(11, 15), Some(5));
    register(&server, "atelier-refus", Some("inconnue@exemple.fr"), Some("06 98 76 54 32"), "Chloé");
    let reply = send(&agent(), "POST", &format!("{}/api/organisateur/ateliers/atelier-refus/annulation", server.url), None, Some(TOKEN));
    assert_eq!(reply.status, 200, "{}", reply.body);
    // A permanent refusal is not retried: she is on the list at once (a
    // few sender rounds), marked as an e-mail that could not go.
    let deadline = Instant::now() + Duration::from_secs(20);
    let calls = loop {
        let calls = to_call(&server, "atelier-refus");
        if !calls.is_empty() || Instant::now() > deadline {
            break calls;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(calls.len(), 1, "{calls:#?}");
    assert_eq!(calls[0]["prenom"], "Chloé");
    assert_eq!(calls[0]["raison"], "Atelier annulé : le prévenir");
    assert_eq!(calls[0]["courriel_echoue"], true);
    assert!(sink.all().is_empty());
    // The reason kept with the notice is the server's code, not its words
    // (which named the address, and must not outlive an erasure).
    let db = rusqlite::Connection::open(server.db_path()).unwrap();
    let reasons: Vec<String> = db
        .prepare("SELECT erreur FROM avis WHERE etat = 'abandonne'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        !reasons.is_empty() && reasons.iter().all(|r| r == "refusé par le serveur d'envoi (réponse 550 du serveur d'envoi)"),
        "{reasons:?}"
    );
}
