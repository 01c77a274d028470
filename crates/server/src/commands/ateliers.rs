//! `proxinum ateliers …`: list, add, edit, cancel, postpone workshops,
//! import them from iCalendar, remove the examples.

use std::path::Path;

use anyhow::Context;
use proxinum_core::organiser::ImportAction;
use proxinum_core::session::Session;

use crate::accounts::Actor;
use crate::cli::AteliersCommande;
use crate::clock::Clock;
use crate::workshops::{self, WorkshopInput, WriteError};
use crate::{db, ics_import};

fn explain(error: WriteError, id: &str) -> anyhow::Error {
    match error {
        WriteError::Invalid(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| format!("  {} : {}", e.champ, e.message)).collect();
            anyhow::anyhow!("atelier invalide, rien n'a été enregistré :\n{}", lines.join("\n"))
        }
        WriteError::Exists(existing) => anyhow::anyhow!("l'atelier « {existing} » existe déjà (utilisez « ateliers modifier »)"),
        WriteError::NotFound => anyhow::anyhow!("atelier « {id} » introuvable"),
    }
}

fn print_created(sessions: &[Session]) {
    for session in sessions {
        println!("Ajouté : {} — {} ({})", session.id, session.titre, session.when_text());
    }
}

pub fn run(base: &Path, command: AteliersCommande) -> anyhow::Result<()> {
    let db = super::open(base)?;
    let now = Clock::from_env()?.now();
    let mut connection = db.lock();
    match command {
        AteliersCommande::Lister { territoire } => {
            let sessions = match &territoire {
                Some(code) => db::sessions::of_territory(&connection, code)?,
                None => db::sessions::all(&connection)?,
            };
            for session in &sessions {
                let seats = db::registrations::availability_of(&connection, session)?;
                let left = match seats.places_restantes {
                    Some(n) => format!("{n} place(s) restante(s)"),
                    None => "sans limite".into(),
                };
                let badge = if session.exemple { " [EXEMPLE]" } else { "" };
                let past = if session.is_past(now) { " [passé]" } else { "" };
                println!(
                    "{}{badge}{past}\n  {} — {}\n  {} · {} · liste d'attente : {}",
                    session.id,
                    session.titre,
                    session.when_text(),
                    session.statut.label(),
                    left,
                    seats.liste_attente
                );
            }
            println!("{} atelier(s).", sessions.len());
        }
        AteliersCommande::Ajouter { fichier } => {
            let text = std::fs::read_to_string(&fichier).with_context(|| format!("lecture de {}", fichier.display()))?;
            let input: WorkshopInput =
                serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{} : JSON invalide ({e})", fichier.display()))?;
            let id = input.atelier.id.clone();
            let created = workshops::create(&mut connection, &Actor::CommandLine, input, now)?.map_err(|e| explain(e, &id))?;
            print_created(&created);
        }
        AteliersCommande::Modifier { id, fichier } => {
            let text = std::fs::read_to_string(&fichier).with_context(|| format!("lecture de {}", fichier.display()))?;
            let session: Session =
                serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{} : JSON invalide ({e})", fichier.display()))?;
            let saved = workshops::replace(&mut connection, &Actor::CommandLine, &id, session, now)?.map_err(|e| explain(e, &id))?;
            println!("Modifié : {} — {}", saved.id, saved.titre);
        }
        AteliersCommande::Annuler { id } => match workshops::cancel(&mut connection, &Actor::CommandLine, &id, now)? {
            Some(session) => println!("Annulé : {} — {}. Ses inscriptions sont annulées.", session.id, session.titre),
            None => anyhow::bail!("atelier « {id} » introuvable"),
        },
        AteliersCommande::Reporter { id, debut, fin } => {
            let dates = debut.zip(fin);
            let session = workshops::postpone(&mut connection, &Actor::CommandLine, &id, dates, now)?.map_err(|e| explain(e, &id))?;
            match dates {
                Some(_) => println!("Reporté au {} : {}", session.when_text(), session.titre),
                None => println!("Reporté, date à venir : {}", session.titre),
            }
        }
        AteliersCommande::ImporterIcs(args) => {
            let text = std::fs::read_to_string(&args.fichier).with_context(|| format!("lecture de {}", args.fichier.display()))?;
            let sessions = ics_import::sessions(&text, &args.options).map_err(|e| anyhow::anyhow!("{} : {e}", args.fichier.display()))?;
            let plan = workshops::import(&mut connection, &Actor::CommandLine, sessions, !args.apercu, now)?;
            for line in &plan.lignes {
                match (line.action, &line.raison) {
                    (ImportAction::Creation, _) if plan.applique => println!("Ajouté : {} — {} ({})", line.id, line.titre, line.quand),
                    (ImportAction::MiseAJour, _) if plan.applique => println!("Mis à jour : {} — {} ({})", line.id, line.titre, line.quand),
                    (ImportAction::Ignore, Some(why)) => println!("Ignoré : {} — {} ({}) : {why}", line.id, line.titre, line.quand),
                    (action, _) => println!("{} : {} — {} ({})", action.label(), line.id, line.titre, line.quand),
                }
            }
            println!("{}{}.", plan.summary(), if plan.applique { "" } else { " — aperçu, rien n'a été enregistré" });
        }
        AteliersCommande::Attribuer { id, organisateur } => {
            let to = organisateur.as_deref().map(|which| super::organisateurs::find(&connection, which)).transpose()?;
            match crate::accounts::assign(&mut connection, &Actor::CommandLine, &id, to.as_ref().map(|(n, _)| *n), now)? {
                Ok(()) => match to {
                    Some((_, name)) => println!("Atelier « {id} » confié à « {name} »."),
                    None => println!("Atelier « {id} » rendu à la coordination."),
                },
                Err(crate::accounts::AccountError::NotFound) => anyhow::bail!("atelier « {id} » introuvable"),
                Err(other) => return Err(super::organisateurs::explain(other)),
            }
        }
        AteliersCommande::SupprimerExemples => {
            let removed = workshops::delete_examples(&mut connection)?;
            println!("{removed} atelier(s) d'exemple supprimé(s).");
        }
    }
    Ok(())
}
