//! Two server processes, one database: the test's own server and a second `tideline-clinic serve`
//! process on the same database (PostgreSQL under `scripts/pg.sh run`, else the same SQLite file) and
//! the same audit key. Devices alternate between them; a nonce replayed to the other process and an
//! idempotency key resent to it are refused or answered once; a staff token from one works on the
//! other; a portal session signed in on one is valid on the other, and signing out on the other ends
//! it on the first; and `tideline-clinic verify-audit` finds one unbroken chain afterwards.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use reqwest::{Method, StatusCode};

use crate::support::{answer_body, references, reply, Harness};

/// A second server process, killed (by its own PID) when dropped.
struct Process {
    child: Child,
    base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn clinic_command(data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tideline-clinic"));
    command.arg("--data").arg(data_dir);
    command.args(crate::engine::cli_args(data_dir));
    command.env("RUST_LOG", "warn");
    command
}

fn second_server(data_dir: &std::path::Path) -> Process {
    let mut child = clinic_command(data_dir)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the second server did not start: {line:?}"))
        .to_owned();
    Process {
        child,
        base: format!("http://{address}"),
    }
}

#[tokio::test]
async fn two_processes_share_nonces_idempotency_keys_tokens_and_one_audit_chain() {
    let mut harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let data = harness.dir.path().join("data");
    let other = second_server(&data);
    let first = harness.base.clone();
    let bases = [first.clone(), other.base.clone()];

    // Devices enroll on either process and read the schedule from either.
    let mut devices = Vec::new();
    for index in 0..4 {
        harness.base = bases[index % 2].clone();
        devices.push(harness.enroll(&clinic).await);
    }
    let mut appointments = Vec::new();
    for (index, device) in devices.iter().enumerate() {
        harness.base = bases[(index + 1) % 2].clone();
        let pulled = harness.device_get(device, "/fhir/Appointment").await;
        assert_eq!(pulled.status, StatusCode::OK, "{}", pulled.body);
        appointments = references(&pulled.body);
    }
    assert_eq!(appointments.len(), 24, "every device sees the schedule");

    // Answers alternate between the processes; each idempotency key is sent to both.
    for (index, appointment) in appointments.iter().take(12).enumerate() {
        let device = &devices[index % devices.len()];
        let key = format!("answer-{index}");
        harness.base = bases[index % 2].clone();
        let answered = harness.answer(device, appointment, "accepted", &key).await;
        assert_eq!(answered.status, StatusCode::CREATED, "{}", answered.body);
        harness.base = bases[(index + 1) % 2].clone();
        let again = harness.answer(device, appointment, "accepted", &key).await;
        assert_eq!(
            (again.status, &again.body),
            (answered.status, &answered.body),
            "the other process gives the same answer for the same key"
        );
        let conflicting = harness.answer(device, appointment, "declined", &key).await;
        assert_eq!(
            conflicting.status,
            StatusCode::CONFLICT,
            "a key reused for another answer is a conflict on the other process too"
        );
    }
    let stored: i64 = harness
        .db()
        .query_row("SELECT count(*) FROM appointment_response", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(stored, 12, "every answer is stored once");

    // The same signed request (same nonce) sent to the first process, then replayed to the second.
    harness.base = first.clone();
    let body = answer_body(
        &devices[0].patient,
        &appointments[20],
        "accepted",
        "replay-1",
    );
    let request = harness
        .signed(
            &devices[0],
            Method::POST,
            "/fhir/AppointmentResponse",
            &body,
            0,
        )
        .build()
        .unwrap();
    let mut replayed = request.try_clone().unwrap();
    *replayed.url_mut() = format!("{}/fhir/AppointmentResponse", other.base)
        .parse()
        .unwrap();
    let original = reply(harness.client.execute(request).await.unwrap()).await;
    assert_eq!(original.status, StatusCode::CREATED, "{}", original.body);
    let refused = reply(harness.client.execute(replayed).await.unwrap()).await;
    assert_eq!(
        refused.status,
        StatusCode::UNAUTHORIZED,
        "a nonce seen by one process is refused by the other: {}",
        refused.body
    );
    assert_eq!(refused.body["issue"][0]["code"], "duplicate");

    // A staff token made by the first process is good on the second.
    harness.base = other.base.clone();
    let programs = harness
        .staff(
            Some(&clinic.token),
            Method::GET,
            "/staff/programs",
            serde_json::Value::Null,
        )
        .await;
    assert_eq!(programs.status, StatusCode::OK, "{}", programs.body);
    harness.assert_audit_intact(&clinic).await;

    // A portal session made by one process is valid on the other, and signing out on the other
    // ends it on the first.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let signed_in = portal_sign_in(&browser, &first, "lee@harbor.example").await;
    let patients = browser
        .get(format!("{}/portal/patients", other.base))
        .header("cookie", &signed_in)
        .send()
        .await
        .unwrap();
    assert_eq!(
        patients.status(),
        StatusCode::OK,
        "the other process knows the session"
    );
    let page = patients.text().await.unwrap();
    let csrf = hidden_csrf(&page);
    let signed_out = browser
        .post(format!("{}/portal/sign-out", other.base))
        .header("cookie", &signed_in)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}"))
        .send()
        .await
        .unwrap();
    assert!(
        signed_out.status().is_redirection(),
        "{}",
        signed_out.status()
    );
    let after = browser
        .get(format!("{first}/portal/patients"))
        .header("cookie", &signed_in)
        .send()
        .await
        .unwrap();
    assert!(
        after.status().is_redirection()
            && after.headers()["location"]
                .to_str()
                .unwrap()
                .contains("/portal/sign-in"),
        "signed out on one process is signed out on the other: {}",
        after.status()
    );

    drop(other);
    let verified = clinic_command(&data).arg("verify-audit").output().unwrap();
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(
        verified.status.success() && said.starts_with("audit trail intact"),
        "one unbroken audit chain: {said} {}",
        String::from_utf8_lossy(&verified.stderr)
    );
    let rows: i64 = harness
        .db()
        .query_row("SELECT count(*) FROM audit", [], |row| row.get(0))
        .unwrap();
    assert!(
        rows > 40,
        "both processes audited their requests ({rows} rows)"
    );
}

/// Signs in to the portal on `base` as the test administrator; the session cookie (`name=value`).
async fn portal_sign_in(browser: &reqwest::Client, base: &str, email: &str) -> String {
    let form = browser
        .get(format!("{base}/portal/sign-in"))
        .send()
        .await
        .unwrap();
    let before = cookie_pair(&form);
    let csrf = hidden_csrf(&form.text().await.unwrap());
    let mut request = browser
        .post(format!("{base}/portal/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email={}&password=correct+horse+battery+staple&csrf={csrf}",
            email.replace('@', "%40")
        ));
    if let Some(cookie) = before {
        request = request.header("cookie", cookie);
    }
    let signed_in = request.send().await.unwrap();
    assert!(
        signed_in.status().is_redirection(),
        "portal sign-in: {}",
        signed_in.status()
    );
    cookie_pair(&signed_in).expect("a session cookie")
}

fn cookie_pair(response: &reqwest::Response) -> Option<String> {
    let set = response.headers().get("set-cookie")?.to_str().ok()?;
    Some(set.split(';').next()?.to_owned())
}

fn hidden_csrf(page: &str) -> String {
    let marker = r#"name="csrf" value=""#;
    let start = page.find(marker).expect("a csrf field") + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}
