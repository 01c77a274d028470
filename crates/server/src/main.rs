//! `proxinum`: the server and the coordinators' command line. This file only
//! dispatches; each command lives in its own module.

mod accounts;
mod catalog;
mod cli;
mod clock;
mod commands;
mod db;
mod defaults;
mod http;
mod ics_import;
mod mailer;
mod metrics;
mod places_sync;
mod registrar;
mod render;
mod token;
mod tours;
mod workshops;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Erreur : {error:#}");
            std::process::ExitCode::from(2)
        }
    }
}
