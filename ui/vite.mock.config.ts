import { defineConfig } from "vite";

// Builds the in-memory backend (src/mock/install.ts) as one classic script that the browser tests
// inject before the page's own code runs. It is never part of ui/dist.
export default defineConfig({
  build: {
    outDir: "test-results/mock",
    emptyOutDir: true,
    target: "es2022",
    lib: { entry: "src/mock/install.ts", formats: ["iife"], name: "TidelineMock", fileName: () => "mock-ipc.js" },
  },
});
