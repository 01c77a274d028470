//! The queue of notices to registrants (`avis`). A notice is queued in the
//! transaction of the change that causes it, under core's idempotency key
//! (`INSERT OR IGNORE`: one notice per event however often it is asked);
//! the sender (`crate::mailer`) takes the due ones, and marks each sent,
//! to retry, given up or pointless. Those that cannot go by e-mail are the
//! organiser's list of people to phone.

use proxinum_core::notice::{key, NoticeKind};
use proxinum_core::registration::RegistrationStatus;
use proxinum_core::session::Session;
use rusqlite::{params, Connection};

/// Queues one notice; false when the same event was already queued.
pub fn queue(connection: &Connection, kind: NoticeKind, registration_id: &str, session: &Session, stamp: &str) -> rusqlite::Result<bool> {
    let inserted = connection
        .prepare_cached(
            "INSERT OR IGNORE INTO avis (cle, genre, inscription_id, atelier_id, cree_le, prochain_essai) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        )?
        .execute(params![key(kind, registration_id, session), kind.as_str(), registration_id, session.id, stamp])?;
    Ok(inserted == 1)
}

/// Queues `kind` for every registration of the workshop still standing
/// (confirmed or waiting): a cancellation, a postponement.
pub fn queue_for_standing(connection: &Connection, kind: NoticeKind, session: &Session, stamp: &str) -> rusqlite::Result<usize> {
    let standing = "SELECT id FROM inscriptions WHERE atelier_id = ?1 AND statut != 'annulee' AND donnees_effacees_le IS NULL";
    queue_each(connection, standing, kind, session, stamp)
}

/// Queues the reminder of each confirmed registration with an e-mail to
/// `session` (the caller checked that it is due).
pub fn queue_reminders(connection: &Connection, session: &Session, stamp: &str) -> rusqlite::Result<usize> {
    let reachable = "SELECT id FROM inscriptions WHERE atelier_id = ?1 AND statut = 'confirmee' AND courriel IS NOT NULL";
    queue_each(connection, reachable, NoticeKind::Rappel, session, stamp)
}

/// Queues `kind` for each registration `select` (one `?1`: the workshop's
/// id) names; how many were new.
fn queue_each(connection: &Connection, select: &str, kind: NoticeKind, session: &Session, stamp: &str) -> rusqlite::Result<usize> {
    let ids: Vec<String> = connection.prepare_cached(select)?.query_map([&session.id], |row| row.get(0))?.collect::<Result<_, _>>()?;
    let mut queued = 0;
    for id in ids {
        queued += usize::from(queue(connection, kind, &id, session, stamp)?);
    }
    Ok(queued)
}

/// A notice ready to go by e-mail.
#[derive(Debug, Clone)]
pub struct Due {
    pub id: i64,
    pub key: String,
    pub kind: NoticeKind,
    pub registration_id: String,
    pub workshop_id: String,
    pub attempts: u32,
    /// When it was queued (RFC 3339).
    pub queued: String,
    pub prenom: String,
    pub email: String,
    pub status: RegistrationStatus,
}

/// The notices to send now: due, and whose registration has an e-mail.
pub fn due(connection: &Connection, now: &str, limit: usize) -> rusqlite::Result<Vec<Due>> {
    let mut statement = connection.prepare_cached(
        "SELECT a.id, a.cle, a.genre, a.inscription_id, a.atelier_id, a.essais, i.prenom, i.courriel, i.statut, a.cree_le
         FROM avis a JOIN inscriptions i ON i.id = a.inscription_id
         WHERE a.etat = 'a_envoyer' AND a.prochain_essai <= ?1 AND i.courriel IS NOT NULL
         ORDER BY a.prochain_essai, a.id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![now, limit as i64], |row| {
        Ok((
            Due {
                id: row.get(0)?,
                key: row.get(1)?,
                kind: NoticeKind::Confirmation,
                registration_id: row.get(3)?,
                workshop_id: row.get(4)?,
                attempts: row.get(5)?,
                queued: row.get(9)?,
                prenom: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
                email: row.get(7)?,
                status: RegistrationStatus::parse(&row.get::<_, String>(8)?).unwrap_or(RegistrationStatus::Annulee),
            },
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut due = Vec::new();
    for row in rows {
        let (mut notice, kind) = row?;
        // A kind this version does not know is left for the one that does.
        let Some(kind) = NoticeKind::parse(&kind) else { continue };
        notice.kind = kind;
        due.push(notice);
    }
    Ok(due)
}

/// What became of one sending.
pub enum Settled {
    Sent,
    /// Failed; try again at `next` (RFC 3339; the attempts so far are
    /// `attempts`).
    Retry {
        attempts: u32,
        next: String,
        error: String,
    },
    /// Failed for good (refused address, too many attempts).
    GivenUp {
        error: String,
    },
    /// Nothing to say any more (the workshop started, the data were erased).
    Pointless,
}

pub fn settle(connection: &Connection, id: i64, settled: &Settled, stamp: &str) -> rusqlite::Result<()> {
    match settled {
        Settled::Sent => {
            connection.execute("UPDATE avis SET etat = 'envoye', traite_le = ?2, erreur = NULL WHERE id = ?1", params![id, stamp])
        }
        Settled::Retry { attempts, next, error } => connection
            .execute("UPDATE avis SET essais = ?2, prochain_essai = ?3, erreur = ?4 WHERE id = ?1", params![id, attempts, next, error]),
        Settled::GivenUp { error } => connection.execute(
            "UPDATE avis SET etat = 'abandonne', essais = essais + 1, traite_le = ?2, erreur = ?3 WHERE id = ?1",
            params![id, stamp, error],
        ),
        Settled::Pointless => connection.execute("UPDATE avis SET etat = 'sans_objet', traite_le = ?2 WHERE id = ?1", params![id, stamp]),
    }?;
    Ok(())
}

/// Someone the organiser must phone, and why.
#[derive(Debug, Clone)]
pub struct ToCall {
    pub registration_id: String,
    pub prenom: String,
    pub nom: String,
    pub telephone: String,
    pub kind: NoticeKind,
    /// Why no e-mail told them: none given, or the e-mail failed.
    pub email_failed: bool,
}

/// The registrants of a workshop to phone: a change they must hear of
/// (core's `worth_a_call`) that no e-mail carries — none given, sending
/// given up, or no e-mail server configured (`emails_sent` false).
pub fn to_call(connection: &Connection, workshop_id: &str, emails_sent: bool) -> rusqlite::Result<Vec<ToCall>> {
    let mut statement = connection.prepare_cached(
        "SELECT a.inscription_id, i.prenom, i.nom, i.telephone, a.genre, a.etat
         FROM avis a JOIN inscriptions i ON i.id = a.inscription_id
         WHERE a.atelier_id = ?1 AND i.telephone IS NOT NULL AND i.donnees_effacees_le IS NULL
           AND (i.courriel IS NULL OR a.etat = 'abandonne' OR (?2 = 0 AND a.etat = 'a_envoyer'))
         ORDER BY a.id",
    )?;
    let rows = statement.query_map(params![workshop_id, emails_sent], |row| {
        Ok((
            ToCall {
                registration_id: row.get(0)?,
                prenom: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
                nom: row.get::<_, Option<String>>(2)?.unwrap_or_default(),
                telephone: row.get(3)?,
                kind: NoticeKind::Confirmation,
                email_failed: row.get::<_, String>(5)? == "abandonne",
            },
            row.get::<_, String>(4)?,
        ))
    })?;
    let mut list = Vec::new();
    for row in rows {
        let (mut call, kind) = row?;
        match NoticeKind::parse(&kind) {
            Some(kind) if kind.worth_a_call() => {
                call.kind = kind;
                list.push(call);
            }
            _ => {}
        }
    }
    Ok(list)
}
