//! `proxinum import <fichier>`: reads a place file, prints the report, and
//! stores the places in one transaction; a file that cannot be read as a
//! whole changes nothing.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use proxinum_core::import::{import_file, merge_duplicates, ImportOptions};

use crate::cli::ImportArgs;
use crate::clock::Clock;
use crate::{db, defaults};

pub fn run(base: &Path, args: ImportArgs) -> anyhow::Result<()> {
    let bytes = std::fs::read(&args.fichier).with_context(|| format!("lecture de {}", args.fichier.display()))?;
    let name = args.fichier.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let options = ImportOptions {
        territoire: args.territoire.clone(),
        date_liste: args.date_maj,
        communes: Some(Arc::new(defaults::gazetteer().clone())),
    };
    let outcome = import_file(&name, &bytes, &options);
    print!("{}", outcome.report);
    if outcome.report.is_fatal() {
        anyhow::bail!("import refusé : rien n'a été modifié");
    }
    if outcome.places.is_empty() {
        anyhow::bail!("aucun lieu valide à enregistrer : rien n'a été modifié");
    }
    if args.essai {
        println!("Essai : rien n'a été enregistré.");
        return Ok(());
    }
    let db = super::open(base)?;
    let now = Clock::from_env()?.now();
    let mut connection = db.lock();
    db::places::store(&mut connection, &outcome.places, &name, &db::timestamp(now))?;
    let stored = db::places::all(&connection)?;
    let total = stored.len();
    let merged = merge_duplicates(stored).places.len();
    println!("Enregistré : {} lieux de ce fichier. La base contient {total} fiches, soit {merged} lieux une fois les doublons fusionnés.", outcome.places.len());
    Ok(())
}
