// Smaller pure helpers: HALT, urge surfing, craving and session forms, the plan, recovery keys,
// insight sentences, settings.
import { describe, expect, it } from "vitest";
import { flaggedNeeds } from "./halt";
import { URGE_STEPS } from "./rules";
import { smoothPath, STEPS, wavePoints, waveSentence } from "./urge";
import { blankForm, formProblem, fromEntry, toEntry } from "./craving-form";
import { blankSession, formToSession, sessionToForm, splitSessions } from "./sessions";
import { meetingsFrom, meetingsText, sourceFrom, sourceValue, SOURCE_CHOICES } from "./plan";
import { keyConfirmGroup, normaliseKeyPart, splitKey } from "./recovery";
import { niceMax } from "./insights";
import { wipeConfirmed } from "./settings";
import { triggerKey, triggerLabel } from "./triggers";
import { describe as describeActivity } from "./activity";
import type { SessionView, StoredEntry } from "./types";

describe("HALT", () => {
  it("flags a need rated 2 or more", () => {
    expect(flaggedNeeds({ hungry: 1, angry: 2, lonely: 0, tired: 3 })).toEqual(["angry", "tired"]);
    expect(flaggedNeeds({ hungry: 0, angry: 0, lonely: 1, tired: 1 })).toEqual([]);
  });
});

describe("urge surfing", () => {
  it("has the five guided steps and S.O.B.E.R.", () => {
    expect(STEPS.wave.map((s) => s.title)).toEqual(["Notice the urge", "Observe your body", "Breathe", "Ride the wave", "Notice it fall"]);
    expect(STEPS.sober.map((s) => s.title[0]).join("")).toBe("SOBER");
  });
  it("maps samples into the chart box, time left to right, intensity bottom to top", () => {
    const pts = wavePoints([{ offsetSeconds: 0, intensity: 0 }, { offsetSeconds: 600, intensity: 10 }], 200, 100, 10);
    expect(pts).toEqual([{ x: 10, y: 90 }, { x: 190, y: 10 }]);
  });
  it("draws a curve that never runs back in time, even with readings at the same second", () => {
    const pts = wavePoints([{ offsetSeconds: 0, intensity: 5 }, { offsetSeconds: 0, intensity: 8 }, { offsetSeconds: 1, intensity: 2 }], 300, 100);
    const xs = [...smoothPath(pts).matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]));
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]! - 0.05);
  });
  it("describes the wave kindly whichever way it went", () => {
    const s = (a: number, b: number) => waveSentence([{ offsetSeconds: 0, intensity: a }, { offsetSeconds: 60, intensity: b }], "1 minute");
    expect(s(7, 2)).toMatch(/fell to 2 over 1 minute. You rode the wave./);
    expect(s(5, 5)).toMatch(/that counts/);
    expect(s(3, 6)).toMatch(/you stayed with it/);
  });
});

describe("craving form", () => {
  it("starts without an intensity: saving untouched is a form error, not a default 5", () => {
    const f = blankForm(new Date("2026-11-23T10:00:00"));
    expect(f.intensitySet).toBe(false);
    expect(formProblem(f)).toMatch(/Choose how strong it is/);
    f.intensitySet = true;
    expect(formProblem(f)).toBeNull();
  });
  it("needs only intensity; several triggers and the time of day may be picked", () => {
    const f = blankForm(new Date("2026-11-23T10:00:00"));
    f.intensity = 7;
    f.intensitySet = true;
    f.triggers = [{ kind: "halt", need: "tired" }, { kind: "halt", need: "lonely" }];
    f.part = "evening";
    const e = toEntry(f, "America/Chicago");
    expect(e).toMatchObject({ intensity: 7, triggers: [{ kind: "halt", need: "tired" }, { kind: "halt", need: "lonely" }, { kind: "timeOfDay", part: "evening" }], situation: null, durationMinutes: null, outcome: "notYetRecorded" });
    const back = fromEntry(e);
    expect(back).toMatchObject({ intensitySet: true, part: "evening", kept: [] });
    expect(back.triggers).toHaveLength(2);
    expect(e.occurredAt.zone).toBe("America/Chicago");
  });
  it("round-trips every field through the form", () => {
    const f = blankForm(new Date("2026-11-23T10:00:00"));
    Object.assign(f, { intensity: 3, intensitySet: true, triggers: [{ kind: "tag", label: "Payday" }], situation: "Home", thoughts: "Restless", minutes: "25", coping: "Called Sam", outcome: "didNotUse", people: "Alex, Jo", places: "Bar", emotions: "Bored", notes: "n" });
    const e = toEntry(f, "UTC");
    expect(e.triggers.map(triggerKey)).toEqual(["tag:payday", "person:alex", "person:jo", "place:bar", "emotion:bored"]);
    const back = fromEntry({ ...e, triggers: [...e.triggers, { kind: "timeOfDay", part: "night" }] });
    expect(back).toMatchObject({ intensity: 3, situation: "Home", thoughts: "Restless", minutes: "25", people: "Alex, Jo", places: "Bar", emotions: "Bored" });
    expect(back.part).toBe("night");
    expect(back.kept).toEqual([]);
    expect(toEntry(back, "UTC").triggers).toHaveLength(6);
  });
  it("ignores a duration that is not a number", () => {
    const f = blankForm(new Date());
    f.minutes = "soon";
    expect(toEntry(f).durationMinutes).toBeNull();
  });
  it("labels triggers in plain words", () => {
    expect(triggerLabel({ kind: "halt", need: "tired" })).toBe("Tired");
    expect(triggerLabel({ kind: "timeOfDay", part: "evening" })).toBe("Evening");
  });
});

describe("sessions", () => {
  it("builds a patient-entered session, running past midnight when the end is earlier", () => {
    const f = { ...blankSession(new Date("2026-11-23T10:00:00")), start: "22:00", end: "01:00", place: "https://video.example/room" };
    const s = formToSession(f, null, "UTC");
    expect((new Date(s.end.utc).getTime() - new Date(s.start.utc).getTime()) / 3_600_000).toBe(3);
    expect(s).toMatchObject({ origin: { kind: "patient" }, venue: { kind: "video" }, status: "booked" });
    expect(sessionToForm(s)).toMatchObject({ start: "22:00", end: "01:00", place: "https://video.example/room" });
  });
  it("splits into upcoming (soonest first) and past (latest first)", () => {
    const mk = (id: string, startIso: string): SessionView => {
      const s = formToSession({ ...blankSession(new Date(startIso)), start: "10:00", end: "11:00" }, null, "UTC");
      return { id, session: s, heading: "Group session", kindName: "Group", statusLine: "Booked", countedMinutes: 0, selfReported: false, canSelfReport: false };
    };
    const r = splitSessions([mk("a", "2026-11-20T00:00:00"), mk("b", "2026-11-30T00:00:00"), mk("c", "2026-11-25T00:00:00"), mk("d", "2026-11-10T00:00:00")], new Date("2026-11-23T00:00:00"));
    expect(r.upcoming.map((x) => x.id)).toEqual(["c", "b"]);
    expect(r.past.map((x) => x.id)).toEqual(["a", "d"]);
  });
  it("shows a cancelled session among the upcoming ones only in the coming week", () => {
    const mk = (id: string, startIso: string, status: "booked" | "cancelled"): SessionView => {
      const s = { ...formToSession({ ...blankSession(new Date(startIso)), start: "10:00", end: "11:00" }, null, "UTC"), status };
      return { id, session: s, heading: "Group session", kindName: "Group", statusLine: status, countedMinutes: 0, selfReported: false, canSelfReport: false };
    };
    const now = new Date("2026-11-23T00:00:00Z");
    const r = splitSessions([mk("soon", "2026-11-25T00:00:00", "cancelled"), mk("later", "2026-12-15T00:00:00", "cancelled"), mk("check-in", "2026-12-23T00:00:00", "booked"), mk("gone", "2026-11-20T00:00:00", "cancelled")], now);
    expect(r.upcoming.map((x) => x.id)).toEqual(["soon", "check-in"]);
    expect(r.past.map((x) => x.id)).toEqual(["gone"]);
  });
});

describe("relapse-prevention plan", () => {
  it("round-trips trigger sources", () => {
    for (const c of SOURCE_CHOICES) expect(sourceValue(sourceFrom(c.value))).toBe(c.value);
  });
  it("reads meetings one a line as name; when; place", () => {
    const ms = meetingsFrom("Evening group; Tuesdays 7 pm; Community center\nSMART Recovery\n\n");
    expect(ms).toEqual([{ name: "Evening group", when: "Tuesdays 7 pm", place: "Community center" }, { name: "SMART Recovery", when: null, place: null }]);
    expect(meetingsText(ms)).toBe("Evening group; Tuesdays 7 pm; Community center\nSMART Recovery");
  });
});

describe("recovery key", () => {
  it("splits into groups and asks for the third", () => {
    const g = splitKey("TIDE-4F7Q-M2KD-9XWB");
    expect(g).toEqual(["TIDE", "4F7Q", "M2KD", "9XWB"]);
    expect(keyConfirmGroup(g)).toBe(2);
    expect(keyConfirmGroup(["A"])).toBe(0);
  });
  it("compares what was typed without case or separators", () => {
    expect(normaliseKeyPart(" m2-kd ")).toBe(normaliseKeyPart("M2KD"));
  });
});

describe("charts", () => {
  it("picks round axis maxima", () => {
    expect(niceMax(7)).toBe(8);
    expect(niceMax(9)).toBe(10);
    expect(niceMax(0)).toBe(1);
    expect(niceMax(13)).toBe(20);
  });
});

describe("wording", () => {
  it("describes a lapse without alarm", () => {
    const r: StoredEntry = {
      id: "x",
      created: { utc: "", zone: "UTC" },
      updated: { utc: "", zone: "UTC" },
      record: { type: "craving", occurredAt: { utc: "2026-11-23T10:00:00Z", zone: "UTC" }, intensity: 9, triggers: [], situation: null, thoughtsAndFeelings: null, durationMinutes: null, coping: null, outcome: "used", notes: null },
    };
    expect(describeActivity(r)?.text).toBe("Logged a lapse and kept going");
  });
  it("wipes only after the exact phrase", () => {
    expect(wipeConfirmed(" Delete Everything ")).toBe(true);
    expect(wipeConfirmed("delete")).toBe(false);
  });
});

describe("urge steps", () => {
  it("words every step of every variant in the core's order", () => {
    for (const variant of ["wave", "sober"] as const) {
      expect(STEPS[variant].map((s) => s.id)).toEqual([...URGE_STEPS[variant]]);
      for (const step of STEPS[variant]) {
        expect(step.prompt, `${variant}/${step.id}`).not.toBe("");
        expect(step.title).not.toBe(step.id);
      }
    }
  });
});
