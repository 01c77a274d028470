//! Command-line interface: flags and environment variables, explained by
//! `--help`, in French for the coordinators who use it.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "proxinum",
    version,
    about = "Proxinum — le numérique près de chez vous : serveur et outils des coordinateurs",
    long_about = None,
)]
pub struct Cli {
    /// Fichier de la base SQLite (créé s'il n'existe pas).
    #[arg(long, global = true, env = "PROXINUM_BASE", default_value = ".proxinum/proxinum.sqlite")]
    pub base: PathBuf,

    #[command(subcommand)]
    pub commande: Commande,
}

#[derive(Subcommand, Debug)]
pub enum Commande {
    /// Démarre le serveur : l'application, le catalogue et les inscriptions.
    #[command(alias = "serve")]
    Servir(ServeArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Adresse d'écoute.
    #[arg(long, env = "PROXINUM_ADRESSE", default_value = "127.0.0.1")]
    pub adresse: IpAddr,

    /// Port d'écoute (0 : un port libre est choisi et affiché).
    #[arg(long, env = "PROXINUM_PORT", default_value_t = 8080)]
    pub port: u16,

    /// Dossier de l'application construite par Trunk.
    #[arg(long, env = "PROXINUM_DIST", default_value = "dist")]
    pub dist: PathBuf,
}
