import { describe, expect, it } from "vitest";
import { applyFilter, cravingItems, emptyFilter, isFiltered, triggerChoices, type CravingItem } from "./filters";
import type { CravingEntry, StoredRecord, Trigger } from "./types";

function entry(over: Partial<CravingEntry> & { day: string }): CravingEntry {
  const { day, ...rest } = over;
  return {
    occurredAt: { utc: new Date(`${day}T12:00:00`).toISOString(), zone: "UTC" },
    intensity: 5,
    triggers: [],
    situation: null,
    thoughtsAndFeelings: null,
    durationMinutes: null,
    coping: null,
    outcome: "notYetRecorded",
    notes: null,
    ...rest,
  };
}

const tired: Trigger = { kind: "halt", need: "tired" };
const payday: Trigger = { kind: "tag", label: "Payday" };
const items: CravingItem[] = [
  { id: "a", entry: entry({ day: "2026-11-01", intensity: 2, triggers: [tired], outcome: "didNotUse", coping: "Walked the dog" }) },
  { id: "b", entry: entry({ day: "2026-11-10", intensity: 8, triggers: [payday, tired], outcome: "used", situation: "At the bar" }) },
  { id: "c", entry: entry({ day: "2026-11-20", intensity: 5, triggers: [{ kind: "person", label: "Alex" }] }) },
];
const ids = (xs: CravingItem[]) => xs.map((x) => x.id);

describe("craving filters", () => {
  it("an empty filter shows everything", () => {
    expect(ids(applyFilter(items, emptyFilter()))).toEqual(["a", "b", "c"]);
    expect(isFiltered(emptyFilter())).toBe(false);
  });

  it("filters by date range, inclusive", () => {
    expect(ids(applyFilter(items, { ...emptyFilter(), from: "2026-11-10" }))).toEqual(["b", "c"]);
    expect(ids(applyFilter(items, { ...emptyFilter(), from: "2026-11-01", to: "2026-11-10" }))).toEqual(["a", "b"]);
  });

  it("filters by intensity", () => {
    expect(ids(applyFilter(items, { ...emptyFilter(), minIntensity: 5 }))).toEqual(["b", "c"]);
    expect(ids(applyFilter(items, { ...emptyFilter(), maxIntensity: 4 }))).toEqual(["a"]);
  });

  it("filters by trigger key", () => {
    expect(ids(applyFilter(items, { ...emptyFilter(), trigger: "halt:tired" }))).toEqual(["a", "b"]);
    expect(ids(applyFilter(items, { ...emptyFilter(), trigger: "tag:payday" }))).toEqual(["b"]);
  });

  it("filters by outcome, including not yet recorded", () => {
    expect(ids(applyFilter(items, { ...emptyFilter(), outcome: "used" }))).toEqual(["b"]);
    expect(ids(applyFilter(items, { ...emptyFilter(), outcome: "notYetRecorded" }))).toEqual(["c"]);
  });

  it("searches the text fields and trigger labels, ignoring case", () => {
    expect(ids(applyFilter(items, { ...emptyFilter(), text: "DOG" }))).toEqual(["a"]);
    expect(ids(applyFilter(items, { ...emptyFilter(), text: "alex" }))).toEqual(["c"]);
    expect(ids(applyFilter(items, { ...emptyFilter(), text: "  bar " }))).toEqual(["b"]);
  });

  it("lists triggers most frequent first", () => {
    expect(triggerChoices(items).map((t) => (t.kind === "halt" ? t.need : t.kind === "timeOfDay" ? t.part : t.label))).toEqual(["tired", "Alex", "Payday"]);
  });

  it("keeps only craving records", () => {
    const rs: StoredRecord[] = [
      { id: "x", created: { utc: "", zone: "UTC" }, updated: { utc: "", zone: "UTC" }, record: { type: "craving", ...items[0]!.entry } },
      { id: "y", created: { utc: "", zone: "UTC" }, updated: { utc: "", zone: "UTC" }, record: { type: "contact", name: "Sam", role: "sponsor", phone: null, canText: false, notes: null } },
    ];
    expect(ids(cravingItems(rs))).toEqual(["x"]);
  });
});
