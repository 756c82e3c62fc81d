// Clinic sessions: splitting into upcoming and past, answer words, and the patient's form. Status lines come from the core.
import type { ClinicSession, ParticipantResponse, SessionKind, SessionView, Venue } from "./types";
import { deviceZone, isoDate } from "./format";
import { t } from "./i18n.svelte";

/** Where an answer stands, in the current language (getters: read when shown, so a language change re-renders). */
export const RESPONSE_WORDS: { readonly [R in ParticipantResponse]: string } = {
  get accepted() {
    return t("sessions-response-accepted");
  },
  get declined() {
    return t("sessions-response-declined");
  },
  get tentative() {
    return t("sessions-response-tentative");
  },
  get "needs-action"() {
    return t("sessions-response-needs-action");
  },
};

/** Each kind's catalog suffix: `sessions-kind-<suffix>` (the form's options), `sessions-untitled-<suffix>`. */
const KIND_IDS: { [K in SessionKind]: string } = {
  group: "group",
  individual: "individual",
  family: "family",
  psychoeducation: "psychoeducation",
  medicationManagement: "medication-management",
  aftercareCheckIn: "aftercare-check-in",
  other: "other",
};

/** Kinds the patient can choose for a session they add (the form's options), in the current language. */
export const KIND_WORDS: { readonly [K in SessionKind]: string } = Object.defineProperties(
  {} as { [K in SessionKind]: string },
  Object.fromEntries(Object.entries(KIND_IDS).map(([kind, id]) => [kind, { enumerable: true, get: () => t(`sessions-kind-${id}`) }])),
);

/** A session without a name, named by its kind ("Group session"). */
export const untitledSession = (kind: SessionKind) => t(`sessions-untitled-${KIND_IDS[kind]}`);

/** How far ahead a cancelled session still shows among the upcoming ones. */
const CANCELLED_SHOWN_AHEAD_MS = 7 * 86_400_000;

/**
 * Splits the core's session views into upcoming (soonest first) and past (latest first). A cancelled
 * session shows among the upcoming ones only in the coming week, where the patient might still plan
 * around it: after a discharge, weeks of cancelled groups would bury the aftercare check-ins.
 */
export function splitSessions(views: SessionView[], now: Date): { upcoming: SessionView[]; past: SessionView[] } {
  const shownUntil = now.getTime() + CANCELLED_SHOWN_AHEAD_MS;
  const upcoming = views
    .filter((x) => new Date(x.session.end.utc) > now)
    .filter((x) => x.session.status !== "cancelled" || new Date(x.session.start.utc).getTime() <= shownUntil)
    .sort((a, b) => a.session.start.utc.localeCompare(b.session.start.utc));
  const past = views.filter((x) => new Date(x.session.end.utc) <= now).sort((a, b) => b.session.start.utc.localeCompare(a.session.start.utc));
  return { upcoming, past };
}

export function venueText(v: Venue | null): string {
  if (!v) return "";
  return v.kind === "inPerson" ? v.place : t("sessions-video-call");
}

export type SessionForm = { date: string; start: string; end: string; kind: SessionKind; title: string; place: string };

export const blankSession = (now: Date): SessionForm => ({ date: isoDate(now), start: "18:00", end: "21:00", kind: "group", title: "", place: "" });

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;

export function sessionToForm(s: ClinicSession): SessionForm {
  const a = new Date(s.start.utc);
  return {
    date: isoDate(a),
    start: hhmm(a),
    end: hhmm(new Date(s.end.utc)),
    kind: s.kind,
    title: s.title ?? "",
    place: s.venue?.kind === "inPerson" ? s.venue.place : s.venue?.kind === "video" ? s.venue.link : "",
  };
}

/** Builds a patient-entered session; an end time at or before the start means it runs past midnight. */
export function formToSession(f: SessionForm, previous: ClinicSession | null, zone = deviceZone()): ClinicSession {
  const start = new Date(`${f.date}T${f.start}`);
  let end = new Date(`${f.date}T${f.end}`);
  if (end <= start) end = new Date(end.getTime() + 86_400_000);
  const place = f.place.trim();
  const venue: Venue | null = !place ? null : /^https:\/\//i.test(place) ? { kind: "video", link: place } : { kind: "inPerson", place };
  return {
    start: { utc: start.toISOString(), zone },
    end: { utc: end.toISOString(), zone },
    kind: f.kind,
    title: f.title.trim() || null,
    venue,
    status: previous?.status ?? "booked",
    response: previous?.response ?? "accepted",
    origin: { kind: "patient" },
    cancelReason: previous?.cancelReason ?? null,
    attendance: previous?.attendance ?? null,
    selfReport: previous?.selfReport ?? null,
  };
}
