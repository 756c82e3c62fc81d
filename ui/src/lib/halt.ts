// The HALT self-check: four needs rated 0-3. A need rated 2 or more is "flagged" and gets its own
// concrete suggestion (BRIEF.md section 2; the wording comes from the core through `halt_suggestions`).
// A prompt, not a scale: no totals, no scores.
import type { HaltCheck, HaltNeed } from "./types";
import { HALT_FLAG_FROM } from "./rules";
import { NEED_WORD } from "./triggers";
import { t } from "./i18n.svelte";

export type Need = HaltNeed;
export const NEEDS: readonly Need[] = ["hungry", "angry", "lonely", "tired"];
export const NEED_LABEL = NEED_WORD;
/** The words of the 0-3 scale, in the current language (halt-rating-0 ... halt-rating-3). */
export const ratingLabels = (): string[] => [t("halt-rating-0"), t("halt-rating-1"), t("halt-rating-2"), t("halt-rating-3")];

export function flaggedNeeds(check: Pick<HaltCheck, Need>): Need[] {
  return NEEDS.filter((n) => check[n] >= HALT_FLAG_FROM);
}
