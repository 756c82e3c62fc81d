// Filtering of the craving list. The backend narrows by date and text; the remaining filters run
// here over what the screen already shows.
import type { CravingEntry, StoredRecord } from "./types";

export type CravingFilter = {
  from: string; // YYYY-MM-DD or ""
  to: string; // YYYY-MM-DD or ""
  minIntensity: number;
  maxIntensity: number;
  trigger: string; // "" = any
  outcome: "" | "didNotUse" | "used" | "unknown";
  text: string;
};

export const emptyFilter = (): CravingFilter => ({
  from: "",
  to: "",
  minIntensity: 0,
  maxIntensity: 10,
  trigger: "",
  outcome: "",
  text: "",
});

export type CravingItem = { id: string; entry: CravingEntry };

export function cravingItems(records: StoredRecord[]): CravingItem[] {
  const out: CravingItem[] = [];
  for (const s of records) if (s.record.kind === "craving") out.push({ id: s.id, entry: s.record });
  return out;
}

export function allTriggers(e: CravingEntry): string[] {
  const t = e.triggers;
  return [...t.halt, ...t.people, ...t.places, ...t.emotions, ...t.tags];
}

/** Local calendar date (YYYY-MM-DD) of a UTC instant. */
function localDay(utc: string): string {
  const d = new Date(utc);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function textOf(e: CravingEntry): string {
  return [e.situation, e.thoughtsAndFeelings, e.coping, e.notes, ...allTriggers(e)].filter(Boolean).join(" ").toLowerCase();
}

export function applyFilter(items: CravingItem[], f: CravingFilter): CravingItem[] {
  const needle = f.text.trim().toLowerCase();
  return items.filter(({ entry: e }) => {
    const day = localDay(e.occurredAt.utc);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    if (e.intensity < f.minIntensity || e.intensity > f.maxIntensity) return false;
    if (f.trigger && !allTriggers(e).some((t) => t.toLowerCase() === f.trigger.toLowerCase())) return false;
    if (f.outcome === "unknown" ? e.outcome !== null : f.outcome && e.outcome !== f.outcome) return false;
    if (needle && !textOf(e).includes(needle)) return false;
    return true;
  });
}

/** Every trigger used so far, most frequent first, for the filter and for quick picks. */
export function triggerChoices(items: CravingItem[]): string[] {
  const counts = new Map<string, number>();
  for (const { entry } of items) for (const t of allTriggers(entry)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

export function isFiltered(f: CravingFilter): boolean {
  const e = emptyFilter();
  return (Object.keys(e) as (keyof CravingFilter)[]).some((k) => f[k] !== e[k]);
}
