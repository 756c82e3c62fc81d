// Shared pieces of the browser suite: a tiny static server for ui/dist (with the production CSP),
// headless Chromium from the system, the in-page mock backend, axe-core, and page checks.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ipc, seedJournal } from "./fixtures.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const uiRoot = resolve(here, "../..");
const dist = join(uiRoot, "dist");
export const shots = join(uiRoot, "test-results", "screenshots");
const mockScript = join(uiRoot, "test-results", "mock", "mock-ipc.js");
const bridgeScript = join(uiRoot, "test-results", "bridge", "bridge-ipc.js");
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/** The CSP the Tauri shell is expected to apply; served here so any inline script or style fails. */
export const CSP = "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self' ipc: http://ipc.localhost; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };

export async function startServer() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    const file = join(dist, path);
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": CSP, "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

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
 * A page on the app. With a bridge from `startBridge()` as `target`, the page talks to the real
 * commands, on a fresh data directory per call: `scenario` "fresh" (no vault) or "seeded" (the
 * journal of fixtures.mjs, locked, passphrase PASSPHRASE); `phone` makes the quick-unlock commands
 * exist. With a URL string (suites not yet moved to the bridge), the in-page TypeScript double.
 * Every console error, page error and CSP violation is collected in `problems`.
 */
export async function openApp(browser, target, { size, theme, scenario, reducedMotion = "no-preference", clock = false, phone = false }) {
  const bridge = typeof target === "object" ? target : null;
  const baseUrl = bridge ? bridge.url : target;
  if (bridge) {
    await bridge.reset({ phone });
    if (scenario === "seeded") await seedJournal(bridge.url, PASSPHRASE);
  }
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme: theme, reducedMotion });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(([s, phone]) => {
    window.__TIDELINE_MOCK__ = { scenario: s, phone };
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  }, [scenario, phone]);
  await page.addInitScript({ path: bridge ? bridgeScript : mockScript });
  // A controllable clock (time still flows) lets a test jump minutes ahead, e.g. between urge steps.
  if (clock) await page.clock.install();
  await page.goto(baseUrl);
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
