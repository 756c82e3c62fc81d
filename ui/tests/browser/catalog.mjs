// The window's catalog as the tests read it: i18n/locales/<tag>/ui/*.ftl through @fluent/bundle, the
// same files and library the window bundles. A test in Spanish or in the pseudo-locale finds a control
// by its message id (`words("es")("settings-title")`), never by a copy of the sentence.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { uiRoot } from "./harness.mjs";

const locales = join(uiRoot, "..", "i18n", "locales");

/** `(id, args) => string` in the language `tag`; throws on an id the catalog does not have. */
export function words(tag) {
  const bundle = new FluentBundle(tag, { useIsolating: false });
  const dir = join(locales, tag, "ui");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    const errors = bundle.addResource(new FluentResource(readFileSync(join(dir, file), "utf8")));
    if (errors.length) throw new Error(`${tag}/ui/${file}: ${errors.join("; ")}`);
  }
  return (id, args) => {
    const m = bundle.getMessage(id);
    if (!m?.value) throw new Error(`no message ${id} in ${tag}`);
    const errors = [];
    const text = bundle.formatPattern(m.value, args ?? null, errors);
    if (errors.length) throw new Error(`${tag} ${id}: ${errors.join("; ")}`);
    return text;
  };
}

/** The core's catalog (i18n/locales/<tag>/core.ftl) in the same way, for sentences the core makes. */
export function coreWords(tag) {
  const bundle = new FluentBundle(tag, { useIsolating: false });
  bundle.addResource(new FluentResource(readFileSync(join(locales, tag, "core.ftl"), "utf8")));
  return (id, args) => {
    const m = bundle.getMessage(id);
    if (!m?.value) throw new Error(`no message ${id} in ${tag}/core.ftl`);
    return bundle.formatPattern(m.value, args ?? null, []);
  };
}

/**
 * Every visible text of the page that is not a catalog message of the pseudo-locale: text nodes of
 * rendered elements (options of a visible select included), and the aria-label, title, placeholder
 * and alt of visible elements. A pseudo message is wrapped in [ ] (nested for a message inside a
 * message); what remains outside the markers may only be punctuation, numbers, dates and times (Intl
 * formats the pseudo-locale as English), the brand name, the recovery key's groups, and the
 * patient's own words in `allowed`. Answers [{ where, text }] for everything else.
 */
export async function unmarked(page, allowed) {
  return page.evaluate((allowed) => {
    const DATE_WORDS = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM)\b/g;
    const known = [...allowed, "Tideline"].sort((a, b) => b.length - a.length);
    const rest = (text) => {
      let s = text;
      for (;;) {
        // A message inside markers; one cut short by an ellipsis (a chart's label) still opened with one.
        const next = s.replace(/\[[^[\]]*\]/g, " ").replace(/\[[^[\]]*…$/, " ");
        if (next === s) break;
        s = next;
      }
      for (const k of known) s = s.split(k).join(" ");
      return s.replace(DATE_WORDS, " ");
    };
    const bad = (text) => /\p{L}/u.test(rest(text));
    const shown = (el) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
    const where = (el) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue.replace(/\s+/g, " ").trim();
      const el = n.parentElement;
      if (!text || !el || el.closest("script, style, template")) continue;
      if (el.closest(".key")) continue; // the recovery key's groups: letters and digits, not words
      const select = el.closest("select");
      if (select ? !shown(select) : !shown(el)) continue;
      if (bad(text)) out.push({ where: where(el), text });
    }
    for (const el of document.body.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      if (!shown(el)) continue;
      for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(attr);
        if (v && bad(v)) out.push({ where: `${where(el)}[${attr}]`, text: v });
      }
    }
    return out;
  }, allowed);
}
