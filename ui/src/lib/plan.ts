// The relapse-prevention plan's form: lists edited one item per line, trigger sources as one choice.
import type { ContactRole, Meeting, RelapsePlan, TriggerSource } from "./types";
import { t } from "./i18n.svelte";

export const emptyPlan = (): RelapsePlan => ({
  triggers: [],
  warningSigns: [],
  contactIds: [],
  placesToAvoid: [],
  alternativeActivities: [],
  meetings: [],
  afterALapse: [],
  lastReviewed: null,
});

const SOURCE_IDS: { [value: string]: string } = {
  internal: "plan-source-internal",
  external: "plan-source-external",
  "halt:hungry": "plan-source-halt-hungry",
  "halt:angry": "plan-source-halt-angry",
  "halt:lonely": "plan-source-halt-lonely",
  "halt:tired": "plan-source-halt-tired",
};

/** The trigger sources to choose from; `label` is read in the current language when shown. */
export const SOURCE_CHOICES: { readonly value: string; readonly label: string }[] = Object.entries(SOURCE_IDS).map(([value, id]) => ({
  value,
  get label() {
    return t(id);
  },
}));

export function sourceValue(s: TriggerSource): string {
  return s.kind === "halt" ? `halt:${s.need}` : s.kind;
}

export function sourceFrom(value: string): TriggerSource {
  if (value.startsWith("halt:")) {
    const need = value.slice(5);
    if (need === "hungry" || need === "angry" || need === "lonely" || need === "tired") return { kind: "halt", need };
  }
  return value === "internal" ? { kind: "internal" } : { kind: "external" };
}

export function sourceWords(s: TriggerSource): string {
  return s.kind === "halt" ? t(`plan-source-halt-${s.need}`) : s.kind === "internal" ? t("plan-source-short-internal") : t("plan-source-short-external");
}

export const lines = (s: string) => s.split("\n").map((x) => x.trim()).filter(Boolean);

/** Meetings are edited one a line as "name; when; place" (when and place optional). */
export function meetingsFrom(text: string): Meeting[] {
  return lines(text).map((l) => {
    const [name = "", when = "", place = ""] = l.split(";").map((x) => x.trim());
    return { name, when: when || null, place: place || null };
  });
}

export function meetingsText(ms: Meeting[]): string {
  return ms.map((m) => [m.name, m.when ?? "", m.place ?? ""].join("; ").replace(/(; )+$/, "")).join("\n");
}

export const meetingWords = (m: Meeting) => [m.name, m.when, m.place].filter(Boolean).join(", ");

/** Who a contact is to the patient, in the current language (getters: read when shown). */
export const ROLE_WORDS: { readonly [R in ContactRole]: string } = {
  get sponsor() {
    return t("plan-role-sponsor");
  },
  get counselor() {
    return t("plan-role-counselor");
  },
  get family() {
    return t("plan-role-family");
  },
  get friend() {
    return t("plan-role-friend");
  },
  get peer() {
    return t("plan-role-peer");
  },
  get other() {
    return t("plan-role-other");
  },
};
