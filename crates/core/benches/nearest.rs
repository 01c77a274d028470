//! "10 nearest with a filter" over the national set (~11 000 real places of
//! `tests/data/lieux/france/`, gzipped, merged): the query residents run most.
//!
//! Run: `cargo bench -p proxinum-core --bench nearest`

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use proxinum_core::filter::{Need, PlaceFilter};
use proxinum_core::geo::LatLon;
use proxinum_core::import::{import_file, merge_duplicates, ImportOptions};
use proxinum_core::nearest::PlaceIndex;

fn national_index() -> PlaceIndex {
    use std::io::Read;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/lieux/france");
    let mut places = Vec::new();
    for file in ["cnfs_2023-01_france.json", "data-inclusion_2023-02_france.json", "france-services_2022-12-01_france.csv"] {
        let gzipped = std::fs::File::open(dir.join(format!("{file}.gz"))).expect("national files in tests/data/lieux/france");
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gzipped).read_to_end(&mut bytes).expect("gzip");
        places.extend(import_file(file, &bytes, &ImportOptions::default()).places);
    }
    let merged = merge_duplicates(places).places;
    println!("national set: {} places after merging", merged.len());
    PlaceIndex::new(merged)
}

fn bench(c: &mut Criterion) {
    let index = national_index();
    let auch = LatLon::new(43.6465, 0.5855).unwrap();
    let tuesday_10h = Utc.with_ymd_and_hms(2025, 12, 9, 9, 0, 0).unwrap();
    let demarches = PlaceFilter { besoins: vec![Need::Demarches], ..Default::default() };
    let open_now = PlaceFilter { besoins: vec![Need::Demarches], ouvert_maintenant: true, ..Default::default() };
    // Warm the lazily parsed hours, as a running app or server would have.
    index.nearest(auch, &open_now, tuesday_10h, 10);

    c.bench_function("national: 10 nearest, no filter", |b| {
        b.iter(|| index.nearest(black_box(auch), &PlaceFilter::default(), tuesday_10h, 10))
    });
    c.bench_function("national: 10 nearest, besoin=demarches", |b| b.iter(|| index.nearest(black_box(auch), &demarches, tuesday_10h, 10)));
    c.bench_function("national: 10 nearest, besoin=demarches + ouvert maintenant", |b| {
        b.iter(|| index.nearest(black_box(auch), &open_now, tuesday_10h, 10))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
