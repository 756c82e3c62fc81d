// The one module that talks to the Tauri backend. Every other file calls these typed functions and
// never imports @tauri-apps/* itself, so the browser tests replace only Tauri's invoke (forwarded to
// the real commands on the loopback bridge, tests/browser/bridge-ipc.ts).
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Commands } from "./commands";
import type {
  AfterUse,
  Boot,
  CravingEntry,
  CravingPage,
  CravingQuery,
  Draft,
  NotificationExamples,
  CrisisDirectory,
  CrisisOpened,
  CrisisTarget,
  Attendance,
  CarePlan,
  SessionView,
  ConsentSummary,
  ConsentTerms,
  Disclosure,
  SharePreview,
  ShareSelection,
  Created,
  ErrorCode,
  HaltPattern,
  HaltSuggestion,
  HomeSummary,
  Insights,
  ParticipantResponse,
  EntryQuery,
  Entry,
  StoredEntry,
  Strength,
  SyncReport,
  SyncStatus,
  UnlockReport,
  VaultStatus,
} from "./types";
import { ERROR_CODES } from "./rules";
import { t } from "./i18n.svelte";

/**
 * Codes the UI adds for failures that never reached the core: `unavailable` (no backend, or a
 * command this shell does not have), `no_chooser` (this version cannot show a file chooser).
 */
export type UiErrorCode = ErrorCode | "unavailable" | "no_chooser";

/** What the backend says besides the code: which field was refused, how long to wait. */
export interface ErrorDetail {
  field?: string;
  retryAfterSecs?: number;
}

/**
 * The one error shape every backend failure is turned into. The UI decides on `code`, `field` and
 * `retryAfterSecs`, never on the words of `message` (which it may show).
 */
export class BackendError extends Error {
  readonly code: UiErrorCode;
  readonly field: string | null;
  readonly retryAfterSecs: number | null;
  constructor(code: UiErrorCode, message: string, detail: ErrorDetail = {}) {
    super(message);
    this.name = "BackendError";
    this.code = code;
    this.field = detail.field ?? null;
    this.retryAfterSecs = detail.retryAfterSecs ?? null;
  }
}

/** Turns anything a rejected invoke can produce into a BackendError with a known code. */
export function normaliseError(raw: unknown): BackendError {
  if (raw instanceof BackendError) return raw;
  if (raw && typeof raw === "object") {
    const o = raw as { code?: unknown; message?: unknown; field?: unknown; retryAfterSecs?: unknown };
    const message = typeof o.message === "string" && o.message.trim() ? o.message : t("common-something-wrong");
    if (typeof o.code === "string" && (ERROR_CODES as readonly string[]).includes(o.code)) {
      return new BackendError(o.code as ErrorCode, message, {
        field: typeof o.field === "string" ? o.field : undefined,
        retryAfterSecs: typeof o.retryAfterSecs === "number" ? o.retryAfterSecs : undefined,
      });
    }
    return new BackendError("storage", message);
  }
  if (typeof raw === "string" && raw.trim()) {
    // A plain string comes from Tauri itself (e.g. a command missing or arguments that did not
    // deserialize), not from the core.
    return new BackendError("unavailable", raw);
  }
  return new BackendError("unavailable", t("common-unreachable"));
}

type LockListener = () => void;
const lockListeners = new Set<LockListener>();

/** Called whenever any command reports that the vault is locked (auto-lock or lock elsewhere). */
export function onLocked(listener: LockListener): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

const notifyLocked = () => {
  for (const l of lockListeners) l();
};

/**
 * Listens for the shell's "vault-locked" event (sent when the idle timer locks the vault), so the
 * window drops what it shows at once instead of at its next call. Returns a function that stops.
 */
export async function watchVaultLocked(): Promise<() => void> {
  try {
    return await listen("vault-locked", notifyLocked);
  } catch {
    // No event channel (e.g. an older shell): status polling and `locked` rejections still work.
    return () => {};
  }
}

/** Shell events the window reacts to besides the lock: the tray's "Get help now" and a finished sync. */
export type ShellEvent = "show-help" | "sync-changed";

/** Listens for one shell event; returns a function that stops. Without an event channel, does nothing. */
export async function watchShell(event: ShellEvent, handler: () => void): Promise<() => void> {
  try {
    return await listen(event, handler);
  } catch {
    return () => {};
  }
}

/** The arguments of command `K`, optional when it takes none. */
type ArgsOf<K extends keyof Commands> = Record<string, never> extends Commands[K]["args"] ? [args?: Commands[K]["args"]] : [args: Commands[K]["args"]];

/**
 * Calls one command. Its name, arguments and result type come from the contract generated from the
 * Rust command table (./commands.ts), so a wrong name, a missing argument or a wrong result type
 * fails the type check.
 */
async function call<K extends keyof Commands>(cmd: K, ...rest: ArgsOf<K>): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(cmd, rest[0]);
  } catch (raw) {
    const err = normaliseError(raw);
    if (err.code === "locked") notifyLocked();
    throw err;
  }
}

/**
 * What the shell gave the page before its first script ran (src-tauri/src/window.rs): the answers
 * of `language_get` and `vault_status` at the window's start, so the first screen needs no round
 * trip. `null` when there is none (a browser test's page) or it is not that shape.
 */
export function bootState(): Boot | null {
  const b = (globalThis as { __TIDELINE_BOOT__?: unknown }).__TIDELINE_BOOT__;
  if (!b || typeof b !== "object") return null;
  const { language, vault } = b as { language?: { tag?: unknown }; vault?: { state?: unknown } };
  return typeof language?.tag === "string" && typeof vault?.state === "string" ? (b as Boot) : null;
}

// Vault lifecycle
export const vaultStatus = () => call("vault_status");
export const vaultCreate = (passphrase: string, programStart: string, zone: string) =>
  call("vault_create", { passphrase, programStart, zone });
export const vaultUnlock = (passphrase: string) => call("vault_unlock", { passphrase });
export const vaultRecover = (recoveryKey: string, newPassphrase: string) =>
  call("vault_recover", { recoveryKey, newPassphrase });
export const vaultLock = () => call("vault_lock");
/** How many entries did not open at this unlock (kept in the file unchanged); waits for the records. */
export const vaultUnopened = () => call("vault_unopened");

// The patient's language: kept by the core outside the vault (the lock screen and first run need it).
export const languageGet = () => call("language_get");
export const languageSet = (tag: string) => call("language_set", { tag });

// Phones only: quick unlock with the platform's biometrics (the keystore releases a device key, never
// the passphrase). The desktop shell does not register these commands: there the status is "not
// available" and nothing else is called.
export interface QuickUnlockStatus {
  available: boolean;
  on: boolean;
}
export const quickUnlockStatus = async (): Promise<QuickUnlockStatus> => {
  try {
    return await invoke<QuickUnlockStatus>("quick_unlock_status");
  } catch {
    return { available: false, on: false };
  }
};
export const quickUnlockEnable = (passphrase: string) => call("quick_unlock_enable", { passphrase });
export const quickUnlockDisable = () => call("quick_unlock_disable");
export const quickUnlock = () => call("quick_unlock");
export const vaultTouch = () => call("vault_touch");
/** A running exercise keeps the vault open for up to `minutes` (the core caps it); the expiry or null. */
export const vaultHold = (minutes: number) => call("vault_hold", { minutes });
export const vaultRelease = () => call("vault_release");

// Get help now: the lines and their words come from core::crisis; the shell opens the address it
// builds itself for the target named here (never an address from the window).
export const crisisLines = () => call("crisis_lines");
export const crisisAfterUse = () => call("crisis_after_use");
export const crisisOpen = (target: CrisisTarget) => call("crisis_open", { target });
/** A craving written on the lock screen: sealed to the vault's public key, read at the next unlock. */
export const lockedCapture = (entry: CravingEntry) => call("locked_capture", { entry });

// Drafts: what was on screen, sealed in the vault so an auto-lock loses nothing (core::draft).
export const draftKeep = (draft: Draft) => call("draft_keep", { draft });
export const draftTake = () => call("draft_take");
export const draftDiscard = () => call("draft_discard");

/** What a reminder says in each notification setting, made by the planner's own code. */
export const reminderExamples = () => call("reminder_examples");
export const haltSuggestions = () => call("halt_suggestions");
export const passphraseAssess = (passphrase: string) => call("passphrase_assess", { passphrase });

// Records
export const recordSave = (record: Entry, id?: string) =>
  call("record_save", id ? { id, record } : { record });
export const recordDelete = (id: string) => call("record_delete", { id });
export const recordsQuery = (query: Partial<EntryQuery> & Pick<EntryQuery, "kinds">) =>
  call("records_query", {
    query: { from: null, to: null, text: null, limit: null, ...query },
  });
/** One page of the craving journal: the core filters and counts the whole journal. */
export const journalPage = (query: CravingQuery) => call("journal_page", { query });
export const homeSummary = () => call("home_summary");
export const insights = () => call("insights");
export const haltPattern = (lastN: number) => call("halt_pattern", { lastN });

// Keys, backup, export, wipe
export const passphraseChange = (current: string, next: string) =>
  call("passphrase_change", { current, next });
export const recoveryKeyRotate = (passphrase: string) =>
  call("recovery_key_rotate", { passphrase });
/** "Someone may know my passphrase": a new master key, every record resealed, a new recovery key. */
export const vaultRotateKey = (current: string, next: string) =>
  call("vault_rotate_key", { current, next });
export const backupExport = (token: string) => call("backup_export", { token });
export const backupRestore = (
  token: string,
  secret: { passphrase: string } | { recoveryKey: string },
  overwrite: boolean,
  currentPassphrase: string | null = null,
) => call("backup_restore", { token, ...secret, overwrite, currentPassphrase });
export const exportJson = (token: string, passphrase: string) => call("export_json", { token, passphrase });
export const vaultWipe = (passphrase: string) => call("vault_wipe", { passphrase });

// The native file chooser: an opaque one-time token for the file the patient chose (never a path;
// good once, for that purpose, for 10 minutes), or null when the patient cancels.
export type PathPurpose = "backupExport" | "backupRestore" | "exportJson" | "reportPdf";
export const pickPath = (purpose: PathPurpose) => call("pick_path", { purpose });

// Sessions and the clinic link
/** The patient's answer to a session; a clinic session's answer waits in the outbox until sent. */
export const sessionRespond = (id: string, response: ParticipantResponse) =>
  call("session_respond", { id, response });
/** Every session with its status line ("Attended, 20 minutes late — 2 h 40 min counted") from the core. */
export const sessionsList = () => call("sessions_list");
/** The patient's own mark on a session that has started (self-reported; never sent); null clears it. */
export const sessionMark = (id: string, mark: Attendance | null) => call("session_mark", { id, mark });
/** Answers given on a notification that could not be saved, handed over once: the patient answers again. */
export const answerProblemsTake = () => call("answer_problems_take");
/** The course of care: level, weekly target, who set them, history and aftercare check-ins. */
export const carePlan = () => call("care_plan");
export const syncStatus = () => call("sync_status");
export const syncConnect = (server: string, code: string) => call("sync_connect", { server, code });
export const syncNow = () => call("sync_now");
export const syncDismissParked = (session: string) => call("sync_dismiss_parked", { session });
export const syncDisconnect = () => call("sync_disconnect");
/** The devices the clinic lists for the patient, and the core's warning while one is new. */
export const clinicDevices = () => call("clinic_devices");
export const clinicDevicesAcknowledge = () => call("clinic_devices_acknowledge");

// Sharing with the care team (42 CFR Part 2 consent)
export const sharePreview = (selection: ShareSelection, terms: ConsentTerms) => call("share_preview", { selection, terms });
export const shareSend = (selection: ShareSelection, terms: ConsentTerms, passphrase: string) => call("share_send", { selection, terms, passphrase });
export const shareResend = (id: string) => call("share_resend", { id });
export const shareConsents = () => call("share_consents");
export const shareRevoke = (id: string) => call("share_revoke", { id });
export const shareAccounting = (id: string) => call("share_accounting", { id });
/** The PDF report of the selected entries, written to a path from `pickPath("reportPdf")`. Not encrypted. */
export const reportPdf = (selection: ShareSelection, token: string) => call("report_pdf", { selection, token });
