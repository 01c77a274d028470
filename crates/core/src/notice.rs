//! Notices to registrants: which events deserve one (confirmation, promotion
//! from the waiting list, cancellation, postponement, the reminder the day
//! before), the key that makes each one unique, when a reminder is due,
//! when a notice has become pointless, how long to wait before retrying,
//! and the plain French text of the e-mail. The server queues and sends;
//! the decisions are made here once.

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::session::Session;
use crate::time;

/// Why a registrant is told something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The registration was recorded (confirmed or on the waiting list).
    Confirmation,
    /// A seat freed up: from the waiting list to confirmed.
    Promotion,
    /// The organiser cancelled the workshop.
    Annulation,
    /// The organiser postponed it (to a new date, or one to be announced).
    Report,
    /// The day before.
    Rappel,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Confirmation => "confirmation",
            NoticeKind::Promotion => "promotion",
            NoticeKind::Annulation => "annulation",
            NoticeKind::Report => "report",
            NoticeKind::Rappel => "rappel",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [NoticeKind::Confirmation, NoticeKind::Promotion, NoticeKind::Annulation, NoticeKind::Report, NoticeKind::Rappel]
            .into_iter()
            .find(|k| k.as_str() == text)
    }

    /// Whether the organiser must phone a registrant who gave no e-mail:
    /// the workshop changed for them. A confirmation was seen on screen,
    /// and a reminder is a courtesy.
    pub fn worth_a_call(self) -> bool {
        matches!(self, NoticeKind::Promotion | NoticeKind::Annulation | NoticeKind::Report)
    }
}

/// The idempotency key of one notice: the same event for the same
/// registration is queued, and sent, once. A postponement and a reminder
/// carry the date they are about, so a second postponement is a new notice.
pub fn key(kind: NoticeKind, registration_id: &str, session: &Session) -> String {
    match kind {
        NoticeKind::Report | NoticeKind::Rappel => {
            format!("{}:{registration_id}:{}", kind.as_str(), session.debut.format("%Y-%m-%dT%H:%M"))
        }
        _ => format!("{}:{registration_id}", kind.as_str()),
    }
}

/// Reminders go from this hour (Paris) of the day before.
pub const REMINDER_HOUR: u32 = 10;

/// Whether the reminder of a workshop is due now: the day before it (Paris
/// date), from 10h00 on, and never once it has started. A registration made
/// on the day itself gets none (its confirmation just said when).
pub fn reminder_due(session: &Session, now: DateTime<Utc>) -> bool {
    let local = time::in_paris(now).naive_local();
    let day_before = session.debut.date() - Duration::days(1);
    let from = NaiveDateTime::new(day_before, NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0).unwrap_or_default());
    local >= from && local < session.debut && local.date() == day_before
}

/// How long a confirmation stays worth sending: one queued while no e-mail
/// server was configured must not arrive weeks later.
pub const CONFIRMATION_KEPT_HOURS: i64 = 48;

/// Whether a notice still means something when it is about to be sent (a
/// server down for a day must not remind of a workshop that took place).
/// `session` is the workshop as it stands now; `queued` when the notice
/// was queued.
pub fn still_useful(kind: NoticeKind, queued: DateTime<Utc>, session: &Session, now: DateTime<Utc>) -> bool {
    let fresh = kind != NoticeKind::Confirmation || now - queued < Duration::hours(CONFIRMATION_KEPT_HOURS);
    fresh && !session.has_started(now)
}

/// Attempts before giving up on an e-mail (about a day and a half).
pub const MAX_ATTEMPTS: u32 = 8;

/// How long to wait after the `attempt`-th failure (1 = the first): one
/// minute, then longer and longer, at most six hours.
pub fn retry_delay(attempt: u32) -> Duration {
    const MINUTES: [i64; 8] = [1, 5, 15, 60, 180, 360, 360, 360];
    Duration::minutes(MINUTES[(attempt.clamp(1, 8) - 1) as usize])
}

/// What a notice needs to be written.
pub struct NoticeContext<'a> {
    pub session: &'a Session,
    /// First name, to greet.
    pub prenom: &'a str,
    /// Confirmed (false: on the waiting list), for the confirmation.
    pub confirmed: bool,
    /// "Médiathèque, 2 Cours Gambetta, 32700 Lectoure".
    pub location: String,
    /// The workshop's public page.
    pub page_url: String,
    /// The page that cancels this registration.
    pub cancel_url: String,
}

/// A plain-text e-mail, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub subject: String,
    pub body: String,
}

/// Writes the e-mail of a notice: short sentences, what changed first, then
/// when and where, then how to cancel.
pub fn compose(kind: NoticeKind, context: &NoticeContext) -> Mail {
    let session = context.session;
    let title = &session.titre;
    let when = session.when_text();
    let (subject, opening) = match kind {
        NoticeKind::Confirmation if context.confirmed => {
            (format!("Inscription confirmée : {title}"), format!("Votre inscription à l'atelier « {title} » est confirmée."))
        }
        NoticeKind::Confirmation => (
            format!("Liste d'attente : {title}"),
            format!(
                "Vous êtes sur la liste d'attente de l'atelier « {title} ». Si une place se libère, vous recevrez un message."
            ),
        ),
        NoticeKind::Promotion => (
            format!("Une place pour vous : {title}"),
            format!("Une place s'est libérée : votre inscription à l'atelier « {title} » est maintenant confirmée."),
        ),
        NoticeKind::Annulation => (
            format!("Atelier annulé : {title}"),
            format!("L'atelier « {title} » est annulé. Votre inscription est annulée aussi. Vous n'avez rien à faire."),
        ),
        NoticeKind::Report if session.date_initiale.is_some() => (
            format!("Nouvelle date : {title}"),
            format!("L'atelier « {title} » change de date. Votre inscription est gardée pour la nouvelle date."),
        ),
        NoticeKind::Report => (
            format!("Atelier reporté : {title}"),
            format!(
                "L'atelier « {title} » est reporté. La nouvelle date n'est pas encore connue : vous recevrez un message. Votre inscription est gardée."
            ),
        ),
        NoticeKind::Rappel => (format!("Rappel : {title}, demain"), format!("Petit rappel : l'atelier « {title} » a lieu demain.")),
    };
    let mut lines = vec![format!("Bonjour {},", context.prenom.trim()), String::new(), opening, String::new()];
    let dated = !(kind == NoticeKind::Report && session.date_initiale.is_none());
    if kind != NoticeKind::Annulation && dated {
        lines.push(format!("Quand : {when}"));
        lines.push(format!("Où : {}", context.location));
        lines.push(String::new());
    } else if kind == NoticeKind::Annulation {
        lines.push(format!("C'était prévu le {when}."));
        lines.push(String::new());
    }
    lines.push(format!("Détails de l'atelier : {}", context.page_url));
    if kind != NoticeKind::Annulation {
        lines.push(String::new());
        lines.push(format!(
            "Vous ne pouvez pas venir ? Annulez votre inscription : {} — votre place ira à quelqu'un d'autre.",
            context.cancel_url
        ));
    }
    if dated && kind != NoticeKind::Annulation {
        lines.push(String::new());
        lines.push("Le fichier joint ajoute l'atelier à votre agenda.".to_string());
    }
    lines.push(String::new());
    lines.push(format!("Organisé par : {}", session.organisateur));
    lines.push("Proxinum — le numérique près de chez vous. Ce message est automatique : n'y répondez pas.".to_string());
    Mail { subject, body: lines.join("\r\n") + "\r\n" }
}

/// What the organiser reads next to a registrant to phone: why.
pub fn call_reason(kind: NoticeKind, session: &Session) -> String {
    match kind {
        NoticeKind::Annulation => "Atelier annulé : le prévenir".to_string(),
        NoticeKind::Report if session.date_initiale.is_some() => format!("Nouvelle date : {}", session.when_text()),
        NoticeKind::Report => "Atelier reporté, nouvelle date à venir".to_string(),
        NoticeKind::Promotion => "Une place s'est libérée : sa place est confirmée".to_string(),
        NoticeKind::Confirmation => "Inscription enregistrée".to_string(),
        NoticeKind::Rappel => "Rappel de l'atelier".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::tests::sample as sample_session;
    use chrono::{NaiveDate, TimeZone};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        time::from_paris_local(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()).with_timezone(&Utc)
    }

    fn session_on(y: i32, m: u32, d: u32, h: u32) -> Session {
        let mut s = sample_session();
        s.debut = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 30, 0).unwrap();
        s.fin = s.debut + Duration::hours(2);
        s
    }

    #[test]
    fn the_reminder_is_due_the_day_before_from_ten_and_never_after_the_start() {
        let s = session_on(2026, 12, 10, 18);
        assert!(!reminder_due(&s, at(2026, 12, 9, 9, 59)));
        assert!(reminder_due(&s, at(2026, 12, 9, 10, 0)));
        assert!(reminder_due(&s, at(2026, 12, 9, 23, 59)));
        // On the day itself: the confirmation said when.
        assert!(!reminder_due(&s, at(2026, 12, 10, 9, 0)));
        assert!(!reminder_due(&s, at(2026, 12, 8, 12, 0)));
        // Across the change to summer time (29 March 2026), in Paris time.
        let spring = session_on(2026, 3, 30, 9);
        assert!(reminder_due(&spring, at(2026, 3, 29, 10, 0)));
        assert!(!reminder_due(&spring, Utc.with_ymd_and_hms(2026, 3, 29, 7, 30, 0).unwrap()));
    }

    #[test]
    fn nothing_after_the_start_and_no_confirmation_days_late() {
        let s = session_on(2026, 12, 10, 18);
        let queued = at(2026, 12, 1, 12, 0);
        assert!(still_useful(NoticeKind::Confirmation, queued, &s, at(2026, 12, 2, 11, 0)));
        assert!(!still_useful(NoticeKind::Confirmation, queued, &s, at(2026, 12, 3, 12, 0)));
        assert!(still_useful(NoticeKind::Annulation, queued, &s, at(2026, 12, 9, 12, 0)));
        assert!(!still_useful(NoticeKind::Rappel, queued, &s, at(2026, 12, 10, 18, 30)));
    }

    #[test]
    fn one_key_per_event_and_a_new_one_per_new_date() {
        let mut s = session_on(2026, 12, 10, 18);
        assert_eq!(key(NoticeKind::Annulation, "abc", &s), "annulation:abc");
        assert_eq!(key(NoticeKind::Confirmation, "abc", &s), "confirmation:abc");
        let first = key(NoticeKind::Report, "abc", &s);
        assert_eq!(first, key(NoticeKind::Report, "abc", &s));
        s.debut += Duration::days(7);
        assert_ne!(first, key(NoticeKind::Report, "abc", &s));
        assert_eq!(key(NoticeKind::Rappel, "abc", &s), "rappel:abc:2026-12-17T18:30");
    }

    #[test]
    fn retries_wait_longer_and_longer_up_to_six_hours() {
        assert_eq!(retry_delay(1), Duration::minutes(1));
        assert!(retry_delay(2) > retry_delay(1));
        assert_eq!(retry_delay(MAX_ATTEMPTS), Duration::hours(6));
        assert_eq!(retry_delay(99), Duration::hours(6));
    }

    fn context(session: &Session) -> NoticeContext<'_> {
        NoticeContext {
            session,
            prenom: "Jeanne",
            confirmed: true,
            location: "Médiathèque, 2 Cours Gambetta, 32700 Lectoure".into(),
            page_url: "https://proxinum.example/ateliers/a".into(),
            cancel_url: "https://proxinum.example/inscriptions/abc/annulation".into(),
        }
    }

    #[test]
    fn a_postponement_says_the_new_date_and_how_to_cancel() {
        let mut s = session_on(2026, 12, 17, 18);
        s.date_initiale = Some(NaiveDate::from_ymd_opt(2026, 12, 10).unwrap().and_hms_opt(18, 30, 0).unwrap());
        let mail = compose(NoticeKind::Report, &context(&s));
        assert_eq!(mail.subject, format!("Nouvelle date : {}", s.titre));
        assert!(mail.body.starts_with("Bonjour Jeanne,\r\n"));
        assert!(mail.body.contains("Quand : jeudi 17 décembre 2026, de 18h30 à 20h30"), "{}", mail.body);
        assert!(mail.body.contains("Où : Médiathèque, 2 Cours Gambetta, 32700 Lectoure"));
        assert!(mail.body.contains("https://proxinum.example/inscriptions/abc/annulation"));
        // Without a new date: no "Quand", no calendar file promised.
        s.date_initiale = None;
        let mail = compose(NoticeKind::Report, &context(&s));
        assert!(!mail.body.contains("Quand :") && !mail.body.contains("fichier joint"), "{}", mail.body);
    }

    #[test]
    fn a_cancellation_asks_nothing_and_a_waiting_list_is_said_so() {
        let s = session_on(2026, 12, 10, 18);
        let mail = compose(NoticeKind::Annulation, &context(&s));
        assert!(mail.subject.starts_with("Atelier annulé"));
        assert!(mail.body.contains("Vous n'avez rien à faire") && !mail.body.contains("Annulez votre inscription"));
        let mut waiting = context(&s);
        waiting.confirmed = false;
        assert!(compose(NoticeKind::Confirmation, &waiting).subject.starts_with("Liste d'attente"));
        assert!(compose(NoticeKind::Rappel, &context(&s)).body.contains("a lieu demain"));
    }

    #[test]
    fn kinds_round_trip_and_only_changes_are_worth_a_call() {
        for kind in [NoticeKind::Confirmation, NoticeKind::Promotion, NoticeKind::Annulation, NoticeKind::Report, NoticeKind::Rappel] {
            assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
        }
        assert!(NoticeKind::Annulation.worth_a_call() && !NoticeKind::Rappel.worth_a_call());
    }
}
