// The HALT self-check: four needs rated 0-3. A need rated 2 or more is "flagged" and gets its own
// concrete suggestion (BRIEF.md section 2). A prompt, not a scale: no totals, no scores.
import type { HaltCheck, HaltPattern } from "./types";

export type Need = "hungry" | "angry" | "lonely" | "tired";
export const NEEDS: readonly Need[] = ["hungry", "angry", "lonely", "tired"];
export const FLAG_AT = 2;

export const NEED_LABEL: { [N in Need]: string } = {
  hungry: "Hungry",
  angry: "Angry",
  lonely: "Lonely",
  tired: "Tired",
};

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

/** "Tired in 5 of the last 7 checks." for the most frequent flagged needs; null when nothing stands out. */
export function patternSentence(p: HaltPattern): string | null {
  if (p.checks === 0) return null;
  const counts = NEEDS.map((n) => ({ n, c: p[n] })).filter((x) => x.c > 0);
  if (counts.length === 0) return `No need stood out in your last ${p.checks === 1 ? "check" : `${p.checks} checks`}.`;
  counts.sort((a, b) => b.c - a.c);
  const top = counts.filter((x) => x.c === counts[0]!.c);
  const names = top.map((x) => NEED_LABEL[x.n]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  const of = p.checks === 1 ? "your last check" : `${counts[0]!.c} of the last ${p.checks} checks`;
  return p.checks === 1 ? `${list} in ${of}.` : `${list} in ${of}.`;
}
