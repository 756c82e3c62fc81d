// The app's top-level state machine: which phase the vault is in and which screen is showing.
// Pure: the Svelte layer feeds it events and renders what it returns.

/** The screens behind the lock, in the navigation's order (the label of each is `app-nav-<screen>`). */
export const SCREENS = ["home", "cravings", "halt", "urge", "sessions", "insights", "plan", "share", "clinic", "settings"] as const;
export type Screen = (typeof SCREENS)[number];

export type Phase = "loading" | "firstRun" | "locked" | "unlocked" | "unavailable";

export type Flow = {
  phase: Phase;
  screen: Screen;
  /** "Get help now" covers whatever phase is showing; closing it returns there. */
  help: boolean;
  /** Increases on every lock, so everything rendered while unlocked is thrown away. */
  generation: number;
  retryAfterSecs: number | null;
};

export type FlowEvent =
  | { type: "status"; state: "absent" | "locked" | "unlocked"; retryAfterSecs: number | null }
  | { type: "unavailable" }
  | { type: "created" }
  | { type: "unlocked" }
  | { type: "locked" }
  | { type: "wiped" }
  | { type: "go"; screen: Screen }
  | { type: "help"; open: boolean };

export const initialFlow = (): Flow => ({ phase: "loading", screen: "home", help: false, generation: 0, retryAfterSecs: null });

export function step(f: Flow, e: FlowEvent): Flow {
  switch (e.type) {
    case "status": {
      const phase: Phase = e.state === "absent" ? "firstRun" : e.state;
      if (phase === f.phase) return { ...f, retryAfterSecs: e.retryAfterSecs };
      return step({ ...f, retryAfterSecs: e.retryAfterSecs }, phase === "firstRun" ? { type: "wiped" } : phase === "locked" ? { type: "locked" } : { type: "unlocked" });
    }
    case "unavailable":
      return { ...f, phase: "unavailable" };
    case "created":
    case "unlocked":
      return { ...f, phase: "unlocked", screen: "home" };
    case "locked":
      if (f.phase === "locked") return f;
      return { ...f, phase: "locked", screen: "home", generation: f.generation + 1 };
    case "wiped":
      return { ...f, phase: "firstRun", screen: "home", generation: f.generation + 1 };
    case "go":
      if (f.phase !== "unlocked") return f;
      return { ...f, screen: e.screen, help: false };
    case "help":
      return { ...f, help: e.open };
  }
}
