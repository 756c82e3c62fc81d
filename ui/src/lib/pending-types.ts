// Stand-ins for types the Rust side has not generated yet (ts-rs writes them into ./generated/).
// Each one mirrors docs/ipc.md. Replace an entry here with the generated import as soon as that file
// exists: the UI must end up importing only generated types (see ./types.ts).
import type { ClinicSession as GeneratedClinicSession } from "./generated/ClinicSession";
import type { CravingEntry } from "./generated/CravingEntry";
import type { HaltCheck } from "./generated/HaltCheck";
import type { HaltPattern } from "./generated/HaltPattern";
import type { ProgramSettings } from "./generated/ProgramSettings";
import type { Progress } from "./generated/Progress";
import type { RecordId } from "./generated/RecordId";
import type { RelapsePlan } from "./generated/RelapsePlan";
import type { SessionKind } from "./generated/SessionKind";
import type { Settings } from "./generated/Settings";
import type { Stamp } from "./generated/Stamp";
import type { SupportContact } from "./generated/SupportContact";
import type { UrgeSurfSession } from "./generated/UrgeSurfSession";

/** core/src/error.rs `ErrorCode` (serde snake_case). */
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

/** docs/ipc.md `vault_status`. */
export type VaultStatus = { state: "absent" | "locked" | "unlocked"; retryAfterSecs: number | null };

/** docs/ipc.md `vault_create` and `recovery_key_rotate` results. */
export type Created = { recoveryKey: string };

/**
 * The generated ClinicSession has a field `kind`, which collides with the `kind` tag of the
 * internally tagged `Record` enum (serde would write "kind" twice, and the TypeScript intersection
 * `{ kind: "session" } & ClinicSession` is `never`). Until core renames the field, the UI uses
 * `sessionKind` (the proposed `#[serde(rename = "sessionKind")]`).
 */
export type ClinicSession = Omit<GeneratedClinicSession, "kind"> & { sessionKind: SessionKind };

/** The generated Record, with the session member fixed as above. */
export type Record =
  | ({ kind: "craving" } & CravingEntry)
  | ({ kind: "halt" } & HaltCheck)
  | ({ kind: "urge" } & UrgeSurfSession)
  | ({ kind: "session" } & ClinicSession)
  | ({ kind: "contact" } & SupportContact)
  | ({ kind: "plan" } & RelapsePlan)
  | ({ kind: "program" } & ProgramSettings)
  | ({ kind: "settings" } & Settings);

/** The generated StoredRecord over the Record above. */
export type StoredRecord = { id: RecordId; created: Stamp; updated: Stamp; record: Record };

/** docs/ipc.md `home_summary`: progress (with the next session) and the latest journal entries. */
export type HomeSummary = { progress: Progress; recent: StoredRecord[] };

export type DayCravings = { date: string; count: number; averageIntensity: number; maxIntensity: number };
export type TriggerCount = { trigger: string; count: number };
export type UrgeOutcomes = { surfed: number; rodeItOut: number; actedOnUrge: number; notYetRecorded: number; averageDrop: number | null };
export type WeekAttendance = { weekStart: string; hours: number; attended: number; missed: number };

/** docs/ipc.md `insights`. */
export type Insights = {
  cravingsByDay: DayCravings[];
  topTriggers: TriggerCount[];
  halt: HaltPattern;
  urges: UrgeOutcomes;
  attendanceByWeek: WeekAttendance[];
};
