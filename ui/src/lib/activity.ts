// One line of plain words per journal entry, for "recent activity".
import type { StoredEntry } from "./types";
import { flaggedNeeds, NEED_LABEL } from "./halt";

export type Activity = { id: string; when: Date; text: string };

export function describe(s: StoredEntry): Activity | null {
  const r = s.record;
  switch (r.type) {
    case "craving":
      return {
        id: s.id,
        when: new Date(r.occurredAt.utc),
        text: r.outcome === "used" ? `Logged a lapse and kept going` : `Logged a craving, intensity ${r.intensity}`,
      };
    case "halt": {
      const f = flaggedNeeds(r).map((n) => NEED_LABEL[n].toLowerCase());
      return { id: s.id, when: new Date(r.takenAt.utc), text: f.length ? `HALT check: ${f.join(", ")}` : "HALT check: all steady" };
    }
    case "urge":
      return { id: s.id, when: new Date(r.startedAt.utc), text: `Surfed an urge from ${r.intensityStart} to ${r.intensityEnd}` };
    default:
      return null;
  }
}
