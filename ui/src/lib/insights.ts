// One-sentence summaries for the insight charts. Each chart explains itself in words.
import type { DayCravings, Insights, TriggerCount, WeekAttendance } from "./types";
import { hours } from "./format";

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Compares the last 7 days of entries with the 7 before (by calendar date, "today" given). */
export function cravingTrendSentence(days: DayCravings[], today: string): string {
  if (days.length === 0) return "No cravings logged yet. When you log some, their pattern shows up here.";
  const t = new Date(today + "T12:00:00").getTime();
  const ago = (d: string) => Math.round((t - new Date(d + "T12:00:00").getTime()) / 86_400_000);
  const thisWeek = days.filter((d) => ago(d.date) < 7).map((d) => d.averageIntensity);
  const lastWeek = days.filter((d) => ago(d.date) >= 7 && ago(d.date) < 14).map((d) => d.averageIntensity);
  if (thisWeek.length && lastWeek.length) {
    const a = avg(thisWeek);
    const b = avg(lastWeek);
    if (a < b - 0.5) return `Your cravings were lower this week than last (average ${hours(a)} against ${hours(b)}).`;
    if (a > b + 0.5) return `Your cravings were stronger this week than last (average ${hours(a)} against ${hours(b)}). Your plan and your contacts are there for weeks like this.`;
    return `Your cravings were about as strong this week as last (average ${hours(a)}).`;
  }
  const all = avg(days.map((d) => d.averageIntensity));
  return `Your cravings averaged ${hours(all)} out of 10 over ${days.length} ${days.length === 1 ? "day" : "days"} with entries.`;
}

export function triggerSentence(ts: TriggerCount[]): string {
  if (ts.length === 0) return "No triggers noted yet.";
  const top = ts[0]!;
  return `Your most frequent trigger is "${top.trigger}" (${top.count} ${top.count === 1 ? "time" : "times"}).`;
}

export function urgeSentence(u: Insights["urges"]): string {
  if (u.surfed === 0) return "You have not tried urge surfing yet. It is there whenever an urge comes.";
  const drop = u.averageDrop !== null && u.averageDrop > 0 ? ` On average the urge dropped by ${hours(u.averageDrop)} points.` : "";
  return `You have surfed ${u.surfed} ${u.surfed === 1 ? "urge" : "urges"}; ${u.rodeItOut} passed without acting on them.${drop}`;
}

export function attendanceSentence(w: WeekAttendance[], goal: number): string {
  if (w.length === 0) return "No sessions recorded yet.";
  const met = w.filter((x) => x.hours >= goal).length;
  return `You met the ${hours(goal)}-hour goal in ${met} of ${w.length} ${w.length === 1 ? "week" : "weeks"}.`;
}

/** A "nice" upper bound for an axis. */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const steps = [1, 2, 3, 4, 5, 6, 8, 10];
  const mag = 10 ** Math.floor(Math.log10(v));
  for (const s of steps) if (s * mag >= v) return s * mag;
  return 10 * mag;
}
