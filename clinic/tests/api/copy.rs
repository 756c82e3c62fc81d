//! `tideline-clinic copy`: a clinic that ran on SQLite moves into PostgreSQL with every row, its audit
//! chain verifying on both sides; a copy that fails half-way leaves the target without a row. Needs a
//! PostgreSQL to copy into, so only under `scripts/pg.sh run` (make test-clinic-postgres).

use reqwest::StatusCode;
use tideline_clinic::copy::{self, CopyError, TABLES};
use tideline_clinic::db::Connection;
use tideline_clinic::store::{self, Database};

use crate::support::{references, Harness};

fn counts(conn: &Connection) -> Vec<i64> {
    TABLES
        .iter()
        .map(|table| {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
                row.get(0)
            })
            .unwrap()
        })
        .collect()
}

/// A clinic that has run for a while on SQLite: staff, a patient with a device, answers, audit rows.
async fn sqlite_clinic() -> Harness {
    let mut harness = Harness::start_on(false, Some(None)).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let pulled = harness.device_get(&device, "/fhir/Appointment").await;
    for (index, appointment) in references(&pulled.body).iter().take(5).enumerate() {
        let answered = harness
            .answer(&device, appointment, "accepted", &format!("key-{index}"))
            .await;
        assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.body);
    }
    harness.kill().await;
    harness
}

#[tokio::test]
async fn a_sqlite_clinic_moves_into_postgres_whole_or_not_at_all() {
    if crate::engine::postgres().is_none() {
        eprintln!("skipped: runs under scripts/pg.sh run (make test-clinic-postgres)");
        return;
    }
    let source = sqlite_clinic().await;
    let data = source.dir.path().join("data");
    let source_conn = source.db();
    let target_dir = tempfile::tempdir().unwrap();
    let url = crate::engine::database_for(target_dir.path()).unwrap();

    let copied = copy::copy(&data, &url, chrono::Utc::now()).unwrap();
    let target = store::connect(&Database::Postgres(url.clone()), &data).unwrap();
    assert_eq!(
        counts(&target),
        counts(&source_conn),
        "every table, every row"
    );
    assert_eq!(
        copied.rows.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
        counts(&source_conn)
    );
    assert!(copied.audit_rows > 10, "{copied}");
    assert_eq!(
        tideline_clinic::audit::verify(&target).unwrap(),
        copied.audit_rows,
        "the chain verifies in PostgreSQL under the clinic's key"
    );
    // New rows continue after the copied ids.
    let next: i64 = target
        .query_row(
            "INSERT INTO clinic (name, created_at) VALUES ('Second', 0) RETURNING id",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(next > 1, "the id sequence continues after the copied rows");
    assert!(
        matches!(
            copy::copy(&data, &url, chrono::Utc::now()),
            Err(CopyError::NotEmpty(_))
        ),
        "a target that holds a clinic is refused"
    );

    // A value PostgreSQL refuses (SQLite stores text in an integer column) stops the copy half-way:
    // the tables already written are rolled back with it.
    source_conn
        .execute_batch("UPDATE appointment SET updated_at_ms = 'soon' WHERE id = 3")
        .unwrap();
    let empty_dir = tempfile::tempdir().unwrap();
    let empty = crate::engine::database_for(empty_dir.path()).unwrap();
    let failed = copy::copy(&data, &empty, chrono::Utc::now());
    assert!(matches!(failed, Err(CopyError::Storage(_))), "{failed:?}");
    let left = store::connect(&Database::Postgres(empty), &data).unwrap();
    assert_eq!(
        counts(&left),
        vec![0; TABLES.len()],
        "a failed copy leaves the target without a row"
    );
}
