// A half-written craving is never lost to a change of screen: the patient starts an entry, goes to
// HALT (the screen is destroyed), comes back, and finds it exactly as it was; saving empties the
// form for next time and forgets the kept draft.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, unmount } from "svelte";

let stored: { screen: string; body: string } | null = null;
const saved: unknown[] = [];
/** The journal's entries as journal_page answers them. */
let items: unknown[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string, args: { draft?: { screen: string; body: string }; record?: unknown }) => {
    switch (cmd) {
      case "journal_page":
        return Promise.resolve({ items, total: items.length, journal: items.length, triggers: [] });
      case "record_save":
        saved.push(args.record);
        return Promise.resolve("entry-1");
      case "draft_keep":
        stored = args.draft ?? null;
        return Promise.resolve(null);
      case "draft_discard":
        stored = null;
        return Promise.resolve(null);
      default:
        return Promise.resolve(null);
    }
  },
}));

const { default: Cravings } = await import("./Cravings.svelte");

const field = (id: string) => document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement;
function type(id: string, value: string) {
  const el = field(id);
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
  flushSync();
}
const tick = () => new Promise((ok) => setTimeout(ok, 0));

afterEach(() => {
  document.body.innerHTML = "";
});

describe("the craving form across screens", () => {
  it("comes back exactly as it was after another screen, and is empty after saving", async () => {
    let screen = mount(Cravings, { target: document.body });
    flushSync();
    const details = document.querySelector("details") as HTMLDetailsElement;
    details.open = true;
    details.dispatchEvent(new Event("toggle"));
    flushSync();
    type("cr-situation", "Walking past the corner store");
    type("cr-other", "Payday");
    // The patient taps HALT at once (no pause for the vault write): the screen goes.
    unmount(screen);
    document.body.innerHTML = "";
    screen = mount(Cravings, { target: document.body });
    flushSync();
    expect(field("cr-situation").value).toBe("Walking past the corner store");
    expect(field("cr-other").value).toBe("Payday");
    expect((document.querySelector("details") as HTMLDetailsElement).open).toBe(true);
    // Coming back is not a lock: no "Tideline locked" notice.
    expect(document.body.textContent).not.toContain("locked while you were writing");

    // Save it (an intensity is required first).
    const intensity = document.getElementById("cr-intensity") as HTMLInputElement;
    intensity.value = "6";
    intensity.dispatchEvent(new Event("input", { bubbles: true }));
    intensity.dispatchEvent(new Event("change", { bubbles: true }));
    flushSync();
    (document.querySelector("form") as HTMLFormElement).requestSubmit();
    for (let i = 0; i < 10; i++) await tick();
    flushSync();
    expect(saved).toHaveLength(1);
    expect(field("cr-situation").value).toBe("");
    unmount(screen);
    document.body.innerHTML = "";
    screen = mount(Cravings, { target: document.body });
    flushSync();
    expect(field("cr-situation").value).toBe("");
    expect(field("cr-other").value).toBe("");
    for (let i = 0; i < 10; i++) await tick();
    expect(stored).toBeNull();
    unmount(screen);
  });

  it("editing an older entry sets a half-written new one aside, and cancelling brings it back", async () => {
    items = [
      {
        id: "old-1",
        entry: { type: "craving", occurredAt: { utc: "2026-11-20T18:00:00Z", zone: "UTC" }, intensity: 4, triggers: [], situation: "An older evening", thoughtsAndFeelings: null, durationMinutes: null, coping: null, outcome: "didNotUse", notes: null },
      },
    ];
    const screen = mount(Cravings, { target: document.body });
    flushSync();
    for (let i = 0; i < 10; i++) await tick();
    flushSync();
    const details = document.querySelector("details") as HTMLDetailsElement;
    details.open = true;
    details.dispatchEvent(new Event("toggle"));
    flushSync();
    type("cr-situation", "The new one, half written");
    const editButton = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Edit");
    expect(editButton).toBeDefined();
    editButton!.click();
    flushSync();
    expect(field("cr-situation").value).toBe("An older evening");
    const cancel = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Cancel editing");
    cancel!.click();
    flushSync();
    expect(field("cr-situation").value).toBe("The new one, half written");
    unmount(screen);
    items = [];
  });
});
