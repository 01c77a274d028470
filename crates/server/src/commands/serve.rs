//! `proxinum servir`: opens the database, makes sure an organiser token
//! exists, binds the address (with a clear message when the port is taken),
//! purges old personal data every hour, sends the notices by e-mail when an
//! SMTP server is given, and serves until Ctrl-C.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use anyhow::Context;

use crate::catalog::Catalogs;
use crate::cli::ServeArgs;
use crate::clock::Clock;
use crate::http::{self, rate_limit::RateLimiter, AppState};
use crate::registrar::Registrar;
use crate::{db, token};

pub fn run(base: &Path, args: ServeArgs) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()))
        .with_writer(std::io::stderr)
        .init();
    let db = super::open(base)?;
    if let Some(new_token) = token::ensure(&db.lock(), args.jeton.as_deref())? {
        println!("Jeton des organisateurs (notez-le, il ne sera plus affiché) :\n{new_token}");
    }
    let clock = Clock::from_env()?;
    let mailer = match (&args.smtp_url, &args.smtp_expediteur) {
        (Some(url), Some(from)) => Some(crate::mailer::Mailer::new(url, from)?),
        _ => None,
    };
    let contacts: HashMap<String, String> = args.signalements.iter().cloned().collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("démarrage du serveur")?;
    // The registrations writer is a task of this runtime.
    let _inside = runtime.enter();
    let state = AppState {
        catalogs: Catalogs::new(db.clone(), contacts, args.retention_jours, clock),
        registrar: Registrar::start(db.clone()),
        db,
        clock,
        limiter: RateLimiter::new(args.limite_par_minute),
        proxies: http::client_address::TrustedProxies::new(args.proxys_de_confiance.clone()),
        retention_days: args.retention_jours,
        site: http::pages::Site {
            public_url: String::new(),
            template: std::sync::Arc::new(crate::render::Template::load(&args.dist)),
            territory: args.territoire_accueil.clone(),
        },
        emails_sent: mailer.is_some(),
    };
    if proxinum_core::territory::Territory::of_departement(&args.territoire_accueil).is_none() {
        anyhow::bail!("--territoire-accueil {} : code de département inconnu (par exemple 32 ou 82)", args.territoire_accueil);
    }
    let mut state = state;
    runtime.block_on(async move {
        let address = SocketAddr::new(args.adresse, args.port);
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                anyhow::bail!(
                    "le port {} est déjà utilisé sur {}. Arrêtez l'autre programme, ou choisissez un autre port : --port 8081 (ou PROXINUM_PORT=8081).",
                    args.port,
                    args.adresse
                );
            }
            Err(error) => return Err(error).with_context(|| format!("impossible d'écouter sur {address}")),
        };
        if !args.dist.join("index.html").exists() {
            tracing::warn!("{} ne contient pas index.html : construisez l'application (trunk build --release)", args.dist.display());
        }
        let local = listener.local_addr()?;
        state.site.public_url = args.url_publique.clone().unwrap_or_else(|| format!("http://{local}"));
        if args.url_publique.is_none() && !local.ip().is_loopback() {
            tracing::warn!(
                "--url-publique n'est pas donnée : les liens absolus (agendas .ics, aperçus de liens, plan du site) diront {}",
                state.site.public_url
            );
        }
        if let Some(address) = args.metriques {
            let handle = crate::metrics::install()?;
            let listener = tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("--metriques : impossible d'écouter sur {address}"))?;
            crate::metrics::announce(listener.local_addr()?);
            tokio::spawn(async move {
                if let Err(error) = crate::metrics::serve(listener, handle).await {
                    tracing::error!("mesures Prometheus : {error:#}");
                }
            });
        }
        tokio::spawn(purge_every_hour(state.clone()));
        if let Some(mailer) = mailer {
            tokio::spawn(crate::mailer::run(state.clone(), mailer));
        }
        if let Some(url) = args.synchroniser_lieux.clone() {
            let source = crate::places_sync::Source {
                url,
                territoire: None,
                max_removed_percent: args.part_max_suppressions,
                accept_removals: false,
                dry_run: false,
            };
            tokio::spawn(crate::places_sync::every(state.db.clone(), state.clock, source, args.toutes_les));
        }
        let proxies = state.proxies.clone();
        let app = http::router(state, http::Options { dist: args.dist.clone(), metrics: args.metriques.is_some() });
        println!("Proxinum est prêt : http://{local}/");
        let limits = http::listener::Limits {
            max_connections: args.connexions_max,
            per_client: args.connexions_par_client,
            read_timeout: Duration::from_secs(args.delai_lecture.max(1)),
            proxies,
        };
        let stop = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        http::listener::serve(listener, app, limits, stop).await.context("serveur HTTP")
    })
}

/// Erases personal data of workshops ended more than `retention_days` ago.
async fn purge_every_hour(state: AppState) {
    let mut ticker = tokio::time::interval(Duration::from_secs(3600));
    loop {
        ticker.tick().await;
        let now = state.clock.now();
        let cutoff = now - chrono::Duration::days(state.retention_days.into());
        match state.db.run(move |c| db::registrations::purge_ended(c, cutoff, now)).await {
            Ok(0) => {}
            Ok(erased) => {
                crate::metrics::purged(erased);
                tracing::info!(erased, "données personnelles effacées (durée de conservation écoulée)");
            }
            Err(error) => tracing::error!("purge : {error:#}"),
        }
    }
}
