//! Load generator: simulated devices on loopback sending signed attendance confirmations
//! (AppointmentResponse creates) to a real server, reporting sustained confirmations per second, p50,
//! p99 and the CPU time per request, for each engine side by side: SQLite (the server in this
//! process), PostgreSQL with one server process (in this process) and with two (this one and a
//! `tideline-clinic serve` child; devices split between them). PostgreSQL runs in a private cluster
//! the bench starts (scripts/pg.sh) and stops; without PostgreSQL installed only SQLite is measured.
//!
//! `cargo bench -p tideline-clinic --bench load` (release profile). Environment knobs:
//! `LOAD_DEVICES` (default 32), `LOAD_CONCURRENCY` per device (default 1), `LOAD_SECONDS` (default 10),
//! `LOAD_ENGINES` (default `sqlite,postgres,postgres2`). `LOAD_PG_STATS=1` loads pg_stat_statements
//! into the cluster and prints, after each PostgreSQL run, where PostgreSQL spent its time.
//! `LOAD_PRESIGNED` (default 15000): confirmations per second the simulated phones sign before the
//! window, enough for the warm-up and the window at that rate (a lane that runs out signs the rest
//! during the window, on the generator's thread, and that is counted as the generator's CPU).

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

/// A signed confirmation as raw HTTP/1.1 bytes (keep-alive).
fn signed_request(device: &SimulatedDevice, host: &str, body: &str) -> Vec<u8> {
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
    let signature = hex::encode(device.key.sign(&input).as_ref());
    format!(
        "POST {path} HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/fhir+json\r\n\
         content-length: {}\r\n{}: {}\r\n{}: {timestamp}\r\n{}: {nonce}\r\n{}: {signature}\r\n\r\n{body}",
        body.len(),
        signing::DEVICE_HEADER,
        device.id,
        signing::TIMESTAMP_HEADER,
        signing::NONCE_HEADER,
        signing::SIGNATURE_HEADER,
    )
    .into_bytes()
}

/// One keep-alive HTTP/1.1 connection of the load generator: the least a client can do (write the
/// request, read the status line, headers and `content-length` bytes of body), so that the
/// generator's own CPU stays small beside the server's and is measured apart from it.
struct Lane {
    address: String,
    stream: Option<tokio::net::TcpStream>,
    buffer: Vec<u8>,
}

impl Lane {
    fn new(base: &str) -> Lane {
        Lane {
            address: base.trim_start_matches("http://").to_owned(),
            stream: None,
            buffer: Vec::with_capacity(4096),
        }
    }

    /// Sends one request and returns the answer's status (0 when the connection failed; the next
    /// request opens a new one).
    async fn send(&mut self, request: &[u8]) -> u16 {
        match self.exchange(request).await {
            Ok(status) => status,
            Err(_) => {
                self.stream = None;
                0
            }
        }
    }

    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<u16> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        if self.stream.is_none() {
            let stream = tokio::net::TcpStream::connect(&self.address).await?;
            stream.set_nodelay(true)?;
            self.stream = Some(stream);
        }
        let stream = self.stream.as_mut().expect("connected");
        stream.write_all(request).await?;
        self.buffer.clear();
        let broken = || std::io::Error::from(std::io::ErrorKind::InvalidData);
        let mut chunk = [0u8; 4096];
        let head_end = loop {
            if let Some(at) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            let read = stream.read(&mut chunk).await?;
            if read == 0 {
                return Err(broken());
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        };
        let head = std::str::from_utf8(&self.buffer[..head_end]).map_err(|_| broken())?;
        let status: u16 = head
            .get(9..12)
            .and_then(|code| code.parse().ok())
            .ok_or_else(broken)?;
        let length: usize = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().ok())?
            })
            .unwrap_or(0);
        while self.buffer.len() < head_end + length {
            let read = stream.read(&mut chunk).await?;
            if read == 0 {
                return Err(broken());
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        }
        Ok(status)
    }
}

/// Where the clinic lives during one measurement.
#[derive(Debug, Clone)]
enum Setup {
    Sqlite,
    Postgres {
        url: String,
        processes: usize,
        postmaster: Option<u32>,
    },
}

/// One row of the table.
struct Figures {
    label: String,
    requests: usize,
    errors: u64,
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// CPU milliseconds per request: (where, ms).
    cpu: Vec<(&'static str, f64)>,
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let engines =
        std::env::var("LOAD_ENGINES").unwrap_or_else(|_| "sqlite,postgres,postgres2".to_owned());
    let mut rows = Vec::new();
    if engines.split(',').any(|engine| engine == "sqlite") {
        rows.push(measure(Setup::Sqlite).await);
    }
    let wants_postgres = engines
        .split(',')
        .any(|engine| engine.starts_with("postgres"));
    let cluster = if wants_postgres {
        Cluster::start()
    } else {
        None
    };
    if let Some(cluster) = &cluster {
        for (name, processes) in [("postgres", 1), ("postgres2", 2)] {
            if engines.split(',').any(|engine| engine == name) {
                let url = cluster.database(&format!("bench_{name}"));
                let postmaster = cluster.postmaster();
                rows.push(
                    measure(Setup::Postgres {
                        url: url.clone(),
                        processes,
                        postmaster,
                    })
                    .await,
                );
                cluster.print_statements(&url);
            }
        }
    } else if wants_postgres {
        println!("PostgreSQL is not installed (scripts/setup.sh test installs it): SQLite only");
    }
    println!();
    println!("| engine | confirmations/s | p50 | p99 | errors | CPU per request |");
    println!("|---|---|---|---|---|---|");
    for row in &rows {
        let cpu: Vec<String> = row
            .cpu
            .iter()
            .map(|(what, ms)| format!("{what} {ms:.3} ms"))
            .collect();
        println!(
            "| {} | {:.0} | {:.2} ms | {:.2} ms | {} of {} | {} |",
            row.label,
            row.per_second,
            row.p50_ms,
            row.p99_ms,
            row.errors,
            row.requests,
            cpu.join(", ")
        );
    }
}

/// A private PostgreSQL cluster (scripts/pg.sh), stopped when dropped.
struct Cluster {
    dir: std::path::PathBuf,
    base: String,
    _temp: tempfile::TempDir,
}

/// scripts/pg.sh of this checkout (found at run time: a cached binary may come from another clone).
fn pg_sh() -> std::path::PathBuf {
    std::path::PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into()),
    )
    .join("../scripts/pg.sh")
}

impl Cluster {
    fn start() -> Option<Cluster> {
        let stats = std::env::var_os("LOAD_PG_STATS").is_some();
        let temp = tempfile::Builder::new()
            .prefix("tideline-bench-pg")
            .tempdir()
            .ok()?;
        std::fs::set_permissions(
            temp.path(),
            std::os::unix::fs::PermissionsExt::from_mode(0o755),
        )
        .ok()?;
        let dir = temp.path().join("cluster");
        let mut start = std::process::Command::new(pg_sh());
        start.arg("start").arg(&dir);
        if stats {
            start.env(
                "PG_EXTRA_OPTS",
                "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all",
            );
        }
        let out = start.output().ok()?;
        if !out.status.success() {
            return None;
        }
        Some(Cluster {
            dir,
            base: String::from_utf8(out.stdout).ok()?.trim().to_owned(),
            _temp: temp,
        })
    }

    /// A fresh database in the cluster.
    fn database(&self, name: &str) -> String {
        let base = self.base.clone();
        let create = format!("CREATE DATABASE {name}");
        std::thread::spawn(move || {
            let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("cluster");
            admin.batch_execute(&create).expect("database");
        })
        .join()
        .expect("create database");
        self.base
            .replace("dbname=postgres", &format!("dbname={name}"))
    }

    /// With `LOAD_PG_STATS`: the statements that took PostgreSQL's time in `url`'s database, then
    /// cleared for the next run.
    fn print_statements(&self, url: &str) {
        if std::env::var_os("LOAD_PG_STATS").is_none() {
            return;
        }
        let url = url.to_owned();
        let _ = std::thread::spawn(move || -> Result<(), postgres::Error> {
            let mut client = postgres::Client::connect(&url, postgres::NoTls)?;
            client.batch_execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")?;
            println!("| calls | total ms | mean µs | rows | statement |");
            println!("|---|---|---|---|---|");
            for row in client.query(
                "SELECT calls, total_exec_time, mean_exec_time * 1000, rows, \
                        left(regexp_replace(query, '\\s+', ' ', 'g'), 110) \
                   FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25",
                &[],
            )? {
                let (calls, total, mean, rows, query): (i64, f64, f64, i64, String) =
                    (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
                println!("| {calls} | {total:.0} | {mean:.1} | {rows} | {query} |");
            }
            client.batch_execute("SELECT pg_stat_statements_reset()")?;
            Ok(())
        })
        .join();
    }

    /// The postmaster's PID (first line of postmaster.pid).
    fn postmaster(&self) -> Option<u32> {
        std::fs::read_to_string(self.dir.join("data").join("postmaster.pid"))
            .ok()?
            .lines()
            .next()?
            .trim()
            .parse()
            .ok()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = std::process::Command::new(pg_sh())
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}

/// utime + stime of a /proc stat line, in clock ticks (fields after the parenthesised name).
fn ticks(stat: &str) -> Option<u64> {
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn ppid(stat: &str) -> Option<u32> {
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// CPU ticks so far: this process, its store threads, the load generator's thread, the second server
/// process, PostgreSQL.
#[derive(Debug, Default, Clone, Copy)]
struct Cpu {
    process: u64,
    store: u64,
    generator: u64,
    child: u64,
    postgres: u64,
}

fn cpu_now(child: Option<u32>, postmaster: Option<u32>) -> Cpu {
    let read = |path: String| std::fs::read_to_string(path).ok();
    let mut cpu = Cpu {
        process: read("/proc/self/stat".into())
            .and_then(|s| ticks(&s))
            .unwrap_or(0),
        ..Cpu::default()
    };
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let comm = read(format!("{}/comm", task.path().display())).unwrap_or_default();
            let used = || {
                read(format!("{}/stat", task.path().display()))
                    .and_then(|s| ticks(&s))
                    .unwrap_or(0)
            };
            if comm.starts_with("tideline-store") {
                cpu.store += used();
            } else if comm.starts_with("tideline-loadge") {
                cpu.generator += used();
            }
        }
    }
    if let Some(pid) = child {
        cpu.child = read(format!("/proc/{pid}/stat"))
            .and_then(|s| ticks(&s))
            .unwrap_or(0);
    }
    if let Some(postmaster) = postmaster {
        if let Ok(all) = std::fs::read_dir("/proc") {
            for entry in all.flatten() {
                if let Some(stat) = read(format!("{}/stat", entry.path().display())) {
                    let pid: Option<u32> = entry.file_name().to_str().and_then(|n| n.parse().ok());
                    if pid == Some(postmaster) || ppid(&stat) == Some(postmaster) {
                        cpu.postgres += ticks(&stat).unwrap_or(0);
                    }
                }
            }
        }
    }
    cpu
}

/// Seeds the clinic: one IOP group, and every simulated patient in it, set up directly as the
/// operator. Returns the enrollment codes.
fn seed(database: &store::Database, data: &std::path::Path, devices: usize) -> Vec<String> {
    let now = Utc::now();
    let conn = store::connect(database, data).expect("database");
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
    codes
}

/// A second `tideline-clinic serve` process; killed (by its PID) when dropped.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn second_server(data: &std::path::Path, url: &str) -> (Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tideline-clinic"))
        .arg("--data")
        .arg(data)
        .args(["--database", url, "serve", "--listen", "127.0.0.1:0"])
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("second server");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("listening line");
    let address = line.trim().trim_start_matches("listening on ").to_owned();
    (Child(child), format!("http://{address}"))
}

async fn enroll(client: &reqwest::Client, base: &str, code: String) -> SimulatedDevice {
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
    device
}

/// What the measured window saw.
struct Window {
    latencies: Vec<Duration>,
    errors: u64,
    elapsed: Duration,
    before: Cpu,
    after: Cpu,
    /// CPU milliseconds one request took to build and sign, before the window.
    signing_ms: f64,
}

/// The closed loop, on a thread of its own (`tideline-loadgen`, so its CPU is counted apart from the
/// server's): every device's lanes confirm appointments until stopped.
fn run_load(
    bases: Vec<String>,
    simulated: Vec<Arc<SimulatedDevice>>,
    (concurrency, seconds): (usize, u64),
    (child_pid, postmaster): (Option<u32>, Option<u32>),
) -> Window {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("generator runtime");
    let lanes = (simulated.len() * concurrency).max(1);
    let per_lane = (knob("LOAD_PRESIGNED", 15_000) * (seconds as usize + 3)).div_ceil(lanes);
    let (presigned, signing_ms) = presign(&bases, &simulated, concurrency, per_lane);
    runtime.block_on(async move {
        let measuring = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        let mut presigned = presigned.into_iter();
        for (device_index, device) in simulated.iter().enumerate() {
            for lane in 0..concurrency {
                let base = bases[device_index % bases.len()].clone();
                let (device, measuring, stop) = (device.clone(), measuring.clone(), stop.clone());
                let signed = presigned.next().unwrap_or_default();
                workers.push(tokio::spawn(async move {
                    confirm_until_stopped(
                        &base,
                        &device,
                        (device_index, lane),
                        signed,
                        (&measuring, &stop),
                    )
                    .await
                }));
            }
        }
        tokio::time::sleep(Duration::from_secs(2)).await; // warm-up: connections open, caches filled
        let before = cpu_now(child_pid, postmaster);
        measuring.store(true, Ordering::Relaxed);
        let started = Instant::now();
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        measuring.store(false, Ordering::Relaxed);
        let elapsed = started.elapsed();
        let after = cpu_now(child_pid, postmaster);
        stop.store(true, Ordering::Relaxed);
        let mut latencies = Vec::new();
        let mut errors = 0;
        for worker in workers {
            let (mut own, own_errors) = worker.await.expect("worker");
            latencies.append(&mut own);
            errors += own_errors;
        }
        Window {
            latencies,
            errors,
            elapsed,
            before,
            after,
            signing_ms,
        }
    })
}

/// The `sent`-th confirmation of one lane of one device, signed, as raw HTTP/1.1 bytes.
fn confirmation(
    device: &SimulatedDevice,
    host: &str,
    (device_index, lane_index): (usize, usize),
    sent: usize,
) -> Vec<u8> {
    let appointment = &device.appointments[sent % device.appointments.len()];
    let status = ["accepted", "tentative", "declined"][sent % 3];
    let body = json!({
        "resourceType": "AppointmentResponse",
        "identifier": [{"system": IDEMPOTENCY_KEY_SYSTEM, "value": format!("load-{device_index}-{lane_index}-{sent}")}],
        "appointment": {"reference": appointment},
        "actor": {"reference": device.patient},
        "participantStatus": status
    })
    .to_string();
    signed_request(device, host, &body)
}

/// One lane's signed requests, in the order it sends them.
type Signed = Vec<Vec<u8>>;

/// Every lane's first `per_lane` confirmations, signed now, on both cores, before any is sent: the
/// phones' own work (each signs its requests on its own CPU), done before the measured window so
/// that the window's CPU is the server's and a client's HTTP. Returns the lists and the CPU
/// milliseconds one signed request took (the work moved out of the window, reported beside it).
fn presign(
    bases: &[String],
    simulated: &[Arc<SimulatedDevice>],
    concurrency: usize,
    per_lane: usize,
) -> (Vec<Signed>, f64) {
    let lanes: Vec<(usize, usize)> = (0..simulated.len())
        .flat_map(|device| (0..concurrency).map(move |lane| (device, lane)))
        .collect();
    let threads = 2;
    let (lists, cpu_ns): (Vec<Vec<Signed>>, Vec<u64>) = std::thread::scope(|scope| {
        let chunks: Vec<_> = lanes
            .chunks(lanes.len().div_ceil(threads).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    let started = thread_cpu_ns();
                    let lists: Vec<Signed> = chunk
                        .iter()
                        .map(|&(device, lane)| {
                            let host = bases[device % bases.len()].trim_start_matches("http://");
                            (0..per_lane)
                                .map(|sent| {
                                    confirmation(&simulated[device], host, (device, lane), sent)
                                })
                                .collect()
                        })
                        .collect();
                    (lists, thread_cpu_ns() - started)
                })
            })
            .collect();
        chunks
            .into_iter()
            .map(|handle| handle.join().expect("signing thread"))
            .unzip()
    });
    let signed = (lanes.len() * per_lane).max(1) as f64;
    let per_request_ms = cpu_ns.iter().sum::<u64>() as f64 / signed / 1e6;
    (lists.into_iter().flatten().collect(), per_request_ms)
}

/// One lane of one device: a confirmation, its answer, the next, until `stop`. The lane sends its
/// `presigned` requests first, then signs each next one itself.
async fn confirm_until_stopped(
    base: &str,
    device: &SimulatedDevice,
    (device_index, lane_index): (usize, usize),
    presigned: Vec<Vec<u8>>,
    (measuring, stop): (&AtomicBool, &AtomicBool),
) -> (Vec<Duration>, u64) {
    let mut lane = Lane::new(base);
    let host = lane.address.clone();
    let mut latencies = Vec::new();
    let mut errors = 0u64;
    let mut sent = 0usize;
    let mut presigned = presigned.into_iter();
    while !stop.load(Ordering::Relaxed) {
        let started = Instant::now();
        let request = presigned
            .next()
            .unwrap_or_else(|| confirmation(device, &host, (device_index, lane_index), sent));
        sent += 1;
        let ok = lane.send(&request).await == 201;
        if measuring.load(Ordering::Relaxed) {
            latencies.push(started.elapsed());
            if !ok {
                errors += 1;
            }
        }
    }
    (latencies, errors)
}

/// CPU nanoseconds this thread has run (the scheduler's own count, `/proc/thread-self/schedstat`).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// The CPU milliseconds of one server-side signature check (Ed25519 verify of a request's signing
/// input, as `access::DeviceProof::verifies` does), measured alone: the best of five runs of 500.
fn signature_check_ms(device: &SimulatedDevice) -> f64 {
    let proof = tideline_clinic::access::DeviceProof {
        device_id: device.id.clone(),
        timestamp: Utc::now().timestamp().to_string(),
        nonce: "calibration-nonce-0123456789".into(),
        method: "POST".into(),
        path_and_query: "/fhir/AppointmentResponse".into(),
        body_sha256_hex: hex::encode(digest(&SHA256, b"{}").as_ref()),
        signature: String::new(),
    };
    let input = signing::request_signing_input(&signing::SignedRequest {
        device_id: &proof.device_id,
        method: &proof.method,
        path_and_query: &proof.path_and_query,
        timestamp: proof.timestamp.parse().expect("timestamp"),
        nonce: &proof.nonce,
        body_sha256_hex: &proof.body_sha256_hex,
    });
    let proof = tideline_clinic::access::DeviceProof {
        signature: hex::encode(device.key.sign(&input).as_ref()),
        ..proof
    };
    let public_key = device.key.public_key().as_ref().to_vec();
    (0..5)
        .map(|_| {
            let started = thread_cpu_ns();
            for _ in 0..500 {
                assert!(proof.verifies(&public_key));
            }
            (thread_cpu_ns() - started) as f64 / 500.0 / 1e6
        })
        .fold(f64::INFINITY, f64::min)
}

async fn measure(setup: Setup) -> Figures {
    let devices = knob("LOAD_DEVICES", 32);
    let concurrency = knob("LOAD_CONCURRENCY", 1);
    let seconds = knob("LOAD_SECONDS", 10) as u64;
    let dir = tempfile::tempdir().expect("temporary directory");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data directory");
    let (url, processes, postmaster) = match &setup {
        Setup::Sqlite => (None, 1, None),
        Setup::Postgres {
            url,
            processes,
            postmaster,
        } => (Some(url.clone()), *processes, *postmaster),
    };
    let database = store::Database::choose(url.as_deref(), &data);
    let codes = seed(&database, &data, devices);
    let running = server::start(ServerConfig {
        data_dir: data.clone(),
        database: url.clone(),
        listen: "127.0.0.1:0".parse().expect("address"),
        tls: None,
        clock: Arc::new(SystemClock),
        behind_tls_proxy: false,
    })
    .await
    .expect("server");
    let mut bases = vec![format!("http://{}", running.address)];
    let second = match (&url, processes) {
        (Some(url), 2) => {
            let (child, base) = second_server(&data, url);
            bases.push(base);
            Some(child)
        }
        _ => None,
    };
    let child_pid = second.as_ref().map(|child| child.0.id());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .build()
        .expect("client");
    let mut simulated = Vec::new();
    for (index, code) in codes.into_iter().enumerate() {
        simulated.push(Arc::new(
            enroll(&client, &bases[index % bases.len()], code).await,
        ));
    }

    let signature_ms = signature_check_ms(&simulated[0]);
    let window = tokio::task::spawn_blocking(move || {
        std::thread::Builder::new()
            .name("tideline-loadgen".into())
            .spawn(move || {
                run_load(
                    bases,
                    simulated,
                    (concurrency, seconds),
                    (child_pid, postmaster),
                )
            })
            .expect("generator thread")
            .join()
            .expect("generator")
    })
    .await
    .expect("generator");
    let Window {
        mut latencies,
        errors,
        elapsed,
        before: cpu_before,
        after: cpu_after,
        signing_ms,
    } = window;
    latencies.sort_unstable();
    let percentile =
        |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    running.kill();
    drop(second);
    let requests = latencies.len().max(1) as f64;
    let tick_ms = 1000.0 / 100.0;
    let per_request = |ticks: u64| ticks as f64 * tick_ms / requests;
    let store = cpu_after.store - cpu_before.store;
    let generator = cpu_after.generator - cpu_before.generator;
    let server = (cpu_after.process - cpu_before.process).saturating_sub(store + generator);
    // The signatures are checked on the server's threads; their share is the measured cost of one
    // check, counted once per request in this process (the second process checks its own).
    let in_this_process = 1.0 / processes as f64;
    let signatures = signature_ms * in_this_process;
    let mut cpu = vec![
        ("signature check", signatures),
        (
            "HTTP and JSON (server threads less signatures)",
            (per_request(server) - signatures).max(0.0),
        ),
        ("SQL (store thread)", per_request(store)),
        ("load generator", per_request(generator)),
    ];
    if child_pid.is_some() {
        cpu.push((
            "second server process (all of it)",
            per_request(cpu_after.child - cpu_before.child),
        ));
    }
    if postmaster.is_some() {
        cpu.push((
            "PostgreSQL",
            per_request(cpu_after.postgres - cpu_before.postgres),
        ));
    }
    cpu.push(("phones' signing, before the window", signing_ms));
    let label = match setup {
        Setup::Sqlite => "SQLite, 1 process".to_owned(),
        Setup::Postgres { processes, .. } => format!("PostgreSQL, {processes} process(es)"),
    };
    // The machine's load average over the last minute, read just after the window: the figures
    // are only as good as the share of the two cores the bench had.
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    println!(
        "{label}: in_flight={} duration={:.1}s requests={} errors={errors} load_average_1min={load} \
         p99.9={:.2}ms max={:.2}ms",
        devices * concurrency,
        elapsed.as_secs_f64(),
        latencies.len(),
        percentile(0.999).as_secs_f64() * 1000.0,
        latencies.last().map_or(0.0, |max| max.as_secs_f64() * 1000.0),
    );
    Figures {
        label,
        requests: latencies.len(),
        errors,
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50_ms: percentile(0.50).as_secs_f64() * 1000.0,
        p99_ms: percentile(0.99).as_secs_f64() * 1000.0,
        cpu,
    }
}
