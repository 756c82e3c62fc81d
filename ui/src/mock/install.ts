// Replaces the Tauri backend inside the page with the in-memory one. Injected by the browser tests
// before the app's own script; `window.__TIDELINE_MOCK__` chooses the starting scenario.
import { mockIPC } from "@tauri-apps/api/mocks";
import { MemoryBackend, type Scenario } from "./memory-backend";

declare global {
  interface Window {
    __TIDELINE_MOCK__?: { scenario?: Scenario; passphrase?: string };
    __tidelineBackend?: MemoryBackend;
  }
}

const backend = new MemoryBackend();
const options = window.__TIDELINE_MOCK__ ?? {};
if (options.scenario === "seeded") backend.seed(options.passphrase);
window.__tidelineBackend = backend;
mockIPC((cmd, args) => backend.handle(cmd, (args ?? {}) as { [k: string]: unknown }));
