// The screens behind the lock, each a module of its own: the window's first module holds only what
// the first screen needs (first run, the lock screen, Get help now), so starting the app parses less
// before the lock screen is painted. They are fetched from the app's own bundle once that screen is
// drawn (`preloadScreens`), long before a passphrase can have been typed and checked.
import type { Component } from "svelte";
import { SCREENS, type Screen } from "../lib/flow";

type Loader = () => Promise<{ default: Component }>;

/** Every screen of the navigation; the type makes a screen without a module fail the type check. */
const LOADERS: Record<Screen, Loader> = {
  home: () => import("./Home.svelte"),
  cravings: () => import("./Cravings.svelte"),
  halt: () => import("./Halt.svelte"),
  urge: () => import("./Urge.svelte"),
  sessions: () => import("./Sessions.svelte"),
  insights: () => import("./Insights.svelte"),
  plan: () => import("./Plan.svelte"),
  share: () => import("./Share.svelte"),
  clinic: () => import("./Clinic.svelte"),
  settings: () => import("./Settings.svelte"),
};

/** The screens loaded so far, and those whose module could not be read (asked again on the next visit). */
let loaded = $state.raw<Partial<Record<Screen, Component>>>({});
let failed = $state.raw<ReadonlySet<Screen>>(new Set());
const pending = new Map<Screen, Promise<void>>();

/** The component of `screen` if its module is loaded; read in markup, so it re-renders on load. */
export const screenComponent = (screen: Screen): Component | undefined => loaded[screen];

/** Whether the last attempt to load `screen` failed. */
export const screenError = (screen: Screen): boolean => failed.has(screen);

/** Loads `screen`'s module (once; again after a failure). */
export function loadScreen(screen: Screen): Promise<void> {
  if (loaded[screen]) return Promise.resolve();
  let p = pending.get(screen);
  if (!p) {
    p = LOADERS[screen]()
      .then((m) => {
        loaded = { ...loaded, [screen]: m.default };
        failed = new Set([...failed].filter((s) => s !== screen));
      })
      .catch(() => {
        failed = new Set([...failed, screen]);
      })
      .finally(() => pending.delete(screen));
    pending.set(screen, p);
  }
  return p;
}

/** Loads every screen, one after another, so the patient's first taps find them ready. */
export async function preloadScreens(): Promise<void> {
  for (const screen of SCREENS) await loadScreen(screen);
}
