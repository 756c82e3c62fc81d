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

/** A zone where it is now between 02:00 and 20:59, so a session can have started today and end today. */
function workingZone() {
  for (const zone of ["America/Chicago", "UTC", "Asia/Tokyo", "America/Los_Angeles", "Europe/Berlin", "Pacific/Auckland"]) {
    const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
    if (hour >= 2 && hour <= 20) return { zone, hour };
  }
  throw new Error("no zone fits");
}

function localDay(zone, offsetDays = 0) {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

const pad = (n) => String(n).padStart(2, "0");

async function signInAs(page, email) {
  await page.goto(`${base}/portal/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/portal/patients");
}

async function checkEverywhere(path, name) {
  for (const size of SIZES) {
    for (const scheme of ["light", "dark"]) {
      const { context, page, problems } = await newPage(size, scheme);
      await signInAs(page, "lee@harbor.example");
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: no horizontal scrolling at ${size.name} (${overflow}px)`);
      assert.deepEqual(await axe(page), [], `${name}, ${size.name} ${scheme}`);
      await shot(page, `${name}-${size.name}-${scheme}`);
      assert.deepEqual(problems, [], "no console errors or CSP violations");
      await context.close();
    }
  }
}

test("staff run a clinic's week: program and series, enrollment with a code, roster, late 20 minutes, step-down, discharge", async () => {
  const { zone, hour } = workingZone();
  const today = localDay(zone);
  const { context, page, problems } = await newPage(SIZES[0]);
  await signInAs(page, "lee@harbor.example");

  // A program.
  await page.getByRole("link", { name: "Programs" }).click();
  await page.getByLabel("Program name").fill("Day IOP");
  await page.getByLabel("Time zone (IANA name)").fill(zone);
  await page.getByLabel("Level of care", { exact: true }).selectOption("iop");
  await page.getByRole("button", { name: "Create program" }).click();
  await page.waitForURL(/\/portal\/programs\/\d+$/);
  const programUrl = page.url();

  // A patient, enrolled with a code shown once as text and as a QR code.
  await page.getByRole("link", { name: "All patients" }).click();
  await page.getByLabel("Given name").fill("Jordan");
  await page.getByLabel("Family name").fill("Lake");
  await page.getByRole("button", { name: "Add patient" }).click();
  await page.waitForURL(/\/portal\/clinic\/patients\/\d+$/);
  const patientUrl = page.url();
  await page.getByRole("button", { name: "Create enrollment code" }).click();
  const code = (await page.locator("#enrollment-code").innerText()).trim();
  assert.match(code, /^[A-Z0-9]{4}-?[A-Z0-9]{4}$/, `the code is visible: ${code}`);
  assert.ok(await page.getByRole("img", { name: "QR code of the enrollment code" }).isVisible());
  assert.deepEqual(await axe(page), [], "the enrollment code page");
  await shot(page, "enrollment-code-desktop-light");
  await page.getByLabel("Staff member").selectOption({ label: "Kim Ortiz" });
  await page.getByRole("button", { name: "Add to care team" }).click();
  await page.getByLabel("Program", { exact: true }).selectOption({ label: "Day IOP" });
  await page.getByLabel("Level of care", { exact: true }).selectOption("iop");
  await page.getByLabel("From", { exact: true }).fill(today);
  await page.getByRole("button", { name: "Save level of care" }).click();
  assert.ok(await page.getByRole("cell", { name: "Intensive outpatient (ASAM 2.1)" }).isVisible());

  // Into the program; a session that started an hour ago and a Mon/Wed/Fri series from tomorrow.
  await page.goto(programUrl);
  await page.getByLabel("Patient", { exact: true }).selectOption({ label: "Jordan Lake" });
  await page.getByRole("button", { name: "Add to program" }).click();
  await page.getByLabel("Kind of session").selectOption("group-therapy");
  await page.getByLabel("First day").fill(today);
  await page.getByLabel("Start time").fill(`${pad(hour - 1)}:00`);
  await page.getByLabel("End time").fill(`${pad(hour + 2)}:00`);
  await page.getByLabel("Topic (optional)").fill("Coping with cravings");
  await page.getByLabel("Place (optional)").fill("Room 2");
  await page.getByRole("button", { name: "Schedule" }).click();
  await page.waitForURL(programUrl);
  await page.getByLabel("First day").fill(localDay(zone, 1));
  for (const day of ["Monday", "Wednesday", "Friday"]) await page.getByLabel(day).check();
  await page.getByLabel("Start time").fill("18:00");
  await page.getByLabel("End time").fill("21:00");
  await page.getByLabel("Number of weeks").fill("2");
  await page.getByRole("button", { name: "Schedule" }).click();
  await page.waitForURL(programUrl);
  assert.ok((await page.locator("table tbody tr").count()) >= 6, "today's session and the series");

  // Today's roster: no answer yet; mark late by 20 minutes.
  await page.goto(`${base}/portal/today?date=${today}`);
  await page.getByRole("link", { name: /Day IOP: Group therapy/ }).click();
  assert.ok(await page.getByRole("cell", { name: "No answer yet" }).isVisible());
  await page.getByLabel("Attendance for Jordan Lake").selectOption("late");
  await page.getByLabel("Minutes late or left early for Jordan Lake").fill("20");
  await page.getByRole("button", { name: "Record for Jordan Lake" }).click();
  assert.ok(await page.getByRole("cell", { name: "Late 20 min" }).isVisible());
  assert.ok(await page.getByRole("cell", { name: "2.67" }).isVisible(), "3 hours less 20 minutes");
  const sessionUrl = page.url();

  // A refused form keeps what was typed.
  await page.goto(programUrl);
  await page.getByLabel("First day").fill(today);
  await page.getByLabel("Start time").fill("21:00");
  await page.getByLabel("End time").fill("18:00");
  await page.getByLabel("Topic (optional)").fill("Backwards");
  await page.getByRole("button", { name: "Schedule" }).click();
  assert.match(await page.getByRole("alert").innerText(), /must end after it starts/);
  assert.equal(await page.getByLabel("Topic (optional)").inputValue(), "Backwards");
  // Chromium logs the refused form's 400 answer as a failed load; that one is expected.
  assert.deepEqual(problems.splice(0), ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);

  // Step down from tomorrow, then discharge the day after: aftercare check-ins are scheduled.
  await page.goto(patientUrl);
  await page.getByLabel("Level of care", { exact: true }).selectOption("outpatient");
  await page.getByLabel("Weekly target in hours (outpatient: required)").fill("3");
  await page.getByLabel("From", { exact: true }).fill(localDay(zone, 1));
  await page.getByRole("button", { name: "Save level of care" }).click();
  assert.ok(await page.getByRole("cell", { name: "3 hours a week" }).isVisible());
  await page.getByLabel("Discharge date").fill(localDay(zone, 2));
  await page.getByRole("button", { name: "Discharge" }).click();
  assert.ok(await page.getByRole("cell", { name: "Aftercare" }).isVisible());
  await page.goto(programUrl);
  assert.equal(await page.getByRole("cell", { name: "Aftercare check-in" }).count(), 0, "check-ins are 30+ days out, beyond the 4-week list");
  assert.deepEqual(problems, []);
  await context.close();

  for (const [path, name] of [
    [`/portal/today?date=${today}`, "today"],
    ["/portal/worklist", "worklist"],
    ["/portal/programs", "programs"],
    [new URL(programUrl).pathname, "program"],
    [new URL(sessionUrl).pathname, "roster"],
    [new URL(patientUrl).pathname, "patient-admin"],
    ["/portal/clinic/staff", "staff"],
  ]) {
    await checkEverywhere(path, name);
  }
});
