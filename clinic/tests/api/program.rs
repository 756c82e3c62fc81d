//! Running a program over the JSON API on a real server: schedule, roster with the app's answer,
//! attendance marks by the shared hours rule, cancel and move, course of care, discharge and aftercare,
//! worklist and report; bad input refused whole; who may do what.

use chrono::{DateTime, Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tideline_clinic::clock::Clock;

use crate::support::{assert_outcome, Clinic, Harness};

/// The appointments a device pulls, by start time.
async fn pulled(harness: &Harness, device: &crate::support::Device) -> Vec<Value> {
    let bundle = harness
        .device_get(device, "/fhir/Appointment?_count=1000")
        .await;
    assert_eq!(bundle.status, StatusCode::OK);
    let mut appointments: Vec<Value> = bundle.body["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["resource"].clone())
        .collect();
    appointments.sort_by_key(start_of);
    appointments
}

fn start_of(appointment: &Value) -> DateTime<Utc> {
    appointment["start"]
        .as_str()
        .unwrap()
        .parse::<DateTime<chrono::FixedOffset>>()
        .unwrap()
        .with_timezone(&Utc)
}

fn extension<'a>(appointment: &'a Value, url: &str) -> Option<&'a Value> {
    appointment["extension"]
        .as_array()?
        .iter()
        .find(|extension| extension["url"] == url)
}

async fn counselor(harness: &Harness, clinic: &Clinic, email: &str, on_team: bool) -> String {
    let created = harness
        .staff(
            Some(&clinic.token),
            Method::POST,
            "/staff/accounts",
            json!({"email": email, "displayName": "Alex Kim", "password": "correct horse battery staple"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let staff_id = created.body["id"].as_i64().unwrap();
    if on_team {
        let assigned = harness
            .staff(
                Some(&clinic.token),
                Method::POST,
                &format!("/staff/patients/{}/care-team", clinic.patient),
                json!({"staffId": staff_id}),
            )
            .await;
        assert!(assigned.status.is_success(), "{}", assigned.body);
    }
    let signed_in = harness
        .staff(
            None,
            Method::POST,
            "/staff/sign-in",
            json!({"email": email, "password": "correct horse battery staple"}),
        )
        .await;
    signed_in.body["token"].as_str().unwrap().to_owned()
}

/// A fresh token (staff tokens last 8 hours; these tests move the clock by days).
async fn sign_in(harness: &Harness, email: &str) -> String {
    let signed_in = harness
        .staff(
            None,
            Method::POST,
            "/staff/sign-in",
            json!({"email": email, "password": "correct horse battery staple"}),
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::OK);
    signed_in.body["token"].as_str().unwrap().to_owned()
}

fn appointment_id(appointment: &Value) -> String {
    appointment["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_clinic_runs_its_week_and_the_app_sees_every_change() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let device = harness.enroll(&clinic).await;
    let token = Some(clinic.token.as_str());

    // The clinic's course of care starts with the program: IOP from today.
    let today = harness.clock.now().date_naive();
    let level = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/patients/{}/care-levels", clinic.patient),
            json!({"programId": clinic.program, "level": "iop", "from": today.to_string()}),
        )
        .await;
    assert_eq!(level.status, StatusCode::CREATED, "{}", level.body);

    let before = pulled(&harness, &device).await;
    let first = before[0].clone();
    assert_eq!(
        first["serviceType"][0]["coding"][0]["code"],
        "group-therapy"
    );

    // The patient answers in the app; the roster shows it with when.
    let answered = harness
        .answer(
            &device,
            &format!("Appointment/{}", appointment_id(&first)),
            "accepted",
            "roster-1",
        )
        .await;
    assert_eq!(answered.status, StatusCode::CREATED);
    let sessions = harness
        .staff(
            token,
            Method::GET,
            &format!(
                "/staff/sessions?date={}",
                start_of(&first)
                    .with_timezone(&chrono_tz::America::Chicago)
                    .date_naive()
            ),
            Value::Null,
        )
        .await;
    assert_eq!(sessions.status, StatusCode::OK);
    let session_id = sessions.body[0]["id"].as_i64().unwrap();
    let roster = harness
        .staff(
            token,
            Method::GET,
            &format!("/staff/sessions/{session_id}/roster"),
            Value::Null,
        )
        .await;
    assert_eq!(roster.body["entries"][0]["answer"], "coming");
    assert!(roster.body["entries"][0]["answeredAt"].is_string());

    // Marking before the session starts is refused; after it starts, late 20 minutes counts 160 of 180.
    let mark = format!("/staff/appointments/{}/mark", appointment_id(&first));
    let early = harness
        .staff(
            token,
            Method::POST,
            &mark,
            json!({"mark": "late", "minutes": 20}),
        )
        .await;
    assert_outcome(
        &early,
        StatusCode::CONFLICT,
        "a session that has not started",
    );
    let wait = start_of(&first) - harness.clock.now() + Duration::minutes(30);
    harness.clock.advance(wait);
    let fresh = sign_in(&harness, "lee@harbor.example").await;
    let token = Some(fresh.as_str());
    let marked = harness
        .staff(
            token,
            Method::POST,
            &mark,
            json!({"mark": "late", "minutes": 20}),
        )
        .await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.body);
    assert_eq!(marked.body["status"], "fulfilled");
    let roster = harness
        .staff(
            token,
            Method::GET,
            &format!("/staff/sessions/{session_id}/roster"),
            Value::Null,
        )
        .await;
    assert_eq!(roster.body["entries"][0]["attendedMinutes"], 160);
    assert_eq!(
        roster.body["entries"][0]["attendance"],
        json!({"mark": "late", "minutes": 20})
    );

    // Cancel the next session with a reason: the app pulls it cancelled with the reason.
    let second = &before[1];
    let second_session = harness
        .staff(
            token,
            Method::GET,
            &format!(
                "/staff/sessions?date={}",
                start_of(second)
                    .with_timezone(&chrono_tz::America::Chicago)
                    .date_naive()
            ),
            Value::Null,
        )
        .await
        .body[0]["id"]
        .as_i64()
        .unwrap();
    let cancelled = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/sessions/{second_session}/cancel"),
            json!({"reason": "Facilitator ill"}),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.body);
    let after = pulled(&harness, &device).await;
    let first_after = after.iter().find(|a| a["id"] == first["id"]).unwrap();
    let attendance = extension(first_after, tideline_wire::care::ATTENDANCE_EXTENSION_URL).unwrap();
    assert_eq!(attendance["extension"][0]["valueCode"], "late");
    assert_eq!(attendance["extension"][1]["valueInteger"], 20);
    assert_ne!(
        first_after["meta"]["versionId"], first["meta"]["versionId"],
        "the change is a new version"
    );
    let second_after = after.iter().find(|a| a["id"] == second["id"]).unwrap();
    assert_eq!(second_after["status"], "cancelled");
    assert_eq!(second_after["cancelationReason"]["text"], "Facilitator ill");

    // Step down to outpatient 3 hours from tomorrow; the device reads both episodes.
    let tomorrow = harness.clock.now().date_naive() + Duration::days(1);
    let step = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/patients/{}/care-levels", clinic.patient),
            json!({"programId": clinic.program, "level": "outpatient", "weeklyTargetMinutes": 180, "from": tomorrow.to_string()}),
        )
        .await;
    assert_eq!(step.status, StatusCode::CREATED, "{}", step.body);
    let episodes = harness
        .device_get(
            &device,
            &format!("/fhir/EpisodeOfCare?patient={}", clinic.patient),
        )
        .await;
    assert_eq!(episodes.status, StatusCode::OK);
    assert_eq!(episodes.body["type"], "searchset");
    let resources: Vec<tideline_wire::EpisodeOfCare> = episodes.body["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| serde_json::from_value(entry["resource"].clone()).unwrap())
        .collect();
    let course = tideline_wire::care::course_from_episodes(&resources);
    assert_eq!(course.len(), 2);
    assert_eq!(course[1].weekly_target_minutes, Some(180));
    assert_eq!(resources[0].status, tideline_wire::EpisodeStatus::Active);
    assert_eq!(resources[1].status, tideline_wire::EpisodeStatus::Planned);

    // Discharge in a week: later sessions cancelled, three check-ins appear in the app.
    let discharge_day = harness.clock.now().date_naive() + Duration::days(7);
    let discharged = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/patients/{}/discharge", clinic.patient),
            json!({"on": discharge_day.to_string(), "checkInTime": "10:00"}),
        )
        .await;
    assert_eq!(discharged.status, StatusCode::OK, "{}", discharged.body);
    assert_eq!(discharged.body["checkIns"].as_array().unwrap().len(), 3);
    let final_pull = pulled(&harness, &device).await;
    let check_ins: Vec<&Value> = final_pull
        .iter()
        .filter(|a| a["serviceType"][0]["coding"][0]["code"] == "aftercare-check-in")
        .collect();
    assert_eq!(check_ins.len(), 3);
    let days: Vec<i64> = check_ins
        .iter()
        .map(|a| {
            (start_of(a)
                .with_timezone(&chrono_tz::America::Chicago)
                .date_naive()
                - discharge_day)
                .num_days()
        })
        .collect();
    assert_eq!(days, vec![30, 60, 90]);
    let booked_after: usize = final_pull
        .iter()
        .filter(|a| {
            a["status"] == "booked" && a["serviceType"][0]["coding"][0]["code"] == "group-therapy"
        })
        .filter(|a| {
            start_of(a)
                .with_timezone(&chrono_tz::America::Chicago)
                .date_naive()
                > discharge_day
        })
        .count();
    assert_eq!(
        booked_after, 0,
        "no group session is still booked after discharge"
    );
    let episodes = harness
        .device_get(
            &device,
            &format!("/fhir/EpisodeOfCare?patient={}", clinic.patient),
        )
        .await;
    assert_eq!(episodes.body["total"], 3);

    // The worklist and the report.
    let worklist = harness
        .staff(token, Method::GET, "/staff/worklist", Value::Null)
        .await;
    assert_eq!(worklist.status, StatusCode::OK);
    assert!(worklist.body["belowTarget"].is_array());
    let report = harness
        .client
        .get(format!(
            "{}/staff/programs/{}/attendance-report?from={}&to={}",
            harness.base,
            clinic.program,
            today,
            today + Duration::days(14)
        ))
        .bearer_auth(&fresh)
        .send()
        .await
        .unwrap();
    assert_eq!(report.status(), StatusCode::OK);
    let csv = report.text().await.unwrap();
    assert!(csv.starts_with("patient,week,scheduled_hours,attended_hours,target_hours,met\r\n"));
    assert!(csv.contains("\"Rivera, Sam\",20"), "{csv}");
    assert!(csv.contains(",2.67,"), "160 minutes attended: {csv}");
}

#[tokio::test]
async fn bad_input_gets_an_outcome_and_nothing_is_half_saved() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let other = harness.clinic("Cedar IOP", "kim@cedar.example").await;
    let token = Some(clinic.token.as_str());
    let count = |sql: &str| -> i64 { harness.db().query_row(sql, [], |row| row.get(0)).unwrap() };
    let sessions_before = count("SELECT count(*) FROM session");

    // A second program whose series overlaps the patient's evening group: refused whole.
    let second = harness
        .staff(
            token,
            Method::POST,
            "/staff/programs",
            json!({"name": "Family program", "timeZone": "America/Chicago"}),
        )
        .await;
    let second = second.body["id"].as_i64().unwrap();
    let member = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/programs/{second}/members"),
            json!({"patientId": clinic.patient}),
        )
        .await;
    assert_eq!(member.status, StatusCode::OK);
    let first_day = harness
        .db()
        .query_row("SELECT min(start_at) FROM session", [], |row| {
            row.get::<_, i64>(0)
        })
        .unwrap();
    let first_day = DateTime::from_timestamp(first_day, 0)
        .unwrap()
        .with_timezone(&chrono_tz::America::Chicago)
        .date_naive();
    let overlapping = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/programs/{second}/sessions"),
            json!({"firstDay": first_day.to_string(), "weeks": 2, "weekdays": ["mon"], "start": "19:00", "end": "20:00", "kind": "family"}),
        )
        .await;
    assert_outcome(
        &overlapping,
        StatusCode::CONFLICT,
        "overlapping sessions for one patient",
    );
    assert_eq!(
        count("SELECT count(*) FROM session"),
        sessions_before,
        "no session of the series was kept"
    );
    assert_eq!(
        count("SELECT count(*) FROM session_series"),
        2,
        "nor the series (one per clinic from the harness)"
    );

    // End before start, in a schedule and in a move.
    let backwards = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/programs/{second}/sessions"),
            json!({"firstDay": first_day.to_string(), "start": "21:00", "end": "18:00"}),
        )
        .await;
    assert_outcome(&backwards, StatusCode::BAD_REQUEST, "end before start");
    let session: i64 = harness
        .db()
        .query_row(
            "SELECT max(id) FROM session WHERE program_id = ?1",
            [clinic.program],
            |row| row.get(0),
        )
        .unwrap();
    let moved = harness
        .staff(token, Method::POST, &format!("/staff/sessions/{session}/move"),
            json!({"day": first_day.to_string(), "start": "21:00", "end": "20:00", "reason": "Room change"}))
        .await;
    assert_outcome(
        &moved,
        StatusCode::BAD_REQUEST,
        "a move ending before it starts",
    );
    let no_reason = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/sessions/{session}/cancel"),
            json!({"reason": "  "}),
        )
        .await;
    assert_outcome(
        &no_reason,
        StatusCode::BAD_REQUEST,
        "a cancellation without a reason",
    );
    assert_eq!(
        count("SELECT count(*) FROM session WHERE cancelled_reason IS NOT NULL"),
        0
    );

    // A patient of another clinic, and a program of another clinic.
    let foreign = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/programs/{}/members", clinic.program),
            json!({"patientId": other.patient}),
        )
        .await;
    assert_outcome(
        &foreign,
        StatusCode::FORBIDDEN,
        "a patient of another clinic",
    );
    let foreign_program = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/patients/{}/care-levels", clinic.patient),
            json!({"programId": other.program, "level": "iop", "from": "2030-01-01"}),
        )
        .await;
    assert_outcome(
        &foreign_program,
        StatusCode::FORBIDDEN,
        "a program of another clinic",
    );

    // A level-of-care change before the program start; targets that do not fit the level.
    let start = harness
        .staff(
            token,
            Method::POST,
            &format!("/staff/patients/{}/care-levels", clinic.patient),
            json!({"programId": clinic.program, "level": "iop", "from": "2030-01-07"}),
        )
        .await;
    assert_eq!(start.status, StatusCode::CREATED);
    let before_start = harness
        .staff(token, Method::POST, &format!("/staff/patients/{}/care-levels", clinic.patient),
            json!({"programId": clinic.program, "level": "outpatient", "weeklyTargetMinutes": 180, "from": "2030-01-01"}))
        .await;
    assert_outcome(
        &before_start,
        StatusCode::BAD_REQUEST,
        "a change before the program start",
    );
    let low = harness
        .staff(token, Method::POST, &format!("/staff/patients/{}/care-levels", clinic.patient),
            json!({"programId": clinic.program, "level": "partial-hospitalization", "weeklyTargetMinutes": 600, "from": "2030-02-01"}))
        .await;
    assert_outcome(
        &low,
        StatusCode::BAD_REQUEST,
        "a target under the level's minimum",
    );
    assert_eq!(
        count("SELECT count(*) FROM care_level"),
        1,
        "only the valid start was stored"
    );
    assert_eq!(
        count("SELECT count(*) FROM care_level WHERE until_day IS NOT NULL"),
        0,
        "the open period was not closed by a refused change"
    );
    let bad_mark = harness
        .staff(
            token,
            Method::POST,
            "/staff/appointments/1/mark",
            json!({"mark": "late"}),
        )
        .await;
    assert_outcome(&bad_mark, StatusCode::BAD_REQUEST, "late without minutes");
}

#[tokio::test]
async fn each_role_gets_what_it_may_and_nothing_else() {
    let harness = Harness::start(false).await;
    let clinic = harness.clinic("Harbor IOP", "lee@harbor.example").await;
    let other = harness.clinic("Cedar IOP", "kim@cedar.example").await;
    let device = harness.enroll(&clinic).await;
    let first = pulled(&harness, &device).await[0].clone();
    harness
        .clock
        .advance(start_of(&first) - harness.clock.now() + Duration::minutes(5));
    let clinic = Clinic {
        token: sign_in(&harness, "lee@harbor.example").await,
        ..clinic
    };
    let other = Clinic {
        token: sign_in(&harness, "kim@cedar.example").await,
        ..other
    };
    let on_team = counselor(&harness, &clinic, "ana@harbor.example", true).await;
    let off_team = counselor(&harness, &clinic, "bo@harbor.example", false).await;
    let session: i64 = harness
        .db()
        .query_row(
            "SELECT session_id FROM appointment WHERE id = ?1",
            [appointment_id(&first).parse::<i64>().unwrap()],
            |row| row.get(0),
        )
        .unwrap();
    let later: i64 = harness
        .db()
        .query_row(
            "SELECT max(id) FROM session WHERE program_id = ?1",
            [clinic.program],
            |row| row.get(0),
        )
        .unwrap();
    let patient = clinic.patient;
    let program = clinic.program;
    let appointment = appointment_id(&first);
    // (method, path, body, may a counselor on the care team do it)
    let endpoints: Vec<(Method, String, Value, bool)> = vec![
        (Method::GET, "/staff/programs".into(), Value::Null, true),
        (Method::GET, "/staff/sessions".into(), Value::Null, true),
        (
            Method::GET,
            format!("/staff/sessions/{session}/roster"),
            Value::Null,
            true,
        ),
        (
            Method::POST,
            format!("/staff/appointments/{appointment}/mark"),
            json!({"mark": "attended"}),
            true,
        ),
        (
            Method::GET,
            format!("/staff/patients/{patient}/care-levels"),
            Value::Null,
            true,
        ),
        (
            Method::GET,
            format!("/fhir/EpisodeOfCare?patient={patient}"),
            Value::Null,
            true,
        ),
        (Method::GET, "/staff/worklist".into(), Value::Null, true),
        (
            Method::POST,
            format!("/staff/sessions/{later}/cancel"),
            json!({"reason": "Holiday"}),
            false,
        ),
        (
            Method::POST,
            format!("/staff/sessions/{later}/move"),
            json!({"day": "2031-01-06", "start": "18:00", "end": "21:00", "reason": "Holiday"}),
            false,
        ),
        (
            Method::POST,
            format!("/staff/patients/{patient}/care-levels"),
            json!({"programId": program, "level": "iop", "from": "2031-01-01"}),
            false,
        ),
        (
            Method::POST,
            format!("/staff/patients/{patient}/discharge"),
            json!({"on": "2031-02-01"}),
            false,
        ),
        (
            Method::GET,
            format!("/staff/programs/{program}/attendance-report?from=2030-01-01&to=2030-02-01"),
            Value::Null,
            false,
        ),
        (
            Method::POST,
            "/staff/programs".into(),
            json!({"name": "X", "timeZone": "UTC"}),
            false,
        ),
        (
            Method::POST,
            format!("/staff/programs/{program}/sessions"),
            json!({"firstDay": "2031-01-06", "start": "09:00", "end": "10:00"}),
            false,
        ),
    ];
    let personal = |path: &str| {
        path.contains("/patients/")
            || path.contains("/appointments/")
            || path.contains("EpisodeOfCare")
    };
    for (method, path, body, counselor_may) in &endpoints {
        let send = |token: Option<String>| {
            let (method, path, body) = (method.clone(), path.clone(), body.clone());
            let harness = &harness;
            async move {
                let mut request = harness
                    .client
                    .request(method.clone(), format!("{}{path}", harness.base));
                if let Some(token) = token {
                    request = request.bearer_auth(token);
                }
                if method != Method::GET {
                    request = request
                        .header("content-type", "application/json")
                        .body(body.to_string());
                }
                crate::support::reply(request.send().await.unwrap()).await
            }
        };
        let none = send(None).await;
        assert_eq!(
            none.status,
            StatusCode::UNAUTHORIZED,
            "no credentials on {method} {path}"
        );
        let counselor = send(Some(on_team.clone())).await;
        if *counselor_may {
            assert!(
                counselor.status.is_success(),
                "counselor on the team on {method} {path}: {} {}",
                counselor.status,
                counselor.body
            );
        } else {
            assert_outcome(
                &counselor,
                StatusCode::FORBIDDEN,
                "counselors do not manage programs or levels of care",
            );
        }
        let stranger = send(Some(off_team.clone())).await;
        if personal(path) {
            assert_outcome(
                &stranger,
                StatusCode::FORBIDDEN,
                "a counselor not on the care team",
            );
        } else if *counselor_may {
            assert!(stranger.status.is_success(), "{method} {path}");
        }
        if path.contains("/patients/")
            || path.contains("/sessions/")
            || path.contains("/appointments/")
            || path.contains("/programs/")
            || path.contains("EpisodeOfCare")
        {
            let foreign = send(Some(other.token.clone())).await;
            assert_outcome(&foreign, StatusCode::FORBIDDEN, "staff of another clinic");
        }
        if !path.starts_with("/fhir") {
            let signed = harness.signed_typed(
                &device,
                method.clone(),
                path,
                &if body.is_null() {
                    String::new()
                } else {
                    body.to_string()
                },
                0,
                "application/json",
            );
            let by_device = crate::support::reply(signed.send().await.unwrap()).await;
            assert_outcome(
                &by_device,
                StatusCode::FORBIDDEN,
                "a patient's device runs no staff operation",
            );
        }
        let admin = send(Some(clinic.token.clone())).await;
        assert!(
            admin.status.is_success() || admin.status == StatusCode::CONFLICT,
            "administrator on {method} {path}: {} {}",
            admin.status,
            admin.body
        );
    }
    // A counselor not on the team sees an empty roster for the session.
    let roster = harness
        .staff(
            Some(&off_team),
            Method::GET,
            &format!("/staff/sessions/{session}/roster"),
            Value::Null,
        )
        .await;
    assert_eq!(roster.body["entries"], json!([]));
    // The device reads only its own patient's course.
    let foreign = harness
        .device_get(
            &device,
            &format!("/fhir/EpisodeOfCare?patient={}", other.patient),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
}
