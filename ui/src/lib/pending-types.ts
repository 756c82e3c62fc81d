// Stand-ins for types the Rust side has not generated yet (ts-rs writes them into ./generated/).
// Each one mirrors docs/ipc.md and the domain model of issue 2. Replace an entry here with the
// generated import as soon as that file exists: the UI must end up importing only generated types.

/** An instant in UTC plus the IANA zone it was recorded in. */
export type Stamp = { utc: string; zone: string };

export type ErrorCode =
  | "invalid"
  | "no_vault"
  | "vault_exists"
  | "wrong_secret"
  | "locked_out"
  | "locked"
  | "damaged_file"
  | "unsupported_version"
  | "not_found"
  | "disk_full"
  | "storage";

export type VaultStatus = { state: "absent" | "locked" | "unlocked"; retryAfterSecs: number | null };
export type UnlockReport = { records: number; damaged: string[] };
export type Strength = { score: number; warning: string | null; suggestions: string[] };
export type Created = { recoveryKey: string };

export type HaltNeed = "hungry" | "angry" | "lonely" | "tired";

export type Triggers = {
  halt: HaltNeed[];
  people: string[];
  places: string[];
  emotions: string[];
  tags: string[];
};

export type CravingOutcome = "didNotUse" | "used";

export type CravingEntry = {
  occurredAt: Stamp;
  intensity: number;
  triggers: Triggers;
  situation: string | null;
  thoughtsAndFeelings: string | null;
  durationMinutes: number | null;
  coping: string | null;
  outcome: CravingOutcome | null;
  notes: string | null;
};

export type HaltCheck = {
  takenAt: Stamp;
  hungry: number;
  angry: number;
  lonely: number;
  tired: number;
  note: string | null;
};

export type UrgeVariant = "full" | "sober";
export type IntensitySample = { secondsIn: number; intensity: number; step: string | null };

export type UrgeSurfSession = {
  startedAt: Stamp;
  endedAt: Stamp;
  variant: UrgeVariant;
  startIntensity: number;
  peakIntensity: number;
  endIntensity: number;
  samples: IntensitySample[];
  stepsCompleted: string[];
  actedOnUrge: boolean | null;
  notes: string | null;
};

export type SessionKind = "group" | "individual" | "family" | "other";
export type AppointmentStatus =
  | "proposed"
  | "pending"
  | "booked"
  | "arrived"
  | "fulfilled"
  | "cancelled"
  | "noshow"
  | "entered-in-error"
  | "checked-in"
  | "waitlist";
export type ParticipantStatus = "accepted" | "declined" | "tentative" | "needs-action";
export type SessionOrigin = "clinic" | "patient";

export type ClinicSession = {
  start: Stamp;
  end: Stamp;
  /** Not `kind`: that name is the Record tag. */
  sessionKind: SessionKind;
  title: string | null;
  location: string | null;
  videoLink: string | null;
  status: AppointmentStatus;
  response: ParticipantStatus;
  origin: SessionOrigin;
};

export type SupportContact = {
  name: string;
  role: string | null;
  phone: string | null;
  canText: boolean;
  notes: string | null;
};

export type TriggerKind = "internal" | "external" | "halt";
export type PlanTrigger = { trigger: string; kind: TriggerKind; coping: string };

export type RelapsePlan = {
  triggers: PlanTrigger[];
  warningSigns: string[];
  placesToAvoid: string[];
  alternativeActivities: string[];
  meetings: string[];
  afterLapse: string | null;
};

export type ProgramSettings = { programStart: string; zone: string; weeklyGoalHours: number };

export type Theme = "system" | "light" | "dark";
export type NotificationStyle = "discreet" | "detailed";

export type Settings = {
  autoLockMinutes: number;
  reminderLeadMinutes: number[];
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  dailyCheckIn: string | null;
  notificationStyle: NotificationStyle;
  theme: Theme;
  trayIcon: boolean;
  startAtLogin: boolean;
};

export type Record =
  | ({ kind: "craving" } & CravingEntry)
  | ({ kind: "halt" } & HaltCheck)
  | ({ kind: "urge" } & UrgeSurfSession)
  | ({ kind: "session" } & ClinicSession)
  | ({ kind: "contact" } & SupportContact)
  | ({ kind: "plan" } & RelapsePlan)
  | ({ kind: "program" } & ProgramSettings)
  | ({ kind: "settings" } & Settings);

export type RecordKind = Record["kind"];

export type StoredRecord = { id: string; created: Stamp; updated: Stamp; record: Record };

export type Query = {
  kinds: RecordKind[];
  from: string | null;
  to: string | null;
  text: string | null;
  limit: number | null;
};

export type Progress = {
  programStart: string;
  dayOfProgram: number;
  hoursThisWeek: number;
  weeklyGoalHours: number;
  sessionsAttended: number;
  sessionsMissed: number;
  urgesSurfed: number;
};

export type HomeSummary = {
  progress: Progress;
  nextSession: StoredRecord | null;
  recent: StoredRecord[];
};

export type HaltPattern = {
  checks: number;
  hungry: number;
  angry: number;
  lonely: number;
  tired: number;
};

export type DayCravings = { date: string; count: number; averageIntensity: number; maxIntensity: number };
export type TriggerCount = { trigger: string; count: number };
export type UrgeOutcomes = { surfed: number; passed: number; actedOn: number; averageDrop: number | null };
export type WeekAttendance = { weekStart: string; hours: number; attended: number; missed: number };

export type Insights = {
  cravingsByDay: DayCravings[];
  topTriggers: TriggerCount[];
  halt: HaltPattern;
  urges: UrgeOutcomes;
  attendanceByWeek: WeekAttendance[];
};
