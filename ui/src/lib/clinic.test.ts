import { describe, expect, it } from "vitest";
import { BackendError } from "./backend";
import { connectProblem, pendingSentence, reportSentence, serverAddress, syncProblem } from "./clinic";
import type { SyncStatus } from "./types";

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  connected: true,
  clinicName: "Riverside Clinic",
  deviceRefused: false,
  reconnectNeeded: false,
  lastSynced: null,
  pending: 0,
  parked: [],
  nextAttempt: null,
  ...over,
});

describe("the clinic address", () => {
  it("adds https:// when the patient typed only the host", () => {
    expect(serverAddress(" clinic.example ")).toBe("https://clinic.example");
    expect(serverAddress("clinic.example:8443")).toBe("https://clinic.example:8443");
  });
  it("leaves an address with a scheme alone, so plain http is still refused by the core", () => {
    expect(serverAddress("http://clinic.example")).toBe("http://clinic.example");
    expect(serverAddress("https://clinic.example")).toBe("https://clinic.example");
    expect(serverAddress("")).toBe("");
  });
});

describe("connect problems in the patient's words", () => {
  it("says what to do about a wrong code, without the field name", () => {
    const m = connectProblem(new BackendError("invalid", "that code did not work; check it, or ask the clinic for a new one (codes last 15 minutes)", { field: "code" }));
    expect(m).toBe("That code did not work; check it, or ask the clinic for a new one (codes last 15 minutes)");
  });
  it("points at the address when the server was refused", () => {
    expect(connectProblem(new BackendError("invalid", "must start with https:// so the connection is encrypted", { field: "server" }))).toBe(
      "Check the clinic's address: it must start with https:// so the connection is encrypted.",
    );
  });
  it("tells offline apart from a wrong code", () => {
    expect(connectProblem(new BackendError("offline", "x"))).toMatch(/could not be reached.*address and your internet/);
  });
  it("gives the wait after too many codes", () => {
    expect(connectProblem(new BackendError("locked_out", "words the UI does not read", { retryAfterSecs: 60 }))).toMatch(/try again in 60 seconds, or ask the clinic for a new code/);
  });
});

describe("sync sentences", () => {
  it("is calm when offline: nothing is lost", () => {
    expect(syncProblem(new BackendError("offline", "x"))).toMatch(/saved on this device and will be sent later/);
  });
  it("counts what a sync did, and says so when nothing changed", () => {
    expect(reportSentence({ sessionsChanged: 1, sessionsSkipped: 0, answersSent: 2, answersParked: 0, careChanged: false })).toBe("Synced: 1 session updated, 2 answers sent.");
    expect(reportSentence({ sessionsChanged: 0, sessionsSkipped: 0, answersSent: 0, answersParked: 0, careChanged: true })).toBe("Synced: your level of care updated.");
    expect(reportSentence({ sessionsChanged: 0, sessionsSkipped: 0, answersSent: 0, answersParked: 0, careChanged: false })).toBe("Synced. Everything is up to date.");
  });
  it("counts the answers still waiting", () => {
    expect(pendingSentence(status())).toBe("All your answers have been sent.");
    expect(pendingSentence(status({ pending: 1 }))).toBe("1 answer is waiting to be sent.");
    expect(pendingSentence(status({ pending: 3 }))).toBe("3 answers are waiting to be sent.");
  });
});
