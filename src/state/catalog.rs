//! The territory's catalog: read from IndexedDB first (a useful screen with
//! no network at all), then refreshed from the server with `If-None-Match`.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use proxinum_core::catalog::Catalog;
use proxinum_core::communes::Gazetteer;
use proxinum_core::nearest::PlaceIndex;
use proxinum_core::session::Availability;

use crate::net::{self, Fetched, NetError};
use crate::platform::dom;
use crate::state::settings::{use_settings, Settings};
use crate::storage;

/// A catalog ready to query.
pub struct Loaded {
    /// Shared with the views without copying.
    pub catalog: Arc<Catalog>,
    pub index: Arc<PlaceIndex>,
    pub communes: Gazetteer,
}

impl Loaded {
    fn new(catalog: Catalog) -> Self {
        Loaded {
            index: Arc::new(PlaceIndex::with_calendars(catalog.lieux.clone(), &catalog.horaires).with_stops(&catalog.arrets)),
            communes: Gazetteer::new(catalog.communes.clone()),
            catalog: Arc::new(catalog),
        }
    }

    /// Decoding the catalog, indexing it and rendering the page with it are
    /// three tasks, with the browser free in between.
    async fn ready(catalog: Catalog) -> Arc<Self> {
        dom::yield_to_browser().await;
        let loaded = Arc::new(Loaded::new(catalog));
        dom::yield_to_browser().await;
        loaded
    }
}

/// Where the data stand, for the discreet line under the header.
#[derive(Debug, Clone, PartialEq)]
pub enum Freshness {
    Loading,
    /// Shown from the device; the server was not reached (yet).
    FromDevice,
    /// The server confirmed it is current.
    Current,
    /// A newer copy arrived and is now shown.
    Updated,
    /// Nothing on the device and no network.
    Unavailable,
}

#[derive(Clone, Copy)]
pub struct CatalogState {
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    pub freshness: RwSignal<Freshness>,
    /// Seats left by workshop, when known.
    pub availability: RwSignal<Vec<Availability>>,
}

pub fn use_catalog() -> CatalogState {
    expect_context::<CatalogState>()
}

pub fn provide_catalog() {
    let state =
        CatalogState { loaded: RwSignal::new(None), freshness: RwSignal::new(Freshness::Loading), availability: RwSignal::new(Vec::new()) };
    provide_context(state);
    let settings = use_settings();
    // Reload when the territory changes.
    Effect::new(move |_| {
        let territory = settings.with(|s| s.territoire.clone());
        state.loaded.set(None);
        state.freshness.set(Freshness::Loading);
        spawn_local(load(state, territory));
    });
}

/// Fetches again (after the network came back). Takes the state and the
/// settings rather than reading the contexts: it runs from a window event,
/// where there is no reactive owner to read them from (that panicked).
pub fn refresh(state: CatalogState, settings: RwSignal<Settings>) {
    let territory = settings.with_untracked(|s| s.territoire.clone());
    spawn_local(load(state, territory));
}

async fn load(state: CatalogState, territory: String) {
    let db = storage::db()
        .await
        .inspect_err(|error| crate::platform::error_log::record("stockage", &format!("Base de l'appareil inaccessible : {error}")))
        .ok();
    dom::mark("proxinum:base-ouverte");
    let mut etag = None;
    if let Some(db) = &db {
        if let Ok(Some((stored_etag, catalog))) = storage::catalog::load(db, &territory).await {
            dom::mark("proxinum:catalogue-lu");
            etag = Some(stored_etag);
            let loaded = Loaded::ready(catalog).await;
            state.loaded.set(Some(loaded));
            state.freshness.set(Freshness::FromDevice);
            dom::mark("proxinum:catalogue-pret");
        }
        if let Ok(Some(seats)) = storage::outbox::availability(db, &territory).await {
            state.availability.set(seats.liste);
        }
    }
    let had_copy = etag.is_some();
    match net::catalog(&territory, etag.as_deref()).await {
        Ok(Fetched::NotModified) => state.freshness.set(Freshness::Current),
        Ok(Fetched::Fresh { value, bytes, etag }) => {
            dom::mark("proxinum:catalogue-recu");
            let code = value.territoire.code.clone();
            // Shown first, kept after: the resident does not wait for the disk.
            let loaded = Loaded::ready(value).await;
            state.loaded.set(Some(loaded));
            state.freshness.set(if had_copy { Freshness::Updated } else { Freshness::Current });
            dom::mark("proxinum:catalogue-pret");
            if let Some(db) = &db {
                // In a task of its own, not the list's: the record is the
                // whole answer, copied to the browser's side.
                dom::yield_to_browser().await;
                let _ = storage::catalog::save(db, &code, etag, &bytes).await;
            }
        }
        Err(error) => {
            if let NetError::Bad(message) = error {
                crate::platform::error_log::record("catalogue", &message);
            }
            if !had_copy {
                state.freshness.set(Freshness::Unavailable);
            }
        }
    }
    if let Ok(list) = net::availability(&territory).await {
        if let Some(db) = &db {
            let stored = storage::outbox::StoredAvailability { liste: list.clone(), recu_le: js_sys::Date::now() };
            let _ = storage::outbox::save_availability(db, &territory, &stored).await;
        }
        state.availability.set(list);
    }
}
