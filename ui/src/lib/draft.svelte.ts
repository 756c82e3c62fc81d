// What is on screen (a craving half written, an urge exercise running) is kept sealed in the vault
// as the patient goes, because an auto-lock comes without warning; after the next unlock it is
// offered back once. Never in the webview's storage: the backend seals it (core::draft).
import * as backend from "./backend";
import type { Draft, DraftScreen } from "./types";

/** The draft handed back at the last unlock, until its screen claims it. */
export const restored = $state<{ draft: Draft | null }>({ draft: null });

const KEEP_AFTER_MS = 2000;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastBody = "";
/** The change waiting for its pause, so a lock can keep it at once. */
let pending: { screen: DraftScreen; body: string } | null = null;

/** Keeps the change still waiting for its pause now (the timer's work; a lock calls it first). */
export function keepNow(): Promise<void> {
  clearTimeout(timer);
  const p = pending;
  pending = null;
  if (!p) return Promise.resolve();
  lastBody = p.body;
  return backend.draftKeep(p).then(
    () => {},
    () => {},
  );
}

/** Keeps `state` for `screen` a moment after the last change (one write per pause, not per key). */
export function keepSoon(screen: DraftScreen, state: unknown) {
  const body = JSON.stringify(state);
  if (body === lastBody) return;
  clearTimeout(timer);
  pending = { screen, body };
  timer = setTimeout(() => void keepNow(), KEEP_AFTER_MS);
}

/** The entry was saved or the exercise finished: nothing to offer back. */
export function forgetDraft() {
  clearTimeout(timer);
  pending = null;
  lastBody = "";
  backend.draftDiscard().catch(() => {});
}

/** Takes the kept draft after an unlock; returns the screen to open, if any. */
export async function takeDraft(): Promise<DraftScreen | null> {
  try {
    const d = await backend.draftTake();
    restored.draft = d;
    return d?.screen ?? null;
  } catch {
    return null;
  }
}

/** The restored state for `screen`, once; null when there is none. */
export function claimDraft<T>(screen: DraftScreen): T | null {
  const d = restored.draft;
  if (!d || d.screen !== screen) return null;
  restored.draft = null;
  lastBody = d.body;
  try {
    return JSON.parse(d.body) as T;
  } catch {
    return null;
  }
}
