// The pseudo-locale proves that nothing on a screen is hard-coded. With the language set to en-XA
// through the real core (`language_set`), the test walks every screen and state of the app (first
// run, unlock and its errors and lockout, home, log craving, HALT, urge surfing, sessions, my plan,
// the help layer locked and unlocked, insights, settings with a new recovery key, quick unlock on a
// phone and a new key for everything, clinic connect, sharing, and the inline "are you sure?"
// dialogs) and collects every visible text, aria-label, title and placeholder that is
// not a pseudo message (catalog.mjs `unmarked`): outside the [ ] markers only numbers, dates and
// times, the brand name, and the patient's own words (below) may appear. It also collects the states
// where the ~35% longer text makes the page scroll sideways at 390 px. Both lists must be empty.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openAllDetails, openApp, overflowX, PASSPHRASE, shot, startBridge } from "./harness.mjs";
import { unmarked, words } from "./catalog.mjs";

const X = words("en-XA");
const SIZE = { name: "phone", width: 390, height: 844 };

/** The patient's own words: the journal of fixtures.mjs, the clinic's data and what this test types. */
const PATIENT_DATA = [
  // fixtures.mjs
  "Stress at work", "Payday", "Old friends", "Evenings alone", "Arguments", "After a long shift", "Went for a walk", "Called my sponsor",
  "Evening group", "Riverside Clinic, room 2", "Sam", "+1 555 0100", "Dr. Ortiz", "+1 555 0199", "Weekdays 9 to 5",
  "Ask my partner to hold my card for the weekend", "Worn out after work", "Eat, then rest for 20 minutes", "Skipping meals", "Not answering texts",
  "The bar on 5th Street", "Walk by the river", "Play guitar", "Community meeting", "Tuesdays 7 pm", "Community center", "Call Sam",
  "Tell my counselor at the next session", "Go back to my plan: one lapse does not undo my progress",
  // the bridge's clinic (tests/bridge/src/clinic.rs)
  "Riverside Clinic", "IOP evening group", "Dana Ortiz, LCSW",
  // typed below
  "Individual with Dr. Ortiz", "Jordan", "+1 555 0142", "a hard afternoon",
];

let server;
let browser;
before(async () => {
  server = await startBridge();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** What a state shows that is not in the catalog, and whether it scrolls sideways, collected per state. */
function collector(page) {
  const found = [];
  const wide = [];
  const scan = async (state) => {
    await page.waitForTimeout(200); // debounced checks, async loads
    await openAllDetails(page);
    for (const u of await unmarked(page, PATIENT_DATA)) found.push(`${state}: ${u.where}: "${u.text}"`);
    const over = await overflowX(page);
    if (over > 0) wide.push(`${state}: ${over}px wider than 390`);
    await shot(page, `pseudo-${state}`);
  };
  return { found, wide, scan };
}

const button = (page, id, args) => page.getByRole("button", { name: X(id, args), exact: true });
/** A message's text up to its first placeable, as a pattern: for names that end in the patient's data or a date. */
const opening = (id, ...vars) => new RegExp("^" + X(id, Object.fromEntries(vars.map((v) => [v, "\u0000"]))).split("\u0000")[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
const nav = (page, screen) => button(page, `app-nav-${screen}`).click();

/** Fails with every finding: each unmarked text once (the first state it showed in, and how often). */
function report(found, wide) {
  const seen = new Map();
  for (const f of found) {
    const text = f.slice(f.indexOf(": ") + 2);
    const first = seen.get(text);
    if (first) first.more += 1;
    else seen.set(text, { line: f, more: 0 });
  }
  const unique = [...seen.values()].map((s) => (s.more ? `${s.line} (+${s.more} more)` : s.line));
  assert.ok(
    unique.length === 0 && wide.length === 0,
    `visible text outside the catalog (hard-coded), ${unique.length}:\n${unique.join("\n")}\n` + `layouts that scroll sideways with the longer pseudo text, ${wide.length}:\n${wide.join("\n")}`,
  );
}

test("en-XA: first run, every step and its errors, and the help layer before any vault", async () => {
  const ctx = await openApp(browser, server, { size: SIZE, theme: "light", scenario: "fresh", language: "en-XA" });
  const { page } = ctx;
  const { found, wide, scan } = collector(page);
  try {
    await page.locator("main h1").first().waitFor();
    if (await page.getByRole("heading", { name: X("first-run-language-title") }).isVisible()) {
      await scan("first-run-language");
      await button(page, "common-continue").click();
    }
    await page.getByRole("heading", { name: X("first-run-welcome-title") }).waitFor();
    await scan("first-run-welcome");
    await button(page, "app-get-help").click();
    await page.locator("[role=dialog]").waitFor();
    await page.locator("[role=dialog] button").nth(2).waitFor();
    await scan("help-first-run");
    await page.keyboard.press("Escape");
    await button(page, "first-run-get-started").click();
    const pass = page.getByLabel(X("first-run-passphrase-label"), { exact: true });
    await pass.fill("short");
    await page.waitForTimeout(600);
    await scan("first-run-passphrase-weak");
    await pass.fill(PASSPHRASE + " by the sea");
    await page.getByLabel(X("first-run-repeat-label")).fill(PASSPHRASE);
    await page.waitForTimeout(600);
    await scan("first-run-passphrase-mismatch");
    await page.getByLabel(X("first-run-repeat-label")).fill(PASSPHRASE + " by the sea");
    await page.getByLabel(X("first-run-understand")).check();
    await page.waitForTimeout(600);
    await scan("first-run-passphrase-strong");
    await button(page, "common-continue").click();
    await page.getByLabel(X("first-run-start-label")).waitFor();
    await scan("first-run-start-date");
    await button(page, "first-run-create").click();
    await page.getByRole("heading", { name: X("first-run-key-title") }).waitFor();
    const groups = (await page.locator(".key span").allTextContents()).map((g) => g.trim());
    await scan("first-run-recovery-key");
    await button(page, "first-run-key-written").click();
    const asked = Number((await page.locator("label[for=part]").textContent()).match(/\d+/)[0]);
    await page.locator("#part").fill("wrong");
    await button(page, "first-run-confirm").click();
    await page.locator("main .error").first().waitFor();
    await scan("first-run-confirm-wrong");
    await page.locator("#part").fill(groups[asked - 1]);
    await button(page, "first-run-confirm").click();
    await button(page, "app-nav-settings").waitFor();
    await scan("home-empty");
    report(found, wide);
  } finally {
    await ctx.context.close();
  }
});

test("en-XA: the lock screen's lockout countdown", async () => {
  const ctx = await openApp(browser, server, { size: SIZE, theme: "light", scenario: "seeded", language: "en-XA" });
  const { page } = ctx;
  const { found, wide, scan } = collector(page);
  try {
    const field = page.getByLabel(X("unlock-passphrase-label"));
    for (let i = 0; i < 5; i++) {
      await field.fill(`wrong ${i}`);
      await button(page, "unlock-unlock").click();
      await page.locator("main .error").first().waitFor();
    }
    await page.waitForFunction(() => document.querySelector("main button[type=submit]")?.disabled === true);
    await scan("unlock-lockout");
    report(found, wide);
  } finally {
    await ctx.context.close();
  }
});

test("en-XA: the lock screen and every screen and state of the unlocked app", async () => {
  const ctx = await openApp(browser, server, { size: SIZE, theme: "light", scenario: "seeded", clock: true, language: "en-XA" });
  const { page } = ctx;
  const { found, wide, scan } = collector(page);
  try {
    // Locked: the lock screen, a wrong passphrase, the recovery-key form, the help layer.
    await page.getByRole("heading", { name: X("unlock-title") }).waitFor();
    await scan("unlock");
    await page.getByLabel(X("unlock-passphrase-label")).fill("not it");
    await button(page, "unlock-unlock").click();
    await page.locator("main .error").first().waitFor();
    await scan("unlock-wrong");
    await button(page, "unlock-use-key").click();
    await page.getByLabel(X("unlock-recovery-key-label"), { exact: true }).waitFor();
    await scan("unlock-recovery");
    await button(page, "unlock-use-passphrase").click();
    await button(page, "app-get-help").click();
    await page.locator("[role=dialog] button").nth(2).waitFor();
    await scan("help-locked");
    await page.keyboard.press("Escape");
    await page.getByLabel(X("unlock-passphrase-label")).fill(PASSPHRASE);
    await button(page, "unlock-unlock").click();

    await page.locator("#week-sentence").waitFor();
    await scan("home");

    // Log craving: the form, saved, a lapse, editing, the delete question, the filters.
    await nav(page, "cravings");
    await page.getByRole("heading", { name: X("cravings-title") }).waitFor();
    await page.locator(".entries > li").first().waitFor();
    await scan("cravings");
    await page.locator("#cr-intensity").fill("7");
    await button(page, "trigger-need-tired").click();
    await button(page, "cravings-save-entry").click();
    await page.getByText(X("cravings-saved-text")).waitFor();
    await scan("cravings-saved");
    await page.locator("#cr-intensity").fill("8");
    if (!(await page.getByLabel(X("cravings-outcome-used")).isVisible())) await page.getByText(X("cravings-more-detail")).click();
    await page.locator("#cr-situation").fill("a hard afternoon");
    await page.getByLabel(X("cravings-outcome-used")).check();
    await button(page, "cravings-save-entry").click();
    await page.getByText(X("cravings-lapse-thanks")).waitFor();
    await scan("cravings-lapse");
    await page.getByRole("button", { name: opening("cravings-edit-label", "day", "time") }).first().click();
    await page.getByRole("heading", { name: X("cravings-title-edit") }).waitFor();
    await scan("cravings-edit");
    await button(page, "cravings-cancel-edit").click();
    await page.locator(".entries > li").first().getByRole("button", { name: X("common-delete"), exact: true }).click();
    await button(page, "common-delete-for-good").waitFor();
    await scan("cravings-delete-question");
    await button(page, "common-keep-it").click();

    // HALT: the check and its suggestions.
    await nav(page, "halt");
    await page.getByRole("heading", { name: X("halt-title") }).waitFor();
    await scan("halt");
    await page.getByRole("group", { name: X("halt-question-tired") }).getByLabel(X("halt-rating-3")).check();
    await page.getByRole("group", { name: X("halt-question-lonely") }).getByLabel(X("halt-rating-2")).check();
    await button(page, "halt-submit").click();
    await page.getByRole("heading", { name: X("halt-help-title") }).waitFor();
    await scan("halt-suggestions");

    // Urge surfing: start, a step, the end, the wave.
    await nav(page, "urge");
    await page.getByRole("heading", { name: X("urge-title") }).waitFor();
    await scan("urge-start");
    await button(page, "urge-begin").click();
    await page.getByRole("timer").waitFor();
    await scan("urge-step");
    for (const v of ["8", "7", "5", "3"]) {
      await page.clock.fastForward("03:00");
      await page.locator("#urge-step").fill(v);
      await button(page, "urge-next-step").click();
    }
    await page.clock.fastForward("03:00");
    await button(page, "urge-finish").click();
    await page.clock.fastForward("00:30");
    await page.locator("#urge-end").fill("2");
    await page.getByLabel(X("urge-acted-no")).check();
    await scan("urge-end");
    await button(page, "urge-save").click();
    await page.getByRole("heading", { name: X("urge-done-title") }).waitFor();
    await scan("urge-wave");

    // Sessions: the lists, an answer, the form, a session of the patient's own marked, the remove question.
    await nav(page, "sessions");
    await page.getByRole("heading", { name: X("sessions-upcoming") }).waitFor();
    await button(page, "sessions-respond-tentative").first().click();
    await scan("sessions");
    await button(page, "sessions-add").click();
    await scan("sessions-add");
    const y = new Date(Date.now() - 86_400_000);
    const ymd = `${y.getFullYear()}-${String(y.getMonth() + 1).padStart(2, "0")}-${String(y.getDate()).padStart(2, "0")}`;
    await page.locator("#s-date").fill(ymd);
    await page.locator("#s-start").fill("10:00");
    await page.locator("#s-end").fill("11:00");
    await page.locator("#s-title").fill("Individual with Dr. Ortiz");
    await page.locator("#s-kind").selectOption("individual");
    await button(page, "sessions-save").click();
    const own = page.locator("li.card", { has: page.getByRole("heading", { name: "Individual with Dr. Ortiz" }) });
    await own.getByRole("button", { name: X("sessions-was-there") }).click();
    await own.getByRole("button", { name: X("sessions-clear-mark") }).waitFor();
    await own.getByRole("button", { name: X("sessions-remove"), exact: true }).click();
    await own.getByRole("button", { name: X("sessions-remove-confirm") }).waitFor();
    await scan("sessions-self-reported-remove-question");
    await own.getByRole("button", { name: X("common-keep-it") }).click();

    await nav(page, "insights");
    await page.locator("main h2").first().waitFor();
    await page.waitForTimeout(300);
    await scan("insights");

    // My plan: reading, editing, a contact's form and its remove question.
    await nav(page, "plan");
    await page.getByRole("heading", { name: X("plan-after-lapse-title") }).waitFor();
    await scan("plan");
    await button(page, "plan-edit").click();
    await scan("plan-edit");
    await button(page, "plan-save").click();
    await button(page, "plan-add-contact").click();
    await page.locator("#c-name").fill("Jordan");
    await page.locator("#c-phone").fill("+1 555 0142");
    await scan("plan-contact-form");
    await button(page, "plan-save-contact").click();
    await page.getByRole("heading", { name: "Jordan" }).waitFor();
    await button(page, "plan-remove-label", { name: "Jordan" }).click();
    await scan("plan-contact-remove-question");
    await button(page, "common-keep-it").click();

    // The help layer while unlocked, with the patient's own people.
    await button(page, "app-get-help").click();
    await page.locator("[role=dialog] h2").nth(1).waitFor();
    await page.waitForTimeout(300);
    await scan("help-unlocked");
    await page.keyboard.press("Escape");

    // Settings, and a new recovery key shown.
    await nav(page, "settings");
    await page.locator("#s-wt").waitFor();
    await scan("settings");
    await page.locator("#s-kp").fill(PASSPHRASE);
    await button(page, "settings-key-submit").click();
    await button(page, "settings-wrote-it-down").waitFor();
    await scan("settings-new-key");
    await button(page, "settings-wrote-it-down").click();
    report(found, wide);
  } finally {
    await ctx.context.close();
  }
});

test("en-XA: sharing and the clinic: connect, a wrong code, connected, a parked answer, sign, who viewed, the questions", async () => {
  const ctx = await openApp(browser, server, { size: SIZE, theme: "light", scenario: "seeded", language: "en-XA" });
  const { page } = ctx;
  const { found, wide, scan } = collector(page);
  try {
    await page.getByLabel(X("unlock-passphrase-label")).fill(PASSPHRASE);
    await button(page, "unlock-unlock").click();
    await button(page, "app-nav-share").waitFor();

    // Sharing before a clinic, then the clinic: connect (a wrong code), connected, a parked answer, disconnect.
    await nav(page, "share");
    await button(page, "share-go-to-clinic").waitFor();
    await scan("share-not-connected");
    const clinic = await server.clinic("start");
    await nav(page, "clinic");
    await page.locator("#c-server").waitFor();
    await scan("clinic-connect");
    await page.locator("#c-server").fill(clinic.url);
    await page.locator("#c-code").fill("RIVER-1999");
    await button(page, "clinic-connect-submit").click();
    await page.locator("main .error").waitFor();
    await scan("clinic-wrong-code");
    await page.locator("#c-code").fill(clinic.code);
    await button(page, "clinic-connect-submit").click();
    await page.getByRole("heading", { name: "Riverside Clinic" }).waitFor();
    await page.locator("main .notice").waitFor();
    await scan("clinic-connected");
    // Another device enrolled in the patient's name: the warning on Clinic and on Home.
    await server.clinic("another-device");
    await button(page, "clinic-sync-now").click();
    await page.getByRole("heading", { name: X("clinic-new-device-title") }).waitFor();
    await scan("clinic-new-device");
    await nav(page, "home");
    await page.getByRole("heading", { name: X("home-device-title") }).waitFor();
    await scan("home-new-device");
    await nav(page, "clinic");
    await button(page, "clinic-seen-it").click();
    await nav(page, "sessions");
    const booked = page.locator("li", { has: page.getByRole("heading", { name: "IOP evening group" }) });
    await booked.getByRole("button", { name: X("sessions-respond-declined") }).click();
    await booked.getByText(X("sessions-response-declined")).waitFor();
    await nav(page, "clinic");
    await server.clinic("drop-sessions");
    await button(page, "clinic-sync-now").click();
    await page.getByRole("heading", { name: X("clinic-parked-title") }).waitFor();
    await scan("clinic-parked");
    await button(page, "clinic-disconnect").click();
    await button(page, "clinic-disconnect-confirm").waitFor();
    await scan("clinic-disconnect-question");
    await button(page, "common-keep-it").click();

    // Sharing: choose, preview with the consent, signed, who viewed, the revoke question.
    await nav(page, "share");
    await page.getByRole("heading", { name: X("share-choose-with", { clinic: "Riverside Clinic" }) }).waitFor();
    await scan("share-choose");
    await page.getByLabel(X("share-mode-pick")).check();
    await page.waitForTimeout(200);
    await scan("share-pick");
    await page.getByLabel(X("share-mode-range")).check();
    await button(page, "share-preview").click();
    await page.getByRole("heading", { name: X("share-preview-title") }).waitFor();
    await scan("share-preview");
    await page.getByLabel(X("share-agree")).check();
    await page.locator("#sign-pass").fill(PASSPHRASE);
    await button(page, "share-sign").click();
    await page.getByRole("heading", { name: X("share-list-title") }).waitFor();
    await server.clinic("staff-view");
    await page.getByRole("button", { name: opening("share-who-viewed-label", "when") }).first().click();
    await page.locator("main h4").first().waitFor();
    await scan("share-shared");
    await button(page, "share-revoke").first().click();
    await button(page, "share-revoke-confirm").waitFor();
    await scan("share-revoke-question");
    // The clinic no longer accepts this device: nothing is sent, connect again.
    await server.clinic("revoke");
    await nav(page, "clinic");
    await button(page, "clinic-sync-now").click();
    await page.getByRole("heading", { name: X("clinic-connect-again-title") }).waitFor();
    await scan("clinic-refused");
    report(found, wide);
  } finally {
    await ctx.context.close();
  }
});

test("en-XA: on a phone, quick unlock off and on, the lock screen's fingerprint button, and a new key for everything", async () => {
  const ctx = await openApp(browser, server, { size: SIZE, theme: "dark", scenario: "seeded", phone: true, language: "en-XA" });
  const { page } = ctx;
  const { found, wide, scan } = collector(page);
  try {
    await page.getByLabel(X("unlock-passphrase-label")).fill(PASSPHRASE);
    await button(page, "unlock-unlock").click();
    await nav(page, "settings");
    await page.getByRole("heading", { name: X("settings-quick-title") }).waitFor();
    await scan("settings-quick-unlock-off");
    await page.locator("#s-qp").fill(PASSPHRASE);
    await button(page, "settings-quick-turn-on").click();
    await page.getByText(X("settings-quick-is-on")).waitFor();
    await scan("settings-quick-unlock-on");
    await button(page, "app-lock").click();
    await button(page, "unlock-biometric").waitFor();
    await scan("unlock-quick");
    await button(page, "unlock-biometric").click();
    await nav(page, "settings");
    // "Someone may know my passphrase": the new key shown once, then one group typed back (wrong first).
    const next = PASSPHRASE + " and the harbor lights";
    await page.locator("#s-cur").fill(PASSPHRASE);
    await page.locator("#s-new").fill(next);
    await page.locator("#s-new2").fill(next);
    await page.locator("#s-rotate").check();
    await page.waitForTimeout(600);
    await scan("settings-rotate-asked");
    await button(page, "settings-pass-submit-rotate").click();
    await button(page, "settings-wrote-it-down").waitFor({ timeout: 30_000 });
    await scan("settings-rotated-key");
    await button(page, "settings-wrote-it-down").click();
    await page.locator("#s-rk-part").fill("wrong");
    await button(page, "settings-confirm").click();
    await page.getByText(X("settings-rotated-mismatch")).waitFor();
    await scan("settings-rotated-check-wrong");
    report(found, wide);
  } finally {
    await ctx.context.close();
  }
});
