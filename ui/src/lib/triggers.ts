// Craving triggers: a tagged union from core (HALT need, person, place, emotion, time of day, tag).
// The UI names each one with a stable key and a label.
import type { HaltNeed, PartOfDay, Trigger } from "./types";

export const NEED_WORD: { [N in HaltNeed]: string } = { hungry: "Hungry", angry: "Angry", lonely: "Lonely", tired: "Tired" };
export const PART_WORD: { [P in PartOfDay]: string } = { morning: "Morning", afternoon: "Afternoon", evening: "Evening", night: "Night" };

export function triggerLabel(t: Trigger): string {
  switch (t.kind) {
    case "halt":
      return NEED_WORD[t.need];
    case "timeOfDay":
      return PART_WORD[t.part];
    default:
      return t.label;
  }
}

/** A key that is equal for equal triggers: "halt:tired", "tag:payday". */
export function triggerKey(t: Trigger): string {
  switch (t.kind) {
    case "halt":
      return `halt:${t.need}`;
    case "timeOfDay":
      return `timeOfDay:${t.part}`;
    default:
      return `${t.kind}:${t.label.trim().toLowerCase()}`;
  }
}

export const haltTrigger = (need: HaltNeed): Trigger => ({ kind: "halt", need });
export const tagTrigger = (label: string): Trigger => ({ kind: "tag", label: label.trim() });
