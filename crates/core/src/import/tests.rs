//! Import tests over the real files of the national data (kept in the
//! repository: `data/` for the default data, `tests/data/` for the sources,
//! the national files gzipped) and over broken inputs.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::*;
use crate::communes::{self, Gazetteer};
use crate::vocab::{Dispositif, Service, Vocabulary};

/// A real data file by its path under `data/` or `tests/data/` (where large
/// files are stored gzipped as `<path>.gz`): tests need nothing outside the
/// repository.
fn shared(path: &str) -> Vec<u8> {
    use std::io::Read;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    for dir in ["data", "tests/data"] {
        if let Ok(bytes) = std::fs::read(root.join(dir).join(path)) {
            return bytes;
        }
    }
    let gzipped = root.join("tests/data").join(format!("{path}.gz"));
    let file = std::fs::File::open(&gzipped).unwrap_or_else(|e| panic!("{path} is needed by this test ({}): {e}", gzipped.display()));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).unwrap();
    bytes
}

fn gazetteer() -> Arc<Gazetteer> {
    static G: OnceLock<Arc<Gazetteer>> = OnceLock::new();
    G.get_or_init(|| {
        let text = String::from_utf8(shared("communes/communes_france_with_coords.csv")).unwrap();
        Arc::new(Gazetteer::new(communes::parse_csv(&text).unwrap()))
    })
    .clone()
}

fn import(path: &str, territoire: Option<&str>) -> ImportOutcome {
    let options = ImportOptions { territoire: territoire.map(String::from), date_liste: None, communes: Some(gazetteer()) };
    import_file(path, &shared(path), &options)
}

const GERS_82: &str = "lieux/gers-tarn-et-garonne.json";

#[test]
fn merged_file_counts_per_departement() {
    let all = import(GERS_82, None);
    let r = &all.report;
    assert_eq!(r.format, Some(ImportFormat::V1Json));
    assert_eq!((r.lus, r.gardes, r.rejetes, r.fusionnes), (98, 98, 0, 7));
    assert!(r.erreur_fatale.is_none());

    let gers = import(GERS_82, Some("32")).report;
    assert_eq!((gers.gardes, gers.hors_territoire), (39, 59));
    let tarn_et_garonne = import(GERS_82, Some("82")).report;
    assert_eq!((tarn_et_garonne.gardes, tarn_et_garonne.hors_territoire), (59, 39));

    assert_eq!(merge_duplicates(all.places).places.len(), 91);
}

#[test]
fn every_v0_service_label_of_the_data_is_mapped() {
    for path in [GERS_82, "lieux/sources/cnfs_2023-01_dep32-82.json", "lieux/sources/data-inclusion_2023-02_dep32-82.json"] {
        let out = import(path, None);
        for place in &out.places {
            assert!(!place.services.is_empty(), "{} has no service", place.id);
            for service in &place.services {
                assert!(!service.is_unknown(), "{path}: {} kept unknown service {service:?}", place.id);
            }
        }
    }
    // The national data·inclusion file has all 14 v0 labels: none left unknown.
    let national = import("lieux/france/data-inclusion_2023-02_france.json", None);
    let unknown: BTreeSet<&str> = national.places.iter().flat_map(|p| &p.services).filter(|s| s.is_unknown()).map(|s| s.label()).collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    let converted = national.report.conversions.keys().filter(|k| k.starts_with("service v0")).count();
    assert_eq!(converted, 14);
    // Spot checks of the mapping.
    let place = national.places.iter().find(|p| p.services.contains(&Service::MaterielPrixSolidaire));
    assert!(place.is_some(), "« S'équiper en matériel informatique » maps to prix solidaire");
}

#[test]
fn the_record_whose_commune_is_gers_is_kept_and_flagged() {
    let out = import(GERS_82, None);
    let place = out.places.iter().find(|p| p.commune == "GERS").expect("the GERS record");
    assert_eq!(place.id, "cnfs-62ac53e78255a806e299d57c");
    assert_eq!(place.departement().as_deref(), Some("32"));
    assert!(place.position().is_some());
    let warning = out.report.warnings().find(|w| w.enregistrement.contains(&place.id) && w.champ.as_deref() == Some("commune"));
    assert!(warning.is_some_and(|w| w.message.contains("n'est pas une commune")));
}

#[test]
fn records_without_coordinates_or_hours() {
    let out = import(GERS_82, None);
    let without_position: BTreeSet<&str> = out.places.iter().filter(|p| p.position().is_none()).map(|p| p.id.as_str()).collect();
    assert_eq!(without_position, BTreeSet::from(["di-271", "di-315"]));
    for id in without_position {
        assert!(out.report.warnings().any(|w| w.enregistrement.contains(id) && w.message.contains("listé à part")));
    }
    assert_eq!(out.places.iter().filter(|p| p.horaires.is_none()).count(), 9);
}

#[test]
fn duplicates_are_merged_into_the_france_services_record() {
    let merged = merge_duplicates(import(GERS_82, None).places);
    let aubiet = merged.places.iter().find(|p| p.id == "fs-787").expect("France services Aubiet");
    assert_eq!(aubiet.nom, "France services Aubiet");
    assert_eq!(aubiet.fusion_de, ["cnfs-62b2c7c3dd51e705b1807bdd"]);
    // The union of both records' programmes and services.
    assert!(aubiet.dispositif_programmes_nationaux.contains(&Dispositif::FranceServices));
    assert!(aubiet.dispositif_programmes_nationaux.contains(&Dispositif::ConseillersNumeriques));
    assert!(aubiet.services.contains(&Service::OutilsDuQuotidien));
    // Two organisations sharing Montauban's coarse coordinates stay apart.
    assert!(merged.places.iter().any(|p| p.id == "cnfs-627a4fb4ad1bdb06edc48c29"));
    assert!(merged.places.iter().any(|p| p.id == "cnfs-627bad5cad1bdb06edc49883"));
    assert!(merged.same_position_other_address.contains(&("cnfs-627a4fb4ad1bdb06edc48c29".into(), "cnfs-627bad5cad1bdb06edc49883".into())));
}

#[test]
fn the_three_sources_merge_into_the_same_places_as_the_merged_file() {
    let mut raw = Vec::new();
    for path in [
        "lieux/sources/cnfs_2023-01_dep32-82.json",
        "lieux/sources/data-inclusion_2023-02_dep32-82.json",
        "lieux/sources/france-services_2022-12-01_dep32-82.csv",
    ] {
        let out = import(path, None);
        assert!(out.report.erreur_fatale.is_none(), "{path}");
        raw.extend(out.places);
    }
    assert_eq!(raw.len(), 49 + 36 + 46);
    let from_sources: BTreeSet<String> = merge_duplicates(raw).places.into_iter().map(|p| p.id).collect();
    let from_merged_file: BTreeSet<String> = merge_duplicates(import(GERS_82, None).places).places.into_iter().map(|p| p.id).collect();
    assert_eq!(from_sources, from_merged_file);
}

#[test]
fn source_file_counts() {
    let cnfs = import("lieux/sources/cnfs_2023-01_dep32-82.json", None).report;
    assert_eq!((cnfs.format, cnfs.lus, cnfs.gardes, cnfs.rejetes), (Some(ImportFormat::V0Json), 49, 49, 0));
    let di = import("lieux/sources/data-inclusion_2023-02_dep32-82.json", None).report;
    assert_eq!((di.format, di.lus, di.gardes), (Some(ImportFormat::V0Json), 36, 36));
    let fs = import("lieux/sources/france-services_2022-12-01_dep32-82.csv", None);
    assert_eq!((fs.report.format, fs.report.lus, fs.report.gardes), (Some(ImportFormat::FranceServicesCsv), 46, 46));
    // Weekday columns became OSM hours.
    let masseube = fs.places.iter().find(|p| p.id == "fs-186").unwrap();
    assert_eq!(masseube.horaires.as_deref(), Some("Tu-We 09:30-12:30,13:30-18:00; Th-Sa 09:30-12:30"));
    assert!(masseube.is_itinerant());
    assert_eq!(masseube.date_maj, NaiveDate::from_ymd_opt(2022, 12, 1).unwrap());
}

#[test]
fn the_standard_s_own_example_is_valid() {
    let out = import("schema/lieux-mediation-numerique-v1.0.2.exemple-valide.csv", None);
    let r = &out.report;
    assert_eq!((r.format, r.lus, r.gardes, r.rejetes), (Some(ImportFormat::V1Csv), 1, 1, 0));
    assert_eq!(r.warnings().filter(|w| w.champ.as_deref() != Some("commune")).count(), 0, "{r}");
    let p = &out.places[0];
    assert_eq!(p.id, "structure-1");
    assert_eq!(p.courriels.len(), 2);
    assert_eq!(p.site_web.len(), 2);
    assert_eq!(p.services.len(), 3);
    assert_eq!(p.formations_labels.len(), 2);
    assert_eq!(p.modalites_accompagnement.len(), 4);
    assert!(p.is_itinerant());
    assert_eq!(p.telephone.as_deref(), Some("+33180059880"));
}

#[test]
fn national_files_import_with_a_report() {
    let cnfs = import("lieux/france/cnfs_2023-01_france.json", None).report;
    assert_eq!((cnfs.lus, cnfs.gardes, cnfs.rejetes), (4930, 4930, 0));
    let di = import("lieux/france/data-inclusion_2023-02_france.json", None).report;
    assert_eq!((di.lus, di.gardes + di.rejetes), (3811, 3811));
    let fs = import("lieux/france/france-services_2022-12-01_france.csv", None).report;
    assert_eq!(fs.lus, 2683);
    assert_eq!(fs.gardes + fs.rejetes, 2683);
    assert!(fs.rejetes > 0 && fs.rejetes < 50, "real rows lack a commune: {}", fs.rejetes);
    for report in [&cnfs, &di, &fs] {
        assert!(report.erreur_fatale.is_none());
        // Every rejection names the record and the field.
        for problem in report.rejections() {
            assert!(problem.champ.is_some() && !problem.enregistrement.is_empty());
        }
    }
}

#[test]
fn truncated_or_garbled_files_are_refused_whole() {
    let json = shared(GERS_82);
    let truncated_json = &json[..json.len() / 2];
    let out = import_file("x.json", truncated_json, &ImportOptions::default());
    assert!(out.places.is_empty());
    assert!(out.report.erreur_fatale.as_deref().is_some_and(|e| e.contains("tronqué")), "{}", out.report);

    let csv = shared("lieux/sources/france-services_2022-12-01_dep32-82.csv");
    let cut = csv.len() * 2 / 3;
    let out = import_file("liste-2022-12-01.csv", &csv[..cut], &ImportOptions::default());
    assert!(out.places.is_empty());
    assert!(out.report.erreur_fatale.as_deref().is_some_and(|e| e.contains("colonnes au lieu de")), "{}", out.report);

    let garbage: Vec<u8> = (0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let out = import_file("garbage.csv", &garbage, &ImportOptions::default());
    assert!(out.places.is_empty() && out.report.is_fatal());

    let out = import_file("empty.json", b"  \n", &ImportOptions::default());
    assert!(out.report.erreur_fatale.as_deref().is_some_and(|e| e.contains("vide")));

    let out = import_file("other.csv", b"a,b,c\n1,2,3\n", &ImportOptions::default());
    assert!(out.report.erreur_fatale.as_deref().is_some_and(|e| e.contains("colonnes non reconnues")));

    let out = import_file("fs-sans-date.csv", b"id_fs,lib_fs\n1,x\n", &ImportOptions::default());
    assert!(out.report.erreur_fatale.as_deref().is_some_and(|e| e.contains("--date-maj")));
}

#[test]
fn bad_records_are_rejected_with_their_line_and_field() {
    let csv = "id,pivot,nom,commune,code_postal,adresse,date_maj,services\n\
               a,12345678901234,Médiathèque,Auch,32000,1 rue X,2024-01-02,Aide aux démarches administratives\n\
               b,12345678901234,,Auch,32000,1 rue X,2024-01-02,\n\
               c,12345678901234,Lieu,Auch,3200O,1 rue X,2024-01-02,\n\
               d,12345678901234,Lieu,Auch,32000,1 rue X,hier,\n\
               e,12345678901234,Lieu,Auch,2000,1 rue X,02/01/2024,Service inventé\n";
    let out = import_file("v1.csv", csv.as_bytes(), &ImportOptions::default());
    let r = &out.report;
    assert_eq!((r.lus, r.gardes, r.rejetes), (5, 2, 3), "{r}");
    let has = |line: &str, field: &str| r.rejections().any(|p| p.enregistrement.starts_with(line) && p.champ.as_deref() == Some(field));
    assert!(has("ligne 3", "nom"));
    assert!(has("ligne 4", "code_postal"));
    assert!(has("ligne 5", "date_maj"));
    // Kept, repaired and reported.
    let e = out.places.iter().find(|p| p.id == "e").unwrap();
    assert_eq!(e.code_postal, "02000");
    assert_eq!(e.services[0].label(), "Service inventé");
    assert!(r.warnings().any(|w| w.message.contains("Service inventé")));
}

#[test]
fn windows_1252_files_are_read() {
    let csv = "id,pivot,nom,commune,code_postal,adresse,date_maj\nm,12345678901234,M\u{e9}diath\u{e8}que,Auch,32000,1 rue X,2024-01-02\n";
    let latin: Vec<u8> = csv.chars().map(|c| c as u32 as u8).collect();
    let out = import_file("v1.csv", &latin, &ImportOptions::default());
    assert_eq!(out.places[0].nom, "Médiathèque");
    assert!(out.report.conversions.keys().any(|k| k.contains("Windows-1252")));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000), json in any::<bool>()) {
            let mut input = bytes;
            if json { input.insert(0, b'['); }
            let out = import_file("fuzz-2024-01-01.csv", &input, &ImportOptions::default());
            prop_assert_eq!(out.report.gardes, out.places.len());
            if out.report.is_fatal() {
                prop_assert!(out.places.is_empty());
            }
        }

        #[test]
        fn on_mutated_real_files(cut in 0usize..6000, flips in proptest::collection::vec((0usize..6000, any::<u8>()), 0..20), which in 0usize..3) {
            let path = ["lieux/sources/cnfs_2023-01_dep32-82.json", "lieux/sources/france-services_2022-12-01_dep32-82.csv", "schema/lieux-mediation-numerique-v1.0.2.exemple-valide.csv"][which];
            let mut bytes = shared(path);
            for (at, byte) in flips {
                let len = bytes.len();
                bytes[at % len] = byte;
            }
            bytes.truncate(bytes.len().saturating_sub(cut));
            let out = import_file(path, &bytes, &ImportOptions::default());
            prop_assert_eq!(out.report.gardes, out.places.len());
            prop_assert_eq!(out.report.lus, out.report.gardes + out.report.rejetes + out.report.hors_territoire);
            if out.report.is_fatal() {
                prop_assert!(out.places.is_empty());
            }
        }
    }
}
