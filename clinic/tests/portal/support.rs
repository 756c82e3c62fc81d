//! A real server on 127.0.0.1:0 with a hand-driven clock, records seeded straight into its database
//! through the library (as the CLI does), and a minimal browser: one cookie jar, no redirects followed.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use reqwest::header::{HeaderMap, COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::json;
use tideline_clinic::access::Caller;
use tideline_clinic::clock::{Clock, ManualClock};
use tideline_clinic::db::params;
use tideline_clinic::server::{self, Running, ServerConfig};
use tideline_clinic::{appointment, patient, program, share, staff};

/// Every staff account's password in these tests.
pub const PASSWORD: &str = "correct horse battery staple";

pub struct Portal {
    pub dir: tempfile::TempDir,
    pub clock: ManualClock,
    pub base: String,
    client: reqwest::Client,
    _running: Running,
}

/// What a page request got back.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
    }

    pub fn set_cookie(&self) -> Option<&str> {
        self.headers
            .get(SET_COOKIE)
            .and_then(|value| value.to_str().ok())
    }

    /// The value of the form's hidden `csrf` field.
    pub fn csrf(&self) -> String {
        let marker = r#"name="csrf" value=""#;
        let start = self.body.find(marker).expect("the page has a form token") + marker.len();
        self.body[start..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_owned()
    }
}

/// One browser: the session cookie it holds.
#[derive(Debug, Default, Clone)]
pub struct Browser {
    pub cookie: Option<String>,
}

impl Portal {
    pub async fn start(tls: bool) -> Portal {
        Portal::start_on(tls, "127.0.0.1:0".parse().unwrap()).await
    }

    /// A server listening on `listen`; `base` names the same port on 127.0.0.1.
    pub async fn start_on(tls: bool, listen: std::net::SocketAddr) -> Portal {
        let dir = tempfile::tempdir().unwrap();
        let clock = ManualClock::at("2026-03-11T18:00:00Z".parse().unwrap());
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .redirect(reqwest::redirect::Policy::none());
        let tls_files = if tls {
            let cert = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
            let cert_path = dir.path().join("cert.pem");
            let key_path = dir.path().join("key.pem");
            std::fs::write(&cert_path, cert.cert.pem()).unwrap();
            std::fs::write(&key_path, cert.key_pair.serialize_pem()).unwrap();
            builder = builder.tls_built_in_root_certs(false).add_root_certificate(
                reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap(),
            );
            Some((cert_path, key_path))
        } else {
            None
        };
        let running = server::start(ServerConfig {
            data_dir: dir.path().join("data"),
            database: crate::engine::database_for(&dir.path().join("data")),
            listen,
            tls: tls_files,
            clock: Arc::new(clock.clone()),
            behind_tls_proxy: false,
        })
        .await
        .unwrap();
        let scheme = if tls { "https" } else { "http" };
        Portal {
            base: format!("{scheme}://127.0.0.1:{}", running.address.port()),
            dir,
            clock,
            client: builder.build().unwrap(),
            _running: running,
        }
    }

    pub fn db(&self) -> tideline_clinic::db::Connection {
        crate::engine::connect(&self.dir.path().join("data"))
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn clinic(&self, name: &str) -> i64 {
        staff::create_clinic(&self.db(), &Caller::Operator, name, self.now()).unwrap()
    }

    pub fn staff(&self, clinic_id: i64, email: &str, name: &str) -> i64 {
        let new = staff::NewStaff {
            clinic_id,
            email: email.into(),
            display_name: name.into(),
            password_hash: staff::hash_password(PASSWORD).unwrap(),
            admin: false,
        };
        staff::create_staff(&self.db(), &Caller::Operator, &new, self.now()).unwrap()
    }

    /// An administrator account.
    pub fn admin(&self, clinic_id: i64, email: &str, name: &str) -> i64 {
        let new = staff::NewStaff {
            clinic_id,
            email: email.into(),
            display_name: name.into(),
            password_hash: staff::hash_password(PASSWORD).unwrap(),
            admin: true,
        };
        staff::create_staff(&self.db(), &Caller::Operator, &new, self.now()).unwrap()
    }

    pub fn patient(&self, clinic_id: i64, given: &str, family: &str) -> i64 {
        patient::create(
            &self.db(),
            &Caller::Operator,
            clinic_id,
            given,
            family,
            self.now(),
        )
        .unwrap()
    }

    pub fn assign(&self, patient_id: i64, staff_id: i64) {
        share::care_team::assign(
            &self.db(),
            &Caller::Operator,
            patient_id,
            staff_id,
            self.now(),
        )
        .unwrap();
    }

    /// An evening group Mon/Wed/Fri 18:00-21:00 Chicago from Monday 2 March 2026 for two weeks, the
    /// patient in it; returns the appointment ids in time order.
    pub fn group(&self, clinic_id: i64, patient_id: i64) -> Vec<i64> {
        let conn = self.db();
        let at: DateTime<Utc> = "2026-03-01T00:00:00Z".parse().unwrap();
        let program_id = program::create(
            &conn,
            &Caller::Operator,
            clinic_id,
            "IOP evening",
            "America/Chicago",
        )
        .unwrap();
        program::add_member(&conn, &Caller::Operator, program_id, patient_id, at).unwrap();
        let recurrence = program::Recurrence {
            first_day: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            weeks: 2,
            last_day: None,
            weekdays: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
            start: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
        };
        program::schedule(&conn, &Caller::Operator, program_id, &recurrence, at).unwrap();
        let mut statement = conn
            .prepare(
                "SELECT a.id FROM appointment a JOIN session s ON s.id = a.session_id
                 WHERE a.patient_id = ?1 ORDER BY s.start_at",
            )
            .unwrap();
        statement
            .query_map([patient_id], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    pub fn attendance(&self, appointment_id: i64, status: &str) {
        let status = tideline_wire::AppointmentStatus::from_code(status).unwrap();
        appointment::record_attendance(
            &self.db(),
            &Caller::Operator,
            appointment_id,
            status,
            self.now(),
        )
        .unwrap();
    }

    /// A share stored the way the share module stores an accepted transaction: a consent naming the
    /// patient's care team, in force until `expires`, and one craving record. Returns the consent id.
    pub fn share(
        &self,
        clinic_id: i64,
        patient_id: i64,
        expires: DateTime<Utc>,
        situation: &str,
    ) -> i64 {
        let conn = self.db();
        let now = self.now();
        conn.execute(
            "INSERT INTO device (patient_id, public_key, enrolled_at) VALUES (?1, ?2, ?3)",
            params![patient_id, random_bytes::<32>(), now.timestamp()],
        )
        .unwrap();
        let device_id = conn.last_insert_rowid();
        let consent = json!({
            "resourceType": "Consent",
            "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>I agree.</p></div>"},
            "status": "active",
            "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
            "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
            "patient": {"reference": format!("Patient/{patient_id}")},
            "dateTime": now.to_rfc3339(),
            "performer": [{"reference": format!("Patient/{patient_id}")}],
            "organization": [{"reference": "Organization/1"}],
            "policy": [{"uri": "https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2"}],
            "provision": {
                "type": "permit",
                "period": {"start": now.to_rfc3339(), "end": expires.to_rfc3339()},
                "actor": [{"role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP"}]}, "reference": {"reference": format!("CareTeam/{patient_id}")}}],
                "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT"}],
                "data": [{"meaning": "instance", "reference": {"reference": "urn:uuid:1"}}]
            }
        });
        conn.execute(
            "INSERT INTO consent (patient_id, clinic_id, device_id, idempotency_key, bundle_sha256, status,
               signed_at, expires_at, received, answer, created_at_ms, updated_at_ms)
             VALUES (?1, ?2, ?3, ?8, ?9, 'active', ?4, ?5, ?6, '{}', ?7, ?7)",
            params![
                patient_id,
                clinic_id,
                device_id,
                now.timestamp(),
                expires.timestamp(),
                consent.to_string(),
                now.timestamp_millis(),
                tideline_wire::hex::encode(&random_bytes::<8>()),
                random_bytes::<32>()
            ],
        )
        .unwrap();
        let consent_id = conn.last_insert_rowid();
        // As the share transaction does: the consent names the care team at signing.
        conn.execute(
            "INSERT INTO consent_recipient (consent_id, staff_id)
             SELECT ?1, staff_id FROM care_team_member WHERE patient_id = ?2",
            params![consent_id, patient_id],
        )
        .unwrap();
        let response = json!({
            "resourceType": "QuestionnaireResponse",
            "questionnaire": "urn:tideline:questionnaire:craving-record|1",
            "status": "completed",
            "subject": {"reference": format!("Patient/{patient_id}")},
            "authored": now.to_rfc3339(),
            "item": [
                {"linkId": "occurred-at", "answer": [{"valueDateTime": "2026-03-10T19:30:00-05:00"}]},
                {"linkId": "situation", "answer": [{"valueString": situation}]},
                {"linkId": "intensity", "answer": [{"valueInteger": 7}]},
                {"linkId": "outcome", "answer": [{"valueCoding": {"system": "urn:tideline:codesystem:craving-outcome", "code": "did-not-use", "display": "Did not use"}}]}
            ]
        });
        conn.execute(
            "INSERT INTO shared_response (consent_id, patient_id, clinic_id, questionnaire, resource, created_at_ms)
             VALUES (?1, ?2, ?3, 'urn:tideline:questionnaire:craving-record|1', ?4, ?5)",
            params![consent_id, patient_id, clinic_id, response.to_string(), now.timestamp_millis()],
        )
        .unwrap();
        let response_id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO consent_data (consent_id, position, full_url, response_id) VALUES (?1, 0, 'urn:uuid:1', ?2)",
            params![consent_id, response_id],
        )
        .unwrap();
        consent_id
    }

    /// The patient's device revokes the consent (the share module's own revocation).
    pub fn revoke(&self, consent_id: i64, patient_id: i64, clinic_id: i64) {
        let conn = self.db();
        let device_id: i64 = conn
            .query_row(
                "SELECT device_id FROM consent WHERE id = ?1",
                [consent_id],
                |row| row.get(0),
            )
            .unwrap();
        let device = Caller::Device {
            device_id,
            patient_id,
            clinic_id,
        };
        share::consent::revoke(&conn, &device, consent_id, self.now()).unwrap();
    }

    /// Audit rows with this action and outcome.
    pub fn audited(&self, action: &str, outcome: &str) -> i64 {
        self.db()
            .query_row(
                "SELECT count(*) FROM audit WHERE action = ?1 AND outcome = ?2",
                params![action, outcome],
                |row| row.get(0),
            )
            .unwrap()
    }

    /// A GET with the browser's `Accept-Language`.
    pub async fn get_in(&self, browser: &mut Browser, path: &str, accept_language: &str) -> Page {
        let base = self.base.clone();
        self.get_from_in(&base, browser, path, accept_language)
            .await
    }

    /// A GET to another base URL of the same server, with the browser's `Accept-Language`.
    pub async fn get_from_in(
        &self,
        base: &str,
        browser: &mut Browser,
        path: &str,
        accept_language: &str,
    ) -> Page {
        let mut request = self
            .client
            .get(format!("{base}{path}"))
            .header("accept-language", accept_language);
        if let Some(cookie) = &browser.cookie {
            request = request.header(COOKIE, cookie);
        }
        self.finish(browser, request).await
    }

    pub async fn get(&self, browser: &mut Browser, path: &str) -> Page {
        self.get_from(&self.base, browser, path).await
    }

    /// A GET to another base URL of the same server (another of its addresses).
    pub async fn get_from(&self, base: &str, browser: &mut Browser, path: &str) -> Page {
        let mut request = self.client.get(format!("{base}{path}"));
        if let Some(cookie) = &browser.cookie {
            request = request.header(COOKIE, cookie);
        }
        self.finish(browser, request).await
    }

    pub async fn post(&self, browser: &mut Browser, path: &str, form: &[(&str, &str)]) -> Page {
        let body: Vec<String> = form
            .iter()
            .map(|(name, value)| format!("{name}={}", encode(value)))
            .collect();
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.join("&"));
        if let Some(cookie) = &browser.cookie {
            request = request.header(COOKIE, cookie);
        }
        self.finish(browser, request).await
    }

    async fn finish(&self, browser: &mut Browser, request: reqwest::RequestBuilder) -> Page {
        let response = request.send().await.unwrap();
        let page = Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: String::new(),
        };
        let body = response.text().await.unwrap();
        let page = Page { body, ..page };
        if let Some(set) = page.set_cookie() {
            let pair = set.split(';').next().unwrap_or_default().to_owned();
            browser.cookie = if set.contains("Max-Age=0") {
                None
            } else {
                Some(pair)
            };
        }
        page
    }

    /// Opens the sign-in form and submits it.
    pub async fn sign_in(&self, browser: &mut Browser, email: &str, password: &str) -> Page {
        let form = self.get(browser, "/portal/sign-in").await;
        assert_eq!(form.status, StatusCode::OK, "the sign-in form must open");
        let csrf = form.csrf();
        self.post(
            browser,
            "/portal/sign-in",
            &[("email", email), ("password", password), ("csrf", &csrf)],
        )
        .await
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                (byte as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// A clinic with one therapist on the patient's care team and the patient in a group.
pub struct Clinic {
    pub clinic: i64,
    pub therapist: i64,
    pub patient: i64,
    pub appointments: Vec<i64>,
}

pub const THERAPIST: &str = "kim@harbor.example";

pub fn harbor(portal: &Portal) -> Clinic {
    let clinic = portal.clinic("Harbor IOP");
    let therapist = portal.staff(clinic, THERAPIST, "Kim Ortiz");
    let patient = portal.patient(clinic, "Sam", "Rivera");
    portal.assign(patient, therapist);
    let appointments = portal.group(clinic, patient);
    Clinic {
        clinic,
        therapist,
        patient,
        appointments,
    }
}

/// Fresh random bytes (a device key or a consent's digest that only has to be unique).
fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).unwrap();
    bytes
}
