import { defineConfig } from "vite";

// Builds the browser tests' IPC forwarder (tests/browser/bridge-ipc.ts) as one classic script that
// the tests inject before the page's own code runs. It is never part of ui/dist.
export default defineConfig({
  build: {
    outDir: "test-results/bridge",
    emptyOutDir: true,
    target: "es2022",
    lib: { entry: "tests/browser/bridge-ipc.ts", formats: ["iife"], name: "TidelineBridge", fileName: () => "bridge-ipc.js" },
  },
});
