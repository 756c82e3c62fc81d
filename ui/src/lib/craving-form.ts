// Converting between the craving form's fields and a CravingEntry. The quick form asks for intensity
// (no default: the patient touches the slider), any number of triggers and the time of day;
// everything else sits behind "Add more detail".
import type { CravingEntry, CravingOutcome, PartOfDay, Trigger } from "./types";
import { deviceZone, localInputValue } from "./format";
import { t } from "./i18n.svelte";

export type CravingForm = {
  /** Where the slider sits; recorded only once `intensitySet` (the patient touched it). */
  intensity: number;
  intensitySet: boolean;
  /** The quick picks and "something else": HALT needs and the patient's own words. */
  triggers: Trigger[];
  part: PartOfDay | "";
  when: string; // datetime-local value
  situation: string;
  thoughts: string;
  minutes: string;
  coping: string;
  outcome: CravingOutcome;
  people: string;
  places: string;
  emotions: string;
  notes: string;
  /** Triggers the form has no field for, kept as they were. */
  kept: Trigger[];
};

export const blankForm = (now: Date): CravingForm => ({
  intensity: 5,
  intensitySet: false,
  triggers: [],
  part: "",
  when: localInputValue(now),
  situation: "",
  thoughts: "",
  minutes: "",
  coping: "",
  outcome: "notYetRecorded",
  people: "",
  places: "",
  emotions: "",
  notes: "",
  kept: [],
});

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);
const text = (s: string) => (s.trim() ? s.trim() : null);

export function toEntry(f: CravingForm, zone = deviceZone()): CravingEntry {
  const when = f.when ? new Date(f.when) : new Date();
  const raw = String(f.minutes ?? "").trim();
  const minutes = raw === "" ? null : Math.round(Number(raw));
  const triggers: Trigger[] = [
    ...f.triggers,
    ...(f.part ? [{ kind: "timeOfDay", part: f.part } as Trigger] : []),
    ...list(f.people).map((label): Trigger => ({ kind: "person", label })),
    ...list(f.places).map((label): Trigger => ({ kind: "place", label })),
    ...list(f.emotions).map((label): Trigger => ({ kind: "emotion", label })),
    ...f.kept,
  ];
  return {
    occurredAt: { utc: when.toISOString(), zone },
    intensity: Math.round(f.intensity),
    triggers,
    situation: text(f.situation),
    thoughtsAndFeelings: text(f.thoughts),
    durationMinutes: minutes !== null && Number.isFinite(minutes) && minutes >= 0 ? minutes : null,
    coping: text(f.coping),
    outcome: f.outcome,
    notes: text(f.notes),
  };
}

/** What stops the form from saving, in plain words; null when it can be saved. */
export function formProblem(f: CravingForm): string | null {
  return f.intensitySet ? null : t("cravings-intensity-problem");
}

export function fromEntry(e: CravingEntry): CravingForm {
  const main: Trigger[] = e.triggers.filter((t) => t.kind === "halt" || t.kind === "tag");
  const part = e.triggers.find((t) => t.kind === "timeOfDay");
  const labels = (kind: "person" | "place" | "emotion") =>
    e.triggers.flatMap((t) => (t.kind === kind ? [t.label] : [])).join(", ");
  return {
    intensity: e.intensity,
    intensitySet: true,
    triggers: main,
    part: part?.kind === "timeOfDay" ? part.part : "",
    when: localInputValue(new Date(e.occurredAt.utc)),
    situation: e.situation ?? "",
    thoughts: e.thoughtsAndFeelings ?? "",
    minutes: e.durationMinutes === null ? "" : String(e.durationMinutes),
    coping: e.coping ?? "",
    outcome: e.outcome,
    people: labels("person"),
    places: labels("place"),
    emotions: labels("emotion"),
    notes: e.notes ?? "",
    kept: e.triggers.filter((t) => !main.includes(t) && t !== part && t.kind !== "person" && t.kind !== "place" && t.kind !== "emotion"),
  };
}
