//! `proxinum import <fichier>`: reads a place file, prints the report, and
//! stores the places in one transaction; a file that cannot be read as a
//! whole changes nothing. `proxinum import https://…` syncs with the
//! national export instead (`places_sync`).

use std::path::Path;

use anyhow::Context;
use proxinum_core::import::{import_file, merge_duplicates, ImportOptions};
use proxinum_core::text::capitalise;

use crate::cli::ImportArgs;
use crate::clock::Clock;
use crate::places_sync::{self, Failure, Outcome, Source};
use crate::{db, defaults};

pub fn run(base: &Path, args: ImportArgs) -> anyhow::Result<()> {
    let text = args.fichier.to_string_lossy();
    if text.starts_with("https://") || text.starts_with("http://") {
        return sync(base, &args);
    }
    let bytes = std::fs::read(&args.fichier).with_context(|| format!("lecture de {}", args.fichier.display()))?;
    let name = args.fichier.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let options =
        ImportOptions { territoire: args.territoire.clone(), date_liste: args.date_maj, communes: Some(defaults::shared_gazetteer()) };
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
    println!(
        "Enregistré : {} lieux de ce fichier. La base contient {total} fiches, soit {merged} lieux une fois les doublons fusionnés.",
        outcome.places.len()
    );
    Ok(())
}

/// `proxinum import https://…`: one sync, its report and outcome printed.
fn sync(base: &Path, args: &ImportArgs) -> anyhow::Result<()> {
    let url = crate::cli::parse_source_url(&args.fichier.to_string_lossy()).map_err(anyhow::Error::msg)?;
    let source = Source {
        url,
        territoire: args.territoire.clone(),
        max_removed_percent: args.part_max_suppressions,
        accept_removals: args.accepter_suppressions,
        dry_run: args.essai,
    };
    let db = super::open(base)?;
    let clock = Clock::from_env()?;
    match places_sync::run(&db, &clock, &source) {
        Ok(Outcome::Unchanged) => println!("Inchangé depuis la dernière synchronisation : rien à télécharger."),
        Ok(Outcome::Applied { report, changes, stored }) => {
            print_judgement(&report, &changes);
            println!("Enregistré : {stored} lieux de {}.", source.url);
        }
        Ok(Outcome::Judged { report, changes }) => {
            print_judgement(&report, &changes);
            println!("Essai : rien n'a été enregistré.");
        }
        Err(failure) => {
            if let Some(report) = failure.report() {
                print!("{report}");
            }
            if let Failure::TooManyRemovals(_, removals) = &failure {
                for change in &removals.over {
                    println!("Lieux retirés du département {} : {}", change.departement, change.removed.join(", "));
                }
                println!("Si ces lieux ont vraiment fermé, relancez avec --accepter-suppressions (ou --part-max-suppressions).");
            }
            anyhow::bail!("{failure} ; rien n'a été modifié");
        }
    }
    Ok(())
}

/// The import report, then what the file does to each département.
fn print_judgement(report: &proxinum_core::import::ImportReport, changes: &[proxinum_core::import::sync::TerritoryChange]) {
    print!("{report}");
    for change in changes {
        println!("{}", capitalise(&change.to_string()));
    }
}
