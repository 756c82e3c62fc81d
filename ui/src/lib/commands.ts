// Generated from src-tauri/src/table.rs by `TIDELINE_BLESS=1 cargo test -p tideline --lib contract`; do not edit.
import type { AfterUse, AnswerProblem, Attendance, CarePlan, ClinicDevices, ConsentSummary, ConsentTerms, CravingEntry, CravingPage, CravingQuery, Created, CrisisDirectory, CrisisOpened, CrisisTarget, Disclosure, Draft, Entry, EntryQuery, HaltPattern, HaltSuggestion, HomeSummary, Insights, LanguageStatus, NotificationExamples, ParticipantResponse, QuickUnlockStatus, SessionView, SharePreview, ShareSelection, StoredEntry, Strength, SyncReport, SyncStatus, UnlockReport, VaultStatus } from "./types";

/** Every IPC command: its arguments and its result. `backend.ts`'s `call` is typed by it. */
export interface Commands {
  /**
   * Whether a vault exists, whether it is unlocked, and any lockout wait. No vault needed.
   */
  vault_status: { args: Record<string, never>; result: VaultStatus };
  /**
   * Makes the vault and the program together; the recovery key is shown once.
   */
  vault_create: { args: { passphrase: string; programStart: string; zone?: string | null }; result: Created };
  /**
   * Opens the vault with the passphrase (the lockout applies: `wrong_secret`, `locked_out`).
   * Answers once the key has opened; the records load meanwhile, and the next command that
   * reads or writes the vault waits for them.
   */
  vault_unlock: { args: { passphrase: string }; result: null };
  /**
   * Opens the vault with the recovery key and sets a new passphrase.
   */
  vault_recover: { args: { recoveryKey: string; newPassphrase: string }; result: UnlockReport };
  /**
   * Locks now (stores how far reminders got first).
   */
  vault_lock: { args: Record<string, never>; result: null };
  /**
   * The patient's keyboard, pointer or touch in the window (the UI sends it at most every 15 s):
   * the only thing that postpones auto-lock; no other command, sync or background write does.
   */
  vault_touch: { args: Record<string, never>; result: null };
  /**
   * A running exercise keeps the vault open until the instant returned (or null); the core caps
   * it at 30 minutes after the patient's last activity, so asking again never extends it.
   */
  vault_hold: { args: { minutes: number }; result: string | null };
  /**
   * The exercise ended: the idle rule applies again.
   */
  vault_release: { args: Record<string, never>; result: null };
  /**
   * The language in use (`tag`), the system's (`system`) and whether the patient chose. No vault
   * needed: the lock screen and first run ask before any key exists.
   */
  language_get: { args: Record<string, never>; result: LanguageStatus };
  /**
   * Stores the patient's language ("en" or "es"; "en-XA" for the pseudo-locale tests) in the data
   * directory; every sentence made after this is in it, with no relock or restart (`invalid` for
   * another tag). Reminders are planned again so the device's own schedule follows.
   */
  language_set: { args: { tag: string }; result: LanguageStatus };
  /**
   * Every crisis line with its words, from core::crisis. No vault needed.
   */
  crisis_lines: { args: Record<string, never>; result: CrisisDirectory };
  /**
   * What the craving screen says once after a logged return to use.
   */
  crisis_after_use: { args: Record<string, never>; result: AfterUse };
  /**
   * Opens a crisis line (`{ kind: "call988" }` and the rest of the closed set) or a contact
   * (`{ kind: "contact", id, text }`): the address is built in Rust (the window never passes one
   * and has no opener permission). `{ outcome: "noHandler", sentence, number }` when nothing on
   * the device opens it. A contact needs the vault unlocked (`locked`, `not_found`, `invalid`).
   */
  crisis_open: { args: { target: CrisisTarget }; result: CrisisOpened };
  /**
   * What a reminder says in each notification setting, made by the planner's own code.
   */
  reminder_examples: { args: Record<string, never>; result: NotificationExamples };
  /**
   * A craving written on the lock screen, no unlock needed: sealed to the vault's X25519 public
   * key (core vault/inbox.rs), it joins the journal at the next unlock. The locked app can add but
   * read nothing. `invalid` for a vault not yet unlocked once by this version.
   */
  locked_capture: { args: { entry: CravingEntry }; result: null };
  /**
   * What is on screen, sealed in the vault as app state (at most 64 KiB), so an auto-lock loses
   * nothing. Not activity.
   */
  draft_keep: { args: { draft: Draft }; result: null };
  /**
   * The kept draft, once (then deleted), offered back after an unlock.
   */
  draft_take: { args: Record<string, never>; result: Draft | null };
  /**
   * How many entries did not open at this unlock (damaged in the file, where they are kept
   * unchanged; 0 almost always): the window tells the patient once. Waits for the records.
   */
  vault_unopened: { args: Record<string, never>; result: number };
  /**
   * Forgets the kept draft (the entry was saved or the exercise finished).
   */
  draft_discard: { args: Record<string, never>; result: null };
  /**
   * zxcvbn's verdict with plain-words feedback. No vault needed.
   */
  passphrase_assess: { args: { passphrase: string }; result: Strength };
  /**
   * Saves an entry the UI may write (new without `id`).
   */
  record_save: { args: { id?: string | null; record: Entry }; result: StoredEntry };
  /**
   * Deletes an entry for real (secure_delete, WAL truncated).
   */
  record_delete: { args: { id: string }; result: null };
  /**
   * The entries matching the query, newest first (app state never included).
   */
  records_query: { args: { query: EntryQuery }; result: StoredEntry[] };
  /**
   * One page of the craving journal, newest first: every filter (dates, intensity, trigger,
   * outcome, words) runs in the core over the whole journal; with the true total.
   */
  journal_page: { args: { query: CravingQuery }; result: CravingPage };
  /**
   * Progress, next session, recent activity.
   */
  home_summary: { args: Record<string, never>; result: HomeSummary };
  /**
   * The insights screen, derived on demand.
   */
  insights: { args: Record<string, never>; result: Insights };
  /**
   * The HALT needs of the last `lastN` check-ins.
   */
  halt_pattern: { args: { lastN: number }; result: HaltPattern };
  /**
   * The response to each HALT need, from the core (the one source of that text).
   */
  halt_suggestions: { args: Record<string, never>; result: HaltSuggestion[] };
  /**
   * Changes the passphrase in one transaction (the current one is checked on the lockout's counter).
   */
  passphrase_change: { args: { current: string; next: string }; result: null };
  /**
   * A new recovery key (shown once); the old one stops working.
   */
  recovery_key_rotate: { args: { passphrase: string }; result: Created };
  /**
   * "Someone may know my passphrase": a new master key; every record resealed in one transaction
   * with a new passphrase and a new recovery key (shown once); quick unlock ends. The current
   * passphrase is checked on the lockout's counter; the new one must pass `passphrase_assess`.
   */
  vault_rotate_key: { args: { current: string; next: string }; result: Created };
  /**
   * An encrypted backup to the file behind a `pick_path("backupExport")` token.
   */
  backup_export: { args: { token: string }; result: null };
  /**
   * Restores the backup behind a `pick_path("backupRestore")` token with its passphrase or
   * recovery key. Replacing an existing vault needs it unlocked and `currentPassphrase` (step-up,
   * on the lockout's counter): `invalid` (with `field`), `locked`, `wrong_secret`, `locked_out`.
   */
  backup_restore: { args: { token: string; passphrase?: string | null; recoveryKey?: string | null; overwrite: boolean; currentPassphrase?: string | null }; result: UnlockReport };
  /**
   * The readable (not encrypted) export to the file behind a `pick_path("exportJson")` token;
   * step-up: the passphrase again, on the lockout's counter.
   */
  export_json: { args: { token: string; passphrase: string }; result: null };
  /**
   * Deletes the vault for real after checking the passphrase.
   */
  vault_wipe: { args: { passphrase: string }; result: null };
  /**
   * The native save or open dialog: an opaque one-time token for the chosen file (never the
   * path; good once, for that purpose, for 10 minutes), or null when cancelled.
   */
  pick_path: { args: { purpose: "backupExport" | "backupRestore" | "exportJson" | "reportPdf" }; result: string | null };
  /**
   * Enrolls this device with the clinic's code; does not sync (call `sync_now` next).
   */
  sync_connect: { args: { server: string; code: string }; result: SyncStatus };
  /**
   * One sync now; the vault is held only to prepare and to apply, never during the network.
   */
  sync_now: { args: Record<string, never>; result: SyncReport };
  /**
   * The clinic link: connected, clinic name, refused, last sync, waiting and parked answers.
   */
  sync_status: { args: Record<string, never>; result: SyncStatus };
  /**
   * The devices the clinic lists for the patient (this one marked) and, while one is new and not
   * acknowledged, the warning to show.
   */
  clinic_devices: { args: Record<string, never>; result: ClinicDevices };
  /**
   * The patient has seen the device list: the warning goes until another device appears.
   */
  clinic_devices_acknowledge: { args: Record<string, never>; result: ClinicDevices };
  /**
   * Forgets a parked answer.
   */
  sync_dismiss_parked: { args: { session: string }; result: SyncStatus };
  /**
   * Asks the clinic to revoke this device (offline: disconnects anyway), then deletes the link
   * and the device key; sessions and unsent answers stay.
   */
  sync_disconnect: { args: Record<string, never>; result: SyncStatus };
  /**
   * The patient's answer to a session; a clinic session's answer waits in the outbox first.
   */
  session_respond: { args: { id: string; response: ParticipantResponse }; result: StoredEntry };
  /**
   * Answers the patient gave on a notification that could not be saved (disk full, a session no
   * longer open to answers), each `{ session, response, code, message }`; handed over once.
   */
  answer_problems_take: { args: Record<string, never>; result: AnswerProblem[] };
  /**
   * Level of care and weekly target in force, who set them, the clinic's course, the aftercare
   * check-ins; null before the program is set up.
   */
  care_plan: { args: Record<string, never>; result: CarePlan | null };
  /**
   * Every session with its heading, kind, status line ("Attended, 20 minutes late — 2 h 40 min
   * counted"), minutes counted by wire's one hours rule, and whether the patient may mark it;
   * soonest first.
   */
  sessions_list: { args: Record<string, never>; result: SessionView[] };
  /**
   * The patient's own mark on a started session (self-reported, never sent); null clears it.
   * Refused (`invalid`) before the session starts, for a cancelled one, and once the clinic
   * recorded it.
   */
  session_mark: { args: { id: string; mark?: Attendance | null }; result: StoredEntry };
  /**
   * Exactly what a share would send, with the consent text; no network.
   */
  share_preview: { args: { selection: ShareSelection; terms: ConsentTerms }; result: SharePreview };
  /**
   * Signs and sends a share (step-up: the passphrase again); the consent is stored first.
   */
  share_send: { args: { selection: ShareSelection; terms: ConsentTerms; passphrase: string }; result: ConsentSummary };
  /**
   * Sends a consent still waiting to be confirmed again (the same signed bundle).
   */
  share_resend: { args: { id: string }; result: ConsentSummary };
  /**
   * Every consent, newest first.
   */
  share_consents: { args: Record<string, never>; result: ConsentSummary[] };
  /**
   * Revokes a consent; the clinic is told first when it may hold the entries.
   */
  share_revoke: { args: { id: string }; result: ConsentSummary };
  /**
   * Who at the clinic viewed a consent's entries, and when (read from the clinic).
   */
  share_accounting: { args: { id: string }; result: Disclosure[] };
  /**
   * The PDF report of the selected entries to the file behind a `pick_path("reportPdf")` token.
   */
  report_pdf: { args: { selection: ShareSelection; token: string }; result: null };
  /**
   * Whether biometrics are usable here and quick unlock is on.
   */
  quick_unlock_status: { args: Record<string, never>; result: QuickUnlockStatus };
  /**
   * Turns quick unlock on: the passphrase is checked, a device slot made, the keystore seals its
   * key after a biometric check.
   */
  quick_unlock_enable: { args: { passphrase: string }; result: null };
  /**
   * Turns quick unlock off.
   */
  quick_unlock_disable: { args: Record<string, never>; result: null };
  /**
   * Unlocks with the patient's fingerprint or face; the lockout applies.
   * Answers before the records are loaded, like `vault_unlock`.
   */
  quick_unlock: { args: Record<string, never>; result: null };
}

/** Every command, in the table's order. */
export const COMMAND_NAMES: readonly (keyof Commands)[] = [
  "vault_status",
  "vault_create",
  "vault_unlock",
  "vault_recover",
  "vault_lock",
  "vault_touch",
  "vault_hold",
  "vault_release",
  "language_get",
  "language_set",
  "crisis_lines",
  "crisis_after_use",
  "crisis_open",
  "reminder_examples",
  "locked_capture",
  "draft_keep",
  "draft_take",
  "vault_unopened",
  "draft_discard",
  "passphrase_assess",
  "record_save",
  "record_delete",
  "records_query",
  "journal_page",
  "home_summary",
  "insights",
  "halt_pattern",
  "halt_suggestions",
  "passphrase_change",
  "recovery_key_rotate",
  "vault_rotate_key",
  "backup_export",
  "backup_restore",
  "export_json",
  "vault_wipe",
  "pick_path",
  "sync_connect",
  "sync_now",
  "sync_status",
  "clinic_devices",
  "clinic_devices_acknowledge",
  "sync_dismiss_parked",
  "sync_disconnect",
  "session_respond",
  "answer_problems_take",
  "care_plan",
  "sessions_list",
  "session_mark",
  "share_preview",
  "share_send",
  "share_resend",
  "share_consents",
  "share_revoke",
  "share_accounting",
  "report_pdf",
  "quick_unlock_status",
  "quick_unlock_enable",
  "quick_unlock_disable",
  "quick_unlock",
];

/** Commands that exist only on phones (the desktop answers as for an unknown command). */
export const PHONE_ONLY: readonly (keyof Commands)[] = ["quick_unlock_status", "quick_unlock_enable", "quick_unlock_disable", "quick_unlock"];
