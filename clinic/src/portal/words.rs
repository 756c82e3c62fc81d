//! Every word the portal shows, in the staff member's language: lookups in the catalog
//! (`i18n/locales/<lang>/portal.ftl` through `tideline-i18n`), and the one place where dates, times and
//! numbers are formatted per language (the words in them, month and weekday names, come from the
//! catalog; the order of the parts is a catalog pattern too).
//!
//! The care words the domain carries as codes (level of care, kind of session, attendance mark, the
//! app's answer) and the domain's fixed refusal reasons are turned into the catalog's words here, so a
//! page never shows the English `display()` of a code.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike};
use tideline_wire::care::{Attendance, LevelOfCare, SessionKind};

pub use tideline_i18n::{Arg, Lang};

use crate::problem::Problem;
use crate::sessions::Answer;

/// The message `id` without arguments.
pub fn t(lang: Lang, id: &str) -> String {
    tideline_i18n::t(lang, id)
}

/// The message `id` with arguments.
pub fn tr(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    tideline_i18n::tr(lang, id, args)
}

/// The language a browser asks for in its `Accept-Language` header: the first listed tag, negotiated
/// (any Spanish is Spanish, `en-XA` the pseudo-locale, everything else English).
pub fn from_accept_language(header: Option<&str>) -> Lang {
    let first = header
        .unwrap_or_default()
        .split(',')
        .next()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim();
    Lang::negotiate(first)
}

/// A figure with at most one decimal, none when whole, with the language's decimal mark: `9`, `7.5`
/// (English), `7,5` (Spanish).
pub fn number(lang: Lang, value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    decimal_mark(lang, text)
}

/// Minutes as hours with up to two decimals (`2.67`, `3`), in the language's decimal mark.
pub fn hours(lang: Lang, minutes: u32) -> String {
    decimal_mark(lang, tideline_wire::care::hours_text(minutes))
}

fn decimal_mark(lang: Lang, text: String) -> String {
    match lang {
        Lang::Es => text.replace('.', ","),
        Lang::En | Lang::Pseudo => text,
    }
}

fn month(lang: Lang, date: &impl Datelike, short: bool) -> String {
    let prefix = if short {
        "portal-month-short-"
    } else {
        "portal-month-"
    };
    t(lang, &format!("{prefix}{}", date.month()))
}

fn weekday(lang: Lang, date: &impl Datelike, short: bool) -> String {
    let prefix = if short {
        "portal-weekday-short-"
    } else {
        "portal-weekday-"
    };
    t(
        lang,
        &format!("{prefix}{}", date.weekday().number_from_monday()),
    )
}

fn date_pattern(lang: Lang, id: &str, date: &impl Datelike, short: bool) -> String {
    tr(
        lang,
        id,
        &[
            ("weekday", Arg::from(weekday(lang, date, short))),
            ("day", Arg::from(date.day().to_string())),
            ("month", Arg::from(month(lang, date, short))),
            ("year", Arg::from(date.year().to_string())),
        ],
    )
}

/// "Mar 3, 2026" / "3 mar 2026".
pub fn date(lang: Lang, date: NaiveDate) -> String {
    date_pattern(lang, "portal-date", &date, true)
}

/// "Mar 3" / "3 mar".
pub fn date_no_year(lang: Lang, date: &impl Datelike) -> String {
    date_pattern(lang, "portal-date-no-year", date, true)
}

/// "Monday 30 November 2026" / "lunes 30 de noviembre de 2026".
pub fn date_long(lang: Lang, date: NaiveDate) -> String {
    date_pattern(lang, "portal-date-long", &date, false)
}

/// "Mon 30 Nov 2026" / "lun 30 nov 2026".
pub fn date_weekday(lang: Lang, date: &impl Datelike) -> String {
    date_pattern(lang, "portal-date-weekday", date, true)
}

/// "Mon 30 Nov" / "lun 30 nov".
pub fn date_weekday_no_year(lang: Lang, date: &impl Datelike) -> String {
    date_pattern(lang, "portal-date-weekday-no-year", date, true)
}

/// A time of day on the 24-hour clock, as the workspace's forms take it: "18:00".
pub fn clock24(time: &impl Timelike) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// A time of day as people read it: "7:40 PM" in English, "19:40" (no leading zero) in Spanish.
pub fn clock(lang: Lang, time: &impl Timelike) -> String {
    match lang {
        Lang::Es => format!("{}:{:02}", time.hour(), time.minute()),
        Lang::En | Lang::Pseudo => {
            let (pm, hour) = time.hour12();
            let half = t(lang, if pm { "portal-pm" } else { "portal-am" });
            format!("{hour}:{:02} {half}", time.minute())
        }
    }
}

/// A date and a time: "Mar 3, 2026, 7:40 PM CST" (the zone's abbreviation, as data).
pub fn moment<Z: TimeZone>(lang: Lang, at: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    let time = format!("{} {}", clock(lang, at), at.format("%Z"));
    tr(
        lang,
        "portal-date-time",
        &[
            ("date", Arg::from(date(lang, at.date_naive()))),
            ("time", Arg::from(time)),
        ],
    )
}

/// A short weekday, day and month with a 24-hour time: "Mon 30 Nov, 18:00".
pub fn day_and_time<Z: TimeZone>(lang: Lang, at: &DateTime<Z>) -> String {
    tr(
        lang,
        "portal-date-time",
        &[
            (
                "date",
                Arg::from(date_weekday_no_year(lang, &at.date_naive())),
            ),
            ("time", Arg::from(clock24(&at.time()))),
        ],
    )
}

/// A level of care.
pub fn level(lang: Lang, level: LevelOfCare) -> String {
    t(lang, &format!("portal-level-{}", level.code()))
}

/// A kind of session.
pub fn session_kind(lang: Lang, kind: SessionKind) -> String {
    t(lang, &format!("portal-kind-{}", kind.code()))
}

/// An attendance mark with its minutes: "Late 20 min".
pub fn mark(lang: Lang, mark: Attendance) -> String {
    let id = format!("portal-mark-{}", mark.code());
    match mark.minutes() {
        Some(minutes) => tr(lang, &id, &[("minutes", Arg::from(minutes))]),
        None => t(lang, &id),
    }
}

/// The patient's answer in the app.
pub fn answer(lang: Lang, answer: Answer) -> String {
    t(
        lang,
        match answer {
            Answer::Coming => "portal-answer-coming",
            Answer::NotComing => "portal-answer-not-coming",
            Answer::None => "portal-answer-none",
        },
    )
}

/// A weekly target in hours, or that there is none.
pub fn target(lang: Lang, minutes: Option<u32>) -> String {
    minutes.map_or_else(
        || t(lang, "portal-no-hours-target"),
        |m| {
            tr(
                lang,
                "portal-hours-a-week",
                &[("hours", Arg::from(hours(lang, m)))],
            )
        },
    )
}

/// The domain's fixed reasons for refusing what a portal form sent, and the catalog message that says
/// each one. A reason missing here reads as its kind's general sentence (never in English under another
/// language); `every_refusal_a_portal_form_can_meet_has_words` keeps this list complete.
pub const REFUSALS: &[(&str, &str)] = &[
    ("a date is missing", "portal-refusal-date-missing"),
    ("a choice is missing", "portal-refusal-choice-missing"),
    (
        "the weekly target is a number of hours",
        "portal-refusal-target-not-number",
    ),
    (
        "the weekly target is longer than a week",
        "portal-refusal-target-too-long",
    ),
    ("choose a level of care", "portal-refusal-choose-level"),
    ("choose a kind of session", "portal-refusal-choose-kind"),
    (
        "late and left early need the minutes missed",
        "portal-refusal-minutes-needed",
    ),
    (
        "choose how the patient attended",
        "portal-refusal-choose-mark",
    ),
    ("choose English or Spanish", "portal-refusal-language"),
    (
        "status is not one staff can record",
        "portal-refusal-choose-mark",
    ),
    (
        "the session has not started yet",
        "portal-refusal-not-started",
    ),
    (
        "the session was cancelled",
        "portal-refusal-session-cancelled",
    ),
    (
        "late or left-early minutes must be more than 0 and less than the session's length",
        "portal-refusal-minutes-range",
    ),
    (
        "aftercare begins at discharge",
        "portal-refusal-aftercare-at-discharge",
    ),
    (
        "the change is dated before the program start",
        "portal-refusal-before-program-start",
    ),
    (
        "the patient has been discharged",
        "portal-refusal-discharged",
    ),
    (
        "the change must be dated after the current level began",
        "portal-refusal-after-current-level",
    ),
    (
        "the patient has no level of care to end",
        "portal-refusal-no-level-to-end",
    ),
    (
        "discharge is dated before the current level began",
        "portal-refusal-discharge-before-level",
    ),
    (
        "the check-in time does not exist in the zone on one of the days",
        "portal-refusal-check-in-time-missing",
    ),
    ("dates are YYYY-MM-DD", "portal-refusal-date-format"),
    ("times must be HH:MM", "portal-refusal-time-format"),
    (
        "a report needs from and to dates",
        "portal-refusal-report-dates",
    ),
    (
        "give a place or a video link, not both",
        "portal-refusal-place-or-link",
    ),
    ("weekdays must be mon … sun", "portal-refusal-weekdays"),
    (
        "an end date needs weekdays to repeat on",
        "portal-refusal-end-date-weekdays",
    ),
    (
        "each name part must be 1 to 200 characters",
        "portal-refusal-name-part",
    ),
    (
        "program name must be 1 to 200 characters",
        "portal-refusal-program-name",
    ),
    (
        "time zone is not an IANA zone name",
        "portal-refusal-time-zone",
    ),
    (
        "a program starts at a level of care, not aftercare",
        "portal-refusal-program-aftercare",
    ),
    (
        "the patient already has a session at that time",
        "portal-refusal-overlap",
    ),
    (
        "the end date is before the first day",
        "portal-refusal-end-before-first",
    ),
    ("weeks must be 1 to 52", "portal-refusal-weeks"),
    (
        "the weekly target is below the level's minimum",
        "portal-refusal-target-below-minimum",
    ),
    (
        "outpatient care needs a weekly target",
        "portal-refusal-outpatient-needs-target",
    ),
    (
        "an outpatient weekly target is more than 0 and under 9 hours",
        "portal-refusal-outpatient-range",
    ),
    (
        "aftercare has no weekly target",
        "portal-refusal-aftercare-no-target",
    ),
    (
        "a session must end after it starts, on the same day",
        "portal-refusal-end-after-start-same-day",
    ),
    (
        "no day in that range falls on the chosen weekdays",
        "portal-refusal-no-day-in-range",
    ),
    (
        "a session time does not exist in the zone on one of the days",
        "portal-refusal-session-time-missing",
    ),
    ("a topic is 1 to 200 characters", "portal-refusal-topic"),
    ("a place is 1 to 200 characters", "portal-refusal-place"),
    (
        "a video link is an https:// address under 200 characters",
        "portal-refusal-video-link",
    ),
    (
        "the end date is before the start date",
        "portal-refusal-report-end",
    ),
    (
        "a report covers at most a year",
        "portal-refusal-report-year",
    ),
    ("a reason of 1 to 200 characters", "portal-refusal-reason"),
    (
        "the session is already cancelled",
        "portal-refusal-already-cancelled",
    ),
    (
        "a session must end after it starts",
        "portal-refusal-end-after-start",
    ),
    (
        "a session lasts at most 12 hours",
        "portal-refusal-twelve-hours",
    ),
    (
        "only a session that has not started can move, and only to a later time",
        "portal-refusal-move-later",
    ),
    (
        "that time does not exist in the program's zone on that day",
        "portal-refusal-time-not-in-zone",
    ),
    (
        "password must be at least 12 characters",
        "portal-refusal-password-short",
    ),
    (
        "password must be at most 1024 bytes",
        "portal-refusal-password-long",
    ),
    ("email must look like an address", "portal-refusal-email"),
    (
        "display name must be 1 to 200 characters",
        "portal-refusal-display-name",
    ),
    (
        "a staff account with this email exists",
        "portal-refusal-email-taken",
    ),
];

/// Why a form was refused, as one sentence in `lang` (fixed words, never request content).
pub fn refusal(lang: Lang, problem: &Problem) -> String {
    let reason = match problem {
        Problem::Invalid(text) | Problem::CodeInvalid(text) | Problem::Required(text) => {
            Some(text.as_ref())
        }
        Problem::Conflict(text) => Some(*text),
        _ => None,
    };
    let known = reason.and_then(|reason| {
        REFUSALS
            .iter()
            .find(|(text, _)| *text == reason)
            .map(|(_, id)| *id)
    });
    let id = known.unwrap_or(match problem {
        Problem::Forbidden(_) => "portal-refusal-forbidden",
        Problem::NotFound => "portal-refusal-not-found",
        Problem::Invalid(_) | Problem::CodeInvalid(_) | Problem::Required(_) => {
            "portal-refusal-invalid"
        }
        Problem::Conflict(_) => "portal-refusal-conflict",
        _ => "portal-refusal-failed",
    });
    t(lang, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_asking_for_spanish_get_spanish() {
        assert_eq!(
            from_accept_language(Some("es-MX,es;q=0.9,en;q=0.8")),
            Lang::Es
        );
        assert_eq!(
            from_accept_language(Some("en-US,en;q=0.9,es;q=0.5")),
            Lang::En
        );
        assert_eq!(from_accept_language(Some("en-XA")), Lang::Pseudo);
        assert_eq!(from_accept_language(None), Lang::En);
    }

    #[test]
    fn dates_times_and_numbers_follow_the_language() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        assert_eq!(date(Lang::En, day), "Mar 3, 2026");
        assert_eq!(date(Lang::Es, day), "3 mar 2026");
        assert_eq!(date_long(Lang::Es, day), "martes 3 de marzo de 2026");
        let at = chrono::FixedOffset::west_opt(6 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 3, 3, 19, 40, 0)
            .unwrap();
        assert_eq!(moment(Lang::En, &at), "Mar 3, 2026, 7:40 PM -06:00");
        assert_eq!(moment(Lang::Es, &at), "3 mar 2026, 19:40 -06:00");
        assert_eq!(number(Lang::Es, 7.5), "7,5");
        assert_eq!(number(Lang::En, 7.25), "7.3");
        assert_eq!(hours(Lang::Es, 160), "2,67");
        assert_eq!(
            mark(Lang::Es, Attendance::Late { minutes: 20 }),
            "Llegó 20 min tarde"
        );
    }

    #[test]
    fn every_refusal_a_portal_form_can_meet_has_words_in_each_language() {
        // Reasons no portal form can meet: a FHIR search parameter of the device API, and clinics,
        // which are created from the command line.
        const API_ONLY: [&str; 3] = [
            "patient must be a Patient id",
            "exactly one search parameter, patient, is supported",
            "clinic name must be 1 to 200 characters",
        ];
        // The domain modules behind the portal's forms: each fixed reason they give must be listed.
        let sources = [
            include_str!("../appointment.rs"),
            include_str!("../course.rs"),
            include_str!("../http/program.rs"),
            include_str!("../http/staff.rs"),
            include_str!("../patient.rs"),
            include_str!("../program.rs"),
            include_str!("../report.rs"),
            include_str!("../sessions.rs"),
            include_str!("../staff.rs"),
            include_str!("workspace.rs"),
            include_str!("mod.rs"),
        ];
        let mut missing = Vec::new();
        for source in sources {
            for kind in ["Invalid(", "CodeInvalid(", "Required(", "Conflict("] {
                for piece in source.split(&format!("Problem::{kind}")).skip(1) {
                    let Some(literal) = piece.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    let reason = literal.split('"').next().unwrap_or_default();
                    if API_ONLY.contains(&reason) {
                        continue;
                    }
                    if !REFUSALS.iter().any(|(text, _)| *text == reason) {
                        missing.push(reason.to_owned());
                    }
                }
            }
        }
        use tideline_wire::care::TargetError;
        for error in [
            TargetError::BelowMinimum { minimum: 540 },
            TargetError::OutpatientNeedsTarget,
            TargetError::OutpatientOutOfRange,
            TargetError::AftercareHasNoTarget,
            TargetError::TooLarge,
        ] {
            if let Problem::Invalid(reason) = crate::program::target_problem(error) {
                if !REFUSALS.iter().any(|(text, _)| *text == reason) {
                    missing.push(reason.into_owned());
                }
            }
        }
        assert!(
            missing.is_empty(),
            "reasons without portal words: {missing:?}"
        );
        for (_, id) in REFUSALS {
            for lang in [Lang::En, Lang::Es] {
                assert!(tideline_i18n::has(lang, id), "{id} missing in {lang}");
            }
        }
    }
}
