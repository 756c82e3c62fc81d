// The HALT self-check: four needs rated 0-3. A need rated 2 or more is "flagged" and gets its own
// concrete suggestion (BRIEF.md section 2). A prompt, not a scale: no totals, no scores.
import type { HaltCheck, HaltNeed } from "./types";
import { NEED_WORD } from "./triggers";

export type Need = HaltNeed;
export const NEEDS: readonly Need[] = ["hungry", "angry", "lonely", "tired"];
/** Same threshold as core's `HaltRating::is_flagged`. */
export const FLAG_AT = 2;
export const NEED_LABEL = NEED_WORD;
export const RATING_LABEL = ["Not at all", "A little", "Quite a bit", "Very"] as const;

export const SUGGESTION: { [N in Need]: { title: string; detail: string } } = {
  hungry: { title: "Eat something", detail: "A snack, a glass of water, a simple meal. Your body needs fuel to get through this." },
  angry: { title: "Let the anger out safely", detail: "Vent to someone you trust, write it down, go for a brisk walk, or take ten slow breaths." },
  lonely: { title: "Reach out to someone", detail: "Call or text a support contact, or go to a meeting. You do not have to sit with this alone." },
  tired: { title: "Rest", detail: "Lie down for a few minutes, or plan an early night. Everything feels harder when you are worn out." },
};

export function flaggedNeeds(check: Pick<HaltCheck, Need>): Need[] {
  return NEEDS.filter((n) => check[n] >= FLAG_AT);
}
