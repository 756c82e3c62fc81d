//! The staff workspace's pages as maud templates: Today, Worklist, Programs, one program, one session
//! (roster and attendance), the clinic's patients and one patient's enrollment, devices, care team and
//! course of care. Every value is escaped by maud; a form that failed is shown again with what was
//! typed and the reason.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, PreEscaped};
use tideline_wire::care::{hours_text, LevelOfCare, Place, SessionKind};

use super::html::csrf;
use crate::course::Period;
use crate::program::ProgramSummary;
use crate::report::Worklist;
use crate::sessions::{Roster, SessionSummary};

/// A form that was refused: which one, why, and what was typed.
#[derive(Debug, Clone)]
pub struct Failed {
    /// The form's id.
    pub form: &'static str,
    /// The reason, a fixed sentence.
    pub message: String,
    /// The fields as sent.
    pub fields: Vec<(String, String)>,
}

/// What a form shows: its id, the csrf token, and a failure to show again if it was this form.
pub struct FormState<'a> {
    /// The session's token.
    pub csrf: &'a str,
    /// The failed submission, if any.
    pub failed: Option<&'a Failed>,
}

impl FormState<'_> {
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

fn when(session: &SessionSummary) -> String {
    format!(
        "{}, {}–{}",
        session.local_start().format("%a %-d %b %Y"),
        session.local_start().format("%H:%M"),
        session.local_end().format("%H:%M")
    )
}

fn place(place: &Option<Place>) -> Markup {
    html! {
        @match place {
            Some(Place::Address(text)) => { (text) }
            Some(Place::Video(link)) => { a href=(link) rel="noopener noreferrer" { "Video link" } }
            None => { "No place given" }
        }
    }
}

fn target_text(minutes: Option<u32>) -> String {
    minutes.map_or_else(
        || "No hours target".into(),
        |m| format!("{} hours a week", hours_text(m)),
    )
}

/// Today: the day's sessions across programs, each with its roster and what is still to record.
pub fn today(day: NaiveDate, rosters: &[Roster]) -> Markup {
    let previous = day.pred_opt().unwrap_or(day);
    let next = day.succ_opt().unwrap_or(day);
    html! {
        h1 { "Sessions on " (day.format("%A %-d %B %Y")) }
        nav aria-label="Days" .row {
            a href={ "/portal/today?date=" (previous) } { "Previous day" }
            a href={ "/portal/today?date=" (next) } { "Next day" }
            form.inline method="get" action="/portal/today" {
                div { label for="date" { "Go to date" } input #date type="date" name="date" value=(day); }
                button.secondary type="submit" { "Show" }
            }
        }
        @if rosters.is_empty() {
            p { "No sessions are scheduled on this day." }
        } @else {
            ul.cards {
                @for roster in rosters {
                    @let session = &roster.session;
                    li.card {
                        h2 { a href={ "/portal/sessions/" (session.id) } { (session.program) ": " (session.kind.display()) } }
                        p { (when(session)) }
                        @if let Some(topic) = &session.topic { p { "Topic: " (topic) } }
                        p { (place(&session.place)) }
                        @if let Some(reason) = &session.cancelled_reason {
                            p.cancelled { "Cancelled: " (reason) }
                        } @else {
                            p { (session.booked) " booked · " (session.unrecorded) " still to record" }
                            @if !roster.entries.is_empty() {
                                ul.roster-list { @for entry in &roster.entries {
                                    li { (entry.name) ": " (entry.answer.words()) " · "
                                        @match entry.attendance { Some(mark) => { (mark.display()) } None => { "not recorded" } } }
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
pub fn worklist(list: &Worklist) -> Markup {
    html! {
        h1 { "Worklist" }
        h2 { "Below their weekly target this week" }
        @if list.below_target.is_empty() { p { "Everyone is at or above their target so far." } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { "Patient" } th scope="col" { "Attended" } th scope="col" { "Target" } } }
                tbody { @for line in &list.below_target { tr {
                    td { a href={ "/portal/patients/" (line.patient_id) } { (line.name) } }
                    td { (hours_text(u32::try_from(line.attended_minutes).unwrap_or(0))) " hours" }
                    td { (target_text(line.target_minutes)) }
                } } }
            } }
        }
        (appointment_table("Missed sessions in the last 7 days", "No missed sessions in the last 7 days.", &list.missed))
        (appointment_table("Invitations without an answer for the next 24 hours", "Every invitation for the next 24 hours has an answer.", &list.unanswered))
        h2 { "Sessions that ended without attendance recorded" }
        @if list.unrecorded.is_empty() { p { "Attendance is recorded for every session that has ended." } } @else {
            ul { @for session in &list.unrecorded {
                li { a href={ "/portal/sessions/" (session.id) } { (session.program) ", " (when(session)) } " · " (session.unrecorded) " to record" }
            } }
        }
    }
}

fn appointment_table(title: &str, empty: &str, lines: &[crate::report::AppointmentLine]) -> Markup {
    html! {
        h2 { (title) }
        @if lines.is_empty() { p { (empty) } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { "Patient" } th scope="col" { "Session" } } }
                tbody { @for line in lines { tr {
                    td { a href={ "/portal/patients/" (line.patient_id) } { (line.name) } }
                    td { a href={ "/portal/sessions/" (line.session_id) } { (line.program) ", " (local(line.start, &line.time_zone).format("%a %-d %b %H:%M")) } }
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
                option value=(level.code()) selected[chosen == level.code()] { (level.display()) }
            }
        }
    }
}

/// The programs, and for administrators the form that creates one.
pub fn programs(programs: &[ProgramSummary], admin: bool, state: &FormState<'_>) -> Markup {
    html! {
        h1 { "Programs" }
        @if programs.is_empty() { p { "No programs yet." } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { "Program" } th scope="col" { "Time zone" } th scope="col" { "Level of care" } th scope="col" { "Weekly target" } } }
                tbody { @for program in programs { tr {
                    td { a href={ "/portal/programs/" (program.id) } { (program.name) } }
                    td { (program.time_zone) }
                    td { (program.level.display()) }
                    td { (target_text(program.weekly_target_minutes)) }
                } } }
            } }
        }
        @if admin {
            form.form method="post" action="/portal/programs" aria-labelledby="new-program" {
                h2 #new-program { "Create a program" }
                (state.error("program"))
                (csrf(state.csrf))
                div.field { label for="program-name" { "Program name" } input #program-name type="text" name="name" required value=(state.value("program", "name", "")); }
                div.field { label for="program-zone" { "Time zone (IANA name)" } input #program-zone type="text" name="timeZone" required value=(state.value("program", "timeZone", "America/Chicago")); }
                div.row {
                    div.field { label for="program-level" { "Level of care" } select #program-level name="level" { (level_options(state, "program", false)) } }
                    div.field { label for="program-target" { "Weekly target in hours (optional)" } input #program-target type="number" name="targetHours" min="0" step="0.25" value=(state.value("program", "targetHours", "")); }
                }
                button type="submit" { "Create program" }
            }
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
    html! {
        h1 { (program.name) }
        p { (program.level.display()) " · " (target_text(program.weekly_target_minutes)) " · " (program.time_zone) }
        h2 { "Sessions" }
        @if sessions.is_empty() { p { "No sessions in the coming four weeks." } } @else {
            div.table-wrap { table {
                thead { tr { th scope="col" { "When" } th scope="col" { "Kind" } th scope="col" { "Topic" } th scope="col" { "Place" } th scope="col" { "Status" } } }
                tbody { @for session in sessions { tr {
                    td { a href={ "/portal/sessions/" (session.id) } { (when(session)) } }
                    td { (session.kind.display()) }
                    td { (session.topic.as_deref().unwrap_or("")) }
                    td { (place(&session.place)) }
                    td { @if let Some(reason) = &session.cancelled_reason { span.cancelled { "Cancelled: " (reason) } } @else { (session.booked) " booked" } }
                } } }
            } }
        }
        @if admin {
            (schedule_form(program.id, state))
            form.form method="post" action={ "/portal/programs/" (program.id) "/members" } aria-labelledby="add-member" {
                h2 #add-member { "Add a patient to this program" }
                (state.error("member"))
                (csrf(state.csrf))
                div.field { label for="member-patient" { "Patient" } select #member-patient name="patientId" {
                    @for patient in patients { option value=(patient.id) { (patient.name) } }
                } }
                button type="submit" { "Add to program" }
            }
            form.form method="get" action={ "/portal/programs/" (program.id) "/report.csv" } aria-labelledby="report" {
                h2 #report { "Attendance report (CSV)" }
                div.row {
                    div.field { label for="report-from" { "From" } input #report-from type="date" name="from" required; }
                    div.field { label for="report-to" { "To" } input #report-to type="date" name="to" required; }
                }
                button type="submit" { "Download CSV" }
            }
        }
    }
}

fn schedule_form(program_id: i64, state: &FormState<'_>) -> Markup {
    let kind = state.value("schedule", "kind", "group-therapy");
    let days = [
        ("mon", "Monday"),
        ("tue", "Tuesday"),
        ("wed", "Wednesday"),
        ("thu", "Thursday"),
        ("fri", "Friday"),
        ("sat", "Saturday"),
        ("sun", "Sunday"),
    ];
    html! {
        form.form method="post" action={ "/portal/programs/" (program_id) "/sessions" } aria-labelledby="schedule" {
            h2 #schedule { "Schedule sessions" }
            p.hint { "Choose weekdays for a series, or none for a single session on the first day." }
            (state.error("schedule"))
            (csrf(state.csrf))
            div.row {
                div.field { label for="kind" { "Kind of session" } select #kind name="kind" {
                    @for option in SessionKind::ALL { @if option != SessionKind::AftercareCheckIn {
                        option value=(option.code()) selected[kind == option.code()] { (option.display()) }
                    } }
                } }
                div.field { label for="first-day" { "First day" } input #first-day type="date" name="firstDay" required value=(state.value("schedule", "firstDay", "")); }
            }
            fieldset { legend { "Weekdays" } div.checks {
                @for (code, name) in days {
                    label { input type="checkbox" name="weekdays" value=(code) checked[state.checked("schedule", "weekdays", code)]; (name) }
                }
            } }
            div.row {
                div.field { label for="start" { "Start time" } input #start type="time" name="start" required value=(state.value("schedule", "start", "18:00")); }
                div.field { label for="end" { "End time" } input #end type="time" name="end" required value=(state.value("schedule", "end", "21:00")); }
                div.field { label for="weeks" { "Number of weeks" } input #weeks type="number" name="weeks" min="1" max="52" value=(state.value("schedule", "weeks", "1")); }
                div.field { label for="end-date" { "Or end date" } input #end-date type="date" name="endDate" value=(state.value("schedule", "endDate", "")); }
            }
            div.field { label for="topic" { "Topic (optional)" } input #topic type="text" name="topic" value=(state.value("schedule", "topic", "")); }
            div.row {
                div.field { label for="place" { "Place (optional)" } input #place type="text" name="place" value=(state.value("schedule", "place", "")); }
                div.field { label for="video" { "Or video link (optional)" } input #video type="url" name="videoLink" value=(state.value("schedule", "videoLink", "")); }
            }
            button type="submit" { "Schedule" }
        }
    }
}

/// One session: details, the roster with one attendance action per patient, cancel and move.
pub fn session(roster: &Roster, now: DateTime<Utc>, admin: bool, state: &FormState<'_>) -> Markup {
    let session = &roster.session;
    let started = session.start <= now;
    html! {
        h1 { (session.program) ": " (session.kind.display()) }
        p { (when(session)) " · " (place(&session.place)) }
        @if let Some(topic) = &session.topic { p { "Topic: " (topic) } }
        @if let Some(reason) = &session.cancelled_reason { p.cancelled { "Cancelled: " (reason) } }
        @if let Some(reason) = &session.moved_reason { p { "Moved: " (reason) } }
        h2 { "Roster" }
        (state.error("mark"))
        @if roster.entries.is_empty() { p { "No patients you care for are booked into this session." } } @else {
            div.table-wrap { table {
                caption { "Patients, their answer in the app, and attendance" }
                thead { tr { th scope="col" { "Patient" } th scope="col" { "Answer" } th scope="col" { "Attendance" } th scope="col" { "Hours counted" } th scope="col" { "Record attendance" } } }
                tbody { @for entry in &roster.entries { tr {
                    th scope="row" { (entry.name) }
                    td { (entry.answer.words()) @if let Some(at) = entry.answered_at { br; span.hint { "answered " (local(at, &session.time_zone).format("%a %-d %b %H:%M")) } } }
                    td { @match entry.attendance { Some(mark) => { (mark.display()) } None => { "Not recorded" } } }
                    td { (hours_text(entry.attended_minutes)) }
                    td { @if started && session.cancelled_reason.is_none() {
                        form.inline method="post" action={ "/portal/appointments/" (entry.appointment_id) "/mark" } {
                            (csrf(state.csrf))
                            div { label for={ "mark-" (entry.appointment_id) } { "Attendance for " (entry.name) }
                                select id={ "mark-" (entry.appointment_id) } name="mark" {
                                    option value="attended" { "Attended" } option value="late" { "Late" } option value="left-early" { "Left early" }
                                    option value="no-show" { "No-show" } option value="excused" { "Excused" }
                                } }
                            div { label for={ "minutes-" (entry.appointment_id) } { "Minutes late or left early" span.vh { " for " (entry.name) } }
                                input id={ "minutes-" (entry.appointment_id) } type="number" name="minutes" min="1" max="720"; }
                            button type="submit" { "Record" span.vh { " for " (entry.name) } }
                        }
                    } @else { span.hint { "After the session starts" } } }
                } } }
            } }
        }
        @if admin && session.cancelled_reason.is_none() && !started {
            form.form method="post" action={ "/portal/sessions/" (session.id) "/cancel" } aria-labelledby="cancel" {
                h2 #cancel { "Cancel this session" }
                (state.error("cancel"))
                (csrf(state.csrf))
                div.field { label for="cancel-reason" { "Reason (patients see it)" } input #cancel-reason type="text" name="reason" required value=(state.value("cancel", "reason", "")); }
                button type="submit" { "Cancel session" }
            }
            form.form method="post" action={ "/portal/sessions/" (session.id) "/move" } aria-labelledby="move" {
                h2 #move { "Move this session" }
                (state.error("move"))
                (csrf(state.csrf))
                div.row {
                    div.field { label for="move-day" { "New day" } input #move-day type="date" name="day" required value=(state.value("move", "day", &session.local_start().date_naive().to_string())); }
                    div.field { label for="move-start" { "Start time" } input #move-start type="time" name="start" required value=(state.value("move", "start", &session.local_start().format("%H:%M").to_string())); }
                    div.field { label for="move-end" { "End time" } input #move-end type="time" name="end" required value=(state.value("move", "end", &session.local_end().format("%H:%M").to_string())); }
                }
                div.field { label for="move-reason" { "Reason (patients see the new time)" } input #move-reason type="text" name="reason" required value=(state.value("move", "reason", "")); }
                button type="submit" { "Move session" }
            }
        }
    }
}

/// The clinic's patients with the form that adds one (administrators).
pub fn clinic_patients(patients: &[crate::patient::Listed], state: &FormState<'_>) -> Markup {
    html! {
        h1 { "All patients" }
        @if patients.is_empty() { p { "No patients yet." } } @else {
            ul { @for patient in patients { li { a href={ "/portal/clinic/patients/" (patient.id) } { (patient.name) } } } }
        }
        form.form method="post" action="/portal/clinic/patients" aria-labelledby="new-patient" {
            h2 #new-patient { "Add a patient" }
            (state.error("patient"))
            (csrf(state.csrf))
            div.row {
                div.field { label for="given" { "Given name" } input #given type="text" name="givenName" required value=(state.value("patient", "givenName", "")); }
                div.field { label for="family" { "Family name" } input #family type="text" name="familyName" required value=(state.value("patient", "familyName", "")); }
            }
            button type="submit" { "Add patient" }
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
    let id = page.id;
    html! {
        h1 { (page.name) }
        h2 { "Connect the app" }
        @if let Some((code, svg)) = page.code {
            p { "Enrollment code (shown once; it works for 15 minutes):" }
            p.code #enrollment-code { (code) }
            div.qr role="img" aria-label="QR code of the enrollment code" { (PreEscaped(svg)) }
        }
        form.inline method="post" action={ "/portal/clinic/patients/" (id) "/code" } {
            (csrf(state.csrf)) button type="submit" { "Create enrollment code" }
        }
        h2 { "Devices" }
        @if page.devices.is_empty() { p { "No device is connected." } } @else {
            ul { @for device in page.devices { li {
                "Device " (device.id) ", connected " (device.enrolled_at.format("%-d %b %Y"))
                @if let Some(revoked) = device.revoked_at { " · revoked " (revoked.format("%-d %b %Y")) } @else {
                    form.inline method="post" action={ "/portal/clinic/devices/" (device.id) "/revoke" } {
                        (csrf(state.csrf)) button.secondary type="submit" { "Revoke device " (device.id) }
                    }
                }
            } } }
        }
        h2 { "Care team" }
        @if page.team.is_empty() { p { "No one is on the care team yet." } } @else {
            ul { @for member in page.team { li { (member.display_name) } } }
        }
        form.form method="post" action={ "/portal/clinic/patients/" (id) "/care-team" } aria-labelledby="assign" {
            h3 #assign { "Add to the care team" }
            (state.error("team")) (csrf(state.csrf))
            div.field { label for="team-staff" { "Staff member" } select #team-staff name="staffId" {
                @for (staff_id, name, _) in page.staff { option value=(staff_id) { (name) } }
            } }
            button type="submit" { "Add to care team" }
        }
        (course_section(page, state))
    }
}

fn course_section(page: &PatientAdmin<'_>, state: &FormState<'_>) -> Markup {
    let id = page.id;
    html! {
        h2 { "Level of care" }
        @if page.course.is_empty() { p { "No level of care recorded yet." } } @else {
            div.table-wrap { table {
                caption { "Level-of-care history" }
                thead { tr { th scope="col" { "Level" } th scope="col" { "Weekly target" } th scope="col" { "From" } th scope="col" { "Until" } } }
                tbody { @for period in page.course { tr {
                    td { (period.level.display()) } td { (target_text(period.weekly_target_minutes)) }
                    td { (period.from) } td { @if let Some(until) = period.until { (until) } @else { "Open" } }
                } } }
            } }
        }
        @if let Some(aftercare) = page.course.last().filter(|period| period.level == LevelOfCare::Aftercare) {
            p { "Discharged on " (aftercare.from) ". Aftercare check-ins are scheduled 30, 60 and 90 days later." }
        } @else {
        form.form method="post" action={ "/portal/clinic/patients/" (id) "/level" } aria-labelledby="set-level" {
            h3 #set-level { "Set or step down the level of care" }
            (state.error("level")) (csrf(state.csrf))
            div.row {
                div.field { label for="level-program" { "Program" } select #level-program name="programId" {
                    @for program in page.programs { option value=(program.id) { (program.name) } }
                } }
                div.field { label for="level" { "Level of care" } select #level name="level" { (level_options(state, "level", false)) } }
                div.field { label for="level-target" { "Weekly target in hours (outpatient: required)" } input #level-target type="number" name="targetHours" min="0" step="0.25" value=(state.value("level", "targetHours", "")); }
                div.field { label for="level-from" { "From" } input #level-from type="date" name="from" required value=(state.value("level", "from", "")); }
            }
            button type="submit" { "Save level of care" }
        }
        form.form method="post" action={ "/portal/clinic/patients/" (id) "/discharge" } aria-labelledby="discharge" {
            h3 #discharge { "Discharge" }
            p.hint { "Aftercare check-ins are scheduled 30, 60 and 90 days after discharge." }
            (state.error("discharge")) (csrf(state.csrf))
            div.row {
                div.field { label for="discharge-on" { "Discharge date" } input #discharge-on type="date" name="on" required value=(state.value("discharge", "on", "")); }
                div.field { label for="discharge-time" { "Check-in time" } input #discharge-time type="time" name="checkInTime" required value=(state.value("discharge", "checkInTime", "10:00")); }
            }
            button type="submit" { "Discharge" }
        }
        }
    }
}

/// The clinic's staff and the form that adds an account (administrators). The password is never
/// shown again, not even after a refused form.
pub fn staff(staff: &[(i64, String, bool)], state: &FormState<'_>) -> Markup {
    html! {
        h1 { "Staff" }
        ul { @for (_, name, admin) in staff { li { (name) @if *admin { " (administrator)" } @else { " (counselor)" } } } }
        form.form method="post" action="/portal/clinic/staff" aria-labelledby="new-staff" {
            h2 #new-staff { "Add a staff account" }
            (state.error("staff")) (csrf(state.csrf))
            div.field { label for="staff-name" { "Name" } input #staff-name type="text" name="displayName" required value=(state.value("staff", "displayName", "")); }
            div.field { label for="staff-email" { "Email" } input #staff-email type="email" name="email" required autocomplete="off" value=(state.value("staff", "email", "")); }
            div.field { label for="staff-password" { "Initial password (at least 12 characters)" } input #staff-password type="password" name="password" required autocomplete="new-password"; }
            div.checks { label { input type="checkbox" name="admin" value="yes" checked[state.checked("staff", "admin", "yes")]; "Administrator (manages staff, programs, enrollment and levels of care)" } }
            button type="submit" { "Add staff account" }
        }
    }
}
