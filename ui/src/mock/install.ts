// Replaces the Tauri backend inside the page with the in-memory one. Injected by the browser tests
// before the app's own script; `window.__TIDELINE_MOCK__` chooses the starting scenario.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { MemoryBackend, type Scenario } from "./memory-backend";

declare global {
  interface Window {
    __TIDELINE_MOCK__?: { scenario?: Scenario; passphrase?: string; phone?: boolean };
    __tidelineBackend?: MemoryBackend;
    /** Locks the vault the way the shell's idle timer does: lock, then emit "vault-locked". */
    __tidelineAutoLock?: () => Promise<void>;
    /** Sends a shell event as the tray or the sync ticker would ("show-help", "sync-changed"). */
    __tidelineShellEvent?: (name: string) => Promise<void>;
    /** The shell's background sync: one sync, then "sync-changed". */
    __tidelineBackgroundSync?: () => Promise<void>;
  }
}

const backend = new MemoryBackend();
const options = window.__TIDELINE_MOCK__ ?? {};
if (options.scenario === "seeded") backend.seed(options.passphrase);
backend.phone = options.phone === true;
window.__tidelineBackend = backend;
mockIPC((cmd, args) => backend.handle(cmd, (args ?? {}) as { [k: string]: unknown }), { shouldMockEvents: true });
window.__tidelineAutoLock = async () => {
  if (backend.held()) return; // as the shell: a running exercise's hold keeps the vault open
  backend.handle("vault_lock");
  await emit("vault-locked");
};
window.__tidelineShellEvent = (name: string) => emit(name);
window.__tidelineBackgroundSync = async () => {
  try {
    backend.handle("sync_now");
  } catch {
    /* as the shell: offline and refusals show in the status */
  }
  await emit("sync-changed");
};
