// One line of plain words per journal entry, for "recent activity".
import type { StoredEntry } from "./types";
import { flaggedNeeds, NEED_LABEL } from "./halt";
import { t } from "./i18n.svelte";

export type Activity = { id: string; when: Date; text: string };

export function describe(s: StoredEntry): Activity | null {
  const r = s.record;
  switch (r.type) {
    case "craving":
      return {
        id: s.id,
        when: new Date(r.occurredAt.utc),
        text: r.outcome === "used" ? t("activity-lapse") : t("activity-craving", { intensity: r.intensity }),
      };
    case "halt": {
      const f = flaggedNeeds(r).map((n) => NEED_LABEL[n].toLocaleLowerCase());
      return { id: s.id, when: new Date(r.takenAt.utc), text: f.length ? t("activity-halt-flagged", { needs: f.join(", ") }) : t("activity-halt-steady") };
    }
    case "urge":
      return { id: s.id, when: new Date(r.startedAt.utc), text: t("activity-urge", { start: r.intensityStart, end: r.intensityEnd }) };
    default:
      return null;
  }
}
