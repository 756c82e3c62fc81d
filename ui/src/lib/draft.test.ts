// What a patient started is never lost (lib/draft.svelte.ts): each screen's unsaved state comes back
// after another screen at once, is kept in the core's one sealed draft a moment later, is read back
// after an unlock (and kept again), and goes only when its screen saves or discards it.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** The core's one draft (core::draft): keep replaces, take hands it back once, discard forgets. */
let stored: { screen: string; body: string } | null = null;
let lockedCore = false;
const calls: string[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string, args: { draft?: { screen: string; body: string } }) => {
    calls.push(cmd);
    if (lockedCore) return Promise.reject({ code: "locked", message: "the vault is locked" });
    if (cmd === "draft_keep") stored = args.draft ?? null;
    if (cmd === "draft_discard") stored = null;
    if (cmd === "draft_take") {
      const d = stored;
      stored = null;
      return Promise.resolve(d);
    }
    return Promise.resolve(null);
  },
}));

const { claimDraft, drafts, emptied, forgetDraft, keepNow, keepSoon, takeDraft } = await import("./draft.svelte");
const backend = await import("./backend");

const settle = async () => {
  await vi.runAllTimersAsync();
};

beforeEach(async () => {
  vi.useFakeTimers();
  lockedCore = false;
  // Each test starts as right after an unlock with nothing kept.
  stored = null;
  await takeDraft();
  calls.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("drafts while the vault is open", () => {
  it("give a screen its state back at once, and keep it sealed in the core a moment later", async () => {
    keepSoon("cravings", { situation: "Walking past the corner store" });
    expect(claimDraft("cravings")).toEqual({ state: { situation: "Walking past the corner store" }, afterLock: false });
    // Coming back again still finds it: claiming is not taking.
    expect(claimDraft<{ situation: string }>("cravings")?.state.situation).toBe("Walking past the corner store");
    expect(stored).toBeNull();
    await settle();
    expect(stored?.screen).toBe("cravings");
    expect(JSON.parse(stored!.body)).toEqual({ v: 2, open: "cravings", screens: { cravings: { situation: "Walking past the corner store" } } });
  });

  it("keep every screen's work side by side: starting another never overwrites the first", async () => {
    keepSoon("cravings", { situation: "first words" });
    keepSoon("urge", { phase: "steps" });
    keepSoon("plan", { plan: { warningSigns: "skipping meals" }, contact: null });
    await settle();
    expect(JSON.parse(stored!.body).open).toBe("plan");
    expect(claimDraft<{ situation: string }>("cravings")?.state.situation).toBe("first words");
    expect(claimDraft("urge")?.state).toEqual({ phase: "steps" });
    forgetDraft("plan");
    await settle();
    expect(claimDraft("plan")).toBeNull();
    expect(Object.keys(JSON.parse(stored!.body).screens).sort()).toEqual(["cravings", "urge"]);
    forgetDraft("cravings");
    forgetDraft("urge");
    await settle();
    expect(stored).toBeNull();
    expect(calls).toContain("draft_discard");
  });

  it("write once per pause, not per key", async () => {
    for (const s of ["W", "Wa", "Wal", "Walk"]) keepSoon("cravings", { situation: s });
    await settle();
    expect(calls.filter((c) => c === "draft_keep")).toHaveLength(1);
    keepSoon("cravings", { situation: "Walk" });
    await settle();
    expect(calls.filter((c) => c === "draft_keep")).toHaveLength(1);
  });

  it("leave out a screen that would pass the core's size limit rather than lose all of them", async () => {
    keepSoon("cravings", { situation: "kept" });
    keepSoon("plan", { plan: { warningSigns: "x".repeat(70 * 1024) }, contact: null });
    await settle();
    expect(stored).not.toBeNull();
    expect(new TextEncoder().encode(stored!.body).length).toBeLessThanOrEqual(64 * 1024);
    expect(JSON.parse(stored!.body)).toEqual({ v: 2, open: "cravings", screens: { cravings: { situation: "kept" } } });
  });
});

describe("drafts across a lock", () => {
  it("a lock writes the last change at once, drops the window's copy, and the unlock brings it back", async () => {
    keepSoon("cravings", { situation: "typed just now" });
    keepSoon("sessions", { form: { title: "Group" }, editing: null });
    await keepNow();
    expect(claimDraft("cravings")).toBeNull();
    expect(claimDraft("sessions")).toBeNull();
    expect(await takeDraft()).toBe("sessions");
    expect(drafts.arriving).toBe(false);
    expect(claimDraft("cravings")).toEqual({ state: { situation: "typed just now" }, afterLock: true });
    // Shown once as "after a lock"; then it is the screen's ordinary unsaved state.
    expect(claimDraft("cravings")?.afterLock).toBe(false);
    expect(claimDraft("sessions")?.state).toEqual({ form: { title: "Group" }, editing: null });
    // Kept again at once: a second lock before the patient touches anything loses nothing.
    await settle();
    expect(JSON.parse(stored!.body).screens.cravings).toEqual({ situation: "typed just now" });
  });

  it("the idle lock (any command finding the vault locked) drops the window's copy", async () => {
    keepSoon("cravings", { situation: "secret" });
    await settle();
    lockedCore = true;
    await backend.journalPage({ from: null, to: null, minIntensity: null, maxIntensity: null, trigger: null, outcome: null, text: null, offset: 0, limit: 1 }).catch(() => {});
    expect(claimDraft("cravings")).toBeNull();
    lockedCore = false;
    expect(await takeDraft()).toBe("cravings");
    expect(claimDraft("cravings")?.state).toEqual({ situation: "secret" });
  });

  it("a screen shown empty before its draft was read back does not forget it", async () => {
    keepSoon("cravings", { situation: "kept over the lock" });
    await keepNow();
    const taking = takeDraft();
    expect(drafts.arriving).toBe(true);
    emptied("cravings"); // a blank form shown while the draft is still on its way
    await taking;
    emptied("cravings"); // and again before the screen took it
    await settle();
    expect(claimDraft("cravings")).toEqual({ state: { situation: "kept over the lock" }, afterLock: true });
    // Once shown, emptying the form (the patient's own act) forgets it.
    emptied("cravings");
    await settle();
    expect(claimDraft("cravings")).toBeNull();
    expect(stored).toBeNull();
  });

  it("reads back a draft an older window kept (one screen's state as the body)", async () => {
    stored = { screen: "urge", body: JSON.stringify({ phase: "end", notes: "rode it out" }) };
    expect(await takeDraft()).toBe("urge");
    expect(claimDraft("urge")).toEqual({ state: { phase: "end", notes: "rode it out" }, afterLock: true });
  });
});
