//! Command-line interface: flags and environment variables, explained by
//! `--help`, in French for the coordinators who use it.

use std::net::IpAddr;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "proxinum",
    version,
    about = "Proxinum — le numérique près de chez vous : serveur et outils des coordinateurs",
    after_help = "Exemples :\n  proxinum servir --port 8080\n  proxinum sauvegarder sauvegardes/proxinum.sqlite\n  proxinum import lieux.csv --territoire 32\n  proxinum ateliers lister --territoire 32\n  proxinum organisateurs ajouter \"Médiathèque de Fleurance\"\n  proxinum inscriptions exporter <atelier> --sortie inscrits.csv"
)]
pub struct Cli {
    /// Fichier de la base SQLite (créé et rempli avec les données du Gers et du Tarn-et-Garonne s'il n'existe pas).
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
    /// Importe un fichier de lieux (schéma national v1 en CSV ou JSON, ancien format v0, liste France Services) et affiche le rapport. Avec une adresse https://, synchronise avec l'export national (voir --help).
    Import(ImportArgs),
    /// Gère les ateliers.
    #[command(subcommand)]
    Ateliers(AteliersCommande),
    /// Gère les comptes des organisateurs (un secret chacun) et affiche le journal des changements.
    #[command(subcommand)]
    Organisateurs(OrganisateursCommande),
    /// Publie la tournée d'un lieu itinérant (bus, camping-car numérique) : ses arrêts remplacent les précédents. FICHIER (JSON) : {"arrets": [{"commune": "Mirande", "adresse": "Place de la mairie", "jour": "mardi", "debut": "09:00:00", "fin": "12:00:00", "du": "2026-09-01", "au": "2027-06-30"}]}.
    Tournee(TourArgs),
    /// Consulte et gère les inscriptions d'un atelier.
    #[command(subcommand)]
    Inscriptions(InscriptionsCommande),
    /// Efface les données personnelles des inscriptions aux ateliers terminés depuis plus de N jours (le serveur le fait seul chaque heure).
    Purger(PurgeArgs),
    /// Remplace le jeton des organisateurs.
    Jeton(JetonArgs),
    /// Copie la base dans FICHIER, de façon cohérente même pendant que le serveur écrit.
    Sauvegarder(BackupArgs),
    /// Remet une sauvegarde à la place de la base (serveur arrêté) ; refuse un fichier endommagé ou d'une version inconnue.
    Restaurer(BackupArgs),
}

#[derive(Args, Debug, Clone)]
pub struct TourArgs {
    /// Identifiant du lieu itinérant (celui de son adresse /lieux/…).
    pub lieu: String,
    /// Fichier JSON de la tournée.
    pub fichier: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct BackupArgs {
    /// Fichier de sauvegarde (par exemple sauvegardes/proxinum-2026-11-24.sqlite).
    pub fichier: PathBuf,
    /// Écrase le fichier (sauvegarder) ou la base (restaurer) s'il existe déjà.
    #[arg(long)]
    pub remplacer: bool,
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
    /// Jeton secret des organisateurs. Sans lui, un jeton est créé et affiché une seule fois au premier démarrage.
    #[arg(long, env = "PROXINUM_JETON", hide_env_values = true)]
    pub jeton: Option<String>,
    /// Jours de conservation des données personnelles après la fin d'un atelier.
    #[arg(long, env = "PROXINUM_RETENTION_JOURS", default_value_t = proxinum_core::registration::DEFAULT_RETENTION_DAYS)]
    pub retention_jours: u32,
    /// Inscriptions et annulations permises par adresse IP et par minute (0 : sans limite).
    #[arg(long, env = "PROXINUM_LIMITE_PAR_MINUTE", default_value_t = 60)]
    pub limite_par_minute: u32,
    /// Adresse qui reçoit « Signaler une erreur » pour un territoire, par exemple 32=coordination@exemple.fr (répétable).
    #[arg(long = "signalement", value_parser = parse_contact)]
    pub signalements: Vec<(String, String)>,
    /// Adresse publique du site, par exemple https://proxinum.gers.fr : elle sert à écrire les liens absolus (aperçus de liens, plan du site). Par défaut : http://adresse:port.
    #[arg(long = "url-publique", env = "PROXINUM_URL_PUBLIQUE", value_parser = parse_public_url)]
    pub url_publique: Option<String>,
    /// Proxys inverses de confiance (Caddy, nginx), adresses ou réseaux séparés par des virgules, par exemple 127.0.0.1,10.0.0.0/8 : pour eux seuls, l'adresse du visiteur est lue dans X-Forwarded-For ou Forwarded (limite d'inscriptions par visiteur). Par défaut : aucun, l'adresse de la connexion compte.
    #[arg(long = "proxys-de-confiance", env = "PROXINUM_PROXYS_DE_CONFIANCE", value_delimiter = ',', value_parser = parse_network)]
    pub proxys_de_confiance: Vec<ipnet::IpNet>,
    /// Connexions ouvertes en même temps, au plus (les suivantes attendent leur tour). Gardez-le sous la limite de fichiers ouverts du système (ulimit -n).
    #[arg(long = "connexions-max", env = "PROXINUM_CONNEXIONS_MAX", default_value_t = 768)]
    pub connexions_max: usize,
    /// Connexions ouvertes en même temps depuis une même adresse, au plus (les proxys de confiance n'ont pas de limite). Assez haut pour les téléphones qui partagent une adresse chez l'opérateur mobile ; à relever si beaucoup de visiteurs arrivent d'une même adresse sans proxy devant le serveur.
    #[arg(long = "connexions-par-client", env = "PROXINUM_CONNEXIONS_PAR_CLIENT", default_value_t = 128)]
    pub connexions_par_client: usize,
    /// Secondes laissées à un client pour envoyer les en-têtes de sa requête (ou la suivante sur une connexion gardée ouverte) et pour chaque morceau du corps ; au-delà, la connexion est fermée.
    #[arg(long = "delai-lecture", env = "PROXINUM_DELAI_LECTURE", default_value_t = 10)]
    pub delai_lecture: u64,
    /// Adresse où servir les mesures Prometheus (/metrics), par exemple 127.0.0.1:9464 ; jamais sur l'adresse publique. Par défaut : pas de mesures.
    #[arg(long = "metriques", env = "PROXINUM_METRIQUES")]
    pub metriques: Option<std::net::SocketAddr>,
    /// Adresse https:// de l'export national des lieux à synchroniser : au démarrage, puis à l'intervalle de --toutes-les (voir proxinum import --help).
    #[arg(long = "synchroniser-lieux", env = "PROXINUM_SYNCHRONISER_LIEUX", value_parser = parse_source_url)]
    pub synchroniser_lieux: Option<String>,
    /// Intervalle des synchronisations, par exemple 24h, 6h ou 30min.
    #[arg(long = "toutes-les", env = "PROXINUM_SYNCHRONISER_TOUTES_LES", default_value = "24h", value_parser = parse_interval, requires = "synchroniser_lieux")]
    pub toutes_les: std::time::Duration,
    /// Part des lieux d'un département, en %, qu'une synchronisation peut retirer ; au-delà, le fichier est refusé et rien ne change.
    #[arg(long = "part-max-suppressions", env = "PROXINUM_PART_MAX_SUPPRESSIONS", default_value_t = proxinum_core::import::sync::DEFAULT_MAX_REMOVED_PERCENT, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub part_max_suppressions: u32,
    /// Département dont la page d'accueil et la liste des ateliers montrent les lieux, rendues par le serveur.
    #[arg(long = "territoire-accueil", env = "PROXINUM_TERRITOIRE_ACCUEIL", default_value = "32")]
    pub territoire_accueil: String,
    /// Serveur d'envoi des e-mails aux inscrits (confirmation, place libérée, annulation, report, rappel la veille), par exemple smtps://utilisateur:motdepasse@smtp.exemple.fr ou smtp://127.0.0.1:25. Sans lui, rien n'est envoyé : la page des organisateurs liste les personnes à appeler.
    #[arg(long = "smtp-url", env = "PROXINUM_SMTP_URL", hide_env_values = true, requires = "smtp_expediteur")]
    pub smtp_url: Option<String>,
    /// Expéditeur des e-mails, par exemple « Proxinum <ne-pas-repondre@gers.fr> ».
    #[arg(long = "smtp-expediteur", env = "PROXINUM_SMTP_EXPEDITEUR", requires = "smtp_url")]
    pub smtp_expediteur: Option<String>,
}

fn parse_public_url(text: &str) -> Result<String, String> {
    let trimmed = text.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or("l'adresse publique commence par https:// (ou http://), par exemple https://proxinum.gers.fr")?;
    if rest.is_empty() || rest.contains(['/', '?', '#', ' ']) {
        return Err(format!("« {text} » : donnez seulement le début de l'adresse, sans chemin, par exemple https://proxinum.gers.fr"));
    }
    Ok(trimmed.to_string())
}

/// The national export's address: `https://…`, or `http://…` (a mirror on
/// the local network, the tests' server).
pub fn parse_source_url(text: &str) -> Result<String, String> {
    let text = text.trim();
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace) => Ok(text.to_string()),
        _ => Err(format!("« {text} » : adresse https:// attendue, par exemple https://www.data.gouv.fr/fr/datasets/r/…")),
    }
}

/// "24h", "30min", "1day": at least a minute, so a typo cannot hammer the source.
fn parse_interval(text: &str) -> Result<std::time::Duration, String> {
    let interval =
        humantime::parse_duration(text.trim()).map_err(|_| format!("« {text} » : intervalle attendu, par exemple 24h, 6h ou 30min"))?;
    if interval < std::time::Duration::from_secs(60) {
        return Err(format!("« {text} » : au moins une minute (1min)"));
    }
    Ok(interval)
}

/// `10.0.0.0/8`, or one address (`127.0.0.1`, `::1`).
fn parse_network(text: &str) -> Result<ipnet::IpNet, String> {
    let text = text.trim();
    text.parse::<ipnet::IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("« {text} » n'est ni une adresse IP ni un réseau (par exemple 127.0.0.1 ou 10.0.0.0/8)"))
}

fn parse_contact(text: &str) -> Result<(String, String), String> {
    let (code, email) = text.split_once('=').ok_or("format attendu : 32=adresse@exemple.fr")?;
    if !email.contains('@') {
        return Err(format!("« {email} » n'est pas une adresse e-mail"));
    }
    Ok((code.trim().to_string(), email.trim().to_string()))
}

#[derive(Args, Debug)]
#[command(after_help = "Un fichier ajoute ses lieux à ceux de la base (un lieu de même identifiant est remplacé).\n\
Une adresse https:// (l'export national) synchronise : ses lieux remplacent, dans les départements qu'elle couvre, \
les lieux nationaux (données livrées avec Proxinum et synchronisations précédentes) ; ceux qui n'y sont plus sont retirés. \
Les lieux importés d'un fichier local ne sont jamais retirés. Un fichier illisible, ou qui retirerait plus de \
--part-max-suppressions % des lieux d'un département, ne change rien. Une adresse déjà synchronisée n'est téléchargée \
que si elle a changé (ETag, Last-Modified).")]
pub struct ImportArgs {
    /// Fichier à importer, ou adresse https:// de l'export national des lieux.
    pub fichier: PathBuf,
    /// Ne garder que les lieux de ce département (32, 82…).
    #[arg(long)]
    pub territoire: Option<String>,
    /// Synchronisation : part des lieux d'un département, en %, que le fichier peut retirer ; au-delà il est refusé.
    #[arg(long, default_value_t = proxinum_core::import::sync::DEFAULT_MAX_REMOVED_PERCENT, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub part_max_suppressions: u32,
    /// Synchronisation : applique le fichier même s'il retire plus que --part-max-suppressions (après avoir lu le refus).
    #[arg(long)]
    pub accepter_suppressions: bool,
    /// Date de mise à jour d'une liste France Services (si elle n'est pas dans le nom du fichier).
    #[arg(long)]
    pub date_maj: Option<NaiveDate>,
    /// Affiche le rapport sans rien enregistrer.
    #[arg(long)]
    pub essai: bool,
}

#[derive(Subcommand, Debug)]
pub enum AteliersCommande {
    /// Liste les ateliers avec leurs places restantes.
    Lister {
        #[arg(long)]
        territoire: Option<String>,
    },
    /// Ajoute un atelier ou une série hebdomadaire décrit dans un fichier JSON ({"atelier": {...}, "recurrence": {...}}).
    Ajouter { fichier: PathBuf },
    /// Remplace la description d'un atelier par celle d'un fichier JSON.
    Modifier { id: String, fichier: PathBuf },
    /// Annule un atelier (ses inscriptions sont annulées).
    Annuler { id: String },
    /// Reporte un atelier, à une nouvelle date si elle est connue (heure de Paris, ex. 2026-12-15T14:00).
    Reporter {
        id: String,
        #[arg(long, requires = "fin")]
        debut: Option<NaiveDateTime>,
        #[arg(long, requires = "debut")]
        fin: Option<NaiveDateTime>,
    },
    /// Importe les événements d'un fichier iCalendar (.ics) comme ateliers : crée les nouveaux, met à jour ceux déjà importés (même UID), ignore les autres en disant pourquoi.
    ImporterIcs(IcsArgs),
    /// Supprime les ateliers d'exemple (et leurs inscriptions d'essai).
    SupprimerExemples,
    /// Confie un atelier à un organisateur (son numéro ou son nom), ou le rend à la coordination sans --organisateur.
    Attribuer {
        id: String,
        #[arg(long)]
        organisateur: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum OrganisateursCommande {
    /// Ajoute un organisateur et affiche son secret, une seule fois (ex. proxinum organisateurs ajouter "Médiathèque de Fleurance").
    Ajouter { nom: String },
    /// Liste les organisateurs, leurs ateliers et leur état (actif ou révoqué).
    Lister,
    /// Révoque le secret d'un organisateur (numéro ou nom) : il ne peut plus rien voir ni changer.
    Revoquer { organisateur: String },
    /// Donne un nouveau secret à un organisateur (numéro ou nom), affiché une seule fois ; l'ancien ne marche plus.
    Renouveler { organisateur: String },
    /// Affiche le journal des changements (qui, quoi, quand), du plus récent au plus ancien.
    Journal {
        /// Nombre d'entrées.
        #[arg(long, default_value_t = 50)]
        limite: usize,
    },
}

#[derive(Args, Debug)]
pub struct IcsArgs {
    pub fichier: PathBuf,
    #[command(flatten)]
    pub options: IcsOptions,
    /// Affiche ce qui serait créé, mis à jour ou ignoré (et pourquoi), sans rien enregistrer.
    #[arg(long)]
    pub apercu: bool,
}

/// What a calendar's events lack to be workshops: from these flags, or
/// from the organisers' page (`ics_import`, `TryFrom<&CalendarImport>`).
#[derive(Args, Debug, Clone)]
pub struct IcsOptions {
    /// Département des ateliers (32, 82…).
    #[arg(long)]
    pub territoire: String,
    /// Organisateur affiché.
    #[arg(long)]
    pub organisateur: String,
    /// Thème (forme courte, ex. premiers-pas, smartphone-et-tablette ; répétable).
    #[arg(long = "theme", required = true)]
    pub themes: Vec<String>,
    /// Public (ex. tout-public, seniors, parents ; répétable).
    #[arg(long = "public", default_value = "tout-public")]
    pub publics: Vec<String>,
    /// Places par atelier (sans limite si absent).
    #[arg(long)]
    pub capacite: Option<u32>,
    /// Comment s'inscrire.
    #[arg(long, value_enum, default_value_t = IcsRegistration::App)]
    pub inscription: IcsRegistration,
    /// Commune à utiliser quand le LIEU d'un événement n'en contient pas.
    #[arg(long)]
    pub commune: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum IcsRegistration {
    /// Inscription dans Proxinum.
    App,
    /// Sans inscription.
    Aucune,
    /// Auprès de l'organisateur.
    Organisateur,
}

#[derive(Subcommand, Debug)]
pub enum InscriptionsCommande {
    /// Liste les inscriptions d'un atelier (confirmées, liste d'attente, annulées).
    Lister { atelier: String },
    /// Exporte les inscriptions d'un atelier en CSV pour un tableur.
    Exporter {
        atelier: String,
        /// Fichier à écrire (sinon la sortie standard).
        #[arg(long)]
        sortie: Option<PathBuf>,
    },
    /// Note la présence (oui) ou l'absence (non) d'une personne inscrite.
    Presence { inscription: String, present: OuiNon },
    /// Efface les données personnelles d'une inscription (demande de la personne).
    Effacer { inscription: String },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum OuiNon {
    Oui,
    Non,
}

#[derive(Args, Debug)]
pub struct PurgeArgs {
    /// Jours de conservation après la fin de l'atelier.
    #[arg(long, env = "PROXINUM_RETENTION_JOURS", default_value_t = proxinum_core::registration::DEFAULT_RETENTION_DAYS)]
    pub retention_jours: u32,
    /// Date du jour à utiliser (RFC 3339), pour vérifier une purge à une date donnée.
    #[arg(long)]
    pub maintenant: Option<DateTime<Utc>>,
}

#[derive(Args, Debug)]
pub struct JetonArgs {
    /// Jeton à utiliser ; sans lui, un nouveau jeton est créé et affiché.
    #[arg(long, env = "PROXINUM_JETON", hide_env_values = true)]
    pub definir: Option<String>,
}
