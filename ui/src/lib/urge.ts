// Urge surfing (Marlatt): the guided steps, and the geometry of the wave chart drawn afterwards.
import { URGE_STEPS } from "./rules";
import type { SurfStep, SurfVariant, UrgeSample } from "./types";

export type Step = { id: SurfStep; title: string; prompt: string };
type Words = Omit<Step, "id">;

/** What each step says, per variant (the same step may be worded for its variant). */
const WORDS: { [V in SurfVariant]: Partial<Record<SurfStep, Words>> } = {
  wave: {
    noticeAndName: { title: "Notice the urge", prompt: "Name it to yourself: \"I am having an urge.\" You do not have to act on it." },
    observeBody: { title: "Observe your body", prompt: "Where do you feel it? Chest, stomach, hands, jaw? Notice any thoughts that come with it, without following them." },
    breathe: { title: "Breathe", prompt: "Breathe in slowly through your nose, and out a little longer through your mouth. Let your shoulders drop." },
    rideTheWave: { title: "Ride the wave", prompt: "Urges rise, peak and fall, like a wave. Stay with it and watch it change, without acting on it." },
    noticeItFall: { title: "Notice it fall", prompt: "Notice how the urge feels now. Even a small drop is the wave passing." },
  },
  sober: {
    stop: { title: "Stop", prompt: "Pause whatever you are doing. You have time." },
    observe: { title: "Observe", prompt: "What do you feel in your body? What are you thinking? Just notice." },
    breathe: { title: "Breathe", prompt: "Take a few slow breaths. Let the out-breath be long." },
    expandAwareness: { title: "Expand awareness", prompt: "Widen your attention: the room, the sounds, the ground under you, the people who support you." },
    respondMindfully: { title: "Respond mindfully", prompt: "Choose what you will do next, in line with what matters to you." },
  },
};

/** The step's words for its variant; the step's own name if the window has none yet. */
export function stepWords(variant: SurfVariant, id: SurfStep): Words {
  return WORDS[variant][id] ?? { title: id, prompt: "" };
}

/** Each variant's steps in the core's order (`rules.ts`, generated), with their words. */
export const STEPS: { [V in SurfVariant]: readonly Step[] } = {
  wave: URGE_STEPS.wave.map((id) => ({ id, ...stepWords("wave", id) })),
  sober: URGE_STEPS.sober.map((id) => ({ id, ...stepWords("sober", id) })),
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

/** One sentence describing the session's wave. */
export function waveSentence(samples: UrgeSample[], durationText: string): string {
  if (samples.length === 0) return "No ratings were recorded.";
  const start = samples[0]!.intensity;
  const end = samples[samples.length - 1]!.intensity;
  const peak = Math.max(...samples.map((s) => s.intensity));
  const lasted = durationText ? ` over ${durationText}` : "";
  if (end < start) return `Your urge started at ${start}, peaked at ${peak} and fell to ${end}${lasted}. You rode the wave.`;
  if (end === start) return `Your urge started and ended at ${start}${lasted}, peaking at ${peak}. You stayed with it, and that counts.`;
  return `Your urge went from ${start} to ${end}${lasted}. Some waves take longer; you stayed with it.`;
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
