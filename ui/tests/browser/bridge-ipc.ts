// Injected by the browser tests before the app's own script: Tauri's invoke goes to the real
// commands on the bridge (tests/bridge), on the page's own origin, so the production CSP holds.
// Shell events a command sent come back in a header and are emitted here, as the shell would.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";

/** What the tests call in the page. */
interface Hooks {
  /** The shell's idle timer fires (the vault's auto-lock time has passed); a hold still holds. */
  __tidelineAutoLock?: () => Promise<boolean>;
  /** Sends a shell event as the tray would ("show-help"). */
  __tidelineShellEvent?: (name: string) => Promise<void>;
  /** The shell's background sync: one sync, then "sync-changed". */
  __tidelineBackgroundSync?: () => Promise<void>;
}
const hooks = window as unknown as Hooks;

const emitAll = async (events: string[]) => {
  for (const e of events) await emit(e);
};

async function bridge(path: string): Promise<{ events: string[]; locked?: boolean }> {
  const r = await fetch(path, { method: "POST" });
  return r.json();
}

mockIPC(
  async (cmd, args) => {
    const r = await fetch(`/ipc/${cmd}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args ?? {}) });
    const events = (r.headers.get("x-tideline-events") ?? "").split(",").filter(Boolean);
    const body = (await r.json()) as { ok?: unknown; err?: unknown };
    if (events.length) setTimeout(() => void emitAll(events), 0);
    if ("err" in body) throw body.err;
    return body.ok;
  },
  { shouldMockEvents: true },
);

hooks.__tidelineAutoLock = async () => {
  const answer = await bridge("/bridge/idle");
  await emitAll(answer.events);
  return answer.locked === true;
};
hooks.__tidelineShellEvent = (name: string) => emit(name);
hooks.__tidelineBackgroundSync = async () => emitAll((await bridge("/bridge/background-sync")).events);
