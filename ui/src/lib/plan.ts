// The relapse-prevention plan's form: lists edited one item per line, trigger sources as one choice.
import type { ContactRole, Meeting, RelapsePlan, TriggerSource } from "./types";
import { NEED_WORD } from "./triggers";

export const emptyPlan = (): RelapsePlan => ({
  triggers: [],
  warningSigns: [],
  contactIds: [],
  placesToAvoid: [],
  alternativeActivities: [],
  meetings: [],
  afterALapse: [],
  lastReviewed: null,
});

export const SOURCE_CHOICES: { value: string; label: string }[] = [
  { value: "internal", label: "Inside me (a feeling, a thought)" },
  { value: "external", label: "Around me (people, places, things)" },
  { value: "halt:hungry", label: "HALT: hungry" },
  { value: "halt:angry", label: "HALT: angry" },
  { value: "halt:lonely", label: "HALT: lonely" },
  { value: "halt:tired", label: "HALT: tired" },
];

export function sourceValue(s: TriggerSource): string {
  return s.kind === "halt" ? `halt:${s.need}` : s.kind;
}

export function sourceFrom(value: string): TriggerSource {
  if (value.startsWith("halt:")) {
    const need = value.slice(5);
    if (need === "hungry" || need === "angry" || need === "lonely" || need === "tired") return { kind: "halt", need };
  }
  return value === "internal" ? { kind: "internal" } : { kind: "external" };
}

export function sourceWords(s: TriggerSource): string {
  return s.kind === "halt" ? `HALT: ${NEED_WORD[s.need].toLowerCase()}` : s.kind === "internal" ? "Inside me" : "Around me";
}

export const lines = (s: string) => s.split("\n").map((x) => x.trim()).filter(Boolean);

/** Meetings are edited one a line as "name; when; place" (when and place optional). */
export function meetingsFrom(text: string): Meeting[] {
  return lines(text).map((l) => {
    const [name = "", when = "", place = ""] = l.split(";").map((x) => x.trim());
    return { name, when: when || null, place: place || null };
  });
}

export function meetingsText(ms: Meeting[]): string {
  return ms.map((m) => [m.name, m.when ?? "", m.place ?? ""].join("; ").replace(/(; )+$/, "")).join("\n");
}

export const meetingWords = (m: Meeting) => [m.name, m.when, m.place].filter(Boolean).join(", ");

export const ROLE_WORDS: { [R in ContactRole]: string } = {
  sponsor: "Sponsor",
  counselor: "Counselor",
  family: "Family",
  friend: "Friend",
  peer: "Peer in recovery",
  other: "Other",
};
