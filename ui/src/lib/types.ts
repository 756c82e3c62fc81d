// The one place the UI takes its data types from. Generated types (ts-rs, ./generated/) win; the
// remaining stand-ins come from pending-types.ts until the Rust side generates them.
export type * from "./pending-types";
