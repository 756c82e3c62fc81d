### Sentences the Rust side shows a person: the core (HALT, insights, progress, crisis, the PDF report,
### passphrase feedback, errors) and the shell (notifications, the tray). Owned by issue 14 (H14core).
### Spanish: usted, docs/spanish.md.

## Counts shared by several sentences

common-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }

## Get help now (core/src/crisis.rs). Numbers are arguments, so they cannot drift between languages.

crisis-intro = You are not alone. If you are in danger or thinking about hurting yourself, reach out now. These lines are free and open day and night.
crisis-988-name = 988 Suicide & Crisis Lifeline
crisis-988-text = For any crisis, including one about substance use. Call or text 988, or chat online. For Spanish, call and press 2.
crisis-988-call = Call 988
crisis-988-sms = Text 988
crisis-988-chat = Chat with 988
crisis-911-name = Emergency: 911
crisis-911-text = If you or someone else is in immediate danger, call 911.
crisis-911-call = Call 911
crisis-samhsa-name = SAMHSA National Helpline
crisis-samhsa-text = Free, confidential treatment referral and information, 24/7, in English and Spanish. TTY: { $tty }.
crisis-samhsa-call = Call { $number }
crisis-samhsa-tty = TTY { $tty }
crisis-nua-name = Never Use Alone
crisis-nua-text = If you are going to use, call first. Someone stays on the line and sends help if you stop responding. Free and confidential.
crisis-nua-call-number = Call { $number }
crisis-after-use-sentence = After time without using, the body's tolerance is lower, so an amount that felt usual before can now cause an overdose.
crisis-after-use-naloxone = Naloxone (Narcan) reverses an opioid overdose. Most pharmacies give it without a prescription; keep it where someone with you can find it.
crisis-after-use-nua = If you do use, you do not have to be alone: Never Use Alone ({ $number }) stays on the phone and sends help if you stop responding.
crisis-after-use-call = Call Never Use Alone
crisis-no-browser = This device could not open a web browser. Type this address into one:
crisis-no-sms = This device has no app for text messages. Send a text from your phone to:
crisis-no-phone = This device has no app for phone calls. Call from your phone:

## HALT (core/src/halt.rs): the four needs, what to do for each, and the pattern over recent checks

halt-need-hungry = Hungry
halt-need-angry = Angry
halt-need-lonely = Lonely
halt-need-tired = Tired
halt-suggestion-hungry-title = Eat something
halt-suggestion-hungry = A snack, a glass of water, a simple meal. Your body needs fuel to get through this.
halt-suggestion-angry-title = Let the anger out safely
halt-suggestion-angry = Vent to someone you trust, write it down, go for a brisk walk, or take ten slow breaths.
halt-suggestion-lonely-title = Reach out to someone
halt-suggestion-lonely = Call or text a support contact, or go to a meeting. You do not have to sit with this alone.
halt-suggestion-tired-title = Rest
halt-suggestion-tired = Lie down for a few minutes, or plan an early night. Everything feels harder when you are worn out.
halt-pattern-none = No HALT checks yet.
halt-pattern-nothing =
    { $checks ->
        [one] No need stood out in your last check.
       *[other] No need stood out in the last { $checks } checks.
    }
# $needs: the needs felt, e.g. "Tired and hungry".
halt-pattern-one = { $needs } in your last check.
# $needs: e.g. "Tired in 5, hungry in 2" (halt-pattern-part joined by list-and).
halt-pattern-many = { $needs } of the last { $checks } checks.
halt-pattern-part = { $need } in { $count }

## Lists: "A, B and C" ($init is "A, B")

list-and = { $init } and { $last }

## Dates in sentences (core/src/language.rs long_date): "Monday, March 2"

date-long = { $weekday }, { $month } { $day }
date-weekday-1 = Monday
date-weekday-2 = Tuesday
date-weekday-3 = Wednesday
date-weekday-4 = Thursday
date-weekday-5 = Friday
date-weekday-6 = Saturday
date-weekday-7 = Sunday
date-month-1 = January
date-month-2 = February
date-month-3 = March
date-month-4 = April
date-month-5 = May
date-month-6 = June
date-month-7 = July
date-month-8 = August
date-month-9 = September
date-month-10 = October
date-month-11 = November
date-month-12 = December

## Reminders and notifications (core/src/reminder.rs, reminder_delivery.rs; the shell's notifications)
## Discreet by default: nothing says what the appointment is for.

reminder-daily-check-in = Time for your daily check-in.
# $when: today, tomorrow or date; $clock: "6:00 PM"; $date: "Monday, March 2".
reminder-discreet =
    { $when ->
        [today] Reminder: appointment at { $clock }
        [tomorrow] Reminder: appointment tomorrow at { $clock }
       *[date] Reminder: appointment on { $date } at { $clock }
    }
# $kind: session-kind-words-*; $place: "" or ", " and the place (or reminder-by-video).
reminder-detailed =
    { $when ->
        [today] Reminder: { $kind } at { $clock }{ $place }
        [tomorrow] Reminder: { $kind } tomorrow at { $clock }{ $place }
       *[date] Reminder: { $kind } on { $date } at { $clock }{ $place }
    }
reminder-by-video = by video
reminder-missed-closed =
    { $count ->
        [one] You may have missed a reminder while Tideline was closed. Open Tideline to see what is coming up.
       *[other] You may have missed { $count } reminders while Tideline was closed. Open Tideline to see what is coming up.
    }
reminder-missed-asleep =
    { $count ->
        [one] You may have missed a reminder while your computer was asleep. Open Tideline to see what is coming up.
       *[other] You may have missed { $count } reminders while your computer was asleep. Open Tideline to see what is coming up.
    }
notification-action-attend = I'll be there
notification-action-decline = Can't make it

## Session kinds in a sentence ("group session")

session-kind-words-group = group session
session-kind-words-individual = individual session
session-kind-words-family = family session
session-kind-words-psychoeducation = education session
session-kind-words-medication = medication appointment
session-kind-words-aftercare = check-in
session-kind-words-other = session

## Progress on the home screen (core/src/program.rs). Never a shortfall: "3 of 6 hours this week."
## $hours and $target are already written as numbers ("7.5"); $n is the number, for the plural.

progress-starts = Your program starts on { $date }.
progress-aftercare = You are in aftercare. { $week }
progress-day = Day { $day } of your program. { $week }
progress-hours =
    { $n ->
        [one] { $hours } hour this week.
       *[other] { $hours } hours this week.
    }
progress-hours-met = { $hours } hours this week, meeting your { $target }-hour target.
progress-hours-of = { $hours } of { $target } hours this week.
progress-check-in-next = Your next check-in is on { $date }.
progress-check-in-none = No check-in is scheduled yet.

## Insights (core/src/insights.rs): each chart explains itself with a sentence

insights-cravings-none = No cravings logged in the last two weeks.
insights-cravings-none-this-week = No cravings logged so far this week.
insights-cravings-new =
    { $count ->
        [one] You logged { $count } craving this week and none last week.
       *[other] You logged { $count } cravings this week and none last week.
    }
insights-cravings-lower = Your cravings were lower this week than last.
insights-cravings-stronger = Your cravings were stronger this week than last. Noticing that is a good first step.
insights-cravings-same = Your cravings were about as strong this week as last.
insights-triggers-none = No triggers noted in the last 30 days.
# $trigger: insights-trigger-* or the patient's own words in quotes.
insights-triggers-top =
    { $count ->
        [one] Your most common trigger in the last 30 days was { $trigger } ({ $count } time).
       *[other] Your most common trigger in the last 30 days was { $trigger } ({ $count } times).
    }
insights-trigger-halt = feeling { $need }
insights-trigger-morning = the morning
insights-trigger-afternoon = the afternoon
insights-trigger-evening = the evening
insights-trigger-night = the night
insights-trigger-words = “{ $label }”
insights-urges-none = No urges surfed yet.
# $drop: one decimal, e.g. "2.5".
insights-urges =
    { $surfed ->
        [one] You have surfed { $surfed } urge. On average the urge fell { $drop } points from its peak by the end.
       *[other] You have surfed { $surfed } urges. On average the urge fell { $drop } points from its peak by the end.
    }
insights-attendance = You attended { $this } hours this week and { $last } last week.

## The course of care (core/src/care.rs): level, weekly target, who set it, session status lines

care-level-iop = Intensive outpatient (ASAM 2.1)
care-level-iop-adolescent = Intensive outpatient, adolescent (ASAM 2.1)
care-level-partial-hospitalization = Partial hospitalization (ASAM 2.5)
care-level-outpatient = Outpatient (ASAM 1)
care-level-aftercare = Aftercare
care-target-aftercare = No weekly hours: check-ins at 30, 60 and 90 days instead
care-target-minute = 1 minute a week
# $hours: written as a number ("7.5"); $n: the number, for the plural.
care-target-hours =
    { $n ->
        [one] { $hours } hour a week
       *[other] { $hours } hours a week
    }
care-target-outpatient = Under 9 hours a week, the target your counselor set
care-target-none = No weekly target
# $level: care-level-*; $target: care-target-* starting lower-case; $date: "March 2, 2026".
care-set-by-clinic = Set by your clinic: { $level }, { $target }, since { $date }.
care-set-by-you = You set this: { $level }, { $target }.
care-date = { $month } { $day }, { $year }
care-kind-group = Group
care-kind-individual = Individual
care-kind-family = Family
care-kind-psychoeducation = Education
care-kind-medication = Medication
care-kind-aftercare = Aftercare check-in
care-kind-other = Other
# $kind: the kind's code
care-session-heading =
    { $kind ->
        [group] Group session
        [individual] Individual session
        [family] Family session
        [psychoeducation] Education session
        [medication] Medication session
        [aftercare] Aftercare check-in session
       *[other] Other session
    }
care-duration-min = { $m } min
care-duration-h = { $h } h
care-duration-h-min = { $h } h { $m } min
care-minutes =
    { $n ->
        [one] { $n } minute
       *[other] { $n } minutes
    }
care-status-cancelled = Cancelled
care-status-cancelled-reason = Cancelled: { $reason }
care-status-removed = Removed by the clinic
care-status-attended = Attended
care-status-late = Attended, { $minutes } late
care-status-left-early = Attended, left { $minutes } early
care-status-missed = Missed
care-status-excused = Excused
care-status-proposed = Proposed
care-status-pending = Waiting for confirmation
care-status-waitlist = On the waiting list
care-status-booked = Booked
# $what: the status.
care-self-reported = { $what } (self-reported)
# $what: the status (with care-self-reported when it is the patient's own mark); $counted: care-duration-*.
care-status-counted = { $what } — { $counted } counted

## Passphrase strength feedback (core/src/passphrase.rs, zxcvbn's findings in plain words)

passphrase-warn-keyboard = Keys next to each other on the keyboard are easy to guess.
passphrase-warn-repeats = Repeated letters, like aaa, are easy to guess.
passphrase-warn-repeated-piece = Repeating a short piece, like abcabc, adds little.
passphrase-warn-common = This is a very common password, which is guessed first.
passphrase-warn-similar = This is close to a common password or to a word about this app.
passphrase-warn-sequence = Runs like abc or 6543 are easy to guess.
passphrase-warn-dates = Dates and years are easy to guess.
passphrase-warn-one-word = One word on its own is easy to guess.
passphrase-warn-names = Names are easy to guess.
passphrase-warn-too-short = Use at least { $min } characters.
passphrase-tip-words = Use a few unrelated words, not a saying or a lyric.
passphrase-tip-no-symbols = You do not need symbols, numbers or capitals.
passphrase-tip-add-word = Add another word or two. Unusual words are better.
passphrase-tip-capitals = Capital letters add little.
passphrase-tip-reversed = A word spelled backwards adds little.
passphrase-tip-swaps = Swaps like @ for a add little.
passphrase-tip-keyboard = Use words rather than keyboard patterns.
passphrase-tip-repeats = Avoid repeating words or letters.
passphrase-tip-sequences = Avoid runs like abc or 123.
passphrase-tip-dates = Avoid dates and years that mean something to you.

## Journal entries as the PDF report prints them (core/src/share/entry.rs, core/src/report.rs)
## The patient's own words are placed as they are; $n values are numbers.

entry-title-craving = Craving record
entry-title-halt = HALT check
entry-title-urge = Urge surfing
# $kind: entry-title-*; $when: the date and time.
entry-title = { $kind }, { $when }
entry-line = { $label }: { $value }
entry-intensity = Intensity: { $n } of 10
entry-situation = Situation
entry-thoughts = Thoughts and feelings
entry-lasted = Lasted: { $n } minutes
entry-coping = Coping
entry-outcome = Outcome: { $value }
entry-triggers = Triggers: { $value }
entry-notes = Notes
entry-note = Note
entry-halt-rating = { $need }: { $n } of 3
entry-trigger-halt = HALT: { $need }
entry-trigger-person = Person: { $label }
entry-trigger-place = Place: { $label }
entry-trigger-feeling = Feeling: { $label }
entry-trigger-time = Time of day: { $part }
entry-part-morning = morning
entry-part-afternoon = afternoon
entry-part-evening = evening
entry-part-night = night
entry-craving-outcome-not-yet-recorded = Not recorded yet
entry-craving-outcome-did-not-use = Did not use
entry-craving-outcome-used = Returned to use
entry-urge-intensity = Intensity: { $start } at the start, { $peak } at the peak, { $end } at the end (of 10)
entry-urge-form = Guided form: { $value }
entry-urge-variant-wave = Urge surfing wave
entry-urge-variant-sober = S.O.B.E.R.
entry-urge-steps = Steps: { $value }
entry-urge-step-notice-and-name = Notice and name the urge
entry-urge-step-observe-body = Observe it in the body and thoughts
entry-urge-step-breathe = Breathe
entry-urge-step-ride-the-wave = Ride the wave
entry-urge-step-notice-it-fall = Notice it fall
entry-urge-step-stop = Stop
entry-urge-step-observe = Observe
entry-urge-step-expand-awareness = Expand awareness
entry-urge-step-respond-mindfully = Respond mindfully
entry-urge-wave = Wave: { $value }
entry-urge-wave-point = { $n } at { $minute } min
entry-urge-outcome-not-yet-recorded = Not recorded yet
entry-urge-outcome-rode-it-out = Rode it out
entry-urge-outcome-acted-on-urge = Acted on the urge

## The PDF report (core/src/report.rs)

report-title = Tideline journal report
report-made-by =
    { $count ->
        [one] Made by the patient on { $date } from their own journal: { $count } entry, chosen by them.
       *[other] Made by the patient on { $date } from their own journal: { $count } entries, chosen by them.
    }
report-date = { $day } { $month } { $year }
report-prepared-for = Prepared for: { $reader }
report-part2-notice = 42 CFR part 2 prohibits unauthorized use or disclosure of these records.
report-chart-cravings = Craving intensity over time (0 to 10)
report-chart-cravings-span = from { $from } to { $to }
report-chart-urge = The urge wave (intensity 0 to 10)
report-chart-urge-axis = minutes since the start

## An entry's short date and time: "Mon 2 Mar 2026, 21:30"

entry-when = { $weekday } { $day } { $month } { $year }, { $time }
date-weekday-short-1 = Mon
date-weekday-short-2 = Tue
date-weekday-short-3 = Wed
date-weekday-short-4 = Thu
date-weekday-short-5 = Fri
date-weekday-short-6 = Sat
date-weekday-short-7 = Sun
date-month-short-1 = Jan
date-month-short-2 = Feb
date-month-short-3 = Mar
date-month-short-4 = Apr
date-month-short-5 = May
date-month-short-6 = Jun
date-month-short-7 = Jul
date-month-short-8 = Aug
date-month-short-9 = Sep
date-month-short-10 = Oct
date-month-short-11 = Nov
date-month-short-12 = Dec

## Errors the window may show (core/src/error.rs, through core::status::IpcError). Fixed sentences,
## never patient data. A rejected value's reason has the id invalid-<its English words, kebab-case>.

error-no-vault = there is no vault here yet
error-vault-exists = a vault already exists here; choose explicitly to replace it
error-wrong-passphrase = that passphrase did not unlock the vault
error-wrong-recovery-key = that recovery key did not unlock the vault
error-quick-unlock-off = quick unlock is off on this device; unlock with your passphrase
error-biometric = the fingerprint or face check did not go through; try again or use your passphrase
error-locked-out = too many attempts; try again in { $seconds } seconds
error-locked = the vault is locked
error-file-empty = the file is empty (0 bytes)
error-file-truncated = the file is incomplete: its end is missing
error-file-foreign = the file is not a Tideline vault or backup
error-file-corrupted = the file is damaged and cannot be read safely
error-file-key-slot = the file's key information is damaged
error-unsupported-version = this file was written by a newer version of Tideline (format { $found }); update the app
error-not-found = that entry no longer exists
error-disk-full = the disk is full; nothing was saved and nothing already saved was lost
error-storage = storage failed: { $detail }
error-offline = the clinic could not be reached; your answers are saved and will be sent later
error-device-refused = the clinic no longer accepts this device; ask the clinic for a new code to connect again
# $count: how many entries did not open at unlock (a number). The new key for everything is refused.
error-entries-unopened = { $count } of your entries could not be opened, so the key was not changed: that would lose them. They are kept in the file unchanged. Restore a backup that has them, then try again; until then you can still change your passphrase on its own
invalid-use-at-least-10-characters = use at least 10 characters
invalid-use-at-most-1024-characters = use at most 1024 characters
invalid-this-passphrase-is-too-easy-to-guess-add-more-unrelated-words = this passphrase is too easy to guess; add more unrelated words
invalid-choose-one-of-the-languages-offered = choose one of the languages offered

## The reasons a value or a clinic request was refused (Invalid::new / Error::Clinic words). A reason
## missing here keeps its English words in every language.

invalid-this-draft-is-too-long-to-keep = this draft is too long to keep
invalid-your-clinic-has-recorded-this-session-its-record-counts = your clinic has recorded this session; its record counts
invalid-a-session-can-be-marked-once-it-has-started = a session can be marked once it has started
invalid-the-minutes-must-be-less-than-the-session-s-length = the minutes must be less than the session's length
invalid-must-be-a-phone-number-digits-spaces = must be a phone number (digits, spaces, + - ( ) .)
invalid-must-be-between-0-and-10 = must be between 0 and 10
invalid-must-be-between-1-minute-and-24-hours = must be between 1 minute and 24 hours
invalid-too-many-triggers-in-one-entry = too many triggers in one entry
invalid-this-contact-has-no-phone-number = this contact has no phone number
invalid-this-contact-did-not-say-texting-is-welcome = this contact did not say texting is welcome
invalid-this-phone-number-cannot-be-dialled = this phone number cannot be dialled
invalid-must-be-between-0-and-3 = must be between 0 and 3
invalid-has-too-many-items = has too many items
invalid-every-trigger-needs-a-coping-step = every trigger needs a coping step
invalid-must-be-after-the-start = must be after the start
invalid-a-session-cannot-last-more-than-24-hours = a session cannot last more than 24 hours
invalid-a-video-link-must-start-with-https = a video link must start with https://
invalid-start-and-end-must-differ = start and end must differ
invalid-can-last-at-most-16-hours = can last at most 16 hours
invalid-at-most-6-reminders-per-session = at most 6 reminders per session
invalid-must-be-between-1-minute-and-14-days = must be between 1 minute and 14 days
invalid-lists-the-same-time-twice = lists the same time twice
invalid-falls-inside-quiet-hours = falls inside quiet hours
invalid-must-be-between-1-and-60 = must be between 1 and 60
invalid-only-craving-records-halt-checks-and-urge-surfing-sessions-can-be-shared = only craving records, HALT checks and urge-surfing sessions can be shared
invalid-choose-at-least-one-entry-to-share = choose at least one entry to share
invalid-share-at-most-200-entries-at-a-time = share at most 200 entries at a time
invalid-is-not-a-usable-date = is not a usable date
invalid-must-be-today-or-later = must be today or later
invalid-a-consent-can-last-at-most-a-year = a consent can last at most a year
invalid-this-entry-cannot-be-shared = this entry cannot be shared
invalid-this-consent-was-revoked-share-again-instead = this consent was revoked; share again instead
invalid-this-consent-expired-before-it-was-sent-nothing-was-shared = this consent expired before it was sent; nothing was shared
clinic-this-device-is-not-connected-to-a-clinic = this device is not connected to a clinic
clinic-the-clinic-has-no-care-team-for-you-yet-ask-the-clinic = the clinic has no care team for you yet; ask the clinic
clinic-the-stored-clinic-connection-is-damaged-connect-to-the-clinic-again = the stored clinic connection is damaged; connect to the clinic again
invalid-this-device-is-already-connected-to-a-clinic-disconnect-first = this device is already connected to a clinic; disconnect first
invalid-type-the-code-the-clinic-gave-you = type the code the clinic gave you
invalid-that-code-did-not-work-check-it-or-ask-the-clinic-for-a-new-one-codes-last-15-minutes = that code did not work; check it, or ask the clinic for a new one (codes last 15 minutes)
clinic-the-clinic-did-not-confirm-that-this-device-is-disconnected = the clinic did not confirm that this device is disconnected
clinic-the-clinic-connection-changed-during-the-sync-sync-again = the clinic connection changed during the sync; sync again
clinic-this-device-s-clock-differs-from-the-clinic-s-by-more-than-5-minutes-check-the-date-and-time-settings = this device's clock differs from the clinic's by more than 5 minutes; check the date and time settings
clinic-the-clinic-is-busy-right-now-your-answers-are-saved-and-will-be-sent-later = the clinic is busy right now; your answers are saved and will be sent later
clinic-the-clinic-sent-an-answer-the-app-could-not-read-try-again-later = the clinic sent an answer the app could not read; try again later
clinic-the-clinic-refused-to-send-the-schedule-ask-the-clinic-to-check-this-device = the clinic refused to send the schedule; ask the clinic to check this device
invalid-must-be-the-clinic-s-address-such-as-https-clinic-example = must be the clinic's address, such as https://clinic.example
invalid-must-start-with-https-so-the-connection-is-encrypted = must start with https:// so the connection is encrypted
invalid-is-not-a-clinic-address = is not a clinic address
clinic-the-clinic-sent-more-than-the-app-can-read-try-again-later = the clinic sent more than the app can read; try again later
invalid-must-not-be-before-the-start = must not be before the start
invalid-no-file-at-that-place = no file at that place
invalid-a-recovery-key-has-32-letters-and-digits = a recovery key has 32 letters and digits
invalid-writing-while-locked-works-after-the-next-unlock = writing while locked works after the next unlock
invalid-choose-a-file-name = choose a file name
invalid-choose-the-file-again-with-the-app-s-own-dialog = choose the file again with the app's own dialog
invalid-enter-the-passphrase-or-the-recovery-key = enter the passphrase or the recovery key
invalid-enter-your-current-passphrase-to-replace-what-is-on-this-device = enter your current passphrase to replace what is on this device
invalid-must-start-with-https = must start with https://

## The tray menu (src-tauri/src/tray.rs): neutral words, nothing about what the app is for

tray-open = Open Tideline
tray-lock = Lock
tray-help = Get help now
tray-quit = Quit

## Clinic sync (core/src/sync): an answer the clinic would not take, the clinic key after a new master key

sync-parked-session-unknown = The clinic no longer has this session, so your answer could not be sent. Please tell your counselor directly.
sync-parked-not-yours = The clinic says this session is not on your schedule, so your answer could not be sent. Please tell your counselor directly.
sync-parked-conflict = The clinic already has a different answer for this session. Answer again to send your latest choice.
sync-parked-unsupported = The clinic's server does not accept answers from this version of the app. Please update the app or tell your counselor directly.
sync-parked-refused = The clinic could not accept this answer. Please tell your counselor directly.
sync-clinic-key-renewed = This device's clinic key was renewed too: a copy of your journal made before can no longer act for you at the clinic.
sync-clinic-key-next-connection = The clinic could not be reached, so this device's clinic key will be renewed at the next connection, before anything else is sent.
sync-clinic-key-device-refused = The clinic no longer accepts this device, so there was no clinic key to renew; connect again with a new code from the clinic.

## The consent the patient signs to share (core/src/share/preview.rs): every element 42 CFR Part 2
## requires, in plain words. It is what the patient reads and signs, in their language.

consent-patient = Patient: me, the person this device is connected for at { $clinic } ({ $patient }).
consent-allow = I allow { $clinic }, the program treating me, to disclose these entries from my Tideline journal:
consent-entry = - { $title }
consent-to = To: my care team at { $clinic } (the counselors and therapists assigned to me).
consent-purpose = Purpose: { $purpose }.
consent-purpose-treatment = to help with my treatment
consent-ends = This consent ends at the end of { $date }, unless I revoke it sooner.
consent-revoke = I may revoke it at any time: in Tideline, under Sharing, choose Revoke, or tell { $clinic } in writing. Revoking stops all further access; it cannot undo what was already viewed.
consent-treatment = My treatment does not depend on signing this consent.
consent-signed = Signed electronically on this device by me, the patient, on { $date } at { $time } ({ $zone }).
# Who viewed shared entries, when the clinic names no one.
share-viewer-unnamed = Clinic staff
sync-new-device-warning = A new device was connected to your clinic account. If this was you, you can dismiss this. If this was not you, tell your clinic; they can remove it.
invalid-an-outpatient-target-is-more-than-0-and-under-9-hours = an outpatient target is more than 0 and under 9 hours
invalid-aftercare-has-no-weekly-hours = aftercare has no weekly hours
invalid-intensive-outpatient-care-is-at-least-9-hours-a-week = intensive outpatient care is at least 9 hours a week
invalid-adolescent-intensive-outpatient-care-is-at-least-6-hours-a-week = adolescent intensive outpatient care is at least 6 hours a week
invalid-partial-hospitalization-is-at-least-20-hours-a-week = partial hospitalization is at least 20 hours a week
