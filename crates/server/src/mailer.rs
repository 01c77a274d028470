//! Sends the queued notices by e-mail (`--smtp-url`), in the background:
//! every few seconds it queues the reminders that became due, then sends
//! what waits, each with its workshop's `.ics`, and records the outcome —
//! sent, retried later with a growing delay, given up (a refused address,
//! too many attempts) or pointless (the workshop has started). Core writes
//! the messages and makes the decisions (`proxinum_core::notice`).
//!
//! A notice is marked sent right after the SMTP server accepted it; a crash
//! in between sends it again on restart, with the same `Message-ID` (made
//! from its idempotency key), which mail systems use to drop the copy.

use std::time::Duration;

use anyhow::Context;
use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use proxinum_core::ics::{self, EventContext};
use proxinum_core::notice::{self, NoticeContext, NoticeKind};
use proxinum_core::registration::RegistrationStatus;
use proxinum_core::session::{Session, Status};

use crate::db::notices::{Due, Settled};
use crate::db::{self, Db};
use crate::http::AppState;

/// How often the queue is looked at.
const TICK: Duration = Duration::from_secs(2);
/// Notices sent per look, so that one slow server does not hold the rest.
const BATCH: usize = 20;

/// Where and as whom to send.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// From `--smtp-url` (`smtp://`, `smtps://`, with `?tls=required` for
    /// STARTTLS; user and password in the address) and `--smtp-expediteur`.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("--smtp-url : adresse illisible ({e}). Exemple : smtps://utilisateur:motdepasse@smtp.exemple.fr"))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = from.parse().map_err(|e| {
            anyhow::anyhow!("--smtp-expediteur « {from} » : adresse illisible ({e}). Exemple : Proxinum <ne-pas-repondre@gers.fr>")
        })?;
        Ok(Mailer { transport, from })
    }
}

/// Runs until the server stops.
pub async fn run(state: AppState, mailer: Mailer) {
    let mut ticker = tokio::time::interval(TICK);
    loop {
        ticker.tick().await;
        if let Err(error) = once(&state, &mailer).await {
            tracing::error!("envoi des avis : {error:#}");
        }
    }
}

/// One look at the queue: due reminders queued, then a batch sent.
async fn once(state: &AppState, mailer: &Mailer) -> anyhow::Result<()> {
    let now = state.clock.now();
    queue_due_reminders(&state.db, now).await?;
    let stamp = db::timestamp(now);
    let due = state.db.read(move |c| db::notices::due(c, &stamp, BATCH)).await??;
    for notice in due {
        let settled = send(state, mailer, &notice).await;
        match &settled {
            Settled::Retry { attempts, error, .. } => {
                tracing::warn!(avis = notice.id, genre = notice.kind.as_str(), essais = attempts, "e-mail à réessayer : {error}");
            }
            Settled::GivenUp { error } => tracing::warn!(avis = notice.id, genre = notice.kind.as_str(), "e-mail abandonné : {error}"),
            Settled::Sent | Settled::Pointless => {}
        }
        let stamp = db::timestamp(state.clock.now());
        let id = notice.id;
        state.db.run(move |c| db::notices::settle(c, id, &settled, &stamp)).await?;
    }
    Ok(())
}

/// Reminders of the workshops starting soon, queued once each (the key).
/// The workshops are read on a reader; the writer, which registrations
/// wait for, is only taken when some reminder is due.
async fn queue_due_reminders(db: &Db, now: DateTime<Utc>) -> anyhow::Result<()> {
    let (from, to) = (db::timestamp(now), db::timestamp(now + chrono::Duration::days(2)));
    let due: Vec<Session> = db
        .read(move |c| db::sessions::starting_between(c, &from, &to))
        .await??
        .into_iter()
        .filter(|s| s.statut != Status::Annulee && notice::reminder_due(s, now))
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    db.run(move |c| -> anyhow::Result<()> {
        let tx = c.transaction()?;
        let stamp = db::timestamp(now);
        for session in &due {
            db::notices::queue_reminders(&tx, session, &stamp)?;
        }
        tx.commit()?;
        Ok(())
    })
    .await
}

async fn send(state: &AppState, mailer: &Mailer, notice: &Due) -> Settled {
    let now = state.clock.now();
    let workshop_id = notice.workshop_id.clone();
    let session = match state.db.read(move |c| db::sessions::get(c, &workshop_id)).await {
        Ok(Ok(Some(session))) => session,
        Ok(Ok(None)) => return Settled::Pointless,
        Ok(Err(e)) | Err(e) => return retry(notice, now, format!("base : {e:#}")),
    };
    if !worth_sending(notice, &session, now) {
        return Settled::Pointless;
    }
    let message = match message(state, mailer, notice, &session).await {
        Ok(message) => message,
        // The address was accepted by the form but not by the mail
        // library: no retry will change that.
        Err(e) => return Settled::GivenUp { error: e },
    };
    match mailer.transport.send(message).await {
        Ok(_) => Settled::Sent,
        Err(e) if e.is_permanent() => Settled::GivenUp { error: format!("refusé par le serveur d'envoi ({})", describe(&e)) },
        Err(e) => retry(notice, now, describe(&e)),
    }
}

/// What went wrong, without the server's own words: they often repeat the
/// recipient's address, which must not outlive the registration's erasure
/// (the reason is kept with the notice) nor reach the logs.
fn describe(error: &lettre::transport::smtp::Error) -> String {
    match error.status() {
        Some(code) => format!("réponse {code} du serveur d'envoi"),
        None if error.is_timeout() => "le serveur d'envoi n'a pas répondu à temps".to_string(),
        None => "serveur d'envoi injoignable".to_string(),
    }
}

fn retry(notice: &Due, now: DateTime<Utc>, error: String) -> Settled {
    let attempts = notice.attempts + 1;
    if attempts >= notice::MAX_ATTEMPTS {
        Settled::GivenUp { error }
    } else {
        Settled::Retry { attempts, next: db::timestamp(now + notice::retry_delay(attempts)), error }
    }
}

/// Still true to say? The workshop has not started (and a confirmation is
/// not days late), and the registration is still in the state the notice
/// speaks of.
fn worth_sending(notice: &Due, session: &Session, now: DateTime<Utc>) -> bool {
    let queued = DateTime::parse_from_rfc3339(&notice.queued).map(|t| t.with_timezone(&Utc)).unwrap_or(now);
    if !notice::still_useful(notice.kind, queued, session, now) {
        return false;
    }
    match notice.kind {
        NoticeKind::Annulation => true,
        NoticeKind::Confirmation => notice.status != RegistrationStatus::Annulee && session.statut != Status::Annulee,
        NoticeKind::Promotion | NoticeKind::Rappel => notice.status == RegistrationStatus::Confirmee && session.statut != Status::Annulee,
        NoticeKind::Report => notice.status != RegistrationStatus::Annulee && session.statut == Status::Reportee,
    }
}

/// The e-mail of a notice; the error says what failed, never the address.
async fn message(state: &AppState, mailer: &Mailer, notice: &Due, session: &Session) -> Result<Message, String> {
    written(state, mailer, notice, session).await.map_err(|e| format!("{e:#}"))
}

async fn written(state: &AppState, mailer: &Mailer, notice: &Due, session: &Session) -> anyhow::Result<Message> {
    let catalogs = state.catalogs.clone();
    let territory = session.territoire.clone();
    let built = tokio::task::spawn_blocking(move || catalogs.get(&territory)).await??;
    let place = built.as_ref().and_then(|b| b.catalog.venue_place(session).cloned());
    let page_url = state.site.url(&format!("/ateliers/{}", session.id));
    let context = NoticeContext {
        session,
        prenom: &notice.prenom,
        confirmed: notice.status == RegistrationStatus::Confirmee,
        location: ics::location(session, place.as_ref()),
        page_url: page_url.clone(),
        cancel_url: state.site.url(&format!("/inscriptions/{}/annulation", notice.registration_id)),
    };
    let mail = notice::compose(notice.kind, &context);
    let to: Mailbox = notice.email.parse().context("adresse du destinataire illisible")?;
    let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.body);
    // A postponement without a new date has nothing to put in a calendar.
    let dated = !(notice.kind == NoticeKind::Report && session.date_initiale.is_none());
    let body = if dated {
        let calendar = ics::calendar(&session.titre, [(session, EventContext { place: place.as_ref(), url: page_url })], state.clock.now());
        let attachment = Attachment::new(ics::file_name(session))
            .body(calendar, ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH").context("type du fichier .ics")?);
        MultiPart::mixed().singlepart(text).singlepart(attachment)
    } else {
        MultiPart::mixed().singlepart(text)
    };
    let domain = mailer.from.email.domain().to_string();
    Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(mail.subject)
        .message_id(Some(format!("<{}@{domain}>", message_id_part(&notice.key))))
        .multipart(body)
        .context("écriture du message")
}

/// The idempotency key as the left part of a Message-ID (letters, digits,
/// `.`, `-`; the rest becomes `.`).
fn message_id_part(key: &str) -> String {
    key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '.' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_makes_a_valid_message_id() {
        assert_eq!(message_id_part("report:1b4e-9f:2026-12-10T18:30"), "report.1b4e-9f.2026-12-10T18.30");
    }

    #[test]
    fn bad_settings_are_explained() {
        let refusal = |url: &str, from: &str| Mailer::new(url, from).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refusal("pas une adresse", "Proxinum <a@b.fr>").starts_with("--smtp-url"));
        assert!(refusal("smtp://127.0.0.1:2525", "pas une adresse").starts_with("--smtp-expediteur"));
        assert!(Mailer::new("smtp://127.0.0.1:2525", "Proxinum <ne-pas-repondre@gers.fr>").is_ok());
    }
}
