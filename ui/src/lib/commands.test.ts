// The TypeScript side of the one command table: every command the Rust table lists (ui/src/lib/
// commands.ts is generated from src-tauri/src/table.rs) has its function in backend.ts, and
// backend.ts calls nothing else (svelte-check types each `call` by the same contract).
import { describe, expect, it } from "vitest";
import source from "./backend.ts?raw";
import { COMMAND_NAMES } from "./commands";

const called = new Set([...source.matchAll(/\b(?:call|invoke)(?:<[^>]*>)?\(\s*"([a-z_]+)"/g)].map((m) => m[1]));

describe("backend.ts and the command table", () => {
  it("has a function for every command in the table", () => {
    expect(COMMAND_NAMES.filter((name) => !called.has(name))).toEqual([]);
  });
  it("calls no command the table does not list", () => {
    expect([...called].filter((name) => !(COMMAND_NAMES as readonly string[]).includes(name!))).toEqual([]);
  });
});
