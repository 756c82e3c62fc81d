// Plain-language formatting of dates, durations and progress, in the current language (i18n.svelte.ts).
// Pure functions of their arguments and the language: "now" is a parameter.
import { intlTag, num, t } from "./i18n.svelte";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = "days" | "hours" | "minutes" | "seconds";
/** "3 hours", "1 minute", in the current language (the catalog's plural rules). */
const amount = (n: number, unit: Unit) => t(`format-${unit}`, { n });

/** "in 2 days, 3 hours", "in 45 minutes", "starting now" */
export function countdown(target: Date, now: Date): string {
  const ms = target.getTime() - now.getTime();
  if (ms <= 0) return t("format-starting-now");
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.ceil((ms % HOUR) / MINUTE);
  const both = (a: string, b: string) => t("format-and", { a, b });
  let time: string;
  if (days > 0) time = hours > 0 ? both(amount(days, "days"), amount(hours, "hours")) : amount(days, "days");
  else if (hours > 0) time = minutes > 0 && minutes < 60 ? both(amount(hours, "hours"), amount(minutes, "minutes")) : amount(hours, "hours");
  else time = amount(Math.max(1, minutes), "minutes");
  return t("format-in", { time });
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
  if (s < 60) return amount(s, "seconds");
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  if (h === 0) return amount(m, "minutes");
  return m ? t("format-hours-minutes", { hours: amount(h, "hours"), minutes: amount(m, "minutes") }) : amount(h, "hours");
}

/** Hours with at most one decimal, without a trailing ".0" (the decimal mark of the current language). */
export function hours(h: number): string {
  return num(Math.round(h * 10) / 10, { maximumFractionDigits: 1 });
}

// Formatters per language, made once each.
const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
function fmt() {
  const tag = intlTag();
  let f = formats.get(tag);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(tag, { weekday: "short", month: "short", day: "numeric" }),
      time: new Intl.DateTimeFormat(tag, { hour: "numeric", minute: "2-digit" }),
    };
    formats.set(tag, f);
  }
  return f;
}

export const shortDate = (d: Date) => fmt().date.format(d);
export const shortTime = (d: Date) => fmt().time.format(d);
export const dateTime = (d: Date) => `${shortDate(d)}, ${shortTime(d)}`;
/** A calendar day ("YYYY-MM-DD") as a short month and day: "Nov 23", "23 nov". */
export const monthDay = (iso: string) => new Date(iso + "T12:00:00").toLocaleDateString(intlTag(), { month: "short", day: "numeric" });

/** "today", "yesterday", or a short date. */
export function dayLabel(d: Date, now: Date): string {
  const a = new Date(d);
  a.setHours(0, 0, 0, 0);
  const b = new Date(now);
  b.setHours(0, 0, 0, 0);
  const diff = Math.round((b.getTime() - a.getTime()) / DAY);
  if (diff === 0) return t("format-today");
  if (diff === 1) return t("format-yesterday");
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
