// The one module that talks to the Tauri backend. Every other file calls these typed functions and
// never imports @tauri-apps/* itself, so the whole interface can run against an in-page mock.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  AfterUse,
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
  ClinicDevices,
  UnlockReport,
  VaultStatus,
} from "./types";

const KNOWN_CODES: readonly ErrorCode[] = [
  "invalid",
  "no_vault",
  "vault_exists",
  "wrong_secret",
  "locked_out",
  "locked",
  "damaged_file",
  "unsupported_version",
  "not_found",
  "disk_full",
  "storage",
  "offline",
  "device_refused",
  "clinic",
];

/** Codes the UI adds for failures that never reached the core. */
export type UiErrorCode = ErrorCode | "unavailable";

/** The one error shape every backend failure is turned into. */
export class BackendError extends Error {
  readonly code: UiErrorCode;
  constructor(code: UiErrorCode, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
  }
}

/** Turns anything a rejected invoke can produce into a BackendError with a known code. */
export function normaliseError(raw: unknown): BackendError {
  if (raw instanceof BackendError) return raw;
  if (raw && typeof raw === "object") {
    const o = raw as { code?: unknown; message?: unknown };
    const message = typeof o.message === "string" && o.message.trim() ? o.message : "Something went wrong.";
    if (typeof o.code === "string" && (KNOWN_CODES as readonly string[]).includes(o.code)) {
      return new BackendError(o.code as ErrorCode, message);
    }
    return new BackendError("storage", message);
  }
  if (typeof raw === "string" && raw.trim()) {
    // A plain string comes from Tauri itself (e.g. a command missing or arguments that did not
    // deserialize), not from the core.
    return new BackendError("unavailable", raw);
  }
  return new BackendError("unavailable", "Tideline could not reach its storage.");
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

async function call<T>(cmd: string, args?: { [key: string]: unknown }): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (raw) {
    const err = normaliseError(raw);
    if (err.code === "locked") notifyLocked();
    throw err;
  }
}

// Vault lifecycle
export const vaultStatus = () => call<VaultStatus>("vault_status");
export const vaultCreate = (passphrase: string, programStart: string, zone: string) =>
  call<Created>("vault_create", { passphrase, programStart, zone });
export const vaultUnlock = (passphrase: string) => call<UnlockReport>("vault_unlock", { passphrase });
export const vaultRecover = (recoveryKey: string, newPassphrase: string) =>
  call<UnlockReport>("vault_recover", { recoveryKey, newPassphrase });
export const vaultLock = () => call<null>("vault_lock");

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
export const quickUnlockEnable = (passphrase: string) => call<null>("quick_unlock_enable", { passphrase });
export const quickUnlockDisable = () => call<null>("quick_unlock_disable");
export const quickUnlock = () => call<UnlockReport>("quick_unlock");
export const vaultTouch = () => call<null>("vault_touch");
/** A running exercise keeps the vault open for up to `minutes` (the core caps it); the expiry or null. */
export const vaultHold = (minutes: number) => call<string | null>("vault_hold", { minutes });
export const vaultRelease = () => call<null>("vault_release");

// Get help now: the lines and their words come from core::crisis; the shell opens the address it
// builds itself for the target named here (never an address from the window).
export const crisisLines = () => call<CrisisDirectory>("crisis_lines");
export const crisisAfterUse = () => call<AfterUse>("crisis_after_use");
export const crisisOpen = (target: CrisisTarget) => call<CrisisOpened>("crisis_open", { target });
/** A craving written on the lock screen: sealed to the vault's public key, read at the next unlock. */
export const lockedCapture = (entry: CravingEntry) => call<null>("locked_capture", { entry });

// Drafts: what was on screen, sealed in the vault so an auto-lock loses nothing (core::draft).
export const draftKeep = (draft: Draft) => call<null>("draft_keep", { draft });
export const draftTake = () => call<Draft | null>("draft_take");
export const draftDiscard = () => call<null>("draft_discard");

/** What a reminder says in each notification setting, made by the planner's own code. */
export const reminderExamples = () => call<NotificationExamples>("reminder_examples");
export const haltSuggestions = () => call<HaltSuggestion[]>("halt_suggestions");
export const passphraseAssess = (passphrase: string) => call<Strength>("passphrase_assess", { passphrase });

// Records
export const recordSave = (record: Entry, id?: string) =>
  call<StoredEntry>("record_save", id ? { id, record } : { record });
export const recordDelete = (id: string) => call<null>("record_delete", { id });
export const recordsQuery = (query: Partial<EntryQuery> & Pick<EntryQuery, "kinds">) =>
  call<StoredEntry[]>("records_query", {
    query: { from: null, to: null, text: null, limit: null, ...query },
  });
/** One page of the craving journal: the core filters and counts the whole journal. */
export const journalPage = (query: CravingQuery) => call<CravingPage>("journal_page", { query });
export const homeSummary = () => call<HomeSummary>("home_summary");
export const insights = () => call<Insights>("insights");
export const haltPattern = (lastN: number) => call<HaltPattern>("halt_pattern", { lastN });

// Keys, backup, export, wipe
export const passphraseChange = (current: string, next: string) =>
  call<null>("passphrase_change", { current, next });
export const recoveryKeyRotate = (passphrase: string) =>
  call<{ recoveryKey: string }>("recovery_key_rotate", { passphrase });
/** "Someone may know my passphrase": a new master key, every record resealed, a new recovery key. */
export const vaultRotateKey = (current: string, next: string) =>
  call<{ recoveryKey: string }>("vault_rotate_key", { current, next });
export const backupExport = (token: string) => call<null>("backup_export", { token });
export const backupRestore = (
  token: string,
  secret: { passphrase: string } | { recoveryKey: string },
  overwrite: boolean,
  currentPassphrase: string | null = null,
) => call<UnlockReport>("backup_restore", { token, ...secret, overwrite, currentPassphrase });
export const exportJson = (token: string, passphrase: string) => call<null>("export_json", { token, passphrase });
export const vaultWipe = (passphrase: string) => call<null>("vault_wipe", { passphrase });

// The native file chooser: an opaque one-time token for the file the patient chose (never a path;
// good once, for that purpose, for 10 minutes), or null when the patient cancels.
export type PathPurpose = "backupExport" | "backupRestore" | "exportJson" | "reportPdf";
export const pickPath = (purpose: PathPurpose) => call<string | null>("pick_path", { purpose });

// Sessions and the clinic link
/** The patient's answer to a session; a clinic session's answer waits in the outbox until sent. */
export const sessionRespond = (id: string, response: ParticipantResponse) =>
  call<StoredEntry>("session_respond", { id, response });
/** Every session with its status line ("Attended, 20 minutes late — 2 h 40 min counted") from the core. */
export const sessionsList = () => call<SessionView[]>("sessions_list");
/** The patient's own mark on a session that has started (self-reported; never sent); null clears it. */
export const sessionMark = (id: string, mark: Attendance | null) => call<StoredEntry>("session_mark", { id, mark });
/** The course of care: level, weekly target, who set them, history and aftercare check-ins. */
export const carePlan = () => call<CarePlan | null>("care_plan");
export const syncStatus = () => call<SyncStatus>("sync_status");
export const syncConnect = (server: string, code: string) => call<SyncStatus>("sync_connect", { server, code });
export const syncNow = () => call<SyncReport>("sync_now");
export const syncDismissParked = (session: string) => call<SyncStatus>("sync_dismiss_parked", { session });
export const syncDisconnect = () => call<SyncStatus>("sync_disconnect");
/** The devices the clinic lists for the patient, and the core's warning while one is new. */
export const clinicDevices = () => call<ClinicDevices>("clinic_devices");
export const clinicDevicesAcknowledge = () => call<ClinicDevices>("clinic_devices_acknowledge");

// Sharing with the care team (42 CFR Part 2 consent)
export const sharePreview = (selection: ShareSelection, terms: ConsentTerms) => call<SharePreview>("share_preview", { selection, terms });
export const shareSend = (selection: ShareSelection, terms: ConsentTerms, passphrase: string) => call<ConsentSummary>("share_send", { selection, terms, passphrase });
export const shareResend = (id: string) => call<ConsentSummary>("share_resend", { id });
export const shareConsents = () => call<ConsentSummary[]>("share_consents");
export const shareRevoke = (id: string) => call<ConsentSummary>("share_revoke", { id });
export const shareAccounting = (id: string) => call<Disclosure[]>("share_accounting", { id });
/** The PDF report of the selected entries, written to a path from `pickPath("reportPdf")`. Not encrypted. */
export const reportPdf = (selection: ShareSelection, token: string) => call<null>("report_pdf", { selection, token });
