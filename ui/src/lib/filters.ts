// Filtering of the craving list. The backend narrows by kind; the filters run here over the
// entries the screen already shows.
import type { CravingEntry, StoredRecord, Trigger } from "./types";
import { triggerKey, triggerLabel } from "./triggers";

export type OutcomeFilter = "" | "didNotUse" | "used" | "notYetRecorded";

export type CravingFilter = {
  from: string; // YYYY-MM-DD or ""
  to: string; // YYYY-MM-DD or ""
  minIntensity: number;
  maxIntensity: number;
  trigger: string; // a triggerKey, "" = any
  outcome: OutcomeFilter;
  text: string;
};

export const emptyFilter = (): CravingFilter => ({ from: "", to: "", minIntensity: 0, maxIntensity: 10, trigger: "", outcome: "", text: "" });

export type CravingItem = { id: string; entry: CravingEntry };

export function cravingItems(records: StoredRecord[]): CravingItem[] {
  const out: CravingItem[] = [];
  for (const s of records) if (s.record.type === "craving") out.push({ id: s.id, entry: s.record });
  return out;
}

/** Local calendar date (YYYY-MM-DD) of a UTC instant. */
export function localDay(utc: string): string {
  const d = new Date(utc);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function textOf(e: CravingEntry): string {
  return [e.situation, e.thoughtsAndFeelings, e.coping, e.notes, ...e.triggers.map(triggerLabel)].filter(Boolean).join(" ").toLowerCase();
}

export function applyFilter(items: CravingItem[], f: CravingFilter): CravingItem[] {
  const needle = f.text.trim().toLowerCase();
  return items.filter(({ entry: e }) => {
    const day = localDay(e.occurredAt.utc);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    if (e.intensity < f.minIntensity || e.intensity > f.maxIntensity) return false;
    if (f.trigger && !e.triggers.some((t) => triggerKey(t) === f.trigger)) return false;
    if (f.outcome && e.outcome !== f.outcome) return false;
    if (needle && !textOf(e).includes(needle)) return false;
    return true;
  });
}

/** Every trigger used so far, most frequent first (ties by label), for the filter and quick picks. */
export function triggerChoices(items: CravingItem[]): Trigger[] {
  const counts = new Map<string, { t: Trigger; n: number }>();
  for (const { entry } of items) {
    for (const t of entry.triggers) {
      const k = triggerKey(t);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { t, n: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.n - a.n || triggerLabel(a.t).localeCompare(triggerLabel(b.t))).map((c) => c.t);
}

export function isFiltered(f: CravingFilter): boolean {
  const e = emptyFilter();
  return (Object.keys(e) as (keyof CravingFilter)[]).some((k) => f[k] !== e[k]);
}
