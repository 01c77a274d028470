//! Times the nearest-place query in the browser over the national set: the
//! page hands over the three national files, this imports and merges them
//! with `proxinum-core` (as the server would), then times "10 nearest with
//! a filter" and returns the median in microseconds. It also times reading
//! the territory's catalog as the app reads it at every start.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use proxinum_core::filter::{Need, PlaceFilter};
use proxinum_core::geo::LatLon;
use proxinum_core::import::{import_file, merge_duplicates, ImportOptions};
use proxinum_core::nearest::PlaceIndex;
use wasm_bindgen::prelude::*;

thread_local! {
    static INDEX: RefCell<Option<PlaceIndex>> = const { RefCell::new(None) };
}

/// Imports the files (name, bytes) and returns the number of merged places.
#[wasm_bindgen]
pub fn prepare(names: Vec<String>, files: Vec<js_sys::Uint8Array>) -> usize {
    let mut places = Vec::new();
    for (name, bytes) in names.iter().zip(files) {
        places.extend(import_file(name, &bytes.to_vec(), &ImportOptions::default()).places);
    }
    let merged = merge_duplicates(places).places;
    let count = merged.len();
    INDEX.with(|i| *i.borrow_mut() = Some(PlaceIndex::new(merged)));
    count
}

/// Median time in microseconds of `runs` queries "10 nearest, besoin=démarches"
/// from points spread over France (`open_now` adds the opening-hours filter).
#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds with sub-millisecond precision.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

#[wasm_bindgen]
pub fn nearest_median_us(runs: usize, open_now: bool) -> f64 {
    let filter = PlaceFilter { besoins: vec![Need::Demarches], ouvert_maintenant: open_now, ..Default::default() };
    let now = chrono::DateTime::from_timestamp(1_765_270_800, 0).unwrap_or_default(); // Tue 9 Dec 2025, 10:00 Paris
    INDEX.with(|i| {
        let index = i.borrow();
        let Some(index) = index.as_ref() else { return f64::NAN };
        let mut times = Vec::with_capacity(runs);
        for run in 0..runs {
            let from = LatLon::new(43.0 + (run % 7) as f64 * 0.9, -1.0 + (run % 11) as f64 * 0.6).unwrap();
            let start = performance_now();
            let found = index.nearest(from, &filter, now, 10);
            times.push((performance_now() - start) * 1000.0);
            assert!(!found.is_empty());
        }
        median(times)
    })
}

/// Reads the catalog's compact `bytes` (`core::catalog_compact`) `runs`
/// times as the app does at every start. Returns the first read, which
/// includes the browser compiling the code that reads, then the median of
/// the others, in milliseconds.
#[wasm_bindgen]
pub fn catalog_read_ms(bytes: &[u8], runs: usize) -> Vec<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(2) {
        let start = performance_now();
        let catalog = proxinum_core::catalog_compact::read(bytes).expect("the server's catalog reads");
        times.push(performance_now() - start);
        assert!(!catalog.lieux.is_empty());
    }
    let others = times.split_off(1);
    vec![times[0], median(others)]
}

/// What the read of [`catalog_read_ms`] is made of, on the same `bytes`:
/// the checksum alone, a read by the app's reader (`core::compact_read`)
/// without the checksum, and a read of the same bytes by postcard's own
/// reader (the app's before issue 14's stop of 2026-12-07), each the
/// median of `runs` batches of ten, divided by ten (the browser's clock
/// counts in steps of 0.1 ms), in milliseconds.
#[wasm_bindgen]
pub fn catalog_read_parts_ms(bytes: &[u8], runs: usize) -> Vec<f64> {
    use proxinum_core::catalog::Catalog;
    const BATCH: u32 = 10;
    let body = &bytes[..bytes.len() - 8];
    let timed = |read: &dyn Fn()| {
        median(
            (0..runs.max(1))
                .map(|_| {
                    let start = performance_now();
                    for _ in 0..BATCH {
                        read();
                    }
                    (performance_now() - start) / f64::from(BATCH)
                })
                .collect(),
        )
    };
    vec![
        timed(&|| assert_ne!(proxinum_core::catalog_compact::checksum(body), 0)),
        timed(&|| assert!(proxinum_core::compact_read::from_bytes::<(u32, Catalog)>(body).is_some())),
        timed(&|| assert!(postcard::from_bytes::<(u32, Catalog)>(body).is_ok())),
    ]
}

/// The middle of `times` once sorted (the upper one of an even count).
fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
