// The one place the UI takes its data types from: the ts-rs output in ./generated/, plus the few
// stand-ins in ./pending-types.ts for what the Rust side has not generated yet.
export type { AppointmentStatus } from "./generated/AppointmentStatus";
export type { ContactRole } from "./generated/ContactRole";
export type { CravingEntry } from "./generated/CravingEntry";
export type { CravingOutcome } from "./generated/CravingOutcome";
export type { HaltCheck } from "./generated/HaltCheck";
export type { HaltNeed } from "./generated/HaltNeed";
export type { HaltPattern } from "./generated/HaltPattern";
export type { Meeting } from "./generated/Meeting";
export type { NotificationDetail } from "./generated/NotificationDetail";
export type { ParticipantResponse } from "./generated/ParticipantResponse";
export type { PartOfDay } from "./generated/PartOfDay";
export type { PlannedTrigger } from "./generated/PlannedTrigger";
export type { ProgramSettings } from "./generated/ProgramSettings";
export type { Progress } from "./generated/Progress";
export type { Query } from "./generated/Query";
export type { RecordId } from "./generated/RecordId";
export type { RecordKind } from "./generated/RecordKind";
export type { RelapsePlan } from "./generated/RelapsePlan";
export type { ReminderPrefs } from "./generated/ReminderPrefs";
export type { SessionKind } from "./generated/SessionKind";
export type { SessionOrigin } from "./generated/SessionOrigin";
export type { Settings } from "./generated/Settings";
export type { Stamp } from "./generated/Stamp";
export type { Strength } from "./generated/Strength";
export type { SupportContact } from "./generated/SupportContact";
export type { SurfStep } from "./generated/SurfStep";
export type { SurfVariant } from "./generated/SurfVariant";
export type { Theme } from "./generated/Theme";
export type { Trigger } from "./generated/Trigger";
export type { TriggerSource } from "./generated/TriggerSource";
export type { UnlockReport } from "./generated/UnlockReport";
export type { UpcomingSession } from "./generated/UpcomingSession";
export type { UrgeOutcome } from "./generated/UrgeOutcome";
export type { UrgeSample } from "./generated/UrgeSample";
export type { UrgeSurfSession } from "./generated/UrgeSurfSession";
export type { Venue } from "./generated/Venue";
export type {
  ClinicSession,
  Created,
  DayCravings,
  ErrorCode,
  HomeSummary,
  Insights,
  Record,
  StoredRecord,
  TriggerCount,
  UrgeOutcomes,
  VaultStatus,
  WeekAttendance,
} from "./pending-types";
