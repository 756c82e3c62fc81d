//! The staff workspace in the portal over real HTTP: a clinic's week as staff run it (program, series,
//! patient with enrollment code and QR code, roster, late 20 minutes, step-down, discharge), form
//! errors shown again with what was typed and nothing saved, roles, CSRF, and escaping.

use chrono::Duration;
use reqwest::StatusCode;

use crate::support::{Browser, Portal, PASSWORD};

pub const ADMIN: &str = "lee@bay.example";

pub async fn signed_in(portal: &Portal, email: &str) -> Browser {
    let mut browser = Browser::default();
    let page = portal.sign_in(&mut browser, email, PASSWORD).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    browser
}

/// Opens `page`, then posts `form` with the page's token.
pub async fn submit(
    portal: &Portal,
    browser: &mut Browser,
    page: &str,
    action: &str,
    form: &[(&str, &str)],
) -> crate::support::Page {
    let opened = portal.get(browser, page).await;
    assert_eq!(opened.status, StatusCode::OK, "{page}: {}", opened.body);
    let csrf = opened.csrf();
    let mut fields: Vec<(&str, &str)> = form.to_vec();
    fields.push(("csrf", &csrf));
    portal.post(browser, action, &fields).await
}

pub fn count(portal: &Portal, sql: &str) -> i64 {
    portal.db().query_row(sql, [], |row| row.get(0)).unwrap()
}

#[tokio::test]
async fn staff_run_a_week_from_the_portal() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let mut browser = signed_in(&portal, ADMIN).await;

    let created = submit(
        &portal,
        &mut browser,
        "/portal/programs",
        "/portal/programs",
        &[
            ("name", "Evening IOP"),
            ("timeZone", "America/Chicago"),
            ("level", "iop"),
            ("targetHours", ""),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let program_page = created.location().to_owned();
    assert!(program_page.starts_with("/portal/programs/"));

    let patient = submit(
        &portal,
        &mut browser,
        "/portal/clinic/patients",
        "/portal/clinic/patients",
        &[("givenName", "Sam"), ("familyName", "<b>Rivera</b>")],
    )
    .await;
    assert_eq!(patient.status, StatusCode::SEE_OTHER);
    let patient_page = patient.location().to_owned();
    let patient_id = patient_page.rsplit('/').next().unwrap().to_owned();
    let code = submit(
        &portal,
        &mut browser,
        &patient_page,
        &format!("{patient_page}/code"),
        &[],
    )
    .await;
    assert_eq!(code.status, StatusCode::OK);
    assert!(
        code.body.contains("id=\"enrollment-code\""),
        "the code is shown as text"
    );
    assert!(
        code.body.contains("<svg")
            && code
                .body
                .contains("aria-label=\"QR code of the enrollment code\"")
    );
    assert!(
        code.body.contains("Sam &lt;b&gt;Rivera&lt;/b&gt;"),
        "names are escaped"
    );
    assert!(!code.body.contains("<b>Rivera"));

    let member = submit(
        &portal,
        &mut browser,
        &program_page,
        &format!("{program_page}/members"),
        &[("patientId", &patient_id)],
    )
    .await;
    assert_eq!(member.status, StatusCode::SEE_OTHER, "{}", member.body);
    let program_id = program_page.rsplit('/').next().unwrap().to_owned();
    let level = submit(
        &portal,
        &mut browser,
        &patient_page,
        &format!("{patient_page}/level"),
        &[
            ("programId", &program_id),
            ("level", "iop"),
            ("targetHours", ""),
            ("from", "2026-03-11"),
        ],
    )
    .await;
    assert_eq!(level.status, StatusCode::SEE_OTHER, "{}", level.body);

    let series = submit(
        &portal,
        &mut browser,
        &program_page,
        &format!("{program_page}/sessions"),
        &[
            ("kind", "group-therapy"),
            ("firstDay", "2026-03-16"),
            ("weekdays", "mon"),
            ("weekdays", "wed"),
            ("start", "18:00"),
            ("end", "21:00"),
            ("weeks", "2"),
            ("endDate", ""),
            ("topic", "Relapse prevention"),
            ("place", "Room 2"),
            ("videoLink", ""),
        ],
    )
    .await;
    assert_eq!(series.status, StatusCode::SEE_OTHER, "{}", series.body);
    assert_eq!(count(&portal, "SELECT count(*) FROM session"), 4);
    assert_eq!(
        count(&portal, "SELECT count(*) FROM appointment"),
        4,
        "the member is booked into each"
    );

    let today = portal
        .get(&mut browser, "/portal/today?date=2026-03-16")
        .await;
    assert!(
        today.body.contains("Relapse prevention")
            && today.body.contains("1 booked · 1 still to record"),
        "{}",
        today.body
    );
    assert!(
        today
            .body
            .contains("Sam &lt;b&gt;Rivera&lt;/b&gt;: No answer yet · not recorded"),
        "Today lists each session's roster"
    );
    let session: i64 = portal
        .db()
        .query_row("SELECT min(id) FROM session", [], |row| row.get(0))
        .unwrap();
    let roster = portal
        .get(&mut browser, &format!("/portal/sessions/{session}"))
        .await;
    assert!(
        roster.body.contains("No answer yet") && roster.body.contains("After the session starts")
    );

    // 18:30 in Chicago on the Monday: the session has started.
    portal.advance(Duration::seconds(
        "2026-03-16T23:30:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            .timestamp()
            - portal.now().timestamp(),
    ));
    let mut browser = signed_in(&portal, ADMIN).await;
    let appointment: i64 = portal
        .db()
        .query_row(
            "SELECT id FROM appointment WHERE session_id = ?1",
            [session],
            |row| row.get(0),
        )
        .unwrap();
    let session_page = format!("/portal/sessions/{session}");
    let marked = submit(
        &portal,
        &mut browser,
        &session_page,
        &format!("/portal/appointments/{appointment}/mark"),
        &[("mark", "late"), ("minutes", "20")],
    )
    .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER, "{}", marked.body);
    let roster = portal.get(&mut browser, &session_page).await;
    assert!(
        roster.body.contains("Late 20 min") && roster.body.contains("2.67"),
        "{}",
        roster.body
    );
    assert_eq!(portal.audited("mark attendance", "allowed"), 1);

    let step = submit(
        &portal,
        &mut browser,
        &patient_page,
        &format!("{patient_page}/level"),
        &[
            ("programId", &program_id),
            ("level", "outpatient"),
            ("targetHours", "3"),
            ("from", "2026-03-18"),
        ],
    )
    .await;
    assert_eq!(step.status, StatusCode::SEE_OTHER, "{}", step.body);
    let discharged = submit(
        &portal,
        &mut browser,
        &patient_page,
        &format!("{patient_page}/discharge"),
        &[
            ("on", "2026-03-20"),
            ("checkInTime", "10:00"),
            ("confirm", "yes"),
        ],
    )
    .await;
    assert_eq!(
        discharged.status,
        StatusCode::SEE_OTHER,
        "{}",
        discharged.body
    );
    let history = portal.get(&mut browser, &patient_page).await;
    assert!(
        history.body.contains("Outpatient (ASAM 1)")
            && history.body.contains("Aftercare")
            && history.body.contains("3 hours a week")
    );
    assert_eq!(
        count(
            &portal,
            "SELECT count(*) FROM session WHERE kind = 'aftercare-check-in'"
        ),
        3
    );

    let csv = portal
        .get(
            &mut browser,
            &format!("{program_page}/report.csv?from=2026-03-16&to=2026-03-29"),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(csv.body.contains(",2026-03-16,6.00,2.67,"), "{}", csv.body);
}

#[tokio::test]
async fn a_refused_form_comes_back_with_what_was_typed_and_nothing_saved() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let counselor = "ana@bay.example";
    portal.staff(clinic, counselor, "Ana Diaz");
    let mut browser = signed_in(&portal, ADMIN).await;
    let created = submit(
        &portal,
        &mut browser,
        "/portal/programs",
        "/portal/programs",
        &[
            ("name", "Evening IOP"),
            ("timeZone", "America/Chicago"),
            ("level", "iop"),
        ],
    )
    .await;
    let program_page = created.location().to_owned();

    let backwards = submit(
        &portal,
        &mut browser,
        &program_page,
        &format!("{program_page}/sessions"),
        &[
            ("kind", "psychoeducation"),
            ("firstDay", "2026-03-16"),
            ("start", "21:00"),
            ("end", "18:00"),
            ("topic", "Sleep & cravings"),
        ],
    )
    .await;
    assert_eq!(backwards.status, StatusCode::BAD_REQUEST);
    assert!(
        backwards.body.contains("role=\"alert\"")
            && backwards
                .body
                .contains("A session must end after it starts"),
        "{}",
        backwards.body
    );
    assert!(
        backwards.body.contains("value=\"Sleep &amp; cravings\""),
        "the topic as typed"
    );
    assert!(
        backwards
            .body
            .contains("value=\"psychoeducation\" selected"),
        "the kind as chosen"
    );
    assert_eq!(count(&portal, "SELECT count(*) FROM session"), 0);

    let low = submit(
        &portal,
        &mut browser,
        "/portal/programs",
        "/portal/programs",
        &[
            ("name", "Day program"),
            ("timeZone", "America/Chicago"),
            ("level", "partial-hospitalization"),
            ("targetHours", "10"),
        ],
    )
    .await;
    assert_eq!(low.status, StatusCode::BAD_REQUEST);
    assert!(low.body.contains("below the level"), "{}", low.body);
    assert!(low.body.contains("value=\"Day program\""));
    assert_eq!(count(&portal, "SELECT count(*) FROM program"), 1);

    // Staff accounts: a short password is refused, the form keeps name and email but never the password.
    let short = submit(
        &portal,
        &mut browser,
        "/portal/clinic/staff",
        "/portal/clinic/staff",
        &[
            ("displayName", "Bo Lin"),
            ("email", "bo@bay.example"),
            ("password", "short-pass"),
        ],
    )
    .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(
        short
            .body
            .contains("Password must be at least 12 characters"),
        "{}",
        short.body
    );
    assert!(short.body.contains("value=\"bo@bay.example\"") && !short.body.contains("short-pass"));
    let added = submit(
        &portal,
        &mut browser,
        "/portal/clinic/staff",
        "/portal/clinic/staff",
        &[
            ("displayName", "Bo Lin"),
            ("email", "bo@bay.example"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let bo = signed_in(&portal, "bo@bay.example").await;
    assert!(bo.cookie.is_some(), "the new counselor signs in");
    assert_eq!(
        count(
            &portal,
            "SELECT count(*) FROM staff WHERE email = 'bo@bay.example' AND is_admin = 0"
        ),
        1
    );

    // No token: refused, nothing saved.
    let forged = portal
        .post(
            &mut browser,
            "/portal/programs",
            &[("name", "X"), ("timeZone", "UTC"), ("level", "iop")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&portal, "SELECT count(*) FROM program"), 1);

    // A counselor may not create programs, and does not see the form.
    let mut counselor_browser = signed_in(&portal, counselor).await;
    let programs = portal.get(&mut counselor_browser, "/portal/programs").await;
    assert!(!programs.body.contains("Create a program"));
    assert!(
        !programs.body.contains("All patients"),
        "administrators only in the menu"
    );
    let refused = submit(
        &portal,
        &mut counselor_browser,
        "/portal/programs",
        "/portal/programs",
        &[("name", "X"), ("timeZone", "UTC"), ("level", "iop")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused
        .body
        .contains("You do not have permission to do this."));
    let admin_page = portal
        .get(&mut counselor_browser, "/portal/clinic/patients")
        .await;
    assert_eq!(admin_page.status, StatusCode::FORBIDDEN);
    let staff_page = portal
        .get(&mut counselor_browser, "/portal/clinic/staff")
        .await;
    assert_eq!(staff_page.status, StatusCode::FORBIDDEN);
    assert!(staff_page
        .body
        .contains("This page is for your clinic's administrators."));
    let made = submit(
        &portal,
        &mut counselor_browser,
        "/portal/programs",
        "/portal/clinic/staff",
        &[
            ("displayName", "X"),
            ("email", "x@bay.example"),
            ("password", PASSWORD),
            ("admin", "yes"),
        ],
    )
    .await;
    assert_eq!(
        made.status,
        StatusCode::FORBIDDEN,
        "a counselor cannot create accounts"
    );
    assert_eq!(
        count(
            &portal,
            "SELECT count(*) FROM staff WHERE email = 'x@bay.example'"
        ),
        0
    );
    assert_eq!(count(&portal, "SELECT count(*) FROM program"), 1);
    assert!(portal.audited("create program", "refused:forbidden") >= 1);
}

/// Opens the page, then creates what a test needs through the portal's forms: a program, and for each
/// name a patient with a level of care from 11 March 2026 who is a member of the program. Returns the
/// program's id and the patients' ids.
pub async fn program_with_patients(
    portal: &Portal,
    browser: &mut Browser,
    program: &str,
    names: &[(&str, &str)],
) -> (String, Vec<String>) {
    let created = submit(
        portal,
        browser,
        "/portal/programs",
        "/portal/programs",
        &[
            ("name", program),
            ("timeZone", "America/Chicago"),
            ("level", "iop"),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let program_page = created.location().to_owned();
    let program_id = program_page.rsplit('/').next().unwrap().to_owned();
    let mut patients = Vec::new();
    for (given, family) in names {
        let added = submit(
            portal,
            browser,
            "/portal/clinic/patients",
            "/portal/clinic/patients",
            &[("givenName", given), ("familyName", family)],
        )
        .await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        let patient_page = added.location().to_owned();
        let patient_id = patient_page.rsplit('/').next().unwrap().to_owned();
        let member = submit(
            portal,
            browser,
            &program_page,
            &format!("{program_page}/members"),
            &[("patientId", &patient_id)],
        )
        .await;
        assert_eq!(member.status, StatusCode::SEE_OTHER, "{}", member.body);
        let level = submit(
            portal,
            browser,
            &patient_page,
            &format!("{patient_page}/level"),
            &[
                ("programId", &program_id),
                ("level", "iop"),
                ("targetHours", ""),
                ("from", "2026-03-11"),
            ],
        )
        .await;
        assert_eq!(level.status, StatusCode::SEE_OTHER, "{}", level.body);
        patients.push(patient_id);
    }
    (program_id, patients)
}

/// Monday 16 and Wednesday 18 March 2026, 18:00-21:00 Chicago, for every member of the program.
pub async fn monday_and_wednesday(portal: &Portal, browser: &mut Browser, program_id: &str) {
    let program_page = format!("/portal/programs/{program_id}");
    let series = submit(
        portal,
        browser,
        &program_page,
        &format!("{program_page}/sessions"),
        &[
            ("kind", "group-therapy"),
            ("firstDay", "2026-03-16"),
            ("weekdays", "mon"),
            ("weekdays", "wed"),
            ("start", "18:00"),
            ("end", "21:00"),
            ("weeks", "1"),
        ],
    )
    .await;
    assert_eq!(series.status, StatusCode::SEE_OTHER, "{}", series.body);
}

#[tokio::test]
async fn a_discharged_patient_is_not_on_later_rosters_to_record_and_today_counts_agree() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let mut browser = signed_in(&portal, ADMIN).await;
    let (program_id, patients) = program_with_patients(
        &portal,
        &mut browser,
        "Evening IOP",
        &[("Sam", "Rivera"), ("Ada", "Okafor")],
    )
    .await;
    monday_and_wednesday(&portal, &mut browser, &program_id).await;
    let sam = &patients[0];
    let discharged = submit(
        &portal,
        &mut browser,
        &format!("/portal/clinic/patients/{sam}"),
        &format!("/portal/clinic/patients/{sam}/discharge"),
        &[
            ("on", "2026-03-16"),
            ("checkInTime", "10:00"),
            ("confirm", "yes"),
        ],
    )
    .await;
    assert_eq!(
        discharged.status,
        StatusCode::SEE_OTHER,
        "{}",
        discharged.body
    );

    // Wednesday 18:30 in Chicago: the session has started and attendance can be recorded.
    portal.advance(Duration::seconds(
        "2026-03-18T23:30:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            .timestamp()
            - portal.now().timestamp(),
    ));
    let mut browser = signed_in(&portal, ADMIN).await;
    let wednesday: i64 = portal
        .db()
        .query_row(
            "SELECT max(id) FROM session WHERE kind = 'group-therapy'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    let appointment = |patient: &str| -> i64 {
        portal
            .db()
            .query_row(
                "SELECT id FROM appointment WHERE session_id = ?1 AND patient_id = ?2",
                [wednesday, patient.parse().unwrap()],
                |row| row.get(0),
            )
            .unwrap()
    };
    let (sams, adas) = (appointment(sam), appointment(&patients[1]));
    let roster = portal
        .get(&mut browser, &format!("/portal/sessions/{wednesday}"))
        .await;
    assert_eq!(roster.status, StatusCode::OK);
    assert!(
        roster
            .body
            .contains(&format!("/portal/appointments/{adas}/mark")),
        "the patient still in the program gets a Record form: {}",
        roster.body
    );
    assert!(
        !roster
            .body
            .contains(&format!("/portal/appointments/{sams}/mark")),
        "the discharged patient's cancelled appointment has nothing to record: {}",
        roster.body
    );
    assert!(
        roster.body.contains("Cancelled for these patients")
            && roster
                .body
                .contains("Sam Rivera: Cancelled: Discharged from the program"),
        "the discharged patient is shown apart, cancelled with the reason: {}",
        roster.body
    );

    let today = portal
        .get(&mut browser, "/portal/today?date=2026-03-18")
        .await;
    assert!(
        today.body.contains("1 booked · 1 still to record"),
        "{}",
        today.body
    );
    assert!(
        today.body.contains("Ada Okafor: No answer yet") && !today.body.contains("Sam Rivera"),
        "Today lists the same patients it counts: {}",
        today.body
    );
}
