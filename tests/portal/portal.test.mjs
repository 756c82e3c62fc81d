// The therapist portal end to end: a real clinic server seeded through its CLI, a real patient device
// (core's `share` example: an app vault that enrolls, shares and revokes), and headless Chromium
// signing in as the therapist. Run by scripts/test-portal.sh, which builds both binaries first.
//
// app shares -> therapist signs in (keyboard only) and sees the entries with the Part 2 notice, axe clean
// at tablet and desktop sizes in light and dark -> the view shows in the patient's accounting -> the
// patient revokes -> the portal no longer shows it and the FHIR API refuses it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFile } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
// Playwright and axe come from the UI's node_modules (one install for every browser suite).
const requireUi = createRequire(join(root, "ui", "package.json"));
const { chromium } = requireUi("playwright-core");
const axeSource = await readFile(requireUi.resolve("axe-core/axe.min.js"), "utf8");

const target = process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, ".cache", "tideline-target");
const CLINIC = process.env.TIDELINE_CLINIC_BIN ?? join(target, "debug", "tideline-clinic");
const SHARE = process.env.TIDELINE_SHARE_BIN ?? join(target, "debug", "examples", "share");
const SHOTS = join(root, "artifacts", "portal");
const PASSWORD = "portal end to end password";
const THERAPIST = "kim@harbor.example";
const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "tablet", width: 768, height: 1024 },
];
const ENTRIES = ["Walked past my old bar after work", "Argument with my brother on the phone"];

let data;
let vault;
let server;
let base;
let browser;
let consent;

async function clinicCli(args, input) {
  return new Promise((ok, fail) => {
    const child = spawn(CLINIC, ["--data", data, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => (code === 0 ? ok(out.trim()) : fail(new Error(`tideline-clinic ${args[0]} failed (${code}): ${err}`))));
    child.stdin.end(input ?? "");
  });
}

async function device(args) {
  const { stdout } = await run(SHARE, args, { env: { ...process.env, TIDELINE_TEST_PASSPHRASE: "a long end to end passphrase" } });
  return stdout.trim();
}

async function api(method, path, { token, json } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (json) headers["content-type"] = "application/json";
  const response = await fetch(`${base}${path}`, { method, headers, body: json ? JSON.stringify(json) : undefined, redirect: "manual" });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

before(async () => {
  data = await mkdtemp(join(tmpdir(), "tideline-portal-"));
  vault = join(data, "vault");
  await mkdir(SHOTS, { recursive: true });
  // Seed through the CLI, as a clinic's operator would.
  await clinicCli(["create-clinic", "--name", "Harbor IOP", "--admin-email", "lee@harbor.example", "--admin-name", "Dr. Lee"], `${PASSWORD}\n`);
  await clinicCli(["create-staff", "--clinic", "1", "--email", THERAPIST, "--name", "Kim Ortiz"], `${PASSWORD}\n`);
  await clinicCli(["create-patient", "--clinic", "1", "--given", "Sam", "--family", "Rivera"]);
  await clinicCli(["create-program", "--clinic", "1", "--name", "IOP evening group", "--time-zone", "America/Chicago"]);
  await clinicCli(["add-member", "--program", "1", "--patient", "1"]);
  await clinicCli(["assign-care-team", "--patient", "1", "--staff", "2"]);
  const monday = new Date();
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 14);
  await clinicCli(["schedule", "--program", "1", "--first-day", isoDay(monday), "--weekdays", "mon,wed,fri", "--start", "18:00", "--end", "21:00", "--weeks", "3"]);
  for (const [appointment, status] of [[1, "fulfilled"], [2, "fulfilled"], [3, "noshow"], [4, "fulfilled"], [5, "fulfilled"], [6, "fulfilled"]]) {
    await clinicCli(["attendance", "--appointment", String(appointment), "--status", status]);
  }
  const code = (await clinicCli(["issue-code", "--patient", "1"])).split(" ")[0];

  server = spawn(CLINIC, ["--data", data, "serve", "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RUST_LOG: "warn" } });
  base = await new Promise((ok, fail) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const found = out.match(/listening on (\S+)/);
      if (found) ok(`http://${found[1]}`);
    });
    server.on("exit", (code) => fail(new Error(`server exited (${code})`)));
    setTimeout(() => fail(new Error("server did not start")), 15_000);
  });

  // The patient's app: a vault with two craving records, enrolled with the code, sharing them.
  const connected = await device(["enroll", "--vault", vault, "--server", base, "--code", code, ...ENTRIES.flatMap((e) => ["--entry", e])]);
  assert.match(connected, /^connected /);
  const expires = new Date(Date.now() + 30 * 86_400_000);
  const sent = await device(["send", "--vault", vault, "--expires", isoDay(expires)]);
  consent = sent.split(" ")[1];
  assert.match(consent, /^\d+$/, `the clinic acknowledged the consent: ${sent}`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill("SIGTERM");
  if (data) await rm(data, { recursive: true, force: true });
});

async function newPage(size, colorScheme = "light") {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, colorScheme });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  return { context, page, problems };
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
  });
}

/** Signs in with the keyboard only: skip link, fields and the button are all reachable by Tab. */
async function signInByKeyboard(page) {
  await page.goto(`${base}/portal/`);
  assert.match(page.url(), /\/portal\/sign-in/);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to main content");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "email");
  await page.keyboard.type(THERAPIST);
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === "/portal/patients");
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

test("the therapist sees what the patient shared, with the Part 2 notice, accessible at tablet and desktop sizes", async () => {
  for (const size of SIZES) {
    for (const scheme of ["light", "dark"]) {
      const { context, page, problems } = await newPage(size, scheme);
      const signIn = await page.goto(`${base}/portal/sign-in`);
      assert.equal(signIn.status(), 200);
      assert.deepEqual(await axe(page), [], `sign-in form, ${size.name} ${scheme}`);
      await shot(page, `sign-in-${size.name}-${scheme}`);
      await signInByKeyboard(page);
      assert.deepEqual(await axe(page), [], `patient list, ${size.name} ${scheme}`);
      await shot(page, `patients-${size.name}-${scheme}`);
      // Follow the patient link by keyboard as well.
      await page.getByRole("link", { name: "Sam Rivera" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/portal/patients/1");
      const records = page.locator("article.record");
      assert.equal(await records.count(), ENTRIES.length, "one article per shared entry");
      for (const text of ENTRIES) {
        assert.equal(await page.getByText(text, { exact: true }).count(), 1, `shared entry shown: ${text}`);
      }
      for (let i = 0; i < ENTRIES.length; i++) {
        const notice = records.nth(i).locator(".notice");
        assert.match(await notice.innerText(), /42 CFR part 2/, "every disclosed record carries the notice");
        assert.match(await notice.innerText(), /prohibit you from making any further disclosure/);
      }
      assert.ok(await page.locator("svg.chart[role=img]").count() >= 2, "attendance and craving charts");
      assert.ok(await page.getByRole("table", { name: "Attendance by week" }).isVisible(), "the chart has a table alternative");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling at ${size.name} (${overflow}px)`);
      assert.deepEqual(await axe(page), [], `patient page, ${size.name} ${scheme}`);
      await shot(page, `patient-${size.name}-${scheme}`);
      assert.deepEqual(problems, [], "no console errors or CSP violations");
      await context.close();
    }
  }
});

test("each view appears in the patient's accounting of disclosures", async () => {
  const lines = await device(["accounting", "--vault", vault, "--consent", consent]);
  assert.match(lines, /Kim Ortiz/, `the therapist's views are listed:\n${lines}`);
});

test("after the patient revokes, the portal shows nothing and the API refuses the entries", async () => {
  const therapist = await api("POST", "/staff/sign-in", { json: { email: THERAPIST, password: PASSWORD } });
  assert.equal(therapist.status, 200);
  const { context, page } = await newPage(SIZES[0]);
  await signInByKeyboard(page);
  await page.goto(`${base}/portal/patients/1`);
  const ids = await page.locator("article.record h4").evaluateAll((hs) => hs.map((h) => h.id.replace("entry-", "")));
  assert.equal(ids.length, ENTRIES.length);
  const before = await api("GET", `/fhir/QuestionnaireResponse/${ids[0]}`, { token: therapist.body.token });
  assert.equal(before.status, 200, "the care-team therapist can read a shared entry while the consent is in force");

  const revoked = await device(["revoke", "--vault", vault, "--consent", consent]);
  assert.match(revoked, /^revoked /);

  await page.reload();
  assert.equal(await page.locator("article.record").count(), 0, "revoked entries are gone from the portal");
  for (const text of ENTRIES) assert.equal(await page.getByText(text).count(), 0);
  assert.ok(await page.getByText("Nothing is shared with you at the moment.").isVisible());
  assert.deepEqual(await axe(page), []);
  await shot(page, "patient-after-revoke-desktop-light");
  for (const id of ids) {
    const after = await api("GET", `/fhir/QuestionnaireResponse/${id}`, { token: therapist.body.token });
    assert.ok([403, 404].includes(after.status), `the API refuses a revoked entry (got ${after.status})`);
  }
  const shares = await api("GET", "/staff/patients/1/shares", { token: therapist.body.token });
  assert.ok(shares.status >= 400 || !JSON.stringify(shares.body).includes(ENTRIES[0]), "the staff API lists no revoked entry");

  // Sign out with the keyboard; the session is over.
  await page.getByRole("button", { name: "Sign out" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.search.includes("reason=signed-out"));
  await page.goto(`${base}/portal/patients/1`);
  assert.match(page.url(), /\/portal\/sign-in/, "after sign-out the portal asks to sign in again");
  await context.close();
});
