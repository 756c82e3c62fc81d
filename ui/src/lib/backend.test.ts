import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
// Failures are injected through a plain function: a rejection produced inside a vi.fn
// implementation is reported by vitest as unhandled even when the caller catches it.
let failWith: unknown = null;
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (...a: unknown[]) => {
    if (failWith !== null) {
      const raw = failWith;
      return Promise.reject(raw);
    }
    return invoke(...a);
  },
}));

const backend = await import("./backend");
const { BackendError, normaliseError } = backend;

describe("normaliseError", () => {
  it("keeps the structured fields the UI decides on", () => {
    const invalid = normaliseError({ code: "invalid", message: "must start with https://", field: "server" });
    expect(invalid.field).toBe("server");
    expect(invalid.retryAfterSecs).toBeNull();
    const wait = normaliseError({ code: "locked_out", message: "too many attempts", retryAfterSecs: 120 });
    expect(wait.retryAfterSecs).toBe(120);
    expect(wait.field).toBeNull();
  });

  it("keeps a core error's code and message", () => {
    const e = normaliseError({ code: "wrong_secret", message: "that passphrase did not unlock the vault" });
    expect(e).toBeInstanceOf(BackendError);
    expect(e.code).toBe("wrong_secret");
    expect(e.message).toBe("that passphrase did not unlock the vault");
  });

  it("maps an unknown code to storage, so the UI only ever switches on the closed set", () => {
    expect(normaliseError({ code: "surprise", message: "x" }).code).toBe("storage");
  });

  it("treats a bare string (Tauri's own failures: unknown command, bad arguments) as unavailable", () => {
    const e = normaliseError("command record_save not found");
    expect(e.code).toBe("unavailable");
  });

  it("gives a plain message when the rejection carries none", () => {
    expect(normaliseError({ code: "locked" }).message).toMatch(/^Something went wrong\./);
    expect(normaliseError(undefined).message).toMatch(/could not reach/);
    expect(normaliseError(new Error("boom")).code).toBe("storage");
  });

  it("returns an existing BackendError unchanged", () => {
    const e = new BackendError("disk_full", "full");
    expect(normaliseError(e)).toBe(e);
  });
});

describe("typed commands", () => {
  beforeEach(() => {
    invoke.mockReset();
    failWith = null;
  });

  it("sends exactly the arguments docs/ipc.md names", async () => {
    invoke.mockResolvedValue({ recoveryKey: "K" });
    await backend.vaultCreate("pass phrase words", "2026-11-01", "America/Chicago");
    expect(invoke).toHaveBeenCalledWith("vault_create", { passphrase: "pass phrase words", programStart: "2026-11-01", zone: "America/Chicago" });
  });

  it("leaves out the id when saving a new record", async () => {
    invoke.mockResolvedValue({});
    await backend.recordSave({ type: "halt", takenAt: { utc: "2026-11-23T10:00:00Z", zone: "UTC" }, hungry: 0, angry: 0, lonely: 0, tired: 3, note: null });
    expect(invoke.mock.calls[0]![1]).not.toHaveProperty("id");
    await backend.recordDelete("ab".repeat(16));
    expect(invoke).toHaveBeenLastCalledWith("record_delete", { id: "ab".repeat(16) });
  });

  it("fills every Query field, so the Rust side never sees a missing one", async () => {
    invoke.mockResolvedValue([]);
    await backend.recordsQuery({ kinds: ["craving"], limit: 5 });
    expect(invoke).toHaveBeenCalledWith("records_query", { query: { kinds: ["craving"], from: null, to: null, text: null, limit: 5 } });
  });

  it("passes the restore secret under its own name, with the chooser's token and never a path", async () => {
    invoke.mockResolvedValue({ records: 1, damaged: [] });
    const token = "0f".repeat(16);
    await backend.backupRestore(token, { recoveryKey: "K" }, false);
    expect(invoke).toHaveBeenCalledWith("backup_restore", { token, recoveryKey: "K", overwrite: false, currentPassphrase: null });
    await backend.backupRestore(token, { passphrase: "P" }, true, "current one");
    expect(invoke).toHaveBeenLastCalledWith("backup_restore", { token, passphrase: "P", overwrite: true, currentPassphrase: "current one" });
  });

  it("tells lock listeners when the vault reports locked", async () => {
    const heard = vi.fn();
    const stop = backend.onLocked(heard);
    failWith = { code: "locked", message: "the vault is locked" };
    await expect(backend.insights()).rejects.toMatchObject({ code: "locked" });
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
  });

  it("rejects with a BackendError carrying the core's code", async () => {
    const heard = vi.fn();
    const stop = backend.onLocked(heard);
    failWith = { code: "not_found", message: "that entry no longer exists" };
    let caught: unknown = null;
    try {
      await backend.recordDelete("x");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BackendError);
    expect((caught as InstanceType<typeof BackendError>).code).toBe("not_found");
    expect(heard).not.toHaveBeenCalled();
    stop();
  });

  it("sends the clinic and file-chooser commands with the argument names the shell reads", async () => {
    invoke.mockResolvedValue(null);
    await backend.syncConnect("https://clinic.example", "RIVER-2026");
    expect(invoke).toHaveBeenLastCalledWith("sync_connect", { server: "https://clinic.example", code: "RIVER-2026" });
    await backend.sessionRespond("ab".repeat(16), "declined");
    expect(invoke).toHaveBeenLastCalledWith("session_respond", { id: "ab".repeat(16), response: "declined" });
    await backend.syncDismissParked("cd".repeat(16));
    expect(invoke).toHaveBeenLastCalledWith("sync_dismiss_parked", { session: "cd".repeat(16) });
    const selection = { entries: [], from: null, to: null, kinds: ["halt" as const] };
    await backend.reportPdf(selection, "ab".repeat(16));
    expect(invoke).toHaveBeenLastCalledWith("report_pdf", { selection, token: "ab".repeat(16) });
    await backend.pickPath("reportPdf");
    expect(invoke).toHaveBeenLastCalledWith("pick_path", { purpose: "reportPdf" });
    for (const [call, cmd] of [[backend.syncNow, "sync_now"], [backend.syncStatus, "sync_status"], [backend.syncDisconnect, "sync_disconnect"]] as const) {
      await call();
      expect(invoke).toHaveBeenLastCalledWith(cmd, undefined);
    }
  });

  it("keeps the sync codes (offline, device_refused, clinic) so the clinic screen can tell them apart", () => {
    for (const code of ["offline", "device_refused", "clinic"]) expect(normaliseError({ code, message: "m" }).code).toBe(code);
  });
});
