//! The outbox: registrations and cancellations written on the device before
//! any network attempt, delivered when the network allows, each exactly once
//! at the server (the client's UUID is the idempotency key).
//!
//! This module decides; `src/storage` keeps entries in IndexedDB and
//! `src/net` sends them. The rules:
//! - an entry leaves the outbox only with the server's answer (confirmed,
//!   waiting list, refused with a reason) or when it expires;
//! - network failures, 5xx and "try later" answers keep it, with an
//!   exponential backoff and jitter;
//! - an entry being sent is leased: a second trigger does not send it again
//!   while the lease runs, and a lease left by a closed tab ends by itself;
//! - an entry expires when its workshop starts: it is never sent late.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::registration::{RegistrationRequest, RegistrationResult, RegistrationStatus, ValidationErrors};
use crate::session::FieldError;

/// Milliseconds since the Unix epoch (what `Date.now()` gives in the browser).
pub type Millis = i64;

/// First retry after this delay, doubling each time.
pub const BACKOFF_BASE_MS: Millis = 2_000;
/// Never wait longer than this between two attempts.
pub const BACKOFF_MAX_MS: Millis = 5 * 60_000;
/// A request still unanswered after this is assumed lost (tab closed, page
/// reloaded): the entry can be sent again, and the server deduplicates.
pub const LEASE_MS: Millis = 30_000;

/// What the workshop is, kept with the entry for display and expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRef {
    pub id: String,
    pub titre: String,
    /// "mardi 9 décembre 2025, de 9h00 à 12h00".
    pub quand: String,
    /// Start of the workshop: the entry expires then.
    pub debut_ms: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "crate::tagged::OperationRecord")]
pub enum Operation {
    Inscrire { demande: RegistrationRequest },
    Annuler { inscription_id: Uuid },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "etat", rename_all = "snake_case", try_from = "crate::tagged::EntryStateRecord")]
pub enum EntryState {
    /// Waiting for its next attempt.
    EnAttente,
    /// Being sent since `depuis`.
    EnCours { depuis: Millis },
}

/// One pending operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// "inscription:<uuid>" or "annulation:<uuid>": one entry per operation.
    pub cle: String,
    pub operation: Operation,
    pub atelier: SessionRef,
    pub cree_le: Millis,
    pub expire_le: Millis,
    pub tentatives: u32,
    pub prochain_essai: Millis,
    pub etat: EntryState,
    /// Why the last attempt failed, in French, for "Mes inscriptions".
    pub derniere_erreur: Option<String>,
    /// Made on a kiosk tablet: only its page sends it (`worker_may_send`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kiosque: bool,
}

/// The HTTP request that delivers an operation. The page and the service
/// worker send exactly this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireRequest {
    pub method: &'static str,
    pub path: String,
    /// JSON, when there is a body.
    pub body: Option<String>,
}

impl Operation {
    pub fn request(&self) -> WireRequest {
        match self {
            Operation::Inscrire { demande } => WireRequest {
                method: "POST",
                path: "/api/inscriptions".into(),
                body: Some(serde_json::to_string(demande).unwrap_or_default()),
            },
            Operation::Annuler { inscription_id } => {
                WireRequest { method: "DELETE", path: format!("/api/inscriptions/{inscription_id}"), body: None }
            }
        }
    }
}

/// What came back from one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An HTTP answer: status and body.
    Http { status: u16, body: String },
    /// No answer: offline, DNS, connection reset, timeout.
    Network(String),
}

/// The final answer for an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Resolution {
    /// Registered (confirmed or waiting list) or cancelled, as the server says.
    Acceptee { resultat: RegistrationResult },
    /// The server refused: workshop full, cancelled, started, unknown…
    Refusee { code: String, message: String },
    /// The server found the data invalid.
    Invalide { erreurs: Vec<FieldError> },
    /// Never sent: the workshop had started.
    Expiree,
}

impl Resolution {
    /// Why the server refused, as the resident reads it after "Refusée : ";
    /// `None` when it did not refuse.
    pub fn refusal(&self) -> Option<String> {
        match self {
            Resolution::Refusee { message, .. } => Some(message.clone()),
            Resolution::Invalide { erreurs } => Some(erreurs.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")),
            Resolution::Acceptee { .. } | Resolution::Expiree => None,
        }
    }
}

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Keep the entry; try again at `prochain_essai`.
    Retry,
    /// Remove the entry and record this resolution.
    Done(Resolution),
}

impl Entry {
    /// A registration, written before any network attempt.
    pub fn register(demande: RegistrationRequest, atelier: SessionRef, now: Millis) -> Entry {
        Entry {
            cle: Entry::registration_key(demande.id),
            expire_le: atelier.debut_ms,
            operation: Operation::Inscrire { demande },
            atelier,
            cree_le: now,
            tentatives: 0,
            prochain_essai: now,
            etat: EntryState::EnAttente,
            derniere_erreur: None,
            kiosque: false,
        }
    }

    /// A cancellation of a registration the server already has.
    pub fn cancel(inscription_id: Uuid, atelier: SessionRef, now: Millis) -> Entry {
        Entry {
            cle: format!("annulation:{inscription_id}"),
            expire_le: atelier.debut_ms,
            operation: Operation::Annuler { inscription_id },
            atelier,
            cree_le: now,
            tentatives: 0,
            prochain_essai: now,
            etat: EntryState::EnAttente,
            derniere_erreur: None,
            kiosque: false,
        }
    }

    /// The key of the entry that registers `id` (its cancellation has its own).
    pub fn registration_key(id: Uuid) -> String {
        format!("inscription:{id}")
    }

    /// Marks an entry made on a kiosk tablet.
    pub fn on_kiosk(mut self, kiosk: bool) -> Entry {
        self.kiosque = kiosk;
        self
    }

    /// May the service worker send it, with no page open? Not a kiosk's: a
    /// kiosk shows the answer to the person at the tablet and then keeps
    /// nothing, which only its page can do; a kiosk's page stays open.
    pub fn worker_may_send(&self) -> bool {
        !self.kiosque
    }

    /// The registration this entry is about.
    pub fn registration_id(&self) -> Uuid {
        match &self.operation {
            Operation::Inscrire { demande } => demande.id,
            Operation::Annuler { inscription_id } => *inscription_id,
        }
    }

    pub fn is_expired(&self, now: Millis) -> bool {
        now >= self.expire_le
    }

    fn lease_running(&self, now: Millis) -> bool {
        matches!(self.etat, EntryState::EnCours { depuis } if now - depuis < LEASE_MS)
    }

    /// Should a trigger send this entry now? `forced` triggers (network back,
    /// app start, "Réessayer", background sync) ignore the backoff, never the
    /// lease nor the expiry.
    pub fn is_due(&self, now: Millis, forced: bool) -> bool {
        !self.is_expired(now) && !self.lease_running(now) && (forced || now >= self.prochain_essai)
    }

    /// Takes the lease before sending. False when another trigger holds it
    /// or the entry is not due: then do not send.
    pub fn begin(&mut self, now: Millis, forced: bool) -> bool {
        if !self.is_due(now, forced) {
            return false;
        }
        self.etat = EntryState::EnCours { depuis: now };
        self.tentatives += 1;
        true
    }

    /// An expired entry is resolved as such, unless it is being sent (the
    /// answer decides then).
    pub fn expire(&self, now: Millis) -> Option<Step> {
        (self.is_expired(now) && !self.lease_running(now)).then_some(Step::Done(Resolution::Expiree))
    }

    /// Applies an attempt's reply. `jitter` in [0, 1) spreads retries of
    /// many devices (pass a random number).
    pub fn finish(&mut self, reply: Reply, now: Millis, jitter: f64) -> Step {
        let step = classify(&self.operation, reply);
        match &step {
            Ok(resolution) => Step::Done(resolution.clone()),
            Err(reason) => {
                self.etat = EntryState::EnAttente;
                self.prochain_essai = now + backoff(self.tentatives, jitter);
                self.derniere_erreur = Some(reason.clone());
                Step::Retry
            }
        }
    }
}

/// Delay before the next attempt after `attempts` failed ones: 2 s, 4 s,
/// 8 s… up to 5 min, ±20 % jitter.
pub fn backoff(attempts: u32, jitter: f64) -> Millis {
    let exponent = attempts.saturating_sub(1).min(20);
    let delay = (BACKOFF_BASE_MS.saturating_mul(1 << exponent)).min(BACKOFF_MAX_MS);
    let factor = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
    (delay as f64 * factor) as Millis
}

/// Final resolution, or why to try again.
fn classify(operation: &Operation, reply: Reply) -> Result<Resolution, String> {
    let (status, body) = match reply {
        Reply::Network(_) => return Err("Pas de connexion. Nouvel essai automatique.".into()),
        Reply::Http { status, body } => (status, body),
    };
    match status {
        200..=299 => serde_json::from_str::<RegistrationResult>(&body)
            .map(|resultat| Resolution::Acceptee { resultat })
            // A garbled success is retried: the server answers the same id
            // with the stored result.
            .map_err(|_| "Réponse du serveur illisible. Nouvel essai automatique.".into()),
        404 if matches!(operation, Operation::Annuler { .. }) => {
            // Nothing to cancel on the server: the result is the same.
            let id = match operation {
                Operation::Annuler { inscription_id } => *inscription_id,
                Operation::Inscrire { demande } => demande.id,
            };
            Ok(Resolution::Acceptee {
                resultat: RegistrationResult { id, statut: RegistrationStatus::Annulee, session_id: String::new(), places: 0 },
            })
        }
        422 => Ok(match serde_json::from_str::<ValidationErrors>(&body) {
            Ok(v) => Resolution::Invalide { erreurs: v.erreurs },
            Err(_) => {
                Resolution::Refusee { code: "donnees_invalides".into(), message: "Les informations envoyées ne sont pas valides.".into() }
            }
        }),
        // Try later: timeout, too early, too many requests.
        408 | 425 | 429 => Err("Le serveur est occupé. Nouvel essai automatique.".into()),
        400..=499 => {
            let error = serde_json::from_str::<crate::registration::ApiError>(&body).unwrap_or(crate::registration::ApiError {
                code: format!("http_{status}"),
                message: "Le serveur a refusé cette demande.".into(),
            });
            Ok(Resolution::Refusee { code: error.code, message: error.message })
        }
        _ => Err("Le serveur ne répond pas correctement. Nouvel essai automatique.".into()),
    }
}

/// What "Mes inscriptions" shows for one registration. No personal data:
/// those stay in the outbox entry only until it is delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub id: Uuid,
    pub atelier: SessionRef,
    pub places: u32,
    pub statut: MyStatus,
    /// The status before a cancellation was asked, restored if it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statut_precedent: Option<MyStatus>,
    pub mis_a_jour: Millis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "statut", rename_all = "snake_case", try_from = "crate::tagged::MyStatusRecord")]
pub enum MyStatus {
    EnAttenteEnvoi,
    Confirmee,
    ListeAttente,
    AnnulationEnAttente,
    Annulee,
    Refusee { message: String },
    Expiree,
}

impl From<RegistrationStatus> for MyStatus {
    /// What a status the server gives means on the resident's device.
    fn from(status: RegistrationStatus) -> Self {
        match status {
            RegistrationStatus::Confirmee => MyStatus::Confirmee,
            RegistrationStatus::ListeAttente => MyStatus::ListeAttente,
            RegistrationStatus::Annulee => MyStatus::Annulee,
        }
    }
}

impl MyStatus {
    /// The line a resident reads.
    pub fn label(&self) -> String {
        match self {
            MyStatus::EnAttenteEnvoi => "En attente d'envoi".into(),
            MyStatus::Confirmee => "Inscription confirmée".into(),
            MyStatus::ListeAttente => "Sur liste d'attente".into(),
            MyStatus::AnnulationEnAttente => "Annulation en attente d'envoi".into(),
            MyStatus::Annulee => "Inscription annulée".into(),
            MyStatus::Refusee { message } => format!("Refusée : {message}"),
            MyStatus::Expiree => "Non envoyée : l'atelier a commencé avant le retour du réseau".into(),
        }
    }
}

impl MyRegistration {
    /// The record shown as soon as the form is submitted.
    pub fn pending(entry: &Entry) -> Option<MyRegistration> {
        let Operation::Inscrire { demande } = &entry.operation else { return None };
        Some(MyRegistration {
            id: demande.id,
            atelier: entry.atelier.clone(),
            places: demande.places,
            statut: MyStatus::EnAttenteEnvoi,
            statut_precedent: None,
            mis_a_jour: entry.cree_le,
        })
    }

    /// Marks the registration as being cancelled (the cancellation entry is
    /// queued alongside).
    pub fn mark_cancelling(&mut self, now: Millis) {
        if self.statut != MyStatus::AnnulationEnAttente {
            self.statut_precedent = Some(std::mem::replace(&mut self.statut, MyStatus::AnnulationEnAttente));
        }
        self.mis_a_jour = now;
    }

    /// Can the resident cancel it from "Mes inscriptions"?
    pub fn can_cancel(&self, now: Millis) -> bool {
        now < self.atelier.debut_ms && matches!(self.statut, MyStatus::Confirmee | MyStatus::ListeAttente | MyStatus::EnAttenteEnvoi)
    }

    /// The record once an entry is resolved: the device's record updated,
    /// or, when there is none (a kiosk keeps none), one made from the entry.
    /// A kiosk shows it and does not store it.
    pub fn settled(current: Option<MyRegistration>, entry: &Entry, resolution: &Resolution, now: Millis) -> Option<MyRegistration> {
        let mut mine = current.or_else(|| MyRegistration::pending(entry))?;
        mine.apply(&entry.operation, resolution, now);
        Some(mine)
    }

    /// Applies the resolution of an entry about this registration.
    pub fn apply(&mut self, operation: &Operation, resolution: &Resolution, now: Millis) {
        self.mis_a_jour = now;
        self.statut = match (operation, resolution) {
            (_, Resolution::Acceptee { resultat }) => resultat.statut.into(),
            (_, refused @ (Resolution::Refusee { .. } | Resolution::Invalide { .. })) => {
                MyStatus::Refusee { message: refused.refusal().unwrap_or_default() }
            }
            (Operation::Inscrire { .. }, Resolution::Expiree) => MyStatus::Expiree,
            // A cancellation that could not be sent before the workshop: the
            // registration stands as it was.
            (Operation::Annuler { .. }, Resolution::Expiree) => self.statut_precedent.clone().unwrap_or(MyStatus::Confirmee),
        };
        self.statut_precedent = None;
        if let (Operation::Inscrire { .. }, Resolution::Acceptee { resultat }) = (operation, resolution) {
            self.places = resultat.places;
        }
    }
}

#[cfg(test)]
mod tests;
