//! The portal's pages: sign-in, the therapist's patients, and one patient (course of care, attendance
//! and what they shared), as maud templates (values escaped by maud) in the staff member's language.
//! Charts are SVG strings built by [`super::chart`], which escapes every text it draws. Builders return
//! the `<main>` content; [`super::html::page`] adds the frame.
//!
//! A shared entry is rendered from its codes: the question of each `linkId`, the HALT needs and every
//! coded answer come from the catalog in the reader's language; the patient's own words are shown
//! exactly as they were shared.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, PreEscaped};
use tideline_wire::questionnaire::{self, craving, halt, urge};

use super::attendance::{Attendance, WEEKLY_MINIMUM_MINUTES};
use super::chart::{self, Bar, Reference};
use super::entry::{Entry, Kind, Shown};
use super::html::{csrf, escape, part2};
use super::source::{Disclosure, PatientName};
use super::words::{self, t, tr, Arg, Lang};

/// Why the sign-in form is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInNote {
    /// Nothing to say.
    None,
    /// The session ended after inactivity.
    TimedOut,
    /// The staff member signed out.
    SignedOut,
    /// Email or password wrong.
    WrongCredentials,
    /// Too many failures; minutes to wait.
    Locked(i64),
    /// The form's token did not match (an old tab, or a forged request).
    Expired,
}

/// The sign-in form, in the language the browser asked for (or the one chosen on the page); the form
/// carries that language so the first sign-in can store it as the account's setting.
pub fn sign_in(
    lang: Lang,
    csrf_token: &str,
    email: &str,
    next: Option<&str>,
    note: SignInNote,
) -> String {
    let w = |id: &str| t(lang, id);
    let message = match note {
        SignInNote::None => None,
        SignInNote::TimedOut => Some(("status", w("portal-sign-in-timed-out"))),
        SignInNote::SignedOut => Some(("status", w("portal-sign-in-signed-out"))),
        SignInNote::WrongCredentials => Some(("alert", w("portal-sign-in-wrong"))),
        SignInNote::Locked(minutes) => Some((
            "alert",
            tr(
                lang,
                "portal-sign-in-locked",
                &[("minutes", Arg::from(minutes))],
            ),
        )),
        SignInNote::Expired => Some(("alert", w("portal-sign-in-expired"))),
    };
    let invalid = matches!(note, SignInNote::WrongCredentials).then_some("true");
    let other = |choice: Lang| {
        let mut href = format!("/portal/sign-in?lang={}", choice.tag());
        if let Some(next) = next {
            let _ = write!(href, "&next={}", super::form::encode(next));
        }
        href
    };
    html! {
        h1 { (w("portal-sign-in-title")) }
        @if let Some((role, text)) = message {
            p class=(if role == "alert" { "message error" } else { "message" }) role=(role) { (text) }
        }
        form.sign-in method="post" action="/portal/sign-in" {
            (csrf(csrf_token))
            input type="hidden" name="lang" value=(lang.tag());
            @if let Some(next) = next { input type="hidden" name="next" value=(next); }
            p { label for="email" { (w("portal-email")) }
                input #email name="email" type="email" autocomplete="username" required value=(email) aria-invalid=[invalid]; }
            p { label for="password" { (w("portal-password")) }
                input #password name="password" type="password" autocomplete="current-password" required aria-invalid=[invalid]; }
            p { button type="submit" { (w("portal-sign-in-button")) } }
        }
        p.hint { (w("portal-sign-in-hint")) }
        nav.languages aria-label=(w("portal-language-links")) {
            ul.nav {
                @for choice in Lang::CHOOSABLE {
                    li { @if choice == lang {
                        span aria-current="true" lang=(choice.tag()) { (t(lang, &format!("portal-language-name-{}", choice.tag()))) }
                    } @else {
                        a href=(other(choice)) hreflang=(choice.tag()) lang=(choice.tag()) { (t(lang, &format!("portal-language-name-{}", choice.tag()))) }
                    } }
                }
            }
        }
    }
    .into_string()
}

/// The account page: the staff member's language.
pub fn account(lang: Lang, csrf_token: &str, saved: bool) -> String {
    let w = |id: &str| t(lang, id);
    html! {
        h1 { (w("portal-account-heading")) }
        @if saved { p.message role="status" { (w("portal-account-saved")) } }
        form.form method="post" action="/portal/account/language" aria-labelledby="language-heading" {
            h2 #language-heading { (w("portal-language-label")) }
            p.hint #language-hint { (w("portal-account-language-hint")) }
            (csrf(csrf_token))
            div.field {
                label for="language" { (w("portal-language-label")) }
                select #language name="language" aria-describedby="language-hint" {
                    @for choice in Lang::CHOOSABLE {
                        option value=(choice.tag()) selected[choice == lang] { (t(lang, &format!("portal-language-name-{}", choice.tag()))) }
                    }
                }
            }
            button type="submit" { (w("portal-language-save")) }
        }
    }
    .into_string()
}

fn hours(lang: Lang, minutes: i64) -> String {
    words::number(lang, minutes as f64 / 60.0)
}

/// A moment in the patient's program time zone, with the zone named ("Mar 3, 2026, 7:40 PM CST").
fn moment(lang: Lang, at: &DateTime<FixedOffset>, zone: Tz) -> String {
    words::moment(lang, &at.with_timezone(&zone))
}

/// The target a week is held to, in words: "9", "3", "7.5".
fn target_hours(lang: Lang, attendance: &Attendance, today: NaiveDate) -> String {
    hours(
        lang,
        attendance
            .week_of(today)
            .or(attendance.weeks.last())
            .map_or(WEEKLY_MINIMUM_MINUTES, |week| week.target()),
    )
}

/// The therapist's patients with this week's attendance against each one's weekly target.
pub fn patients(lang: Lang, rows: &[(PatientName, Attendance)], today: NaiveDate) -> String {
    let w = |id: &str| t(lang, id);
    html! {
        h1 { (w("portal-my-patients-title")) }
        @if rows.is_empty() {
            p { (w("portal-patients-empty")) }
        } @else {
            div.table-wrap { table {
                caption { (w("portal-patients-caption")) }
                thead { tr { th scope="col" { (w("portal-col-patient")) } th scope="col" { (w("portal-col-hours-this-week")) } th scope="col" { (w("portal-col-attended-total")) } th scope="col" { (w("portal-col-missed-total")) } } }
                tbody { @for (patient, attendance) in rows { tr {
                    th scope="row" { a href={ "/portal/patients/" (patient.id) } { (patient.full()) } }
                    td { (tr(lang, "portal-hours-of", &[
                        ("hours", Arg::from(hours(lang, attendance.week_of(today).map_or(0, |week| week.attended_minutes)))),
                        ("target", Arg::from(target_hours(lang, attendance, today))),
                    ])) }
                    td { (attendance.attended()) }
                    td { (attendance.missed()) }
                } } }
            } }
        }
    }
    .into_string()
}

/// The most recent weeks drawn in the chart (the table lists them all).
const CHART_WEEKS: usize = 8;

fn attendance_chart(lang: Lang, attendance: &Attendance) -> String {
    let recent = &attendance.weeks[attendance.weeks.len().saturating_sub(CHART_WEEKS)..];
    let bars: Vec<Bar> = recent
        .iter()
        .map(|week| Bar {
            label: words::date_no_year(lang, &week.monday),
            value: week.attended_minutes as f64 / 60.0,
            emphasis: !week.meets_minimum(),
        })
        .collect();
    let reference = recent
        .last()
        .map_or(WEEKLY_MINIMUM_MINUTES, |week| week.target()) as f64
        / 60.0;
    let max = bars
        .iter()
        .map(|bar| bar.value)
        .fold(reference.max(12.0), f64::max)
        .ceil();
    let short = recent.iter().filter(|week| !week.meets_minimum()).count();
    chart::bars(
        lang,
        "hours",
        &t(lang, "portal-chart-hours-title"),
        &tr(
            lang,
            "portal-chart-hours-desc",
            &[
                ("weeks", Arg::from(recent.len())),
                ("short", Arg::from(short)),
            ],
        ),
        &bars,
        max,
        &[0.0, 3.0, 6.0, 9.0, 12.0],
        Some(&Reference {
            value: reference,
            label: tr(
                lang,
                "portal-hours-a-week",
                &[("hours", Arg::from(words::number(lang, reference)))],
            ),
        }),
    )
}

fn attendance_section(lang: Lang, attendance: &Attendance, today: NaiveDate) -> String {
    let w = |id: &str| t(lang, id);
    let this_week = attendance
        .week_of(today)
        .map_or(0, |week| week.attended_minutes);
    let target = target_hours(lang, attendance, today);
    html! {
        section aria-labelledby="attendance" {
            h2 #attendance { (w("portal-attendance-heading")) }
            p.summary { (w("portal-summary-this-week")) " " strong { (tr(lang, "portal-hours-of-target", &[("hours", Arg::from(hours(lang, this_week))), ("target", Arg::from(target))])) } ". "
                (w("portal-summary-attended")) " " strong { (attendance.attended()) } ". "
                (w("portal-summary-missed")) " " strong { (attendance.missed()) } "." }
            @if attendance.weeks.is_empty() {
                p { (w("portal-no-sessions-yet")) }
            } @else {
                (PreEscaped(attendance_chart(lang, attendance)))
                div.table-wrap { table {
                    caption { (w("portal-attendance-by-week")) }
                    thead { tr { th scope="col" { (w("portal-col-week-of")) } th scope="col" { (w("portal-col-hours-attended")) } th scope="col" { (w("portal-col-weekly-target")) } th scope="col" { (w("portal-col-attended")) } th scope="col" { (w("portal-col-missed")) } } }
                    tbody { @for week in attendance.weeks.iter().rev() { tr {
                        th scope="row" { (words::date(lang, week.monday)) }
                        td { (hours(lang, week.attended_minutes)) }
                        td { (tr(lang, if week.meets_minimum() { "portal-week-target-met" } else { "portal-week-target-not-met" }, &[("hours", Arg::from(hours(lang, week.target())))])) }
                        td { (week.attended) }
                        td { (week.missed) }
                    } } }
                } }
            }
        }
    }
    .into_string()
}

/// A coded answer in `lang`: the catalog's words for a code of the questionnaires' code systems; for a
/// code this server does not know (a newer app), the words the app stored with it.
fn code_words(lang: Lang, system: &str, code: &str, display: Option<&str>) -> String {
    let family = match system {
        questionnaire::CRAVING_OUTCOME_SYSTEM => "craving-outcome",
        questionnaire::URGE_OUTCOME_SYSTEM => "urge-outcome",
        questionnaire::SURF_VARIANT_SYSTEM => "surf-variant",
        questionnaire::SURF_STEP_SYSTEM => "surf-step",
        _ => return display.unwrap_or(code).to_owned(),
    };
    let id = format!("portal-code-{family}-{code}");
    if tideline_i18n::has(Lang::En, &id) {
        t(lang, &id)
    } else {
        display.unwrap_or(code).to_owned()
    }
}

/// One answer as words: numbers as numbers, dates in the program's zone, codes in `lang`, the
/// patient's own words untouched.
fn answer_words(lang: Lang, shown: &Shown, zone: Tz) -> String {
    match shown {
        Shown::Integer(value) => value.to_string(),
        Shown::Boolean(yes) => t(lang, if *yes { "portal-yes" } else { "portal-no" }),
        Shown::Coded {
            system,
            code,
            display,
        } => code_words(lang, system, code, display.as_deref()),
        // Dates read as dates, not as ISO strings; anything else is the patient's text as shared.
        Shown::Text(text) => DateTime::parse_from_rfc3339(text)
            .map(|at| moment(lang, &at, zone))
            .unwrap_or_else(|_| text.clone()),
    }
}

/// The question of `link_id` in `lang` (the linkId itself for an item this server does not publish).
fn question(lang: Lang, kind: Kind, link_id: &str) -> String {
    let id = format!("portal-q-{}-{link_id}", kind.key());
    if tideline_i18n::has(Lang::En, &id) {
        t(lang, &id)
    } else {
        link_id.to_owned()
    }
}

fn kind_title(lang: Lang, kind: Kind, plural: bool) -> String {
    let id = format!(
        "portal-kind-{}{}",
        kind.key(),
        if plural { "-plural" } else { "" }
    );
    t(lang, &id)
}

fn craving_chart(lang: Lang, entries: &[&Entry], key: &str, zone: Tz) -> String {
    let w = |id: &str| t(lang, id);
    let local = |entry: &Entry| entry.when.map(|at| at.with_timezone(&zone));
    let days: std::collections::BTreeSet<NaiveDate> = entries
        .iter()
        .filter_map(|entry| local(entry).map(|at| at.date_naive()))
        .collect();
    // Label by day, or by time of day when every record is from the same day.
    let by_day = days.len() > 1;
    let points: Vec<(String, f64)> = entries
        .iter()
        .filter_map(|entry| {
            let intensity = entry.integer(craving::INTENSITY)?;
            let label = local(entry)
                .map(|at| {
                    if by_day {
                        words::date_no_year(lang, &at)
                    } else {
                        words::clock(lang, &at)
                    }
                })
                .unwrap_or_default();
            Some((label, intensity as f64))
        })
        .collect();
    if points.is_empty() {
        return String::new();
    }
    let mut html = chart::line(
        &format!("craving-{key}"),
        &w("portal-chart-craving-title"),
        &tr(
            lang,
            "portal-chart-craving-desc",
            &[("count", Arg::from(points.len()))],
        ),
        &points,
        10.0,
        &[0.0, 5.0, 10.0],
    );
    let _ = write!(
        html,
        r#"<div class="table-wrap"><table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(&w("portal-craving-caption")),
        escape(&w("portal-col-when")),
        escape(&w("portal-col-intensity")),
        escape(&w("portal-col-outcome")),
    );
    for entry in entries {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            escape(
                &entry
                    .when
                    .as_ref()
                    .map(|at| moment(lang, at, zone))
                    .unwrap_or_default()
            ),
            entry
                .integer(craving::INTENSITY)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            escape(
                &entry
                    .first(craving::OUTCOME)
                    .map(|shown| answer_words(lang, shown, zone))
                    .unwrap_or_default()
            )
        );
    }
    html.push_str("</tbody></table></div>");
    html
}

fn halt_chart(lang: Lang, entries: &[&Entry], key: &str) -> String {
    let w = |id: &str| t(lang, id);
    let needs = [halt::HUNGRY, halt::ANGRY, halt::LONELY, halt::TIRED];
    let counts: Vec<(String, usize)> = needs
        .iter()
        .map(|link_id| {
            let flagged = entries
                .iter()
                .filter(|entry| entry.integer(link_id).is_some_and(|rating| rating >= 2))
                .count();
            (w(&format!("portal-halt-{link_id}")), flagged)
        })
        .collect();
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(word, count)| Bar {
            label: word.clone(),
            value: *count as f64,
            emphasis: false,
        })
        .collect();
    let max = (entries.len().max(1)) as f64;
    let mut ticks = vec![0.0, max];
    if entries.len() >= 4 {
        ticks.insert(1, (max / 2.0).round());
    }
    let mut html = chart::bars(
        lang,
        &format!("halt-{key}"),
        &w("portal-chart-halt-title"),
        &tr(
            lang,
            "portal-chart-halt-desc",
            &[("count", Arg::from(entries.len()))],
        ),
        &bars,
        max,
        &ticks,
        None,
    );
    let _ = write!(
        html,
        r#"<div class="table-wrap"><table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(&w("portal-halt-caption")),
        escape(&w("portal-col-need")),
        escape(&w("portal-col-checks")),
    );
    for (word, count) in counts {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(&word),
            escape(&tr(
                lang,
                "portal-count-of",
                &[
                    ("count", Arg::from(count)),
                    ("total", Arg::from(entries.len()))
                ]
            ))
        );
    }
    html.push_str("</tbody></table></div>");
    html
}

fn urge_chart(lang: Lang, entry: &Entry) -> String {
    let w = |id: &str| t(lang, id);
    let samples = entry.samples();
    if samples.len() < 2 {
        return String::new();
    }
    let points: Vec<(String, f64)> = samples
        .iter()
        .map(|(offset, intensity)| {
            (
                tr(
                    lang,
                    "portal-minutes-short",
                    &[("minutes", Arg::from(offset / 60))],
                ),
                *intensity as f64,
            )
        })
        .collect();
    let mut html = chart::line(
        &format!("urge-{}", escape(&entry.id)),
        &w("portal-chart-urge-title"),
        &tr(
            lang,
            "portal-chart-urge-desc",
            &[("count", Arg::from(samples.len()))],
        ),
        &points,
        10.0,
        &[0.0, 5.0, 10.0],
    );
    let _ = write!(
        html,
        r#"<div class="table-wrap"><table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(&w("portal-urge-caption")),
        escape(&w("portal-col-time-since-start")),
        escape(&w("portal-col-intensity")),
    );
    for (offset, intensity) in samples {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{intensity}</td></tr>",
            escape(&tr(
                lang,
                "portal-minutes-seconds",
                &[
                    ("minutes", Arg::from(offset / 60)),
                    ("seconds", Arg::from(offset % 60))
                ]
            ))
        );
    }
    html.push_str("</tbody></table></div>");
    html
}

fn entry_article(lang: Lang, entry: &Entry, zone: Tz) -> Markup {
    let when = entry
        .when
        .as_ref()
        .map(|at| moment(lang, at, zone))
        .unwrap_or_else(|| t(lang, "portal-date-not-given"));
    let answers = entry
        .answers
        .iter()
        .filter(|answered| answered.link_id != urge::SAMPLE && !answered.values.is_empty())
        .map(|answered| {
            let words: Vec<String> = answered
                .values
                .iter()
                .map(|shown| answer_words(lang, shown, zone))
                .collect();
            (
                question(lang, entry.kind, &answered.link_id),
                words.join(", "),
            )
        });
    let heading = tr(
        lang,
        "portal-entry-heading",
        &[
            ("kind", Arg::from(kind_title(lang, entry.kind, false))),
            ("when", Arg::from(when)),
        ],
    );
    html! {
        article.record aria-labelledby={ "entry-" (entry.id) } {
            h4 id={ "entry-" (entry.id) } { (heading) }
            (part2(lang))
            dl { @for (question, words) in answers { dt { (question) } dd { (words) } } }
            @if entry.kind == Kind::Urge { (PreEscaped(urge_chart(lang, entry))) }
        }
    }
}

fn disclosure_section(lang: Lang, index: usize, disclosure: &Disclosure, zone: Tz) -> Markup {
    let mut entries: Vec<Entry> = disclosure
        .responses
        .iter()
        .filter_map(Entry::from_fhir)
        .collect();
    entries.sort_by_key(|entry| (entry.kind, entry.when));
    let date = |at: Option<DateTime<Utc>>| {
        at.map(|at| words::date(lang, at.date_naive()))
            .unwrap_or_else(|| t(lang, "portal-not-given"))
    };
    let purpose = if disclosure.purposes.is_empty() {
        t(lang, "portal-purpose-not-stated")
    } else {
        let named: Vec<String> = disclosure
            .purposes
            .iter()
            .map(|(code, display)| {
                let id = format!("portal-purpose-{}", code.to_ascii_lowercase());
                if tideline_i18n::has(Lang::En, &id) {
                    t(lang, &id)
                } else {
                    display.clone().unwrap_or_else(|| code.clone())
                }
            })
            .collect();
        named.join(", ")
    };
    let key = index.to_string();
    html! {
        section.disclosure aria-labelledby={ "consent-" (index) } {
            h3 id={ "consent-" (index) } { (tr(lang, "portal-shared-on", &[("signed", Arg::from(date(disclosure.signed))), ("expires", Arg::from(date(disclosure.expires)))])) }
            p { (tr(lang, "portal-purpose", &[("purpose", Arg::from(purpose)), ("count", Arg::from(entries.len()))])) }
            @for kind in [Kind::Craving, Kind::Halt, Kind::Urge] {
                @let of_kind: Vec<&Entry> = entries.iter().filter(|entry| entry.kind == kind).collect();
                @if !of_kind.is_empty() {
                    h4.kind { (kind_title(lang, kind, true)) }
                    @match kind {
                        Kind::Craving => { (PreEscaped(craving_chart(lang, &of_kind, &key, zone))) }
                        Kind::Halt => { (PreEscaped(halt_chart(lang, &of_kind, &key))) }
                        Kind::Urge => {}
                    }
                    @for entry in &of_kind { (entry_article(lang, entry, zone)) }
                }
            }
        }
    }
}

fn course_table(lang: Lang, course: &[crate::course::Period], iso: bool) -> Markup {
    let w = |id: &str| t(lang, id);
    let date = |day: NaiveDate| {
        if iso {
            day.to_string()
        } else {
            words::date(lang, day)
        }
    };
    html! {
        @if course.is_empty() { p { (w("portal-level-none")) } } @else {
            div.table-wrap { table {
                caption { (w("portal-level-history")) }
                thead { tr { th scope="col" { (w("portal-col-level")) } th scope="col" { (w("portal-col-weekly-target")) } th scope="col" { (w("portal-col-from")) } th scope="col" { (w("portal-col-until")) } } }
                tbody { @for period in course { tr {
                    td { (words::level(lang, period.level)) }
                    td { (words::target(lang, period.weekly_target_minutes)) }
                    td { (date(period.from)) }
                    td { @match period.until { Some(until) => { (date(until)) } None => { (w("portal-open")) } } }
                } } }
            } }
        }
    }
}

/// One patient: course of care and attendance, then what they shared.
pub fn patient(
    lang: Lang,
    patient: &PatientName,
    attendance: &Attendance,
    course: &[crate::course::Period],
    disclosures: &[Disclosure],
    today: NaiveDate,
) -> String {
    let w = |id: &str| t(lang, id);
    let zone = attendance
        .visits
        .first()
        .map_or(chrono_tz::UTC, |visit| visit.start.timezone());
    let nothing_shared = disclosures
        .iter()
        .all(|disclosure| disclosure.responses.is_empty());
    html! {
        h1 { (patient.full()) }
        section aria-labelledby="course" {
            h2 #course { (w("portal-level-heading")) }
            (course_table(lang, course, false))
        }
        (PreEscaped(attendance_section(lang, attendance, today)))
        section aria-labelledby="shared" {
            h2 #shared { (w("portal-shared-heading")) }
            @if nothing_shared {
                p { (w("portal-shared-none")) }
            } @else {
                (part2(lang))
                @for (index, disclosure) in disclosures.iter().enumerate() { (disclosure_section(lang, index + 1, disclosure, zone)) }
            }
        }
    }
    .into_string()
}

/// The level-of-care history table as the administrator's patient page shows it: dates as
/// YYYY-MM-DD, as its forms take them (the same in every language).
pub fn course(lang: Lang, course: &[crate::course::Period]) -> Markup {
    course_table(lang, course, true)
}

/// A refusal page body.
pub fn refused(lang: Lang, title: &str, text: &str) -> String {
    html! {
        h1 { (title) }
        p { (text) }
        p { a href="/portal/patients" { (t(lang, "portal-back-to-patients")) } }
    }
    .into_string()
}

/// Today in the patient's program time zone (UTC when they have no sessions).
pub fn today_in(now: DateTime<Utc>, attendance: &Attendance) -> NaiveDate {
    attendance.visits.first().map_or_else(
        || now.date_naive(),
        |visit| now.with_timezone(&visit.start.timezone()).date_naive(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn halt(id: &str, hungry: i64, tired: i64) -> serde_json::Value {
        json!({
            "resourceType": "QuestionnaireResponse", "id": id,
            "questionnaire": "urn:tideline:questionnaire:halt-check|1",
            "item": [
                {"linkId": "taken-at", "answer": [{"valueDateTime": "2026-03-03T14:00:00Z"}]},
                {"linkId": "hungry", "answer": [{"valueInteger": hungry}]},
                {"linkId": "angry", "answer": [{"valueInteger": 0}]},
                {"linkId": "lonely", "answer": [{"valueInteger": 1}]},
                {"linkId": "tired", "answer": [{"valueInteger": tired}]},
                {"linkId": "note", "answer": [{"valueString": "Skipped lunch"}]}
            ]
        })
    }

    #[test]
    fn every_kind_renders_with_the_notice_on_each_record_and_times_in_the_program_zone() {
        let urge = json!({
            "resourceType": "QuestionnaireResponse", "id": "9",
            "questionnaire": "urn:tideline:questionnaire:urge-surfing|1",
            "item": [
                {"linkId": "started-at", "answer": [{"valueDateTime": "2026-03-04T02:00:00Z"}]},
                {"linkId": "intensity-peak", "answer": [{"valueInteger": 8}]},
                {"linkId": "sample", "item": [{"linkId": "sample-offset-seconds", "answer": [{"valueInteger": 0}]}, {"linkId": "sample-intensity", "answer": [{"valueInteger": 5}]}]},
                {"linkId": "sample", "item": [{"linkId": "sample-offset-seconds", "answer": [{"valueInteger": 90}]}, {"linkId": "sample-intensity", "answer": [{"valueInteger": 8}]}]}
            ]
        });
        let disclosure = Disclosure {
            consent_id: "1".into(),
            signed: None,
            expires: None,
            purposes: vec![("TREAT".into(), None)],
            responses: vec![halt("7", 3, 2), halt("8", 0, 3), urge],
        };
        let zone: Tz = "America/Chicago".parse().unwrap();
        let html = disclosure_section(Lang::En, 1, &disclosure, zone).into_string();
        assert_eq!(html.matches("<article").count(), 3);
        assert_eq!(
            html.matches("42 CFR part 2 notice").count(),
            3,
            "one notice per disclosed record"
        );
        assert!(html.contains("<tr><th scope=\"row\">Tired</th><td>2 of 2</td></tr>"));
        assert!(html.contains("<tr><th scope=\"row\">Hungry</th><td>1 of 2</td></tr>"));
        assert!(
            html.contains("Mar 3, 2026, 8:00 PM CST"),
            "the urge started at 02:00 UTC"
        );
        assert!(html.contains("Intensity along the wave") && html.contains("1 min 30 s"));
        assert!(html.contains("Skipped lunch"));
    }

    #[test]
    fn a_spanish_reader_gets_questions_needs_and_codes_in_spanish_and_the_patients_words_as_written(
    ) {
        let words = "Skipped lunch <again> & \"tired\" — ¡uf!";
        let mut halt_check = halt("7", 3, 2);
        halt_check["item"][5]["answer"][0]["valueString"] = json!(words);
        let craving = json!({
            "resourceType": "QuestionnaireResponse", "id": "5",
            "questionnaire": "urn:tideline:questionnaire:craving-record|1",
            "item": [
                {"linkId": "occurred-at", "answer": [{"valueDateTime": "2026-03-03T14:00:00Z"}]},
                {"linkId": "intensity", "answer": [{"valueInteger": 6}]},
                {"linkId": "outcome", "answer": [{"valueCoding": {"system": "urn:tideline:codesystem:craving-outcome", "code": "did-not-use", "display": "Did not use"}}]}
            ]
        });
        let disclosure = Disclosure {
            consent_id: "1".into(),
            signed: None,
            expires: None,
            purposes: vec![("TREAT".into(), Some("treatment".into()))],
            responses: vec![halt_check, craving],
        };
        let zone: Tz = "America/Chicago".parse().unwrap();
        let html = disclosure_section(Lang::Es, 1, &disclosure, zone).into_string();
        assert!(
            html.contains("<dt>Hambre (0 nada a 3 mucha)</dt>"),
            "{html}"
        );
        assert!(html.contains("<dt>Nota</dt>"));
        assert!(html.contains("<tr><th scope=\"row\">Cansancio</th><td>1 de 1</td></tr>"));
        assert!(html.contains("<dd>No consumió</dd>") && !html.contains("Did not use"));
        assert!(html.contains("Propósito: Tratamiento. 2 anotaciones."));
        assert!(
            html.contains("3 mar 2026, 8:00 CST"),
            "times in Spanish, in the program's zone"
        );
        assert!(
            html.contains(&format!("<dd>{}</dd>", escape(words))),
            "the patient's words as written"
        );
        assert!(html.contains("Aviso de 42 CFR Part 2."));
    }
}
