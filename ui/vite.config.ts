import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Relative base: the Tauri shell serves the files from its own origin. No remote assets, no inline
// scripts: the app runs under the CSP `default-src 'self'`.
export default defineConfig({
  base: "./",
  plugins: [svelte()],
  // The message catalog lives beside the Rust crate that reads it too (i18n/locales, imported at
  // build time by src/lib/i18n.svelte.ts); the dev server and Vitest may read it.
  server: { fs: { allow: [".", "../i18n/locales"] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Keep the built CSS a file (never inlined as data: or in a style attribute).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      output: {
        // Each language but English (which is in the first module) is one module of its own, read
        // when it is first shown (src/lib/i18n.svelte.ts), rather than one module per catalog file.
        manualChunks(id: string) {
          const lang = /\/i18n\/locales\/([^/]+)\/ui\//.exec(id)?.[1];
          return lang && lang !== "en" ? `catalog-${lang}` : undefined;
        },
      },
    },
  },
  // Component tests mount Svelte's browser build in happy-dom.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    include: ["src/**/*.test.ts"],
    environment: "happy-dom",
  },
});
