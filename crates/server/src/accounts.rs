//! Who acts through the organiser tools — the coordinator (the token of
//! `token.rs`), an organiser (its own secret), or the command line — what
//! each may see and change, organiser accounts, and the audit log.

use chrono::{DateTime, Utc};
use proxinum_core::organiser::{changed_fields, check_name, Account, AuditAction, AuditEntry, IssuedSecret, Role};
use proxinum_core::session::Session;
use rusqlite::Connection;

use crate::db::{self, journal, organisers};
use crate::token;

/// The author of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Coordinator,
    Organiser {
        id: i64,
        name: String,
    },
    /// The `proxinum` command, run by whoever administers the server.
    CommandLine,
}

impl Actor {
    pub fn name(&self) -> &str {
        match self {
            Actor::Coordinator => "Coordination",
            Actor::Organiser { name, .. } => name,
            Actor::CommandLine => "Ligne de commande",
        }
    }

    pub fn organiser_id(&self) -> Option<i64> {
        match self {
            Actor::Organiser { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// The coordinator and the command line see everything and manage
    /// organisers.
    pub fn coordinates(&self) -> bool {
        !matches!(self, Actor::Organiser { .. })
    }

    /// Whether this actor may see and change a workshop owned by `owner`
    /// (`None`: the coordinator's). An organiser only its own.
    pub fn may_change(&self, owner: Option<i64>) -> bool {
        match self {
            Actor::Organiser { id, .. } => owner == Some(*id),
            _ => true,
        }
    }

    pub fn account(&self) -> Account {
        Account {
            role: if self.coordinates() { Role::Coordination } else { Role::Organisateur },
            nom: self.name().to_string(),
            id: self.organiser_id(),
        }
    }
}

/// Who `secret` belongs to: the coordinator's token, or an organiser's
/// secret that is not revoked.
pub fn authenticate(connection: &Connection, secret: &str) -> rusqlite::Result<Option<Actor>> {
    if let Some(hash) = token::stored_hash(connection)? {
        if token::matches(&hash, secret) {
            return Ok(Some(Actor::Coordinator));
        }
    }
    Ok(organisers::by_secret(connection, &token::hash(secret))?.map(|(id, name)| Actor::Organiser { id, name }))
}

/// Whether `actor` may act on the workshop `id`: `None` when it does not
/// exist or is someone else's (both answer 404, so an organiser cannot
/// even learn which workshops others have).
pub fn workshop_in_reach(connection: &Connection, actor: &Actor, id: &str) -> rusqlite::Result<bool> {
    Ok(db::sessions::owner(connection, id)?.is_some_and(|owner| actor.may_change(owner)))
}

/// The workshop of the registration `id`, when `actor` may act on it;
/// `None` when the registration does not exist or is someone else's.
pub fn registration_in_reach(connection: &Connection, actor: &Actor, id: &str) -> rusqlite::Result<Option<String>> {
    match db::registrations::session_of(connection, id)? {
        Some(workshop) if workshop_in_reach(connection, actor, &workshop)? => Ok(Some(workshop)),
        _ => Ok(None),
    }
}

fn wire(action: AuditAction) -> String {
    serde_json::to_value(action).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// A change for the audit log.
pub struct Change<'a> {
    pub action: AuditAction,
    pub workshop: Option<&'a str>,
    pub object: Option<&'a str>,
    pub before: Option<&'a Session>,
    pub after: Option<&'a Session>,
}

impl<'a> Change<'a> {
    /// A workshop's fields changed (`before` is none for a creation).
    pub fn of_workshop(action: AuditAction, id: &'a str, before: Option<&'a Session>, after: Option<&'a Session>) -> Self {
        Change { action, workshop: Some(id), object: None, before, after }
    }

    /// Something else changed: a registration, an account, an owner.
    pub fn about(action: AuditAction, workshop: Option<&'a str>, object: &'a str) -> Self {
        Change { action, workshop, object: Some(object), before: None, after: None }
    }
}

/// Records a change in the audit log, inside the caller's transaction.
pub fn audit(connection: &Connection, actor: &Actor, now: DateTime<Utc>, change: Change) -> anyhow::Result<()> {
    journal::record(
        connection,
        &journal::NewEntry {
            stamp: &db::timestamp(now),
            author: actor.name(),
            organiser_id: actor.organiser_id(),
            action: &wire(change.action),
            workshop_id: change.workshop,
            object: change.object,
            before: change.before.map(serde_json::to_string).transpose()?,
            after: change.after.map(serde_json::to_string).transpose()?,
        },
    )?;
    Ok(())
}

/// The latest changes, newest first, with the workshop fields that moved.
pub fn journal(connection: &Connection, limit: usize) -> anyhow::Result<Vec<AuditEntry>> {
    let parse = |text: &Option<String>| -> anyhow::Result<Option<Session>> { Ok(text.as_deref().map(serde_json::from_str).transpose()?) };
    journal::latest(connection, limit)?
        .into_iter()
        .map(|row| {
            let (before, after) = (parse(&row.before)?, parse(&row.after)?);
            Ok(AuditEntry {
                quand: row.stamp,
                auteur: row.author,
                action: serde_json::from_value(serde_json::Value::String(row.action))?,
                atelier: row.workshop_id,
                objet: row.object,
                changements: if before.is_none() && after.is_none() { vec![] } else { changed_fields(before.as_ref(), after.as_ref()) },
            })
        })
        .collect()
}

/// Why an account change was refused, in French.
#[derive(Debug, PartialEq, Eq)]
pub enum AccountError {
    Invalid(String),
    NameTaken(String),
    NotFound,
}

/// Adds an organiser; its secret is returned once and only its hash kept.
pub fn add_organiser(
    connection: &mut Connection,
    actor: &Actor,
    name: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<IssuedSecret, AccountError>> {
    let name = match check_name(name) {
        Ok(name) => name,
        Err(message) => return Ok(Err(AccountError::Invalid(message))),
    };
    let secret = token::generate();
    let tx = connection.transaction()?;
    let Some(id) = organisers::add(&tx, &name, &token::hash(&secret), &db::timestamp(now))? else {
        return Ok(Err(AccountError::NameTaken(name)));
    };
    audit(&tx, actor, now, Change::about(AuditAction::OrganisateurAjoute, None, &name))?;
    tx.commit()?;
    Ok(Ok(IssuedSecret { id, nom: name, secret }))
}

/// Revokes an organiser's secret: it gets 401 from now on.
pub fn revoke(connection: &mut Connection, actor: &Actor, id: i64, now: DateTime<Utc>) -> anyhow::Result<Result<String, AccountError>> {
    let tx = connection.transaction()?;
    let Some(name) = organisers::name(&tx, id)? else { return Ok(Err(AccountError::NotFound)) };
    organisers::revoke(&tx, id, &db::timestamp(now))?;
    audit(&tx, actor, now, Change::about(AuditAction::OrganisateurRevoque, None, &name))?;
    tx.commit()?;
    Ok(Ok(name))
}

/// Gives an organiser a new secret (the old one stops working; a revoked
/// account works again with the new one).
pub fn renew(
    connection: &mut Connection,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<IssuedSecret, AccountError>> {
    let tx = connection.transaction()?;
    let Some(name) = organisers::name(&tx, id)? else { return Ok(Err(AccountError::NotFound)) };
    let secret = token::generate();
    organisers::renew(&tx, id, &token::hash(&secret))?;
    audit(&tx, actor, now, Change::about(AuditAction::OrganisateurRenouvele, None, &name))?;
    tx.commit()?;
    Ok(Ok(IssuedSecret { id, nom: name, secret }))
}

/// Gives a workshop to an organiser, or back to the coordinator.
pub fn assign(
    connection: &mut Connection,
    actor: &Actor,
    workshop: &str,
    organiser: Option<i64>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<(), AccountError>> {
    let tx = connection.transaction()?;
    if db::sessions::owner(&tx, workshop)?.is_none() {
        return Ok(Err(AccountError::NotFound));
    }
    let to = match organiser {
        Some(id) => match organisers::name(&tx, id)? {
            Some(name) => name,
            None => return Ok(Err(AccountError::Invalid(format!("Il n'y a pas d'organisateur n° {id}.")))),
        },
        None => "Coordination".to_string(),
    };
    db::sessions::set_owner(&tx, workshop, organiser)?;
    audit(&tx, actor, now, Change::about(AuditAction::Attribution, Some(workshop), &to))?;
    tx.commit()?;
    Ok(Ok(()))
}
