//! `proxinum servir`: binds the address (with a clear message when the port
//! is taken) and runs the HTTP server until Ctrl-C.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Context;

use crate::cli::ServeArgs;
use crate::http;

pub fn run(_base: &Path, args: ServeArgs) -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()))
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("démarrage du serveur")?;
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
        let local = listener.local_addr()?;
        let app = http::router(http::Options { dist: args.dist.clone() });
        if !args.dist.join("index.html").exists() {
            tracing::warn!("{} ne contient pas index.html : construisez l'application (trunk build --release)", args.dist.display());
        }
        println!("Proxinum est prêt : http://{local}/");
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("serveur HTTP")
    })
}
