//! Registrations: one transaction decides "confirmed" or "waiting list", so
//! seats are never oversold however many requests arrive at once; the
//! client's UUID makes every request idempotent.

use chrono::{DateTime, Utc};
use proxinum_core::notice::NoticeKind;
use proxinum_core::organiser::Registrant;
use proxinum_core::registration::{
    decide as decide_registration, promoted, seats_left, RegistrationResult, RegistrationStatus, Seats, ValidRegistration,
};
use proxinum_core::session::{Availability, Session};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use super::sessions;

/// Why a registration was not recorded.
#[derive(Debug, PartialEq, Eq)]
pub enum RegisterError {
    UnknownSession,
    /// The same id was used with other data.
    Conflict,
    /// The workshop does not take this registration (code, French message).
    Refused(&'static str, String),
}

/// What became of one registration: its result and whether it was created
/// now (false: a replay, answered with the stored result), or why not.
pub type Outcome = Result<(RegistrationResult, bool), RegisterError>;

/// A registration waiting for its turn, with what identifies its content.
pub struct Pending {
    pub registration: ValidRegistration,
    pub fingerprint: String,
    pub now: DateTime<Utc>,
}

/// Records registrations in their order, in one transaction: nothing is
/// answered before the whole group is committed, and each one sees the
/// seats taken by those before it. A failed statement only undoes itself
/// (SQLite rolls back the statement, not the transaction), so one broken
/// registration does not sink the others.
pub fn register_all(connection: &mut Connection, group: &[Pending]) -> anyhow::Result<Vec<anyhow::Result<Outcome>>> {
    // IMMEDIATE: take the write lock first, so no seat count read below can
    // change before the inserts.
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let outcomes = group.iter().map(|p| decide(&tx, &p.registration, &p.fingerprint, p.now)).collect();
    tx.commit()?;
    Ok(outcomes)
}

/// Decides and writes one registration inside the caller's transaction.
fn decide(tx: &Connection, registration: &ValidRegistration, fingerprint: &str, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
    let request = &registration.0;
    if let Some((stored_fingerprint, result)) = stored(tx, request.id)? {
        return Ok(if stored_fingerprint == fingerprint { Ok((result, false)) } else { Err(RegisterError::Conflict) });
    }
    let Some(session) = sessions::get(tx, &request.session_id)? else {
        return Ok(Err(RegisterError::UnknownSession));
    };
    // Both reads use the (atelier_id, statut) index and stay cheap however
    // long the waiting list grows; the decision itself is core's.
    let seats = Seats { confirmed: confirmed_seats(tx, &session.id)?, anyone_waiting: anyone_waiting(tx, &session.id)? };
    let statut = match decide_registration(&session, request.places, seats, now) {
        Ok(statut) => statut,
        Err(refusal) => return Ok(Err(RegisterError::Refused(refusal.code, refusal.message.to_string()))),
    };
    // Arrival order: the next rowid (MAX(rowid) is read from the b-tree's end).
    let rang: i64 = tx.prepare_cached("SELECT COALESCE(MAX(rowid), 0) + 1 FROM inscriptions")?.query_row([], |row| row.get(0))?;
    let stamp = super::timestamp(now);
    let mut insert = tx.prepare_cached(
        "INSERT INTO inscriptions (id, atelier_id, empreinte, prenom, nom, telephone, courriel, besoins, places, statut, rang, cree_le, modifie_le)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?;
    insert.execute(params![
        request.id.to_string(),
        request.session_id,
        fingerprint,
        request.prenom,
        request.nom,
        request.telephone,
        request.courriel,
        request.besoins,
        request.places,
        statut.as_str(),
        rang,
        stamp
    ])?;
    if request.courriel.is_some() {
        super::notices::queue(tx, NoticeKind::Confirmation, &request.id.to_string(), &session, &stamp)?;
    }
    Ok(Ok((RegistrationResult { id: request.id, statut, session_id: request.session_id.clone(), places: request.places }, true)))
}

fn stored(connection: &Connection, id: Uuid) -> rusqlite::Result<Option<(String, RegistrationResult)>> {
    connection
        .prepare_cached("SELECT empreinte, statut, atelier_id, places FROM inscriptions WHERE id = ?1")?
        .query_row([id.to_string()], |row| {
            let statut: String = row.get(1)?;
            Ok((
                row.get(0)?,
                RegistrationResult {
                    id,
                    statut: RegistrationStatus::parse(&statut).unwrap_or(RegistrationStatus::Annulee),
                    session_id: row.get(2)?,
                    places: row.get(3)?,
                },
            ))
        })
        .optional()
}

/// The current result of a registration (no personal data).
pub fn result(connection: &Connection, id: Uuid) -> rusqlite::Result<Option<RegistrationResult>> {
    Ok(stored(connection, id)?.map(|(_, result)| result))
}

/// Seats held by confirmed registrations.
fn confirmed_seats(connection: &Connection, session_id: &str) -> rusqlite::Result<u32> {
    connection
        .prepare_cached("SELECT COALESCE(SUM(places), 0) FROM inscriptions WHERE atelier_id = ?1 AND statut = 'confirmee'")?
        .query_row([session_id], |row| row.get(0))
}

fn anyone_waiting(connection: &Connection, session_id: &str) -> rusqlite::Result<bool> {
    connection
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM inscriptions WHERE atelier_id = ?1 AND statut = 'liste_attente')")?
        .query_row([session_id], |row| row.get(0))
}

/// Seats left and waiting list of a workshop.
/// Seats of the workshops not yet over, in the order given.
pub fn upcoming_availability(connection: &Connection, sessions: &[Session], now: DateTime<Utc>) -> rusqlite::Result<Vec<Availability>> {
    sessions.iter().filter(|s| !s.is_past(now)).map(|s| availability_of(connection, s)).collect()
}

pub fn availability_of(connection: &Connection, session: &Session) -> rusqlite::Result<Availability> {
    let confirmed = confirmed_seats(connection, &session.id)?;
    let waiting: u32 = connection.query_row(
        "SELECT COALESCE(SUM(places), 0) FROM inscriptions WHERE atelier_id = ?1 AND statut = 'liste_attente'",
        [&session.id],
        |row| row.get(0),
    )?;
    Ok(Availability {
        id: session.id.clone(),
        places_restantes: seats_left(session.capacite, confirmed),
        liste_attente: waiting,
        statut: session.statut,
    })
}

/// Why a cancellation was not done.
#[derive(Debug, PartialEq, Eq)]
pub enum CancelError {
    NotFound,
    Started,
}

/// Cancels a registration (idempotent) and moves people up from the waiting
/// list, in their order of arrival, while their seats fit.
pub fn cancel(connection: &mut Connection, id: Uuid, now: DateTime<Utc>) -> anyhow::Result<Result<RegistrationResult, CancelError>> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some((_, result)) = stored(&tx, id)? else { return Ok(Err(CancelError::NotFound)) };
    if result.statut == RegistrationStatus::Annulee {
        return Ok(Ok(result));
    }
    let session = sessions::get(&tx, &result.session_id)?;
    if session.as_ref().is_some_and(|s| s.has_started(now)) {
        return Ok(Err(CancelError::Started));
    }
    let stamp = super::timestamp(now);
    tx.execute(
        "UPDATE inscriptions SET statut = 'annulee', motif = 'annulee_par_le_participant', modifie_le = ?2 WHERE id = ?1",
        params![id.to_string(), stamp],
    )?;
    if let Some(session) = &session {
        promote_waiting_list(&tx, session, &stamp)?;
    }
    tx.commit()?;
    Ok(Ok(RegistrationResult { statut: RegistrationStatus::Annulee, ..result }))
}

/// Confirms the people core's `promoted` names at the head of the waiting
/// list, each told so (a notice). Runs wherever seats can free up: a
/// cancellation, a larger capacity.
pub fn promote_waiting_list(connection: &Connection, session: &Session, stamp: &str) -> anyhow::Result<()> {
    let waiting: Vec<(String, u32)> = connection
        .prepare_cached("SELECT id, places FROM inscriptions WHERE atelier_id = ?1 AND statut = 'liste_attente' ORDER BY rang")?
        .query_map([&session.id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let asked: Vec<u32> = waiting.iter().map(|(_, places)| *places).collect();
    let count = promoted(session.capacite, confirmed_seats(connection, &session.id)?, &asked);
    for (id, _) in waiting.iter().take(count) {
        connection.execute("UPDATE inscriptions SET statut = 'confirmee', modifie_le = ?2 WHERE id = ?1", params![id, stamp])?;
        super::notices::queue(connection, NoticeKind::Promotion, id, session, stamp)?;
    }
    Ok(())
}

/// Removes the registrations of the example workshops (before they go).
pub fn delete_of_examples(connection: &Connection) -> rusqlite::Result<usize> {
    connection.execute("DELETE FROM inscriptions WHERE atelier_id IN (SELECT id FROM ateliers WHERE exemple = 1)", [])
}

/// Cancels every registration of a workshop (the workshop was cancelled).
pub fn cancel_all_of_session(connection: &Connection, session_id: &str, motif: &str, stamp: &str) -> rusqlite::Result<usize> {
    connection.execute(
        "UPDATE inscriptions SET statut = 'annulee', motif = ?2, modifie_le = ?3 WHERE atelier_id = ?1 AND statut != 'annulee'",
        params![session_id, motif, stamp],
    )
}

/// The registrations of a workshop: confirmed first, then waiting list, in
/// arrival order, then cancelled.
pub fn of_session(connection: &Connection, session_id: &str) -> rusqlite::Result<Vec<Registrant>> {
    let mut statement = connection.prepare(
        "SELECT id, prenom, nom, telephone, courriel, besoins, places, statut, rang, present, cree_le, donnees_effacees_le
         FROM inscriptions WHERE atelier_id = ?1
         ORDER BY CASE statut WHEN 'confirmee' THEN 0 WHEN 'liste_attente' THEN 1 ELSE 2 END, rang",
    )?;
    let rows = statement.query_map([session_id], |row| {
        Ok(Registrant {
            id: row.get(0)?,
            prenom: row.get(1)?,
            nom: row.get(2)?,
            telephone: row.get(3)?,
            courriel: row.get(4)?,
            besoins: row.get(5)?,
            places: row.get(6)?,
            statut: RegistrationStatus::parse(&row.get::<_, String>(7)?).unwrap_or(RegistrationStatus::Annulee),
            rang: row.get(8)?,
            present: row.get(9)?,
            cree_le: row.get(10)?,
            donnees_effacees_le: row.get(11)?,
        })
    })?;
    rows.collect()
}

/// Marks attendance; false when the registration does not exist.
pub fn set_attendance(connection: &Connection, id: &str, present: bool, stamp: &str) -> rusqlite::Result<bool> {
    Ok(connection.execute("UPDATE inscriptions SET present = ?2, modifie_le = ?3 WHERE id = ?1", params![id, present, stamp])? == 1)
}

/// Erases the personal data of one registration (on request); the seat
/// count stays right. The fingerprint goes too: hashing a guessed
/// registration must not confirm that this person registered (a replay of
/// it is then refused as a conflict, which nobody needs any more).
pub fn erase_personal_data(connection: &Connection, id: &str, stamp: &str) -> rusqlite::Result<bool> {
    Ok(connection.execute(
        "UPDATE inscriptions SET prenom = NULL, nom = NULL, telephone = NULL, courriel = NULL, besoins = NULL,
             empreinte = '', donnees_effacees_le = ?2 WHERE id = ?1",
        params![id, stamp],
    )? == 1)
}

/// Erases the personal data of every registration to workshops that ended
/// before `cutoff`, fingerprint included (the replay window closed when the
/// workshop ended). Returns how many registrations were erased.
pub fn purge_ended(connection: &mut Connection, cutoff: DateTime<Utc>, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let tx = connection.transaction()?;
    let ended = sessions::ended_before(&tx, &cutoff.to_rfc3339())?;
    let stamp = super::timestamp(now);
    let mut erased = 0;
    for session_id in ended {
        erased += tx.execute(
            "UPDATE inscriptions SET prenom = NULL, nom = NULL, telephone = NULL, courriel = NULL, besoins = NULL,
                 empreinte = '', donnees_effacees_le = ?2 WHERE atelier_id = ?1 AND donnees_effacees_le IS NULL",
            params![session_id, stamp],
        )?;
    }
    tx.commit()?;
    Ok(erased)
}

/// The workshop a registration belongs to.
pub fn session_of(connection: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    connection.prepare_cached("SELECT atelier_id FROM inscriptions WHERE id = ?1")?.query_row([id], |row| row.get(0)).optional()
}

/// What the dashboard reads of a workshop's registrations: status, seats
/// and attendance, no personal field.
pub fn seats_of(connection: &Connection, session_id: &str) -> rusqlite::Result<Vec<proxinum_core::dashboard::Seat>> {
    let mut statement = connection.prepare_cached("SELECT statut, places, present FROM inscriptions WHERE atelier_id = ?1")?;
    let rows = statement.query_map([session_id], |row| {
        Ok(proxinum_core::dashboard::Seat {
            statut: RegistrationStatus::parse(&row.get::<_, String>(0)?).unwrap_or(RegistrationStatus::Annulee),
            places: row.get(1)?,
            present: row.get(2)?,
        })
    })?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use proxinum_core::registration::{validate, RegistrationRequest};

    use super::*;
    use crate::db::Db;

    fn workshop(db: &Db, capacity: u32) {
        let session: Session = serde_json::from_value(serde_json::json!({
            "id": "groupe", "territoire": "32", "titre": "Atelier", "resume": "Pour tester les groupes.",
            "themes": ["Premiers pas"], "publics": ["Tout public"], "lieu": {"type": "lieu", "lieu_id": "fs-192"},
            "debut": "2030-01-10T14:00:00", "fin": "2030-01-10T16:00:00", "capacite": capacity,
            "inscription": {"mode": "dans_l_app"}, "organisateur": "Tests"
        }))
        .unwrap();
        let mut connection = db.lock();
        let tx = connection.transaction().unwrap();
        sessions::upsert(&tx, &session, "2029-01-01T00:00:00Z").unwrap();
        tx.commit().unwrap();
    }

    fn pending(id: Uuid, session: &str, prenom: &str, places: u32) -> Pending {
        let request = RegistrationRequest {
            id,
            session_id: session.into(),
            prenom: prenom.into(),
            nom: "Dupont".into(),
            telephone: Some("0612345678".into()),
            courriel: None,
            places,
            besoins: None,
            consentement: true,
        };
        let registration = validate(&request, None).unwrap();
        let fingerprint = format!("empreinte-{prenom}-{places}");
        Pending { registration, fingerprint, now: "2029-06-01T10:00:00Z".parse().unwrap() }
    }

    /// One group behaves as the same requests one by one: seats counted in
    /// order, replays and conflicts seen inside the group, and a refusal
    /// that does not stop the others.
    #[test]
    fn a_group_decides_in_arrival_order() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("test.sqlite")).unwrap();
        workshop(&db, 3);
        let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let group = [
            pending(a, "groupe", "Anne", 2),
            pending(a, "groupe", "Anne", 2),
            pending(a, "groupe", "Autre", 1),
            pending(Uuid::new_v4(), "inconnu", "Bob", 1),
            pending(b, "groupe", "Bea", 2),
            pending(c, "groupe", "Cyr", 1),
        ];
        let outcomes: Vec<Outcome> = register_all(&mut db.lock(), &group).unwrap().into_iter().map(Result::unwrap).collect();
        let statut = |o: &Outcome| o.as_ref().map(|(r, created)| (r.statut, *created)).map_err(|e| format!("{e:?}"));
        assert_eq!(statut(&outcomes[0]), Ok((RegistrationStatus::Confirmee, true)));
        assert_eq!(statut(&outcomes[1]), Ok((RegistrationStatus::Confirmee, false)), "a replay in the same group");
        assert_eq!(outcomes[2], Err(RegisterError::Conflict));
        assert_eq!(outcomes[3], Err(RegisterError::UnknownSession));
        assert_eq!(statut(&outcomes[4]), Ok((RegistrationStatus::ListeAttente, true)), "2 + 2 seats exceed 3");
        assert_eq!(statut(&outcomes[5]), Ok((RegistrationStatus::ListeAttente, true)), "nobody jumps the queue");
        let session = sessions::get(&db.lock(), "groupe").unwrap().unwrap();
        let availability = availability_of(&db.lock(), &session).unwrap();
        assert_eq!((availability.places_restantes, availability.liste_attente), (Some(1), 3));
    }

    /// After an erasure or the retention purge, nothing in the row can be
    /// matched against a guessed registration.
    #[test]
    fn erasure_and_purge_drop_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("test.sqlite")).unwrap();
        workshop(&db, 5);
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        register_all(&mut db.lock(), &[pending(a, "groupe", "Anne", 1), pending(b, "groupe", "Bea", 1)]).unwrap();
        let fingerprint = |id: Uuid| -> String {
            db.lock().query_row("SELECT empreinte FROM inscriptions WHERE id = ?1", [id.to_string()], |r| r.get(0)).unwrap()
        };
        assert_eq!(fingerprint(a), "empreinte-Anne-1");
        assert!(erase_personal_data(&db.lock(), &a.to_string(), "2029-07-01T00:00:00Z").unwrap());
        assert_eq!(fingerprint(a), "");
        assert_eq!(fingerprint(b), "empreinte-Bea-1");
        let after_the_workshop: DateTime<Utc> = "2030-03-01T00:00:00Z".parse().unwrap();
        assert_eq!(purge_ended(&mut db.lock(), after_the_workshop, after_the_workshop).unwrap(), 1);
        assert_eq!(fingerprint(b), "");
        let replay = register_all(&mut db.lock(), &[pending(b, "groupe", "Bea", 1)]).unwrap().pop().unwrap().unwrap();
        assert_eq!(replay, Err(RegisterError::Conflict), "a replay can no longer be matched");
    }
}
