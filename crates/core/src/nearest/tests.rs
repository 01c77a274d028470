//! Nearest-place answers pinned on the real Gers and Tarn-et-Garonne data.

use chrono::{NaiveDate, Utc};

use super::*;
use crate::filter::Need;
use crate::import::{import_file, merge_duplicates, ImportOptions};
use crate::time::from_paris_local;

fn index() -> PlaceIndex {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lieux/gers-tarn-et-garonne.json")).unwrap();
    let places = import_file("gers-tarn-et-garonne.json", &bytes, &ImportOptions::default()).places;
    PlaceIndex::new(merge_duplicates(places).places)
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    from_paris_local(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()).with_timezone(&Utc)
}

const AUCH: (f64, f64) = (43.6465, 0.5855);
const LECTOURE_CENTRE: (f64, f64) = (43.940503, 0.650762);
const CASTELSARRASIN_CENTRE: (f64, f64) = (44.049033, 1.123481);

fn ids(answers: &[Nearby]) -> Vec<String> {
    answers.iter().map(|n| n.place.id.clone()).collect()
}

fn from(point: (f64, f64)) -> LatLon {
    LatLon::new(point.0, point.1).unwrap()
}

#[test]
fn nearest_from_auch() {
    let index = index();
    let answers = index.nearest(from(AUCH), &PlaceFilter::default(), at(2025, 12, 9, 10, 0), 3);
    assert_eq!(ids(&answers), ["cnfs-6384da29f7aaa606f2641832", "cnfs-62ac537c8255a806e299d56f", "cnfs-627bcb2fad1bdb06edc49ba5"]);
    assert!((answers[0].distance_km - 0.28).abs() < 0.01);
}

#[test]
fn nearest_from_lectoure_and_castelsarrasin() {
    let index = index();
    let now = at(2025, 12, 9, 10, 0);
    let lectoure = index.nearest(from(LECTOURE_CENTRE), &PlaceFilter::default(), now, 2);
    assert_eq!(ids(&lectoure), ["fs-192", "fs-191"]);
    let castel = index.nearest(from(CASTELSARRASIN_CENTRE), &PlaceFilter::default(), now, 3);
    // The PIJ absorbed its duplicate record: it appears once.
    assert_eq!(ids(&castel), ["fs-1965", "cnfs-627b5a21ad1bdb06edc49216", "cnfs-62bab65add51e705b180b117"]);
}

#[test]
fn filters_narrow_the_list() {
    let index = index();
    let now = at(2025, 12, 9, 10, 0);
    let demarches = PlaceFilter { besoins: vec![Need::Demarches], ..Default::default() };
    assert_eq!(ids(&index.nearest(from(AUCH), &demarches, now, 2)), ["fs-1271", "fs-190"]);
    let itinerant = PlaceFilter { itinerant: Some(true), ..Default::default() };
    assert_eq!(ids(&index.nearest(from(AUCH), &itinerant, now, 2)), ["fs-186", "fs-785"]);
}

#[test]
fn open_now_depends_on_the_clock() {
    let index = index();
    let open_now = PlaceFilter { ouvert_maintenant: true, ..Default::default() };
    // Saturday 13 December 2025, 10:00: France services d'Auch Garros opens
    // on Saturday mornings, the three nearer places do not.
    let saturday = index.nearest(from(AUCH), &open_now, at(2025, 12, 13, 10, 0), 1);
    assert_eq!(ids(&saturday), ["fs-1271"]);
    // Christmas day: nothing is open.
    assert!(index.nearest(from(AUCH), &open_now, at(2025, 12, 25, 10, 0), 5).is_empty());
    // Sunday night: nothing either.
    assert!(index.nearest(from(AUCH), &open_now, at(2025, 12, 14, 22, 0), 5).is_empty());
}

#[test]
fn places_without_coordinates_are_apart() {
    let index = index();
    let now = at(2025, 12, 9, 10, 0);
    let all = index.nearest(from(AUCH), &PlaceFilter::default(), now, usize::MAX);
    assert_eq!(index.count(&PlaceFilter::default(), now), 89);
    assert_eq!(all.len(), 89);
    assert!(all.iter().all(|n| n.place.position().is_some()));
    let apart: Vec<&str> = index.without_position(&PlaceFilter::default(), now).iter().map(|p| p.id.as_str()).collect();
    assert_eq!(apart, ["di-271", "di-315"]);
}

#[test]
fn ties_are_broken_by_id() {
    let mut a = Place::new("b", "B", "Auch", "32000", "x", NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    a.latitude = Some(43.6);
    a.longitude = Some(0.5);
    let mut b = a.clone();
    b.id = "a".into();
    let index = PlaceIndex::new(vec![a, b]);
    let answers = index.nearest(LatLon::new(43.7, 0.5).unwrap(), &PlaceFilter::default(), Utc::now(), 2);
    assert_eq!(ids(&answers), ["a", "b"]);
}

#[test]
fn merged_ids_still_resolve() {
    let index = index();
    let place = index.get("cnfs-62b2c7c3dd51e705b1807bdd").expect("merged into France services Aubiet");
    assert_eq!(place.id, "fs-787");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn a_true_top_k_in_order(lat in 43.0f64..44.5, lon in -0.5f64..2.0, limit in 1usize..20) {
            let index = index();
            let origin = LatLon::new(lat, lon).unwrap();
            let answers = index.nearest(origin, &PlaceFilter::default(), Utc::now(), limit);
            prop_assert_eq!(answers.len(), limit);
            prop_assert!(answers.windows(2).all(|w| w[0].distance_km <= w[1].distance_km + 1e-9));
            let last = answers.last().unwrap().distance_km;
            for place in index.places() {
                let Some(position) = place.position() else { continue };
                if !answers.iter().any(|n| n.place.id == place.id) {
                    prop_assert!(origin.distance_km(position) >= last - 1e-9, "{} is nearer than the last answer", place.id);
                }
            }
        }
    }
}
