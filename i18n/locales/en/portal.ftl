# The clinic portal (clinic/src/portal): every word staff read on its pages.
# Ids start with portal-. Dates, times and numbers are formatted by clinic/src/portal/words.rs.

## The page frame

portal-page-title = { $title } · Tideline clinic portal
portal-brand = Tideline clinic portal
portal-skip = Skip to main content
portal-nav-label = Portal
portal-nav-today = Today
portal-nav-worklist = Worklist
portal-nav-programs = Programs
portal-nav-my-patients = My patients
portal-nav-all-patients = All patients
portal-nav-staff = Staff
portal-signed-in-as = Signed in as { $name }, { $clinic }
portal-sign-out = Sign out
portal-footer-logoff = For your patients' privacy you are signed out after 15 minutes without activity.
portal-language-label = Language
portal-language-save = Change language
portal-language-links = Language of this page
portal-language-name-en = English
portal-language-name-es = Español
portal-nav-account = My account
portal-account-heading = My account
portal-account-language-hint = Every portal page, form and message is shown in this language.
portal-account-saved = Your language is saved.

## Dates and times (the words; the order is in portal-date-* patterns)

portal-month-1 = January
portal-month-2 = February
portal-month-3 = March
portal-month-4 = April
portal-month-5 = May
portal-month-6 = June
portal-month-7 = July
portal-month-8 = August
portal-month-9 = September
portal-month-10 = October
portal-month-11 = November
portal-month-12 = December
portal-month-short-1 = Jan
portal-month-short-2 = Feb
portal-month-short-3 = Mar
portal-month-short-4 = Apr
portal-month-short-5 = May
portal-month-short-6 = Jun
portal-month-short-7 = Jul
portal-month-short-8 = Aug
portal-month-short-9 = Sep
portal-month-short-10 = Oct
portal-month-short-11 = Nov
portal-month-short-12 = Dec
portal-weekday-1 = Monday
portal-weekday-2 = Tuesday
portal-weekday-3 = Wednesday
portal-weekday-4 = Thursday
portal-weekday-5 = Friday
portal-weekday-6 = Saturday
portal-weekday-7 = Sunday
portal-weekday-short-1 = Mon
portal-weekday-short-2 = Tue
portal-weekday-short-3 = Wed
portal-weekday-short-4 = Thu
portal-weekday-short-5 = Fri
portal-weekday-short-6 = Sat
portal-weekday-short-7 = Sun
portal-am = AM
portal-pm = PM
# "Mar 3, 2026"
portal-date = { $month } { $day }, { $year }
# "Mar 3"
portal-date-no-year = { $month } { $day }
# "Monday 30 November 2026"
portal-date-long = { $weekday } { $day } { $month } { $year }
# "Mon 30 Nov 2026"
portal-date-weekday = { $weekday } { $day } { $month } { $year }
# "Mon 30 Nov"
portal-date-weekday-no-year = { $weekday } { $day } { $month }
# A date and a time: "Mar 3, 2026, 7:40 PM CST"
portal-date-time = { $date }, { $time }
# A session's day and hours: "Mon 30 Nov 2026, 18:00–21:00"
portal-date-hours = { $date }, { $start }–{ $end }

## Refusals and errors

portal-refused-title = Not available to you
portal-refused-admins = This page is for your clinic's administrators.
portal-refused-care-team = This patient is not on your care team, so their records are not shown to you.
portal-bad-request-title = Check the request
portal-bad-request-text = The page could not be shown with what was asked; check the dates and choices and try again.
portal-not-found-title = Not found
portal-not-found-text = There is no such patient.
portal-error-title = Something went wrong
portal-error-text = The page could not be shown. Please try again.
portal-insecure-title = Use a secure connection
portal-insecure-text = The portal is only served over HTTPS, except to this computer itself.
portal-csrf-title = Request not accepted
portal-csrf-sign-out = This form was not sent from your current portal page. Nothing was changed; use the Sign out button at the top of the page.
portal-csrf-form = This form was not sent from your current portal page. Nothing was changed; open the page again and retry.
portal-back-to-patients = Back to my patients

## Why a form was refused (the domain's reasons, by the portal's own words)

portal-refusal-forbidden = You do not have permission to do this.
portal-refusal-not-found = That record does not exist.
portal-refusal-failed = Nothing was saved; please try again.
portal-refusal-invalid = Something in the form is not accepted; check what was typed and try again.
portal-refusal-conflict = This conflicts with what is already saved; nothing was changed.
portal-refusal-date-missing = A date is missing.
portal-refusal-choice-missing = A choice is missing.
portal-refusal-target-not-number = The weekly target is a number of hours.
portal-refusal-target-too-long = The weekly target is longer than a week.
portal-refusal-choose-level = Choose a level of care.
portal-refusal-choose-kind = Choose a kind of session.
portal-refusal-minutes-needed = Late and left early need the minutes missed.
portal-refusal-choose-mark = Choose how the patient attended.
portal-refusal-not-started = The session has not started yet.
portal-refusal-session-cancelled = The session was cancelled.
portal-refusal-minutes-range = Late or left-early minutes must be more than 0 and less than the session's length.
portal-refusal-aftercare-at-discharge = Aftercare begins at discharge.
portal-refusal-before-program-start = The change is dated before the program start.
portal-refusal-discharged = The patient has been discharged.
portal-refusal-after-current-level = The change must be dated after the current level began.
portal-refusal-no-level-to-end = The patient has no level of care to end.
portal-refusal-discharge-before-level = Discharge is dated before the current level began.
portal-refusal-check-in-time-missing = The check-in time does not exist in the zone on one of the days.
portal-refusal-date-format = Dates are YYYY-MM-DD.
portal-refusal-time-format = Times must be HH:MM.
portal-refusal-report-dates = A report needs from and to dates.
portal-refusal-place-or-link = Give a place or a video link, not both.
portal-refusal-weekdays = Weekdays must be Monday to Sunday.
portal-refusal-end-date-weekdays = An end date needs weekdays to repeat on.
portal-refusal-name-part = Each name part must be 1 to 200 characters.
portal-refusal-program-name = Program name must be 1 to 200 characters.
portal-refusal-time-zone = Time zone is not an IANA zone name.
portal-refusal-program-aftercare = A program starts at a level of care, not aftercare.
portal-refusal-overlap = The patient already has a session at that time.
portal-refusal-end-before-first = The end date is before the first day.
portal-refusal-weeks = Weeks must be 1 to 52.
portal-refusal-target-below-minimum = The weekly target is below the level's minimum.
portal-refusal-outpatient-needs-target = Outpatient care needs a weekly target.
portal-refusal-outpatient-range = An outpatient weekly target is more than 0 and under 9 hours.
portal-refusal-aftercare-no-target = Aftercare has no weekly target.
portal-refusal-end-after-start-same-day = A session must end after it starts, on the same day.
portal-refusal-no-day-in-range = No day in that range falls on the chosen weekdays.
portal-refusal-session-time-missing = A session time does not exist in the zone on one of the days.
portal-refusal-topic = A topic is 1 to 200 characters.
portal-refusal-place = A place is 1 to 200 characters.
portal-refusal-video-link = A video link is an https:// address under 200 characters.
portal-refusal-report-end = The end date is before the start date.
portal-refusal-report-year = A report covers at most a year.
portal-refusal-reason = Give a reason of 1 to 200 characters.
portal-refusal-already-cancelled = The session is already cancelled.
portal-refusal-end-after-start = A session must end after it starts.
portal-refusal-twelve-hours = A session lasts at most 12 hours.
portal-refusal-move-later = Only a session that has not started can move, and only to a later time.
portal-refusal-time-not-in-zone = That time does not exist in the program's zone on that day.
portal-refusal-password-short = Password must be at least 12 characters.
portal-refusal-password-long = Password must be at most 1024 bytes.
portal-refusal-email = Email must look like an address.
portal-refusal-display-name = Display name must be 1 to 200 characters.
portal-refusal-email-taken = A staff account with this email exists.
portal-refusal-language = Choose English or Spanish.

## Sign-in

portal-sign-in-title = Sign in
portal-sign-in-timed-out = You were signed out after 15 minutes without activity. Sign in again to continue.
portal-sign-in-signed-out = You have signed out.
portal-sign-in-wrong = The email or password is wrong.
portal-sign-in-locked = Too many failed sign-ins. Sign-in is paused for this account; try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
portal-sign-in-expired = This form had expired. Please sign in again.
portal-email = Email
portal-password = Password
portal-sign-in-button = Sign in
portal-sign-in-hint = Staff accounts are created by your clinic's administrator.

## My patients and one patient

portal-my-patients-title = My patients
portal-patients-empty = No patients are assigned to your care team yet.
portal-patients-caption = Patients on your care team, with hours this week against their weekly target
portal-col-patient = Patient
portal-col-hours-this-week = Hours this week
portal-col-attended-total = Attended in total
portal-col-missed-total = Missed in total
portal-hours-of = { $hours } of { $target }
portal-hours-of-target = { $hours } of { $target } hours
portal-hours-a-week = { $hours } hours a week
portal-hours = { $hours } hours
portal-attendance-heading = Attendance
portal-summary-this-week = This week:
portal-summary-attended = Sessions attended:
portal-summary-missed = Sessions missed:
portal-no-sessions-yet = No sessions yet.
portal-chart-hours-title = Hours attended per week
portal-chart-hours-desc = Hours attended in each of the last { $weeks } weeks (late and left-early minutes not counted), against the weekly target; { $short } of them under it. The table below has the same figures.
portal-attendance-by-week = Attendance by week
portal-col-week-of = Week of
portal-col-hours-attended = Hours attended
portal-col-weekly-target = Weekly target
portal-col-attended = Attended
portal-col-missed = Missed
portal-week-target-met = { $hours } h, met
portal-week-target-not-met = { $hours } h, not met
portal-level-heading = Level of care
portal-level-none = No level of care recorded yet.
portal-level-history = Level-of-care history
portal-col-level = Level
portal-col-from = From
portal-col-until = Until
portal-no-hours-target = No hours target
portal-open = Open
portal-shared-heading = Shared by the patient
portal-shared-none = Nothing is shared with you at the moment. Entries appear here when the patient shares them, and disappear when the patient revokes the consent or it expires.
portal-shared-on = Shared on { $signed }, until { $expires }
portal-not-given = not given
portal-purpose = Purpose: { $purpose }. { $count ->
        [one] { $count } entry.
       *[other] { $count } entries.
    }
portal-purpose-treat = Treatment
portal-purpose-hpaymt = Payment
portal-purpose-hoperat = Health care operations
portal-purpose-not-stated = not stated
portal-part2-heading = 42 CFR part 2 notice.
portal-part2-notice = This record comes from substance use disorder treatment records that federal confidentiality rules (42 CFR part 2) protect. Those rules prohibit you from making any further disclosure of it unless the patient's written consent expressly permits it or part 2 otherwise allows it. A general authorization to release medical or other information is not enough for this purpose. Federal law also restricts any use of this record to investigate or prosecute the patient for a crime or to bring criminal charges against them.

## Shared entries: kinds, charts, questions and coded answers

portal-kind-craving = Craving record
portal-kind-halt = HALT check
portal-kind-urge = Urge surfing
portal-kind-craving-plural = Craving records
portal-kind-halt-plural = HALT checks
portal-kind-urge-plural = Urge-surfing sessions
portal-entry-heading = { $kind }, { $when }
portal-date-not-given = Date not given
portal-yes = Yes
portal-no = No
portal-chart-craving-title = Craving intensity
portal-chart-craving-desc = Intensity from 0 to 10 of { $count } shared craving records, oldest first. The table below has the same figures.
portal-craving-caption = Craving records
portal-col-when = When
portal-col-intensity = Intensity (0 to 10)
portal-col-outcome = Outcome
portal-chart-halt-title = HALT needs flagged
portal-chart-halt-desc = In how many of { $count } shared HALT checks each need was rated 2 or 3 out of 3. The table below has the same figures.
portal-halt-caption = HALT checks: needs rated 2 or 3
portal-col-need = Need
portal-col-checks = Checks
portal-count-of = { $count } of { $total }
portal-halt-hungry = Hungry
portal-halt-angry = Angry
portal-halt-lonely = Lonely
portal-halt-tired = Tired
portal-chart-urge-title = Intensity along the wave
portal-chart-urge-desc = { $count } readings of urge intensity from 0 to 10 during the session. The table below has the same figures.
portal-urge-caption = Readings during the session
portal-col-time-since-start = Time since the start
portal-minutes-short = { $minutes } min
portal-minutes-seconds = { $minutes } min { $seconds } s

# Question texts of the published questionnaires (wire::questionnaire), by questionnaire and linkId.
portal-q-craving-occurred-at = When did the craving happen?
portal-q-craving-situation = What was the situation?
portal-q-craving-thoughts-and-feelings = Thoughts and feelings
portal-q-craving-intensity = How strong was it (0 to 10)?
portal-q-craving-duration-minutes = How long did it last (minutes)?
portal-q-craving-coping = What did you do to cope?
portal-q-craving-outcome = Outcome
portal-q-craving-trigger = Triggers
portal-q-craving-notes = Notes
portal-q-halt-taken-at = When was the check taken?
portal-q-halt-hungry = Hungry (0 not at all to 3 very)
portal-q-halt-angry = Angry (0 not at all to 3 very)
portal-q-halt-lonely = Lonely (0 not at all to 3 very)
portal-q-halt-tired = Tired (0 not at all to 3 very)
portal-q-halt-note = Note
portal-q-urge-started-at = Started
portal-q-urge-ended-at = Ended
portal-q-urge-intensity-start = Intensity at the start (0 to 10)
portal-q-urge-intensity-peak = Intensity at the peak (0 to 10)
portal-q-urge-intensity-end = Intensity at the end (0 to 10)
portal-q-urge-variant = Guided form
portal-q-urge-steps-completed = Steps gone through
portal-q-urge-outcome = Outcome
portal-q-urge-sample = Intensity along the wave
portal-q-urge-notes = Notes

# Coded answers, by code system and code.
portal-code-craving-outcome-not-yet-recorded = Not recorded yet
portal-code-craving-outcome-did-not-use = Did not use
portal-code-craving-outcome-used = Returned to use
portal-code-urge-outcome-not-yet-recorded = Not recorded yet
portal-code-urge-outcome-rode-it-out = Rode it out
portal-code-urge-outcome-acted-on-urge = Acted on the urge
portal-code-surf-variant-wave = Urge surfing wave
portal-code-surf-variant-sober = S.O.B.E.R.
portal-code-surf-step-notice-and-name = Notice and name the urge
portal-code-surf-step-observe-body = Observe it in the body and thoughts
portal-code-surf-step-breathe = Breathe
portal-code-surf-step-ride-the-wave = Ride the wave
portal-code-surf-step-notice-it-fall = Notice it fall
portal-code-surf-step-stop = Stop
portal-code-surf-step-observe = Observe
portal-code-surf-step-expand-awareness = Expand awareness
portal-code-surf-step-respond-mindfully = Respond mindfully

## Care words: levels of care, kinds of session, attendance, the app's answers

portal-level-iop = Intensive outpatient (ASAM 2.1)
portal-level-iop-adolescent = Intensive outpatient, adolescent (ASAM 2.1)
portal-level-partial-hospitalization = Partial hospitalization (ASAM 2.5)
portal-level-outpatient = Outpatient (ASAM 1)
portal-level-aftercare = Aftercare
portal-kind-group-therapy = Group therapy
portal-kind-individual = Individual session
portal-kind-family = Family session
portal-kind-psychoeducation = Psychoeducation
portal-kind-medication-management = Medication management
portal-kind-aftercare-check-in = Aftercare check-in
portal-mark-attended = Attended
portal-mark-late = Late { $minutes } min
portal-mark-left-early = Left early { $minutes } min
portal-mark-no-show = No-show
portal-mark-excused = Excused
portal-mark-option-late = Late
portal-mark-option-left-early = Left early
portal-answer-coming = I'll be there
portal-answer-not-coming = Can't make it
portal-answer-none = No answer yet

## Today

portal-today-heading = Sessions on { $date }
portal-days-label = Days
portal-previous-day = Previous day
portal-next-day = Next day
portal-go-to-date = Go to date
portal-show = Show
portal-today-empty = No sessions are scheduled on this day.
portal-topic = Topic: { $topic }
portal-cancelled = Cancelled: { $reason }
portal-moved = Moved: { $reason }
portal-booked-unrecorded = { $booked } booked · { $unrecorded } still to record
portal-not-recorded-lower = not recorded
portal-not-recorded = Not recorded
portal-video-link = Video link
portal-no-place = No place given

## Worklist

portal-worklist-below = Below their weekly target this week
portal-worklist-below-empty = Everyone is at or above their target so far.
portal-col-target = Target
portal-col-hours = Attended
portal-col-session = Session
portal-worklist-missed = Missed sessions in the last 7 days
portal-worklist-missed-empty = No missed sessions in the last 7 days.
portal-worklist-unanswered = Invitations without an answer for the next 24 hours
portal-worklist-unanswered-empty = Every invitation for the next 24 hours has an answer.
portal-worklist-unrecorded = Sessions that ended without attendance recorded
portal-worklist-unrecorded-empty = Attendance is recorded for every session that has ended.
portal-to-record = { $count } to record

## Programs

portal-programs-empty = No programs yet.
portal-col-program = Program
portal-col-time-zone = Time zone
portal-col-level-of-care = Level of care
portal-program-create-heading = Create a program
portal-program-name = Program name
portal-program-zone = Time zone (IANA name)
portal-level-of-care = Level of care
portal-target-optional = Weekly target in hours (optional)
portal-program-create = Create program
portal-sessions-heading = Sessions
portal-sessions-empty = No sessions in the coming four weeks.
portal-col-kind = Kind
portal-col-topic = Topic
portal-col-place = Place
portal-col-status = Status
portal-booked = { $count } booked
portal-member-heading = Add a patient to this program
portal-patient = Patient
portal-member-add = Add to program
portal-report-heading = Attendance report (CSV)
portal-from = From
portal-to = To
portal-report-download = Download CSV
portal-schedule-heading = Schedule sessions
portal-schedule-hint = Choose weekdays for a series, or none for a single session on the first day.
portal-kind-of-session = Kind of session
portal-first-day = First day
portal-weekdays = Weekdays
portal-start-time = Start time
portal-end-time = End time
portal-weeks = Number of weeks
portal-end-date = Or end date
portal-topic-optional = Topic (optional)
portal-place-optional = Place (optional)
portal-video-optional = Or video link (optional)
portal-schedule = Schedule

## One session

portal-roster-heading = Roster
portal-roster-empty = No patients you care for are booked into this session.
portal-roster-caption = Patients, their answer in the app, and attendance
portal-col-answer = Answer
portal-col-attendance = Attendance
portal-col-hours-counted = Hours counted
portal-col-record-attendance = Record attendance
portal-answered-at = answered { $when }
portal-attendance-for = Attendance for { $name }
portal-minutes-late-or-early = Minutes late or left early
portal-for-name = for { $name }
portal-record = Record
portal-after-start = After the session starts
portal-roster-cancelled-heading = Cancelled for these patients
portal-cancelled-discharged = Discharged from the program
portal-cancelled-no-reason = no reason given
portal-cancel-heading = Cancel this session
portal-cancel-reason = Reason (patients see it)
portal-cancel-session = Cancel session
portal-move-heading = Move this session
portal-new-day = New day
portal-move-reason = Reason (patients see the new time)
portal-move-session = Move session

## The clinic's patients and one patient's administration

portal-clinic-patients-empty = No patients yet.
portal-patient-add-heading = Add a patient
portal-given-name = Given name
portal-family-name = Family name
portal-patient-add = Add patient
portal-connect-heading = Connect the app
portal-code-shown-once = Enrollment code (shown once; it works for 15 minutes):
portal-code-qr = QR code of the enrollment code
portal-code-create = Create enrollment code
portal-devices-heading = Devices
portal-devices-empty = No device is connected.
portal-device-line = Device { $id }, connected { $date }
portal-device-revoked = · revoked { $date }
portal-device-revoke = Revoke device { $id }
portal-care-team-heading = Care team
portal-care-team-empty = No one is on the care team yet.
portal-care-team-add-heading = Add to the care team
portal-staff-member = Staff member
portal-care-team-add = Add to care team
portal-discharged-on = Discharged on { $date }. Aftercare check-ins are scheduled 30, 60 and 90 days later.
portal-set-level-heading = Set or step down the level of care
portal-program = Program
portal-target-outpatient = Weekly target in hours (outpatient: required)
portal-level-save = Save level of care
portal-discharge-heading = Discharge
portal-discharge-hint = Aftercare check-ins are scheduled 30, 60 and 90 days after discharge.
portal-discharge-date = Discharge date
portal-check-in-time = Check-in time
portal-discharge = Discharge
portal-care-team-remove = Remove { $name }
portal-care-team-confirm-heading = Remove { $staff } from { $name }'s care team?
portal-care-team-confirm-effect = From then on, { $staff } no longer sees anything { $name } shares with the care team. An administrator can add them again later.
portal-care-team-confirm-yes = Yes, remove from the care team
portal-device-confirm-heading = Remove device { $id }?
portal-device-confirm-connected = Device { $id } was connected for { $name } on { $date }.
portal-device-confirm-effect = Once removed, it can no longer sync or act in { $name }'s name. To use it again, { $name } enrolls it with a new code.
portal-device-confirm-yes = Yes, remove this device
portal-discharge-confirm-heading = Discharge { $name }?
portal-discharge-confirm-date = { $name } will be discharged on { $date }: the current level of care ends that day and aftercare begins, with check-ins 30, 60 and 90 days later at { $time }.
portal-discharge-confirm-cancelled = { $count ->
        [0] No later appointment will be cancelled.
        [one] 1 later appointment will be cancelled.
       *[other] { $count } later appointments will be cancelled.
    }
portal-discharge-confirm-programs = They will leave these programs: { $programs }.
portal-discharge-confirm-no-programs = They are not a member of any program.
portal-discharge-confirm-yes = Yes, discharge
portal-confirm-final = This cannot be undone.
portal-confirm-back = Cancel

## Staff

portal-staff-title = Staff
portal-staff-admin = { $name } (administrator)
portal-staff-counselor = { $name } (counselor)
portal-staff-add-heading = Add a staff account
portal-staff-name = Name
portal-staff-password = Initial password (at least 12 characters)
portal-staff-admin-check = Administrator (manages staff, programs, enrollment and levels of care)
portal-staff-add = Add staff account
