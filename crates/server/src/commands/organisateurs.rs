//! `proxinum organisateurs …`: organiser accounts (a secret each, shown
//! once, revocable and renewable) and the audit log, for the coordinator.

use std::path::Path;

use crate::accounts::{self, AccountError, Actor};
use crate::cli::OrganisateursCommande;
use crate::clock::Clock;
use crate::db;

pub(crate) fn explain(error: AccountError) -> anyhow::Error {
    match error {
        AccountError::Invalid(message) => anyhow::anyhow!("{message}"),
        AccountError::NameTaken(name) => anyhow::anyhow!("il y a déjà un organisateur « {name} » (voir « proxinum organisateurs lister »)"),
        AccountError::NotFound => anyhow::anyhow!("organisateur introuvable (voir « proxinum organisateurs lister »)"),
    }
}

/// An organiser by number or name, or a clear error.
pub fn find(connection: &rusqlite::Connection, which: &str) -> anyhow::Result<(i64, String)> {
    db::organisers::find(connection, which)?
        .ok_or_else(|| anyhow::anyhow!("pas d'organisateur « {which} » (numéro ou nom ; voir « proxinum organisateurs lister »)"))
}

pub fn run(base: &Path, command: OrganisateursCommande) -> anyhow::Result<()> {
    let db = super::open(base)?;
    let now = Clock::from_env()?.now();
    let mut connection = db.lock();
    let actor = Actor::CommandLine;
    match command {
        OrganisateursCommande::Ajouter { nom } => {
            let issued = accounts::add_organiser(&mut connection, &actor, &nom, now)?.map_err(explain)?;
            println!("Organisateur n° {} ajouté : {}", issued.id, issued.nom);
            println!("Son secret (à lui transmettre ; il ne sera plus affiché) :\n{}", issued.secret);
        }
        OrganisateursCommande::Lister => {
            let all = db::organisers::all(&connection)?;
            for organiser in &all {
                let state = match &organiser.revoque_le {
                    Some(when) => format!("révoqué le {when}"),
                    None => "actif".into(),
                };
                println!("{} · {} · {} atelier(s) · {state}", organiser.id, organiser.nom, organiser.ateliers);
            }
            println!("{} organisateur(s). Les ateliers sans organisateur sont ceux de la coordination.", all.len());
        }
        OrganisateursCommande::Revoquer { organisateur } => {
            let (id, _) = find(&connection, &organisateur)?;
            let name = accounts::revoke(&mut connection, &actor, id, now)?.map_err(explain)?;
            println!("Secret de « {name} » révoqué : il ne donne plus accès à rien.");
        }
        OrganisateursCommande::Renouveler { organisateur } => {
            let (id, _) = find(&connection, &organisateur)?;
            let issued = accounts::renew(&mut connection, &actor, id, now)?.map_err(explain)?;
            println!("Nouveau secret de « {} » (l'ancien ne marche plus ; il ne sera plus affiché) :\n{}", issued.nom, issued.secret);
        }
        OrganisateursCommande::Journal { limite } => {
            let entries = accounts::journal(&connection, limite)?;
            for entry in &entries {
                let what = [entry.atelier.as_deref(), entry.objet.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                println!("{} · {} · {} · {what}", entry.quand, entry.auteur, entry.action.label());
                for change in &entry.changements {
                    println!(
                        "    {} : {} → {}",
                        change.champ,
                        change.avant.as_deref().unwrap_or("(vide)"),
                        change.apres.as_deref().unwrap_or("(vide)")
                    );
                }
            }
            println!("{} entrée(s).", entries.len());
        }
    }
    Ok(())
}
