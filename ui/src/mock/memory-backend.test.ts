// The in-memory backend used by the browser suite must follow docs/ipc.md, or the suite proves
// nothing about the real app.
import { describe, expect, it } from "vitest";
import { MemoryBackend } from "./memory-backend";

const fixed = new Date("2026-11-23T10:00:00");
const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as { code: string };
  }
  throw new Error("expected a rejection");
};

describe("in-memory backend", () => {
  it("starts absent, creates unlocked, and returns a recovery key once", () => {
    const b = new MemoryBackend(() => fixed);
    expect(b.handle("vault_status")).toEqual({ state: "absent", retryAfterSecs: null });
    expect(b.handle("vault_create", { passphrase: "a long passphrase", programStart: "2026-11-01", zone: "UTC" })).toHaveProperty("recoveryKey");
    expect(b.handle("vault_status")).toMatchObject({ state: "unlocked" });
    expect(err(() => b.handle("vault_create", { passphrase: "a long passphrase", programStart: "2026-11-01", zone: "UTC" })).code).toBe("vault_exists");
  });

  it("rejects every data command with `locked` while locked", () => {
    const b = new MemoryBackend(() => fixed);
    b.seed("right passphrase");
    for (const cmd of ["records_query", "home_summary", "insights", "record_save", "halt_pattern"]) {
      expect(err(() => b.handle(cmd, { query: { kinds: [] } })).code).toBe("locked");
    }
  });

  it("locks out after five wrong passphrases and reports the wait", () => {
    let now = fixed;
    const b = new MemoryBackend(() => now);
    b.seed("right passphrase");
    for (let i = 0; i < 5; i++) expect(err(() => b.handle("vault_unlock", { passphrase: "wrong" })).code).toBe("wrong_secret");
    expect(err(() => b.handle("vault_unlock", { passphrase: "right passphrase" })).code).toBe("locked_out");
    expect((b.handle("vault_status") as { retryAfterSecs: number }).retryAfterSecs).toBeGreaterThan(0);
    now = new Date(fixed.getTime() + 60_000);
    expect(b.handle("vault_unlock", { passphrase: "right passphrase" })).toMatchObject({ damaged: [] });
  });

  it("saves, edits, queries and deletes for real", () => {
    const b = new MemoryBackend(() => fixed);
    b.handle("vault_create", { passphrase: "a long passphrase", programStart: "2026-11-01", zone: "UTC" });
    const rec = { type: "halt", takenAt: { utc: fixed.toISOString(), zone: "UTC" }, hungry: 0, angry: 0, lonely: 3, tired: 0, note: null };
    const saved = b.handle("record_save", { record: rec }) as { id: string };
    b.handle("record_save", { id: saved.id, record: { ...rec, tired: 2 } });
    const q = { kinds: ["halt"], from: null, to: null, text: null, limit: null };
    expect(b.handle("records_query", { query: q })).toHaveLength(1);
    expect(b.handle("halt_pattern", { lastN: 7 })).toMatchObject({ checks: 1, lonely: 1, tired: 1 });
    b.handle("record_delete", { id: saved.id });
    expect(b.handle("records_query", { query: q })).toHaveLength(0);
    expect(err(() => b.handle("record_delete", { id: saved.id })).code).toBe("not_found");
  });

  it("keeps a single settings record", () => {
    const b = new MemoryBackend(() => fixed);
    b.handle("vault_create", { passphrase: "a long passphrase", programStart: "2026-11-01", zone: "UTC" });
    const s = { type: "settings", autoLockMinutes: 5, reminders: { leadMinutes: [], quietHours: null, dailyCheckIn: null, notificationDetail: "discreet" }, keepRunningInTray: true, startAtLogin: false, theme: "dark" };
    b.handle("record_save", { record: s });
    b.handle("record_save", { record: { ...s, theme: "light" } });
    const all = b.handle("records_query", { query: { kinds: ["settings"], from: null, to: null, text: null, limit: null } }) as { record: { theme: string } }[];
    expect(all.map((r) => r.record.theme)).toEqual(["light"]);
  });

  it("connects with the clinic's code, sends a clinic session's answer through the outbox, and parks a refused one", () => {
    let now = fixed;
    const b = new MemoryBackend(() => now);
    b.seed("right passphrase");
    b.handle("vault_unlock", { passphrase: "right passphrase" });
    expect(b.handle("sync_status")).toMatchObject({ connected: false, pending: 0 });
    expect(err(() => b.handle("sync_connect", { server: "https://clinic.example", code: "nope" })).code).toBe("invalid");
    expect(err(() => b.handle("sync_connect", { server: "http://clinic.example", code: "river 2026" })).code).toBe("invalid");
    expect(b.handle("sync_connect", { server: "https://clinic.example", code: "river 2026" })).toMatchObject({ connected: true, clinicName: "Riverside Clinic" });
    const q = { kinds: ["session"], from: null, to: null, text: null, limit: null };
    const before = (b.handle("records_query", { query: q }) as unknown[]).length;
    expect(b.handle("sync_now")).toMatchObject({ sessionsChanged: 1, answersSent: 0 });
    const sessions = b.handle("records_query", { query: q }) as { id: string; record: { origin: { kind: string } } }[];
    expect(sessions).toHaveLength(before + 1);
    const clinic = sessions.find((s) => s.record.origin.kind === "clinic")!;
    b.handle("session_respond", { id: clinic.id, response: "declined" });
    b.handle("session_respond", { id: clinic.id, response: "accepted" });
    expect(b.handle("sync_status")).toMatchObject({ pending: 1 });
    b.offline = true;
    expect(err(() => b.handle("sync_now")).code).toBe("offline");
    expect(b.handle("sync_status")).toMatchObject({ pending: 1 });
    b.offline = false;
    b.parkNext = "sessionUnknown";
    now = new Date(fixed.getTime() + 60_000);
    expect(b.handle("sync_now")).toMatchObject({ answersParked: 1 });
    const st = b.handle("sync_status") as { pending: number; parked: { session: string; response: string }[]; lastSynced: string };
    expect(st.pending).toBe(0);
    expect(st.parked).toEqual([expect.objectContaining({ session: clinic.id, response: "accepted" })]);
    expect(st.lastSynced).toBe(now.toISOString());
    b.handle("sync_dismiss_parked", { session: clinic.id });
    expect(err(() => b.handle("sync_dismiss_parked", { session: clinic.id })).code).toBe("not_found");
    b.refuseDevice();
    expect(err(() => b.handle("sync_now")).code).toBe("device_refused");
    expect(b.handle("sync_disconnect")).toMatchObject({ connected: false });
  });

  it("answers a session the patient added without queueing anything", () => {
    const b = new MemoryBackend(() => fixed);
    b.handle("vault_create", { passphrase: "a long passphrase", programStart: "2026-11-01", zone: "UTC" });
    const at = (h: number) => ({ utc: `2026-11-25T${h}:00:00Z`, zone: "UTC" });
    const own = b.handle("record_save", { record: { type: "session", start: at(18), end: at(21), kind: "group", title: null, venue: null, status: "booked", response: "accepted", origin: { kind: "patient" } } }) as { id: string };
    expect(b.handle("session_respond", { id: own.id, response: "tentative" })).toMatchObject({ record: { response: "tentative" } });
    expect(b.handle("sync_status")).toMatchObject({ pending: 0 });
  });

  it("shares under a consent: preview, offline send kept as sending, resend, accounting, revoke", () => {
    const b = new MemoryBackend(() => fixed);
    b.seed("right passphrase");
    b.handle("vault_unlock", { passphrase: "right passphrase" });
    const terms = { expiresOn: "2027-01-31", purpose: "treatment" };
    const range = { entries: [], from: new Date(fixed.getTime() - 7 * 86_400_000).toISOString(), to: fixed.toISOString(), kinds: ["halt"] };
    expect(err(() => b.handle("share_preview", { selection: range, terms })).code).toBe("clinic");
    b.handle("sync_connect", { server: "https://clinic.example", code: "RIVER-2026" });
    const p = b.handle("share_preview", { selection: range, terms }) as { entries: { kind: string }[]; consentText: string[] };
    expect(p.entries.length).toBeGreaterThan(0);
    expect(p.entries.every((e) => e.kind === "halt")).toBe(true);
    for (const element of ["Patient:", "I allow Riverside Clinic", "To: my care team", "Purpose:", "This consent ends", "I may revoke it", "Signed electronically", "42 CFR part 2"]) {
      expect(p.consentText.some((t) => t.startsWith(element) || t.includes(element))).toBe(true);
    }
    expect(err(() => b.handle("share_preview", { selection: range, terms: { ...terms, expiresOn: "2026-11-01" } })).code).toBe("invalid");
    b.offline = true;
    expect(err(() => b.handle("share_send", { selection: range, terms, passphrase: "not it at all" })).code).toBe("wrong_secret");
    expect(err(() => b.handle("share_send", { selection: range, terms, passphrase: "right passphrase" })).code).toBe("offline");
    const [kept] = b.handle("share_consents") as { id: string; state: string }[];
    expect(kept!.state).toBe("sending");
    b.offline = false;
    expect(b.handle("share_resend", { id: kept!.id })).toMatchObject({ state: "active" });
    expect(b.handle("share_accounting", { id: kept!.id })).toEqual([expect.objectContaining({ who: "Dana Ortiz, LCSW" })]);
    expect(b.handle("share_revoke", { id: kept!.id })).toMatchObject({ state: "revoked" });
  });
});
