//! The real clinic server on loopback (plain HTTP or HTTPS with a certificate made here), a clinic set
//! up through the same functions as its CLI, and a patient's vault.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{Datelike, NaiveTime, Utc, Weekday};
use ring::rand::SystemRandom;
use tideline_clinic::access::Caller;
use tideline_clinic::clock::ManualClock;
use tideline_clinic::program::Recurrence;
use tideline_clinic::server::{self, Running, ServerConfig};
use tideline_clinic::{appointment, enrollment, patient, program, response, staff, store};
use tideline_core::record::{Record, RecordId, RecordKind};
use tideline_core::session::{ClinicSession, SessionOrigin};
use tideline_core::time::{Stamp, Zone};
use tideline_core::vault::{KdfParams, Vault};

/// Sessions in the fixture schedule: Mon/Wed/Fri for 8 weeks.
pub const SESSIONS: usize = 24;

pub struct Clinic {
    pub dir: tempfile::TempDir,
    /// The server's clock; it follows the machine's clock, like the app's `now`, so signed
    /// timestamps agree.
    pub clock: ManualClock,
    runtime: tokio::runtime::Runtime,
    tls: Option<(PathBuf, PathBuf)>,
    /// The PEM certificate the app must trust over HTTPS.
    pub certificate: Option<String>,
    address: Option<SocketAddr>,
    running: Option<Running>,
    pub patient_id: i64,
}

impl Clinic {
    /// A running server with one clinic, one patient and an 8-week evening group.
    pub fn start(tls: bool) -> Clinic {
        let dir = tempfile::tempdir().unwrap();
        let (tls_files, certificate) = if tls {
            let made = rcgen::generate_simple_self_signed(vec![
                "127.0.0.1".to_owned(),
                "localhost".to_owned(),
            ])
            .unwrap();
            let cert_path = dir.path().join("cert.pem");
            let key_path = dir.path().join("key.pem");
            std::fs::write(&cert_path, made.cert.pem()).unwrap();
            std::fs::write(&key_path, made.key_pair.serialize_pem()).unwrap();
            (Some((cert_path, key_path)), Some(made.cert.pem()))
        } else {
            (None, None)
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let mut clinic = Clinic {
            dir,
            clock: ManualClock::at(Utc::now()),
            runtime,
            tls: tls_files,
            certificate,
            address: None,
            running: None,
            patient_id: 0,
        };
        clinic.boot();
        clinic.patient_id = clinic.set_up();
        clinic
    }

    /// The address the app connects to.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.address.unwrap())
    }

    /// Starts the server, on the same port as before after a restart, so the app's stored address
    /// still points at it.
    pub fn boot(&mut self) {
        let listen = self
            .address
            .unwrap_or_else(|| "127.0.0.1:0".parse().unwrap());
        let mut tries = 0;
        let running = loop {
            let config = ServerConfig {
                data_dir: self.dir.path().join("data"),
                database: None,
                listen,
                tls: self.tls.clone(),
                clock: Arc::new(self.clock.clone()),
                behind_tls_proxy: false,
            };
            match self.runtime.block_on(server::start(config)) {
                Ok(running) => break running,
                // The killed server's socket may take a moment to be released.
                Err(server::StartError::Listen(_)) if tries < 100 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(error) => panic!("the clinic server must start: {error}"),
            }
        };
        self.address = Some(running.address);
        self.running = Some(running);
    }

    /// Stops the server the way a crash would: open connections are dropped.
    pub fn kill(&mut self) {
        if let Some(running) = self.running.take() {
            running.kill();
        }
        // Let the aborted tasks finish so the port is free for a restart.
        std::thread::sleep(Duration::from_millis(50));
    }

    /// Kills the server from another thread after `delay`, while the test thread is mid-sync.
    pub fn kill_after(&mut self, delay: Duration) -> std::thread::JoinHandle<()> {
        let running = self.running.take().expect("the server is running");
        std::thread::spawn(move || {
            std::thread::sleep(delay);
            running.kill();
        })
    }

    /// A direct connection to the clinic database, as the CLI has.
    pub fn db(&self) -> tideline_clinic::db::Connection {
        store::open(&server::database_path(&self.dir.path().join("data"))).unwrap()
    }

    fn set_up(&self) -> i64 {
        let now = Utc::now();
        let conn = self.db();
        let operator = Caller::Operator;
        let clinic = staff::create_clinic(&conn, &operator, "Harbor IOP", now).unwrap();
        let patient = patient::create(&conn, &operator, clinic, "Sam", "Rivera", now).unwrap();
        let group = program::create(
            &conn,
            &operator,
            clinic,
            "IOP evening group",
            "America/Chicago",
        )
        .unwrap();
        program::add_member(&conn, &operator, group, patient, now).unwrap();
        let mut monday = now.date_naive() + chrono::Duration::days(1);
        while monday.weekday() != Weekday::Mon {
            monday += chrono::Duration::days(1);
        }
        let recurrence = Recurrence {
            first_day: monday,
            weeks: 8,
            last_day: None,
            weekdays: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
            start: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        let created = program::schedule(&conn, &operator, group, &recurrence, now).unwrap();
        assert_eq!(created, SESSIONS, "Mon/Wed/Fri for 8 weeks");
        patient
    }

    /// A fresh one-time enrollment code, as `issue-code` prints it.
    pub fn issue_code(&self) -> String {
        enrollment::issue_code(&self.db(), &Caller::Operator, self.patient_id, Utc::now())
            .unwrap()
            .code
    }

    /// Revokes a device, as `revoke-device` does.
    pub fn revoke(&self, device_id: &str) {
        enrollment::revoke_device(
            &self.db(),
            &Caller::Operator,
            device_id.parse().unwrap(),
            Utc::now(),
        )
        .unwrap();
    }

    /// Records attendance, as `attendance` does.
    pub fn attendance(&self, appointment: &str, status: tideline_wire::AppointmentStatus) {
        appointment::record_attendance(
            &self.db(),
            &Caller::Operator,
            appointment.parse().unwrap(),
            status,
            Utc::now(),
        )
        .unwrap();
    }

    /// How many answers the clinic stored for an appointment.
    pub fn answers_for(&self, appointment: &str) -> i64 {
        response::count_for(&self.db(), appointment.parse().unwrap()).unwrap()
    }

    /// The answer the clinic shows on an appointment.
    pub fn participant_status(&self, appointment: &str) -> tideline_wire::ParticipationStatus {
        appointment::load(&self.db(), appointment.parse().unwrap())
            .unwrap()
            .resource()
            .participant[0]
            .status
    }
}

/// The patient's side: a vault in its own directory.
pub struct Device {
    pub _dir: tempfile::TempDir,
    pub vault: Vault,
}

pub const PASS: &str = "lantern river oatmeal violet";

impl Device {
    pub fn new() -> Device {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _) = Vault::create(dir.path(), PASS, KdfParams::FLOOR, Utc::now()).unwrap();
        Device { _dir: dir, vault }
    }

    /// Connects to `clinic` with a fresh code.
    pub fn connect(&mut self, clinic: &Clinic) {
        let code = clinic.issue_code();
        tideline_core::sync::connect(
            &mut self.vault,
            &clinic.url(),
            &code,
            clinic.certificate.as_deref(),
            now(),
            &SystemRandom::new(),
        )
        .expect("a fresh code connects");
    }

    /// A sync the patient asked for.
    pub fn sync(&mut self) -> tideline_core::Result<tideline_core::sync::SyncReport> {
        tideline_core::sync::sync(
            &mut self.vault,
            tideline_core::sync::Trigger::Patient,
            now(),
            &SystemRandom::new(),
        )
    }

    /// The clinic's sessions in the vault: (clinic id, record id, session), by clinic id.
    pub fn clinic_sessions(&self) -> Vec<(String, RecordId, ClinicSession)> {
        let mut found: Vec<_> = self
            .vault
            .of_kind(RecordKind::Session)
            .filter_map(|stored| match &stored.record {
                Record::Session(
                    session @ ClinicSession {
                        origin: SessionOrigin::Clinic { clinic_id },
                        ..
                    },
                ) => Some((clinic_id.clone(), stored.id, session.clone())),
                _ => None,
            })
            .collect();
        found.sort_by_key(|(clinic_id, _, _)| clinic_id.parse::<i64>().unwrap());
        found
    }

    pub fn session(&self, clinic_id: &str) -> (RecordId, ClinicSession) {
        self.clinic_sessions()
            .into_iter()
            .find(|(id, _, _)| id == clinic_id)
            .map(|(_, record, session)| (record, session))
            .expect("the session was pulled")
    }

    pub fn answer(
        &mut self,
        clinic_id: &str,
        response: tideline_core::session::ParticipantResponse,
    ) {
        let (record, _) = self.session(clinic_id);
        tideline_core::sync::queue_response(
            &mut self.vault,
            record,
            response,
            now(),
            &SystemRandom::new(),
        )
        .expect("an answer is stored locally whatever the network does");
    }
}

/// The app's "now": the machine's clock, which the server's clock follows.
pub fn now() -> Stamp {
    Stamp::new(Utc::now(), Zone::new("America/Chicago").unwrap())
}
