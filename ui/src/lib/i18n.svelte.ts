// The window's words: every sentence comes from the Fluent catalog in i18n/locales/<tag>/ui/*.ftl,
// the same files the core's tideline-i18n crate reads (and generates the pseudo-locale from). They
// are bundled at build time; nothing is fetched from anywhere but the app itself. English is in the
// window's first module (every language falls back to it); each other language is a module of its
// own (vite.config.ts), read the first time it is shown, so the start does not parse catalogs it
// does not show (about 120 KB, 1 December 2026). The current language is reactive: changing it
// re-renders every t() call without a reload. Which language is chosen is the core's (IPC
// `language_get` / `language_set`); this module only holds the one the window shows now.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

/** The languages the catalog holds. "en-XA" is the generated pseudo-locale (tests and layout checks). */
export const LANGS = ["en", "es", "en-XA"] as const;
export type Lang = (typeof LANGS)[number];
/** The languages a patient chooses from, each named in its own language by the catalog. */
export const CHOOSABLE: readonly Lang[] = ["en", "es"];

const ENGLISH = import.meta.glob("../../../i18n/locales/en/ui/*.ftl", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const OTHERS = import.meta.glob(["../../../i18n/locales/*/ui/*.ftl", "!../../../i18n/locales/en/ui/*.ftl"], { query: "?raw", import: "default" }) as Record<string, () => Promise<string>>;

type Source = { path: string; text: string };

/** The files of `lang` among `files` (by the path the glob gives), in the order of their paths. */
function filesOf<T>(files: Record<string, T>, lang: Lang): [string, T][] {
  const marker = `/locales/${lang}/ui/`;
  return Object.entries(files)
    .filter(([path]) => path.includes(marker))
    .sort(([a], [b]) => a.localeCompare(b));
}

const sourcePath = (path: string) => path.slice(path.indexOf("/locales/") + 1);

/** The catalog files read so far, by language. */
const loaded = new Map<Lang, Source[]>([["en", filesOf(ENGLISH, "en").map(([path, text]) => ({ path: sourcePath(path), text }))]]);
const loading = new Map<Lang, Promise<void>>();

/** Reads `lang`'s catalog module, once (English is always there). Rejects if it cannot be read. */
export function loadLang(lang: Lang): Promise<void> {
  if (loaded.has(lang)) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = Promise.all(filesOf(OTHERS, lang).map(async ([path, read]) => ({ path: sourcePath(path), text: await read() })))
      .then((files) => void loaded.set(lang, files))
      .finally(() => loading.delete(lang));
    loading.set(lang, p);
  }
  return p;
}

/** Every catalog file's text of a loaded language ({@link loadLang}), e.g. sources("es") -> es/ui/*.ftl. */
export function sources(lang: Lang): Source[] {
  return loaded.get(lang) ?? [];
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
    const files = loaded.get(lang);
    if (!files) return new Map();
    i = new Map();
    for (const { text } of files) splitEntries(text, i);
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

/** Counts the languages asked for, so only the last one asked is shown when their catalogs arrive. */
let asked = 0;

/**
 * Shows the window in `tag` (unknown tags keep the current language) and sets <html lang>: at once
 * when its catalog is loaded, else once it is read (the returned promise; the window stays in the
 * language it shows until then, and keeps it if the catalog cannot be read).
 */
export function setLang(tag: string): Promise<void> {
  if (!isLang(tag)) return Promise.resolve();
  const mine = ++asked;
  const show = () => {
    if (mine !== asked) return;
    current.lang = tag;
    if (typeof document !== "undefined") document.documentElement.lang = tag;
  };
  if (loaded.has(tag)) {
    show();
    return Promise.resolve();
  }
  return loadLang(tag).then(show, () => {});
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

/** Whether the catalog of `lang` (loaded: {@link loadLang}) has a message `id` (tests and the source scan). */
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
