//! A real tideline-clinic server for the browser test that needs one: started in-process on its own
//! loopback port, with its SQLite database in the test's temporary directory, and set up through the
//! same functions as the clinic's CLI (a clinic, the patient, a care team of one counselor, one
//! session booked tomorrow evening; `book` adds one). The page then connects through the app's own Connect screen.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{Datelike, NaiveTime, Utc};
use ring::rand::SystemRandom;
use tideline_clinic::access::Caller;
use tideline_clinic::clock::SystemClock;
use tideline_clinic::program::Recurrence;
use tideline_clinic::server::{self, Running, ServerConfig};
use tideline_clinic::share::{care_team, disclosure};
use tideline_clinic::{enrollment, patient, program, staff, store};
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{KdfParams, Vault};

/// The clinic's name, as the app shows it once connected.
pub const CLINIC: &str = "Riverside Clinic";
/// The care-team member who views what the patient shares.
pub const COUNSELOR: &str = "Dana Ortiz, LCSW";
/// The program whose one session the clinic books for the patient.
pub const PROGRAM: &str = "IOP evening group";
const ZONE: &str = "America/Chicago";
const OTHER_PASSPHRASE: &str = "another device entirely";

/// Why a clinic step failed (the bridge answers 500 with it; the tests show it).
pub type Failed = String;

fn failed(what: &str) -> impl Fn(tideline_clinic::problem::Problem) -> Failed + '_ {
    move |problem| format!("{what}: {problem:?}")
}

/// One test's clinic.
pub struct TestClinic {
    dir: PathBuf,
    address: SocketAddr,
    running: Option<Running>,
    patient_id: i64,
    program_id: i64,
    staff: Caller,
    /// The patient's other devices (each a vault of its own, connected with its own code).
    others: Vec<(tempfile::TempDir, Vault)>,
}

impl TestClinic {
    /// Starts a server under `root` and sets the clinic up.
    pub async fn start(root: &Path) -> Result<TestClinic, Failed> {
        let dir = root.join("clinic");
        let running = boot(&dir, SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let mut clinic = TestClinic {
            dir,
            address: running.address,
            running: Some(running),
            patient_id: 0,
            program_id: 0,
            staff: Caller::Operator,
            others: Vec::new(),
        };
        clinic.set_up()?;
        Ok(clinic)
    }

    /// The address the patient types on the Connect screen.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    fn db(&self) -> Result<tideline_clinic::db::Connection, Failed> {
        store::open(&server::database_path(&self.dir.join("data")))
            .map_err(|e| format!("open the clinic database: {e:?}"))
    }

    fn set_up(&mut self) -> Result<(), Failed> {
        let now = Utc::now();
        let conn = self.db()?;
        let operator = Caller::Operator;
        let clinic =
            staff::create_clinic(&conn, &operator, CLINIC, now).map_err(failed("clinic"))?;
        let patient = patient::create(&conn, &operator, clinic, "Sam", "Rivera", now)
            .map_err(failed("patient"))?;
        let group =
            program::create(&conn, &operator, clinic, PROGRAM, ZONE).map_err(failed("program"))?;
        program::add_member(&conn, &operator, group, patient, now).map_err(failed("member"))?;
        let password_hash =
            staff::hash_password("a long staff password here").map_err(failed("password"))?;
        let staff_id = staff::create_staff(
            &conn,
            &operator,
            &staff::NewStaff {
                clinic_id: clinic,
                email: "dana@riverside.example".into(),
                display_name: COUNSELOR.into(),
                password_hash,
                admin: false,
            },
            now,
        )
        .map_err(failed("staff"))?;
        care_team::assign(&conn, &operator, patient, staff_id, now).map_err(failed("care team"))?;
        self.patient_id = patient;
        self.program_id = group;
        self.book(1)?;
        self.staff = Caller::Staff {
            staff_id,
            clinic_id: clinic,
            admin: false,
        };
        Ok(())
    }

    /// Books the program's members into one evening session `days` after today (UTC date).
    pub fn book(&self, days: i64) -> Result<(), Failed> {
        let now = Utc::now();
        let day = now.date_naive() + chrono::Duration::days(days);
        let recurrence = Recurrence {
            first_day: day,
            weeks: 1,
            last_day: None,
            weekdays: vec![day.weekday()],
            start: NaiveTime::from_hms_opt(18, 0, 0).ok_or("time")?,
            end: NaiveTime::from_hms_opt(21, 0, 0).ok_or("time")?,
        };
        program::schedule(
            &self.db()?,
            &Caller::Operator,
            self.program_id,
            &recurrence,
            now,
        )
        .map(|_| ())
        .map_err(failed("schedule"))
    }

    /// A fresh one-time enrollment code, as `issue-code` prints it.
    pub fn code(&self) -> Result<String, Failed> {
        enrollment::issue_code(&self.db()?, &Caller::Operator, self.patient_id, Utc::now())
            .map(|issued| issued.code)
            .map_err(failed("code"))
    }

    /// Stops the server as a crash would (the app then finds it unreachable).
    pub fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            running.kill();
        }
    }

    /// Starts it again on the same port, so the app's stored address reaches it.
    pub async fn resume(&mut self) -> Result<(), Failed> {
        if self.running.is_none() {
            self.running = Some(boot(&self.dir, self.address).await?);
        }
        Ok(())
    }

    /// Revokes every device of the patient, as `revoke-device` does for each.
    pub fn revoke_all(&self) -> Result<usize, Failed> {
        let conn = self.db()?;
        let devices = enrollment::list_devices(&conn, &Caller::Operator, self.patient_id)
            .map_err(failed("devices"))?;
        for device in &devices {
            enrollment::revoke_device(&conn, &Caller::Operator, device.id, Utc::now())
                .map_err(failed("revoke"))?;
        }
        Ok(devices.len())
    }

    /// Removes the clinic's sessions no answer has reached yet (as if cancelled and deleted there).
    pub fn drop_sessions(&self) -> Result<(), Failed> {
        self.db()?
            .execute_batch(
                "DELETE FROM appointment WHERE id NOT IN (SELECT appointment_id FROM appointment_response)",
            )
            .map_err(|e| format!("drop sessions: {e:?}"))
    }

    /// The counselor opens what the patient shared (each view recorded, as in the portal).
    pub fn staff_views(&self) -> Result<usize, Failed> {
        disclosure::view_shares(
            &self.db()?,
            &self.staff,
            self.patient_id,
            "127.0.0.1",
            Utc::now(),
        )
        .map(|shares| shares.len())
        .map_err(failed("view"))
    }

    /// Connects another device of the patient's (a vault of its own) with a fresh code. Blocking:
    /// call it off the runtime, which serves the clinic.
    pub fn another_device(&mut self, code: &str) -> Result<(), Failed> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let now = Utc::now();
        let (mut vault, _) = Vault::create(dir.path(), OTHER_PASSPHRASE, KdfParams::FLOOR, now)
            .map_err(|e| format!("vault: {e:?}"))?;
        let zone = Zone::new(ZONE).map_err(|e| format!("zone: {e:?}"))?;
        tideline_core::sync::connect(
            &mut vault,
            &self.url(),
            code,
            None,
            Stamp::new(now, zone),
            &SystemRandom::new(),
        )
        .map_err(|e| format!("connect: {e:?}"))?;
        self.others.push((dir, vault));
        Ok(())
    }
}

async fn boot(dir: &Path, listen: SocketAddr) -> Result<Running, Failed> {
    let mut tries = 0;
    loop {
        let config = ServerConfig {
            data_dir: dir.join("data"),
            database: None,
            listen,
            tls: None,
            clock: Arc::new(SystemClock),
            behind_tls_proxy: false,
        };
        match server::start(config).await {
            Ok(running) => return Ok(running),
            // A stopped server's socket may take a moment to be released.
            Err(server::StartError::Listen(_)) if tries < 100 => {
                tries += 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            Err(error) => return Err(format!("the clinic server did not start: {error}")),
        }
    }
}
