// The sharing screen's pure parts: the form turned into the core's ShareSelection and ConsentTerms,
// labels for entries the patient picks from, and words for where a consent stands.
import { dateTime, isoDate } from "./format";
import { t } from "./i18n.svelte";
import type { ConsentState, ShareKind, ShareSelection, StoredEntry } from "./types";

/** Each kind's title in the current language (getters: read when shown, so a language change re-renders). */
export const KIND_TITLES: { readonly [K in ShareKind]: string } = {
  get craving() {
    return t("share-kind-craving");
  },
  get halt() {
    return t("share-kind-halt");
  },
  get urge() {
    return t("share-kind-urge");
  },
};

export const STATE_WORDS: { readonly [S in ConsentState]: string } = {
  get sending() {
    return t("share-state-sending");
  },
  get active() {
    return t("share-state-active");
  },
  get revoked() {
    return t("share-state-revoked");
  },
  get expired() {
    return t("share-state-expired");
  },
};

export type ShareForm = {
  mode: "range" | "pick";
  from: string;
  to: string;
  kinds: ShareKind[];
  picked: string[];
  expiresOn: string;
};

const DAY = 86_400_000;

/** The last 14 days of all three kinds, ending in 90 days: a common ask between two sessions. */
export function blankShare(now: Date): ShareForm {
  return { mode: "range", from: isoDate(new Date(now.getTime() - 13 * DAY)), to: isoDate(now), kinds: ["craving", "halt", "urge"], picked: [], expiresOn: isoDate(new Date(now.getTime() + 90 * DAY)) };
}

/** Start of a local calendar day as an instant. */
const dayStart = (date: string) => new Date(`${date}T00:00:00`);

/** The core's selection: exactly the picked entries, or the kinds within [from, to] (whole local days). */
export function selectionOf(f: ShareForm): ShareSelection {
  if (f.mode === "pick") return { entries: [...f.picked], from: null, to: null, kinds: [] };
  return {
    entries: [],
    from: f.from ? dayStart(f.from).toISOString() : null,
    to: f.to ? new Date(dayStart(f.to).getTime() + DAY).toISOString() : null,
    kinds: [...f.kinds],
  };
}

/** Why the form cannot be previewed yet, or null. */
export function formProblem(f: ShareForm): string | null {
  if (f.mode === "pick" && f.picked.length === 0) return t("share-problem-pick");
  if (f.mode === "range" && f.kinds.length === 0) return t("share-problem-kind");
  if (f.mode === "range" && f.from && f.to && f.from > f.to) return t("share-problem-dates");
  if (!f.expiresOn) return t("share-problem-expiry");
  return null;
}

/** A shareable entry as a checkbox label: kind and time only, nothing the patient wrote. */
export function entryLabel(r: StoredEntry): string | null {
  const rec = r.record;
  switch (rec.type) {
    case "craving":
      return t("share-entry-craving", { when: dateTime(new Date(rec.occurredAt.utc)), intensity: rec.intensity });
    case "halt":
      return t("share-entry-halt", { when: dateTime(new Date(rec.takenAt.utc)) });
    case "urge":
      return t("share-entry-urge", { when: dateTime(new Date(rec.startedAt.utc)) });
    default:
      return null;
  }
}
