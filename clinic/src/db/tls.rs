//! TLS from the server to PostgreSQL, through rustls with the ring provider (the same stack as the
//! server's own TLS; no OpenSSL).
//!
//! The connection string chooses, with libpq's words: no `sslmode` or `sslmode=disable` connects
//! without TLS (a Unix socket, a private segment); `prefer` uses TLS when the server offers it;
//! `require`, `verify-ca` and `verify-full` refuse to connect without it. Whenever TLS is used the
//! certificate chain and the host name are verified (stricter than libpq's `require`, which checks
//! neither): against the PEM file named by `sslrootcert` (a managed service's CA bundle), else the
//! system's store (`/etc/ssl/certs/ca-certificates.crt`, or `SSL_CERT_FILE`). The two libpq options
//! the driver does not know (`sslrootcert`, and the `verify-*` modes) are taken out of the string
//! before it reaches it.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect, TlsStream};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Where the system's CA certificates are on Debian and Ubuntu.
const SYSTEM_ROOTS: &str = "/etc/ssl/certs/ca-certificates.crt";

/// What a connection string asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// The string for the driver, without the options it does not know.
    pub params: String,
    /// `None`: no TLS. `Some(required)`: TLS, required or only preferred.
    pub tls: Option<bool>,
    /// `sslrootcert`.
    pub roots: Option<PathBuf>,
}

/// Splits the TLS options out of a connection string, in either form (`key=value ...` or a
/// `postgres://` URI). Unknown `sslmode` words are refused, as libpq refuses them.
pub fn wanted(params: &str) -> Result<Wanted, String> {
    let uri = params.starts_with("postgres://") || params.starts_with("postgresql://");
    let (head, options, separator) = if uri {
        match params.split_once('?') {
            Some((head, query)) => (head, query.split('&').collect::<Vec<_>>(), "&"),
            None => (params, Vec::new(), "&"),
        }
    } else {
        ("", params.split_whitespace().collect::<Vec<_>>(), " ")
    };
    let mut mode = None;
    let mut roots = None;
    let mut kept = Vec::new();
    for option in options {
        match option.split_once('=') {
            Some(("sslmode", value)) => mode = Some(value.to_owned()),
            Some(("sslrootcert", value)) => roots = Some(PathBuf::from(value)),
            // `sslmode = require` (spaces around `=`, which libpq accepts) would otherwise reach the
            // driver beside the mode added below and lose to it: refused, never downgraded.
            _ if option.starts_with("sslmode") || option.starts_with("sslrootcert") => {
                return Err("write sslmode=VALUE and sslrootcert=PATH without spaces".to_owned())
            }
            _ => kept.push(option),
        }
    }
    let tls = match mode.as_deref() {
        None | Some("disable") => None,
        Some("allow" | "prefer") => Some(false),
        Some("require" | "verify-ca" | "verify-full") => Some(true),
        Some(other) => return Err(format!("unknown sslmode {other:?}")),
    };
    match tls {
        Some(true) => kept.push("sslmode=require"),
        Some(false) => kept.push("sslmode=prefer"),
        None => kept.push("sslmode=disable"),
    }
    let joined = kept.join(separator);
    let params = if uri {
        format!("{head}?{joined}")
    } else {
        joined
    };
    Ok(Wanted { params, tls, roots })
}

/// The rustls client configuration for `roots` (or the system's store).
pub fn config(roots: Option<&Path>) -> Result<rustls::ClientConfig, String> {
    let path = roots.map(Path::to_path_buf).unwrap_or_else(|| {
        std::env::var_os("SSL_CERT_FILE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(SYSTEM_ROOTS))
    });
    let mut store = rustls::RootCertStore::empty();
    let certificates = CertificateDer::pem_file_iter(&path)
        .map_err(|_| format!("cannot read the CA certificates in {}", path.display()))?;
    for certificate in certificates {
        let certificate =
            certificate.map_err(|_| format!("{} is not a PEM certificate file", path.display()))?;
        // A bundle may hold certificates this verifier cannot use; the usable ones count.
        let _ = store.add(certificate);
    }
    if store.is_empty() {
        return Err(format!("no usable CA certificate in {}", path.display()));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| "no TLS version in common".to_owned())?
        .with_root_certificates(store)
        .with_no_client_auth())
}

/// The driver's TLS maker over rustls.
#[derive(Debug, Clone)]
pub struct MakeRustls(pub Arc<rustls::ClientConfig>);

impl<S> MakeTlsConnect<S> for MakeRustls
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = Stream<S>;
    type TlsConnect = Connect;
    type Error = io::Error;

    fn make_tls_connect(&mut self, domain: &str) -> Result<Connect, io::Error> {
        // A Unix socket has no host name; the server never offers TLS there, so it is never used.
        let name = ServerName::try_from(domain.to_owned()).ok();
        Ok(Connect {
            config: self.0.clone(),
            name,
        })
    }
}

/// One connection's TLS handshake.
#[derive(Debug)]
pub struct Connect {
    config: Arc<rustls::ClientConfig>,
    name: Option<ServerName<'static>>,
}

impl<S> TlsConnect<S> for Connect
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = Stream<S>;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<Stream<S>>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        Box::pin(async move {
            let name = self.name.ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "TLS needs a host name")
            })?;
            let stream = tokio_rustls::TlsConnector::from(self.config)
                .connect(name, stream)
                .await?;
            Ok(Stream(stream))
        })
    }
}

/// A TLS stream to the database.
#[derive(Debug)]
pub struct Stream<S>(tokio_rustls::client::TlsStream<S>);

impl<S: AsyncRead + AsyncWrite + Unpin> TlsStream for Stream<S> {
    /// No channel binding: SCRAM authentication then runs without it (as libpq's default `prefer`
    /// allows); the verified certificate is what authenticates the server.
    fn channel_binding(&self) -> ChannelBinding {
        ChannelBinding::none()
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for Stream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for Stream<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

/// Connects with what `params` asks for.
pub fn connect(params: &str) -> Result<postgres::Client, super::Error> {
    let wanted = wanted(params).map_err(super::Error::Config)?;
    match wanted.tls {
        None => Ok(postgres::Client::connect(&wanted.params, postgres::NoTls)?),
        Some(_) => {
            let config = config(wanted.roots.as_deref()).map_err(super::Error::Config)?;
            Ok(postgres::Client::connect(
                &wanted.params,
                MakeRustls(Arc::new(config)),
            )?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tls_options_are_read_in_both_forms_and_the_driver_gets_its_own_words() {
        let keywords =
            wanted("host=db.example port=5432 sslmode=verify-full sslrootcert=/ca.pem").unwrap();
        assert_eq!(keywords.params, "host=db.example port=5432 sslmode=require");
        assert_eq!(keywords.tls, Some(true));
        assert_eq!(keywords.roots.as_deref(), Some(Path::new("/ca.pem")));
        let uri =
            wanted("postgres://u@db.example/clinic?sslrootcert=/ca.pem&sslmode=require").unwrap();
        assert_eq!(uri.params, "postgres://u@db.example/clinic?sslmode=require");
        assert_eq!(uri.tls, Some(true));
        let plain = wanted("postgres://u@db.example/clinic").unwrap();
        assert_eq!(
            plain.params,
            "postgres://u@db.example/clinic?sslmode=disable"
        );
        assert_eq!(plain.tls, None);
        assert_eq!(
            wanted("host=/run/pg sslmode=prefer").unwrap().tls,
            Some(false)
        );
        assert!(wanted("host=db sslmode=sometimes").is_err());
        // Spelled with spaces, the mode is refused rather than silently replaced by `disable`.
        assert!(wanted("host=db sslmode = require").is_err());
        assert!(wanted("host=db sslrootcert = /ca.pem sslmode=require").is_err());
    }

    #[test]
    fn a_missing_or_empty_ca_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = config(Some(&dir.path().join("none.pem"))).unwrap_err();
        assert!(missing.contains("cannot read"), "{missing}");
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate").unwrap();
        let refused = config(Some(&empty)).unwrap_err();
        assert!(refused.contains("no usable CA certificate"), "{refused}");
    }
}
