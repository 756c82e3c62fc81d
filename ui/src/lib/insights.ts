// Chart helpers for the insights screen. The sentences under each chart come from core, which
// knows the program's zone and weeks.

/** A "nice" upper bound for an axis. */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const steps = [1, 2, 3, 4, 5, 6, 8, 10];
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const s of steps) if (s * mag >= v) return s * mag;
  return 10 * mag;
}
