//! Starting and stopping the server: plain HTTP or HTTPS (rustls with the ring provider).

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;
use axum_server::Handle;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::http::{router, AppState};
use crate::store::{Database, Store};

/// How often expired nonces, enrollment failures and tokens are removed.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Directory holding `clinic.db` (and, on either engine, the audit key file beside it and the
    /// audit checkpoint); created if missing.
    pub data_dir: PathBuf,
    /// A PostgreSQL connection string; `None` keeps the data in `data_dir`'s SQLite file.
    pub database: Option<String>,
    /// Where to listen (`127.0.0.1:0` picks a free port).
    pub listen: SocketAddr,
    /// PEM certificate chain and private key; HTTPS when present.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// The time source.
    pub clock: Arc<dyn Clock>,
    /// The operator's statement that a TLS-terminating proxy is in front (`--behind-tls-proxy`): plain
    /// HTTP is then accepted from any address, and cookies and HSTS are sent as over TLS. Without it
    /// and without `tls`, only loopback clients are served.
    pub behind_tls_proxy: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The data directory or database could not be opened.
    #[error("could not open the database")]
    Database,
    /// The address could not be bound.
    #[error("could not listen on the address: {0}")]
    Listen(std::io::Error),
    /// The certificate or key could not be loaded.
    #[error("could not load the TLS certificate or key: {0}")]
    Tls(std::io::Error),
}

/// A running server.
#[derive(Debug)]
pub struct Running {
    /// The bound address (with the real port).
    pub address: SocketAddr,
    handle: Handle,
    serving: JoinHandle<std::io::Result<()>>,
    pruning: JoinHandle<()>,
}

pub use crate::store::database_path;

/// Opens the store and starts serving in the background.
pub async fn start(config: ServerConfig) -> Result<Running, StartError> {
    std::fs::create_dir_all(&config.data_dir).map_err(|_| StartError::Database)?;
    let database = Database::choose(config.database.as_deref(), &config.data_dir);
    let store = Store::connect(&database, &config.data_dir).map_err(|_| StartError::Database)?;
    // The sign-in decoy hash is made now, so the first unknown email costs what every other one does.
    let _ = tokio::task::spawn_blocking(crate::staff::decoy_hash).await;
    let listener = TcpListener::bind(config.listen).map_err(StartError::Listen)?;
    listener.set_nonblocking(true).map_err(StartError::Listen)?;
    let address = listener.local_addr().map_err(StartError::Listen)?;
    let state = AppState {
        store: store.clone(),
        clock: config.clock.clone(),
        tls: config.tls.is_some() || config.behind_tls_proxy,
    };
    let portal = crate::http::Portal {
        routes: crate::portal::routes(),
        refused: crate::portal::transport_refused,
    };
    let app = router(state, portal).into_make_service_with_connect_info::<SocketAddr>();
    let handle = Handle::new();
    let serving = match &config.tls {
        Some((cert, key)) => {
            // Whichever crate asks first installs ring as the process's TLS provider; a second install fails
            // harmlessly.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let tls = RustlsConfig::from_pem_file(cert, key)
                .await
                .map_err(StartError::Tls)?;
            let server = axum_server::from_tcp_rustls(listener, tls).handle(handle.clone());
            tokio::spawn(async move { server.serve(app).await })
        }
        None => {
            let server = axum_server::from_tcp(listener).handle(handle.clone());
            tokio::spawn(async move { server.serve(app).await })
        }
    };
    let clock = config.clock.clone();
    let pruning = tokio::spawn(async move {
        let mut every = tokio::time::interval(PRUNE_EVERY);
        loop {
            every.tick().await;
            let clock = clock.clone();
            if store
                .run(move |conn| Ok(crate::access::prune(conn, clock.now())?))
                .await
                .is_err()
            {
                tracing::warn!("pruning expired nonces failed; will retry");
            }
        }
    });
    tracing::info!(%address, tls = config.tls.is_some(), "clinic server listening");
    Ok(Running {
        address,
        handle,
        serving,
        pruning,
    })
}

impl Running {
    /// Stops at once, dropping open connections (what a crash looks like to clients).
    pub fn kill(self) {
        self.handle.shutdown();
        self.serving.abort();
        self.pruning.abort();
    }

    /// Waits until the server stops (it runs until killed or it fails).
    pub async fn wait(self) -> std::io::Result<()> {
        let result = self.serving.await.unwrap_or(Ok(()));
        self.pruning.abort();
        result
    }
}
