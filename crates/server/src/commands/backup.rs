//! `proxinum sauvegarder` and `proxinum restaurer`: a consistent copy of the
//! live database through SQLite's online backup API (copying the file of a
//! base in WAL mode while the server writes is not a backup), and its way
//! back, refused for a file that is damaged or from an unknown version.

use std::path::Path;

use anyhow::Context;
use rusqlite::{Connection, OpenFlags};

use crate::db::{self, Db};

/// Pages copied per step; the server's writers get the base between steps.
const PAGES_PER_STEP: std::os::raw::c_int = 256;
const PAUSE: std::time::Duration = std::time::Duration::from_millis(5);

/// Copies the base at `base` into `target` while the server may be writing.
pub fn save(base: &Path, target: &Path, replace: bool) -> anyhow::Result<()> {
    anyhow::ensure!(base.exists(), "la base {} n'existe pas : rien à sauvegarder", base.display());
    if target.exists() && !replace {
        anyhow::bail!("{} existe déjà : choisissez un autre nom, ou ajoutez --remplacer", target.display());
    }
    let source = Connection::open_with_flags(base, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("ouverture de la base {}", base.display()))?;
    source.busy_timeout(std::time::Duration::from_secs(5))?;
    // Written beside the target, then renamed: a failed copy leaves no half file.
    let partial = target.with_extension("partielle");
    let _ = std::fs::remove_file(&partial);
    {
        let mut copy = Connection::open(&partial).with_context(|| format!("création de {}", partial.display()))?;
        let backup = rusqlite::backup::Backup::new(&source, &mut copy)?;
        backup.run_to_completion(PAGES_PER_STEP, PAUSE, None).context("copie de la base")?;
    }
    let summary = db::backup_file::check(&partial).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })?;
    std::fs::rename(&partial, target).with_context(|| format!("écriture de {}", target.display()))?;
    println!("Sauvegarde écrite : {} ({summary}).", target.display());
    Ok(())
}

/// Puts a backup in place of the base at `base` (which must not be in use).
pub fn restore(backup: &Path, base: &Path, replace: bool) -> anyhow::Result<()> {
    anyhow::ensure!(backup.exists(), "{} n'existe pas", backup.display());
    let summary = db::backup_file::check(backup).with_context(|| format!("{} ne peut pas être restaurée", backup.display()))?;
    if base.exists() && !replace {
        anyhow::bail!(
            "la base {} existe déjà : arrêtez le serveur, puis relancez avec --remplacer pour l'écraser (ou choisissez une autre base avec --base)",
            base.display()
        );
    }
    let source = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let db = Db::open(base)?;
    {
        let mut connection = db.lock();
        let copy = rusqlite::backup::Backup::new(&source, &mut connection)?;
        copy.run_to_completion(PAGES_PER_STEP, PAUSE, None).context("restauration de la base")?;
    }
    drop(db);
    // Opened again: a backup from an older version is brought up to date.
    Db::open(base)?;
    println!("Base {} restaurée depuis {} ({summary}).", base.display(), backup.display());
    Ok(())
}
