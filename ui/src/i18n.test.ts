// The window's catalog: every message id the sources ask for exists in English (a typo fails here,
// not on a patient's screen), and the loader follows the current language.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { has, lang, LANGS, loadLang, setLang, sources, splitEntries, t, tAttr } from "./lib/i18n.svelte";
import { countdown, dayLabel, durationWords, hours } from "./lib/format";
import { STEPS, waveSentence } from "./lib/urge";

const SRC = import.meta.dirname;

// Every language's catalog read first (only English is in the first module); i18n-load.test.ts
// covers switching to a language before its catalog is read.
beforeAll(() => Promise.all(LANGS.map(loadLang)));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "generated" ? [] : files(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Every id in the English catalog's ui/*.ftl files (messages and terms are not told apart: no terms are used). */
const enIds = sources("en").flatMap(({ text }) => [...text.matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]!));

/** The ids each source file passes to t() / tAttr(): literal strings, and template literals as patterns. */
function idsUsed(text: string): { id: string; pattern: RegExp | null }[] {
  const out: { id: string; pattern: RegExp | null }[] = [];
  for (const m of text.matchAll(/\bt(?:Attr)?\(\s*(?:"([^"]+)"|'([^']+)'|`([^`]+)`)/g)) {
    const literal = m[1] ?? m[2];
    if (literal !== undefined) {
      out.push({ id: literal, pattern: null });
      continue;
    }
    const template = m[3]!;
    // `app-nav-${screen}` must name at least one message: each ${...} stands for an id part.
    const source = template
      .split(/\$\{[^}]*\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\w-]*");
    out.push({ id: template, pattern: new RegExp(`^${source}$`) });
  }
  return out;
}

describe("the catalog and the sources", () => {
  const used = files(SRC).flatMap((path) => idsUsed(readFileSync(path, "utf8")).map((u) => ({ ...u, path: path.slice(SRC.length + 1) })));

  it("finds the ids the sources use (the scan itself works)", () => {
    expect(used.length).toBeGreaterThan(200);
    expect(used.some((u) => u.id === "app-skip" && u.path === "App.svelte")).toBe(true);
    expect(idsUsed('t("a-b") + t(`x-${y}-z`)')).toEqual([
      { id: "a-b", pattern: null },
      { id: "x-${y}-z", pattern: /^x-[\w-]*-z$/ },
    ]);
  });

  it("has every id a source asks for in English", () => {
    const missing = used.filter((u) => (u.pattern ? !enIds.some((id) => u.pattern!.test(id)) : !has("en", u.id))).map((u) => `${u.path}: ${u.id}`);
    expect(missing).toEqual([]);
  });

  it("parses in every language with the same ids as English", () => {
    for (const l of LANGS) {
      const ids = sources(l).flatMap(({ text }) => [...text.matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)].map((m) => m[1]!));
      expect(ids.length, l).toBeGreaterThan(0);
      expect(enIds.filter((id) => !has(l, id)), `${l} lacks`).toEqual([]);
      expect(ids.filter((id) => !enIds.includes(id)), `${l} has beyond English`).toEqual([]);
    }
  });
});

describe("the loader", () => {
  afterEach(() => setLang("en"));

  it("switches every word at once, plurals and Intl included, and sets <html lang>", () => {
    const inTwoDays = (now: Date) => countdown(new Date(now.getTime() + 2 * 86_400_000 + 3 * 3_600_000), now);
    const now = new Date("2026-11-23T10:00:00");
    expect(t("app-nav-home")).toBe("Home");
    expect(inTwoDays(now)).toBe("in 2 days, 3 hours");
    setLang("es");
    expect(lang()).toBe("es");
    expect(document.documentElement.lang).toBe("es");
    expect(t("app-nav-home")).toBe("Inicio");
    expect(inTwoDays(now)).toBe("en 2 días y 3 horas");
    expect(durationWords(60)).toBe("1 minuto");
    expect(durationWords(3900)).toBe("1 hora y 5 minutos");
    expect(hours(4.25)).toBe("4,3");
    expect(dayLabel(new Date("2026-11-22T23:00:00"), now)).toBe("ayer");
    expect(STEPS.wave[0]!.title).toBe("Note el impulso");
    expect(waveSentence([{ offsetSeconds: 0, intensity: 7 }, { offsetSeconds: 60, intensity: 2 }], durationWords(60))).toBe(
      "Su impulso empezó en 7, llegó a 7 y bajó a 2 en 1 minuto. Usted surfeó la ola.",
    );
  });

  it("falls back to English, then to the id, and ignores tags it does not have", () => {
    setLang("fr");
    expect(lang()).toBe("en");
    setLang("es");
    expect(t("no-such-message")).toBe("no-such-message");
  });

  it("marks every word in the pseudo-locale and leaves numbers alone", () => {
    setLang("en-XA");
    expect(t("app-nav-home")).toMatch(/^\[.+\]$/);
    expect(t("format-days", { n: 3 })).toMatch(/^\[3 .+\]$/);
  });
});

describe("parsing one message at a time", () => {
  afterEach(() => setLang("en"));

  it("splits a catalog at the lines that start an entry", () => {
    const text = [
      "# A comment",
      "one = One",
      "    .label = The label",
      "",
      "two =",
      "    { $n ->",
      "        [one] a day",
      "       *[other] { $n } days",
      "    }",
      "## Section",
      "-term = Term",
      "one = A second one is ignored",
    ].join("\n");
    expect([...splitEntries(text)]).toEqual([
      ["one", "one = One\n    .label = The label\n"],
      ["two", "two =\n    { $n ->\n        [one] a day\n       *[other] { $n } days\n    }"],
      ["-term", "-term = Term"],
    ]);
  });

  it("formats every message and attribute in every language as a whole-catalog parse does", () => {
    for (const l of LANGS) {
      const whole = new FluentBundle(l, { useIsolating: false });
      for (const { text } of sources(l)) expect(whole.addResource(new FluentResource(text)), l).toEqual([]);
      setLang(l);
      let compared = 0;
      for (const { text } of sources(l)) {
        for (const [id, entry] of splitEntries(text)) {
          const message = whole.getMessage(id)!;
          // Every variable the entry names, as 1 and as 5 (one and other in both languages' plurals).
          for (const value of [1, 5]) {
            const args = Object.fromEntries([...entry.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => [m[1]!, value]));
            if (message.value) {
              expect(t(id, args), `${l} ${id}`).toBe(whole.formatPattern(message.value, args));
              compared++;
            }
            for (const [attr, pattern] of Object.entries(message.attributes)) {
              expect(tAttr(id, attr, args), `${l} ${id}.${attr}`).toBe(whole.formatPattern(pattern, args));
              compared++;
            }
          }
        }
      }
      expect(compared, l).toBeGreaterThan(1000);
    }
  });
});
