import { describe, expect, it } from "vitest";
import { blankShare, entryLabel, formProblem, selectionOf } from "./share";

const now = new Date("2026-11-23T10:00:00");

describe("the share form", () => {
  it("starts with the last 14 days of all three kinds, ending in 90 days", () => {
    const f = blankShare(now);
    expect(f).toMatchObject({ mode: "range", from: "2026-11-10", to: "2026-11-23", kinds: ["craving", "halt", "urge"], expiresOn: "2027-02-21" });
    expect(formProblem(f)).toBeNull();
  });

  it("turns a date range into whole local days, the end day included", () => {
    const s = selectionOf({ ...blankShare(now), from: "2026-11-20", to: "2026-11-22", kinds: ["halt"] });
    expect(s.entries).toEqual([]);
    expect(s.kinds).toEqual(["halt"]);
    expect(s.from).toBe(new Date("2026-11-20T00:00:00").toISOString());
    expect(s.to).toBe(new Date("2026-11-23T00:00:00").toISOString());
  });

  it("sends exactly the picked entries and nothing else", () => {
    const s = selectionOf({ ...blankShare(now), mode: "pick", picked: ["a".repeat(32)] });
    expect(s).toEqual({ entries: ["a".repeat(32)], from: null, to: null, kinds: [] });
  });

  it("says what is missing before a preview", () => {
    expect(formProblem({ ...blankShare(now), mode: "pick" })).toMatch(/at least one entry/);
    expect(formProblem({ ...blankShare(now), kinds: [] })).toMatch(/at least one kind/);
    expect(formProblem({ ...blankShare(now), from: "2026-11-24" })).toMatch(/start date is after/);
  });

  it("labels a pickable entry by kind and time, never with what the patient wrote", () => {
    const label = entryLabel({
      id: "b".repeat(32),
      created: { utc: now.toISOString(), zone: "UTC" },
      updated: { utc: now.toISOString(), zone: "UTC" },
      record: { type: "craving", occurredAt: { utc: now.toISOString(), zone: "UTC" }, intensity: 6, triggers: [], situation: "private words", thoughtsAndFeelings: null, durationMinutes: null, coping: null, outcome: "didNotUse", notes: null },
    });
    expect(label).toMatch(/^Craving record, .*intensity 6 of 10$/);
    expect(label).not.toContain("private words");
  });
});
