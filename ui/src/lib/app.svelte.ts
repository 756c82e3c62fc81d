// Shared reactive state: the flow (phase and screen), a ticking clock for countdowns, the theme, and
// the idle/auto-lock plumbing. Everything that belongs to an unlocked session lives in screen
// components, which are destroyed on lock (see App.svelte's {#key flow.generation}).
import * as backend from "./backend";
import { BackendError } from "./backend";
import { initialFlow, step, type FlowEvent, type Screen } from "./flow";
import { keepNow, takeDraft } from "./draft.svelte";
import { setLang, t } from "./i18n.svelte";
import type { Theme } from "./types";

export const app = $state({
  flow: initialFlow(),
  now: new Date(),
  theme: "system" as Theme,
  /** A recovery key shown once (first run's, or one made in Settings) was never confirmed because the vault locked first: Settings offers a new one. */
  recoveryKeyUnconfirmed: false,
});

/**
 * A recovery key made in Settings (a new key alone, or with a new passphrase and a new key for
 * everything), on screen until the patient types one of its groups back. The old key stopped working
 * when it was made, so it is kept while the vault stays open, whatever screen the patient looks at in
 * between, and goes with the lock, which marks it unconfirmed: the next unlock leads to making another.
 */
export const shownKey = $state({
  key: "",
  /** What the clinic connection became with it (a new passphrase and key for everything only). */
  clinic: "",
  /** Made with a new passphrase and a new key for everything (else a new recovery key alone). */
  rotated: false,
  step: "key" as "key" | "confirm",
});

/** No key on screen (confirmed, or gone with the lock). */
function forgetKey() {
  Object.assign(shownKey, { key: "", clinic: "", rotated: false, step: "key" });
}

/** Shows a recovery key just made, and keeps the vault open while the patient writes it down. */
export function showKey(key: string, rotated: boolean, clinic = "") {
  Object.assign(shownKey, { key, clinic, rotated, step: "key" });
  app.recoveryKeyUnconfirmed = true;
  backend.vaultHold(30).catch(() => {});
}

/** The patient typed a group of the shown key back: it is theirs now. */
export function keyConfirmed() {
  forgetKey();
  app.recoveryKeyUnconfirmed = false;
  backend.vaultRelease().catch(() => {});
}

export function dispatch(e: FlowEvent) {
  const before = app.flow;
  app.flow = step(app.flow, e);
  // The theme choice is part of the encrypted settings: forget it on lock, read it again on unlock.
  if (app.flow.generation !== before.generation) {
    // Locked while first run still showed the recovery key: the key shown "only this once" is gone
    // with the screen, so the next unlock leads to making a new one instead of leaving none.
    if (before.phase === "firstRun" && firstRunVaultOpen && app.flow.phase === "locked") app.recoveryKeyUnconfirmed = true;
    // The same for a key made in Settings (showKey already marked it): the key leaves memory with the lock.
    forgetKey();
    applyTheme("system");
    firstRunVaultOpen = false;
  }
  if (app.flow.phase === "unlocked" && before.phase !== "unlocked") {
    void loadTheme();
    if (app.recoveryKeyUnconfirmed) go("settings");
    // What was on screen when the vault locked comes back to its screen.
    void takeDraft().then((screen) => {
      if (screen && app.flow.phase === "unlocked") go(screen);
    });
  }
}

async function loadTheme() {
  try {
    const rs = await backend.recordsQuery({ kinds: ["settings"], limit: 1 });
    const s = rs[0]?.record;
    if (s?.type === "settings") applyTheme(s.theme);
  } catch {
    /* keep the system theme */
  }
}

export const go = (screen: Screen) => dispatch({ type: "go", screen });

/**
 * The patient picked a language (first run, Settings): the window shows it at once, and the core
 * keeps it (outside the vault, so the lock screen and reminders use it too) and speaks it from now on.
 */
export async function chooseLanguage(tag: string): Promise<void> {
  const shown = setLang(tag);
  try {
    const stored = (await backend.languageSet(tag)).tag;
    await shown;
    await setLang(stored);
  } catch {
    /* shown for now; the next start asks the core again */
  }
}

/** The language the core speaks (the patient's choice, or the system's): the window follows it. */
async function loadLanguage(): Promise<void> {
  try {
    await setLang((await backend.languageGet()).tag);
  } catch {
    /* an older shell without the command: English */
  }
}

export function applyTheme(theme: Theme) {
  app.theme = theme;
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Shows the vault's state: `pending`, an answer already asked for, or a new question. */
export async function refreshStatus(pending = backend.vaultStatus()) {
  try {
    const s = await pending;
    dispatch({ type: "status", state: s.state, retryAfterSecs: s.retryAfterSecs });
  } catch {
    dispatch({ type: "unavailable" });
  }
}

export async function lockNow() {
  // What was typed in the last moments is kept before the vault closes (sent now, awaited below).
  const kept = keepNow();
  // Drop what is rendered first, then tell the backend; even if the call fails nothing stays shown.
  dispatch({ type: "locked" });
  await kept;
  try {
    await backend.vaultLock();
  } catch {
    /* the vault locks itself on idle anyway; status polling reconciles */
  }
}

/** Patient-facing words for a failure. Never includes anything the patient typed. */
export function explain(err: unknown): string {
  if (!(err instanceof BackendError)) return t("common-something-wrong");
  switch (err.code) {
    case "locked":
      return t("common-locked-itself");
    case "disk_full":
      return t("common-disk-full");
    case "no_chooser":
      return err.message + ".";
    case "unavailable":
      return t("common-unreachable");
    default: {
      const m = err.message.trim();
      return m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? "" : ".");
    }
  }
}

let lastTouch = 0;
const TOUCH_EVERY_MS = 15_000;
/** First run has made the vault (it is open in the backend) but is still showing the recovery key. */
let firstRunVaultOpen = false;

/** Called by first run once the vault exists: the patient reading the key is activity too. */
export function vaultCreatedInFirstRun() {
  firstRunVaultOpen = true;
}

function onActivity() {
  const firstRunOpen = app.flow.phase === "firstRun" && firstRunVaultOpen;
  if (app.flow.phase !== "unlocked" && !firstRunOpen) return;
  const t = Date.now();
  if (t - lastTouch < TOUCH_EVERY_MS) return;
  lastTouch = t;
  backend.vaultTouch().catch(() => {});
}

/**
 * The shell's answers for the first screen (backend.bootState): shown before the first render, so
 * the lock screen or first run is the first thing drawn, in the patient's language.
 */
const boot = backend.bootState();
if (boot) dispatch({ type: "status", state: boot.vault.state, retryAfterSecs: boot.vault.retryAfterSecs });

/** Settles once the first screen's language can be shown (a catalog other than English is read first). */
export const ready: Promise<void> = boot ? setLang(boot.language.tag) : Promise.resolve();

/**
 * Runs `f` once the window has drawn its first screen (the page's first contentful paint), or after
 * a second where the engine reports no paint (a hidden window, a test DOM). What the first screen
 * does not need waits for it: in the app every IPC call and every module the page reads is answered
 * on the window's main thread, the one that also draws, so work started at mount (even after an
 * animation frame, which WebKitGTK runs before it paints) held the first paint up.
 */
export function afterFirstPaint(f: () => void): void {
  const painted = () => typeof performance !== "undefined" && performance.getEntriesByType?.("paint").some((e) => e.name === "first-contentful-paint");
  let done = false;
  let observer: PerformanceObserver | undefined;
  const run = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    setTimeout(f, 0);
  };
  if (painted()) return run();
  try {
    observer = new PerformanceObserver(() => {
      if (painted()) run();
    });
    observer.observe({ type: "paint" });
  } catch {
    /* no paint timing here: the timer below */
  }
  setTimeout(run, 1000);
}

/** Starts the clock, activity tracking and status polling. Returns a function that stops them. */
export function start(): () => void {
  const unLocked = backend.onLocked(() => dispatch({ type: "locked" }));
  let stopped = false;
  let unwatch: () => void = () => {};
  let unwatchHelp: () => void = () => {};
  // Nothing is asked of the shell before the first screen is drawn (afterFirstPaint). Until then
  // no vault is open to lock, and the tray's Get help now finds the help panel one tap away anyway.
  afterFirstPaint(() => {
    if (stopped) return;
    void backend.watchVaultLocked().then((stop) => (stopped ? stop() : (unwatch = stop)));
    // The tray's "Get help now" shows the window and asks for the help panel, locked or not.
    void backend.watchShell("show-help", () => dispatch({ type: "help", open: true })).then((stop) => (stopped ? stop() : (unwatchHelp = stop)));
  });
  // The patient's keyboard, pointer and touch are the only activity that postpones auto-lock.
  const events = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"] as const;
  for (const ev of events) window.addEventListener(ev, onActivity, { passive: true });
  const tick = setInterval(() => (app.now = new Date()), 15_000);
  // The backend locks on idle by itself; polling notices within seconds and drops what is shown.
  const poll = setInterval(() => {
    if (app.flow.phase === "unlocked" || app.flow.phase === "locked") void refreshStatus();
  }, 10_000);
  if (boot) {
    // The first screen came from the shell's answers at the window's start; they are asked again
    // once it is painted (a reloaded page's script still holds the first ones).
    afterFirstPaint(() => void loadLanguage().finally(() => void refreshStatus()));
  } else {
    // The first screen is drawn in the patient's language: both are asked at once (one round trip
    // before the first screen, not two), and the status is shown once the language is set.
    const status = backend.vaultStatus();
    // Handled by refreshStatus; this only keeps an early refusal from counting as unhandled meanwhile.
    status.catch(() => {});
    void loadLanguage().finally(() => void refreshStatus(status));
  }
  return () => {
    stopped = true;
    unLocked();
    unwatch();
    unwatchHelp();
    for (const ev of events) window.removeEventListener(ev, onActivity);
    clearInterval(tick);
    clearInterval(poll);
  };
}
