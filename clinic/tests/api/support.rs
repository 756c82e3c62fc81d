//! A real server on 127.0.0.1:0 with a hand-driven clock, a staff client and simulated devices.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, Duration, Utc};
use reqwest::{Method, StatusCode};
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::{json, Value};
use tideline_clinic::access::Caller;
use tideline_clinic::clock::{Clock, ManualClock};
use tideline_clinic::server::{self, Running, ServerConfig};
use tideline_clinic::staff;
use tideline_wire::{hex, signing};

pub struct Harness {
    pub dir: tempfile::TempDir,
    pub clock: ManualClock,
    pub client: reqwest::Client,
    pub base: String,
    tls: Option<(PathBuf, PathBuf)>,
    running: Option<Running>,
    /// The engine when the test chose it itself: `Some(None)` SQLite, `Some(Some(url))` that
    /// PostgreSQL database; `None`: the engine under test decides.
    database: Option<Option<String>>,
}

/// A clinic with an administrator signed in, one patient in an 8-week Mon/Wed/Fri group.
#[derive(Debug, Clone)]
pub struct Clinic {
    pub token: String,
    pub patient: i64,
    pub program: i64,
}

pub struct Device {
    pub id: String,
    pub patient: String,
    key: Ed25519KeyPair,
}

impl Device {
    /// Signs bytes with the device's key, as the app signs a share.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.key.sign(message).as_ref().to_vec()
    }

    /// The same device id and patient, signing with `key` (a renewed key).
    pub fn with_key(&self, key: Ed25519KeyPair) -> Device {
        Device {
            id: self.id.clone(),
            patient: self.patient.clone(),
            key,
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Harness {
    pub async fn start(tls: bool) -> Harness {
        Harness::start_on(tls, None).await
    }

    /// A harness on the engine the test chose (see [`Harness::database`]).
    pub async fn start_on(tls: bool, database: Option<Option<String>>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let clock = ManualClock::at(Utc::now());
        let mut builder = reqwest::Client::builder().use_rustls_tls();
        let tls_files = if tls {
            let cert = rcgen::generate_simple_self_signed(vec![
                "127.0.0.1".to_owned(),
                "localhost".to_owned(),
            ])
            .unwrap();
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
        let mut harness = Harness {
            dir,
            clock,
            client: builder.build().unwrap(),
            base: String::new(),
            tls: tls_files,
            running: None,
            database,
        };
        harness.boot().await;
        harness
    }

    async fn boot(&mut self) {
        let running = server::start(ServerConfig {
            data_dir: self.dir.path().join("data"),
            database: self
                .database
                .clone()
                .unwrap_or_else(|| crate::engine::database_for(&self.dir.path().join("data"))),
            listen: "127.0.0.1:0".parse().unwrap(),
            tls: self.tls.clone(),
            clock: Arc::new(self.clock.clone()),
            behind_tls_proxy: false,
        })
        .await
        .unwrap();
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        self.base = format!("{scheme}://{}", running.address);
        self.running = Some(running);
    }

    /// Kills the server the way a crash would (connections dropped) and starts a new one on the same
    /// data directory.
    pub async fn kill(&mut self) {
        if let Some(running) = self.running.take() {
            running.kill();
        }
    }

    pub async fn restart(&mut self) {
        self.kill().await;
        self.boot().await;
    }

    /// A direct connection to the database, as an auditor with file access would have.
    pub fn db(&self) -> tideline_clinic::db::Connection {
        let data = self.dir.path().join("data");
        let database = match &self.database {
            Some(chosen) => tideline_clinic::store::Database::choose(chosen.as_deref(), &data),
            None => crate::engine::database(&data),
        };
        tideline_clinic::store::connect(&database, &data).unwrap()
    }

    /// One count from the database in a data directory.
    pub fn count_rows(data_dir: &std::path::Path, sql: &str) -> i64 {
        crate::engine::connect(data_dir)
            .query_row(sql, [], |row| row.get(0))
            .unwrap()
    }

    pub fn refusals(&self) -> i64 {
        self.db()
            .query_row(
                "SELECT count(*) FROM audit WHERE outcome LIKE 'refused:%'",
                [],
                |row| row.get(0),
            )
            .unwrap()
    }

    /// A clinic, its administrator (signed in over HTTP), a patient and a scheduled IOP group.
    pub async fn clinic(&self, name: &str, email: &str) -> Clinic {
        let now = self.clock.now();
        let hash = staff::hash_password("correct horse battery staple").unwrap();
        let conn = self.db();
        let clinic_id = staff::create_clinic(&conn, &Caller::Operator, name, now).unwrap();
        let new = staff::NewStaff {
            clinic_id,
            email: email.into(),
            display_name: "Dr. Lee".into(),
            password_hash: hash,
            admin: true,
        };
        staff::create_staff(&conn, &Caller::Operator, &new, now).unwrap();
        drop(conn);
        let signed_in = self
            .staff(
                None,
                Method::POST,
                "/staff/sign-in",
                json!({"email": email, "password": "correct horse battery staple"}),
            )
            .await;
        assert_eq!(
            signed_in.status,
            StatusCode::OK,
            "the administrator must be able to sign in"
        );
        let token = signed_in.body["token"].as_str().unwrap().to_owned();
        let patient = self
            .staff(
                Some(&token),
                Method::POST,
                "/staff/patients",
                json!({"givenName": "Sam", "familyName": "Rivera"}),
            )
            .await;
        assert_eq!(patient.status, StatusCode::CREATED);
        let patient = patient.body["id"].as_i64().unwrap();
        let program = self
            .staff(
                Some(&token),
                Method::POST,
                "/staff/programs",
                json!({"name": "IOP evening group", "timeZone": "America/Chicago"}),
            )
            .await;
        let program = program.body["id"].as_i64().unwrap();
        let member = self
            .staff(
                Some(&token),
                Method::POST,
                &format!("/staff/programs/{program}/members"),
                json!({"patientId": patient}),
            )
            .await;
        assert_eq!(member.status, StatusCode::OK);
        let mut monday = now.date_naive() + Duration::days(1);
        while monday.weekday() != chrono::Weekday::Mon {
            monday += Duration::days(1);
        }
        let scheduled = self
            .staff(
                Some(&token),
                Method::POST,
                &format!("/staff/programs/{program}/sessions"),
                json!({"firstDay": monday.to_string(), "weeks": 8, "weekdays": ["mon", "wed", "fri"], "start": "18:00", "end": "21:00"}),
            )
            .await;
        assert_eq!(scheduled.status, StatusCode::CREATED);
        assert_eq!(
            scheduled.body["created"], 24,
            "Mon/Wed/Fri for 8 weeks is 24 sessions"
        );
        Clinic {
            token,
            patient,
            program,
        }
    }

    pub async fn staff(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Value,
    ) -> Reply {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if method != Method::GET {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        reply(request.send().await.unwrap()).await
    }

    pub async fn issue_code(&self, clinic: &Clinic) -> String {
        let issued = self
            .staff(
                Some(&clinic.token),
                Method::POST,
                &format!("/staff/patients/{}/enrollment-codes", clinic.patient),
                json!({}),
            )
            .await;
        assert_eq!(issued.status, StatusCode::CREATED);
        issued.body["code"].as_str().unwrap().to_owned()
    }

    pub async fn enroll_with(&self, code: &str) -> (Reply, Ed25519KeyPair) {
        let random = SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&random).unwrap();
        let key = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
        let public_key = hex::encode(key.public_key().as_ref());
        let proof = hex::encode(
            key.sign(&signing::enrollment_proof_input(code, &public_key))
                .as_ref(),
        );
        let response = self
            .client
            .post(format!("{}/enroll", self.base))
            .header("content-type", "application/json")
            .body(json!({"code": code, "publicKey": public_key, "proof": proof}).to_string())
            .send()
            .await
            .unwrap();
        (reply(response).await, key)
    }

    pub async fn enroll(&self, clinic: &Clinic) -> Device {
        let code = self.issue_code(clinic).await;
        let (enrolled, key) = self.enroll_with(&code).await;
        assert_eq!(
            enrolled.status,
            StatusCode::CREATED,
            "a fresh code must enroll: {}",
            enrolled.body
        );
        Device {
            id: enrolled.body["deviceId"].as_str().unwrap().to_owned(),
            patient: enrolled.body["patient"].as_str().unwrap().to_owned(),
            key,
        }
    }

    /// A signed device request; `timestamp_shift` moves the signed timestamp away from the server clock.
    pub fn signed(
        &self,
        device: &Device,
        method: Method,
        path: &str,
        body: &str,
        timestamp_shift: i64,
    ) -> reqwest::RequestBuilder {
        self.signed_typed(
            device,
            method,
            path,
            body,
            timestamp_shift,
            "application/fhir+json",
        )
    }

    pub fn signed_typed(
        &self,
        device: &Device,
        method: Method,
        path: &str,
        body: &str,
        timestamp_shift: i64,
        content_type: &str,
    ) -> reqwest::RequestBuilder {
        let timestamp = self.clock.now().timestamp() + timestamp_shift;
        let mut nonce_bytes = [0u8; 16];
        SystemRandom::new().fill(&mut nonce_bytes).unwrap();
        let nonce = hex::encode(&nonce_bytes);
        let body_hash = hex::encode(digest(&SHA256, body.as_bytes()).as_ref());
        let input = signing::request_signing_input(&signing::SignedRequest {
            device_id: &device.id,
            method: method.as_str(),
            path_and_query: path,
            timestamp,
            nonce: &nonce,
            body_sha256_hex: &body_hash,
        });
        let signature = hex::encode(device.key.sign(&input).as_ref());
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header(signing::DEVICE_HEADER, &device.id)
            .header(signing::TIMESTAMP_HEADER, timestamp.to_string())
            .header(signing::NONCE_HEADER, nonce)
            .header(signing::SIGNATURE_HEADER, signature);
        if !body.is_empty() {
            request = request
                .header("content-type", content_type)
                .body(body.to_owned());
        }
        request
    }

    /// Asserts, through the staff API, that the audit chain verifies.
    pub async fn assert_audit_intact(&self, clinic: &Clinic) {
        let verified = self
            .staff(
                Some(&clinic.token),
                Method::GET,
                "/staff/audit/verify",
                serde_json::Value::Null,
            )
            .await;
        assert_eq!(verified.body["intact"], true, "{}", verified.body);
    }

    pub async fn device_get(&self, device: &Device, path: &str) -> Reply {
        reply(
            self.signed(device, Method::GET, path, "", 0)
                .send()
                .await
                .expect(path),
        )
        .await
    }

    pub async fn answer(
        &self,
        device: &Device,
        appointment: &str,
        status: &str,
        key: &str,
    ) -> Reply {
        let body = answer_body(&device.patient, appointment, status, key);
        reply(
            self.signed(device, Method::POST, "/fhir/AppointmentResponse", &body, 0)
                .send()
                .await
                .unwrap(),
        )
        .await
    }
}

pub fn answer_body(patient: &str, appointment: &str, status: &str, key: &str) -> String {
    json!({
        "resourceType": "AppointmentResponse",
        "identifier": [{"system": tideline_wire::IDEMPOTENCY_KEY_SYSTEM, "value": key}],
        "appointment": {"reference": appointment},
        "actor": {"reference": patient},
        "participantStatus": status
    })
    .to_string()
}

pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// Asserts a refusal: the status and an OperationOutcome body.
pub fn assert_outcome(reply: &Reply, status: StatusCode, why: &str) {
    assert_eq!(reply.status, status, "{why}: {}", reply.body);
    assert_eq!(
        reply.body["resourceType"], "OperationOutcome",
        "{why}: every error carries an OperationOutcome"
    );
    assert_eq!(
        reply
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/fhir+json"),
        "{why}"
    );
}

/// The appointment references in a searchset.
pub fn references(bundle: &Value) -> Vec<String> {
    bundle["entry"]
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|entry| format!("Appointment/{}", entry["resource"]["id"].as_str().unwrap()))
                .collect()
        })
        .unwrap_or_default()
}
