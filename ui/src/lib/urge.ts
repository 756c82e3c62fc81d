// Urge surfing (Marlatt): the guided steps, and the geometry of the wave chart drawn afterwards.
import { URGE_STEPS } from "./rules";
import type { SurfStep, SurfVariant, UrgeSample } from "./types";
import { has, t } from "./i18n.svelte";

export type Step = { id: SurfStep; title: string; prompt: string };
type Words = Omit<Step, "id">;

/**
 * What a step says for its variant (the same step may be worded per variant), in the current
 * language: urge-step-<variant>-<step>-title / -prompt (urge.ftl). The step's own name if the
 * catalog has no words for it yet (a vitest test fails then).
 */
export function stepWords(variant: SurfVariant, id: SurfStep): Words {
  const key = `urge-step-${variant}-${id}`;
  if (!has("en", `${key}-title`)) return { title: id, prompt: "" };
  return { title: t(`${key}-title`), prompt: t(`${key}-prompt`) };
}

/** A variant's steps in the core's order (`rules.ts`, generated), with their words. */
export const stepsOf = (variant: SurfVariant): readonly Step[] => URGE_STEPS[variant].map((id) => ({ id, ...stepWords(variant, id) }));

/** Each variant's steps, worded in the current language whenever read. */
export const STEPS: { readonly [V in SurfVariant]: readonly Step[] } = {
  get wave() {
    return stepsOf("wave");
  },
  get sober() {
    return stepsOf("sober");
  },
};

export function stepTitle(id: SurfStep): string {
  return [...STEPS.wave, ...STEPS.sober].find((s) => s.id === id)?.title ?? id;
}

export type Point = { x: number; y: number };

/** Maps samples (seconds in, intensity 0-10) into a box of width x height with padding. */
export function wavePoints(samples: UrgeSample[], width: number, height: number, pad = 24): Point[] {
  if (samples.length === 0) return [];
  const end = Math.max(1, samples[samples.length - 1]!.offsetSeconds);
  return samples.map((s) => ({
    x: pad + ((width - 2 * pad) * s.offsetSeconds) / end,
    y: height - pad - ((height - 2 * pad) * s.intensity) / 10,
  }));
}

/** A smooth SVG path through the points (cubic segments with Catmull-Rom style tangents). */
export function smoothPath(points: Point[]): string {
  if (points.length === 0) return "";
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p0 = points[i - 2] ?? points[i - 1]!;
    const p1 = points[i - 1]!;
    const p2 = points[i]!;
    const p3 = points[i + 1] ?? p2;
    // Control points stay within the segment's box, so the curve never loops back in time and
    // never swings above 10 or below 0 between two readings.
    const lo = Math.min(p1.y, p2.y);
    const hi = Math.max(p1.y, p2.y);
    const clampX = (x: number) => Math.min(p2.x, Math.max(p1.x, x));
    const clampY = (y: number) => Math.min(hi, Math.max(lo, y));
    const c1 = { x: clampX(p1.x + (p2.x - p0.x) / 6), y: clampY(p1.y + (p2.y - p0.y) / 6) };
    const c2 = { x: clampX(p2.x - (p3.x - p1.x) / 6), y: clampY(p2.y - (p3.y - p1.y) / 6) };
    d += ` C${f(c1.x)},${f(c1.y)} ${f(c2.x)},${f(c2.y)} ${f(p2.x)},${f(p2.y)}`;
  }
  return d;
}

/** One sentence describing the session's wave; `durationText` (in words) may be empty. */
export function waveSentence(samples: UrgeSample[], durationText: string): string {
  if (samples.length === 0) return t("urge-wave-none");
  const start = samples[0]!.intensity;
  const end = samples[samples.length - 1]!.intensity;
  const peak = Math.max(...samples.map((s) => s.intensity));
  const over = durationText ? "-over" : "";
  const args = { start, end, peak, duration: durationText };
  if (end < start) return t(`urge-wave-fell${over}`, args);
  if (end === start) return t(`urge-wave-same${over}`, args);
  return t(`urge-wave-rose${over}`, args);
}

/**
 * Records a rating at `sample.offsetSeconds`. Core keeps one rating per second (offsets strictly
 * increasing), so a second rating within the same second, from quick taps through the steps,
 * replaces the first: the latest rating is what the person felt at that moment.
 */
export function recordSample<T>(samples: UrgeSample[], labels: T[], sample: UrgeSample, label: T): void {
  const last = samples[samples.length - 1];
  if (last && sample.offsetSeconds <= last.offsetSeconds) {
    samples[samples.length - 1] = { offsetSeconds: last.offsetSeconds, intensity: sample.intensity };
    labels[labels.length - 1] = label;
  } else {
    samples.push(sample);
    labels.push(label);
  }
}
