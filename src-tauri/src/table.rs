//! The one command table. Every IPC command is one entry here: its name, its arguments (Rust type
//! and TypeScript type), its result's TypeScript type, what it does (the doc comment) and its flags.
//! From this table come the dispatch (`route`, used by the app's invoke handler and by the browser
//! tests' bridge), `commands.list` (one Tauri permission per command, `build.rs`), the capability
//! files, the TypeScript contract `ui/src/lib/commands.ts` (backend.ts's `call` is typed by it) and
//! the command list in docs/ipc.md. `generated_files_match_the_table` fails when any file disagrees
//! (`TIDELINE_BLESS=1 cargo test -p tideline --lib table` rewrites them).

use chrono::NaiveDate;
use serde_json::Value;
use tideline_core::care::Attendance;
use tideline_core::craving::CravingEntry;
use tideline_core::crisis::CrisisTarget;
use tideline_core::draft::Draft;
use tideline_core::entry::{Entry, EntryQuery};
use tideline_core::journal::CravingQuery;
use tideline_core::record::RecordId;
use tideline_core::session::ParticipantResponse;
use tideline_core::share::{ConsentTerms, ShareSelection};
use zeroize::Zeroizing;

use crate::chooser::PathPurpose;
use crate::cx::{parse, to_json, Cx, Rejection};
use crate::{commands as c, crisis, language, quick_unlock as q};

/// What the dispatch does around a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// After it succeeds, reminders are planned again from the open vault (it unlocks, or it
    /// changes sessions, settings or records).
    Replan,
    /// After it succeeds, the background sync is asked to run soon.
    Wake,
    /// Phones only: the desktop answers as for an unknown command.
    Phone,
}

/// One command as the table describes it.
#[derive(Debug)]
pub struct Command {
    /// The IPC name.
    pub name: &'static str,
    /// What it does (the doc comment), for docs/ipc.md and the TypeScript contract.
    pub doc: &'static str,
    /// Each argument: snake_case name, Rust type as written, TypeScript type.
    pub args: &'static [(&'static str, &'static str, &'static str)],
    /// The result's TypeScript type.
    pub returns: &'static str,
    /// What the dispatch does around it.
    pub flags: &'static [Flag],
}

impl Command {
    /// Whether the command carries `flag`.
    pub fn has(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}

macro_rules! command_table {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $($arg:ident : $ty:ty => $ts:literal),* $(,)? ) -> $ret:literal
        [$($flag:ident),*] = $handler:path;
    )*) => {
        /// Every command, in the order docs/ipc.md lists them.
        pub const COMMANDS: &[Command] = &[$(Command {
            name: stringify!($name),
            doc: concat!($($doc, "\n"),*),
            args: &[$((stringify!($arg), stringify!($ty), $ts)),*],
            returns: $ret,
            flags: &[$(Flag::$flag),*],
        }),*];

        /// Parses the arguments of `command` and runs its handler; `None` for an unknown name.
        pub(crate) fn route(cx: &Cx<'_>, command: &str, args: Value) -> Option<Result<Value, Rejection>> {
            match command {
                $(stringify!($name) => Some((|| {
                    #[derive(serde::Deserialize)]
                    #[serde(rename_all = "camelCase")]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = parse(stringify!($name), args)?;
                    to_json($handler(cx, $($arg),*)?)
                })()),)*
                _ => None,
            }
        }
    };
}

command_table! {
    /// Whether a vault exists, whether it is unlocked, and any lockout wait. No vault needed.
    vault_status() -> "VaultStatus" [] = c::vault_status;
    /// Makes the vault and the program together; the recovery key is shown once.
    vault_create(passphrase: Zeroizing<String> => "string", program_start: NaiveDate => "string",
        zone: Option<String> => "string") -> "Created" [Replan] = c::vault_create;
    /// Opens the vault with the passphrase (the lockout applies: `wrong_secret`, `locked_out`).
    /// Answers once the key has opened; the records load meanwhile, and the next command that
    /// reads or writes the vault waits for them.
    vault_unlock(passphrase: Zeroizing<String> => "string") -> "null" [Replan, Wake] = c::vault_unlock;
    /// Opens the vault with the recovery key and sets a new passphrase.
    vault_recover(recovery_key: Zeroizing<String> => "string", new_passphrase: Zeroizing<String> => "string")
        -> "UnlockReport" [Replan, Wake] = c::vault_recover;
    /// Locks now (stores how far reminders got first).
    vault_lock() -> "null" [] = c::vault_lock;
    /// The patient's keyboard, pointer or touch in the window (the UI sends it at most every 15 s):
    /// the only thing that postpones auto-lock; no other command, sync or background write does.
    vault_touch() -> "null" [] = c::vault_touch;
    /// A running exercise keeps the vault open until the instant returned (or null); the core caps
    /// it at 30 minutes after the patient's last activity, so asking again never extends it.
    vault_hold(minutes: u32 => "number") -> "string | null" [] = c::vault_hold;
    /// The exercise ended: the idle rule applies again.
    vault_release() -> "null" [] = c::vault_release;
    /// The language in use (`tag`), the system's (`system`) and whether the patient chose. No vault
    /// needed: the lock screen and first run ask before any key exists.
    language_get() -> "LanguageStatus" [] = language::language_get;
    /// Stores the patient's language ("en" or "es"; "en-XA" for the pseudo-locale tests) in the data
    /// directory; every sentence made after this is in it, with no relock or restart (`invalid` for
    /// another tag). Reminders are planned again so the device's own schedule follows.
    language_set(tag: String => "string") -> "LanguageStatus" [Replan] = language::language_set;
    /// Every crisis line with its words, from core::crisis. No vault needed.
    crisis_lines() -> "CrisisDirectory" [] = crisis::crisis_lines;
    /// What the craving screen says once after a logged return to use.
    crisis_after_use() -> "AfterUse" [] = crisis::crisis_after_use;
    /// Opens a crisis line (`{ kind: "call988" }` and the rest of the closed set) or a contact
    /// (`{ kind: "contact", id, text }`): the address is built in Rust (the window never passes one
    /// and has no opener permission). `{ outcome: "noHandler", sentence, number }` when nothing on
    /// the device opens it. A contact needs the vault unlocked (`locked`, `not_found`, `invalid`).
    crisis_open(target: CrisisTarget => "CrisisTarget") -> "CrisisOpened" [] = crisis::crisis_open;
    /// What a reminder says in each notification setting, made by the planner's own code.
    reminder_examples() -> "NotificationExamples" [] = c::reminder_examples;
    /// A craving written on the lock screen, no unlock needed: sealed to the vault's X25519 public
    /// key (core vault/inbox.rs), it joins the journal at the next unlock. The locked app can add but
    /// read nothing. `invalid` for a vault not yet unlocked once by this version.
    locked_capture(entry: CravingEntry => "CravingEntry") -> "null" [] = c::locked_capture;
    /// What is on screen, sealed in the vault as app state (at most 64 KiB), so an auto-lock loses
    /// nothing. Not activity.
    draft_keep(draft: Draft => "Draft") -> "null" [] = c::draft_keep;
    /// The kept draft, once (then deleted), offered back after an unlock.
    draft_take() -> "Draft | null" [] = c::draft_take;
    /// How many entries did not open at this unlock (damaged in the file, where they are kept
    /// unchanged; 0 almost always): the window tells the patient once. Waits for the records.
    vault_unopened() -> "number" [] = c::vault_unopened;
    /// Forgets the kept draft (the entry was saved or the exercise finished).
    draft_discard() -> "null" [] = c::draft_discard;
    /// zxcvbn's verdict with plain-words feedback. No vault needed.
    passphrase_assess(passphrase: Zeroizing<String> => "string") -> "Strength" [] = c::passphrase_assess;
    /// Saves an entry the UI may write (new without `id`).
    record_save(id: Option<RecordId> => "string", record: Entry => "Entry") -> "StoredEntry" [Replan] = c::record_save;
    /// Deletes an entry for real (secure_delete, WAL truncated).
    record_delete(id: RecordId => "string") -> "null" [Replan] = c::record_delete;
    /// The entries matching the query, newest first (app state never included).
    records_query(query: EntryQuery => "EntryQuery") -> "StoredEntry[]" [] = c::records_query;
    /// One page of the craving journal, newest first: every filter (dates, intensity, trigger,
    /// outcome, words) runs in the core over the whole journal; with the true total.
    journal_page(query: CravingQuery => "CravingQuery") -> "CravingPage" [] = c::journal_page;
    /// Progress, next session, recent activity.
    home_summary() -> "HomeSummary" [] = c::home_summary;
    /// The insights screen, derived on demand.
    insights() -> "Insights" [] = c::insights;
    /// The HALT needs of the last `lastN` check-ins.
    halt_pattern(last_n: u32 => "number") -> "HaltPattern" [] = c::halt_pattern;
    /// The response to each HALT need, from the core (the one source of that text).
    halt_suggestions() -> "HaltSuggestion[]" [] = c::halt_suggestions;
    /// Changes the passphrase in one transaction (the current one is checked on the lockout's counter).
    passphrase_change(current: Zeroizing<String> => "string", next: Zeroizing<String> => "string") -> "null" [] = c::passphrase_change;
    /// A new recovery key (shown once); the old one stops working.
    recovery_key_rotate(passphrase: Zeroizing<String> => "string") -> "Created" [] = c::recovery_key_rotate;
    /// "Someone may know my passphrase": a new master key; every record resealed in one transaction
    /// with a new passphrase and a new recovery key (shown once); quick unlock ends. The current
    /// passphrase is checked on the lockout's counter; the new one must pass `passphrase_assess`.
    vault_rotate_key(current: Zeroizing<String> => "string", next: Zeroizing<String> => "string") -> "Created" [] = c::vault_rotate_key;
    /// An encrypted backup to the file behind a `pick_path("backupExport")` token.
    backup_export(token: String => "string") -> "null" [] = c::backup_export;
    /// Restores the backup behind a `pick_path("backupRestore")` token with its passphrase or
    /// recovery key. Replacing an existing vault needs it unlocked and `currentPassphrase` (step-up,
    /// on the lockout's counter): `invalid` (with `field`), `locked`, `wrong_secret`, `locked_out`.
    backup_restore(token: String => "string", passphrase: Option<Zeroizing<String>> => "string",
        recovery_key: Option<Zeroizing<String>> => "string", overwrite: bool => "boolean",
        current_passphrase: Option<Zeroizing<String>> => "string") -> "UnlockReport" [Replan] = c::backup_restore;
    /// The readable (not encrypted) export to the file behind a `pick_path("exportJson")` token;
    /// step-up: the passphrase again, on the lockout's counter.
    export_json(token: String => "string", passphrase: Zeroizing<String> => "string") -> "null" [] = c::export_json;
    /// Deletes the vault for real after checking the passphrase.
    vault_wipe(passphrase: Zeroizing<String> => "string") -> "null" [] = c::vault_wipe;
    /// The native save or open dialog: an opaque one-time token for the chosen file (never the
    /// path; good once, for that purpose, for 10 minutes), or null when cancelled.
    pick_path(purpose: PathPurpose => "\"backupExport\" | \"backupRestore\" | \"exportJson\" | \"reportPdf\"")
        -> "string | null" [] = c::pick_path;
    /// Enrolls this device with the clinic's code; does not sync (call `sync_now` next).
    sync_connect(server: String => "string", code: Zeroizing<String> => "string") -> "SyncStatus" [] = c::sync_connect;
    /// One sync now; the vault is held only to prepare and to apply, never during the network.
    sync_now() -> "SyncReport" [] = c::sync_now;
    /// The clinic link: connected, clinic name, refused, last sync, waiting and parked answers.
    sync_status() -> "SyncStatus" [] = c::sync_status;
    /// The devices the clinic lists for the patient (this one marked) and, while one is new and not
    /// acknowledged, the warning to show.
    clinic_devices() -> "ClinicDevices" [] = c::clinic_devices;
    /// The patient has seen the device list: the warning goes until another device appears.
    clinic_devices_acknowledge() -> "ClinicDevices" [] = c::clinic_devices_acknowledge;
    /// Forgets a parked answer.
    sync_dismiss_parked(session: RecordId => "string") -> "SyncStatus" [] = c::sync_dismiss_parked;
    /// Asks the clinic to revoke this device (offline: disconnects anyway), then deletes the link
    /// and the device key; sessions and unsent answers stay.
    sync_disconnect() -> "SyncStatus" [] = c::sync_disconnect;
    /// The patient's answer to a session; a clinic session's answer waits in the outbox first.
    session_respond(id: RecordId => "string", response: ParticipantResponse => "ParticipantResponse")
        -> "StoredEntry" [Replan, Wake] = c::session_respond;
    /// Answers the patient gave on a notification that could not be saved (disk full, a session no
    /// longer open to answers), each `{ session, response, code, message }`; handed over once.
    answer_problems_take() -> "AnswerProblem[]" [] = c::answer_problems_take;
    /// Level of care and weekly target in force, who set them, the clinic's course, the aftercare
    /// check-ins; null before the program is set up.
    care_plan() -> "CarePlan | null" [] = c::care_plan;
    /// Every session with its heading, kind, status line ("Attended, 20 minutes late — 2 h 40 min
    /// counted"), minutes counted by wire's one hours rule, and whether the patient may mark it;
    /// soonest first.
    sessions_list() -> "SessionView[]" [] = c::sessions_list;
    /// The patient's own mark on a started session (self-reported, never sent); null clears it.
    /// Refused (`invalid`) before the session starts, for a cancelled one, and once the clinic
    /// recorded it.
    session_mark(id: RecordId => "string", mark: Option<Attendance> => "Attendance") -> "StoredEntry" [Replan] = c::session_mark;
    /// Exactly what a share would send, with the consent text; no network.
    share_preview(selection: ShareSelection => "ShareSelection", terms: ConsentTerms => "ConsentTerms")
        -> "SharePreview" [] = c::share_preview;
    /// Signs and sends a share (step-up: the passphrase again); the consent is stored first.
    share_send(selection: ShareSelection => "ShareSelection", terms: ConsentTerms => "ConsentTerms",
        passphrase: Zeroizing<String> => "string") -> "ConsentSummary" [] = c::share_send;
    /// Sends a consent still waiting to be confirmed again (the same signed bundle).
    share_resend(id: RecordId => "string") -> "ConsentSummary" [] = c::share_resend;
    /// Every consent, newest first.
    share_consents() -> "ConsentSummary[]" [] = c::share_consents;
    /// Revokes a consent; the clinic is told first when it may hold the entries.
    share_revoke(id: RecordId => "string") -> "ConsentSummary" [] = c::share_revoke;
    /// Who at the clinic viewed a consent's entries, and when (read from the clinic).
    share_accounting(id: RecordId => "string") -> "Disclosure[]" [] = c::share_accounting;
    /// The PDF report of the selected entries to the file behind a `pick_path("reportPdf")` token.
    report_pdf(selection: ShareSelection => "ShareSelection", token: String => "string") -> "null" [] = c::report_pdf;
    /// Whether biometrics are usable here and quick unlock is on.
    quick_unlock_status() -> "QuickUnlockStatus" [Phone] = q::quick_unlock_status;
    /// Turns quick unlock on: the passphrase is checked, a device slot made, the keystore seals its
    /// key after a biometric check.
    quick_unlock_enable(passphrase: Zeroizing<String> => "string") -> "null" [Phone] = q::quick_unlock_enable;
    /// Turns quick unlock off.
    quick_unlock_disable() -> "null" [Phone] = q::quick_unlock_disable;
    /// Unlocks with the patient's fingerprint or face; the lockout applies.
    /// Answers before the records are loaded, like `vault_unlock`.
    quick_unlock() -> "null" [Phone, Replan, Wake] = q::quick_unlock;
}
