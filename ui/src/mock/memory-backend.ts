// An in-memory implementation of the IPC contract (docs/ipc.md), used by the browser tests and for
// working on the UI without the Rust side. It follows the contract's rules (locked vault rejects,
// lockout after repeated wrong secrets) but keeps everything in memory and encrypts nothing.
import type {
  Attendance,
  CarePlan,
  ClinicSession,
  LevelOfCare,
  SessionKind,
  SessionView,
  ConsentSummary,
  ConsentTerms,
  Disclosure,
  SharedEntry,
  SharePreview,
  ShareSelection,
  ParkReason,
  ParticipantResponse,
  SyncReport,
  SyncStatus,
  HaltNeed,
  HaltPattern,
  Trigger,
  HomeSummary,
  Insights,
  EntryQuery,
  Entry,
  EntryKind,
  Stamp,
  StoredEntry,
  Strength,
} from "../lib/types";
// The crisis lines, their addresses and the no-handler answers, as core::crisis makes them (generated
// by core's tests, so this double never holds its own copy of the words).
import crisis from "../lib/generated/crisis.json";
import notificationExamples from "../lib/generated/notification-examples.json";
import type { CravingEntry, CravingPage, CravingQuery, CrisisOpened, CrisisTarget, Draft } from "../lib/types";

type Fail = { code: string; message: string; field?: string; retryAfterSecs?: number };
type Session = ClinicSession;
/** As src-tauri ipc.rs: a rejected value's field apart from its reason, a lockout's wait as a number. */
const fail = (code: string, message: string): Fail => {
  const invalid = code === "invalid" ? /^([a-zA-Z]+): (.*)$/.exec(message) : null;
  if (invalid) return { code, message: invalid[2]!, field: invalid[1]! };
  const secs = code === "locked_out" ? /(\d+) seconds/.exec(message) : null;
  return secs ? { code, message, retryAfterSecs: Number(secs[1]) } : { code, message };
};

export type Scenario = "fresh" | "seeded";

/** The one enrollment code the mock clinic accepts (any spacing, dashes or case). */
export const MOCK_CLINIC_CODE = "RIVER-2026";
/** As core's ParkReason::message. */
const PARK_MESSAGES: { [R in ParkReason]: string } = {
  sessionUnknown: "The clinic no longer has this session, so your answer could not be sent. Please tell your counselor directly.",
  notYours: "The clinic says this session is not on your schedule, so your answer could not be sent. Please tell your counselor directly.",
  conflict: "The clinic already has a different answer for this session. Answer again to send your latest choice.",
  unsupported: "The clinic's server does not accept answers from this version of the app. Please update the app or tell your counselor directly.",
  refused: "The clinic could not accept this answer. Please tell your counselor directly.",
};

type Outgoing = { session: string; appointment: string; response: ParticipantResponse; parked: ParkReason | null };

/** HALT suggestion headings as the browser tests look for them. */
const MOCK_HALT_TITLE = { hungry: "Eat something", angry: "Let the anger out safely", lonely: "Reach out to someone", tired: "Rest" } as const;

export class MemoryBackend {
  private passphrase: string | null = null;
  private recoveryKey: string | null = null;
  /** Files chosen with pick_path, by token (as src-tauri chooser.rs). */
  private chosen = new Map<string, { path: string; purpose: string; at: number }>();
  private unlocked = false;
  private failures = 0;
  private lockedUntil = 0;
  private records = new Map<string, StoredEntry>();
  private nextId = 1;
  private readonly zone = "America/Chicago";
  private link: { clinicName: string; lastSynced: string | null; refused: boolean; restored?: boolean } | null = null;
  /** As core sync::devices: the devices the clinic listed at the last sync, which are acknowledged. */
  private clinicDevices: { id: string; enrolledAt: string; revokedAt: string | null }[] = [];
  private pendingDevices: { id: string; enrolledAt: string; revokedAt: string | null }[] = [];
  private acknowledgedDevices = new Set<string>();
  private outbox: Outgoing[] = [];
  private codeFailures = 0;
  private scheduleSent = false;
  private consents = new Map<string, ConsentSummary>();
  /** The auto-lock rule as the core keeps it: the patient's last activity and a running hold. */
  private lastActivity = 0;
  /** Entries written on the lock screen (core vault/inbox.rs): sealed, waiting for the next unlock. */
  private inbox: CravingEntry[] = [];
  /** The kept draft (core::draft): app state, never listed as an entry. */
  private draft: Draft | null = null;
  private holdUntil = 0;
  /** A phone with biometrics (the browser tests' stand-in); off: the desktop, where the commands do not exist. */
  phone = false;
  private quickOn = false;
  /** Paths reports were written to (for tests). */
  reports: string[] = [];
  /** Test hooks: the network is down; the clinic refuses the next answer it receives. */
  offline = false;
  parkNext: ParkReason | null = null;

  constructor(private readonly now: () => Date = () => new Date()) {}

  private stamp(d = this.now()): Stamp {
    return { utc: d.toISOString(), zone: this.zone };
  }

  private newId(): string {
    return (this.nextId++).toString(16).padStart(32, "0");
  }

  /** Sets up a locked vault with a few weeks of plausible entries (passphrase below). */
  seed(passphrase = "quiet river morning") {
    this.passphrase = passphrase;
    this.recoveryKey = "TIDE-7K3M-Q9PX-44WN-R2HD-VB8C-JT6F";
    const now = this.now();
    const day = 86_400_000;
    const at = (daysAgo: number, hour: number) => {
      const d = new Date(now.getTime() - daysAgo * day);
      d.setHours(hour, 15, 0, 0);
      // Never in the future: seeded in the morning, this evening's entry becomes an hour ago, so
      // what a test saves now is always the newest (the suite passes at any hour of the day).
      if (d > now) d.setTime(now.getTime() - 3_600_000);
      return this.stamp(d);
    };
    const start = new Date(now.getTime() - 23 * day).toISOString().slice(0, 10);
    this.put({ type: "program", startDate: start, zone: this.zone, level: "iop", weeklyTargetMinutes: null });
    const tags = ["Stress at work", "Payday", "Old friends", "Evenings alone", "Arguments"];
    const needs: HaltNeed[][] = [["tired"], ["lonely", "tired"], [], ["angry"], ["tired"]];
    for (let i = 0; i < 14; i++) {
      const triggers: Trigger[] = [
        ...needs[i % 5]!.map((need): Trigger => ({ kind: "halt", need })),
        { kind: "tag", label: tags[i % 5]! },
      ];
      this.put({
        type: "craving",
        occurredAt: at(i * 1.5, 18 + (i % 4)),
        intensity: Math.max(1, 8 - Math.floor(i / 2) + (i % 3)),
        triggers,
        situation: i % 2 ? "After a long shift" : null,
        thoughtsAndFeelings: null,
        durationMinutes: 10 + i * 2,
        coping: i % 3 ? "Went for a walk" : "Called my sponsor",
        outcome: i === 9 ? "used" : i === 0 ? "notYetRecorded" : "didNotUse",
        notes: null,
      });
    }
    for (let i = 0; i < 7; i++) {
      this.put({ type: "halt", takenAt: at(i, 20), hungry: i % 3 === 0 ? 2 : 0, angry: i === 2 ? 3 : 0, lonely: i % 2 ? 2 : 1, tired: i < 5 ? 3 : 1, note: null });
    }
    for (let i = 0; i < 3; i++) {
      const s = at(i * 3 + 1, 21);
      const t0 = new Date(s.utc).getTime();
      const last = 1080 + i * 240;
      this.put({
        type: "urge",
        startedAt: s,
        endedAt: this.stamp(new Date(t0 + last * 1000)),
        variant: i === 1 ? "sober" : "wave",
        intensityStart: 7,
        intensityPeak: 8,
        intensityEnd: 2 + i,
        samples: [
          { offsetSeconds: 0, intensity: 7 },
          { offsetSeconds: 240, intensity: 8 },
          { offsetSeconds: 500, intensity: 6 },
          { offsetSeconds: 800, intensity: 4 },
          { offsetSeconds: last, intensity: 2 + i },
        ],
        stepsCompleted: i === 1 ? ["stop", "observe", "breathe", "expandAwareness", "respondMindfully"] : ["noticeAndName", "observeBody", "breathe", "rideTheWave", "noticeItFall"],
        outcome: "rodeItOut",
        notes: null,
      });
    }
    // Three group sessions a week: past ones attended (one missed), upcoming ones booked.
    for (let d = -20; d <= 9; d++) {
      const date = new Date(now.getTime() + d * day);
      const wd = date.getDay();
      if (wd !== 1 && wd !== 3 && wd !== 5) continue;
      date.setHours(18, 0, 0, 0);
      const end = new Date(date.getTime() + 3 * 3_600_000);
      const past = end < now;
      this.put({
        type: "session",
        title: "Evening group",
        start: this.stamp(date),
        end: this.stamp(end),
        kind: "group",
        venue: { kind: "inPerson", place: "Riverside Clinic, room 2" },
        status: past ? (d === -6 || d === -7 || d === -5 ? "noshow" : "fulfilled") : "booked",
        response: past ? "accepted" : d < 4 ? "accepted" : "needs-action",
        origin: { kind: "clinic", clinicId: `appt-${d + 100}` },
        cancelReason: null,
        attendance: null,
        selfReport: null,
      });
    }
    const sam = this.put({ type: "contact", name: "Sam", role: "sponsor", phone: "+1 555 0100", canText: true, notes: null });
    this.put({ type: "contact", name: "Dr. Ortiz", role: "counselor", phone: "+1 555 0199", canText: false, notes: "Weekdays 9 to 5" });
    this.put({
      type: "plan",
      triggers: [
        { source: { kind: "external" }, description: "Payday", copingStep: "Ask my partner to hold my card for the weekend" },
        { source: { kind: "halt", need: "tired" }, description: "Worn out after work", copingStep: "Eat, then rest for 20 minutes" },
      ],
      warningSigns: ["Skipping meals", "Not answering texts"],
      contactIds: [sam.id],
      placesToAvoid: ["The bar on 5th Street"],
      alternativeActivities: ["Walk by the river", "Play guitar"],
      meetings: [{ name: "Community meeting", when: "Tuesdays 7 pm", place: "Community center" }],
      afterALapse: ["Call Sam", "Tell my counselor at the next session", "Go back to my plan: one lapse does not undo my progress"],
      lastReviewed: null,
    });
    this.unlocked = false;
  }

  private put(record: Entry, id?: string): StoredEntry {
    const existing = id ? this.records.get(id) : undefined;
    const stored: StoredEntry = {
      id: id ?? this.newId(),
      created: existing?.created ?? this.stamp(),
      updated: this.stamp(),
      record,
    };
    this.records.set(stored.id, stored);
    return stored;
  }

  private requireUnlocked() {
    if (!this.unlocked) throw fail("locked", "The vault is locked; unlock it first.");
  }

  private checkLockout() {
    const wait = Math.ceil((this.lockedUntil - this.now().getTime()) / 1000);
    if (wait > 0) throw fail("locked_out", `Too many attempts; try again in ${wait} seconds.`);
  }

  private wrong(which: string): never {
    this.failures++;
    if (this.failures >= 5) this.lockedUntil = this.now().getTime() + 30_000 * 2 ** (this.failures - 5);
    throw fail("wrong_secret", `That ${which} did not unlock the vault.`);
  }

  private singleton(kind: EntryKind): StoredEntry | undefined {
    return [...this.records.values()].find((r) => r.record.type === kind);
  }

  private when(r: Entry): string | null {
    switch (r.type) {
      case "craving":
        return r.occurredAt.utc;
      case "halt":
        return r.takenAt.utc;
      case "urge":
        return r.startedAt.utc;
      case "session":
        return r.start.utc;
      default:
        return null;
    }
  }

  /** The double's stand-in for core::journal::page (word prefixes, grouping keys), until the
   * browser tests run on the real core. */
  private journalPage(q: CravingQuery): CravingPage {
    if (!(q.limit >= 1 && q.limit <= 200)) throw fail("invalid", "limit: a page holds 1 to 200 entries");
    const key = (t: Trigger) => ("label" in t ? `${t.kind}:${t.label.split(/\s+/).filter(Boolean).join(" ").toLowerCase()}` : JSON.stringify(t));
    const words = (x: string) => x.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const wanted = words(q.text ?? "");
    const all = this.sorted(["craving"]).map((s) => ({ id: s.id, entry: s.record as CravingEntry & { type: "craving" } }));
    const matches = all.filter(({ entry: e }) => {
      if (q.from && e.occurredAt.utc < q.from) return false;
      if (q.to && e.occurredAt.utc >= q.to) return false;
      if (q.minIntensity !== null && e.intensity < q.minIntensity) return false;
      if (q.maxIntensity !== null && e.intensity > q.maxIntensity) return false;
      if (q.outcome !== null && e.outcome !== q.outcome) return false;
      if (q.trigger !== null && !e.triggers.some((t) => key(t) === key(q.trigger as Trigger))) return false;
      if (wanted.length) {
        const have = words([e.situation, e.thoughtsAndFeelings, e.coping, e.notes, ...e.triggers.map((t) => ("label" in t ? t.label : ""))].filter(Boolean).join(" "));
        if (!wanted.every((w) => have.some((h) => h.startsWith(w)))) return false;
      }
      return true;
    });
    const counts = new Map<string, { t: Trigger; n: number }>();
    for (const { entry } of all) for (const t of entry.triggers) {
      const c = counts.get(key(t));
      if (c) c.n++;
      else counts.set(key(t), { t, n: 1 });
    }
    return {
      items: matches.slice(q.offset, q.offset + q.limit).map(({ id, entry }) => {
        const { type: _type, ...plain } = entry;
        return { id, entry: plain };
      }),
      total: matches.length,
      journal: all.length,
      triggers: [...counts.values()].sort((a, b) => b.n - a.n).map((c) => c.t),
    };
  }

  private sorted(kinds: EntryKind[]): StoredEntry[] {
    return [...this.records.values()]
      .filter((s) => kinds.includes(s.record.type))
      .sort((a, b) => (this.when(b.record) ?? b.updated.utc).localeCompare(this.when(a.record) ?? a.updated.utc));
  }

  private haltPattern(lastN: number): HaltPattern {
    const checks = this.sorted(["halt"]).slice(0, lastN).map((s) => s.record as Extract<Entry, { type: "halt" }>);
    const flagged = (k: HaltNeed) => checks.filter((c) => c[k] >= 2).length;
    const counts = { hungry: flagged("hungry"), angry: flagged("angry"), lonely: flagged("lonely"), tired: flagged("tired") };
    const top = (Object.entries(counts) as [HaltNeed, number][]).sort((a, b) => b[1] - a[1])[0]!;
    const word = top[0].charAt(0).toUpperCase() + top[0].slice(1);
    const summary = checks.length === 0 ? "No checks yet." : top[1] === 0 ? `No need stood out in the last ${checks.length} checks.` : `${word} in ${top[1]} of the last ${checks.length} checks.`;
    return { checks: checks.length, ...counts, summary };
  }

  private sessions() {
    return this.sorted(["session"]).map((s) => ({ s, r: s.record as Extract<Entry, { type: "session" }> }));
  }

  private weekStart(d: Date): Date {
    const w = new Date(d);
    w.setHours(0, 0, 0, 0);
    w.setDate(w.getDate() - ((w.getDay() + 6) % 7));
    return w;
  }

  /** Minutes a session counts, as wire's one hours rule (`attended_minutes`) and core's `counted_mark`. */
  private counted(r: Session): { minutes: number; mark: Attendance | null; own: boolean } {
    const scheduled = Math.round((new Date(r.end.utc).getTime() - new Date(r.start.utc).getTime()) / 60_000);
    const recorded = r.origin.kind === "clinic" && (r.attendance !== null || !["proposed", "pending", "booked", "waitlist"].includes(r.status));
    const own = !recorded && r.selfReport !== null;
    const mark = own ? r.selfReport : r.attendance;
    let minutes = 0;
    if (!["cancelled", "entered-in-error", "noshow"].includes(r.status)) {
      if (mark?.mark === "late" || mark?.mark === "left-early") minutes = Math.max(0, scheduled - mark.minutes);
      else if (mark?.mark === "attended") minutes = scheduled;
      else if (mark === null && ["fulfilled", "arrived", "checked-in"].includes(r.status)) minutes = scheduled;
    }
    return { minutes, mark, own };
  }

  /** The level in force: the patient's own (the mock has no clinic course). */
  private care(): { level: LevelOfCare; target: number | null } {
    const program = this.singleton("program")?.record as Extract<Entry, { type: "program" }> | undefined;
    const level = program?.level ?? "iop";
    const defaults: { [L in LevelOfCare]: number | null } = { iop: 540, "iop-adolescent": 360, "partial-hospitalization": 1200, outpatient: null, aftercare: null };
    return { level, target: program?.weeklyTargetMinutes ?? defaults[level] };
  }

  private home(): HomeSummary {
    const now = this.now();
    const program = this.singleton("program")?.record as Extract<Entry, { type: "program" }> | undefined;
    const startDate = program?.startDate ?? now.toISOString().slice(0, 10);
    const day = Math.floor((now.getTime() - new Date(startDate + "T00:00:00").getTime()) / 86_400_000) + 1;
    const ws = this.weekStart(now).getTime();
    const sessions = this.sessions();
    const attended = sessions.filter(({ r }) => this.counted(r).minutes > 0);
    const hours =
      attended.filter(({ r }) => new Date(r.start.utc).getTime() >= ws).reduce((h, { r }) => h + this.counted(r).minutes, 0) / 60;
    const upcoming = sessions
      .filter(({ r }) => new Date(r.start.utc) > now && ["proposed", "pending", "booked"].includes(r.status) && r.response !== "declined")
      .sort((a, b) => a.r.start.utc.localeCompare(b.r.start.utc));
    const next = upcoming[0];
    const { level, target } = this.care();
    const checkIn = level === "aftercare" ? upcoming.find(({ r }) => r.kind === "aftercareCheckIn") : undefined;
    const fmt = (h: number) => (Number.isInteger(Math.round(h * 10) / 10) ? String(Math.round(h)) : (Math.round(h * 10) / 10).toFixed(1));
    const weekSentence =
      level === "aftercare"
        ? checkIn
          ? `Your next check-in is on ${new Date(checkIn.r.start.utc).toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric" })}.`
          : "No check-in is scheduled yet."
        : target === null
          ? `${fmt(hours)} hours this week.`
          : hours >= target / 60
            ? `${fmt(hours)} hours this week, meeting your ${fmt(target / 60)}-hour target.`
            : `${fmt(hours)} of ${fmt(target / 60)} hours this week.`;
    return {
      progress: {
        dayOfProgram: day >= 1 ? day : null,
        weekStart: new Date(ws).toISOString().slice(0, 10),
        hoursThisWeek: hours,
        level,
        setByClinic: false,
        weeklyTargetHours: level === "aftercare" || target === null ? null : target / 60,
        sessionsAttended: attended.length,
        sessionsMissed: sessions.filter(({ r }) => this.counted(r).minutes === 0 && (this.counted(r).mark?.mark === "no-show" || (this.counted(r).mark === null && r.status === "noshow"))).length,
        nextSession: next ? { id: next.s.id, start: next.r.start, kind: next.r.kind } : null,
        nextCheckIn: checkIn ? { id: checkIn.s.id, start: checkIn.r.start, kind: checkIn.r.kind } : null,
        weekSentence,
        summary: level === "aftercare" ? `You are in aftercare. ${weekSentence}` : `Day ${day} of your program. ${weekSentence}`,
      },
      recent: this.sorted(["craving", "halt", "urge"]).slice(0, 5),
    };
  }

  /** As core::care::status_line. */
  private statusLine(r: Session): string {
    if (r.status === "cancelled") return r.cancelReason ? `Cancelled: ${r.cancelReason}` : "Cancelled";
    if (r.status === "entered-in-error") return "Removed by the clinic";
    const { minutes, mark, own } = this.counted(r);
    const tag = own ? " (self-reported)" : "";
    const dur = minutes >= 60 ? (minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`) : `${minutes} min`;
    if (mark?.mark === "no-show") return `Missed${tag}`;
    if (mark?.mark === "excused") return `Excused${tag}`;
    let what = "Attended";
    if (mark?.mark === "late") what = `Attended, ${mark.minutes} minutes late`;
    else if (mark?.mark === "left-early") what = `Attended, left ${mark.minutes} minutes early`;
    else if (mark === null) {
      if (r.status === "noshow") return "Missed";
      if (!["fulfilled", "arrived", "checked-in"].includes(r.status)) return r.status === "pending" ? "Waiting for confirmation" : "Booked";
    }
    return `${what}${tag} — ${dur} counted`;
  }

  private mayMark(r: Session): boolean {
    const recorded = r.origin.kind === "clinic" && (r.attendance !== null || !["proposed", "pending", "booked", "waitlist"].includes(r.status));
    return new Date(r.start.utc) <= this.now() && !recorded && r.status !== "cancelled" && r.status !== "entered-in-error";
  }

  private sessionViews(): SessionView[] {
    const names: { [K in SessionKind]: string } = { group: "Group", individual: "Individual", family: "Family", psychoeducation: "Education", medicationManagement: "Medication", aftercareCheckIn: "Aftercare check-in", other: "Other" };
    return this.sessions()
      .map(({ s, r }) => ({
        id: s.id,
        session: r,
        heading: r.title ?? `${names[r.kind]} session`,
        kindName: names[r.kind],
        statusLine: this.statusLine(r),
        countedMinutes: this.counted(r).minutes,
        selfReported: this.counted(r).own,
        canSelfReport: this.mayMark(r),
      }))
      .sort((a, b) => a.session.start.utc.localeCompare(b.session.start.utc));
  }

  private mark(a: { [k: string]: unknown }): StoredEntry {
    const s = this.records.get(String(a.id));
    if (!s || s.record.type !== "session") throw fail("not_found", "That entry no longer exists.");
    const r = s.record;
    if (r.origin.kind === "clinic" && (r.attendance !== null || !["proposed", "pending", "booked", "waitlist"].includes(r.status))) {
      throw fail("invalid", "mark: your clinic has recorded this session; its record counts");
    }
    if (!this.mayMark(r)) throw fail("invalid", "mark: a session can be marked once it has started");
    return this.put({ ...r, selfReport: (a.mark as Attendance | null) ?? null }, s.id);
  }

  /** As core::care::plan, for a patient without a clinic course. */
  private carePlan(): CarePlan | null {
    const program = this.singleton("program")?.record as Extract<Entry, { type: "program" }> | undefined;
    if (!program) return null;
    const hoursText = (m: number | null, level: LevelOfCare) =>
      level === "aftercare"
        ? "No weekly hours: check-ins at 30, 60 and 90 days instead"
        : m === null
          ? "Under 9 hours a week, the target your counselor set"
          : `${Number.isInteger(m / 60) ? m / 60 : (m / 60).toFixed(2).replace(/0+$/, "")} hours a week`;
    const names: { [L in LevelOfCare]: string } = {
      "partial-hospitalization": "Partial hospitalization (ASAM 2.5)",
      iop: "Intensive outpatient (ASAM 2.1)",
      "iop-adolescent": "Intensive outpatient, adolescent (ASAM 2.1)",
      outpatient: "Outpatient (ASAM 1)",
      aftercare: "Aftercare",
    };
    const defaults: { [L in LevelOfCare]: number | null } = { "partial-hospitalization": 1200, iop: 540, "iop-adolescent": 360, outpatient: null, aftercare: null };
    const { level, target } = this.care();
    const current = { level, name: names[level], weeklyTargetMinutes: target, targetText: hoursText(target, level), from: program.startDate };
    const lower = current.targetText.charAt(0).toLowerCase() + current.targetText.slice(1);
    return {
      setByClinic: false,
      current,
      history: [],
      choices: (Object.keys(names) as LevelOfCare[]).map((l) => ({ level: l, name: names[l], targetText: hoursText(defaults[l], l), customTarget: l === "outpatient" })),
      checkIns: this.sessions()
        .filter(({ r }) => r.kind === "aftercareCheckIn")
        .map(({ s, r }) => ({ id: s.id, start: r.start, statusLine: this.statusLine(r) }))
        .sort((a, b) => a.start.utc.localeCompare(b.start.utc)),
      sentence: `You set this: ${current.name}, ${lower}.`,
    };
  }

  private insights(): Insights {
    const byDay = new Map<string, number[]>();
    const triggers = new Map<string, { trigger: Trigger; count: number }>();
    for (const s of this.sorted(["craving"])) {
      const r = s.record as Extract<Entry, { type: "craving" }>;
      const d = r.occurredAt.utc.slice(0, 10);
      byDay.set(d, [...(byDay.get(d) ?? []), r.intensity]);
      for (const t of r.triggers) {
        const key = JSON.stringify(t).toLowerCase();
        const e = triggers.get(key) ?? { trigger: t, count: 0 };
        e.count++;
        triggers.set(key, e);
      }
    }
    const urges = this.sorted(["urge"]).map((s) => s.record as Extract<Entry, { type: "urge" }>);
    const weeks = new Map<string, number>();
    for (const { r } of this.sessions()) {
      if (new Date(r.start.utc) > this.now()) continue;
      const w = this.weekStart(new Date(r.start.utc)).toISOString().slice(0, 10);
      const h = this.counted(r).minutes / 60;
      weeks.set(w, (weeks.get(w) ?? 0) + h);
    }
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    const top = [...triggers.values()].sort((a, b) => b.count - a.count).slice(0, 6);
    const rode = urges.filter((u) => u.outcome === "rodeItOut").length;
    const weekList = [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([weekStart, hours]) => ({ weekStart, hours }));
    return {
      cravingsByDay: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, xs]) => ({ date, count: xs.length, meanIntensity: mean(xs) })),
      cravingsByWeek: [],
      cravingsSummary: "Your cravings were lower this week than last.",
      topTriggers: top,
      triggersSummary: top.length ? `Your most frequent trigger is ${top[0]!.trigger.kind === "halt" ? "feeling " + top[0]!.trigger.need : "this one"} (${top[0]!.count} times).` : "No triggers noted yet.",
      halt: this.haltPattern(7),
      urges: {
        surfed: urges.length,
        rodeItOut: rode,
        actedOnUrge: urges.filter((u) => u.outcome === "actedOnUrge").length,
        meanDrop: mean(urges.map((u) => u.intensityPeak - u.intensityEnd)),
      },
      urgesSummary: urges.length ? `You have surfed ${urges.length} urges; ${rode} passed without acting on them.` : "No urge surfing yet.",
      attendanceByWeek: weekList,
      attendanceSummary: `You met the 9-hour goal in ${weekList.filter((w) => w.hours >= 9).length} of ${weekList.length} weeks.`,
    };
  }

  /**
   * An approximation of the core's zxcvbn verdict (core/src/passphrase.rs) for browser tests only:
   * the real app asks the core over IPC. This double has no zxcvbn dictionaries, so it scores by
   * unrelated words, common passwords, the app's own words, repeats and runs; its sentences are the
   * core's. Issue 12 replaces this double with the real core.
   */
  private assess(p: string): Strength {
    const text = p.normalize("NFKC");
    const chars = [...text].length;
    const lower = text.toLowerCase();
    const guessable = ["password", "passphrase", "123456", "qwerty", "letmein", "iloveyou", "welcome", "tideline", "recovery", "sober", "sobriety", "clean", "craving", "relapse", "journal"];
    const words = lower.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !guessable.includes(w));
    const distinct = new Set(words).size;
    let warning: string | null = null;
    let score = distinct >= 4 ? 4 : distinct === 3 ? 4 : distinct === 2 ? 3 : chars >= 16 && /[^a-z]/.test(lower) ? 3 : 2;
    if (/^(.)\1+$/u.test(text)) { score = 0; warning = "Repeated letters, like aaa, are easy to guess."; }
    else if ("abcdefghijklmnopqrstuvwxyz0123456789".includes(lower) || "9876543210".includes(lower)) { score = 0; warning = "Runs like abc or 6543 are easy to guess."; }
    else if (guessable.some((g) => lower.replace(/[^a-z]/g, "").startsWith(g)) && distinct < 2) { score = 1; warning = "This is a very common password, which is guessed first."; }
    else if (distinct === 1 && chars < 16) warning = "One word on its own is easy to guess.";
    const longEnough = chars >= 10 && chars <= 1024;
    if (chars > 0 && chars < 10) warning = "Use at least 10 characters.";
    const suggestions = score < 3 ? ["Add another word or two. Unusual words are better."] : [];
    return { score: longEnough ? score : 0, bits: Math.round(score * 8.3), acceptable: longEnough && score >= 3, warning, suggestions };
  }

  /** As chooser.rs Chosen::take: single use, same purpose, 10 minutes; anything else refused alike. */
  private takeChosen(token: unknown, purpose: string): string {
    const entry = this.chosen.get(String(token ?? ""));
    this.chosen.delete(String(token ?? ""));
    if (!entry || entry.purpose !== purpose || this.now().getTime() - entry.at >= 10 * 60_000) {
      throw fail("invalid", "file: choose the file again with the app's own dialog");
    }
    return entry.path;
  }

  /** As core passphrase::check_acceptable. */
  private checkPassphrase(p: string) {
    if ([...p.normalize("NFKC")].length < 10) throw fail("invalid", "passphrase: use at least 10 characters");
    if (!this.assess(p).acceptable) throw fail("invalid", "passphrase: this passphrase is too easy to guess; add more unrelated words");
  }

  private syncStatus(): SyncStatus {
    const parked = this.outbox.filter((e) => e.parked).map((e) => ({ session: e.session, response: e.response, reason: e.parked!, message: PARK_MESSAGES[e.parked!] }));
    return {
      connected: this.link !== null,
      clinicName: this.link?.clinicName ?? null,
      deviceRefused: this.link?.refused ?? false,
      reconnectNeeded: this.link?.restored ?? false,
      lastSynced: this.link?.lastSynced ?? null,
      pending: this.outbox.filter((e) => !e.parked).length,
      parked: parked.sort((a, b) => a.session.localeCompare(b.session)),
      nextAttempt: null,
    };
  }

  /** Test hook: someone enrolls another device for the patient; the next sync lists it. */
  enrollAnotherDevice() {
    const id = String(this.pendingDevices.length + 1);
    this.pendingDevices.push({ id, enrolledAt: this.now().toISOString(), revokedAt: null });
  }

  /** As core sync::devices::list; the warning is a fixture (the real sentence comes from the core). */
  private deviceList() {
    const devices = this.link
      ? this.clinicDevices.map((d) => {
          const thisDevice = d.id === "1";
          return { ...d, thisDevice, unacknowledged: !thisDevice && d.revokedAt === null && !this.acknowledgedDevices.has(d.id) };
        })
      : [];
    const warning = devices.some((d) => d.unacknowledged) ? "Mock: a new device was connected to your clinic account." : null;
    return { devices, warning, readAt: this.link?.lastSynced ?? null };
  }

  /** Test hook: the clinic revokes this device. */
  refuseDevice() {
    if (this.link) this.link.refused = true;
  }

  private connect(a: { [k: string]: unknown }): SyncStatus {
    const server = String(a.server ?? "").trim();
    const ok = /^https:\/\/[a-z0-9.-]+(:\d+)?\/?$/i.test(server) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\/?$/i.test(server);
    if (/^http:\/\//i.test(server) && !ok) throw fail("invalid", "server: must start with https:// so the connection is encrypted");
    if (!ok) throw fail("invalid", "server: must be the clinic's address, such as https://clinic.example");
    if (this.link && !this.link.refused && !this.link.restored) throw fail("invalid", "server: this device is already connected to a clinic; disconnect first");
    const code = String(a.code ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
    if (!code) throw fail("invalid", "code: type the code the clinic gave you");
    if (this.offline || server.includes("unreachable")) throw fail("offline", "the clinic could not be reached; your answers are saved and will be sent later");
    if (this.codeFailures >= 5) throw fail("locked_out", "too many attempts; try again in 60 seconds");
    if (code !== MOCK_CLINIC_CODE.replace("-", "")) {
      this.codeFailures++;
      throw fail("invalid", "code: that code did not work; check it, or ask the clinic for a new one (codes last 15 minutes)");
    }
    this.codeFailures = 0;
    this.link = { clinicName: "Riverside Clinic", lastSynced: null, refused: false };
    this.scheduleSent = false;
    this.pendingDevices = [{ id: "1", enrolledAt: this.now().toISOString(), revokedAt: null }];
    this.clinicDevices = [];
    this.acknowledgedDevices.clear();
    return this.syncStatus();
  }

  private sync(): SyncReport {
    if (!this.link) throw fail("clinic", "this device is not connected to a clinic");
    if (this.link.refused || this.link.restored) throw fail("device_refused", "the clinic no longer accepts this device; ask the clinic for a new code to connect again");
    if (this.offline) throw fail("offline", "the clinic could not be reached; your answers are saved and will be sent later");
    const report: SyncReport = { sessionsChanged: 0, sessionsSkipped: 0, answersSent: 0, answersParked: 0, careChanged: false };
    for (const e of [...this.outbox]) {
      if (e.parked) continue;
      if (this.parkNext) {
        e.parked = this.parkNext;
        this.parkNext = null;
        report.answersParked++;
      } else {
        this.outbox.splice(this.outbox.indexOf(e), 1);
        report.answersSent++;
      }
    }
    // The first sync brings one session the clinic booked that the device had not seen.
    if (!this.scheduleSent) {
      const start = new Date(this.now().getTime() + 2 * 86_400_000);
      start.setHours(10, 0, 0, 0);
      this.put({
        type: "session",
        title: "Individual session with your counselor",
        start: this.stamp(start),
        end: this.stamp(new Date(start.getTime() + 3_600_000)),
        kind: "individual",
        venue: { kind: "inPerson", place: "Riverside Clinic, room 5" },
        status: "booked",
        response: "needs-action",
        origin: { kind: "clinic", clinicId: "appt-counselor-1" },
        cancelReason: null,
        attendance: null,
        selfReport: null,
      });
      this.scheduleSent = true;
      report.sessionsChanged++;
    }
    this.link.lastSynced = this.now().toISOString();
    this.clinicDevices = this.pendingDevices.map((d) => ({ ...d }));
    return report;
  }

  private respond(a: { [k: string]: unknown }) {
    const stored = this.records.get(String(a.id));
    if (!stored) throw fail("not_found", "That entry no longer exists.");
    if (stored.record.type !== "session") throw fail("invalid", "session: is not a session");
    const response = a.response as ParticipantResponse;
    if (!["accepted", "tentative", "declined"].includes(response)) throw fail("invalid", "response: must be accepted, tentative or declined");
    const session = { ...stored.record, response };
    if (session.origin.kind === "clinic") {
      this.outbox = this.outbox.filter((e) => e.session !== stored.id);
      this.outbox.push({ session: stored.id, appointment: session.origin.clinicId, response, parked: null });
    }
    return this.put(session, stored.id);
  }

  private requireLink() {
    if (!this.link) throw fail("clinic", "this device is not connected to a clinic");
    if (this.link.refused || this.link.restored) throw fail("device_refused", "the clinic no longer accepts this device; ask the clinic for a new code to connect again");
    return this.link;
  }

  /** As core::share::describe: the readable lines that are sent. */
  private describe(s: StoredEntry): SharedEntry | null {
    const r = s.record;
    const when = (st: Stamp) => new Date(st.utc).toUTCString().slice(0, 22);
    switch (r.type) {
      case "craving":
        return { entry: s.id, kind: "craving", occurredAt: r.occurredAt, title: `Craving record, ${when(r.occurredAt)}`, lines: [`Intensity: ${r.intensity} of 10`, ...(r.situation ? [`Situation: ${r.situation}`] : []), ...(r.coping ? [`Coping: ${r.coping}`] : []), `Outcome: ${r.outcome === "used" ? "Used" : r.outcome === "didNotUse" ? "Did not use" : "Not recorded yet"}`] };
      case "halt":
        return { entry: s.id, kind: "halt", occurredAt: r.takenAt, title: `HALT check, ${when(r.takenAt)}`, lines: [`Hungry: ${r.hungry} of 3`, `Angry: ${r.angry} of 3`, `Lonely: ${r.lonely} of 3`, `Tired: ${r.tired} of 3`] };
      case "urge":
        return { entry: s.id, kind: "urge", occurredAt: r.startedAt, title: `Urge surfing, ${when(r.startedAt)}`, lines: [`Intensity at the start: ${r.intensityStart} of 10`, `At the peak: ${r.intensityPeak} of 10`, `At the end: ${r.intensityEnd} of 10`] };
      default:
        return null;
    }
  }

  private preview(a: { [k: string]: unknown }): SharePreview {
    const link = this.requireLink();
    const sel = a.selection as ShareSelection;
    const terms = a.terms as ConsentTerms;
    let chosen: SharedEntry[];
    if (sel.entries.length) {
      chosen = sel.entries.map((id) => {
        const s = this.records.get(id);
        if (!s) throw fail("not_found", "that entry no longer exists");
        const d = this.describe(s);
        if (!d) throw fail("invalid", "entries: only craving records, HALT checks and urge-surfing sessions can be shared");
        return d;
      });
    } else {
      const kinds = sel.kinds.length ? sel.kinds : ["craving", "halt", "urge"];
      chosen = this.sorted(kinds as EntryKind[])
        .filter((s) => {
          const w = this.when(s.record)!;
          return (!sel.from || w >= sel.from) && (!sel.to || w < sel.to);
        })
        .map((s) => this.describe(s)!)
        .filter(Boolean);
    }
    if (!chosen.length) throw fail("invalid", "entries: choose at least one entry to share");
    if (chosen.length > 200) throw fail("invalid", "entries: share at most 200 entries at a time");
    chosen.sort((x, y) => x.occurredAt.utc.localeCompare(y.occurredAt.utc));
    const end = new Date(`${terms.expiresOn}T23:59:59`);
    if (!(end > this.now())) throw fail("invalid", "expiresOn: must be today or later");
    if (end.getTime() - this.now().getTime() > 366 * 86_400_000) throw fail("invalid", "expiresOn: a consent can last at most a year");
    const c = link.clinicName;
    return {
      entries: chosen,
      clinicName: c,
      expiresAt: end.toISOString(),
      consentText: [
        `Patient: me, the person this device is connected for at ${c} (Patient/mock).`,
        `I allow ${c}, the program treating me, to disclose these entries from my Tideline journal:`,
        ...chosen.map((e) => `- ${e.title}`),
        `To: my care team at ${c} (the counselors and therapists assigned to me).`,
        "Purpose: to help with my treatment.",
        `This consent ends at the end of ${terms.expiresOn}, unless I revoke it sooner.`,
        `I may revoke it at any time: in Tideline, under Sharing, choose Revoke, or tell ${c} in writing. Revoking stops all further access; it cannot undo what was already viewed.`,
        "My treatment does not depend on signing this consent.",
        `Signed electronically on this device by me, the patient, on ${this.now().toISOString().slice(0, 16)}.`,
        "42 CFR part 2 prohibits unauthorized use or disclosure of these records.",
      ],
    };
  }

  private shareSend(a: { [k: string]: unknown }): ConsentSummary {
    const p = this.preview(a);
    // Step-up, as the share_send command: the passphrase again, through the lockout's counter.
    this.checkLockout();
    if (a.passphrase !== this.passphrase) this.wrong("passphrase");
    this.failures = 0;
    const id = this.newId();
    const c: ConsentSummary = { id, state: "sending", clinicName: p.clinicName, signedAt: this.now().toISOString(), expiresAt: p.expiresAt, consentText: p.consentText, entries: p.entries, clinicConsentId: null };
    this.consents.set(id, c);
    return this.deliver(id);
  }

  private deliver(id: string): ConsentSummary {
    const c = this.consents.get(id);
    if (!c) throw fail("not_found", "that entry no longer exists");
    if (c.state !== "sending") return c;
    if (this.offline) throw fail("offline", "the clinic could not be reached; your answers are saved and will be sent later");
    c.state = "active";
    c.clinicConsentId = `consent-${id.slice(-4)}`;
    return c;
  }

  private consentList(): ConsentSummary[] {
    const now = this.now().toISOString();
    return [...this.consents.values()]
      .map((c) => (c.state === "active" && c.expiresAt < now ? { ...c, state: "expired" as const } : c))
      .sort((a, b) => b.signedAt.localeCompare(a.signedAt));
  }

  /** As the clinic's audit log: one view by the counselor of every entry of an active consent. */
  private accounting(id: string): Disclosure[] {
    const c = this.consents.get(id);
    if (!c) throw fail("not_found", "that entry no longer exists");
    if (!c.clinicConsentId) return [];
    if (this.offline) throw fail("offline", "the clinic could not be reached; your answers are saved and will be sent later");
    return [{ who: "Dana Ortiz, LCSW", viewedAt: this.now().toISOString(), entriesViewed: c.entries.length }];
  }

  /** Test hook: the URI schemes this "device" can open; a desktop usually has a browser only. */
  handlers = new Set<string>(["https"]);
  /** Addresses the platform's opener received (for tests). */
  opened: string[] = [];

  private crisisOpen(target: CrisisTarget): CrisisOpened {
    let uri: string;
    let number: string;
    if (target.kind === "contact") {
      this.requireUnlocked();
      const r = this.records.get(target.id)?.record;
      if (!r || r.type !== "contact") throw fail("not_found", "That entry no longer exists.");
      if (!r.phone) throw fail("invalid", "phone: this contact has no phone number");
      if (target.text && !r.canText) throw fail("invalid", "phone: this contact did not say texting is welcome");
      uri = `${target.text ? "sms" : "tel"}:${r.phone.replace(/(?!^\+)[^0-9]/g, "")}`;
      number = r.phone;
    } else {
      uri = crisis.address[target.kind];
      number = crisis.noHandler[target.kind].number;
    }
    const scheme = uri.slice(0, uri.indexOf(":"));
    if (!this.handlers.has(scheme)) {
      const like = scheme === "sms" ? crisis.noHandler.text988 : scheme === "tel" ? crisis.noHandler.call988 : crisis.noHandler.chat988;
      return { outcome: "noHandler", sentence: like.sentence, number };
    }
    this.opened.push(uri);
    return { outcome: "opened" };
  }

  /** As core at unlock: entries from the lock screen join the journal, the inbox is emptied. */
  private absorbInbox() {
    for (const entry of this.inbox) this.put({ type: "craving", ...entry });
    this.inbox = [];
  }

  /** Whether a hold keeps the vault open now (the shell's idle timer does not lock then). */
  held(): boolean {
    return this.unlocked && this.now().getTime() < this.holdUntil;
  }

  /** Handles one IPC call the way the Rust shell would. Throws `{ code, message }` on failure. */
  handle(cmd: string, a: { [k: string]: unknown } = {}): unknown {
    switch (cmd) {
      case "vault_status": {
        const wait = Math.ceil((this.lockedUntil - this.now().getTime()) / 1000);
        return {
          state: this.passphrase === null ? "absent" : this.unlocked ? "unlocked" : "locked",
          retryAfterSecs: wait > 0 ? wait : null,
        };
      }
      case "passphrase_assess":
        return this.assess(String(a.passphrase ?? ""));
      case "locked_capture": {
        if (this.passphrase === null) throw fail("no_vault", "There is no vault here yet.");
        const entry = a.entry as CravingEntry;
        if (entry.intensity < 0 || entry.intensity > 10) throw fail("invalid", "intensity: must be between 0 and 10");
        this.inbox.push(entry);
        return null;
      }
      case "crisis_lines":
        return crisis.directory;
      case "reminder_examples":
        return notificationExamples;
      case "crisis_after_use":
        return crisis.afterUse;
      case "crisis_open":
        return this.crisisOpen(a.target as CrisisTarget);
      case "vault_create": {
        if (this.passphrase !== null) throw fail("vault_exists", "A vault already exists here.");
        const p = String(a.passphrase ?? "");
        this.checkPassphrase(p);
        this.passphrase = p;
        this.recoveryKey = "TIDE-4F7Q-M2KD-9XWB-C8RT-6HJN-P3LV";
        this.put({ type: "program", startDate: String(a.programStart), zone: String(a.zone), level: "iop", weeklyTargetMinutes: null });
        this.unlocked = true;
        this.lastActivity = this.now().getTime();
        return { recoveryKey: this.recoveryKey };
      }
      case "vault_unlock": {
        if (this.passphrase === null) throw fail("no_vault", "There is no vault here yet.");
        this.checkLockout();
        if (a.passphrase !== this.passphrase) this.wrong("passphrase");
        this.failures = 0;
        this.unlocked = true;
        this.lastActivity = this.now().getTime();
        this.absorbInbox();
        return { records: this.records.size, damaged: [] };
      }
      case "quick_unlock_status":
        if (!this.phone) throw new Error("command quick_unlock_status not found");
        return { available: true, on: this.quickOn && this.passphrase !== null };
      case "quick_unlock_enable":
        if (!this.phone) throw new Error("command quick_unlock_enable not found");
        this.requireUnlocked();
        this.checkLockout();
        if (a.passphrase !== this.passphrase) this.wrong("passphrase");
        this.quickOn = true;
        return null;
      case "quick_unlock_disable":
        if (!this.phone) throw new Error("command quick_unlock_disable not found");
        this.requireUnlocked();
        this.quickOn = false;
        return null;
      case "quick_unlock": {
        if (!this.phone) throw new Error("command quick_unlock not found");
        if (this.passphrase === null) throw fail("no_vault", "There is no vault here yet.");
        if (!this.quickOn) throw fail("wrong_secret", "quick unlock is off on this device; unlock with your passphrase");
        this.checkLockout();
        this.unlocked = true;
        this.lastActivity = this.now().getTime();
        this.absorbInbox();
        return { records: this.records.size, damaged: [] };
      }
      case "vault_recover": {
        if (this.passphrase === null) throw fail("no_vault", "There is no vault here yet.");
        this.checkLockout();
        const norm = (s: unknown) => String(s ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
        if (norm(a.recoveryKey) !== norm(this.recoveryKey)) this.wrong("recovery key");
        this.checkPassphrase(String(a.newPassphrase ?? ""));
        this.failures = 0;
        this.passphrase = String(a.newPassphrase);
        this.unlocked = true;
        this.lastActivity = this.now().getTime();
        this.absorbInbox();
        return { records: this.records.size, damaged: [] };
      }
      case "vault_lock":
        this.unlocked = false;
        return null;
    }
    this.requireUnlocked();
    switch (cmd) {
      case "vault_touch":
        this.lastActivity = this.now().getTime();
        return null;
      case "vault_hold": {
        // As core: at most 30 minutes, and never past 30 minutes after the patient's last activity.
        const now = this.now().getTime();
        const max = 30 * 60_000;
        const until = Math.min(now + Math.min(Number(a.minutes ?? 0), 30) * 60_000, this.lastActivity + max);
        if (until <= now) return null;
        this.holdUntil = until;
        return new Date(until).toISOString();
      }
      case "vault_release":
        this.holdUntil = 0;
        return null;
      case "draft_keep": {
        // As core: sealed in the vault (here: memory only), one per vault, at most 64 KiB.
        const d = a.draft as Draft;
        if (d.body.length > 64 * 1024) throw fail("invalid", "body: this draft is too long to keep");
        this.draft = d;
        return null;
      }
      case "draft_take": {
        const d = this.draft;
        this.draft = null;
        return d;
      }
      case "draft_discard":
        this.draft = null;
        return null;
      case "record_save": {
        const id = a.id as string | undefined;
        if (id && !this.records.has(id)) throw fail("not_found", "That entry no longer exists.");
        const record = a.record as Entry;
        if (record.type === "craving" && (record.intensity < 0 || record.intensity > 10)) {
          throw fail("invalid", "intensity: must be between 0 and 10");
        }
        if (record.type === "urge") {
          // As core validates: readings in strictly increasing time, none after the session ended.
          const secs = (new Date(record.endedAt.utc).getTime() - new Date(record.startedAt.utc).getTime()) / 1000;
          const offs = record.samples.map((x) => x.offsetSeconds);
          if (offs.some((o, i) => i > 0 && o <= offs[i - 1]!)) throw fail("invalid", "samples: must be in time order");
          if (offs.some((o) => o > secs)) throw fail("invalid", "samples: must not lie after the end");
        }
        if (record.type === "program") {
          // As core's ProgramSettings::validate (wire's LevelOfCare::validate_target).
          const m = record.weeklyTargetMinutes;
          const min: { [L in LevelOfCare]: number } = { iop: 540, "iop-adolescent": 360, "partial-hospitalization": 1200, outpatient: 1, aftercare: 0 };
          const bad =
            record.level === "aftercare" ? m !== null : record.level === "outpatient" ? m === null || m < 1 || m >= 540 : m !== null && m < min[record.level];
          if (bad) throw fail("invalid", "weeklyTargetMinutes: the weekly target does not fit this level of care");
        }
        const single = ["plan", "program", "settings"].includes(record.type) ? this.singleton(record.type) : undefined;
        return this.put(record, id ?? single?.id);
      }
      case "record_delete": {
        if (!this.records.delete(String(a.id))) throw fail("not_found", "That entry no longer exists.");
        return null;
      }
      case "records_query": {
        const q = a.query as EntryQuery;
        const text = q.text?.toLowerCase() ?? null;
        let out = this.sorted(q.kinds).filter((s) => {
          const w = this.when(s.record);
          if (q.from && w && w < q.from) return false;
          if (q.to && w && w > q.to) return false;
          if (text && !JSON.stringify(s.record).toLowerCase().includes(text)) return false;
          return true;
        });
        if (q.limit) out = out.slice(0, q.limit);
        return out;
      }
      case "journal_page":
        return this.journalPage(a.query as CravingQuery);
      case "home_summary":
        return this.home();
      case "insights":
        return this.insights();
      case "halt_pattern":
        return this.haltPattern(Number(a.lastN ?? 7));
      case "halt_suggestions":
        // A fixture in the core's shape; the real wording comes from core::halt.
        return (["hungry", "angry", "lonely", "tired"] as const).map((need) => ({ need, title: MOCK_HALT_TITLE[need], text: `Mock suggestion for feeling ${need}.` }));
      case "passphrase_change":
        this.checkPassphrase(String(a.next ?? ""));
        if (a.current !== this.passphrase) throw fail("wrong_secret", "That passphrase did not unlock the vault.");
        this.passphrase = String(a.next);
        return null;
      case "vault_rotate_key":
        this.requireUnlocked();
        this.checkLockout();
        if (a.current !== this.passphrase) this.wrong("passphrase");
        this.checkPassphrase(String(a.next ?? ""));
        this.quickOn = false;
        this.passphrase = String(a.next);
        this.recoveryKey = "TIDE-R4KX-9MWT-2HCB-7QZN-5FDV-3JPL";
        return { recoveryKey: this.recoveryKey };
      case "recovery_key_rotate":
        if (a.passphrase !== this.passphrase) throw fail("wrong_secret", "That passphrase did not unlock the vault.");
        this.recoveryKey = "TIDE-N8WC-2RXQ-K5TM-7DPF-H3JB-9VLZ";
        return { recoveryKey: this.recoveryKey };
      case "pick_path": {
        const ext: { [p: string]: string } = { backupExport: "tideline", backupRestore: "tideline", exportJson: "json", reportPdf: "pdf" };
        if (!(String(a.purpose) in ext)) throw "invalid args `purpose` for command `pick_path`";
        // As src-tauri chooser.rs: an opaque one-time token bound to the purpose, never the path.
        const token = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
        this.chosen.set(token, { path: `/home/patient/tideline-${String(a.purpose)}.${ext[String(a.purpose)]}`, purpose: String(a.purpose), at: this.now().getTime() });
        return token;
      }
      case "session_respond":
        return this.respond(a);
      case "sessions_list":
        return this.sessionViews();
      case "session_mark":
        return this.mark(a);
      case "care_plan":
        return this.carePlan();
      case "sync_status":
        return this.syncStatus();
      case "clinic_devices":
        return this.deviceList();
      case "clinic_devices_acknowledge":
        if (!this.link) throw fail("clinic", "this device is not connected to a clinic");
        for (const d of this.clinicDevices) this.acknowledgedDevices.add(d.id);
        return this.deviceList();
      case "sync_connect":
        return this.connect(a);
      case "sync_now":
        return this.sync();
      case "sync_dismiss_parked": {
        const before = this.outbox.length;
        this.outbox = this.outbox.filter((e) => !(e.session === a.session && e.parked));
        if (this.outbox.length === before) throw fail("not_found", "that entry no longer exists");
        return this.syncStatus();
      }
      case "share_preview":
        return this.preview(a);
      case "share_send":
        return this.shareSend(a);
      case "share_resend":
        this.requireLink();
        return this.deliver(String(a.id));
      case "report_pdf": {
        // As core::report::write: the same selection rules as a share, no clinic needed.
        const linked = this.link;
        this.link = { clinicName: "", lastSynced: null, refused: false };
        try {
          this.preview({ selection: a.selection, terms: { expiresOn: new Date(this.now().getTime() + 86_400_000).toISOString().slice(0, 10), purpose: "treatment" } });
        } finally {
          this.link = linked;
        }
        this.reports.push(this.takeChosen(a.token, "reportPdf"));
        return null;
      }
      case "share_consents":
        return this.consentList();
      case "share_revoke": {
        const c = this.consents.get(String(a.id));
        if (!c) throw fail("not_found", "that entry no longer exists");
        if (c.clinicConsentId && this.offline) throw fail("offline", "the clinic could not be reached; your answers are saved and will be sent later");
        c.state = "revoked";
        return c;
      }
      case "share_accounting":
        return this.accounting(String(a.id));
      case "sync_disconnect":
        this.link = null;
        return this.syncStatus();
      case "backup_export":
        this.takeChosen(a.token, "backupExport");
        return null;
      case "export_json":
        this.takeChosen(a.token, "exportJson");
        // Step-up, as core export_plain_json: the passphrase again, through the lockout's counter.
        this.checkLockout();
        if (a.passphrase !== this.passphrase) this.wrong("passphrase");
        this.failures = 0;
        return null;
      case "backup_restore":
        this.takeChosen(a.token, "backupRestore");
        // As core backup.rs: a backup never carries the device's clinic key.
        if (this.link) this.link.restored = true;
        if (!a.overwrite) throw fail("vault_exists", "A vault already exists here; choose explicitly to replace it.");
        // Step-up, as the backup_restore command: the current vault's passphrase, on the lockout's counter.
        if (!a.currentPassphrase) throw fail("invalid", "currentPassphrase: enter your current passphrase to replace what is on this device");
        this.checkLockout();
        if (a.currentPassphrase !== this.passphrase) this.wrong("passphrase");
        this.failures = 0;
        return { records: this.records.size, damaged: [] };
      case "vault_wipe":
        if (a.passphrase !== this.passphrase) throw fail("wrong_secret", "That passphrase did not unlock the vault.");
        this.records.clear();
        this.draft = null;
        this.link = null;
        this.outbox = [];
        this.consents.clear();
        this.passphrase = null;
        this.unlocked = false;
        return null;
    }
    throw `command ${cmd} not found`;
  }
}
