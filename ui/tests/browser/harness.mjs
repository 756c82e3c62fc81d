// Shared pieces of the browser suite: the loopback bridge (tests/bridge: ui/dist and the real
// commands on one origin, and a real clinic when a test asks), headless Chromium from the system,
// axe-core, and page checks.
import { spawn } from "node:child_process";
import { readFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ipc, seedJournal } from "./fixtures.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const uiRoot = resolve(here, "../..");
const dist = join(uiRoot, "dist");
export const shots = join(uiRoot, "test-results", "screenshots");
const bridgeScript = join(uiRoot, "test-results", "bridge", "bridge-ipc.js");
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/**
 * Starts the loopback bridge (tests/bridge, built by run.mjs): the real commands and ui/dist on one
 * origin. `reset` gives the next test a fresh temporary data directory; `ipc` calls a command as the
 * window would; `device`/`setDevice` read and drive the platform pieces (opener, file chooser,
 * keystore, notifications).
 */
export async function startBridge() {
  const binary = process.env.TIDELINE_BRIDGE;
  if (!binary) throw new Error("TIDELINE_BRIDGE is not set: run the suite through tests/browser/run.mjs");
  const child = spawn(binary, [dist], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening (http:\/\/\S+)/);
      if (m) ok(m[1]);
    });
    child.on("exit", (code) => fail(new Error(`the bridge stopped (${code})`)));
  });
  const post = async (path, body) => {
    const r = await fetch(new URL(path, url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) });
    return r.json();
  };
  return {
    url,
    reset: (options) => post("bridge/reset", options),
    ipc: (command, args) => ipc(url, command, args),
    device: async () => (await fetch(new URL("bridge/device", url))).json(),
    setDevice: (change) => post("bridge/device", change),
    /** A step of this test's real clinic (tests/bridge/src/clinic.rs): "start" answers { url, code }. */
    clinic: async (step) => {
      const r = await fetch(new URL(`bridge/clinic/${step}`, url), { method: "POST" });
      if (!r.ok) throw new Error(`clinic ${step}: ${r.status} ${await r.text()}`);
      return (await r.json()).ok;
    },
    close: () =>
      new Promise((ok) => {
        child.once("exit", ok);
        child.kill("SIGTERM");
      }),
  };
}

export async function launch() {
  await mkdir(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export const SIZES = [
  { name: "phone", width: 360, height: 740 },
  { name: "laptop", width: 1280, height: 800 },
];
export const THEMES = ["light", "dark"];
export const PASSPHRASE = "quiet river morning";

/**
 * A page on the app, talking to the real commands on the bridge from `startBridge()`, on a fresh
 * data directory per call: `scenario` "fresh" (no vault) or "seeded" (the
 * journal of fixtures.mjs, locked, passphrase PASSPHRASE); `phone` makes the quick-unlock commands
 * exist; `language` ("es", "en-XA") is stored through the core's `language_set` before the page opens,
 * as if the patient had chosen it earlier.
 * Every console error, page error and CSP violation is collected in `problems`.
 */
export async function openApp(browser, bridge, { size, theme, scenario, reducedMotion = "no-preference", clock = false, phone = false, language = null }) {
  await bridge.reset({ phone });
  if (language) await bridge.ipc("language_set", { tag: language });
  if (scenario === "seeded") await seedJournal(bridge.url, PASSPHRASE);
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme: theme, reducedMotion });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.addInitScript({ path: bridgeScript });
  // A controllable clock (time still flows) lets a test jump minutes ahead, e.g. between urge steps.
  if (clock) await page.clock.install();
  await page.goto(bridge.url);
  return { context, page, problems };
}

/** Runs axe-core (WCAG 2.x A and AA, plus best practices) and returns the violations, summarised. */
export async function axe(page) {
  // axe's target-size rule counts a nav button as too small when the sticky top bar covers part of
  // it, which happens at some scroll offsets on a phone for any screen a little taller than the
  // window. The page is judged from its top (where nothing overlaps), then returned to where it was.
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => window.scrollTo(0, 0));
  try {
    return await runAxe(page);
  } finally {
    await page.evaluate((y) => window.scrollTo(0, y), scrolled);
  }
}

async function runAxe(page) {
  const has = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!has) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + n.failureSummary) }));
  });
  return result;
}

/** Opens every <details> so tables and optional fields are checked too. */
export async function openAllDetails(page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
}

export async function shot(page, name) {
  await page.waitForTimeout(60);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Nothing may ever be kept in the webview's own storage. */
export async function storageSnapshot(page) {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie.length,
    idb: (await indexedDB.databases()).length,
    caches: "caches" in window ? (await caches.keys()).length : 0,
  }));
}

/** Page wider than the viewport means horizontal scrolling: a layout failure at that size. */
export async function overflowX(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Buttons and button-styled links smaller than 44x44 CSS pixels. */
export async function smallTargets(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("button, a.button, input[type=checkbox], input[type=radio], summary, select")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return false;
        // A checkbox or radio inside its label: the label is the target.
        const label = el.closest("label");
        const box = label ? label.getBoundingClientRect() : r;
        return box.height < 44 - 0.5 || box.width < 44 - 0.5;
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`),
  );
}

/** Tabs through the page and returns the accessible-ish names of everything that took focus. */
export async function tabNames(page, max = 80) {
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.evaluate(() => window.scrollTo(0, 0));
  const names = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const n = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const visible = getComputedStyle(el).outlineStyle !== "none" || el.matches(":focus-visible");
      return { name: (el.getAttribute("aria-label") || el.textContent || "").trim(), visible };
    });
    if (n) names.push(n);
  }
  return names;
}
