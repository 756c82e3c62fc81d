//! The staff workspace's handlers: each GET builds its page in one store job (session, read, audit);
//! each POST checks the session's synchronizer token, runs the same domain function its JSON endpoint
//! runs inside one savepoint with its audit row, then redirects (303) — or, when refused, shows the
//! page again with the form as typed and the reason, and saves nothing.

use crate::db::Connection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use tideline_wire::care::{Attendance, LevelOfCare, SessionKind};

use super::session::{self, Session, StaffMember};
use super::views::{self, Failed, FormState};
use super::words::{self, t, tr, Arg, Lang};
use super::{audit_row, form, header_of, html, problem_page, signed_in_page, Answer};
use crate::http::{record_id, AppState, Inbound};
use crate::problem::Problem;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/today", get(today))
        .route("/portal/worklist", get(worklist))
        .route("/portal/programs", get(programs).post(create_program))
        .route("/portal/programs/{id}", get(program))
        .route("/portal/programs/{id}/sessions", post(schedule))
        .route("/portal/programs/{id}/members", post(add_member))
        .route("/portal/programs/{id}/report.csv", get(report))
        .route("/portal/sessions/{id}", get(session_page))
        .route("/portal/sessions/{id}/cancel", post(cancel))
        .route("/portal/sessions/{id}/move", post(move_session))
        .route("/portal/appointments/{id}/mark", post(mark))
        .route(
            "/portal/clinic/patients",
            get(clinic_patients).post(create_patient),
        )
        .route("/portal/clinic/patients/{id}", get(patient_admin))
        .route("/portal/clinic/patients/{id}/code", post(issue_code))
        .route("/portal/clinic/patients/{id}/care-team", post(assign))
        .route(
            "/portal/clinic/patients/{id}/care-team/{staff}/remove",
            post(unassign),
        )
        .route("/portal/clinic/patients/{id}/level", post(set_level))
        .route("/portal/clinic/patients/{id}/discharge", post(discharge))
        .route("/portal/clinic/devices/{id}/revoke", post(revoke))
        .route("/portal/clinic/staff", get(staff_page).post(create_staff))
        .route("/portal/account", get(account))
        .route("/portal/account/language", post(set_language))
}

fn page(member: &StaffMember, csrf: &str, title: &str, main: maud::Markup) -> Answer {
    Answer::page(
        StatusCode::OK,
        html::frame(member.lang, title, Some(&header_of(member, csrf)), main),
    )
}

fn state<'a>(member: &StaffMember, csrf: &'a str, failed: Option<&'a Failed>) -> FormState<'a> {
    FormState {
        lang: member.lang,
        csrf,
        failed,
    }
}

async fn view<F>(
    state: &AppState,
    inbound: Inbound,
    path: String,
    action: &'static str,
    build: F,
) -> Response
where
    F: FnOnce(&Connection, &StaffMember, &str, DateTime<Utc>) -> Result<(Answer, String), Problem>
        + Send
        + 'static,
{
    signed_in_page(
        state,
        inbound,
        path,
        move |conn, member, csrf, now, address| {
            let (answer, target) = build(conn, member, csrf, now)?;
            audit_row(
                conn,
                now,
                member.caller.actor(),
                action,
                target,
                "allowed",
                address,
            )?;
            Ok(answer)
        },
    )
    .await
}

type Fields = Vec<(String, String)>;

/// Runs a form: session and token, then `act` atomically with its audit row; on refusal `again`
/// renders the page with the failure (status from the refusal).
async fn submit<A, R>(
    state: &AppState,
    inbound: Inbound,
    action: &'static str,
    form_id: &'static str,
    act: A,
    again: R,
) -> Response
where
    A: FnOnce(
            &Connection,
            &StaffMember,
            &Fields,
            DateTime<Utc>,
        ) -> Result<(Answer, String), Problem>
        + Send
        + 'static,
    R: FnOnce(&Connection, &StaffMember, &str, DateTime<Utc>, &Failed) -> Result<Answer, Problem>
        + Send
        + 'static,
{
    if !super::transport_allowed(state, &inbound) {
        return super::transport_refused(&inbound.headers);
    }
    let fields = form::fields(&String::from_utf8_lossy(&inbound.body));
    let submitted = form::field(&fields, "csrf").unwrap_or_default().to_owned();
    let cookie = form::cookie(&inbound.headers, super::cookie_name(state));
    let clock = state.clock.clone();
    let address = inbound.address.clone();
    let path = inbound.path_and_query.clone();
    let answer = state
        .store
        .run(move |conn| {
            let now = clock.now();
            let resolved = session::resolve(conn, cookie.as_deref(), now, true)?;
            let (member, csrf_token) = match &resolved {
                Ok(Session::Staff { member, csrf_token }) => (member.clone(), csrf_token.clone()),
                _ => {
                    return Ok(Answer::Redirect {
                        to: "/portal/sign-in".into(),
                        cookie: None,
                    })
                }
            };
            let actor = member.caller.actor();
            if !resolved
                .as_ref()
                .is_ok_and(|session| session::csrf_matches(session, &submitted))
            {
                audit_row(conn, now, actor, action, path, "refused:csrf", &address)?;
                let lang = member.lang;
                let title = t(lang, "portal-csrf-title");
                let body = super::pages::refused(lang, &title, &t(lang, "portal-csrf-form"));
                return Ok(Answer::page(
                    StatusCode::FORBIDDEN,
                    html::page(lang, &title, Some(&header_of(&member, &csrf_token)), &body),
                ));
            }
            match crate::store::atomically(conn, |conn| act(conn, &member, &fields, now)) {
                Ok((answer, target)) => {
                    audit_row(conn, now, actor, action, target, "allowed", &address)?;
                    Ok(answer)
                }
                Err(problem) => {
                    audit_row(
                        conn,
                        now,
                        actor,
                        action,
                        path,
                        problem.audit_word(),
                        &address,
                    )?;
                    let failed = Failed {
                        form: form_id,
                        message: words::refusal(member.lang, &problem),
                        fields,
                    };
                    let status =
                        StatusCode::from_u16(problem.status()).unwrap_or(StatusCode::BAD_REQUEST);
                    if matches!(problem, Problem::Forbidden(_) | Problem::NotFound) {
                        let lang = member.lang;
                        let title = t(lang, "portal-refused-title");
                        let body = super::pages::refused(lang, &title, &failed.message);
                        return Ok(Answer::page(
                            status,
                            html::page(lang, &title, Some(&header_of(&member, &csrf_token)), &body),
                        ));
                    }
                    match again(conn, &member, &csrf_token, now, &failed) {
                        Ok(Answer::Page { html, .. }) => Ok(Answer::Page {
                            status,
                            html,
                            cookie: None,
                        }),
                        Ok(other) => Ok(other),
                        Err(problem) => Ok(problem_page(
                            member.lang,
                            &problem,
                            Some(&header_of(&member, &csrf_token)),
                        )),
                    }
                }
            }
        })
        .await;
    match answer {
        Ok(answer) => answer.into_response(),
        Err(problem) => problem_page(Lang::En, &problem, None).into_response(),
    }
}

/// Whether a form that cannot be undone was confirmed (`confirm=yes`, sent only by the confirmation
/// page's button). Without it the handler shows the confirmation and changes nothing.
fn confirmed(inbound: &Inbound) -> bool {
    form::field(
        &form::fields(&String::from_utf8_lossy(&inbound.body)),
        "confirm",
    ) == Some("yes")
}

/// The confirmation page, for a form's first post. The token was checked against the session before
/// this runs, so the submitted one is the session's.
fn confirmation(member: &StaffMember, fields: &Fields, page_text: &views::Confirmation) -> Answer {
    let csrf = form::field(fields, "csrf").unwrap_or_default();
    page(
        member,
        csrf,
        &page_text.heading,
        views::confirm(page_text, &state(member, csrf, None)),
    )
}

fn redirect(to: String) -> Answer {
    Answer::Redirect { to, cookie: None }
}

fn text(fields: &Fields, name: &str) -> Option<String> {
    form::field(fields, name)
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}

fn day(fields: &Fields, name: &str) -> Result<NaiveDate, Problem> {
    text(fields, name)
        .ok_or(Problem::Required("a date is missing".into()))?
        .parse()
        .map_err(|_| Problem::Invalid("dates are YYYY-MM-DD".into()))
}

fn id_field(fields: &Fields, name: &str) -> Result<i64, Problem> {
    text(fields, name)
        .and_then(|value| value.parse().ok())
        .ok_or(Problem::Required("a choice is missing".into()))
}

fn target_minutes(fields: &Fields) -> Result<Option<u32>, Problem> {
    match text(fields, "targetHours") {
        None => Ok(None),
        Some(hours) => {
            let hours: f64 = hours
                .parse()
                .map_err(|_| Problem::Invalid("the weekly target is a number of hours".into()))?;
            if !(0.0..=168.0).contains(&hours) {
                return Err(Problem::Invalid(
                    "the weekly target is longer than a week".into(),
                ));
            }
            Ok(Some((hours * 60.0).round() as u32))
        }
    }
}

fn level(fields: &Fields) -> Result<LevelOfCare, Problem> {
    text(fields, "level")
        .and_then(|code| LevelOfCare::from_code(&code))
        .ok_or(Problem::CodeInvalid("choose a level of care".into()))
}

// ---- Today and worklist ----

async fn today(State(state): State<AppState>, inbound: Inbound) -> Response {
    let query = inbound
        .path_and_query
        .split_once('?')
        .map_or("", |(_, q)| q)
        .to_owned();
    view(
        &state,
        inbound,
        "/portal/today".into(),
        "portal today",
        move |conn, member, csrf, now| {
            let fields = form::fields(&query);
            let zone = crate::program::list(conn, &member.caller, member.clinic_id)?
                .first()
                .and_then(|program| program.time_zone.parse::<chrono_tz::Tz>().ok())
                .unwrap_or(chrono_tz::Tz::UTC);
            let day =
                day(&fields, "date").unwrap_or_else(|_| now.with_timezone(&zone).date_naive());
            let rosters = crate::sessions::on_day(conn, &member.caller, member.clinic_id, day)?
                .into_iter()
                .map(|session| crate::sessions::roster(conn, &member.caller, session.id))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((
                page(
                    member,
                    csrf,
                    &t(member.lang, "portal-nav-today"),
                    views::today(member.lang, day, &rosters),
                ),
                format!("session? date={day}"),
            ))
        },
    )
    .await
}

async fn worklist(State(state): State<AppState>, inbound: Inbound) -> Response {
    view(
        &state,
        inbound,
        "/portal/worklist".into(),
        "portal worklist",
        |conn, member, csrf, now| {
            let list = crate::report::worklist(conn, &member.caller, member.clinic_id, now)?;
            Ok((
                page(
                    member,
                    csrf,
                    &t(member.lang, "portal-nav-worklist"),
                    views::worklist(member.lang, &list),
                ),
                "worklist".into(),
            ))
        },
    )
    .await
}

// ---- Programs ----

fn programs_page(
    conn: &Connection,
    member: &StaffMember,
    csrf: &str,
    failed: Option<&Failed>,
) -> Result<Answer, Problem> {
    let programs = crate::program::list(conn, &member.caller, member.clinic_id)?;
    Ok(page(
        member,
        csrf,
        &t(member.lang, "portal-nav-programs"),
        views::programs(&programs, member.is_admin(), &state(member, csrf, failed)),
    ))
}

async fn programs(State(state): State<AppState>, inbound: Inbound) -> Response {
    view(
        &state,
        inbound,
        "/portal/programs".into(),
        "portal programs",
        |conn, member, csrf, _| Ok((programs_page(conn, member, csrf, None)?, "program".into())),
    )
    .await
}

async fn create_program(State(state): State<AppState>, inbound: Inbound) -> Response {
    submit(
        &state,
        inbound,
        "create program",
        "program",
        |conn, member, fields, _| {
            let spec = crate::program::ProgramSpec {
                name: text(fields, "name").unwrap_or_default(),
                time_zone: text(fields, "timeZone").unwrap_or_default(),
                level: level(fields)?,
                weekly_target_minutes: target_minutes(fields)?,
            };
            let id = crate::program::create_program(conn, &member.caller, member.clinic_id, &spec)?;
            Ok((
                redirect(format!("/portal/programs/{id}")),
                format!("program/{id}"),
            ))
        },
        |conn, member, csrf, _, failed| programs_page(conn, member, csrf, Some(failed)),
    )
    .await
}

fn program_page(
    conn: &Connection,
    member: &StaffMember,
    csrf: &str,
    now: DateTime<Utc>,
    id: i64,
    failed: Option<&Failed>,
) -> Result<Answer, Problem> {
    let program = crate::program::get(conn, &member.caller, id)?;
    let sessions = crate::sessions::between(
        conn,
        &member.caller,
        member.clinic_id,
        Some(id),
        now - Duration::days(7),
        now + Duration::days(28),
    )?;
    let patients = if member.is_admin() {
        crate::patient::list(conn, &member.caller, member.clinic_id)?
    } else {
        Vec::new()
    };
    Ok(page(
        member,
        csrf,
        &program.name.clone(),
        views::program(
            &program,
            &sessions,
            &patients,
            member.is_admin(),
            &state(member, csrf, failed),
        ),
    ))
}

async fn program(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let path = format!("/portal/programs/{}", record_id(&id).unwrap_or(0));
    view(
        &state,
        inbound,
        path,
        "portal program",
        move |conn, member, csrf, now| {
            let id = record_id(&id)?;
            Ok((
                program_page(conn, member, csrf, now, id, None)?,
                format!("program/{id}"),
            ))
        },
    )
    .await
}

async fn schedule(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "schedule sessions",
        "schedule",
        move |conn, member, fields, now| {
            let weekdays: Vec<String> = fields
                .iter()
                .filter(|(key, _)| key == "weekdays")
                .map(|(_, value)| value.clone())
                .collect();
            let kind = text(fields, "kind")
                .map(|code| {
                    SessionKind::from_code(&code)
                        .ok_or(Problem::CodeInvalid("choose a kind of session".into()))
                })
                .transpose()?;
            let end_date = text(fields, "endDate")
                .map(|_| day(fields, "endDate"))
                .transpose()?;
            let request = crate::http::staff_schedule::ScheduleRequest {
                first_day: day(fields, "firstDay")?,
                weeks: text(fields, "weeks")
                    .and_then(|weeks| weeks.parse().ok())
                    .unwrap_or(1),
                weekdays,
                start: text(fields, "start").unwrap_or_default(),
                end: text(fields, "end").unwrap_or_default(),
                end_date,
                kind,
                topic: text(fields, "topic"),
                place: text(fields, "place"),
                video_link: text(fields, "videoLink"),
            };
            let recurrence = request.recurrence()?;
            let details = crate::http::program::details(
                request.kind,
                request.topic.clone(),
                request.place.clone(),
                request.video_link.clone(),
            )?;
            let ids = crate::program::schedule_sessions(
                conn,
                &member.caller,
                id,
                &recurrence,
                &details,
                now,
            )?;
            Ok((
                redirect(format!("/portal/programs/{id}")),
                format!("program/{id} sessions={}", ids.len()),
            ))
        },
        move |conn, member, csrf, now, failed| {
            program_page(conn, member, csrf, now, id, Some(failed))
        },
    )
    .await
}

async fn add_member(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "add program member",
        "member",
        move |conn, member, fields, now| {
            let patient = id_field(fields, "patientId")?;
            crate::program::add_member(conn, &member.caller, id, patient, now)?;
            Ok((
                redirect(format!("/portal/programs/{id}")),
                format!("program/{id} Patient/{patient}"),
            ))
        },
        move |conn, member, csrf, now, failed| {
            program_page(conn, member, csrf, now, id, Some(failed))
        },
    )
    .await
}

async fn report(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let query = inbound
        .path_and_query
        .split_once('?')
        .map_or("", |(_, q)| q)
        .to_owned();
    let path = format!(
        "/portal/programs/{}/report.csv",
        record_id(&id).unwrap_or(0)
    );
    view(
        &state,
        inbound,
        path,
        "portal attendance report",
        move |conn, member, _, _| {
            let id = record_id(&id)?;
            let fields = form::fields(&query);
            let csv = crate::http::program::report_csv_for(
                conn,
                &member.caller,
                id,
                day(&fields, "from").ok(),
                day(&fields, "to").ok(),
            )?;
            Ok((Answer::Csv(csv), format!("program/{id}")))
        },
    )
    .await
}

// ---- Sessions ----

fn session_view(
    conn: &Connection,
    member: &StaffMember,
    csrf: &str,
    now: DateTime<Utc>,
    id: i64,
    failed: Option<&Failed>,
) -> Result<Answer, Problem> {
    let roster = crate::sessions::roster(conn, &member.caller, id)?;
    let title = format!(
        "{}, {}",
        roster.session.program,
        words::day_and_time(member.lang, &roster.session.local_start())
    );
    Ok(page(
        member,
        csrf,
        &title,
        views::session(
            &roster,
            now,
            member.is_admin(),
            &state(member, csrf, failed),
        ),
    ))
}

async fn session_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let path = format!("/portal/sessions/{}", record_id(&id).unwrap_or(0));
    view(
        &state,
        inbound,
        path,
        "portal roster",
        move |conn, member, csrf, now| {
            let id = record_id(&id)?;
            Ok((
                session_view(conn, member, csrf, now, id, None)?,
                format!("session/{id}"),
            ))
        },
    )
    .await
}

async fn cancel(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "cancel session",
        "cancel",
        move |conn, member, fields, now| {
            crate::sessions::cancel(
                conn,
                &member.caller,
                id,
                &text(fields, "reason").unwrap_or_default(),
                now,
            )?;
            Ok((
                redirect(format!("/portal/sessions/{id}")),
                format!("session/{id}"),
            ))
        },
        move |conn, member, csrf, now, failed| {
            session_view(conn, member, csrf, now, id, Some(failed))
        },
    )
    .await
}

async fn move_session(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "move session",
        "move",
        move |conn, member, fields, now| {
            let request = crate::http::program::MoveRequest {
                day: day(fields, "day")?,
                start: text(fields, "start").unwrap_or_default(),
                end: text(fields, "end").unwrap_or_default(),
                reason: text(fields, "reason").unwrap_or_default(),
            };
            crate::http::program::move_as_requested(conn, &member.caller, id, &request, now)?;
            Ok((
                redirect(format!("/portal/sessions/{id}")),
                format!("session/{id}"),
            ))
        },
        move |conn, member, csrf, now, failed| {
            session_view(conn, member, csrf, now, id, Some(failed))
        },
    )
    .await
}

async fn mark(State(state): State<AppState>, Path(id): Path<String>, inbound: Inbound) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "mark attendance",
        "mark",
        move |conn, member, fields, now| {
            let code = text(fields, "mark").unwrap_or_default();
            let minutes = match code.as_str() {
                "late" | "left-early" => Some(
                    text(fields, "minutes")
                        .and_then(|minutes| minutes.parse().ok())
                        .ok_or(Problem::Required(
                            "late and left early need the minutes missed".into(),
                        ))?,
                ),
                _ => None,
            };
            let mark = Attendance::from_parts(&code, minutes).ok_or(Problem::CodeInvalid(
                "choose how the patient attended".into(),
            ))?;
            let stored = crate::appointment::mark_attendance(conn, &member.caller, id, mark, now)?;
            let session = crate::sessions::of_appointment(conn, id)?;
            Ok((
                redirect(format!("/portal/sessions/{session}")),
                format!("Appointment/{id} Patient/{}", stored.patient_id),
            ))
        },
        move |conn, member, csrf, now, failed| {
            let session = crate::sessions::of_appointment(conn, id)?;
            session_view(conn, member, csrf, now, session, Some(failed))
        },
    )
    .await
}

// ---- Patients (administrators) ----

fn clinic_patients_page(
    conn: &Connection,
    member: &StaffMember,
    csrf: &str,
    failed: Option<&Failed>,
) -> Result<Answer, Problem> {
    let patients = crate::patient::list(conn, &member.caller, member.clinic_id)?;
    Ok(page(
        member,
        csrf,
        &t(member.lang, "portal-nav-all-patients"),
        views::clinic_patients(&patients, &state(member, csrf, failed)),
    ))
}

async fn clinic_patients(State(state): State<AppState>, inbound: Inbound) -> Response {
    view(
        &state,
        inbound,
        "/portal/clinic/patients".into(),
        "portal clinic patients",
        |conn, member, csrf, _| {
            Ok((
                clinic_patients_page(conn, member, csrf, None)?,
                "Patient".into(),
            ))
        },
    )
    .await
}

async fn create_patient(State(state): State<AppState>, inbound: Inbound) -> Response {
    submit(
        &state,
        inbound,
        "create Patient",
        "patient",
        |conn, member, fields, now| {
            member.caller.may_administer(member.clinic_id)?;
            let given = text(fields, "givenName").unwrap_or_default();
            let family = text(fields, "familyName").unwrap_or_default();
            let id = crate::patient::create(
                conn,
                &member.caller,
                member.clinic_id,
                &given,
                &family,
                now,
            )?;
            Ok((
                redirect(format!("/portal/clinic/patients/{id}")),
                format!("Patient/{id}"),
            ))
        },
        |conn, member, csrf, _, failed| clinic_patients_page(conn, member, csrf, Some(failed)),
    )
    .await
}

fn patient_admin_page(
    conn: &Connection,
    member: &StaffMember,
    csrf: &str,
    id: i64,
    code: Option<(&str, &str)>,
    failed: Option<&Failed>,
) -> Result<Answer, Problem> {
    member
        .caller
        .may_administer(crate::patient::clinic_of(conn, id)?)?;
    let name = crate::patient::name(conn, &member.caller, id)?;
    let devices = crate::enrollment::list_devices(conn, &member.caller, id)?;
    let team = crate::share::care_team::members(conn, id)?;
    let staff = crate::staff::list(conn, &member.caller, member.clinic_id)?;
    let course = crate::course::history(conn, &member.caller, id)?;
    let programs = crate::program::list(conn, &member.caller, member.clinic_id)?;
    let admin = views::PatientAdmin {
        name: &name,
        id,
        devices: &devices,
        team: &team,
        staff: &staff,
        course: &course,
        programs: &programs,
        code,
    };
    Ok(page(
        member,
        csrf,
        &name,
        views::patient_admin(&admin, &state(member, csrf, failed)),
    ))
}

async fn patient_admin(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let path = format!("/portal/clinic/patients/{}", record_id(&id).unwrap_or(0));
    view(
        &state,
        inbound,
        path,
        "portal manage patient",
        move |conn, member, csrf, _| {
            let id = record_id(&id)?;
            Ok((
                patient_admin_page(conn, member, csrf, id, None, None)?,
                format!("Patient/{id}"),
            ))
        },
    )
    .await
}

/// The code as a QR code in SVG (black on white, no script, no inline style).
fn qr_svg(code: &str) -> Result<String, Problem> {
    let svg = qrcode::QrCode::new(code.as_bytes())
        .map_err(|_| Problem::Internal)?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(224, 224)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    Ok(svg
        .find("<svg")
        .map_or(svg.clone(), |start| svg[start..].to_owned()))
}

async fn issue_code(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "issue enrollment code",
        "code",
        move |conn, member, fields, now| {
            member
                .caller
                .may_administer(crate::patient::clinic_of(conn, id)?)?;
            let issued = crate::enrollment::issue_code(conn, &member.caller, id, now)?;
            let svg = qr_svg(&issued.code)?;
            // The token was checked against the session before this runs, so the submitted one is the session's.
            let csrf = form::field(fields, "csrf").unwrap_or_default();
            let answer =
                patient_admin_page(conn, member, csrf, id, Some((&issued.code, &svg)), None)?;
            Ok((answer, format!("Patient/{id}")))
        },
        move |conn, member, csrf, _, failed| {
            patient_admin_page(conn, member, csrf, id, None, Some(failed))
        },
    )
    .await
}

async fn assign(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "assign care team",
        "team",
        move |conn, member, fields, now| {
            let staff = id_field(fields, "staffId")?;
            crate::share::care_team::assign(conn, &member.caller, id, staff, now)?;
            Ok((
                redirect(format!("/portal/clinic/patients/{id}")),
                format!("CareTeam/{id} Patient/{id} Practitioner/{staff}"),
            ))
        },
        move |conn, member, csrf, _, failed| {
            patient_admin_page(conn, member, csrf, id, None, Some(failed))
        },
    )
    .await
}

async fn set_level(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    submit(
        &state,
        inbound,
        "set level of care",
        "level",
        move |conn, member, fields, now| {
            let change = crate::course::LevelChange {
                program_id: id_field(fields, "programId")?,
                level: level(fields)?,
                weekly_target_minutes: target_minutes(fields)?,
                from: day(fields, "from")?,
            };
            let episode = crate::course::set_level(conn, &member.caller, id, &change, now)?;
            Ok((
                redirect(format!("/portal/clinic/patients/{id}")),
                format!("Patient/{id} EpisodeOfCare/{episode}"),
            ))
        },
        move |conn, member, csrf, _, failed| {
            patient_admin_page(conn, member, csrf, id, None, Some(failed))
        },
    )
    .await
}

async fn discharge(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    let again = move |conn: &Connection,
                      member: &StaffMember,
                      csrf: &str,
                      _: DateTime<Utc>,
                      failed: &Failed| {
        patient_admin_page(conn, member, csrf, id, None, Some(failed))
    };
    if !confirmed(&inbound) {
        return submit(
            &state,
            inbound,
            "portal confirm discharge",
            "discharge",
            move |conn, member, fields, _| {
                let on = day(fields, "on")?;
                let check_in = text(fields, "checkInTime").unwrap_or_default();
                let time = crate::http::program::time(&check_in)?;
                let preview = crate::course::discharge_preview(conn, &member.caller, id, on)?;
                let name = crate::patient::name(conn, &member.caller, id)?;
                let lang = member.lang;
                let mut lines = vec![
                    tr(
                        lang,
                        "portal-discharge-confirm-date",
                        &[
                            ("name", Arg::from(&name)),
                            ("date", Arg::from(words::date(lang, on))),
                            ("time", Arg::from(words::clock24(&time))),
                        ],
                    ),
                    tr(
                        lang,
                        "portal-discharge-confirm-cancelled",
                        &[("count", Arg::from(preview.cancelled))],
                    ),
                ];
                lines.push(if preview.programs.is_empty() {
                    t(lang, "portal-discharge-confirm-no-programs")
                } else {
                    tr(
                        lang,
                        "portal-discharge-confirm-programs",
                        &[("programs", Arg::from(preview.programs.join(", ")))],
                    )
                });
                lines.push(t(lang, "portal-confirm-final"));
                let page_text = views::Confirmation {
                    heading: tr(
                        lang,
                        "portal-discharge-confirm-heading",
                        &[("name", Arg::from(&name))],
                    ),
                    lines,
                    action: format!("/portal/clinic/patients/{id}/discharge"),
                    fields: vec![("on", on.to_string()), ("checkInTime", check_in)],
                    yes: t(lang, "portal-discharge-confirm-yes"),
                    back: format!("/portal/clinic/patients/{id}"),
                };
                Ok((
                    confirmation(member, fields, &page_text),
                    format!("Patient/{id}"),
                ))
            },
            again,
        )
        .await;
    }
    submit(
        &state,
        inbound,
        "discharge",
        "discharge",
        move |conn, member, fields, now| {
            let time =
                crate::http::program::time(&text(fields, "checkInTime").unwrap_or_default())?;
            let done =
                crate::course::discharge(conn, &member.caller, id, day(fields, "on")?, time, now)?;
            Ok((
                redirect(format!("/portal/clinic/patients/{id}")),
                format!("Patient/{id} EpisodeOfCare/{}", done.aftercare_episode),
            ))
        },
        again,
    )
    .await
}

async fn revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    let again =
        |conn: &Connection, member: &StaffMember, csrf: &str, _: DateTime<Utc>, failed: &Failed| {
            clinic_patients_page(conn, member, csrf, Some(failed))
        };
    if !confirmed(&inbound) {
        return submit(
            &state,
            inbound,
            "portal confirm revoke device",
            "device",
            move |conn, member, fields, _| {
                let (patient, device) = crate::enrollment::device(conn, &member.caller, id)?;
                if device.revoked_at.is_some() {
                    return Ok((
                        redirect(format!("/portal/clinic/patients/{patient}")),
                        format!("device/{id} Patient/{patient}"),
                    ));
                }
                let name = crate::patient::name(conn, &member.caller, patient)?;
                let lang = member.lang;
                let device_id = Arg::from(id.to_string());
                let page_text = views::Confirmation {
                    heading: tr(
                        lang,
                        "portal-device-confirm-heading",
                        &[("id", device_id.clone())],
                    ),
                    lines: vec![
                        tr(
                            lang,
                            "portal-device-confirm-connected",
                            &[
                                ("id", device_id),
                                ("name", Arg::from(&name)),
                                (
                                    "date",
                                    Arg::from(words::date(lang, device.enrolled_at.date_naive())),
                                ),
                            ],
                        ),
                        tr(
                            lang,
                            "portal-device-confirm-effect",
                            &[("name", Arg::from(&name))],
                        ),
                        t(lang, "portal-confirm-final"),
                    ],
                    action: format!("/portal/clinic/devices/{id}/revoke"),
                    fields: Vec::new(),
                    yes: t(lang, "portal-device-confirm-yes"),
                    back: format!("/portal/clinic/patients/{patient}"),
                };
                Ok((
                    confirmation(member, fields, &page_text),
                    format!("device/{id} Patient/{patient}"),
                ))
            },
            again,
        )
        .await;
    }
    submit(
        &state,
        inbound,
        "revoke device",
        "device",
        move |conn, member, _, now| {
            let patient = crate::enrollment::revoke_device(conn, &member.caller, id, now)?;
            Ok((
                redirect(format!("/portal/clinic/patients/{patient}")),
                format!("device/{id} Patient/{patient}"),
            ))
        },
        again,
    )
    .await
}

async fn unassign(
    State(state): State<AppState>,
    Path((id, staff)): Path<(String, String)>,
    inbound: Inbound,
) -> Response {
    let id = record_id(&id).unwrap_or(0);
    let staff = record_id(&staff).unwrap_or(0);
    let again = move |conn: &Connection,
                      member: &StaffMember,
                      csrf: &str,
                      _: DateTime<Utc>,
                      failed: &Failed| {
        patient_admin_page(conn, member, csrf, id, None, Some(failed))
    };
    if !confirmed(&inbound) {
        return submit(
            &state,
            inbound,
            "portal confirm unassign care team",
            "team",
            move |conn, member, fields, _| {
                member
                    .caller
                    .may_administer(crate::patient::clinic_of(conn, id)?)?;
                let name = crate::patient::name(conn, &member.caller, id)?;
                let Some(on_team) = crate::share::care_team::members(conn, id)?
                    .into_iter()
                    .find(|on_team| on_team.staff_id == staff)
                else {
                    // Not on the team (any more): nothing to confirm.
                    return Ok((
                        redirect(format!("/portal/clinic/patients/{id}")),
                        format!("CareTeam/{id} Patient/{id} Practitioner/{staff}"),
                    ));
                };
                let lang = member.lang;
                let names = [
                    ("staff", Arg::from(&on_team.display_name)),
                    ("name", Arg::from(&name)),
                ];
                let page_text = views::Confirmation {
                    heading: tr(lang, "portal-care-team-confirm-heading", &names),
                    lines: vec![tr(lang, "portal-care-team-confirm-effect", &names)],
                    action: format!("/portal/clinic/patients/{id}/care-team/{staff}/remove"),
                    fields: Vec::new(),
                    yes: t(lang, "portal-care-team-confirm-yes"),
                    back: format!("/portal/clinic/patients/{id}"),
                };
                Ok((
                    confirmation(member, fields, &page_text),
                    format!("CareTeam/{id} Patient/{id} Practitioner/{staff}"),
                ))
            },
            again,
        )
        .await;
    }
    // The JSON endpoint's action, rule (crate::share::care_team::unassign: administrators of the
    // patient's clinic) and audit target.
    submit(
        &state,
        inbound,
        "unassign care team",
        "team",
        move |conn, member, _, _| {
            crate::share::care_team::unassign(conn, &member.caller, id, staff)?;
            Ok((
                redirect(format!("/portal/clinic/patients/{id}")),
                format!("CareTeam/{id} Patient/{id} Practitioner/{staff}"),
            ))
        },
        again,
    )
    .await
}

// ---- Staff (administrators) ----

fn staff_view(
    conn: &Connection,
    member: &StaffMember,
    csrf: &str,
    failed: Option<&Failed>,
) -> Result<Answer, Problem> {
    member.caller.may_administer(member.clinic_id)?;
    let staff = crate::staff::list(conn, &member.caller, member.clinic_id)?;
    Ok(page(
        member,
        csrf,
        &t(member.lang, "portal-staff-title"),
        views::staff(&staff, &state(member, csrf, failed)),
    ))
}

async fn staff_page(State(state): State<AppState>, inbound: Inbound) -> Response {
    view(
        &state,
        inbound,
        "/portal/clinic/staff".into(),
        "portal staff",
        |conn, member, csrf, _| Ok((staff_view(conn, member, csrf, None)?, "staff".into())),
    )
    .await
}

/// Whether the request comes from a signed-in administrator with the session's token: checked before
/// hashing a new password, so nobody else can make the server run Argon2.
async fn is_signed_in_admin(state: &AppState, inbound: &Inbound) -> bool {
    let fields = form::fields(&String::from_utf8_lossy(&inbound.body));
    let submitted = form::field(&fields, "csrf").unwrap_or_default().to_owned();
    let cookie = form::cookie(&inbound.headers, super::cookie_name(state));
    let clock = state.clock.clone();
    state
        .store
        .run(move |conn| {
            Ok(
                match session::resolve(conn, cookie.as_deref(), clock.now(), false)? {
                    Ok(session @ Session::Staff { .. }) => {
                        let admin =
                            matches!(&session, Session::Staff { member, .. } if member.is_admin());
                        admin && session::csrf_matches(&session, &submitted)
                    }
                    _ => false,
                },
            )
        })
        .await
        .unwrap_or(false)
}

async fn create_staff(State(state): State<AppState>, inbound: Inbound) -> Response {
    let hashed = if is_signed_in_admin(&state, &inbound).await {
        let fields = form::fields(&String::from_utf8_lossy(&inbound.body));
        let password = form::field(&fields, "password")
            .unwrap_or_default()
            .to_owned();
        tokio::task::spawn_blocking(move || crate::staff::hash_password(&password))
            .await
            .unwrap_or(Err(Problem::Internal))
    } else {
        Err(Problem::Forbidden("administrators only"))
    };
    submit(
        &state,
        inbound,
        "create staff",
        "staff",
        move |conn, member, fields, now| {
            let new = crate::staff::NewStaff {
                clinic_id: member.clinic_id,
                email: text(fields, "email").unwrap_or_default(),
                display_name: text(fields, "displayName").unwrap_or_default(),
                password_hash: hashed?,
                admin: text(fields, "admin").is_some(),
            };
            let id = crate::staff::create_staff(conn, &member.caller, &new, now)?;
            Ok((
                redirect("/portal/clinic/staff".into()),
                format!("Practitioner/{id}"),
            ))
        },
        |conn, member, csrf, _, failed| staff_view(conn, member, csrf, Some(failed)),
    )
    .await
}

// ---- The staff member's account: their language ----

async fn account(State(state): State<AppState>, inbound: Inbound) -> Response {
    let saved = inbound.path_and_query.contains("saved=1");
    view(
        &state,
        inbound,
        "/portal/account".into(),
        "portal account",
        move |_, member, csrf, _| {
            let lang = member.lang;
            let main = super::pages::account(lang, csrf, saved);
            Ok((
                Answer::page(
                    StatusCode::OK,
                    html::page(
                        lang,
                        &t(lang, "portal-account-heading"),
                        Some(&header_of(member, csrf)),
                        &main,
                    ),
                ),
                format!("Practitioner/{}", member.staff_id),
            ))
        },
    )
    .await
}

async fn set_language(State(state): State<AppState>, inbound: Inbound) -> Response {
    submit(
        &state,
        inbound,
        "set portal language",
        "language",
        |conn, member, fields, _| {
            let lang = text(fields, "language")
                .as_deref()
                .and_then(Lang::from_tag)
                .filter(|lang| Lang::CHOOSABLE.contains(lang))
                .ok_or(Problem::CodeInvalid("choose English or Spanish".into()))?;
            session::set_language(conn, member.staff_id, lang)?;
            Ok((
                redirect("/portal/account?saved=1".into()),
                format!("Practitioner/{} language={}", member.staff_id, lang.tag()),
            ))
        },
        |_, member, csrf, _, failed| {
            let lang = member.lang;
            let title = t(lang, "portal-account-heading");
            let main = format!(
                r#"<p class="message error" role="alert">{}</p>{}"#,
                html::escape(&failed.message),
                super::pages::account(lang, csrf, false)
            );
            Ok(Answer::page(
                StatusCode::BAD_REQUEST,
                html::page(lang, &title, Some(&header_of(member, csrf)), &main),
            ))
        },
    )
    .await
}
