//! `proxinum inscriptions …`: what an organiser without a browser needs.

use std::path::Path;

use anyhow::Context;

use crate::accounts::Actor;
use crate::cli::{InscriptionsCommande, OuiNon};
use crate::clock::Clock;
use crate::{db, workshops};

pub fn run(base: &Path, command: InscriptionsCommande) -> anyhow::Result<()> {
    let db = super::open(base)?;
    let now = Clock::from_env()?.now();
    let mut connection = db.lock();
    let require_session = |id: &str| -> anyhow::Result<()> {
        anyhow::ensure!(db::sessions::get(&connection, id)?.is_some(), "atelier « {id} » introuvable");
        Ok(())
    };
    match command {
        InscriptionsCommande::Lister { atelier } => {
            require_session(&atelier)?;
            let rows = db::registrations::of_session(&connection, &atelier)?;
            for row in &rows {
                let status = row.statut.label();
                let name = match (&row.prenom, &row.nom) {
                    (Some(p), Some(n)) => format!("{p} {n}"),
                    _ => "(données effacées)".into(),
                };
                let contact = row.telephone.as_deref().map(proxinum_core::phone::display).or(row.courriel.clone()).unwrap_or_default();
                println!("{} · {} · {} place(s) · {} · {}", row.id, status, row.places, name, contact);
            }
            println!("{} inscription(s).", rows.len());
        }
        InscriptionsCommande::Exporter { atelier, sortie } => {
            require_session(&atelier)?;
            let csv = workshops::registrations_csv(&connection, &atelier)?;
            match sortie {
                Some(path) => {
                    std::fs::write(&path, csv).with_context(|| format!("écriture de {}", path.display()))?;
                    println!("Écrit : {}", path.display());
                }
                None => std::io::Write::write_all(&mut std::io::stdout(), &csv)?,
            }
        }
        InscriptionsCommande::Presence { inscription, present } => {
            let present = matches!(present, OuiNon::Oui);
            anyhow::ensure!(
                workshops::mark_attendance(&mut connection, &Actor::CommandLine, &inscription, present, now)?,
                "inscription « {inscription} » introuvable"
            );
            println!("Présence notée : {}", if present { "présent" } else { "absent" });
        }
        InscriptionsCommande::Effacer { inscription } => {
            anyhow::ensure!(
                workshops::erase_registration(&mut connection, &Actor::CommandLine, &inscription, now)?,
                "inscription « {inscription} » introuvable"
            );
            println!("Données personnelles effacées.");
        }
    }
    Ok(())
}
