//! One module per command of the command line. Every command opens the
//! database the same way: a fresh database gets the default data first.

mod ateliers;
mod backup;
mod import;
mod inscriptions;
pub(crate) mod organisateurs;
mod serve;

use std::path::Path;

use anyhow::Context;

use crate::cli::{Cli, Commande};
use crate::clock::Clock;
use crate::db::{self, Db};
use crate::{defaults, token};

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.commande {
        Commande::Servir(args) => serve::run(&cli.base, args),
        Commande::Import(args) => import::run(&cli.base, args),
        Commande::Ateliers(command) => ateliers::run(&cli.base, command),
        Commande::Inscriptions(command) => inscriptions::run(&cli.base, command),
        Commande::Organisateurs(command) => organisateurs::run(&cli.base, command),
        Commande::Tournee(args) => {
            let text = std::fs::read_to_string(&args.fichier).with_context(|| format!("lecture de {}", args.fichier.display()))?;
            let input: crate::tours::TourInput = serde_json::from_str(&text)
                .with_context(|| format!("{} : tournée illisible (voir proxinum tournee --help)", args.fichier.display()))?;
            let db = open(&cli.base)?;
            let now = Clock::from_env()?.now();
            let outcome = crate::tours::publish(&mut db.lock(), &crate::accounts::Actor::CommandLine, &args.lieu, &input, now)?;
            match outcome {
                Ok(stops) => {
                    println!("Tournée de « {} » publiée : {} arrêt(s).", args.lieu, stops.len());
                    for stop in &stops {
                        println!("- {} : {}", stop.place_text(), proxinum_core::tour::schedule_text(stop, &stop.next_dates(now, 3)));
                    }
                    Ok(())
                }
                Err(crate::tours::TourError::UnknownPlace) => anyhow::bail!("lieu « {} » introuvable", args.lieu),
                Err(crate::tours::TourError::NotItinerant) => {
                    anyhow::bail!("le lieu « {} » n'est pas itinérant : rien n'a changé", args.lieu)
                }
                Err(crate::tours::TourError::Invalid(errors)) => {
                    let lines: Vec<String> = errors.iter().map(|e| format!("  {} : {}", e.champ, e.message)).collect();
                    anyhow::bail!("tournée refusée, rien n'a changé :\n{}", lines.join("\n"))
                }
            }
        }
        Commande::Purger(args) => {
            let db = open(&cli.base)?;
            let now = match args.maintenant {
                Some(moment) => moment,
                None => Clock::from_env()?.now(),
            };
            let cutoff = now - chrono::Duration::days(args.retention_jours.into());
            let erased = db::registrations::purge_ended(&mut db.lock(), cutoff, now)?;
            println!("{erased} inscription(s) anonymisée(s) (ateliers terminés avant le {}).", cutoff.format("%d/%m/%Y"));
            Ok(())
        }
        Commande::Sauvegarder(args) => backup::save(&cli.base, &args.fichier, args.remplacer),
        Commande::Restaurer(args) => backup::restore(&args.fichier, &cli.base, args.remplacer),
        Commande::Jeton(args) => {
            let db = open(&cli.base)?;
            let new = args.definir.clone().unwrap_or_else(token::generate);
            token::store(&db.lock(), &new)?;
            if args.definir.is_none() {
                println!("Nouveau jeton des organisateurs (notez-le, il ne sera plus affiché) :\n{new}");
            } else {
                println!("Jeton des organisateurs remplacé.");
            }
            Ok(())
        }
    }
}

const SEEDED: &str = "donnees_initiales";

/// Opens the database; the first time, loads the real default data (places
/// of 32 and 82, past programmes) and example workshops dated from today.
pub fn open(path: &Path) -> anyhow::Result<Db> {
    let db = Db::open(path)?;
    let mut connection = db.lock();
    if db::meta::get(&connection, SEEDED)?.is_none() {
        let now = Clock::from_env()?.now();
        let stamp = db::timestamp(now);
        let (places, report) = defaults::places();
        anyhow::ensure!(!report.is_fatal(), "données embarquées illisibles : {report}");
        db::places::store(&mut connection, &places, defaults::PLACES_FILE, &stamp)?;
        let today = proxinum_core::time::in_paris(now).date_naive();
        let tx = connection.transaction()?;
        for session in defaults::programmes().iter().chain(&defaults::examples(today)) {
            db::sessions::upsert(&tx, session, &stamp)?;
        }
        db::meta::set(&tx, SEEDED, &stamp)?;
        tx.commit().context("données initiales")?;
    }
    drop(connection);
    Ok(db)
}
