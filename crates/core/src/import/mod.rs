//! Importers for the place files a coordinator really has: schema v1 (CSV
//! and JSON), the older v0 JSON, and the France Services CSV.
//!
//! `import_file` never panics and never half-succeeds: a file that cannot be
//! read as a whole (truncated JSON, broken CSV row, unknown columns) gives a
//! report with `erreur_fatale` and no place, so the caller stores nothing.

mod fields;
mod france_services;
mod merge;
mod raw;
mod report;
pub mod sync;
mod v0_labels;

pub use france_services::day_ranges;
pub use merge::{merge_duplicates, position_key, street_key, MergeOutcome};
pub use raw::{RawRecord, RawValue};
pub use report::{ImportFormat, ImportReport, Problem, Severity};

use std::sync::Arc;

use chrono::NaiveDate;

use crate::communes::Gazetteer;
use crate::place::Place;
use fields::{Flavour, RecordIssues};

/// Choices the caller makes for one import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Keep only the places of this département ("32", "82", "2A"…).
    pub territoire: Option<String>,
    /// Date of a France Services list, whose rows carry no date of their own.
    pub date_liste: Option<NaiveDate>,
    /// When given, a "commune" unknown at its postal code is reported.
    pub communes: Option<Arc<Gazetteer>>,
}

/// The valid places of a file and the report of what happened.
#[derive(Debug, Clone, Default)]
pub struct ImportOutcome {
    /// Valid places of the territory, as read (duplicates not yet merged, so
    /// that a later import of another source can still be merged with them).
    pub places: Vec<Place>,
    pub report: ImportReport,
}

/// Reads a file of places. `name` is only used for messages and to read a
/// date in a France Services file name ("…2022-12-01….csv").
pub fn import_file(name: &str, bytes: &[u8], options: &ImportOptions) -> ImportOutcome {
    let (text, note) = decode(bytes);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return fatal(None, format!("{name} est vide"));
    }
    let mut outcome =
        if trimmed.starts_with('[') || trimmed.starts_with('{') { import_json(trimmed, options) } else { import_csv(name, &text, options) };
    if let Some(note) = note {
        outcome.report.count_conversion(note);
    }
    if !outcome.report.is_fatal() {
        let merged = merge_duplicates(outcome.places.clone());
        outcome.report.fusionnes = merged.merged.len();
        for (kept, other, reason) in &merged.merged {
            outcome.report.problemes.push(Problem {
                enregistrement: format!("id {other}"),
                champ: None,
                gravite: Severity::Avertissement,
                message: format!("fusionné avec {kept} ({reason})"),
            });
        }
        for (a, b) in &merged.same_position_other_address {
            outcome.report.problemes.push(Problem {
                enregistrement: format!("id {a}"),
                champ: Some("latitude".into()),
                gravite: Severity::Avertissement,
                message: format!("mêmes coordonnées que {b} mais autre adresse : gardés séparés (coordonnées peut-être approximatives)"),
            });
        }
    }
    outcome
}

fn fatal(format: Option<ImportFormat>, message: String) -> ImportOutcome {
    ImportOutcome { places: Vec::new(), report: ImportReport::fatal(format, message) }
}

/// UTF-8 (with or without BOM), or Windows-1252 as saved by many spreadsheets.
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => (decode_windows_1252(bytes), Some("fichier lu en Windows-1252 (il n'était pas en UTF-8)")),
    }
}

fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•',
        '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

fn import_json(text: &str, options: &ImportOptions) -> ImportOutcome {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            return fatal(
                None,
                format!("JSON illisible à la ligne {}, colonne {} ({error}) : fichier tronqué ou abîmé ?", error.line(), error.column()),
            )
        }
    };
    let items = match value {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(map) => {
            let arrays: Vec<Vec<serde_json::Value>> = map
                .into_iter()
                .filter_map(|(_, v)| match v {
                    serde_json::Value::Array(items) => Some(items),
                    _ => None,
                })
                .collect();
            match <[Vec<serde_json::Value>; 1]>::try_from(arrays) {
                Ok([items]) => items,
                Err(_) => return fatal(None, "objet JSON sans une liste de lieux unique".into()),
            }
        }
        _ => return fatal(None, "le JSON doit être une liste de lieux".into()),
    };
    let records: Vec<Option<RawRecord>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| item.as_object().map(|o| RawRecord::from_json(format!("enregistrement {}", i + 1), o)))
        .collect();
    let flavour = if records.iter().flatten().any(looks_like_v0) { Flavour::V0 } else { Flavour::V1 };
    let format = match flavour {
        Flavour::V0 => ImportFormat::V0Json,
        Flavour::V1 => ImportFormat::V1Json,
    };
    let mut report = ImportReport::new(Some(format));
    let mut places = Vec::new();
    for (i, record) in records.iter().enumerate() {
        report.lus += 1;
        let Some(record) = record else {
            report.rejetes += 1;
            report.problemes.push(Problem {
                enregistrement: format!("enregistrement {}", i + 1),
                champ: None,
                gravite: Severity::Rejet,
                message: "ce n'est pas un objet JSON".into(),
            });
            continue;
        };
        let mut issues = RecordIssues::new(record.location.clone(), &mut report);
        let place = fields::place_from_record(record, flavour, &mut issues);
        keep(place, options, &mut report, &mut places);
    }
    ImportOutcome { places, report }
}

/// v0 records have fields or list separators that v1 does not.
fn looks_like_v0(record: &RawRecord) -> bool {
    // `publics_accueillis` alone is not decisive: merged v1 files keep it.
    record.field_names().any(|f| matches!(f, "labels_nationaux" | "conditions_access" | "conditions_acces" | "structureId"))
        || record.text("services").is_some_and(|s| s.contains(';') && !s.contains('|'))
}

fn import_csv(name: &str, text: &str, options: &ImportOptions) -> ImportOutcome {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t'].into_iter().max_by_key(|d| first_line.matches(*d as char).count()).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_string()).collect(),
        Err(error) => return fatal(None, format!("en-tête CSV illisible : {error}")),
    };
    let has = |column: &str| headers.iter().any(|h| h == column);
    let format = if has("id_fs") && has("lib_fs") {
        ImportFormat::FranceServicesCsv
    } else if has("id") && has("nom") && has("adresse") {
        ImportFormat::V1Csv
    } else {
        return fatal(
            None,
            format!(
                "colonnes non reconnues ({}) : attendu le schéma v1 (id, pivot, nom, commune, code_postal, adresse, date_maj…) ou la liste France Services (id_fs, lib_fs…)",
                headers.iter().take(6).cloned().collect::<Vec<_>>().join(", ")
            ),
        );
    };
    let date_liste = options.date_liste.or_else(|| date_in_name(name));
    if format == ImportFormat::FranceServicesCsv && date_liste.is_none() {
        return fatal(
            Some(format),
            "la liste France Services n'a pas de date de mise à jour : indiquez-la (--date-maj AAAA-MM-JJ) ou mettez-la dans le nom du fichier".into(),
        );
    }

    // Read every row before keeping any: a broken row means a broken file.
    let mut rows = Vec::new();
    for (index, row) in reader.records().enumerate() {
        let line = index + 2;
        match row {
            Ok(row) if row.len() == headers.len() => rows.push((line, row)),
            Ok(row) if row.len() == 1 && row.get(0).is_some_and(|c| c.trim().is_empty()) => {}
            Ok(row) => {
                return fatal(
                    Some(format),
                    format!("ligne {line} : {} colonnes au lieu de {} (fichier tronqué ou mal formé ?)", row.len(), headers.len()),
                )
            }
            Err(error) => return fatal(Some(format), format!("ligne {line} illisible : {error}")),
        }
    }
    if rows.is_empty() {
        return fatal(Some(format), "aucun lieu dans le fichier (en-tête seul)".into());
    }

    let mut report = ImportReport::new(Some(format));
    let mut places = Vec::new();
    for (line, row) in rows {
        report.lus += 1;
        let mut record = RawRecord::new(format!("ligne {line}"));
        for (header, value) in headers.iter().zip(row.iter()) {
            record.insert(header, RawValue::Text(value.to_string()));
        }
        let mut issues = RecordIssues::new(record.location.clone(), &mut report);
        let place = match format {
            ImportFormat::FranceServicesCsv => france_services::place_from_row(&record, date_liste.unwrap_or_default(), &mut issues),
            _ => fields::place_from_record(&record, Flavour::V1, &mut issues),
        };
        keep(place, options, &mut report, &mut places);
    }
    ImportOutcome { places, report }
}

/// Counts a record as kept, rejected or outside the territory.
fn keep(place: Option<Place>, options: &ImportOptions, report: &mut ImportReport, places: &mut Vec<Place>) {
    match place {
        None => report.rejetes += 1,
        Some(place) => {
            let inside = match &options.territoire {
                None => true,
                Some(code) => place.departement().as_deref() == Some(code.as_str()),
            };
            if inside {
                report.gardes += 1;
                check_commune(&place, options, report);
                places.push(place);
            } else {
                report.hors_territoire += 1;
            }
        }
    }
}

/// Flags a place whose commune does not exist at its postal code, such as
/// the real record whose commune is just "GERS" (a département-wide service).
fn check_commune(place: &Place, options: &ImportOptions, report: &mut ImportReport) {
    let Some(gazetteer) = &options.communes else { return };
    if place.code_insee.is_none() && !gazetteer.knows(&place.commune, &place.code_postal) {
        report.problemes.push(Problem {
            enregistrement: format!("id {}", place.id),
            champ: Some("commune".into()),
            gravite: Severity::Avertissement,
            message: format!(
                "« {} » n'est pas une commune du code postal {} : lieu gardé, adresse à vérifier",
                place.commune, place.code_postal
            ),
        });
    }
}

/// The first YYYY-MM-DD found in a file name.
fn date_in_name(name: &str) -> Option<NaiveDate> {
    let chars: Vec<char> = name.chars().collect();
    chars.windows(10).find_map(|w| NaiveDate::parse_from_str(&w.iter().collect::<String>(), "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests;
