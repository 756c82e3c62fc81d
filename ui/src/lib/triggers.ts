// Craving triggers: a tagged union from core (HALT need, person, place, emotion, time of day, tag).
// The UI names each one with a stable key and a label.
import type { HaltNeed, PartOfDay, Trigger } from "./types";
import { t } from "./i18n.svelte";

// Read at render time in the current language (the getters call t(), so the words follow a
// language change). Ids: trigger-need-<need>, trigger-part-<part> (triggers.ftl).
export const NEED_WORD: { readonly [N in HaltNeed]: string } = {
  get hungry() { return t("trigger-need-hungry"); },
  get angry() { return t("trigger-need-angry"); },
  get lonely() { return t("trigger-need-lonely"); },
  get tired() { return t("trigger-need-tired"); },
};
export const PART_WORD: { readonly [P in PartOfDay]: string } = {
  get morning() { return t("trigger-part-morning"); },
  get afternoon() { return t("trigger-part-afternoon"); },
  get evening() { return t("trigger-part-evening"); },
  get night() { return t("trigger-part-night"); },
};
/** The parts of the day in order. */
export const PARTS: readonly PartOfDay[] = ["morning", "afternoon", "evening", "night"];

/** The quick picks offered before the journal has tags of its own, in the current language. */
export const basePicks = (): Trigger[] =>
  [t("trigger-pick-stress"), t("trigger-pick-boredom"), t("trigger-pick-old-friends"), t("trigger-pick-out-of-nowhere")].map(tagTrigger);

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
