//! One patient's administration page over real HTTP: the level-of-care form starts at the patient's
//! program, and the actions that cannot be undone (discharge, removing a device, taking someone off the
//! care team) ask first and change nothing until confirmed.

use reqwest::StatusCode;

use crate::support::{Browser, Portal};
use crate::workspace::{
    count, monday_and_wednesday, program_with_patients, signed_in, submit, ADMIN,
};

/// The `<option>` of a program, selected or not.
fn option(program_id: &str, selected: bool) -> String {
    if selected {
        format!("<option value=\"{program_id}\" selected>")
    } else {
        format!("<option value=\"{program_id}\">")
    }
}

#[tokio::test]
async fn the_level_of_care_form_starts_at_the_patients_program_and_keeps_a_refused_choice() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let mut browser = signed_in(&portal, ADMIN).await;
    // "Alpha" sorts first: the form used to default to it whatever the patient's program.
    let (alpha, _) = program_with_patients(&portal, &mut browser, "Alpha IOP", &[]).await;
    let (evening, patients) =
        program_with_patients(&portal, &mut browser, "Evening IOP", &[("Sam", "Rivera")]).await;
    let page = format!("/portal/clinic/patients/{}", patients[0]);

    let opened = portal.get(&mut browser, &page).await;
    assert!(
        opened.body.contains(&option(&evening, true))
            && opened.body.contains(&option(&alpha, false)),
        "a step-down is recorded under the program the patient is in: {}",
        opened.body
    );

    let refused = submit(
        &portal,
        &mut browser,
        &page,
        &format!("{page}/level"),
        &[
            ("programId", &alpha),
            ("level", "outpatient"),
            ("targetHours", ""),
            ("from", "2026-03-18"),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(
        refused.body.contains(&option(&alpha, true))
            && refused.body.contains(&option(&evening, false)),
        "a refused form keeps the program as chosen: {}",
        refused.body
    );
}

#[tokio::test]
async fn discharge_asks_first_and_changes_nothing_until_confirmed() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let mut browser = signed_in(&portal, ADMIN).await;
    let (program_id, patients) =
        program_with_patients(&portal, &mut browser, "Evening IOP", &[("Sam", "Rivera")]).await;
    monday_and_wednesday(&portal, &mut browser, &program_id).await;
    let page = format!("/portal/clinic/patients/{}", patients[0]);
    let cancelled = "SELECT count(*) FROM appointment WHERE status = 'cancelled'";
    let periods = "SELECT count(*) FROM care_level";

    let asked = submit(
        &portal,
        &mut browser,
        &page,
        &format!("{page}/discharge"),
        &[("on", "2026-03-15"), ("checkInTime", "10:00")],
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    for words in [
        "Discharge Sam Rivera?",
        "2 later appointments will be cancelled.",
        "They will leave these programs: Evening IOP.",
        "This cannot be undone.",
        "Yes, discharge",
        "name=\"confirm\" value=\"yes\"",
        "name=\"on\" value=\"2026-03-15\"",
        "name=\"checkInTime\" value=\"10:00\"",
        "name=\"csrf\"",
    ] {
        assert!(
            asked.body.contains(words),
            "the confirmation shows {words:?}: {}",
            asked.body
        );
    }
    assert!(
        asked
            .body
            .contains(&format!("<a href=\"{page}\">Cancel</a>")),
        "Cancel goes back to the patient: {}",
        asked.body
    );
    assert_eq!(
        count(&portal, cancelled),
        0,
        "nothing is cancelled before the confirmation"
    );
    assert_eq!(count(&portal, periods), 1, "the level of care is untouched");
    assert_eq!(portal.audited("discharge", "allowed"), 0);
    assert_eq!(portal.audited("portal confirm discharge", "allowed"), 1);

    // A refused first post shows the patient's page with the reason, as before.
    let early = submit(
        &portal,
        &mut browser,
        &page,
        &format!("{page}/discharge"),
        &[("on", "2026-03-01"), ("checkInTime", "10:00")],
    )
    .await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST, "{}", early.body);
    assert!(early.body.contains("role=\"alert\""), "{}", early.body);

    // The confirmation page's own form, token included, does it.
    let csrf = asked.csrf();
    let done = portal
        .post(
            &mut browser,
            &format!("{page}/discharge"),
            &[
                ("csrf", &csrf),
                ("on", "2026-03-15"),
                ("checkInTime", "10:00"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(count(&portal, cancelled), 2);
    assert_eq!(count(&portal, periods), 2, "aftercare began");
    assert_eq!(portal.audited("discharge", "allowed"), 1);

    // Confirmed without the token: refused, as every form.
    let forged = portal
        .post(
            &mut browser,
            &format!("{page}/discharge"),
            &[
                ("on", "2026-03-15"),
                ("checkInTime", "10:00"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn discharge_asks_in_spanish_for_a_spanish_speaking_administrator() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let mut browser = signed_in(&portal, ADMIN).await;
    let (_, patients) =
        program_with_patients(&portal, &mut browser, "Evening IOP", &[("Sam", "Rivera")]).await;
    portal
        .db()
        .execute("UPDATE staff SET language = 'es'", [])
        .unwrap();
    let page = format!("/portal/clinic/patients/{}", patients[0]);
    let asked = submit(
        &portal,
        &mut browser,
        &page,
        &format!("{page}/discharge"),
        &[("on", "2026-03-15"), ("checkInTime", "10:00")],
    )
    .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(
        asked.body.contains("¿Dar de alta a Sam Rivera?")
            && asked
                .body
                .contains("No se cancelará ninguna cita posterior.")
            && asked.body.contains("Sí, dar de alta")
            && asked.body.contains(">Cancelar</a>"),
        "{}",
        asked.body
    );
}

#[tokio::test]
async fn removing_a_device_asks_first_and_changes_nothing_until_confirmed() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let patient = portal.patient(clinic, "Sam", "Rivera");
    portal
        .db()
        .execute(
            "INSERT INTO device (patient_id, public_key, enrolled_at) VALUES (?1, ?2, ?3)",
            tideline_clinic::db::params![patient, vec![7_u8; 32], portal.now().timestamp()],
        )
        .unwrap();
    let device: i64 = portal
        .db()
        .query_row("SELECT id FROM device", [], |row| row.get(0))
        .unwrap();
    let mut browser = signed_in(&portal, ADMIN).await;
    let page = format!("/portal/clinic/patients/{patient}");
    let revoke = format!("/portal/clinic/devices/{device}/revoke");
    let revoked = "SELECT count(*) FROM device WHERE revoked_at IS NOT NULL";

    let asked = submit(&portal, &mut browser, &page, &revoke, &[]).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    for words in [
        format!("Remove device {device}?"),
        format!("Device {device} was connected for Sam Rivera on Mar 11, 2026."),
        "it can no longer sync".to_owned(),
        "Yes, remove this device".to_owned(),
        "name=\"confirm\" value=\"yes\"".to_owned(),
        format!("<a href=\"{page}\">Cancel</a>"),
    ] {
        assert!(
            asked.body.contains(&words),
            "the confirmation shows {words:?}: {}",
            asked.body
        );
    }
    assert_eq!(count(&portal, revoked), 0, "the device still works");
    assert_eq!(portal.audited("revoke device", "allowed"), 0);

    let csrf = asked.csrf();
    let done = portal
        .post(
            &mut browser,
            &revoke,
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), page);
    assert_eq!(count(&portal, revoked), 1);
    assert_eq!(portal.audited("revoke device", "allowed"), 1);
}

#[tokio::test]
async fn an_administrator_removes_a_care_team_member_after_confirming() {
    let portal = Portal::start(false).await;
    let clinic = portal.clinic("Bay IOP");
    portal.admin(clinic, ADMIN, "Lee Park");
    let counselor_email = "ana@bay.example";
    let ana = portal.staff(clinic, counselor_email, "Ana Diaz");
    let patient = portal.patient(clinic, "Sam", "Rivera");
    portal.assign(patient, ana);
    let members = "SELECT count(*) FROM care_team_member";
    let page = format!("/portal/clinic/patients/{patient}");
    let remove = format!("{page}/care-team/{ana}/remove");

    let mut browser = signed_in(&portal, ADMIN).await;
    let opened = portal.get(&mut browser, &page).await;
    assert!(
        opened.body.contains(&format!("action=\"{remove}\""))
            && opened.body.contains("Remove Ana Diaz"),
        "each member has a Remove button: {}",
        opened.body
    );

    // A counselor cannot take anyone off a team (the JSON endpoint's rule).
    let mut counselor: Browser = signed_in(&portal, counselor_email).await;
    let home = portal.get(&mut counselor, "/portal/today").await;
    let refused = portal
        .post(
            &mut counselor,
            &remove,
            &[("csrf", &home.csrf()), ("confirm", "yes")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(count(&portal, members), 1);

    let asked = submit(&portal, &mut browser, &page, &remove, &[]).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(
        asked
            .body
            .contains("Remove Ana Diaz from Sam Rivera&#39;s care team?")
            || asked
                .body
                .contains("Remove Ana Diaz from Sam Rivera's care team?"),
        "{}",
        asked.body
    );
    assert!(
        asked.body.contains("Yes, remove from the care team")
            && asked.body.contains("name=\"confirm\" value=\"yes\""),
        "{}",
        asked.body
    );
    assert_eq!(
        count(&portal, members),
        1,
        "nothing changes before the confirmation"
    );
    assert_eq!(portal.audited("unassign care team", "allowed"), 0);

    let csrf = asked.csrf();
    let done = portal
        .post(
            &mut browser,
            &remove,
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(count(&portal, members), 0);
    assert_eq!(portal.audited("unassign care team", "allowed"), 1);
    assert!(
        portal.audited("unassign care team", "refused:forbidden") >= 1,
        "the counselor's attempt is audited"
    );
    let after = portal.get(&mut browser, &page).await;
    assert!(after.body.contains("No one is on the care team yet."));
}
