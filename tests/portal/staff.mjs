// One staff step in the clinic's portal, in headless Chromium, for the app's end-to-end test of a
// clinic's week (tests/e2e/tests/app/care.rs): signs in at /portal, does exactly the named step
// through the pages' labels and buttons, runs axe on the page the step ends on, saves a screenshot and
// prints one line of JSON. Any failure exits non-zero with the reason on stderr.
//
//   node tests/portal/staff.mjs <step> '<json>'
//
// The JSON always carries base, email, password and shots (the screenshot folder); the rest is the
// step's data (see STEPS).
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const requireUi = createRequire(join(root, "ui", "package.json"));
const { chromium } = requireUi("playwright-core");

class StepFailed extends Error {}

function expect(ok, message) {
  if (!ok) throw new StepFailed(message);
}

async function signIn(page, args) {
  await page.goto(`${args.base}/portal/sign-in`);
  await page.getByLabel("Email").fill(args.email);
  await page.getByLabel("Password").fill(args.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/portal/patients");
}

/** The session of the day's roster, reached from the Today page by its link. */
async function openSession(page, args) {
  await page.goto(`${args.base}/portal/today?date=${args.day}`);
  await page.getByRole("link", { name: `${args.program}: Group therapy` }).click();
  await page.waitForURL(/\/portal\/sessions\/\d+$/);
}

/** The cells of the patient's row on a roster, by column header. */
async function rosterRow(page, name) {
  const row = page.locator("table tbody tr").filter({ has: page.getByRole("rowheader", { name }) });
  const cells = await row.locator("td").allInnerTexts();
  expect(cells.length >= 3, `no roster row for ${name}`);
  const [answer, attendance, hours] = cells.map((c) => c.trim());
  return { answer, attendance, hours };
}

const STEPS = {
  /** {name, zone, level} -> {program}: the program's path. */
  async program(page, args) {
    await page.getByRole("link", { name: "Programs" }).click();
    await page.getByLabel("Program name").fill(args.name);
    await page.getByLabel("Time zone (IANA name)").fill(args.zone);
    await page.getByLabel("Level of care", { exact: true }).selectOption(args.level);
    await page.getByRole("button", { name: "Create program" }).click();
    await page.waitForURL(/\/portal\/programs\/\d+$/);
    return { program: new URL(page.url()).pathname };
  },

  /** {program, programName, given, family, level, from} -> {patient, code}: adds the patient,
   * creates the enrollment code, sets the level of care and adds them to the program. */
  async enroll(page, args) {
    const name = `${args.given} ${args.family}`;
    await page.getByRole("link", { name: "All patients" }).click();
    await page.getByLabel("Given name").fill(args.given);
    await page.getByLabel("Family name").fill(args.family);
    await page.getByRole("button", { name: "Add patient" }).click();
    await page.waitForURL(/\/portal\/clinic\/patients\/\d+$/);
    const patient = new URL(page.url()).pathname;
    await page.getByLabel("Program", { exact: true }).selectOption({ label: args.programName });
    await page.getByLabel("Level of care", { exact: true }).selectOption(args.level);
    await page.getByLabel("From", { exact: true }).fill(args.from);
    await page.getByRole("button", { name: "Save level of care" }).click();
    await page.goto(`${args.base}${args.program}`);
    await page.getByLabel("Patient", { exact: true }).selectOption({ label: name });
    await page.getByRole("button", { name: "Add to program" }).click();
    await page.goto(`${args.base}${patient}`);
    await page.getByRole("button", { name: "Create enrollment code" }).click();
    const code = (await page.locator("#enrollment-code").innerText()).trim();
    expect(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/.test(code), `no enrollment code shown: ${code}`);
    expect(await page.getByRole("img", { name: "QR code of the enrollment code" }).isVisible(), "no QR code");
    return { patient, code };
  },

  /** {program, kind, firstDay, weekdays: ["Monday", ...], start, end, weeks, topic, place} ->
   * {listed}: rows on the program page with the series' topic. */
  async schedule(page, args) {
    await page.goto(`${args.base}${args.program}`);
    await page.getByLabel("Kind of session").selectOption(args.kind);
    await page.getByLabel("First day").fill(args.firstDay);
    for (const day of args.weekdays) await page.getByLabel(day, { exact: true }).check();
    await page.getByLabel("Start time").fill(args.start);
    await page.getByLabel("End time").fill(args.end);
    await page.getByLabel("Number of weeks").fill(String(args.weeks));
    await page.getByLabel("Topic (optional)").fill(args.topic);
    await page.getByLabel("Place (optional)").fill(args.place);
    await page.getByRole("button", { name: "Schedule" }).click();
    await page.waitForURL(`${args.base}${args.program}`);
    const listed = await page.locator("table tbody tr").filter({ hasText: args.topic }).count();
    return { listed };
  },

  /** {days: [...], program, name} -> {rows: [{day, answer, attendance, hours}]}: the patient's row
   * on each day's roster. */
  async roster(page, args) {
    const rows = [];
    for (const day of args.days) {
      await openSession(page, { ...args, day });
      rows.push({ day, ...(await rosterRow(page, args.name)) });
    }
    return { rows };
  },

  /** {day, program, name, mark, minutes} -> {answer, attendance, hours} after recording. */
  async mark(page, args) {
    await openSession(page, args);
    await page.getByLabel(`Attendance for ${args.name}`).selectOption(args.mark);
    await page.getByLabel(`Minutes late or left early for ${args.name}`).fill(String(args.minutes));
    await page.getByRole("button", { name: `Record for ${args.name}` }).click();
    await page.waitForLoadState();
    return rosterRow(page, args.name);
  },

  /** {patient, programName, level, targetHours, from} -> {levels}: the level-of-care table's text. */
  async level(page, args) {
    await page.goto(`${args.base}${args.patient}`);
    await page.getByLabel("Program", { exact: true }).selectOption({ label: args.programName });
    await page.getByLabel("Level of care", { exact: true }).selectOption(args.level);
    await page.getByLabel("Weekly target in hours (outpatient: required)").fill(String(args.targetHours ?? ""));
    await page.getByLabel("From", { exact: true }).fill(args.from);
    await page.getByRole("button", { name: "Save level of care" }).click();
    await page.waitForLoadState();
    return { levels: (await page.locator("main table").allInnerTexts()).join("\n") };
  },

  /** {patient, on, checkInTime} -> {levels, notice}: after discharge. */
  async discharge(page, args) {
    await page.goto(`${args.base}${args.patient}`);
    await page.getByLabel("Discharge date").fill(args.on);
    await page.getByLabel("Check-in time").fill(args.checkInTime);
    await page.getByRole("button", { name: "Discharge" }).click();
    // Discharge cannot be undone: the portal asks first, saying what it will do.
    await page.getByText("This cannot be undone.").waitFor();
    await page.getByRole("button", { name: "Yes, discharge" }).click();
    await page.waitForLoadState();
    const notice = await page.getByText("Aftercare check-ins are scheduled").innerText();
    return { levels: (await page.locator("main table").allInnerTexts()).join("\n"), notice };
  },
};

async function axe(page) {
  const source = await readFile(requireUi.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
}

async function main() {
  const [step, json] = process.argv.slice(2);
  const run = STEPS[step];
  if (!run || !json) throw new StepFailed(`usage: staff.mjs <${Object.keys(STEPS).join("|")}> '<json>'`);
  const args = JSON.parse(json);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    await signIn(page, args);
    const result = await run(page, args);
    const alert = await page.getByRole("alert").allInnerTexts();
    expect(alert.length === 0, `the portal refused the step: ${alert.join(" ")}`);
    const violations = await axe(page);
    expect(violations.length === 0, `axe-core found ${JSON.stringify(violations)}`);
    expect(problems.length === 0, `console errors: ${JSON.stringify(problems)}`);
    await mkdir(args.shots, { recursive: true });
    await page.screenshot({ path: join(args.shots, `portal-${args.shot ?? step}.png`), fullPage: true });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`staff.mjs: ${e instanceof StepFailed ? e.message : e.stack}\n`);
  process.exit(1);
});
