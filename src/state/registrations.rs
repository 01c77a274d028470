//! "Mes inscriptions" and the pending outbox entries, as signals refreshed
//! by the outbox driver.

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::outbox::{Entry, MyRegistration};

use crate::storage;

#[derive(Clone, Copy)]
pub struct Registrations {
    pub mine: RwSignal<Vec<MyRegistration>>,
    pub pending: RwSignal<Vec<Entry>>,
    /// Outcomes a kiosk just received, in memory only (the kiosk stores
    /// nothing once delivered): the receipt shows them until the reset.
    pub recent: RwSignal<Vec<MyRegistration>>,
}

pub fn provide_registrations() -> Registrations {
    let state = Registrations { mine: RwSignal::new(Vec::new()), pending: RwSignal::new(Vec::new()), recent: RwSignal::new(Vec::new()) };
    provide_context(state);
    // After the mount's task, like the outbox's first pass (`sync::init`).
    crate::platform::dom::in_next_task(move || reload(state));
    state
}

pub fn use_registrations() -> Registrations {
    expect_context::<Registrations>()
}

/// Reads both lists again from the device.
pub fn reload(state: Registrations) {
    spawn_local(async move {
        let Ok(db) = storage::db().await else { return };
        // Only a real change is set: the list is rebuilt on every set, and a
        // rebuild under the resident's finger loses what they were doing.
        if let Ok(mine) = storage::outbox::my_registrations(&db).await {
            if state.mine.with_untracked(|m| *m != mine) {
                state.mine.set(mine);
            }
        }
        if let Ok(pending) = storage::outbox::entries(&db).await {
            if state.pending.with_untracked(|p| *p != pending) {
                state.pending.set(pending);
            }
        }
    });
}
