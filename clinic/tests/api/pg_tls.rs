//! TLS from the server to PostgreSQL (`clinic/src/db/tls.rs`) against a real PostgreSQL with
//! `ssl=on` on a loopback port: a private cluster of its own (scripts/pg.sh) with a certificate for
//! `localhost` from a test CA. `sslmode=verify-full` with that CA connects encrypted (the server's
//! own `pg_stat_ssl` says so) and migrates a clinic; a CA that did not sign the certificate, or a
//! host name the certificate does not name, is refused rather than connected in the clear. Runs
//! where PostgreSQL is installed (`make test-clinic-postgres`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A private cluster with TLS on a loopback port, stopped when dropped.
struct TlsCluster {
    dir: PathBuf,
    port: u16,
    ca: PathBuf,
    _temp: tempfile::TempDir,
}

impl Drop for TlsCluster {
    fn drop(&mut self) {
        let _ = Command::new(pg_sh()).arg("stop").arg(&self.dir).status();
    }
}

fn pg_sh() -> PathBuf {
    PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("../scripts/pg.sh")
}

/// A certificate authority and a server certificate for `localhost` it signed (PEM), and another CA.
fn certificates() -> (String, String, String, String) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = ca.self_signed(&ca_key).unwrap();
    let server_key = rcgen::KeyPair::generate().unwrap();
    let server = rcgen::CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca, &ca_key)
        .unwrap();
    let other_key = rcgen::KeyPair::generate().unwrap();
    let mut other = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    other.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let other = other.self_signed(&other_key).unwrap();
    (
        ca.pem(),
        server.pem(),
        server_key.serialize_pem(),
        other.pem(),
    )
}

/// Gives a file to the user the cluster runs as (`postgres` when the tests run as root).
fn give_to_cluster(path: &Path) {
    let root = Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&root.stdout).trim() != "0" {
        return;
    }
    let status = Command::new("chown")
        .arg("postgres")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

fn start() -> Option<(TlsCluster, String)> {
    crate::engine::postgres()?;
    let temp = tempfile::Builder::new()
        .prefix("tideline-pg-tls")
        .tempdir()
        .unwrap();
    let mode = |path: &Path, bits: u32| {
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(bits)).unwrap()
    };
    mode(temp.path(), 0o755);
    let (ca, server, server_key, other) = certificates();
    let files = temp.path().join("tls");
    std::fs::create_dir(&files).unwrap();
    mode(&files, 0o755);
    std::fs::write(files.join("ca.pem"), ca).unwrap();
    std::fs::write(files.join("other-ca.pem"), other).unwrap();
    std::fs::write(files.join("server.pem"), server).unwrap();
    std::fs::write(files.join("server.key"), server_key).unwrap();
    mode(&files.join("server.key"), 0o600);
    give_to_cluster(&files.join("server.key"));
    give_to_cluster(&files.join("server.pem"));
    // A free loopback port for the cluster.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = temp.path().join("cluster");
    let options = format!(
        "-c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
        files.join("server.pem").display(),
        files.join("server.key").display()
    );
    let started = Command::new(pg_sh())
        .arg("start")
        .arg(&dir)
        .env("PG_PORT", port.to_string())
        .env("PG_EXTRA_OPTS", options)
        .output()
        .unwrap();
    assert!(
        started.status.success(),
        "the TLS cluster did not start: {}",
        String::from_utf8_lossy(&started.stderr)
    );
    let cluster = TlsCluster {
        dir,
        port,
        ca: files.join("ca.pem"),
        _temp: temp,
    };
    let other = files.join("other-ca.pem").display().to_string();
    Some((cluster, other))
}

fn encrypted(client: &mut postgres::Client) -> bool {
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn the_server_reaches_postgresql_over_verified_tls_and_refuses_what_it_cannot_verify() {
    let Some((cluster, other_ca)) = start() else {
        eprintln!("PostgreSQL not under test (run make test-clinic-postgres); skipped");
        return;
    };
    let url = |host: &str, extra: &str| {
        format!(
            "host={host} port={} user=tideline dbname=postgres {extra}",
            cluster.port
        )
    };
    let ca = cluster.ca.display().to_string();

    let mut verified = tideline_clinic::db::tls::connect(&url(
        "localhost",
        &format!("sslmode=verify-full sslrootcert={ca}"),
    ))
    .expect("verify-full with the cluster's CA connects");
    assert!(encrypted(&mut verified), "the session is encrypted");
    let uri = format!(
        "postgresql://tideline@localhost:{}/postgres?sslmode=require&sslrootcert={ca}",
        cluster.port
    );
    let mut required = tideline_clinic::db::tls::connect(&uri).expect("the URI form too");
    assert!(encrypted(&mut required));

    // The clinic's own connection (migrations, the grouped function, the audit key) over TLS.
    let data = tempfile::tempdir().unwrap();
    let database = tideline_clinic::store::Database::Postgres(url(
        "localhost",
        &format!("sslmode=verify-full sslrootcert={ca}"),
    ));
    let conn = tideline_clinic::store::connect(&database, data.path()).expect("a clinic over TLS");
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM schema_migration", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert!(tables > 0, "migrated over TLS");

    // A CA that did not sign the server's certificate: refused, never connected in the clear.
    let wrong = tideline_clinic::db::tls::connect(&url(
        "localhost",
        &format!("sslmode=require sslrootcert={other_ca}"),
    ));
    assert!(wrong.is_err(), "a certificate from another CA is refused");
    // The right CA, but a host name the certificate does not carry.
    let misnamed = tideline_clinic::db::tls::connect(&url(
        "127.0.0.1",
        &format!("sslmode=verify-full sslrootcert={ca}"),
    ));
    assert!(
        misnamed.is_err(),
        "a certificate for another name is refused"
    );
    // A CA file that is not there: a clear error naming it.
    let missing = tideline_clinic::db::tls::connect(&url(
        "localhost",
        "sslmode=require sslrootcert=/nonexistent/ca.pem",
    ))
    .err()
    .expect("a missing CA file is an error");
    assert!(
        missing.to_string().contains("/nonexistent/ca.pem"),
        "{missing}"
    );

    // Without sslmode the connection stays in the clear, as before (a Unix socket, a private
    // segment).
    let mut plain = tideline_clinic::db::tls::connect(&url("127.0.0.1", "")).unwrap();
    assert!(!encrypted(&mut plain));
}
