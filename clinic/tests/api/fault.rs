//! PostgreSQL stopped in the middle of a load run and started again: every answer the server gave
//! with 2xx is in the database, every other answer is a 503 with an OperationOutcome, and the same
//! server (not restarted) serves again once the database is back. Runs on a private cluster of its
//! own (it stops it), so only under `scripts/pg.sh run` (make test-clinic-postgres), where
//! PostgreSQL is known to be installed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::support::{references, Harness};

/// scripts/pg.sh of this checkout (found at run time: a cached binary may come from another clone).
fn pg_sh() -> std::path::PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../scripts/pg.sh")
}

/// A private cluster in a temporary directory, stopped by its own pg_ctl when dropped.
pub struct Cluster {
    pub dir: PathBuf,
    pub url: String,
    _temp: tempfile::TempDir,
}

impl Cluster {
    pub fn start() -> Cluster {
        let temp = tempfile::Builder::new()
            .prefix("tideline-pg")
            .tempdir()
            .unwrap();
        std::fs::set_permissions(
            temp.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .unwrap();
        let dir = temp.path().join("cluster");
        let out = std::process::Command::new(pg_sh())
            .arg("start")
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let base = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        let url = base.replace("dbname=postgres", "dbname=clinic");
        tideline_clinic::db::off_runtime(|| {
            let mut admin = postgres::Client::connect(&base, postgres::NoTls).unwrap();
            admin.batch_execute("CREATE DATABASE clinic").unwrap();
        });
        Cluster {
            dir,
            url,
            _temp: temp,
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        run(&["stop"], &self.dir);
    }
}

fn run(args: &[&str], dir: &Path) {
    let out = std::process::Command::new(pg_sh())
        .args(args)
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn a_database_outage_answers_503_loses_no_acknowledged_write_and_heals_itself() {
    if crate::engine::postgres().is_none() {
        eprintln!("skipped: runs under scripts/pg.sh run (make test-clinic-postgres)");
        return;
    }
    let cluster = Cluster::start();
    let harness = Arc::new(Harness::start_on(false, Some(Some(cluster.url.clone()))).await);
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = Arc::new(harness.enroll(&clinic).await);
    let pulled = harness.device_get(&device, "/fhir/Appointment").await;
    let appointments = Arc::new(references(&pulled.body));
    assert_eq!(appointments.len(), 24);

    let answers = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let load = Duration::from_secs(9);
    let mut tasks = Vec::new();
    for task in 0..8 {
        let (harness, device, appointments, answers) = (
            harness.clone(),
            device.clone(),
            appointments.clone(),
            answers.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut n = 0usize;
            while started.elapsed() < load {
                let key = format!("fault-{task}-{n}");
                let appointment = &appointments[(task * 3 + n) % appointments.len()];
                let reply = harness.answer(&device, appointment, "accepted", &key).await;
                answers.lock().unwrap().push((
                    key,
                    reply.status,
                    reply.body["resourceType"].as_str().map(str::to_owned),
                    started.elapsed(),
                ));
                n += 1;
            }
        }));
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let stop = tokio::task::spawn_blocking({
        let dir = cluster.dir.clone();
        move || run(&["stop"], &dir)
    });
    stop.await.unwrap();
    let stopped_at = started.elapsed();
    tokio::time::sleep(Duration::from_secs(2)).await;
    let restart = tokio::task::spawn_blocking({
        let dir = cluster.dir.clone();
        move || run(&["start"], &dir)
    });
    restart.await.unwrap();
    let restarted_at = started.elapsed();
    for task in tasks {
        task.await.unwrap();
    }

    let answers = answers.lock().unwrap().clone();
    let stored: HashSet<String> = harness
        .db()
        .prepare("SELECT idempotency_key FROM appointment_response")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut acknowledged = 0;
    let mut unavailable = 0;
    for (key, status, resource_type, _) in &answers {
        if status.is_success() {
            acknowledged += 1;
            assert!(
                stored.contains(key),
                "{key} was answered {status} but is not stored"
            );
        } else {
            unavailable += 1;
            assert_eq!(
                (*status, resource_type.as_deref()),
                (StatusCode::SERVICE_UNAVAILABLE, Some("OperationOutcome")),
                "{key}: a request that was not stored is answered 503 with an OperationOutcome"
            );
        }
    }
    assert!(
        unavailable > 0,
        "the outage was seen ({stopped_at:?}..{restarted_at:?})"
    );
    let healed = answers
        .iter()
        .filter(|(_, status, _, at)| status.is_success() && *at > restarted_at)
        .count();
    assert!(
        healed > 0,
        "the same server answered again after the database came back ({acknowledged} acknowledged, {unavailable} refused)"
    );
    harness.assert_audit_intact(&clinic).await;
    eprintln!(
        "fault run: {acknowledged} acknowledged, {unavailable} answered 503, {healed} after the restart"
    );
}
