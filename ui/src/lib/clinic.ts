// Words and small rules for the Clinic screen: the address the patient types, what a failure
// means for them, and a sentence for where sync stands. Pure, so Vitest covers it.
import { BackendError } from "./backend";
import type { ParticipantResponse, SyncReport, SyncStatus } from "./types";

/** An address typed without a scheme ("clinic.example") gets https://, the only kind allowed off this computer. */
export function serverAddress(typed: string): string {
  const t = typed.trim();
  if (!t || /^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return t;
  return `https://${t}`;
}

/** The core's words as a sentence (capital letter, final stop). */
function sentence(message: string): string {
  const m = message.trim();
  return m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?)]$/.test(m) ? "" : ".");
}

/** What went wrong while connecting, in words for the patient. Decided on the error's code and fields. */
export function connectProblem(e: unknown): string {
  if (!(e instanceof BackendError)) return "Something went wrong. Please try again.";
  switch (e.code) {
    case "offline":
      return "The clinic could not be reached. Check the address and your internet connection, then try again.";
    case "locked_out": {
      const secs = e.retryAfterSecs;
      return `Too many tries with a code that did not work. You can try again${secs ? ` in ${secs} seconds` : " later"}, or ask the clinic for a new code.`;
    }
    case "invalid":
      if (e.field === "server") return `Check the clinic's address: it ${e.message.trim().replace(/\.?$/, ".")}`;
      return sentence(e.message);
    case "locked":
      return "Tideline locked itself. Unlock to continue.";
    default:
      return sentence(e.message);
  }
}

/** What went wrong during a sync. Offline is calm: nothing is lost. */
export function syncProblem(e: unknown): string {
  if (e instanceof BackendError && e.code === "offline") return "The clinic could not be reached right now. Your answers are saved on this device and will be sent later.";
  if (e instanceof BackendError && e.code !== "unavailable") return sentence(e.message);
  return "Something went wrong. Please try again.";
}

/** One sentence about what a sync did. */
export function reportSentence(r: SyncReport): string {
  const parts: string[] = [];
  if (r.sessionsChanged) parts.push(`${r.sessionsChanged} ${r.sessionsChanged === 1 ? "session" : "sessions"} updated`);
  if (r.answersSent) parts.push(`${r.answersSent} ${r.answersSent === 1 ? "answer" : "answers"} sent`);
  if (r.answersParked) parts.push(`${r.answersParked} ${r.answersParked === 1 ? "answer" : "answers"} not accepted (see below)`);
  if (r.careChanged) parts.push("your level of care updated");
  return parts.length ? `Synced: ${parts.join(", ")}.` : "Synced. Everything is up to date.";
}

/** How many answers still wait to be sent, in words. */
export function pendingSentence(s: SyncStatus): string {
  if (s.pending === 0) return "All your answers have been sent.";
  return `${s.pending} ${s.pending === 1 ? "answer is" : "answers are"} waiting to be sent.`;
}

export const ANSWER_WORDS: { [R in ParticipantResponse]: string } = {
  accepted: "I'll be there",
  tentative: "Maybe",
  declined: "Can't make it",
  "needs-action": "Not answered",
};
