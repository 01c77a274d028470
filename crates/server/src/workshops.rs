//! What organisers do to workshops, shared by the API and the command line:
//! create (with weekly recurrence), replace, cancel, postpone, and the CSV
//! export of registrations.

use chrono::{DateTime, NaiveDateTime, Utc};
use proxinum_core::import::merge_duplicates;
use proxinum_core::notice::NoticeKind;
use proxinum_core::session::{FieldError, Session, Status, WeeklyRecurrence};
use proxinum_core::text::spreadsheet_cell;
use rusqlite::Connection;
use serde::Deserialize;
use utoipa::ToSchema;

use proxinum_core::organiser::{AuditAction, ImportAction, ImportLine, ImportPlan};

use crate::accounts::{self, Actor, Change};
use crate::db;
use crate::defaults;

/// A workshop to create: one date, or a weekly series.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WorkshopInput {
    #[schema(value_type = Object)]
    pub atelier: Session,
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub recurrence: Option<WeeklyRecurrence>,
}

/// Every place id known (merged ids included), to check a workshop's venue.
fn place_exists(connection: &Connection) -> anyhow::Result<impl Fn(&str) -> bool> {
    let places = merge_duplicates(db::places::all(connection)?).places;
    let ids: std::collections::HashSet<String> = places.into_iter().flat_map(|p| std::iter::once(p.id).chain(p.fusion_de)).collect();
    Ok(move |id: &str| ids.contains(id))
}

pub enum WriteError {
    Invalid(Vec<FieldError>),
    Exists(String),
    NotFound,
}

/// Creates a workshop or a series; nothing is stored if any date is invalid.
/// An organiser's belong to it; the coordinator's and the command line's
/// to the coordinator.
pub fn create(
    connection: &mut Connection,
    actor: &Actor,
    input: WorkshopInput,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Vec<Session>, WriteError>> {
    let mut template = input.atelier;
    defaults::place_at_commune(&mut template);
    // A series is checked (span, years) before any date is computed from it.
    if let Some(Err(errors)) = input.recurrence.as_ref().map(|rule| rule.validate(&template)) {
        return Ok(Err(WriteError::Invalid(errors)));
    }
    let sessions = match &input.recurrence {
        Some(rule) => rule.expand(&template),
        None => vec![template],
    };
    if sessions.is_empty() {
        return Ok(Err(WriteError::Invalid(vec![FieldError::new("recurrence", "la série ne contient aucune date")])));
    }
    let exists = place_exists(connection)?;
    for session in &sessions {
        if let Err(errors) = session.validate(&exists) {
            return Ok(Err(WriteError::Invalid(errors)));
        }
        if db::sessions::get(connection, &session.id)?.is_some() {
            return Ok(Err(WriteError::Exists(session.id.clone())));
        }
    }
    let tx = connection.transaction()?;
    let stamp = db::timestamp(now);
    for session in &sessions {
        db::sessions::upsert(&tx, session, &stamp)?;
        db::sessions::set_owner(&tx, &session.id, actor.organiser_id())?;
        accounts::audit(&tx, actor, now, Change::of_workshop(AuditAction::Creation, &session.id, None, Some(session)))?;
    }
    tx.commit()?;
    Ok(Ok(sessions))
}

/// Replaces a workshop's description (its id stays).
pub fn replace(
    connection: &mut Connection,
    actor: &Actor,
    id: &str,
    mut session: Session,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Session, WriteError>> {
    if !accounts::workshop_in_reach(connection, actor, id)? {
        return Ok(Err(WriteError::NotFound));
    }
    let Some(before) = db::sessions::get(connection, id)? else { return Ok(Err(WriteError::NotFound)) };
    session.id = id.to_string();
    defaults::place_at_commune(&mut session);
    if let Err(errors) = session.validate(place_exists(connection)?) {
        return Ok(Err(WriteError::Invalid(errors)));
    }
    let tx = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let stamp = db::timestamp(now);
    db::sessions::upsert(&tx, &session, &stamp)?;
    // A larger capacity frees seats: the people waiting get them first, in
    // their order of arrival, as after a cancellation.
    if session.statut == Status::Programmee {
        db::registrations::promote_waiting_list(&tx, &session, &stamp)?;
    }
    accounts::audit(&tx, actor, now, Change::of_workshop(AuditAction::Modification, id, Some(&before), Some(&session)))?;
    tx.commit()?;
    Ok(Ok(session))
}

/// Cancels a workshop; its registrations are cancelled with it, in the same
/// transaction. `None` when it does not exist or is out of the actor's
/// reach.
pub fn cancel(connection: &mut Connection, actor: &Actor, id: &str, now: DateTime<Utc>) -> anyhow::Result<Option<Session>> {
    let stamp = db::timestamp(now);
    let tx = connection.transaction()?;
    if !accounts::workshop_in_reach(&tx, actor, id)? {
        return Ok(None);
    }
    let before = db::sessions::get(&tx, id)?;
    let session = db::sessions::change_status(&tx, id, Status::Annulee, None, &stamp)?;
    if let Some(cancelled) = &session {
        // Told before their registrations are cancelled with the workshop.
        db::notices::queue_for_standing(&tx, NoticeKind::Annulation, cancelled, &stamp)?;
        db::registrations::cancel_all_of_session(&tx, id, "atelier_annule", &stamp)?;
        accounts::audit(&tx, actor, now, Change::of_workshop(AuditAction::Annulation, id, before.as_ref(), session.as_ref()))?;
    }
    tx.commit()?;
    Ok(session)
}

/// Removes the example workshops and their test registrations, together.
pub fn delete_examples(connection: &mut Connection) -> anyhow::Result<usize> {
    let tx = connection.transaction()?;
    db::registrations::delete_of_examples(&tx)?;
    let removed = db::sessions::delete_examples(&tx)?;
    tx.commit()?;
    Ok(removed)
}

/// Postpones a workshop, to new dates when known. Registrations stay; the
/// workshop shows "Reporté" (and the new date) to everyone registered.
pub fn postpone(
    connection: &mut Connection,
    actor: &Actor,
    id: &str,
    new_dates: Option<(NaiveDateTime, NaiveDateTime)>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Session, WriteError>> {
    if let Some((debut, fin)) = new_dates {
        if fin <= debut {
            return Ok(Err(WriteError::Invalid(vec![FieldError::new("fin", "la fin doit être après le début")])));
        }
    }
    let tx = connection.transaction()?;
    if !accounts::workshop_in_reach(&tx, actor, id)? {
        return Ok(Err(WriteError::NotFound));
    }
    let before = db::sessions::get(&tx, id)?;
    let changed = db::sessions::change_status(&tx, id, Status::Reportee, new_dates, &db::timestamp(now))?;
    if let Some(session) = &changed {
        db::notices::queue_for_standing(&tx, NoticeKind::Report, session, &db::timestamp(now))?;
        accounts::audit(&tx, actor, now, Change::of_workshop(AuditAction::Report, id, before.as_ref(), Some(session)))?;
    }
    tx.commit()?;
    match changed {
        Some(session) => Ok(Ok(session)),
        None => Ok(Err(WriteError::NotFound)),
    }
}

/// The registrations of a workshop as CSV for a spreadsheet: UTF-8 with a
/// BOM (so accents open correctly) and `;` between columns (what French
/// spreadsheets expect).
pub fn registrations_csv(connection: &Connection, session_id: &str) -> anyhow::Result<Vec<u8>> {
    let rows = db::registrations::of_session(connection, session_id)?;
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::from(b"\xEF\xBB\xBF".as_slice()));
    writer.write_record([
        "Statut",
        "Rang",
        "Prénom",
        "Nom",
        "Téléphone",
        "E-mail",
        "Places",
        "Besoins",
        "Présent",
        "Inscrit le",
        "Identifiant",
    ])?;
    for row in rows {
        let statut = row.statut.label();
        let present = match row.present {
            Some(true) => "oui",
            Some(false) => "non",
            None => "",
        };
        // What residents typed can never run as a formula in the organiser's
        // spreadsheet (stored before this check existed, or a phone "+33…").
        let cell = |text: Option<&str>| spreadsheet_cell(text.unwrap_or("")).into_owned();
        writer.write_record([
            statut,
            &row.rang.to_string(),
            &cell(row.prenom.as_deref()),
            &cell(row.nom.as_deref()),
            &cell(row.telephone.as_deref().map(proxinum_core::phone::display).as_deref()),
            &cell(row.courriel.as_deref()),
            &row.places.to_string(),
            &cell(row.besoins.as_deref()),
            present,
            &row.cree_le,
            &row.id,
        ])?;
    }
    Ok(writer.into_inner()?)
}

/// Notes whether someone came; false when the registration does not exist
/// or is out of the actor's reach.
pub fn mark_attendance(connection: &mut Connection, actor: &Actor, id: &str, present: bool, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let tx = connection.transaction()?;
    let Some(workshop) = accounts::registration_in_reach(&tx, actor, id)? else { return Ok(false) };
    db::registrations::set_attendance(&tx, id, present, &db::timestamp(now))?;
    let object = format!("inscription {id} : {}", if present { "présente" } else { "absente" });
    accounts::audit(&tx, actor, now, Change::about(AuditAction::Presence, Some(&workshop), &object))?;
    tx.commit()?;
    Ok(true)
}

/// Erases a registration's personal data on request; false when it does
/// not exist or is out of the actor's reach.
pub fn erase_registration(connection: &mut Connection, actor: &Actor, id: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let tx = connection.transaction()?;
    let Some(workshop) = accounts::registration_in_reach(&tx, actor, id)? else { return Ok(false) };
    db::registrations::erase_personal_data(&tx, id, &db::timestamp(now))?;
    accounts::audit(&tx, actor, now, Change::about(AuditAction::Effacement, Some(&workshop), &format!("inscription {id}")))?;
    tx.commit()?;
    Ok(true)
}

/// What importing `sessions` (from a calendar file) does: each event is
/// created, updated (same identifier, the actor's own, changed) or skipped
/// with the reason. With `apply`, it is written in one transaction — the
/// plan and the writes see the same database — each change audited;
/// without, nothing is written.
pub fn import(
    connection: &mut Connection,
    actor: &Actor,
    sessions: Vec<Session>,
    apply: bool,
    now: DateTime<Utc>,
) -> anyhow::Result<ImportPlan> {
    let tx = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let exists = place_exists(&tx)?;
    let stamp = db::timestamp(now);
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for mut session in sessions {
        defaults::place_at_commune(&mut session);
        let existing = db::sessions::get(&tx, &session.id)?;
        let skip = |why: String| (ImportAction::Ignore, Some(why));
        let (action, reason) = if !seen.insert(session.id.clone()) {
            skip("le même événement (UID) est déjà plus haut dans le fichier".into())
        } else if let Err(errors) = session.validate(&exists) {
            skip(errors.iter().map(|e| format!("{} : {}", e.champ, e.message)).collect::<Vec<_>>().join(" ; "))
        } else if session.is_past(now) {
            skip("il est déjà passé".into())
        } else {
            match &existing {
                None => (ImportAction::Creation, None),
                Some(_) if !accounts::workshop_in_reach(&tx, actor, &session.id)? => {
                    skip("un atelier de même identifiant appartient à un autre organisateur".into())
                }
                Some(current) if *current == session => skip("déjà à jour".into()),
                Some(_) => (ImportAction::MiseAJour, None),
            }
        };
        if apply && action != ImportAction::Ignore {
            db::sessions::upsert(&tx, &session, &stamp)?;
            let audited = if action == ImportAction::Creation {
                db::sessions::set_owner(&tx, &session.id, actor.organiser_id())?;
                AuditAction::Creation
            } else {
                if session.statut == Status::Programmee {
                    db::registrations::promote_waiting_list(&tx, &session, &stamp)?;
                }
                AuditAction::Modification
            };
            accounts::audit(&tx, actor, now, Change::of_workshop(audited, &session.id, existing.as_ref(), Some(&session)))?;
        }
        lines.push(ImportLine { id: session.id.clone(), titre: session.titre.clone(), quand: session.when_text(), action, raison: reason });
    }
    if apply {
        tx.commit()?;
    }
    Ok(ImportPlan { lignes: lines, applique: apply })
}
