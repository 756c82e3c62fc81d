// Stand-ins for types the Rust side has not generated yet (ts-rs writes them into ./generated/).
// Each one mirrors docs/ipc.md. Replace an entry here with the generated import as soon as that file
// exists: the UI must end up importing only generated types (see ./types.ts).

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
  | "storage"
  | "offline"
  | "device_refused"
  | "clinic";

/** docs/ipc.md `vault_status`. */
export type VaultStatus = { state: "absent" | "locked" | "unlocked"; retryAfterSecs: number | null };

/** docs/ipc.md `vault_create` and `recovery_key_rotate` results. */
export type Created = { recoveryKey: string };
