//! The outbox and "Mes inscriptions". An entry and its registration record
//! change in one transaction, so a reload in between can neither lose a
//! registration nor show it twice.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use proxinum_core::order;
use proxinum_core::outbox::{Entry, EntryState, MyRegistration};
use proxinum_core::session::Availability;
use serde::{Deserialize, Serialize};

use super::{records, Result, StorageError, AVAILABILITY, CONTACT, OUTBOX, REGISTRATIONS};

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StorageError(e.to_string()))
}

/// Writes a new entry and its "En attente d'envoi" record together, before
/// any network attempt.
pub async fn enqueue(db: &Database, entry: &Entry, mine: &MyRegistration) -> Result<()> {
    let tx = db.transaction([OUTBOX, REGISTRATIONS]).with_mode(TransactionMode::Readwrite).build()?;
    tx.object_store(OUTBOX)?.put(json(entry)?).with_key(entry.cle.clone()).primitive()?.await?;
    tx.object_store(REGISTRATIONS)?.put(json(mine)?).with_key(mine.id.to_string()).primitive()?.await?;
    tx.commit().await?;
    Ok(())
}

/// Every pending entry, oldest first.
pub async fn entries(db: &Database) -> Result<Vec<Entry>> {
    let mut list: Vec<Entry> = records::all(db, OUTBOX).await?.into_iter().map(|(_, e)| e).collect();
    order::sort_by(&mut list, |a: &Entry, b: &Entry| a.cree_le.cmp(&b.cree_le).then_with(|| a.cle.cmp(&b.cle)));
    Ok(list)
}

/// Saves an entry's new state (lease taken, retry scheduled).
pub async fn save_entry(db: &Database, entry: &Entry) -> Result<()> {
    records::put(db, OUTBOX, &entry.cle, entry).await
}

/// Removes an answered or expired entry and records the outcome, together.
pub async fn resolve(db: &Database, key: &str, mine: Option<&MyRegistration>) -> Result<()> {
    let tx = db.transaction([OUTBOX, REGISTRATIONS]).with_mode(TransactionMode::Readwrite).build()?;
    tx.object_store(OUTBOX)?.delete(key.to_string()).primitive()?.await?;
    if let Some(mine) = mine {
        tx.object_store(REGISTRATIONS)?.put(json(mine)?).with_key(mine.id.to_string()).primitive()?.await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Withdraws a registration that was never sent: in one read-write
/// transaction, the entry is checked to be waiting (not leased by a sender)
/// and removed, and the registration recorded as `withdrawn`. `false` when
/// the entry is gone or being sent: nothing changed, and the caller cancels
/// through the outbox instead. In one transaction, a sender cannot take the
/// lease between the check and the removal (it was two transactions, and a
/// registration withdrawn by the resident could still be sent).
pub async fn withdraw_unsent(db: &Database, key: &str, withdrawn: &MyRegistration) -> Result<bool> {
    let tx = db.transaction([OUTBOX, REGISTRATIONS]).with_mode(TransactionMode::Readwrite).build()?;
    let outbox = tx.object_store(OUTBOX)?;
    let text: Option<String> = outbox.get(key.to_string()).primitive()?.await?;
    let waiting = text.and_then(|t| serde_json::from_str::<Entry>(&t).ok()).is_some_and(|e| matches!(e.etat, EntryState::EnAttente));
    if !waiting {
        return Ok(false);
    }
    outbox.delete(key.to_string()).primitive()?.await?;
    tx.object_store(REGISTRATIONS)?.put(json(withdrawn)?).with_key(withdrawn.id.to_string()).primitive()?.await?;
    tx.commit().await?;
    Ok(true)
}

/// Queues a cancellation and marks the registration, together.
pub async fn enqueue_cancel(db: &Database, entry: &Entry, mine: &MyRegistration) -> Result<()> {
    enqueue(db, entry, mine).await
}

pub async fn my_registrations(db: &Database) -> Result<Vec<MyRegistration>> {
    let mut list: Vec<MyRegistration> = records::all(db, REGISTRATIONS).await?.into_iter().map(|(_, r)| r).collect();
    order::sort_by_key(&mut list, |r: &MyRegistration| r.atelier.debut_ms);
    Ok(list)
}

pub async fn save_mine(db: &Database, mine: &MyRegistration) -> Result<()> {
    records::put(db, REGISTRATIONS, &mine.id.to_string(), mine).await
}

/// Forgets a registration record (the kiosk keeps nothing once delivered).
pub async fn forget_mine(db: &Database, id: &str) -> Result<()> {
    records::delete(db, REGISTRATIONS, id).await
}

/// Seats left of a territory's workshops, as last fetched.
#[derive(Serialize, Deserialize, Clone, Default)]
pub struct StoredAvailability {
    pub liste: Vec<Availability>,
    pub recu_le: f64,
}

pub async fn availability(db: &Database, territory: &str) -> Result<Option<StoredAvailability>> {
    records::get(db, AVAILABILITY, territory).await
}

pub async fn save_availability(db: &Database, territory: &str, value: &StoredAvailability) -> Result<()> {
    records::put(db, AVAILABILITY, territory, value).await
}

/// "Mes coordonnées", kept only if the resident asked, on their own phone.
#[derive(Serialize, Deserialize, Clone, Default, PartialEq, Debug)]
pub struct Contact {
    pub prenom: String,
    pub nom: String,
    pub telephone: String,
    pub courriel: String,
}

const CONTACT_KEY: &str = "moi";

pub async fn contact(db: &Database) -> Result<Option<Contact>> {
    records::get(db, CONTACT, CONTACT_KEY).await
}

pub async fn save_contact(db: &Database, contact: &Contact) -> Result<()> {
    records::put(db, CONTACT, CONTACT_KEY, contact).await
}

pub async fn forget_contact(db: &Database) -> Result<()> {
    records::delete(db, CONTACT, CONTACT_KEY).await
}

/// Takes the lease of an entry in one read-write transaction: two tabs (or
/// two triggers) can never both send it. `None` when it is not due, held by
/// another sender, or gone.
pub async fn take_lease(db: &Database, key: &str, now: i64, forced: bool) -> Result<Option<Entry>> {
    let tx = db.transaction(OUTBOX).with_mode(TransactionMode::Readwrite).build()?;
    let store = tx.object_store(OUTBOX)?;
    let text: Option<String> = store.get(key.to_string()).primitive()?.await?;
    let Some(mut entry) = text.and_then(|t| serde_json::from_str::<Entry>(&t).ok()) else { return Ok(None) };
    if !entry.begin(now, forced) {
        return Ok(None);
    }
    store.put(json(&entry)?).with_key(key.to_string()).primitive()?.await?;
    tx.commit().await?;
    Ok(Some(entry))
}
