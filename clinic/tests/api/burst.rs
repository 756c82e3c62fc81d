//! Many confirmations at once: a burst of signed `POST /fhir/AppointmentResponse` arrives together,
//! so the writer takes it as batches. On PostgreSQL a batch goes through the grouped path (one
//! PL/pgSQL call, `clinic/src/confirm.sql`); the answers, the stored rows, the appointments' versions
//! and change cursors and the audit chain must be what one request at a time gives, refusals
//! included. On PostgreSQL the test also counts the function's calls: at most half as many calls as
//! confirmations shows the batches went to it several at a time.

use std::collections::BTreeMap;

use reqwest::{Method, StatusCode};

use crate::support::{answer_body, references, reply, Clinic, Device, Harness};

/// Calls of the grouped function in `url`'s database so far (cumulative statistics reach the view
/// when the server's session is idle, so this polls).
fn function_calls(url: &str) -> i64 {
    let url = url.to_owned();
    tideline_clinic::db::off_runtime(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        client
            .query_one(
                "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_user_functions
                 WHERE funcname = 'tideline_confirm'",
                &[],
            )
            .unwrap()
            .get(0)
    })
}

fn track_function_calls(url: &str) {
    let url = url.to_owned();
    tideline_clinic::db::off_runtime(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        // One statement each: ALTER SYSTEM refuses to run inside a multi-statement query.
        client
            .batch_execute("ALTER SYSTEM SET track_functions = 'pl'")
            .unwrap();
        client.batch_execute("SELECT pg_reload_conf()").unwrap();
    });
}

/// One request of the burst, with what it is and what it must get.
struct Sent {
    what: String,
    request: reqwest::Request,
}

#[tokio::test]
async fn a_burst_of_confirmations_is_answered_as_one_request_at_a_time_would_be() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let data = harness.dir.path().join("data");
    let postgres = crate::engine::database_for(&data);
    if let Some(url) = &postgres {
        track_function_calls(url);
    }
    // Three patients of the program, a device each, and a second device of the first, revoked.
    let first = harness.enroll(&clinic).await;
    let mut enrolled = Vec::new();
    for name in ["Alex", "Jo"] {
        enrolled.push(another_patient(&harness, &clinic, &first, name).await);
    }
    let revoked = harness.enroll(&clinic).await;
    let mut devices: Vec<(Device, Vec<String>)> = Vec::new();
    for device in [first].into_iter().chain(enrolled).chain([revoked]) {
        let pulled = harness.device_get(&device, "/fhir/Appointment").await;
        assert_eq!(pulled.status, StatusCode::OK, "{}", pulled.body);
        let appointments = references(&pulled.body);
        assert!(appointments.len() >= 6, "{}", pulled.body);
        devices.push((device, appointments));
    }
    let revoked = &devices[3].0;
    assert_ne!(devices[0].0.patient, devices[1].0.patient);
    let revoke = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/devices/{}/revoke", revoked.id),
            serde_json::json!({}),
        )
        .await;
    assert!(revoke.status.is_success(), "{}", revoke.body);
    let versions_before = versions(&harness);
    let audit_before = count(&harness, "SELECT count(*) FROM audit");

    let post = |device: &Device, body: &str| {
        harness
            .signed(device, Method::POST, "/fhir/AppointmentResponse", body, 0)
            .build()
            .unwrap()
    };
    let mut burst: Vec<Sent> = Vec::new();
    // One request of the burst: `device` answers `appointment` for `patient`.
    let mut add = |what: String,
                   device: &Device,
                   patient: &str,
                   appointment: &str,
                   status: &str,
                   key: String| {
        let body = answer_body(patient, appointment, status, &key);
        burst.push(Sent {
            what,
            request: post(device, &body),
        });
    };
    for (index, (device, appointments)) in devices.iter().enumerate().take(3) {
        let me = device.patient.as_str();
        for (n, appointment) in appointments.iter().take(4).enumerate() {
            add(
                format!("fresh {index}-{n}"),
                device,
                me,
                appointment,
                "accepted",
                format!("b{index}-{n}"),
            );
        }
        // The first appointment answered again under another key: one appointment changed twice.
        add(
            format!("second answer {index}"),
            device,
            me,
            &appointments[0],
            "declined",
            format!("b{index}-again"),
        );
        // The same key with the same answer twice (a retry), and a key sent with another answer.
        for copy in ["a", "b"] {
            add(
                format!("retry {index} {copy}"),
                device,
                me,
                &appointments[5],
                "tentative",
                format!("b{index}-retry"),
            );
        }
        add(
            format!("reused key {index}"),
            device,
            me,
            &appointments[4],
            "declined",
            format!("b{index}-1"),
        );
        // Another patient's appointment, and another patient named as the actor.
        let (other, theirs) = &devices[(index + 1) % 3];
        add(
            format!("not own record {index}"),
            device,
            me,
            &theirs[1],
            "accepted",
            format!("b{index}-theirs"),
        );
        add(
            format!("not own patient {index}"),
            device,
            &other.patient,
            &appointments[2],
            "accepted",
            format!("b{index}-actor"),
        );
    }
    add(
        "revoked device".into(),
        revoked,
        &revoked.patient,
        &devices[3].1[0],
        "accepted",
        "revoked-1".into(),
    );
    // The very same signed request twice: its nonce is accepted once.
    for (index, (device, appointments)) in devices.iter().enumerate().take(3) {
        let twice = answer_body(
            &device.patient,
            &appointments[4],
            "accepted",
            &format!("b{index}-twice"),
        );
        let request = post(device, &twice);
        burst.push(Sent {
            what: format!("replayed nonce {index} a"),
            request: request.try_clone().unwrap(),
        });
        burst.push(Sent {
            what: format!("replayed nonce {index} b"),
            request,
        });
    }
    let sent = burst.len() as i64;

    let tasks: Vec<_> = burst
        .into_iter()
        .map(|sent| {
            let client = harness.client.clone();
            tokio::spawn(async move {
                (
                    sent.what,
                    reply(client.execute(sent.request).await.unwrap()).await,
                )
            })
        })
        .collect();
    let mut answers: BTreeMap<String, (StatusCode, serde_json::Value)> = BTreeMap::new();
    for task in tasks {
        let (what, answer) = task.await.unwrap();
        answers.insert(what, (answer.status, answer.body));
    }

    let status = |what: &str| answers[what].0;
    // The two answers of a contested pair, in order of status code (which came first is not fixed).
    let pair = |first: String, second: String| {
        let mut both = [status(&first), status(&second)];
        both.sort();
        both
    };
    let mut stored = 0;
    for index in 0..3 {
        for n in [0, 2, 3] {
            let what = format!("fresh {index}-{n}");
            assert_eq!(
                status(&what),
                StatusCode::CREATED,
                "{what}: {:?}",
                answers[&what]
            );
        }
        // A key sent with two answers at once: whichever came first is stored, the other refused.
        assert_eq!(
            pair(format!("fresh {index}-1"), format!("reused key {index}")),
            [StatusCode::CREATED, StatusCode::CONFLICT],
            "one key, two answers"
        );
        assert_eq!(
            status(&format!("second answer {index}")),
            StatusCode::CREATED
        );
        // A retry is answered as the original was, naming the one stored response.
        let (a, b) = (
            &answers[&format!("retry {index} a")],
            &answers[&format!("retry {index} b")],
        );
        assert_eq!(
            (a.0, b.0),
            (StatusCode::CREATED, StatusCode::CREATED),
            "{a:?} {b:?}"
        );
        assert_eq!(
            a.1["id"], b.1["id"],
            "both answers of a retry name the one stored response"
        );
        assert_eq!(
            pair(
                format!("replayed nonce {index} a"),
                format!("replayed nonce {index} b")
            ),
            [StatusCode::CREATED, StatusCode::UNAUTHORIZED],
            "a nonce is accepted once"
        );
        assert_eq!(
            status(&format!("not own record {index}")),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            status(&format!("not own patient {index}")),
            StatusCode::FORBIDDEN
        );
        // Three fresh, one of the two under a reused key, the second answer, the retry, the nonce.
        stored += 3 + 1 + 1 + 1 + 1;
    }
    assert_eq!(status("revoked device"), StatusCode::UNAUTHORIZED);

    assert_eq!(
        count(&harness, "SELECT count(*) FROM appointment_response"),
        stored,
        "each stored answer once"
    );
    // Every stored answer moved its appointment's version by one.
    let versions_after = versions(&harness);
    let moved: i64 = versions_after
        .iter()
        .map(|(id, (version, _))| version - versions_before[id].0)
        .sum();
    assert_eq!(moved, stored);
    let mut cursors: Vec<i64> = versions_after.values().map(|(_, seq)| *seq).collect();
    cursors.sort_unstable();
    cursors.dedup();
    assert_eq!(
        cursors.len(),
        versions_after.len(),
        "change cursors stay unique"
    );
    assert_eq!(
        count(&harness, "SELECT count(*) FROM audit") - audit_before,
        sent,
        "one audit row for every request, refused or not"
    );
    harness.assert_audit_intact(&clinic).await;

    if let Some(url) = &postgres {
        let mut calls = 0;
        for _ in 0..60 {
            calls = function_calls(url);
            if calls > 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        eprintln!("grouped function: {calls} calls for {sent} confirmations");
        assert!(
            calls > 0 && calls * 2 <= sent,
            "the grouped path settled several confirmations a call ({calls} calls for {sent})"
        );
    }
}

/// Another patient in the clinic's program (so with appointments), with an enrolled device.
async fn another_patient(
    harness: &Harness,
    clinic: &Clinic,
    template: &Device,
    name: &str,
) -> Device {
    let patient = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            "/staff/patients",
            serde_json::json!({"givenName": name, "familyName": "Moreno"}),
        )
        .await;
    assert_eq!(patient.status, StatusCode::CREATED, "{}", patient.body);
    let id = patient.body["id"].as_i64().unwrap();
    let member = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/programs/{}/members", clinic.program),
            serde_json::json!({"patientId": id}),
        )
        .await;
    assert_eq!(member.status, StatusCode::OK, "{}", member.body);
    let code = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            &format!("/staff/patients/{id}/enrollment-codes"),
            serde_json::json!({}),
        )
        .await;
    let (enrolled, key) = harness
        .enroll_with(code.body["code"].as_str().unwrap())
        .await;
    assert_eq!(enrolled.status, StatusCode::CREATED, "{}", enrolled.body);
    let mut device = template.with_key(key);
    device.id = enrolled.body["deviceId"].as_str().unwrap().to_owned();
    device.patient = enrolled.body["patient"].as_str().unwrap().to_owned();
    device
}

/// A confirmation the database refuses in the middle of a batch (a trigger raising for one
/// idempotency key, as a failing disk or a constraint would): on PostgreSQL the grouped statement
/// fails, the writer rolls back to its savepoint and runs the batch one at a time, so the one
/// refused request gets a 500 and its batch-mates are stored exactly once.
#[tokio::test]
async fn a_confirmation_the_database_refuses_costs_its_batch_mates_nothing() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let pulled = harness.device_get(&device, "/fhir/Appointment").await;
    let appointments = references(&pulled.body);
    let conn = harness.db();
    match conn.engine() {
        tideline_clinic::db::Engine::Sqlite => conn
            .execute_batch(
                "CREATE TRIGGER refuse_boom BEFORE INSERT ON appointment_response
                 WHEN NEW.idempotency_key = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END",
            )
            .unwrap(),
        tideline_clinic::db::Engine::Postgres => conn
            .execute_batch(
                "CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                   IF NEW.idempotency_key = 'boom' THEN RAISE EXCEPTION 'refused'; END IF;
                   RETURN NEW;
                 END $$;
                 CREATE TRIGGER refuse_boom BEFORE INSERT ON appointment_response
                 FOR EACH ROW EXECUTE FUNCTION refuse_boom()",
            )
            .unwrap(),
    }
    drop(conn);
    let audit_before = count(&harness, "SELECT count(*) FROM audit");

    let mut requests = Vec::new();
    for (n, appointment) in appointments.iter().take(12).enumerate() {
        let key = if n == 5 {
            "boom".to_owned()
        } else {
            format!("ok-{n}")
        };
        let body = answer_body(&device.patient, appointment, "accepted", &key);
        let request = harness
            .signed(&device, Method::POST, "/fhir/AppointmentResponse", &body, 0)
            .build()
            .unwrap();
        requests.push((key, request));
    }
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(key, request)| {
            let client = harness.client.clone();
            tokio::spawn(async move { (key, reply(client.execute(request).await.unwrap()).await) })
        })
        .collect();
    for task in tasks {
        let (key, answer) = task.await.unwrap();
        if key == "boom" {
            assert_eq!(
                answer.status,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{}",
                answer.body
            );
            assert_eq!(answer.body["resourceType"], "OperationOutcome");
            assert!(
                !answer.body.to_string().contains("refused"),
                "the database's words stay out of the answer: {}",
                answer.body
            );
        } else {
            assert_eq!(answer.status, StatusCode::CREATED, "{key}: {}", answer.body);
        }
    }
    assert_eq!(
        count(&harness, "SELECT count(*) FROM appointment_response"),
        11,
        "every other answer stored once, the refused one not at all"
    );
    assert_eq!(
        count(
            &harness,
            "SELECT count(*) FROM appointment_response WHERE idempotency_key = 'boom'"
        ),
        0
    );
    assert!(
        count(&harness, "SELECT count(*) FROM audit") - audit_before >= 11,
        "the stored answers are audited"
    );
    harness.assert_audit_intact(&clinic).await;
}

fn count(harness: &Harness, sql: &str) -> i64 {
    harness.db().query_row(sql, [], |row| row.get(0)).unwrap()
}

/// Each appointment's version and change cursor.
fn versions(harness: &Harness) -> BTreeMap<i64, (i64, i64)> {
    harness
        .db()
        .prepare("SELECT id, version, change_seq FROM appointment")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, (row.get(1)?, row.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
