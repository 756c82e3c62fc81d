//! Issues 5 and 6 end to end on the real app: a real clinic server (seeded through its CLI, as an
//! operator would) on loopback; in the app, "Connect to my clinic" with an enrollment code, the
//! clinic's schedule and attendance appear, "I'll be there" reaches the clinic, a craving entry is
//! shared with the care team after the consent is signed, the therapist's read shows up in the
//! patient's accounting, and revoking from the app removes it from the clinic at once.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::Client;
use serde_json::Value;
use tideline_e2e::*;

use crate::journey::{first_run, log_craving, PASSPHRASE, SITUATION};

pub(crate) const STAFF_PASSWORD: &str = "tidal pool clipboard 2026";
const THERAPIST: &str = "kim@harbor.example";

pub(crate) fn clinic_binary() -> PathBuf {
    app_binary().with_file_name("tideline-clinic")
}

/// Runs one clinic CLI command on the data directory, feeding `input` on stdin; returns stdout.
pub(crate) fn clinic_cli(data: &Path, args: &[&str], input: &str) -> String {
    let mut child = Command::new(clinic_binary())
        .arg("--data")
        .arg(data)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the clinic binary runs (scripts/e2e.sh builds it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "tideline-clinic {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// A clinic with a therapist on the patient's care team, an evening group every day from a week
/// ago for two weeks (yesterday attended, the day before missed), and an enrollment code.
pub(crate) fn seed(data: &Path) -> String {
    let password = format!("{STAFF_PASSWORD}\n");
    clinic_cli(
        data,
        &[
            "create-clinic",
            "--name",
            "Harbor IOP",
            "--admin-email",
            "lee@harbor.example",
            "--admin-name",
            "Dr. Lee",
        ],
        &password,
    );
    clinic_cli(
        data,
        &[
            "create-staff",
            "--clinic",
            "1",
            "--email",
            THERAPIST,
            "--name",
            "Kim Ortiz",
        ],
        &password,
    );
    clinic_cli(
        data,
        &[
            "create-patient",
            "--clinic",
            "1",
            "--given",
            "Sam",
            "--family",
            "Rivera",
        ],
        "",
    );
    clinic_cli(
        data,
        &[
            "create-program",
            "--clinic",
            "1",
            "--name",
            "IOP evening group",
            "--time-zone",
            "Etc/UTC",
        ],
        "",
    );
    clinic_cli(
        data,
        &["add-member", "--program", "1", "--patient", "1"],
        "",
    );
    clinic_cli(
        data,
        &["assign-care-team", "--patient", "1", "--staff", "2"],
        "",
    );
    let first = (chrono::Utc::now() - chrono::TimeDelta::days(7))
        .format("%Y-%m-%d")
        .to_string();
    clinic_cli(
        data,
        &[
            "schedule",
            "--program",
            "1",
            "--first-day",
            &first,
            "--weekdays",
            "mon,tue,wed,thu,fri,sat,sun",
            "--start",
            "18:00",
            "--end",
            "21:00",
            "--weeks",
            "2",
        ],
        "",
    );
    // Appointments are numbered in date order: 6 is two days ago, 7 yesterday.
    clinic_cli(
        data,
        &["attendance", "--appointment", "6", "--status", "noshow"],
        "",
    );
    clinic_cli(
        data,
        &["attendance", "--appointment", "7", "--status", "fulfilled"],
        "",
    );
    let code = clinic_cli(data, &["issue-code", "--patient", "1"], "");
    code.split_whitespace()
        .next()
        .expect("issue-code prints the code first")
        .to_owned()
}

pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

impl Server {
    pub(crate) fn start(data: &Path) -> Self {
        let mut child = Command::new(clinic_binary())
            .arg("--data")
            .arg(data)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the clinic server starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("the server prints its address")
                .unwrap();
            if let Some(address) = line.strip_prefix("listening on ") {
                break format!("http://{}", address.trim());
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Self { child, base }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The therapist, through the clinic's staff API (a staff read is a view the patient's accounting
/// lists).
struct Staff {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Staff {
    async fn sign_in(base: &str) -> Self {
        let http = reqwest::Client::new();
        let reply: Value = http
            .post(format!("{base}/staff/sign-in"))
            .json(&serde_json::json!({ "email": THERAPIST, "password": STAFF_PASSWORD }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = reply["token"]
            .as_str()
            .expect("the therapist signs in")
            .to_owned();
        Self {
            http,
            base: base.to_owned(),
            token,
        }
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let reply = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        (reply.status().as_u16(), reply.text().await.unwrap())
    }
}

pub(crate) async fn connect(c: &Client, base: &str, code: &str) {
    click_button(c, "Clinic").await;
    type_into(c, "#c-server", base).await;
    type_into(c, "#c-code", code).await;
    click_button(c, "Connect to my clinic").await;
    wait_for_text(c, "Harbor IOP", 20).await;
    wait_for_text(c, "Sync now", 10).await;
}

async fn share_the_craving(c: &Client) {
    click_button(c, "Sharing").await;
    click_button(c, "Preview what will be sent").await;
    wait_for_text(c, "What will be sent", 10).await;
    wait_for_text(c, SITUATION, 10).await;
    let xpath =
        "//label[contains(normalize-space(.), 'I have read this consent and I sign it')]/input";
    let agree = c.find(fantoccini::Locator::XPath(xpath)).await.unwrap();
    scroll_and_click(c, &agree).await.unwrap();
    // Signing a consent asks for the passphrase again, even while unlocked (step-up).
    type_into(c, "#sign-pass", PASSPHRASE).await;
    click_button(c, "Sign and share").await;
    wait_for_text(c, "Shared 1 entry with your care team at Harbor IOP", 20).await;
}

#[tokio::test(flavor = "current_thread")]
async fn connect_answer_share_and_revoke_with_a_real_clinic() {
    let clinic_data = tempfile::tempdir().unwrap();
    let code = seed(clinic_data.path());
    let server = Server::start(clinic_data.path());

    let data = tempfile::tempdir().unwrap();
    let driver = Driver::start(data.path());
    let c = driver.session().await;
    first_run(&c).await;
    log_craving(&c).await;
    connect(&c, &server.base, &code).await;

    // The clinic's schedule, with its attendance, is in the app after the first sync.
    click_button(&c, "Sessions").await;
    wait_for_text(&c, "Attended", 20).await;
    wait_for_text(&c, "Missed", 10).await;
    // The patient's answer goes through the outbox to the clinic.
    click_button(&c, "I'll be there").await;
    let staff = Staff::sign_in(&server.base).await;
    let mut accepted = 0;
    for _ in 0..100 {
        let (status, body) = staff.get("/fhir/Appointment?patient=Patient/1").await;
        assert_eq!(status, 200, "staff read the schedule: {body}");
        accepted = body.matches("\"accepted\"").count();
        if accepted > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(accepted, 1, "one session is accepted at the clinic");

    share_the_craving(&c).await;
    let (status, shares) = staff.get("/staff/patients/1/shares").await;
    assert_eq!(status, 200, "the care team reads the share: {shares}");
    assert!(
        shares.contains(SITUATION),
        "the shared entry is at the clinic"
    );

    // The read is in the patient's accounting.
    click_button(&c, "Who viewed").await;
    wait_for_text(&c, "Kim Ortiz viewed 1 entry", 20).await;

    // Revoking from the app removes it from the clinic at once.
    click_button(&c, "Revoke").await;
    click_button(&c, "Revoke consent").await;
    wait_for_text(
        &c,
        "Revoked. Your care team can no longer view these entries.",
        20,
    )
    .await;
    let (_, after) = staff.get("/staff/patients/1/shares").await;
    assert!(
        !after.contains(SITUATION),
        "after revoking, the clinic serves nothing of it: {after}"
    );
    c.close().await.unwrap();
}
