// What a patient started and has not saved (a craving half written, an urge exercise running, the
// plan or a session being edited) is never lost: not when they look at another screen, not when
// Get help now covers the screen, not when the vault locks without warning.
//
// While the vault is open, each screen's unsaved state is held here, in the window's memory, from
// the moment it changes: coming back to the screen brings it back exactly as it was, however soon.
// A moment after the last change the whole set is also kept sealed in the vault (the core's one
// draft, core::draft, its body the window's own JSON), because an auto-lock comes without warning;
// after the next unlock it is read back, written again (so it survives a second lock before the
// patient touches it) and its last screen opens. Each screen's state lasts until that screen saves
// or discards it. On lock the window's copy is dropped with the screens. Never in the webview's
// storage: the backend seals it.
import * as backend from "./backend";
import type { Screen } from "./flow";
import { DRAFT_MAX_BODY } from "./rules";
import type { Draft } from "./types";

/** The screens whose unsaved work is kept. */
export type DraftSlot = "cravings" | "urge" | "plan" | "sessions";
const SLOTS: readonly DraftSlot[] = ["cravings", "urge", "plan", "sessions"];

/**
 * The body kept in the core: every screen's state and the screen to open after unlock. The core's
 * `Draft.screen` only names the craving and urge screens (an older window's single-screen body is
 * still read back); `open` is the one the window follows.
 */
type Bundle = { v: 2; open: DraftSlot; screens: Partial<Record<DraftSlot, unknown>> };

/** Reactive: the kept drafts are being read back after an unlock (a screen shown meanwhile waits). */
export const drafts = $state({ arriving: false });

const KEEP_AFTER_MS = 2000;

/** This session's unsaved work, per screen, as JSON, as the last change left it. */
let kept: Partial<Record<DraftSlot, string>> = {};
/** The screen changed last: the one to open after the next unlock. */
let last: DraftSlot | null = null;
/** Read back from the vault at unlock and not yet shown on its screen. */
const afterLock = new Set<DraftSlot>();
let timer: ReturnType<typeof setTimeout> | undefined;
/** A change not yet written to the vault. */
let dirty = false;
/** Writes go to the core one after another, each with the set as it was when it was asked for. */
let writing: Promise<void> = Promise.resolve();

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** The core's draft for what is kept now; null when nothing is. */
function bundled(): Draft | null {
  // The screen changed last first; a screen that would pass the core's limit is left out rather
  // than the whole set refused.
  const order = [...(last ? [last] : []), ...SLOTS.filter((s) => s !== last)].filter((s) => kept[s] !== undefined);
  let open: DraftSlot | null = null;
  const screens: Bundle["screens"] = {};
  let body = "";
  for (const s of order) {
    const next = { ...screens, [s]: JSON.parse(kept[s]!) as unknown };
    const text = JSON.stringify({ v: 2, open: open ?? s, screens: next } satisfies Bundle);
    if (bytes(text) > DRAFT_MAX_BODY) continue;
    open ??= s;
    screens[s] = next[s];
    body = text;
  }
  if (!open) return null;
  return { screen: open === "urge" ? "urge" : "cravings", body };
}

/** Writes what is kept now (or forgets the vault's copy when nothing is), after earlier writes. */
function write(): Promise<void> {
  clearTimeout(timer);
  dirty = false;
  const draft = bundled();
  // Something is kept but nothing fits the core's limit: the vault keeps its last copy.
  if (!draft && SLOTS.some((s) => kept[s] !== undefined)) return writing;
  writing = writing.then(() => (draft ? backend.draftKeep(draft) : backend.draftDiscard())).then(
    () => {},
    () => {},
  );
  return writing;
}

/** The window's copy goes with the screens when the vault locks. */
function drop() {
  clearTimeout(timer);
  kept = {};
  last = null;
  afterLock.clear();
  dirty = false;
}

// Any command that finds the vault locked (the idle lock, a lock elsewhere) drops the window's copy.
backend.onLocked(drop);

/** The vault is about to lock: what changed in the last moments is written now, then dropped here. */
export function keepNow(): Promise<void> {
  const done = dirty ? write() : writing;
  drop();
  return done;
}

/**
 * Keeps `state` for `screen` at once in the window (coming back shows it) and a moment after the last
 * change in the vault (one write per pause, not per key).
 */
export function keepSoon(screen: DraftSlot, state: unknown) {
  const body = JSON.stringify(state);
  if (kept[screen] === body) return;
  kept[screen] = body;
  last = screen;
  dirty = true;
  clearTimeout(timer);
  timer = setTimeout(() => void write(), KEEP_AFTER_MS);
}

/** The screen's work was saved, finished or discarded: nothing to bring back. */
export function forgetDraft(screen: DraftSlot) {
  afterLock.delete(screen);
  if (kept[screen] === undefined) return;
  delete kept[screen];
  if (last === screen) last = SLOTS.find((s) => kept[s] !== undefined) ?? null;
  void write();
}

/**
 * The screen shows nothing started (the patient emptied it, or it was saved): forget its draft, but
 * never one still arriving after an unlock or read back and not yet shown on the screen.
 */
export function emptied(screen: DraftSlot) {
  if (drafts.arriving || afterLock.has(screen)) return;
  forgetDraft(screen);
}

/** The screens' states in a draft the core handed back (this window's set, or an older single screen). */
function unbundle(d: Draft): { open: DraftSlot; screens: Partial<Record<DraftSlot, string>> } | null {
  try {
    const b = JSON.parse(d.body) as Partial<Bundle> | null;
    if (b && b.v === 2 && typeof b.screens === "object" && b.screens) {
      const screens: Partial<Record<DraftSlot, string>> = {};
      for (const s of SLOTS) if (b.screens[s] !== undefined) screens[s] = JSON.stringify(b.screens[s]);
      const open = b.open && screens[b.open] !== undefined ? b.open : SLOTS.find((s) => screens[s] !== undefined);
      return open ? { open, screens } : null;
    }
    return { open: d.screen, screens: { [d.screen]: d.body } };
  } catch {
    return null;
  }
}

/** Reads the kept drafts back after an unlock; returns the screen to open, if any. */
export async function takeDraft(): Promise<Screen | null> {
  drop();
  drafts.arriving = true;
  try {
    const d = await backend.draftTake();
    const b = d ? unbundle(d) : null;
    if (!b) return null;
    for (const s of SLOTS) {
      const body = b.screens[s];
      // A screen the patient already started meanwhile keeps what it shows.
      if (body === undefined || kept[s] !== undefined) continue;
      kept[s] = body;
      afterLock.add(s);
    }
    last = kept[b.open] !== undefined ? b.open : last;
    // The core hands a draft back once: keep it again until its screen saves or discards it.
    void write();
    return b.open;
  } catch {
    return null;
  } finally {
    drafts.arriving = false;
  }
}

/**
 * The unsaved state kept for `screen`, and whether it was read back after a lock (a screen may say
 * so); null when there is none. It stays kept until the screen saves or discards it.
 */
export function claimDraft<T>(screen: DraftSlot): { state: T; afterLock: boolean } | null {
  const body = kept[screen];
  if (body === undefined) return null;
  const wasLocked = afterLock.delete(screen);
  try {
    return { state: JSON.parse(body) as T, afterLock: wasLocked };
  } catch {
    return null;
  }
}
