//! The import report: what was read, kept, merged and rejected, and why.
//! Written for a coordinator: precise, in French, one line per problem.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The file formats a coordinator really has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportFormat {
    /// Schema v1 as CSV (`|` between the values of a multi-valued field).
    V1Csv,
    /// Schema v1 as JSON (lists as arrays or `|` strings).
    V1Json,
    /// The older v0 JSON of the national mapping (`;` lists, v0 labels).
    V0Json,
    /// The official France Services list (CSV, hours per weekday).
    FranceServicesCsv,
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ImportFormat::V1Csv => "schéma v1 (CSV)",
            ImportFormat::V1Json => "schéma v1 (JSON)",
            ImportFormat::V0Json => "ancien format v0 (JSON)",
            ImportFormat::FranceServicesCsv => "liste France Services (CSV)",
        })
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    /// The record was not kept.
    Rejet,
    /// The record was kept, but something in it deserves a look.
    Avertissement,
}

/// One problem found in one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// Where: "ligne 12" for CSV, "enregistrement 3 (id …)" for JSON.
    pub enregistrement: String,
    /// The field concerned, when there is one.
    pub champ: Option<String>,
    pub gravite: Severity,
    pub message: String,
}

/// The outcome of reading one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub format: Option<ImportFormat>,
    /// Records found in the file.
    pub lus: usize,
    /// Valid records of the requested territory.
    pub gardes: usize,
    /// Kept records folded into another place (same id, or same place at the
    /// same coordinates).
    pub fusionnes: usize,
    pub rejetes: usize,
    /// Valid records outside the requested territory, left aside.
    pub hors_territoire: usize,
    pub problemes: Vec<Problem>,
    /// Systematic conversions (v0 labels, missing pivots…), counted once
    /// instead of repeated on every line.
    pub conversions: BTreeMap<String, usize>,
    /// Set when the file as a whole could not be used: nothing is stored.
    pub erreur_fatale: Option<String>,
}

impl ImportReport {
    pub fn new(format: Option<ImportFormat>) -> Self {
        ImportReport { format, ..Default::default() }
    }

    pub fn fatal(format: Option<ImportFormat>, message: impl Into<String>) -> Self {
        ImportReport { format, erreur_fatale: Some(message.into()), ..Default::default() }
    }

    pub fn is_fatal(&self) -> bool {
        self.erreur_fatale.is_some()
    }

    pub fn count_conversion(&mut self, what: impl Into<String>) {
        *self.conversions.entry(what.into()).or_default() += 1;
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problemes.iter().filter(|p| p.gravite == Severity::Avertissement)
    }

    pub fn rejections(&self) -> impl Iterator<Item = &Problem> {
        self.problemes.iter().filter(|p| p.gravite == Severity::Rejet)
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(format) = self.format {
            writeln!(f, "Format : {format}")?;
        }
        if let Some(error) = &self.erreur_fatale {
            writeln!(f, "ÉCHEC : {error}")?;
            return writeln!(f, "Rien n'a été modifié.");
        }
        writeln!(
            f,
            "Lus : {} · gardés : {} · fusionnés : {} · rejetés : {} · hors territoire : {}",
            self.lus, self.gardes, self.fusionnes, self.rejetes, self.hors_territoire
        )?;
        if !self.conversions.is_empty() {
            writeln!(f, "Conversions :")?;
            for (what, count) in &self.conversions {
                writeln!(f, "  {count} × {what}")?;
            }
        }
        for (title, severity) in [("Rejets", Severity::Rejet), ("Avertissements", Severity::Avertissement)] {
            let problems: Vec<&Problem> = self.problemes.iter().filter(|p| p.gravite == severity).collect();
            if problems.is_empty() {
                continue;
            }
            writeln!(f, "{title} ({}) :", problems.len())?;
            for p in problems {
                match &p.champ {
                    Some(field) => writeln!(f, "  {} · {} : {}", p.enregistrement, field, p.message)?,
                    None => writeln!(f, "  {} : {}", p.enregistrement, p.message)?,
                }
            }
        }
        Ok(())
    }
}
