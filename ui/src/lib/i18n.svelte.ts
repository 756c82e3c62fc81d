// The window's words: every sentence comes from the Fluent catalog in i18n/locales/<tag>/ui/*.ftl,
// the same files the core's tideline-i18n crate reads (and generates the pseudo-locale from). They
// are bundled at build time; nothing is fetched. The current language is reactive: changing it
// re-renders every t() call without a reload. Which language is chosen is the core's (IPC
// `language_get` / `language_set`); this module only holds the one the window shows now.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

/** The languages the catalog holds. "en-XA" is the generated pseudo-locale (tests and layout checks). */
export const LANGS = ["en", "es", "en-XA"] as const;
export type Lang = (typeof LANGS)[number];
/** The languages a patient chooses from, each named in its own language by the catalog. */
export const CHOOSABLE: readonly Lang[] = ["en", "es"];

const FILES = import.meta.glob("../../../i18n/locales/*/ui/*.ftl", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** Every catalog file's text by language, e.g. sources("es") -> the text of es/ui/*.ftl. */
export function sources(lang: Lang): { path: string; text: string }[] {
  const marker = `/locales/${lang}/ui/`;
  return Object.entries(FILES)
    .filter(([path]) => path.includes(marker))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, text]) => ({ path: path.slice(path.indexOf("/locales/") + 1), text }));
}

/**
 * Each entry's text by id (messages, and terms as `-name`), per language: the catalog files split at
 * the lines that start an entry. Splitting is a scan of lines; parsing the whole English catalog
 * before the first screen took 11-17 ms of the window's start (the release app, 30 November 2026),
 * and the first screen needs a few dozen of its messages, so each message is parsed the first time
 * it is asked for ({@link ensure}).
 */
const indexes = new Map<Lang, Map<string, string>>();

/** A line that starts an entry: `id =` or `-term =` at the start of the line. */
const ENTRY_START = /^(-?[a-zA-Z][\w-]*)[ \t]*=/;

/** The entries of `text` by id; the first definition of an id wins, as in a Fluent bundle. */
export function splitEntries(text: string, into = new Map<string, string>()): Map<string, string> {
  let id: string | null = null;
  let lines: string[] = [];
  const close = () => {
    if (id !== null && !into.has(id)) into.set(id, lines.join("\n"));
    id = null;
    lines = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const start = ENTRY_START.exec(line);
    if (start) {
      close();
      id = start[1]!;
      lines.push(line);
    } else if (line.startsWith("#")) {
      // A comment at the start of a line ends the entry before it (Fluent comments are never indented).
      close();
    } else if (id !== null) {
      // Indented lines (continuations, attributes, variants) and blank lines belong to the entry.
      lines.push(line);
    }
  }
  close();
  return into;
}

function index(lang: Lang): Map<string, string> {
  let i = indexes.get(lang);
  if (!i) {
    i = new Map();
    for (const { text } of sources(lang)) splitEntries(text, i);
    indexes.set(lang, i);
  }
  return i;
}

const bundles = new Map<Lang, FluentBundle>();

function bundle(lang: Lang): FluentBundle {
  let b = bundles.get(lang);
  if (b) return b;
  // No Unicode isolation marks around placeables: the window shows one direction of text, and the
  // marks would end up in copied text and in the accessible names tests look for.
  b = new FluentBundle(lang, { useIsolating: false });
  bundles.set(lang, b);
  return b;
}

/**
 * Parses `id` into its language's bundle the first time it is asked for. The catalogs' messages do
 * not refer to other messages or terms, so one entry parses alone; i18n.test.ts formats every
 * message both this way and from a whole-catalog parse, and fails if that ever changes.
 */
function ensure(lang: Lang, id: string): FluentBundle {
  const b = bundle(lang);
  if (!b.hasMessage(id)) {
    const text = index(lang).get(id);
    if (text !== undefined) {
      const errors = b.addResource(new FluentResource(text));
      if (errors.length > 0) console.error(`i18n: ${lang}: ${id}: ${errors.map(String).join("; ")}`);
    }
  }
  return b;
}

export const isLang = (tag: string): tag is Lang => (LANGS as readonly string[]).includes(tag);

/** The language shown now. Read through `lang()` so components re-render when it changes. */
const current = $state<{ lang: Lang }>({ lang: "en" });

export const lang = (): Lang => current.lang;

/** Shows the window in `tag` (unknown tags keep the current language). Sets <html lang>. */
export function setLang(tag: string): void {
  if (!isLang(tag)) return;
  current.lang = tag;
  if (typeof document !== "undefined") document.documentElement.lang = tag;
}

export type Args = Record<string, FluentVariable>;

function format(lang: Lang, id: string, args: Args | undefined, attr?: string): string | null {
  const b = ensure(lang, id);
  const m = b.getMessage(id);
  const pattern = attr ? m?.attributes[attr] : m?.value;
  if (!pattern) return null;
  const errors: Error[] = [];
  const out = b.formatPattern(pattern, args ?? null, errors);
  if (errors.length > 0) console.error(`i18n: ${id}: ${errors.map(String).join("; ")}`);
  return out;
}

/**
 * The message `id` in the current language with `args` filled in; falls back to English, then to
 * the id itself (a missing key shows, never throws). Plurals are Fluent selectors in the catalog.
 */
export function t(id: string, args?: Args): string {
  const l = current.lang;
  return format(l, id, args) ?? (l === "en" ? null : format("en", id, args)) ?? id;
}

/** An attribute of a message (`id.attr` in Fluent), with the same fallbacks as t(). */
export function tAttr(id: string, attr: string, args?: Args): string {
  const l = current.lang;
  return format(l, id, args, attr) ?? (l === "en" ? null : format("en", id, args, attr)) ?? `${id}.${attr}`;
}

/** Whether the catalog of `lang` has a message `id` (tests and the source scan). */
export const has = (lang: Lang, id: string) => index(lang).has(id);

/** The tag Intl formats with: the pseudo-locale formats numbers and dates as English. */
export const intlTag = (): string => (current.lang === "en-XA" ? "en" : current.lang);

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number in the current language (grouping, decimal mark). */
export function num(n: number, options: Intl.NumberFormatOptions = {}): string {
  const key = `${intlTag()}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(intlTag(), options)));
  return f.format(n);
}
