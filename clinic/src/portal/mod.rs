//! The therapist portal: server-rendered HTML under `/portal`, for staff in a browser.
//!
//! - Sign-in with the staff account's Argon2id password; a random session id in a cookie (`HttpOnly`,
//!   `SameSite=Strict`, `Secure` and `__Host-` over TLS), stored server-side only as SHA-256.
//! - Every POST carries the session's synchronizer token (a hidden `csrf` field), checked server-side;
//!   even the sign-in form has one, from a visitor session the form page opens.
//! - Lockout after 5 failed sign-ins per email (20 per address) within 15 minutes; sessions end after
//!   15 minutes without a request (HIPAA automatic logoff) or 12 hours in all; sign-out deletes them.
//! - A therapist sees only patients on their care team, and of those only what a consent in force
//!   shares with them ([`source`]); each view of shared entries is recorded through the share module so
//!   the patient's accounting of disclosures lists it. Page views and refusals also go to the audit chain.
//! - No script at all: charts are inline SVG with a table of the same figures; the CSP forbids scripts,
//!   inline styles and other origins. Plain HTTP is served to loopback clients only.

pub use crate::attendance;
pub mod chart;
pub mod entry;
pub mod form;
pub mod html;
pub mod pages;
pub mod session;
pub mod source;
mod views;
pub mod words;
mod workspace;

use crate::db::Connection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Utc};

use crate::audit::{self, AuditEntry};
use crate::http::{AppState, Inbound};
use crate::problem::Problem;
use html::Header;
use pages::SignInNote;
use session::{Lapsed, Session, StaffMember};
use words::{t, Lang};

/// The session cookie's name over TLS: the `__Host-` prefix makes browsers insist on `Secure`,
/// `Path=/` and no `Domain`, so no other host or path can plant or read it.
pub const SECURE_COOKIE: &str = "__Host-tideline-portal";

/// The session cookie's name over plain HTTP (loopback only), where `Secure` cannot be set.
pub const PLAIN_COOKIE: &str = "tideline-portal";

/// The portal's Content-Security-Policy: nothing but our own stylesheet; no script anywhere.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
frame-ancestors 'none'; base-uri 'none'";

const STYLE: &str = include_str!("style.css");
const ICON: &str = include_str!("icon.svg");

/// The portal's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal", get(home))
        .route("/portal/", get(home))
        .route("/portal/style.css", get(style))
        .route("/portal/icon.svg", get(icon))
        .route("/portal/sign-in", get(sign_in_form).post(sign_in))
        .route("/portal/sign-out", axum::routing::post(sign_out))
        .route("/portal/patients", get(patients))
        .route("/portal/patients/{id}", get(patient))
        .merge(workspace::routes())
}

fn cookie_name(state: &AppState) -> &'static str {
    if state.tls {
        SECURE_COOKIE
    } else {
        PLAIN_COOKIE
    }
}

fn set_cookie(state: &AppState, value: &str) -> HeaderValue {
    let text = if state.tls {
        format!("{SECURE_COOKIE}={value}; Path=/; Secure; HttpOnly; SameSite=Strict")
    } else {
        format!("{PLAIN_COOKIE}={value}; Path=/portal; HttpOnly; SameSite=Strict")
    };
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn clear_cookie(state: &AppState) -> HeaderValue {
    set_cookie(state, "gone").to_str().map_or_else(
        |_| HeaderValue::from_static(""),
        |text| {
            HeaderValue::from_str(&format!("{text}; Max-Age=0"))
                .unwrap_or_else(|_| HeaderValue::from_static(""))
        },
    )
}

/// Headers every portal answer carries: the CSP, no caching of patient data, no framing, no sniffing,
/// no referrer.
fn protect(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// What a portal handler answers.
#[derive(Debug)]
enum Answer {
    /// An HTML page.
    Page {
        status: StatusCode,
        html: String,
        cookie: Option<HeaderValue>,
    },
    /// A redirect after a form or to the sign-in page (303 See Other).
    Redirect {
        to: String,
        cookie: Option<HeaderValue>,
    },
    /// A CSV download (the attendance report).
    Csv(String),
}

impl Answer {
    fn page(status: StatusCode, html: String) -> Answer {
        Answer::Page {
            status,
            html,
            cookie: None,
        }
    }

    fn into_response(self) -> Response {
        let response = match self {
            Answer::Page {
                status,
                html,
                cookie,
            } => {
                let mut response = (
                    status,
                    [(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    )],
                    html,
                )
                    .into_response();
                if let Some(cookie) = cookie {
                    response.headers_mut().insert(header::SET_COOKIE, cookie);
                }
                response
            }
            Answer::Csv(csv) => crate::http::program::csv_response(csv),
            Answer::Redirect { to, cookie } => {
                let mut response = StatusCode::SEE_OTHER.into_response();
                if let Ok(location) = HeaderValue::from_str(&to) {
                    response.headers_mut().insert(header::LOCATION, location);
                }
                if let Some(cookie) = cookie {
                    response.headers_mut().insert(header::SET_COOKIE, cookie);
                }
                response
            }
        };
        protect(response)
    }
}

fn problem_page(lang: Lang, problem: &Problem, header: Option<&Header<'_>>) -> Answer {
    let (status, title, text) = match problem {
        Problem::Forbidden("administrators only") => (
            StatusCode::FORBIDDEN,
            "portal-refused-title",
            "portal-refused-admins",
        ),
        Problem::Forbidden(_) => (
            StatusCode::FORBIDDEN,
            "portal-refused-title",
            "portal-refused-care-team",
        ),
        Problem::Invalid(_) | Problem::Required(_) | Problem::CodeInvalid(_) => (
            StatusCode::BAD_REQUEST,
            "portal-bad-request-title",
            "portal-bad-request-text",
        ),
        Problem::NotFound => (
            StatusCode::NOT_FOUND,
            "portal-not-found-title",
            "portal-not-found-text",
        ),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "portal-error-title",
            "portal-error-text",
        ),
    };
    let (title, text) = (t(lang, title), t(lang, text));
    Answer::page(
        status,
        html::page(lang, &title, header, &pages::refused(lang, &title, &text)),
    )
}

/// The language of a page for someone not signed in: the browser's `Accept-Language`.
fn browser_lang(headers: &HeaderMap) -> Lang {
    words::from_accept_language(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok()),
    )
}

/// Plain HTTP is for a portal on this machine only (development, tests); anything else must use TLS,
/// where the cookie can be `Secure`.
fn transport_allowed(state: &AppState, inbound: &Inbound) -> bool {
    state.tls
        || inbound
            .address
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The page for a plain-HTTP browser that is not on this computer, in the browser's language.
pub(crate) fn transport_refused(headers: &HeaderMap) -> Response {
    let lang = browser_lang(headers);
    let title = t(lang, "portal-insecure-title");
    let body = pages::refused(lang, &title, &t(lang, "portal-insecure-text"));
    Answer::page(StatusCode::FORBIDDEN, html::page(lang, &title, None, &body)).into_response()
}

fn audit_row(
    conn: &Connection,
    now: DateTime<Utc>,
    actor: String,
    action: &str,
    target: String,
    outcome: &str,
    address: &str,
) -> Result<(), Problem> {
    audit::append(
        conn,
        now,
        &AuditEntry {
            actor,
            action: action.to_owned(),
            target,
            outcome: outcome.to_owned(),
            address: address.to_owned(),
        },
    )?;
    Ok(())
}

fn sign_in_redirect(reason: Option<&str>, next: &str) -> String {
    match reason {
        Some(reason) => format!("/portal/sign-in?reason={reason}&next={next}"),
        None => format!("/portal/sign-in?next={next}"),
    }
}

/// Runs a signed-in staff member's GET in one store job: resolves the session (restarting its idle
/// clock), builds the page, and writes whatever the page writes (audit rows, the disclosure view) in the
/// same transaction. Anyone else is sent to the sign-in form.
async fn signed_in_page<F>(state: &AppState, inbound: Inbound, path: String, build: F) -> Response
where
    F: FnOnce(&Connection, &StaffMember, &str, DateTime<Utc>, &str) -> Result<Answer, Problem>
        + Send
        + 'static,
{
    if !transport_allowed(state, &inbound) {
        return transport_refused(&inbound.headers);
    }
    let cookie = form::cookie(&inbound.headers, cookie_name(state));
    let clock = state.clock.clone();
    let address = inbound.address.clone();
    let lang = browser_lang(&inbound.headers);
    let answer = state
        .store
        .run(move |conn| {
            let now = clock.now();
            match session::resolve(conn, cookie.as_deref(), now, true)? {
                Ok(Session::Staff { member, csrf_token }) => {
                    match crate::store::atomically(conn, |conn| {
                        build(conn, &member, &csrf_token, now, &address)
                    }) {
                        Ok(answer) => Ok(answer),
                        Err(problem) => {
                            audit_row(
                                conn,
                                now,
                                member.caller.actor(),
                                "portal view",
                                path,
                                problem.audit_word(),
                                &address,
                            )?;
                            Ok(problem_page(
                                member.lang,
                                &problem,
                                Some(&header_of(&member, &csrf_token)),
                            ))
                        }
                    }
                }
                Ok(Session::Visitor { .. }) | Err(Lapsed::Unknown) => Ok(Answer::Redirect {
                    to: sign_in_redirect(None, &path),
                    cookie: None,
                }),
                Err(Lapsed::TimedOut) => Ok(Answer::Redirect {
                    to: sign_in_redirect(Some("timeout"), &path),
                    cookie: None,
                }),
            }
        })
        .await;
    match answer {
        Ok(answer) => answer.into_response(),
        Err(problem) => problem_page(lang, &problem, None).into_response(),
    }
}

async fn home() -> Response {
    Answer::Redirect {
        to: "/portal/patients".into(),
        cookie: None,
    }
    .into_response()
}

async fn style() -> Response {
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/css; charset=utf-8"),
        )],
        STYLE,
    )
        .into_response();
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn icon() -> Response {
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("image/svg+xml"),
        )],
        ICON,
    )
        .into_response();
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn sign_in_form(State(state): State<AppState>, inbound: Inbound) -> Response {
    if !transport_allowed(&state, &inbound) {
        return transport_refused(&inbound.headers);
    }
    let query = inbound
        .path_and_query
        .split_once('?')
        .map(|(_, query)| form::fields(query))
        .unwrap_or_default();
    let next = form::safe_next(form::field(&query, "next"));
    let note = match form::field(&query, "reason") {
        Some("timeout") => SignInNote::TimedOut,
        Some("signed-out") => SignInNote::SignedOut,
        _ => SignInNote::None,
    };
    // The page's language: one chosen on the page itself, else the browser's.
    let lang = form::field(&query, "lang")
        .and_then(Lang::from_tag)
        .unwrap_or_else(|| browser_lang(&inbound.headers));
    let cookie = form::cookie(&inbound.headers, cookie_name(&state));
    let clock = state.clock.clone();
    let secure = state.clone();
    let answer = state
        .store
        .run(move |conn| {
            let now = clock.now();
            session::prune(conn, now)?;
            match session::resolve(conn, cookie.as_deref(), now, false)? {
                Ok(Session::Staff { .. }) => Ok(Answer::Redirect {
                    to: next.unwrap_or_else(|| "/portal/patients".into()),
                    cookie: None,
                }),
                Ok(Session::Visitor { csrf_token }) => Ok(Answer::page(
                    StatusCode::OK,
                    sign_in_page(lang, &csrf_token, "", next.as_deref(), note),
                )),
                Err(_) => {
                    let opened = session::open(conn, None, now)?;
                    Ok(Answer::Page {
                        status: StatusCode::OK,
                        html: sign_in_page(lang, &opened.csrf_token, "", next.as_deref(), note),
                        cookie: Some(set_cookie(&secure, &opened.cookie)),
                    })
                }
            }
        })
        .await;
    match answer {
        Ok(answer) => answer.into_response(),
        Err(problem) => problem_page(lang, &problem, None).into_response(),
    }
}

/// The sign-in form as a whole page in `lang`.
fn sign_in_page(
    lang: Lang,
    csrf_token: &str,
    email: &str,
    next: Option<&str>,
    note: SignInNote,
) -> String {
    html::page(
        lang,
        &t(lang, "portal-sign-in-title"),
        None,
        &pages::sign_in(lang, csrf_token, email, next, note),
    )
}

enum FirstStep {
    Refused(Answer),
    Check {
        csrf_token: String,
        account: Option<(i64, String)>,
    },
}

/// What the sign-in form sent, and where from.
struct SignInForm {
    email: String,
    password: String,
    submitted: String,
    next: Option<String>,
    cookie: Option<String>,
    address: String,
    /// The sign-in page's language, which a first sign-in stores as the account's.
    lang: Lang,
}

async fn sign_in(State(state): State<AppState>, inbound: Inbound) -> Response {
    if !transport_allowed(&state, &inbound) {
        return transport_refused(&inbound.headers);
    }
    let fields = form::fields(&String::from_utf8_lossy(&inbound.body));
    let SignInForm {
        email,
        password,
        submitted,
        next,
        cookie,
        address,
        lang,
    } = SignInForm {
        email: form::field(&fields, "email").unwrap_or_default().to_owned(),
        password: form::field(&fields, "password")
            .unwrap_or_default()
            .to_owned(),
        submitted: form::field(&fields, "csrf").unwrap_or_default().to_owned(),
        next: form::safe_next(form::field(&fields, "next")),
        cookie: form::cookie(&inbound.headers, cookie_name(&state)),
        address: inbound.address.clone(),
        lang: form::field(&fields, "lang")
            .and_then(Lang::from_tag)
            .unwrap_or_else(|| browser_lang(&inbound.headers)),
    };

    // Step 1 (store): the form's token, the lockout, the stored hash.
    let first = {
        let clock = state.clock.clone();
        let (email, cookie, address, next, secure) = (
            email.clone(),
            cookie.clone(),
            address.clone(),
            next.clone(),
            state.clone(),
        );
        state
            .store
            .run(move |conn| {
                let now = clock.now();
                sign_in_check(
                    conn,
                    &secure,
                    lang,
                    &email,
                    cookie.as_deref(),
                    &submitted,
                    &address,
                    next,
                    now,
                )
            })
            .await
    };
    let (csrf_token, account) = match first {
        Ok(FirstStep::Refused(answer)) => return answer.into_response(),
        Ok(FirstStep::Check {
            csrf_token,
            account,
        }) => (csrf_token, account),
        Err(problem) => return problem_page(lang, &problem, None).into_response(),
    };

    // Step 2: Argon2 off the runtime and off the store thread.
    let verified =
        tokio::task::spawn_blocking(move || crate::staff::check_sign_in(account, &password))
            .await
            .unwrap_or(None);

    // Step 3 (store): a new session on success; a counted failure otherwise.
    let clock = state.clock.clone();
    let secure = state.clone();
    let answer = state
        .store
        .run(move |conn| {
            let now = clock.now();
            let form = SignInForm {
                email,
                password: String::new(),
                submitted: csrf_token,
                next,
                cookie,
                address,
                lang,
            };
            sign_in_finish(conn, &secure, verified, form, now)
        })
        .await;
    match answer {
        Ok(answer) => answer.into_response(),
        Err(problem) => problem_page(lang, &problem, None).into_response(),
    }
}

/// Sign-in step 1, in the store: the form's CSRF token against its session, the lockout, and the
/// account's stored hash for step 2.
#[allow(clippy::too_many_arguments)]
fn sign_in_check(
    conn: &crate::db::Connection,
    secure: &AppState,
    lang: Lang,
    email: &str,
    cookie: Option<&str>,
    submitted: &str,
    address: &str,
    next: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<FirstStep, Problem> {
    let session = session::resolve(conn, cookie, now, false)?;
    let session = match session {
        Ok(session) if session::csrf_matches(&session, submitted) => session,
        _ => {
            audit_row(
                conn,
                now,
                "anonymous".into(),
                "portal sign-in",
                "staff".into(),
                "refused:csrf",
                address,
            )?;
            // A fresh form, so an expired tab recovers with one more click.
            let opened = session::open(conn, None, now)?;
            return Ok(FirstStep::Refused(Answer::Page {
                status: StatusCode::FORBIDDEN,
                html: sign_in_page(
                    lang,
                    &opened.csrf_token,
                    email,
                    next.as_deref(),
                    SignInNote::Expired,
                ),
                cookie: Some(set_cookie(secure, &opened.cookie)),
            }));
        }
    };
    if let Some(seconds) = session::locked_for(conn, email, address, now)? {
        audit_row(
            conn,
            now,
            "unverified:staff".into(),
            "portal sign-in",
            "staff".into(),
            "refused:locked",
            address,
        )?;
        let minutes = (seconds + 59) / 60;
        return Ok(FirstStep::Refused(Answer::page(
            StatusCode::TOO_MANY_REQUESTS,
            sign_in_page(
                lang,
                session.csrf_token(),
                email,
                next.as_deref(),
                SignInNote::Locked(minutes),
            ),
        )));
    }
    Ok(FirstStep::Check {
        csrf_token: session.csrf_token().to_owned(),
        account: crate::staff::credentials_for(conn, email)?,
    })
}

/// Sign-in step 3, in the store: a new session when the password held (the old one closed, failures
/// cleared), else a counted failure and the form again.
fn sign_in_finish(
    conn: &crate::db::Connection,
    secure: &AppState,
    verified: Option<i64>,
    form: SignInForm,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Answer, Problem> {
    let SignInForm {
        email,
        submitted: csrf_token,
        next,
        cookie,
        address,
        lang,
        ..
    } = form;
    match verified {
        Some(staff_id) => {
            if let Some(cookie) = &cookie {
                session::close(conn, cookie)?;
            }
            session::clear_failures(conn, &email)?;
            // The first sign-in takes the sign-in page's language as the account's setting.
            if session::language_of(conn, staff_id)?.is_none() {
                session::set_language(conn, staff_id, lang)?;
            }
            let opened = session::open(conn, Some(staff_id), now)?;
            audit_row(
                conn,
                now,
                format!("staff:{staff_id}"),
                "portal sign-in",
                "staff".into(),
                "allowed",
                &address,
            )?;
            Ok(Answer::Redirect {
                to: next.unwrap_or_else(|| "/portal/patients".into()),
                cookie: Some(set_cookie(secure, &opened.cookie)),
            })
        }
        None => {
            session::record_failure(conn, &email, &address, now)?;
            audit_row(
                conn,
                now,
                "unverified:staff".into(),
                "portal sign-in",
                "staff".into(),
                "refused:bad-credentials",
                &address,
            )?;
            let note = match session::locked_for(conn, &email, &address, now)? {
                Some(seconds) => SignInNote::Locked((seconds + 59) / 60),
                None => SignInNote::WrongCredentials,
            };
            Ok(Answer::page(
                StatusCode::UNAUTHORIZED,
                sign_in_page(lang, &csrf_token, &email, next.as_deref(), note),
            ))
        }
    }
}

async fn sign_out(State(state): State<AppState>, inbound: Inbound) -> Response {
    if !transport_allowed(&state, &inbound) {
        return transport_refused(&inbound.headers);
    }
    let fields = form::fields(&String::from_utf8_lossy(&inbound.body));
    let submitted = form::field(&fields, "csrf").unwrap_or_default().to_owned();
    let cookie = form::cookie(&inbound.headers, cookie_name(&state));
    let clock = state.clock.clone();
    let address = inbound.address.clone();
    let secure = state.clone();
    let lang = browser_lang(&inbound.headers);
    let answer = state
        .store
        .run(move |conn| {
            let now = clock.now();
            match session::resolve(conn, cookie.as_deref(), now, false)? {
                Ok(session) if session::csrf_matches(&session, &submitted) => {
                    let (actor, lang) = match &session {
                        Session::Staff { member, .. } => (member.caller.actor(), member.lang),
                        Session::Visitor { .. } => ("anonymous".into(), lang),
                    };
                    if let Some(cookie) = &cookie {
                        session::close(conn, cookie)?;
                    }
                    audit_row(
                        conn,
                        now,
                        actor,
                        "portal sign-out",
                        "staff".into(),
                        "allowed",
                        &address,
                    )?;
                    Ok(Answer::Redirect {
                        to: format!("/portal/sign-in?reason=signed-out&lang={}", lang.tag()),
                        cookie: Some(clear_cookie(&secure)),
                    })
                }
                Ok(Session::Staff { member, csrf_token }) => {
                    audit_row(
                        conn,
                        now,
                        member.caller.actor(),
                        "portal sign-out",
                        "staff".into(),
                        "refused:csrf",
                        &address,
                    )?;
                    let lang = member.lang;
                    let title = t(lang, "portal-csrf-title");
                    let body = pages::refused(lang, &title, &t(lang, "portal-csrf-sign-out"));
                    Ok(Answer::page(
                        StatusCode::FORBIDDEN,
                        html::page(lang, &title, Some(&header_of(&member, &csrf_token)), &body),
                    ))
                }
                // Nobody signed in: nothing to end.
                _ => Ok(Answer::Redirect {
                    to: "/portal/sign-in".into(),
                    cookie: Some(clear_cookie(&secure)),
                }),
            }
        })
        .await;
    match answer {
        Ok(answer) => answer.into_response(),
        Err(problem) => problem_page(lang, &problem, None).into_response(),
    }
}

fn header_of<'a>(member: &'a StaffMember, csrf_token: &'a str) -> Header<'a> {
    Header {
        name: &member.display_name,
        clinic: &member.clinic_name,
        csrf_token,
        admin: member.is_admin(),
    }
}

async fn patients(State(state): State<AppState>, inbound: Inbound) -> Response {
    signed_in_page(
        &state,
        inbound,
        "/portal/patients".into(),
        |conn, member, csrf, now, address| {
            let mine = source::my_patients(conn, member)?;
            let mut rows = Vec::with_capacity(mine.len());
            for patient in mine {
                let attendance = attendance::for_patient(conn, patient.id, now)?;
                rows.push((patient, attendance));
            }
            let today = rows.first().map_or_else(
                || now.date_naive(),
                |(_, attendance)| pages::today_in(now, attendance),
            );
            let targets: Vec<String> = rows
                .iter()
                .map(|(patient, _)| format!("Patient/{}", patient.id))
                .collect();
            audit_row(
                conn,
                now,
                member.caller.actor(),
                "portal list patients",
                targets.join(" "),
                "allowed",
                address,
            )?;
            let lang = member.lang;
            let main = pages::patients(lang, &rows, today);
            Ok(Answer::page(
                StatusCode::OK,
                html::page(
                    lang,
                    &t(lang, "portal-my-patients-title"),
                    Some(&header_of(member, csrf)),
                    &main,
                ),
            ))
        },
    )
    .await
}

async fn patient(
    State(state): State<AppState>,
    Path(id): Path<String>,
    inbound: Inbound,
) -> Response {
    let path = format!(
        "/portal/patients/{}",
        crate::http::record_id(&id).unwrap_or(0)
    );
    signed_in_page(
        &state,
        inbound,
        path,
        move |conn, member, csrf, now, address| {
            let patient_id = crate::http::record_id(&id)?;
            let patient = source::check_patient(conn, member, patient_id)?;
            let attendance = attendance::for_patient(conn, patient_id, now)?;
            let (shares, disclosures) = source::disclosures(conn, member, patient_id, now)?;
            audit_row(
                conn,
                now,
                member.caller.actor(),
                "portal view patient",
                format!("Patient/{patient_id}"),
                "allowed",
                address,
            )?;
            // Each consent shown gets its view row, in the same transaction as the read.
            source::record_view(conn, member, &shares, now, address)?;
            let course = crate::course::history(conn, &member.caller, patient_id)?;
            let today = pages::today_in(now, &attendance);
            let lang = member.lang;
            let main = pages::patient(lang, &patient, &attendance, &course, &disclosures, today);
            Ok(Answer::page(
                StatusCode::OK,
                html::page(lang, &patient.full(), Some(&header_of(member, csrf)), &main),
            ))
        },
    )
    .await
}
