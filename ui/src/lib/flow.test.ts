import { describe, expect, it } from "vitest";
import { initialFlow, step, type Flow } from "./flow";

const unlocked = (): Flow => step(step(initialFlow(), { type: "status", state: "locked", retryAfterSecs: null }), { type: "unlocked" });

describe("the app's state machine", () => {
  it("starts on first run when there is no vault, and on unlock when there is one", () => {
    expect(step(initialFlow(), { type: "status", state: "absent", retryAfterSecs: null }).phase).toBe("firstRun");
    expect(step(initialFlow(), { type: "status", state: "locked", retryAfterSecs: 30 })).toMatchObject({ phase: "locked", retryAfterSecs: 30 });
  });

  it("opens on home after unlocking or creating", () => {
    expect(unlocked()).toMatchObject({ phase: "unlocked", screen: "home" });
    const created = step(step(initialFlow(), { type: "status", state: "absent", retryAfterSecs: null }), { type: "created" });
    expect(created).toMatchObject({ phase: "unlocked", screen: "home" });
  });

  it("moves between screens only while unlocked", () => {
    const f = step(unlocked(), { type: "go", screen: "insights" });
    expect(f.screen).toBe("insights");
    const locked = step(f, { type: "locked" });
    expect(step(locked, { type: "go", screen: "settings" }).screen).toBe("home");
  });

  it("throws away everything rendered on lock: a new generation and back to home", () => {
    const f = step(unlocked(), { type: "go", screen: "cravings" });
    const locked = step(f, { type: "locked" });
    expect(locked.phase).toBe("locked");
    expect(locked.screen).toBe("home");
    expect(locked.generation).toBe(f.generation + 1);
    // A second lock report (auto-lock and polling at once) changes nothing more.
    expect(step(locked, { type: "locked" })).toBe(locked);
  });

  it("treats a status poll that finds the vault locked like a lock", () => {
    const f = step(unlocked(), { type: "status", state: "locked", retryAfterSecs: null });
    expect(f.phase).toBe("locked");
    expect(f.generation).toBe(unlocked().generation + 1);
  });

  it("returns to first run after a wipe", () => {
    expect(step(unlocked(), { type: "wiped" })).toMatchObject({ phase: "firstRun" });
  });

  it("opens Get help now over any phase and returns to it", () => {
    for (const start of [initialFlow(), unlocked(), step(unlocked(), { type: "locked" })]) {
      const open = step(start, { type: "help", open: true });
      expect(open.help).toBe(true);
      expect(open.phase).toBe(start.phase);
      expect(step(open, { type: "help", open: false }).help).toBe(false);
    }
  });

  it("closes help when navigating", () => {
    const f = step(step(unlocked(), { type: "help", open: true }), { type: "go", screen: "halt" });
    expect(f).toMatchObject({ help: false, screen: "halt" });
  });
});
