//! The portal's pages: sign-in, the therapist's patients, and one patient (course of care, attendance
//! and what they shared), as maud templates (values escaped by maud). Charts are SVG strings built by
//! [`super::chart`], which escapes every text it draws. Builders return the `<main>` content;
//! [`super::html::page`] adds the frame.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, PreEscaped};
use tideline_wire::questionnaire::{craving, halt, urge};

use super::attendance::{Attendance, WEEKLY_MINIMUM_MINUTES};
use super::chart::{self, format_number, Bar, Reference};
use super::entry::{Entry, Kind};
use super::html::{csrf, escape, PART2_NOTICE};
use super::source::{Disclosure, PatientName};

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

/// The sign-in form.
pub fn sign_in(csrf_token: &str, email: &str, next: Option<&str>, note: SignInNote) -> String {
    let message = match note {
        SignInNote::None => None,
        SignInNote::TimedOut => Some(("status", "You were signed out after 15 minutes without activity. Sign in again to continue.".to_owned())),
        SignInNote::SignedOut => Some(("status", "You have signed out.".to_owned())),
        SignInNote::WrongCredentials => Some(("alert", "The email or password is wrong.".to_owned())),
        SignInNote::Locked(minutes) => Some((
            "alert",
            format!("Too many failed sign-ins. Sign-in is paused for this account; try again in {minutes} minute{}.", if minutes == 1 { "" } else { "s" }),
        )),
        SignInNote::Expired => Some(("alert", "This form had expired. Please sign in again.".to_owned())),
    };
    let invalid = matches!(note, SignInNote::WrongCredentials).then_some("true");
    html! {
        h1 { "Sign in" }
        @if let Some((role, text)) = message {
            p class=(if role == "alert" { "message error" } else { "message" }) role=(role) { (text) }
        }
        form.sign-in method="post" action="/portal/sign-in" {
            (csrf(csrf_token))
            @if let Some(next) = next { input type="hidden" name="next" value=(next); }
            p { label for="email" { "Email" }
                input #email name="email" type="email" autocomplete="username" required value=(email) aria-invalid=[invalid]; }
            p { label for="password" { "Password" }
                input #password name="password" type="password" autocomplete="current-password" required aria-invalid=[invalid]; }
            p { button type="submit" { "Sign in" } }
        }
        p.hint { "Staff accounts are created by your clinic's administrator." }
    }
    .into_string()
}

fn hours(minutes: i64) -> String {
    format_number(minutes as f64 / 60.0)
}

fn day(date: NaiveDate) -> String {
    date.format("%b %-d, %Y").to_string()
}

/// A moment in the patient's program time zone, with the zone named ("Mar 3, 2026, 7:40 PM CST").
fn moment(at: &DateTime<FixedOffset>, zone: Tz) -> String {
    at.with_timezone(&zone)
        .format("%b %-d, %Y, %-I:%M %p %Z")
        .to_string()
}

/// The target a week is held to, in words: "9", "3", "7.5".
fn target_hours(attendance: &Attendance, today: NaiveDate) -> String {
    hours(
        attendance
            .week_of(today)
            .or(attendance.weeks.last())
            .map_or(WEEKLY_MINIMUM_MINUTES, |week| week.target()),
    )
}

/// The therapist's patients with this week's attendance against each one's weekly target.
pub fn patients(rows: &[(PatientName, Attendance)], today: NaiveDate) -> String {
    html! {
        h1 { "My patients" }
        @if rows.is_empty() {
            p { "No patients are assigned to your care team yet." }
        } @else {
            div.table-wrap { table {
                caption { "Patients on your care team, with hours this week against their weekly target" }
                thead { tr { th scope="col" { "Patient" } th scope="col" { "Hours this week" } th scope="col" { "Attended in total" } th scope="col" { "Missed in total" } } }
                tbody { @for (patient, attendance) in rows { tr {
                    th scope="row" { a href={ "/portal/patients/" (patient.id) } { (patient.full()) } }
                    td { (hours(attendance.week_of(today).map_or(0, |week| week.attended_minutes))) " of " (target_hours(attendance, today)) }
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

fn attendance_section(attendance: &Attendance, today: NaiveDate) -> String {
    let this_week = attendance
        .week_of(today)
        .map_or(0, |week| week.attended_minutes);
    let target = target_hours(attendance, today);
    let recent = &attendance.weeks[attendance.weeks.len().saturating_sub(CHART_WEEKS)..];
    let bars: Vec<Bar> = recent
        .iter()
        .map(|week| Bar {
            label: week.monday.format("%b %-d").to_string(),
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
    let chart = chart::bars(
        "hours",
        "Hours attended per week",
        &format!(
            "Hours attended in each of the last {} weeks (late and left-early minutes not counted), against the weekly target; {} of them under it. The table below has the same figures.",
            recent.len(),
            short
        ),
        &bars,
        max,
        &[0.0, 3.0, 6.0, 9.0, 12.0],
        Some(&Reference {
            value: reference,
            label: format!("{} hours a week", format_number(reference)),
        }),
    );
    html! {
        section aria-labelledby="attendance" {
            h2 #attendance { "Attendance" }
            p.summary { "This week: " strong { (hours(this_week)) " of " (target) " hours" } ". Sessions attended: " strong { (attendance.attended()) } ". Sessions missed: " strong { (attendance.missed()) } "." }
            @if attendance.weeks.is_empty() {
                p { "No sessions yet." }
            } @else {
                (PreEscaped(chart))
                div.table-wrap { table {
                    caption { "Attendance by week" }
                    thead { tr { th scope="col" { "Week of" } th scope="col" { "Hours attended" } th scope="col" { "Weekly target" } th scope="col" { "Attended" } th scope="col" { "Missed" } } }
                    tbody { @for week in attendance.weeks.iter().rev() { tr {
                        th scope="row" { (day(week.monday)) }
                        td { (hours(week.attended_minutes)) }
                        td { (hours(week.target())) " h, " @if week.meets_minimum() { "met" } @else { "not met" } }
                        td { (week.attended) }
                        td { (week.missed) }
                    } } }
                } }
            }
        }
    }
    .into_string()
}

fn craving_chart(entries: &[&Entry], key: &str, zone: Tz) -> String {
    let local = |entry: &Entry| entry.when.map(|at| at.with_timezone(&zone));
    let days: std::collections::BTreeSet<NaiveDate> = entries
        .iter()
        .filter_map(|entry| local(entry).map(|at| at.date_naive()))
        .collect();
    // Label by day, or by time of day when every record is from the same day.
    let format = if days.len() > 1 {
        "%b %-d"
    } else {
        "%-I:%M %p"
    };
    let points: Vec<(String, f64)> = entries
        .iter()
        .filter_map(|entry| {
            let intensity = entry.integer(craving::INTENSITY)?;
            let label = local(entry)
                .map(|at| at.format(format).to_string())
                .unwrap_or_default();
            Some((label, intensity as f64))
        })
        .collect();
    if points.is_empty() {
        return String::new();
    }
    let mut html = chart::line(
        &format!("craving-{key}"),
        "Craving intensity",
        &format!(
            "Intensity from 0 to 10 of {} shared craving records, oldest first. The table below has the same figures.",
            points.len()
        ),
        &points,
        10.0,
        &[0.0, 5.0, 10.0],
    );
    html.push_str(r#"<div class="table-wrap"><table><caption>Craving records</caption><thead><tr><th scope="col">When</th><th scope="col">Intensity (0 to 10)</th><th scope="col">Outcome</th></tr></thead><tbody>"#);
    for entry in entries {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            entry
                .when
                .as_ref()
                .map(|at| moment(at, zone))
                .unwrap_or_default(),
            entry
                .integer(craving::INTENSITY)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            escape(&entry.words(craving::OUTCOME).unwrap_or_default())
        );
    }
    html.push_str("</tbody></table></div>");
    html
}

fn halt_chart(entries: &[&Entry], key: &str) -> String {
    let needs = [
        (halt::HUNGRY, "Hungry"),
        (halt::ANGRY, "Angry"),
        (halt::LONELY, "Lonely"),
        (halt::TIRED, "Tired"),
    ];
    let counts: Vec<(&str, usize)> = needs
        .iter()
        .map(|(link_id, word)| {
            let flagged = entries
                .iter()
                .filter(|entry| entry.integer(link_id).is_some_and(|rating| rating >= 2))
                .count();
            (*word, flagged)
        })
        .collect();
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(word, count)| Bar {
            label: (*word).to_owned(),
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
        &format!("halt-{key}"),
        "HALT needs flagged",
        &format!(
            "In how many of {} shared HALT checks each need was rated 2 or 3 out of 3. The table below has the same figures.",
            entries.len()
        ),
        &bars,
        max,
        &ticks,
        None,
    );
    html.push_str(r#"<div class="table-wrap"><table><caption>HALT checks: needs rated 2 or 3</caption><thead><tr><th scope="col">Need</th><th scope="col">Checks</th></tr></thead><tbody>"#);
    for (word, count) in counts {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{word}</th><td>{count} of {}</td></tr>",
            entries.len()
        );
    }
    html.push_str("</tbody></table></div>");
    html
}

fn urge_chart(entry: &Entry) -> String {
    let samples = entry.samples();
    if samples.len() < 2 {
        return String::new();
    }
    let points: Vec<(String, f64)> = samples
        .iter()
        .map(|(offset, intensity)| (format!("{} min", offset / 60), *intensity as f64))
        .collect();
    let mut html = chart::line(
        &format!("urge-{}", escape(&entry.id)),
        "Intensity along the wave",
        &format!(
            "{} readings of urge intensity from 0 to 10 during the session. The table below has the same figures.",
            samples.len()
        ),
        &points,
        10.0,
        &[0.0, 5.0, 10.0],
    );
    html.push_str(r#"<div class="table-wrap"><table><caption>Readings during the session</caption><thead><tr><th scope="col">Time since the start</th><th scope="col">Intensity (0 to 10)</th></tr></thead><tbody>"#);
    for (offset, intensity) in samples {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{} min {} s</th><td>{intensity}</td></tr>",
            offset / 60,
            offset % 60
        );
    }
    html.push_str("</tbody></table></div>");
    html
}

fn entry_article(entry: &Entry, zone: Tz) -> Markup {
    let when = entry
        .when
        .as_ref()
        .map(|at| moment(at, zone))
        .unwrap_or_else(|| "Date not given".into());
    let answers = entry
        .answers
        .iter()
        .filter(|answered| answered.link_id != urge::SAMPLE && !answered.values.is_empty())
        .map(|answered| {
            let words: Vec<String> = answered
                .values
                .iter()
                .map(|shown| {
                    let text = shown.words();
                    // Dates read as dates, not as ISO strings.
                    DateTime::parse_from_rfc3339(&text)
                        .map(|at| moment(&at, zone))
                        .unwrap_or(text)
                })
                .collect();
            (answered.question.clone(), words.join(", "))
        });
    html! {
        article.record aria-labelledby={ "entry-" (entry.id) } {
            h4 id={ "entry-" (entry.id) } { (entry.kind.title()) ", " (when) }
            (part2())
            dl { @for (question, words) in answers { dt { (question) } dd { (words) } } }
            @if entry.kind == Kind::Urge { (PreEscaped(urge_chart(entry))) }
        }
    }
}

fn disclosure_section(index: usize, disclosure: &Disclosure, zone: Tz) -> Markup {
    let mut entries: Vec<Entry> = disclosure
        .responses
        .iter()
        .filter_map(Entry::from_fhir)
        .collect();
    entries.sort_by_key(|entry| (entry.kind, entry.when));
    let date = |at: Option<DateTime<Utc>>| {
        at.map(|at| day(at.date_naive()))
            .unwrap_or_else(|| "not given".into())
    };
    let key = index.to_string();
    html! {
        section.disclosure aria-labelledby={ "consent-" (index) } {
            h3 id={ "consent-" (index) } { "Shared on " (date(disclosure.signed)) ", until " (date(disclosure.expires)) }
            p { "Purpose: " (disclosure.purpose) ". " (entries.len()) (if entries.len() == 1 { " entry." } else { " entries." }) }
            @for kind in [Kind::Craving, Kind::Halt, Kind::Urge] {
                @let of_kind: Vec<&Entry> = entries.iter().filter(|entry| entry.kind == kind).collect();
                @if !of_kind.is_empty() {
                    h4.kind { (match kind { Kind::Craving => "Craving records", Kind::Halt => "HALT checks", Kind::Urge => "Urge-surfing sessions" }) }
                    @match kind {
                        Kind::Craving => { (PreEscaped(craving_chart(&of_kind, &key, zone))) }
                        Kind::Halt => { (PreEscaped(halt_chart(&of_kind, &key))) }
                        Kind::Urge => {}
                    }
                    @for entry in &of_kind { (entry_article(entry, zone)) }
                }
            }
        }
    }
}

fn part2() -> Markup {
    html! { p.notice { strong { "42 CFR part 2 notice." } " " (PART2_NOTICE) } }
}

/// One patient: course of care and attendance, then what they shared.
pub fn patient(
    patient: &PatientName,
    attendance: &Attendance,
    course: &[crate::course::Period],
    disclosures: &[Disclosure],
    today: NaiveDate,
) -> String {
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
            h2 #course { "Level of care" }
            @if course.is_empty() { p { "No level of care recorded yet." } } @else {
                div.table-wrap { table {
                    caption { "Level-of-care history" }
                    thead { tr { th scope="col" { "Level" } th scope="col" { "Weekly target" } th scope="col" { "From" } th scope="col" { "Until" } } }
                    tbody { @for period in course { tr {
                        td { (period.level.display()) }
                        td { @match period.weekly_target_minutes { Some(minutes) => { (hours(i64::from(minutes))) " hours a week" } None => { "No hours target" } } }
                        td { (day(period.from)) }
                        td { @match period.until { Some(until) => { (day(until)) } None => { "Open" } } }
                    } } }
                } }
            }
        }
        (PreEscaped(attendance_section(attendance, today)))
        section aria-labelledby="shared" {
            h2 #shared { "Shared by the patient" }
            @if nothing_shared {
                p { "Nothing is shared with you at the moment. Entries appear here when the patient shares them, and disappear when the patient revokes the consent or it expires." }
            } @else {
                (part2())
                @for (index, disclosure) in disclosures.iter().enumerate() { (disclosure_section(index + 1, disclosure, zone)) }
            }
        }
    }
    .into_string()
}

/// A refusal page body.
pub fn refused(title: &str, text: &str) -> String {
    html! {
        h1 { (title) }
        p { (text) }
        p { a href="/portal/patients" { "Back to my patients" } }
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
            purpose: "Treatment".into(),
            responses: vec![halt("7", 3, 2), halt("8", 0, 3), urge],
        };
        let zone: Tz = "America/Chicago".parse().unwrap();
        let html = disclosure_section(1, &disclosure, zone).into_string();
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
}
