// Words and small rules for the Clinic screen: the address the patient types, what a failure
// means for them, and a sentence for where sync stands. Pure, so Vitest covers it.
import { BackendError } from "./backend";
import { t } from "./i18n.svelte";
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
  if (!(e instanceof BackendError)) return t("clinic-problem-generic");
  switch (e.code) {
    case "offline":
      return t("clinic-problem-offline");
    case "locked_out": {
      const secs = e.retryAfterSecs;
      return secs ? t("clinic-problem-locked-out-in", { seconds: secs }) : t("clinic-problem-locked-out-later");
    }
    case "invalid":
      if (e.field === "server") return t("clinic-problem-address", { reason: e.message.trim().replace(/\.?$/, ".") });
      return sentence(e.message);
    case "locked":
      return t("clinic-problem-locked");
    default:
      return sentence(e.message);
  }
}

/** What went wrong during a sync. Offline is calm: nothing is lost. */
export function syncProblem(e: unknown): string {
  if (e instanceof BackendError && e.code === "offline") return t("clinic-sync-offline");
  if (e instanceof BackendError && e.code !== "unavailable") return sentence(e.message);
  return t("clinic-problem-generic");
}

/** One sentence about what a sync did. */
export function reportSentence(r: SyncReport): string {
  const parts: string[] = [];
  if (r.sessionsChanged) parts.push(t("clinic-report-sessions", { count: r.sessionsChanged }));
  if (r.answersSent) parts.push(t("clinic-report-sent", { count: r.answersSent }));
  if (r.answersParked) parts.push(t("clinic-report-parked", { count: r.answersParked }));
  if (r.careChanged) parts.push(t("clinic-report-care"));
  return parts.length ? t("clinic-report", { parts: parts.join(", ") }) : t("clinic-report-nothing");
}

/** How many answers still wait to be sent, in words. */
export function pendingSentence(s: SyncStatus): string {
  if (s.pending === 0) return t("clinic-pending-none");
  return t("clinic-pending", { count: s.pending });
}

/** An answer in the patient's own voice, in the current language (read when shown). */
export const ANSWER_WORDS: { readonly [R in ParticipantResponse]: string } = {
  get accepted() {
    return t("clinic-answer-accepted");
  },
  get tentative() {
    return t("clinic-answer-tentative");
  },
  get declined() {
    return t("clinic-answer-declined");
  },
  get "needs-action"() {
    return t("clinic-answer-needs-action");
  },
};
