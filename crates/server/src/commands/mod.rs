//! One module per command of the command line.

mod serve;

use crate::cli::{Cli, Commande};

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.commande {
        Commande::Servir(args) => serve::run(&cli.base, args),
    }
}
