//! Load generator: simulated devices on loopback sending signed attendance confirmations
//! (AppointmentResponse creates) to a real server, reporting sustained requests per second, p50 and p99.
//!
//! `cargo bench -p tideline-clinic --bench load` (release profile). Environment knobs:
//! `LOAD_DEVICES` (default 32), `LOAD_CONCURRENCY` per device (default 1), `LOAD_SECONDS` (default 10).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{Ed25519KeyPair, KeyPair};
use serde_json::json;
use tideline_clinic::access::Caller;
use tideline_clinic::clock::SystemClock;
use tideline_clinic::program::Recurrence;
use tideline_clinic::server::{self, ServerConfig};
use tideline_clinic::{enrollment, patient, program, staff, store};
use tideline_wire::{hex, signing, IDEMPOTENCY_KEY_SYSTEM};

fn knob(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

struct SimulatedDevice {
    id: String,
    patient: String,
    key: Ed25519KeyPair,
    appointments: Vec<String>,
}

fn signed_post(
    client: &reqwest::Client,
    base: &str,
    device: &SimulatedDevice,
    body: String,
) -> reqwest::RequestBuilder {
    let path = "/fhir/AppointmentResponse";
    let timestamp = Utc::now().timestamp();
    let mut raw = [0u8; 16];
    SystemRandom::new()
        .fill(&mut raw)
        .expect("system randomness");
    let nonce = hex::encode(&raw);
    let body_hash = hex::encode(digest(&SHA256, body.as_bytes()).as_ref());
    let input = signing::request_signing_input(&signing::SignedRequest {
        device_id: &device.id,
        method: "POST",
        path_and_query: path,
        timestamp,
        nonce: &nonce,
        body_sha256_hex: &body_hash,
    });
    client
        .post(format!("{base}{path}"))
        .header(signing::DEVICE_HEADER, &device.id)
        .header(signing::TIMESTAMP_HEADER, timestamp.to_string())
        .header(signing::NONCE_HEADER, nonce)
        .header(
            signing::SIGNATURE_HEADER,
            hex::encode(device.key.sign(&input).as_ref()),
        )
        .header("content-type", "application/fhir+json")
        .body(body)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let devices = knob("LOAD_DEVICES", 32);
    let concurrency = knob("LOAD_CONCURRENCY", 1);
    let seconds = knob("LOAD_SECONDS", 10) as u64;
    let dir = tempfile::tempdir().expect("temporary directory");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data directory");

    // The clinic, one IOP group, and every simulated patient in it, set up directly as the operator.
    let now = Utc::now();
    let conn = store::open(&server::database_path(&data)).expect("database");
    let clinic =
        staff::create_clinic(&conn, &Caller::Operator, "Load clinic", now).expect("clinic");
    let group = program::create(
        &conn,
        &Caller::Operator,
        clinic,
        "IOP evening group",
        "America/Chicago",
    )
    .expect("program");
    let mut codes = Vec::new();
    for index in 0..devices {
        let id = patient::create(
            &conn,
            &Caller::Operator,
            clinic,
            "Load",
            &format!("Patient{index}"),
            now,
        )
        .expect("patient");
        program::add_member(&conn, &Caller::Operator, group, id, now).expect("member");
        codes.push(
            enrollment::issue_code(&conn, &Caller::Operator, id, now)
                .expect("code")
                .code,
        );
    }
    let recurrence = Recurrence {
        first_day: now.date_naive() + chrono::Duration::days(1),
        weeks: 8,
        last_day: None,
        weekdays: vec![
            chrono::Weekday::Mon,
            chrono::Weekday::Wed,
            chrono::Weekday::Fri,
        ],
        start: chrono::NaiveTime::from_hms_opt(18, 0, 0).expect("time"),
        end: chrono::NaiveTime::from_hms_opt(21, 0, 0).expect("time"),
    };
    program::schedule(&conn, &Caller::Operator, group, &recurrence, now).expect("schedule");
    drop(conn);

    let running = server::start(ServerConfig {
        data_dir: data,
        database: None,
        listen: "127.0.0.1:0".parse().expect("address"),
        tls: None,
        clock: Arc::new(SystemClock),
        behind_tls_proxy: false,
    })
    .await
    .expect("server");
    let base = format!("http://{}", running.address);
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .build()
        .expect("client");

    let mut simulated = Vec::new();
    for code in codes {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("key");
        let key = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("key");
        let public_key = hex::encode(key.public_key().as_ref());
        let proof = hex::encode(
            key.sign(&signing::enrollment_proof_input(&code, &public_key))
                .as_ref(),
        );
        let enrolled: serde_json::Value = client
            .post(format!("{base}/enroll"))
            .header("content-type", "application/json")
            .body(json!({"code": code, "publicKey": public_key, "proof": proof}).to_string())
            .send()
            .await
            .expect("enroll")
            .json()
            .await
            .expect("enrollment answer");
        let mut device = SimulatedDevice {
            id: enrolled["deviceId"].as_str().expect("device id").to_owned(),
            patient: enrolled["patient"].as_str().expect("patient").to_owned(),
            key,
            appointments: Vec::new(),
        };
        let timestamp = Utc::now().timestamp();
        let mut raw = [0u8; 16];
        SystemRandom::new().fill(&mut raw).expect("randomness");
        let nonce = hex::encode(&raw);
        let empty = hex::encode(digest(&SHA256, b"").as_ref());
        let input = signing::request_signing_input(&signing::SignedRequest {
            device_id: &device.id,
            method: "GET",
            path_and_query: "/fhir/Appointment",
            timestamp,
            nonce: &nonce,
            body_sha256_hex: &empty,
        });
        let bundle: serde_json::Value = client
            .get(format!("{base}/fhir/Appointment"))
            .header(signing::DEVICE_HEADER, &device.id)
            .header(signing::TIMESTAMP_HEADER, timestamp.to_string())
            .header(signing::NONCE_HEADER, nonce)
            .header(
                signing::SIGNATURE_HEADER,
                hex::encode(device.key.sign(&input).as_ref()),
            )
            .send()
            .await
            .expect("pull")
            .json()
            .await
            .expect("bundle");
        device.appointments = bundle["entry"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|entry| {
                format!(
                    "Appointment/{}",
                    entry["resource"]["id"].as_str().expect("id")
                )
            })
            .collect();
        simulated.push(Arc::new(device));
    }

    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for (device_index, device) in simulated.iter().enumerate() {
        for lane in 0..concurrency {
            let (client, base, device) = (client.clone(), base.clone(), device.clone());
            let (measuring, stop) = (measuring.clone(), stop.clone());
            workers.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0u64;
                let mut sent = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let appointment = &device.appointments[sent % device.appointments.len()];
                    let status = ["accepted", "tentative", "declined"][sent % 3];
                    let body = json!({
                        "resourceType": "AppointmentResponse",
                        "identifier": [{"system": IDEMPOTENCY_KEY_SYSTEM, "value": format!("load-{device_index}-{lane}-{sent}")}],
                        "appointment": {"reference": appointment},
                        "actor": {"reference": device.patient},
                        "participantStatus": status
                    })
                    .to_string();
                    sent += 1;
                    let started = Instant::now();
                    let ok = matches!(
                        signed_post(&client, &base, &device, body).send().await.map(|response| response.status().as_u16()),
                        Ok(201)
                    );
                    if measuring.load(Ordering::Relaxed) {
                        latencies.push(started.elapsed());
                        if !ok {
                            errors += 1;
                        }
                    }
                }
                (latencies, errors)
            }));
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await; // warm-up: connections open, caches filled
    measuring.store(true, Ordering::Relaxed);
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    measuring.store(false, Ordering::Relaxed);
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (mut own, own_errors) = worker.await.expect("worker");
        latencies.append(&mut own);
        errors += own_errors;
    }
    latencies.sort_unstable();
    let percentile =
        |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "devices={devices} in_flight={} duration={:.1}s requests={} errors={errors}",
        devices * concurrency,
        elapsed.as_secs_f64(),
        latencies.len()
    );
    println!(
        "sustained {:.0} req/s  p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(0.50).as_secs_f64() * 1000.0,
        percentile(0.99).as_secs_f64() * 1000.0,
        latencies
            .last()
            .map_or(0.0, |max| max.as_secs_f64() * 1000.0)
    );
    running.kill();
}
