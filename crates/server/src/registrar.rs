//! Registrations reach the database in groups ("group commit"): while one
//! transaction is being written, the requests that arrive wait together and
//! are decided in the next one, in their order of arrival. Alone, a request
//! goes at once; under a rush, one commit (and one share of the log's
//! checkpoints) serves many, which keeps the slowest answers short.

use chrono::{DateTime, Utc};
use proxinum_core::registration::ValidRegistration;
use tokio::sync::{mpsc, oneshot};

use crate::db::registrations::{Outcome, Pending};
use crate::db::{self, Db};

/// At most this many registrations per transaction, so that one group never
/// holds the database long.
const LARGEST_GROUP: usize = 128;
/// Requests waiting beyond this many make new ones wait before queueing.
const QUEUE_LENGTH: usize = 4096;

struct Job {
    pending: Pending,
    reply: oneshot::Sender<anyhow::Result<Outcome>>,
}

/// The door to the registrations writer. Cheap to clone.
#[derive(Clone)]
pub struct Registrar {
    jobs: mpsc::Sender<Job>,
}

impl Registrar {
    /// Starts the writer on the current tokio runtime.
    pub fn start(db: Db) -> Registrar {
        let (jobs, queue) = mpsc::channel(QUEUE_LENGTH);
        tokio::spawn(write_groups(db, queue));
        Registrar { jobs }
    }

    /// Decides and stores one registration; answers once it is committed.
    pub async fn register(&self, registration: ValidRegistration, fingerprint: String, now: DateTime<Utc>) -> anyhow::Result<Outcome> {
        let (reply, answer) = oneshot::channel();
        let job = Job { pending: Pending { registration, fingerprint, now }, reply };
        self.jobs.send(job).await.map_err(|_| anyhow::anyhow!("le rédacteur des inscriptions est arrêté"))?;
        let outcome = answer.await.map_err(|_| anyhow::anyhow!("le rédacteur des inscriptions s'est arrêté sans répondre"))?;
        crate::metrics::registration(crate::metrics::registration_outcome(&outcome));
        outcome
    }
}

async fn write_groups(db: Db, mut queue: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(LARGEST_GROUP);
    while queue.recv_many(&mut jobs, LARGEST_GROUP).await > 0 {
        let (group, replies): (Vec<Pending>, Vec<_>) = jobs.drain(..).map(|job| (job.pending, job.reply)).unzip();
        match db.try_run(move |c| db::registrations::register_all(c, &group)).await.and_then(|outcomes| outcomes) {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    // The requester may have gone (client disconnected): the
                    // registration stands, and a replay will find it.
                    let _ = reply.send(outcome);
                }
            }
            Err(error) => {
                let message = format!("{error:#}");
                for reply in replies {
                    let _ = reply.send(Err(anyhow::anyhow!("{message}")));
                }
            }
        }
    }
}
