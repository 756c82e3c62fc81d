// Converting between the craving form's fields and a CravingEntry.
import type { CravingEntry, CravingOutcome } from "./types";
import { deviceZone, localInputValue } from "./format";
import { NEEDS, type Need } from "./halt";

export type CravingForm = {
  intensity: number;
  trigger: string;
  when: string; // datetime-local value
  situation: string;
  thoughts: string;
  minutes: string;
  coping: string;
  outcome: "" | CravingOutcome;
  people: string;
  places: string;
  emotions: string;
  notes: string;
};

export const blankForm = (now: Date): CravingForm => ({
  intensity: 5,
  trigger: "",
  when: localInputValue(now),
  situation: "",
  thoughts: "",
  minutes: "",
  coping: "",
  outcome: "",
  people: "",
  places: "",
  emotions: "",
  notes: "",
});

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
const text = (s: string) => (s.trim() ? s.trim() : null);
const isNeed = (s: string): s is Need => (NEEDS as readonly string[]).includes(s.toLowerCase());

export function toEntry(f: CravingForm, zone = deviceZone()): CravingEntry {
  const trig = f.trigger.trim();
  const when = f.when ? new Date(f.when) : new Date();
  const minutes = f.minutes.trim() === "" ? null : Math.round(Number(f.minutes));
  return {
    occurredAt: { utc: when.toISOString(), zone },
    intensity: Math.round(f.intensity),
    triggers: {
      halt: trig && isNeed(trig) ? [trig.toLowerCase() as Need] : [],
      people: list(f.people),
      places: list(f.places),
      emotions: list(f.emotions),
      tags: trig && !isNeed(trig) ? [trig] : [],
    },
    situation: text(f.situation),
    thoughtsAndFeelings: text(f.thoughts),
    durationMinutes: minutes !== null && Number.isFinite(minutes) && minutes >= 0 ? minutes : null,
    coping: text(f.coping),
    outcome: f.outcome || null,
    notes: text(f.notes),
  };
}

export function fromEntry(e: CravingEntry): CravingForm {
  const trigger = e.triggers.halt[0] ?? e.triggers.tags[0] ?? "";
  return {
    intensity: e.intensity,
    trigger,
    when: localInputValue(new Date(e.occurredAt.utc)),
    situation: e.situation ?? "",
    thoughts: e.thoughtsAndFeelings ?? "",
    minutes: e.durationMinutes === null ? "" : String(e.durationMinutes),
    coping: e.coping ?? "",
    outcome: e.outcome ?? "",
    people: e.triggers.people.join(", "),
    places: e.triggers.places.join(", "),
    emotions: e.triggers.emotions.join(", "),
    notes: e.notes ?? "",
  };
}
