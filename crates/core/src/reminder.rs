//! "Demain à 18h30 : Atelier smartphone" — the registered workshop that
//! starts within the next 24 hours, said on the home page and at the top of
//! "Mes inscriptions" (issue 19: reminders without e-mail).

use chrono::{DateTime, Utc};

use crate::outbox::{Millis, MyRegistration, MyStatus};
use crate::session::{Session, Status};
use crate::time;

/// How far ahead a workshop is recalled.
pub const AHEAD_MS: Millis = 24 * 60 * 60 * 1000;

/// What the resident reads, and the workshop it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub session_id: String,
    pub text: String,
}

/// The soonest workshop the resident is still registered to (confirmed, on
/// the waiting list, or not sent yet) that starts within `AHEAD_MS`. The
/// catalog's copy of the workshop wins over the date kept on the device: a
/// postponed workshop is recalled at its new time, a cancelled one never.
pub fn next(mine: &[MyRegistration], sessions: &[Session], now: DateTime<Utc>) -> Option<Reminder> {
    let now_ms = now.timestamp_millis();
    mine.iter()
        .filter(|r| matches!(r.statut, MyStatus::Confirmee | MyStatus::ListeAttente | MyStatus::EnAttenteEnvoi))
        .filter_map(|r| {
            let (start, title) = match sessions.iter().find(|s| s.id == r.atelier.id) {
                Some(session) if session.statut == Status::Annulee => return None,
                Some(session) => (session.start_utc(), session.titre.as_str()),
                None => (DateTime::from_timestamp_millis(r.atelier.debut_ms)?, r.atelier.titre.as_str()),
            };
            let ms = start.timestamp_millis();
            (now_ms <= ms && ms < now_ms + AHEAD_MS).then_some((start, title, r))
        })
        .min_by_key(|(start, _, r)| (*start, r.atelier.id.clone()))
        .map(|(start, title, r)| {
            let local = time::in_paris(start);
            let day = crate::text::capitalise(&time::relative_day(local.date_naive(), time::in_paris(now).date_naive()));
            let waiting = if r.statut == MyStatus::ListeAttente { " (vous êtes sur liste d'attente)" } else { "" };
            Reminder { session_id: r.atelier.id.clone(), text: format!("{day} à {} : {title}{waiting}", time::hour_text(local.time())) }
        })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use uuid::Uuid;

    use super::*;
    use crate::outbox::SessionRef;
    use crate::session::tests::sample;

    /// Paris local time on 16 March 2026 (winter: UTC+1).
    fn paris(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        time::from_paris_local(NaiveDate::from_ymd_opt(2026, 3, day).unwrap().and_hms_opt(hour, minute, 0).unwrap()).with_timezone(&Utc)
    }

    fn registered(session: &Session, statut: MyStatus) -> MyRegistration {
        MyRegistration {
            id: Uuid::new_v4(),
            atelier: SessionRef {
                id: session.id.clone(),
                titre: session.titre.clone(),
                quand: "mardi 17 mars".into(),
                debut_ms: session.start_utc().timestamp_millis(),
            },
            places: 1,
            statut,
            statut_precedent: None,
            mis_a_jour: 0,
        }
    }

    #[test]
    fn the_evening_before_says_tomorrow_at_its_time() {
        let session = sample(); // Tuesday 17 March 2026, 9h00 in Lectoure.
        let mine = [registered(&session, MyStatus::Confirmee)];
        let at = |day, hour, minute| next(&mine, std::slice::from_ref(&session), paris(day, hour, minute)).map(|r| r.text);
        assert_eq!(at(16, 18, 30).as_deref(), Some("Demain à 9h00 : Permanence numérique"));
        assert_eq!(at(17, 7, 0).as_deref(), Some("Aujourd'hui à 9h00 : Permanence numérique"));
        // More than 24 hours ahead, or already started: nothing.
        assert_eq!(at(16, 8, 59), None);
        assert_eq!(at(17, 9, 1), None);
        assert_eq!(next(&mine, std::slice::from_ref(&session), paris(16, 9, 1)).unwrap().session_id, "permanence-lectoure");
    }

    #[test]
    fn only_live_registrations_and_the_catalogs_date_count() {
        let session = sample();
        let evening = paris(16, 20, 0);
        for gone in [MyStatus::Annulee, MyStatus::AnnulationEnAttente, MyStatus::Expiree, MyStatus::Refusee { message: "complet".into() }] {
            assert_eq!(next(&[registered(&session, gone)], std::slice::from_ref(&session), evening), None);
        }
        let waiting = next(&[registered(&session, MyStatus::ListeAttente)], std::slice::from_ref(&session), evening).unwrap();
        assert_eq!(waiting.text, "Demain à 9h00 : Permanence numérique (vous êtes sur liste d'attente)");
        assert!(next(&[registered(&session, MyStatus::EnAttenteEnvoi)], std::slice::from_ref(&session), evening).is_some());

        let mine = [registered(&session, MyStatus::Confirmee)];
        // Cancelled by its organiser: never recalled.
        let mut cancelled = session.clone();
        cancelled.statut = Status::Annulee;
        assert_eq!(next(&mine, &[cancelled], evening), None);
        // Postponed by a week: recalled at its new date, not the one on the device.
        let mut postponed = session.clone();
        postponed.statut = Status::Reportee;
        postponed.debut += chrono::Duration::days(7);
        postponed.fin += chrono::Duration::days(7);
        assert_eq!(next(&mine, &[postponed.clone()], evening), None);
        assert_eq!(next(&mine, &[postponed], paris(23, 20, 0)).unwrap().text, "Demain à 9h00 : Permanence numérique");
        // Gone from the catalog: the device's own date still recalls it.
        assert_eq!(next(&mine, &[], evening).unwrap().text, "Demain à 9h00 : Permanence numérique");
    }

    #[test]
    fn the_soonest_is_said() {
        let morning = sample();
        let mut evening = sample();
        evening.id = "cyberharcelement-auch".into();
        evening.titre = "Cyberharcèlement : en parler".into();
        evening.debut = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap().and_hms_opt(18, 30, 0).unwrap();
        evening.fin = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap().and_hms_opt(20, 0, 0).unwrap();
        let mine = [registered(&morning, MyStatus::Confirmee), registered(&evening, MyStatus::Confirmee)];
        let sessions = [morning, evening];
        assert_eq!(next(&mine, &sessions, paris(16, 12, 0)).unwrap().text, "Aujourd'hui à 18h30 : Cyberharcèlement : en parler");
        assert_eq!(next(&mine, &sessions, paris(16, 19, 0)).unwrap().text, "Demain à 9h00 : Permanence numérique");
    }
}
