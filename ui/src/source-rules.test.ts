// Rules about the source itself: one module talks to Tauri, nothing touches webview storage, no
// inline scripts or remote assets, and the words on screen stay person-first and non-punitive.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname);
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "generated" ? [] : files(p);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith(".test.ts") ? [p] : [];
  });
}
const sources = files(root).map((p) => ({ path: relative(root, p), text: readFileSync(p, "utf8") }));

describe("source rules", () => {
  it("only lib/backend.ts imports @tauri-apps", () => {
    const offenders = sources.filter((f) => /from\s+["']@tauri-apps\//.test(f.text) && f.path !== "lib/backend.ts");
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it("never uses localStorage, sessionStorage, IndexedDB, cookies or the Cache API", () => {
    const pattern = /\b(localStorage|sessionStorage|indexedDB|document\.cookie|caches\.open)\b/;
    expect(sources.filter((f) => pattern.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it("loads nothing from another origin and has no inline script or style attribute", () => {
    const html = readFileSync(join(root, "..", "index.html"), "utf8");
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const f of sources.filter((f) => f.path.endsWith(".svelte"))) {
      expect(f.text, f.path).not.toMatch(/https?:\/\/(?!video\.example)/);
      expect(f.text, f.path).not.toMatch(/\sstyle="/);
      expect(f.text, f.path).not.toMatch(/\{@html/);
    }
  });

  it("uses person-first words: no 'addict', 'abuser', 'clean', 'dirty', no streaks", () => {
    const banned = /\b(addicts?|abusers?|clean|dirty|streaks?|relapsed|failure|failed)\b/i;
    for (const f of sources.filter((f) => f.path.endsWith(".svelte"))) {
      // Only what the patient reads: markup, without the script and style blocks.
      const markup = f.text.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<style[\s\S]*?<\/style>/g, "");
      expect(markup.match(banned)?.[0] ?? null, f.path).toBeNull();
    }
  });

  it("keeps the window title neutral", () => {
    expect(readFileSync(join(root, "..", "index.html"), "utf8")).toMatch(/<title>Tideline<\/title>/);
  });
});
