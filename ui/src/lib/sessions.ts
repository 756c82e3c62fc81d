// Clinic sessions: words for FHIR statuses, splitting into upcoming and past, and the patient's form.
import type { AppointmentStatus, ClinicSession, ParticipantResponse, SessionKind, StoredRecord, Venue } from "./types";
import { deviceZone, isoDate } from "./format";

export const STATUS_WORDS: { [S in AppointmentStatus]: string } = {
  proposed: "Proposed",
  pending: "Waiting for confirmation",
  booked: "Booked",
  arrived: "Arrived",
  fulfilled: "Attended",
  cancelled: "Cancelled",
  noshow: "Missed",
  "entered-in-error": "Entered by mistake",
  "checked-in": "Checked in",
  waitlist: "On the waiting list",
};

export const RESPONSE_WORDS: { [R in ParticipantResponse]: string } = {
  accepted: "You are going",
  declined: "You can't make it",
  tentative: "You might go",
  "needs-action": "Not answered yet",
};

export const KIND_WORDS: { [K in SessionKind]: string } = { group: "Group", individual: "Individual", family: "Family", other: "Other" };

export type SessionItem = { id: string; s: ClinicSession };

export function splitSessions(records: StoredRecord[], now: Date): { upcoming: SessionItem[]; past: SessionItem[] } {
  const all: SessionItem[] = records.flatMap((r) => (r.record.type === "session" ? [{ id: r.id, s: r.record }] : []));
  const upcoming = all.filter((x) => new Date(x.s.end.utc) > now).sort((a, b) => a.s.start.utc.localeCompare(b.s.start.utc));
  const past = all.filter((x) => new Date(x.s.end.utc) <= now).sort((a, b) => b.s.start.utc.localeCompare(a.s.start.utc));
  return { upcoming, past };
}

export function venueText(v: Venue | null): string {
  if (!v) return "";
  return v.kind === "inPerson" ? v.place : "Video call";
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
  };
}
