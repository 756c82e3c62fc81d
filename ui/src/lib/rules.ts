// Generated from tideline-core by `TIDELINE_BLESS=1 cargo test -p tideline --lib contract`; do not edit.
import type { ErrorCode, SurfStep, SurfVariant } from "./types";

/** A HALT need rated this or more is flagged (core: `HaltRating::FLAG_FROM`). */
export const HALT_FLAG_FROM = 2;

/** Every error code the core sends (core: `ErrorCode::ALL`). */
export const ERROR_CODES: readonly ErrorCode[] = ["invalid", "no_vault", "vault_exists", "wrong_secret", "locked_out", "locked", "damaged_file", "unsupported_version", "not_found", "disk_full", "storage", "offline", "device_refused", "clinic"];

/** Each urge-surfing variant's steps, in the order they are guided (core: `SurfVariant::steps`). */
export const URGE_STEPS: { readonly [V in SurfVariant]: readonly SurfStep[] } = {
  wave: ["noticeAndName", "observeBody", "breathe", "rideTheWave", "noticeItFall"],
  sober: ["stop", "observe", "breathe", "expandAwareness", "respondMindfully"],
};

/** The most bytes a kept draft's body may have (core: `app_state::MAX_BODY`). */
export const DRAFT_MAX_BODY = 65536;
