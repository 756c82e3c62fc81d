// The HALT self-check: four needs rated 0-3. A need rated 2 or more is "flagged" and gets its own
// concrete suggestion (BRIEF.md section 2; the wording comes from the core through `halt_suggestions`).
// A prompt, not a scale: no totals, no scores.
import type { HaltCheck, HaltNeed } from "./types";
import { HALT_FLAG_FROM } from "./rules";
import { NEED_WORD } from "./triggers";

export type Need = HaltNeed;
export const NEEDS: readonly Need[] = ["hungry", "angry", "lonely", "tired"];
export const NEED_LABEL = NEED_WORD;
export const RATING_LABEL = ["Not at all", "A little", "Quite a bit", "Very"] as const;

export function flaggedNeeds(check: Pick<HaltCheck, Need>): Need[] {
  return NEEDS.filter((n) => check[n] >= HALT_FLAG_FROM);
}
