//! The staff workspace's pages as maud templates, in the staff member's language: Today, Worklist,
//! Programs, one program, one session (roster and attendance), the clinic's patients and one patient's
//! enrollment, devices, care team and course of care. Every value is escaped by maud; a form that failed
//! is shown again with what was typed and the reason.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, PreEscaped};
use tideline_wire::care::{LevelOfCare, Place, SessionKind};

use super::html::csrf;
use super::words::{self, t, tr, Arg, Lang};
use crate::course::Period;
use crate::program::ProgramSummary;
use crate::report::Worklist;
use crate::sessions::{Roster, RosterEntry, SessionSummary};

/// A form that was refused: which one, why, and what was typed.
#[derive(Debug, Clone)]
pub struct Failed {
    /// The form's id.
    pub form: &'static str,
    /// The reason, a fixed sentence in the staff member's language.
    pub message: String,
    /// The fields as sent.
    pub fields: Vec<(String, String)>,
}

/// What a form shows: the language, the csrf token, and a failure to show again if it was this form.
pub struct FormState<'a> {
    /// The staff member's language.
    pub lang: Lang,
    /// The session's token.
    pub csrf: &'a str,
    /// The failed submission, if any.
    pub failed: Option<&'a Failed>,
}

impl FormState<'_> {
    fn w(&self, id: &str) -> String {
        t(self.lang, id)
    }

    fn failed_for(&self, form: &str) -> Option<&Failed> {
        self.failed.filter(|failed| failed.form == form)
    }

    fn value(&self, form: &str, name: &str, default: &str) -> String {
        self.failed_for(form)
            .and_then(|failed| super::form::field(&failed.fields, name))
            .unwrap_or(default)
            .to_owned()
    }

    fn checked(&self, form: &str, name: &str, value: &str) -> bool {
        self.failed_for(form).is_some_and(|failed| {
            failed
                .fields
                .iter()
                .any(|(key, typed)| key == name && typed == value)
        })
    }

    fn error(&self, form: &str) -> Markup {
        html! {
            @if let Some(failed) = self.failed_for(form) {
                p.message.error role="alert" id={ (form) "-error" } { (failed.message) }
            }
        }
    }
}

fn local(at: DateTime<Utc>, zone: &str) -> DateTime<Tz> {
    at.with_timezone(&zone.parse::<Tz>().unwrap_or(Tz::UTC))
}

/// "Mon 30 Nov 2026, 18:00–21:00".
fn when(lang: Lang, session: &SessionSummary) -> String {
    tr(
        lang,
        "portal-date-hours",
        &[
            (
                "date",
                Arg::from(words::date_weekday(lang, &session.local_start())),
            ),
            ("start", Arg::from(words::clock24(&session.local_start()))),
            ("end", Arg::from(words::clock24(&session.local_end()))),
        ],
    )
}

fn place(lang: Lang, place: &Option<Place>) -> Markup {
    html! {
        @match place {
            Some(Place::Address(text)) => { (text) }
            Some(Place::Video(link)) => { a href=(link) rel="noopener noreferrer" { (t(lang, "portal-video-link")) } }
            None => { (t(lang, "portal-no-place")) }
        }
    }
}

fn mark_or(lang: Lang, mark: Option<tideline_wire::care::Attendance>, none: &str) -> String {
    mark.map_or_else(|| t(lang, none), |mark| words::mark(lang, mark))
}

/// Today: the day's sessions across programs, each with its roster and what is still to record.
pub fn today(lang: Lang, day: NaiveDate, rosters: &[Roster]) -> Markup {
    let w = |id: &str| t(lang, id);
    let previous = day.pred_opt().unwrap_or(day);
    let next = day.succ_opt().unwrap_or(day);
    html! {
        h1 { (tr(lang, "portal-today-heading", &[("date", Arg::from(words::date_long(lang, day)))])) }
        nav aria-label=(w("portal-days-label")) .row {
            a href={ "/portal/today?date=" (previous) } { (w("portal-previous-day")) }
            a href={ "/portal/today?date=" (next) } { (w("portal-next-day")) }
            form.inline method="get" action="/portal/today" {
                div { label for="date" { (w("portal-go-to-date")) } input #date type="date" name="date" value=(day); }
                button.secondary type="submit" { (w("portal-show")) }
            }
        }
        @if rosters.is_empty() {
            p { (w("portal-today-empty")) }
        } @else {
            ul.cards {
                @for roster in rosters {
                    @let session = &roster.session;
                    li.card {
                        h2 { a href={ "/portal/sessions/" (session.id) } { (session.program) ": " (words::session_kind(lang, session.kind)) } }
                        p { (when(lang, session)) }
                        @if let Some(topic) = &session.topic { p { (tr(lang, "portal-topic", &[("topic", Arg::from(topic))])) } }
                        p { (place(lang, &session.place)) }
                        @if let Some(reason) = &session.cancelled_reason {
                            p.cancelled { (tr(lang, "portal-cancelled", &[("reason", Arg::from(reason))])) }
                        } @else {
                            p { (tr(lang, "portal-booked-unrecorded", &[("booked", Arg::from(session.booked)), ("unrecorded", Arg::from(session.unrecorded))])) }
                            @if roster.booked().next().is_some() {
                                ul.roster-list { @for entry in roster.booked() {
                                    li { (entry.name) ": " (words::answer(lang, entry.answer)) " · "
                                        (mark_or(lang, entry.attendance, "portal-not-recorded-lower")) }
                                } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The worklist.
pub fn worklist(lang: Lang, list: &Worklist) -> Markup {
    let w = |id: &str| t(lang, id);
    html! {
        h1 { (w("portal-nav-worklist")) }
        h2 { (w("portal-worklist-below")) }
        @if list.below_target.is_empty() { p { (w("portal-worklist-below-empty")) } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { (w("portal-col-patient")) } th scope="col" { (w("portal-col-hours")) } th scope="col" { (w("portal-col-target")) } } }
                tbody { @for line in &list.below_target { tr {
                    td { a href={ "/portal/patients/" (line.patient_id) } { (line.name) } }
                    td { (tr(lang, "portal-hours", &[("hours", Arg::from(words::hours(lang, u32::try_from(line.attended_minutes).unwrap_or(0))))])) }
                    td { (words::target(lang, line.target_minutes)) }
                } } }
            } }
        }
        (appointment_table(lang, "portal-worklist-missed", "portal-worklist-missed-empty", &list.missed))
        (appointment_table(lang, "portal-worklist-unanswered", "portal-worklist-unanswered-empty", &list.unanswered))
        h2 { (w("portal-worklist-unrecorded")) }
        @if list.unrecorded.is_empty() { p { (w("portal-worklist-unrecorded-empty")) } } @else {
            ul { @for session in &list.unrecorded {
                li { a href={ "/portal/sessions/" (session.id) } { (session.program) ", " (when(lang, session)) } " · " (tr(lang, "portal-to-record", &[("count", Arg::from(session.unrecorded))])) }
            } }
        }
    }
}

fn appointment_table(
    lang: Lang,
    title: &str,
    empty: &str,
    lines: &[crate::report::AppointmentLine],
) -> Markup {
    let w = |id: &str| t(lang, id);
    html! {
        h2 { (w(title)) }
        @if lines.is_empty() { p { (w(empty)) } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { (w("portal-col-patient")) } th scope="col" { (w("portal-col-session")) } } }
                tbody { @for line in lines { tr {
                    td { a href={ "/portal/patients/" (line.patient_id) } { (line.name) } }
                    td { a href={ "/portal/sessions/" (line.session_id) } { (line.program) ", " (words::day_and_time(lang, &local(line.start, &line.time_zone))) } }
                } } }
            } }
        }
    }
}

fn level_options(state: &FormState<'_>, form: &str, with_aftercare: bool) -> Markup {
    let chosen = state.value(form, "level", "iop");
    html! {
        @for level in LevelOfCare::ALL {
            @if with_aftercare || level != LevelOfCare::Aftercare {
                option value=(level.code()) selected[chosen == level.code()] { (words::level(state.lang, level)) }
            }
        }
    }
}

/// The programs, and for administrators the form that creates one.
pub fn programs(programs: &[ProgramSummary], admin: bool, state: &FormState<'_>) -> Markup {
    let lang = state.lang;
    html! {
        h1 { (state.w("portal-nav-programs")) }
        @if programs.is_empty() { p { (state.w("portal-programs-empty")) } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { (state.w("portal-col-program")) } th scope="col" { (state.w("portal-col-time-zone")) } th scope="col" { (state.w("portal-col-level-of-care")) } th scope="col" { (state.w("portal-col-weekly-target")) } } }
                tbody { @for program in programs { tr {
                    td { a href={ "/portal/programs/" (program.id) } { (program.name) } }
                    td { (program.time_zone) }
                    td { (words::level(lang, program.level)) }
                    td { (words::target(lang, program.weekly_target_minutes)) }
                } } }
            } }
        }
        @if admin {
            form.form method="post" action="/portal/programs" aria-labelledby="new-program" {
                h2 #new-program { (state.w("portal-program-create-heading")) }
                (state.error("program"))
                (csrf(state.csrf))
                div.field { label for="program-name" { (state.w("portal-program-name")) } input #program-name type="text" name="name" required value=(state.value("program", "name", "")); }
                div.field { label for="program-zone" { (state.w("portal-program-zone")) } input #program-zone type="text" name="timeZone" required value=(state.value("program", "timeZone", "America/Chicago")); }
                div.row {
                    div.field { label for="program-level" { (state.w("portal-level-of-care")) } select #program-level name="level" { (level_options(state, "program", false)) } }
                    div.field { label for="program-target" { (state.w("portal-target-optional")) } input #program-target type="number" name="targetHours" min="0" step="0.25" value=(state.value("program", "targetHours", "")); }
                }
                button type="submit" { (state.w("portal-program-create")) }
            }
        }
    }
}

fn sessions_table(lang: Lang, sessions: &[SessionSummary]) -> Markup {
    let w = |id: &str| t(lang, id);
    html! {
        @if sessions.is_empty() { p { (w("portal-sessions-empty")) } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { (w("portal-col-when")) } th scope="col" { (w("portal-col-kind")) } th scope="col" { (w("portal-col-topic")) } th scope="col" { (w("portal-col-place")) } th scope="col" { (w("portal-col-status")) } } }
                tbody { @for session in sessions { tr {
                    td { a href={ "/portal/sessions/" (session.id) } { (when(lang, session)) } }
                    td { (words::session_kind(lang, session.kind)) }
                    td { (session.topic.as_deref().unwrap_or("")) }
                    td { (place(lang, &session.place)) }
                    td { @if let Some(reason) = &session.cancelled_reason { span.cancelled { (tr(lang, "portal-cancelled", &[("reason", Arg::from(reason))])) } } @else { (tr(lang, "portal-booked", &[("count", Arg::from(session.booked))])) } }
                } } }
            } }
        }
    }
}

/// One program: its sessions and, for administrators, scheduling, members and the report.
pub fn program(
    program: &ProgramSummary,
    sessions: &[SessionSummary],
    patients: &[crate::patient::Listed],
    admin: bool,
    state: &FormState<'_>,
) -> Markup {
    let lang = state.lang;
    html! {
        h1 { (program.name) }
        p { (words::level(lang, program.level)) " · " (words::target(lang, program.weekly_target_minutes)) " · " (program.time_zone) }
        h2 { (state.w("portal-sessions-heading")) }
        (sessions_table(lang, sessions))
        @if admin {
            (schedule_form(program.id, state))
            form.form method="post" action={ "/portal/programs/" (program.id) "/members" } aria-labelledby="add-member" {
                h2 #add-member { (state.w("portal-member-heading")) }
                (state.error("member"))
                (csrf(state.csrf))
                div.field { label for="member-patient" { (state.w("portal-patient")) } select #member-patient name="patientId" {
                    @for patient in patients { option value=(patient.id) { (patient.name) } }
                } }
                button type="submit" { (state.w("portal-member-add")) }
            }
            form.form method="get" action={ "/portal/programs/" (program.id) "/report.csv" } aria-labelledby="report" {
                h2 #report { (state.w("portal-report-heading")) }
                div.row {
                    div.field { label for="report-from" { (state.w("portal-from")) } input #report-from type="date" name="from" required; }
                    div.field { label for="report-to" { (state.w("portal-to")) } input #report-to type="date" name="to" required; }
                }
                button type="submit" { (state.w("portal-report-download")) }
            }
        }
    }
}

fn schedule_form(program_id: i64, state: &FormState<'_>) -> Markup {
    let kind = state.value("schedule", "kind", "group-therapy");
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    html! {
        form.form method="post" action={ "/portal/programs/" (program_id) "/sessions" } aria-labelledby="schedule" {
            h2 #schedule { (state.w("portal-schedule-heading")) }
            p.hint { (state.w("portal-schedule-hint")) }
            (state.error("schedule"))
            (csrf(state.csrf))
            div.row {
                div.field { label for="kind" { (state.w("portal-kind-of-session")) } select #kind name="kind" {
                    @for option in SessionKind::ALL { @if option != SessionKind::AftercareCheckIn {
                        option value=(option.code()) selected[kind == option.code()] { (words::session_kind(state.lang, option)) }
                    } }
                } }
                div.field { label for="first-day" { (state.w("portal-first-day")) } input #first-day type="date" name="firstDay" required value=(state.value("schedule", "firstDay", "")); }
            }
            fieldset { legend { (state.w("portal-weekdays")) } div.checks {
                @for (index, code) in days.iter().enumerate() {
                    label { input type="checkbox" name="weekdays" value=(code) checked[state.checked("schedule", "weekdays", code)]; (state.w(&format!("portal-weekday-{}", index + 1))) }
                }
            } }
            div.row {
                div.field { label for="start" { (state.w("portal-start-time")) } input #start type="time" name="start" required value=(state.value("schedule", "start", "18:00")); }
                div.field { label for="end" { (state.w("portal-end-time")) } input #end type="time" name="end" required value=(state.value("schedule", "end", "21:00")); }
                div.field { label for="weeks" { (state.w("portal-weeks")) } input #weeks type="number" name="weeks" min="1" max="52" value=(state.value("schedule", "weeks", "1")); }
                div.field { label for="end-date" { (state.w("portal-end-date")) } input #end-date type="date" name="endDate" value=(state.value("schedule", "endDate", "")); }
            }
            div.field { label for="topic" { (state.w("portal-topic-optional")) } input #topic type="text" name="topic" value=(state.value("schedule", "topic", "")); }
            div.row {
                div.field { label for="place" { (state.w("portal-place-optional")) } input #place type="text" name="place" value=(state.value("schedule", "place", "")); }
                div.field { label for="video" { (state.w("portal-video-optional")) } input #video type="url" name="videoLink" value=(state.value("schedule", "videoLink", "")); }
            }
            button type="submit" { (state.w("portal-schedule")) }
        }
    }
}

fn mark_form(state: &FormState<'_>, entry: &RosterEntry) -> Markup {
    let lang = state.lang;
    let id = entry.appointment_id;
    let for_name = tr(lang, "portal-for-name", &[("name", Arg::from(&entry.name))]);
    html! {
        form.inline method="post" action={ "/portal/appointments/" (id) "/mark" } {
            (csrf(state.csrf))
            div { label for={ "mark-" (id) } { (tr(lang, "portal-attendance-for", &[("name", Arg::from(&entry.name))])) }
                select id={ "mark-" (id) } name="mark" {
                    option value="attended" { (state.w("portal-mark-attended")) } option value="late" { (state.w("portal-mark-option-late")) } option value="left-early" { (state.w("portal-mark-option-left-early")) }
                    option value="no-show" { (state.w("portal-mark-no-show")) } option value="excused" { (state.w("portal-mark-excused")) }
                } }
            div { label for={ "minutes-" (id) } { (state.w("portal-minutes-late-or-early")) span.vh { " " (for_name) } }
                input id={ "minutes-" (id) } type="number" name="minutes" min="1" max="720"; }
            button type="submit" { (state.w("portal-record")) span.vh { " " (for_name) } }
        }
    }
}

/// Why one patient's appointment was cancelled, in the reader's words.
fn cancelled_reason(lang: Lang, session: &SessionSummary, entry: &RosterEntry) -> String {
    match entry
        .cancelled_reason
        .as_deref()
        .or(session.cancelled_reason.as_deref())
    {
        Some(crate::course::DISCHARGE_REASON) => t(lang, "portal-cancelled-discharged"),
        Some(reason) => reason.to_owned(),
        None => t(lang, "portal-cancelled-no-reason"),
    }
}

fn roster_table(roster: &Roster, started: bool, state: &FormState<'_>) -> Markup {
    let lang = state.lang;
    let session = &roster.session;
    html! {
        @if roster.booked().next().is_none() { p { (state.w("portal-roster-empty")) } } @else {
            div.table-wrap { table {
                caption { (state.w("portal-roster-caption")) }
                thead { tr { th scope="col" { (state.w("portal-col-patient")) } th scope="col" { (state.w("portal-col-answer")) } th scope="col" { (state.w("portal-col-attendance")) } th scope="col" { (state.w("portal-col-hours-counted")) } th scope="col" { (state.w("portal-col-record-attendance")) } } }
                tbody { @for entry in roster.booked() { tr {
                    th scope="row" { (entry.name) }
                    td { (words::answer(lang, entry.answer)) @if let Some(at) = entry.answered_at { br; span.hint { (tr(lang, "portal-answered-at", &[("when", Arg::from(words::day_and_time(lang, &local(at, &session.time_zone))))])) } } }
                    td { (mark_or(lang, entry.attendance, "portal-not-recorded")) }
                    td { (words::hours(lang, entry.attended_minutes)) }
                    td { @if started && session.cancelled_reason.is_none() {
                        (mark_form(state, entry))
                    } @else { span.hint { (state.w("portal-after-start")) } } }
                } } }
            } }
        }
        @if roster.cancelled().next().is_some() {
            h3 #roster-cancelled { (state.w("portal-roster-cancelled-heading")) }
            ul aria-labelledby="roster-cancelled" { @for entry in roster.cancelled() {
                li { (entry.name) ": " (tr(lang, "portal-cancelled", &[("reason", Arg::from(cancelled_reason(lang, session, entry)))])) }
            } }
        }
    }
}

/// One session: details, the roster with one attendance action per patient, cancel and move.
pub fn session(roster: &Roster, now: DateTime<Utc>, admin: bool, state: &FormState<'_>) -> Markup {
    let lang = state.lang;
    let session = &roster.session;
    let started = session.start <= now;
    html! {
        h1 { (session.program) ": " (words::session_kind(lang, session.kind)) }
        p { (when(lang, session)) " · " (place(lang, &session.place)) }
        @if let Some(topic) = &session.topic { p { (tr(lang, "portal-topic", &[("topic", Arg::from(topic))])) } }
        @if let Some(reason) = &session.cancelled_reason { p.cancelled { (tr(lang, "portal-cancelled", &[("reason", Arg::from(reason))])) } }
        @if let Some(reason) = &session.moved_reason { p { (tr(lang, "portal-moved", &[("reason", Arg::from(reason))])) } }
        h2 { (state.w("portal-roster-heading")) }
        (state.error("mark"))
        (roster_table(roster, started, state))
        @if admin && session.cancelled_reason.is_none() && !started {
            form.form method="post" action={ "/portal/sessions/" (session.id) "/cancel" } aria-labelledby="cancel" {
                h2 #cancel { (state.w("portal-cancel-heading")) }
                (state.error("cancel"))
                (csrf(state.csrf))
                div.field { label for="cancel-reason" { (state.w("portal-cancel-reason")) } input #cancel-reason type="text" name="reason" required value=(state.value("cancel", "reason", "")); }
                button type="submit" { (state.w("portal-cancel-session")) }
            }
            form.form method="post" action={ "/portal/sessions/" (session.id) "/move" } aria-labelledby="move" {
                h2 #move { (state.w("portal-move-heading")) }
                (state.error("move"))
                (csrf(state.csrf))
                div.row {
                    div.field { label for="move-day" { (state.w("portal-new-day")) } input #move-day type="date" name="day" required value=(state.value("move", "day", &session.local_start().date_naive().to_string())); }
                    div.field { label for="move-start" { (state.w("portal-start-time")) } input #move-start type="time" name="start" required value=(state.value("move", "start", &words::clock24(&session.local_start()))); }
                    div.field { label for="move-end" { (state.w("portal-end-time")) } input #move-end type="time" name="end" required value=(state.value("move", "end", &words::clock24(&session.local_end()))); }
                }
                div.field { label for="move-reason" { (state.w("portal-move-reason")) } input #move-reason type="text" name="reason" required value=(state.value("move", "reason", "")); }
                button type="submit" { (state.w("portal-move-session")) }
            }
        }
    }
}

/// The clinic's patients with the form that adds one (administrators).
pub fn clinic_patients(patients: &[crate::patient::Listed], state: &FormState<'_>) -> Markup {
    html! {
        h1 { (state.w("portal-nav-all-patients")) }
        @if patients.is_empty() { p { (state.w("portal-clinic-patients-empty")) } } @else {
            ul { @for patient in patients { li { a href={ "/portal/clinic/patients/" (patient.id) } { (patient.name) } } } }
        }
        form.form method="post" action="/portal/clinic/patients" aria-labelledby="new-patient" {
            h2 #new-patient { (state.w("portal-patient-add-heading")) }
            (state.error("patient"))
            (csrf(state.csrf))
            div.row {
                div.field { label for="given" { (state.w("portal-given-name")) } input #given type="text" name="givenName" required value=(state.value("patient", "givenName", "")); }
                div.field { label for="family" { (state.w("portal-family-name")) } input #family type="text" name="familyName" required value=(state.value("patient", "familyName", "")); }
            }
            button type="submit" { (state.w("portal-patient-add")) }
        }
    }
}

/// Everything an administrator manages for one patient.
pub struct PatientAdmin<'a> {
    /// Name.
    pub name: &'a str,
    /// Id.
    pub id: i64,
    /// Devices: id, enrolled, revoked.
    pub devices: &'a [crate::enrollment::DeviceSummary],
    /// Care team members.
    pub team: &'a [crate::share::care_team::Member],
    /// The clinic's staff (id, name, admin).
    pub staff: &'a [(i64, String, bool)],
    /// The course of care.
    pub course: &'a [Period],
    /// The clinic's programs.
    pub programs: &'a [ProgramSummary],
    /// A code just issued, with its QR code as SVG (shown once).
    pub code: Option<(&'a str, &'a str)>,
}

/// One patient's enrollment, devices, care team and course of care.
pub fn patient_admin(page: &PatientAdmin<'_>, state: &FormState<'_>) -> Markup {
    let lang = state.lang;
    let id = page.id;
    html! {
        h1 { (page.name) }
        h2 { (state.w("portal-connect-heading")) }
        @if let Some((code, svg)) = page.code {
            p { (state.w("portal-code-shown-once")) }
            p.code #enrollment-code { (code) }
            div.qr role="img" aria-label=(state.w("portal-code-qr")) { (PreEscaped(svg)) }
        }
        form.inline method="post" action={ "/portal/clinic/patients/" (id) "/code" } {
            (csrf(state.csrf)) button type="submit" { (state.w("portal-code-create")) }
        }
        h2 { (state.w("portal-devices-heading")) }
        @if page.devices.is_empty() { p { (state.w("portal-devices-empty")) } } @else {
            ul { @for device in page.devices { li {
                (tr(lang, "portal-device-line", &[("id", Arg::from(device.id.to_string())), ("date", Arg::from(words::date(lang, device.enrolled_at.date_naive())))]))
                @if let Some(revoked) = device.revoked_at { " " (tr(lang, "portal-device-revoked", &[("date", Arg::from(words::date(lang, revoked.date_naive())))])) } @else {
                    form.inline method="post" action={ "/portal/clinic/devices/" (device.id) "/revoke" } {
                        (csrf(state.csrf)) button.secondary type="submit" { (tr(lang, "portal-device-revoke", &[("id", Arg::from(device.id.to_string()))])) }
                    }
                }
            } } }
        }
        h2 { (state.w("portal-care-team-heading")) }
        @if page.team.is_empty() { p { (state.w("portal-care-team-empty")) } } @else {
            ul { @for member in page.team { li {
                (member.display_name) " "
                form.inline method="post" action={ "/portal/clinic/patients/" (id) "/care-team/" (member.staff_id) "/remove" } {
                    (csrf(state.csrf)) button.secondary type="submit" { (tr(lang, "portal-care-team-remove", &[("name", Arg::from(&member.display_name))])) }
                }
            } } }
        }
        form.form method="post" action={ "/portal/clinic/patients/" (id) "/care-team" } aria-labelledby="assign" {
            h3 #assign { (state.w("portal-care-team-add-heading")) }
            (state.error("team")) (csrf(state.csrf))
            div.field { label for="team-staff" { (state.w("portal-staff-member")) } select #team-staff name="staffId" {
                @for (staff_id, name, _) in page.staff { option value=(staff_id) { (name) } }
            } }
            button type="submit" { (state.w("portal-care-team-add")) }
        }
        (course_section(page, state))
    }
}

fn course_section(page: &PatientAdmin<'_>, state: &FormState<'_>) -> Markup {
    let lang = state.lang;
    let id = page.id;
    // The current period's program unless the refused form chose another: a step-down is recorded
    // under the program the patient is in.
    let current = page
        .course
        .last()
        .map_or(String::new(), |period| period.program_id.to_string());
    let program = state.value("level", "programId", &current);
    html! {
        h2 { (state.w("portal-level-heading")) }
        (super::pages::course(lang, page.course))
        @if let Some(aftercare) = page.course.last().filter(|period| period.level == LevelOfCare::Aftercare) {
            p { (tr(lang, "portal-discharged-on", &[("date", Arg::from(words::date(lang, aftercare.from)))])) }
        } @else {
        form.form method="post" action={ "/portal/clinic/patients/" (id) "/level" } aria-labelledby="set-level" {
            h3 #set-level { (state.w("portal-set-level-heading")) }
            (state.error("level")) (csrf(state.csrf))
            div.row {
                div.field { label for="level-program" { (state.w("portal-program")) } select #level-program name="programId" {
                    @for option in page.programs { option value=(option.id) selected[program == option.id.to_string()] { (option.name) } }
                } }
                div.field { label for="level" { (state.w("portal-level-of-care")) } select #level name="level" { (level_options(state, "level", false)) } }
                div.field { label for="level-target" { (state.w("portal-target-outpatient")) } input #level-target type="number" name="targetHours" min="0" step="0.25" value=(state.value("level", "targetHours", "")); }
                div.field { label for="level-from" { (state.w("portal-from")) } input #level-from type="date" name="from" required value=(state.value("level", "from", "")); }
            }
            button type="submit" { (state.w("portal-level-save")) }
        }
        form.form method="post" action={ "/portal/clinic/patients/" (id) "/discharge" } aria-labelledby="discharge" {
            h3 #discharge { (state.w("portal-discharge-heading")) }
            p.hint { (state.w("portal-discharge-hint")) }
            (state.error("discharge")) (csrf(state.csrf))
            div.row {
                div.field { label for="discharge-on" { (state.w("portal-discharge-date")) } input #discharge-on type="date" name="on" required value=(state.value("discharge", "on", "")); }
                div.field { label for="discharge-time" { (state.w("portal-check-in-time")) } input #discharge-time type="time" name="checkInTime" required value=(state.value("discharge", "checkInTime", "10:00")); }
            }
            button type="submit" { (state.w("portal-discharge")) }
        }
        }
    }
}

/// The clinic's staff and the form that adds an account (administrators). The password is never
/// shown again, not even after a refused form.
pub fn staff(staff: &[(i64, String, bool)], state: &FormState<'_>) -> Markup {
    let lang = state.lang;
    html! {
        h1 { (state.w("portal-staff-title")) }
        ul { @for (_, name, admin) in staff { li { (tr(lang, if *admin { "portal-staff-admin" } else { "portal-staff-counselor" }, &[("name", Arg::from(name))])) } } }
        form.form method="post" action="/portal/clinic/staff" aria-labelledby="new-staff" {
            h2 #new-staff { (state.w("portal-staff-add-heading")) }
            (state.error("staff")) (csrf(state.csrf))
            div.field { label for="staff-name" { (state.w("portal-staff-name")) } input #staff-name type="text" name="displayName" required value=(state.value("staff", "displayName", "")); }
            div.field { label for="staff-email" { (state.w("portal-email")) } input #staff-email type="email" name="email" required autocomplete="off" value=(state.value("staff", "email", "")); }
            div.field { label for="staff-password" { (state.w("portal-staff-password")) } input #staff-password type="password" name="password" required autocomplete="new-password"; }
            div.checks { label { input type="checkbox" name="admin" value="yes" checked[state.checked("staff", "admin", "yes")]; (state.w("portal-staff-admin-check")) } }
            button type="submit" { (state.w("portal-staff-add")) }
        }
    }
}

/// A confirmation before an action that cannot be undone: what will happen, a button that posts the
/// same form again with `confirm=yes` (and the session's token), and a way back that changes nothing.
pub struct Confirmation {
    /// The question, as the page's heading.
    pub heading: String,
    /// What will happen, one sentence a line.
    pub lines: Vec<String>,
    /// The form's action (the same as the first post's).
    pub action: String,
    /// The fields of the first post to send again.
    pub fields: Vec<(&'static str, String)>,
    /// The button that does it ("Yes, discharge").
    pub yes: String,
    /// Where Cancel goes (nothing changed).
    pub back: String,
}

/// The confirmation page.
pub fn confirm(page: &Confirmation, state: &FormState<'_>) -> Markup {
    html! {
        h1 { (page.heading) }
        @for line in &page.lines { p { (line) } }
        form.form method="post" action=(page.action) aria-label=(page.heading) {
            (csrf(state.csrf))
            @for (name, value) in &page.fields { input type="hidden" name=(name) value=(value); }
            input type="hidden" name="confirm" value="yes";
            div.row {
                button type="submit" { (page.yes) }
                a href=(page.back) { (state.w("portal-confirm-back")) }
            }
        }
    }
}
