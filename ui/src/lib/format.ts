// Plain-language formatting of dates, durations and progress. Pure functions: "now" is a parameter.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

/** "in 2 days, 3 hours", "in 45 minutes", "starting now" */
export function countdown(target: Date, now: Date): string {
  const ms = target.getTime() - now.getTime();
  if (ms <= 0) return "starting now";
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.ceil((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `in ${plural(days, "day")}, ${plural(hours, "hour")}` : `in ${plural(days, "day")}`;
  if (hours > 0) return minutes > 0 && minutes < 60 ? `in ${plural(hours, "hour")}, ${plural(minutes, "minute")}` : `in ${plural(hours, "hour")}`;
  return `in ${plural(Math.max(1, minutes), "minute")}`;
}

/** Elapsed seconds as "m:ss" or "h:mm:ss". */
export function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** A duration in words: "18 minutes", "1 hour 5 minutes", "40 seconds". */
export function durationWords(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return plural(s, "second");
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  if (h === 0) return plural(m, "minute");
  return m ? `${plural(h, "hour")} ${plural(m, "minute")}` : plural(h, "hour");
}

/** Hours with at most one decimal, without a trailing ".0". */
export function hours(h: number): string {
  const r = Math.round(h * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

const dateFmt = new Intl.DateTimeFormat(undefined, { weekday: "short", month: "short", day: "numeric" });
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

export const shortDate = (d: Date) => dateFmt.format(d);
export const shortTime = (d: Date) => timeFmt.format(d);
export const dateTime = (d: Date) => `${dateFmt.format(d)}, ${timeFmt.format(d)}`;

/** "today", "yesterday", or a short date. */
export function dayLabel(d: Date, now: Date): string {
  const a = new Date(d);
  a.setHours(0, 0, 0, 0);
  const b = new Date(now);
  b.setHours(0, 0, 0, 0);
  const diff = Math.round((b.getTime() - a.getTime()) / DAY);
  if (diff === 0) return "today";
  if (diff === 1) return "yesterday";
  return shortDate(d);
}

/** A local calendar date as YYYY-MM-DD. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Value for <input type="datetime-local"> from a Date (local time). */
export function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${isoDate(d)}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The device's IANA zone, used when stamping new entries. */
export function deviceZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
