// Every screen, at phone and laptop size, in light and dark: axe-core finds nothing, nothing
// overflows sideways, every control is at least 44x44, no console error or CSP violation, and the
// webview's storage stays empty. Screenshots go to ui/test-results/screenshots/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, launch, openAllDetails, openApp, overflowX, PASSPHRASE, shot, SIZES, smallTargets, startBridge, storageSnapshot, tabNames, THEMES } from "./harness.mjs";

// `server`: the real commands through the bridge; the tests that need a clinic start a real
// tideline-clinic on loopback through it (`server.clinic("start")`) and connect on the Clinic screen.
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

const PRIMARY = ["Log craving", "HALT check", "Urge surfing", "Sessions", "Insights", "Get help now", "Lock", "Settings"];

/** The checks every screen must pass. */
async function checkScreen(ctx, name) {
  const { page, problems } = ctx;
  await page.waitForTimeout(250); // debounced strength checks, async loads
  await openAllDetails(page);
  const violations = await axe(page);
  assert.deepEqual(violations, [], `${name}: axe-core violations`);
  assert.ok((await overflowX(page)) <= 0, `${name}: the page scrolls sideways`);
  assert.deepEqual(await smallTargets(page), [], `${name}: targets smaller than 44x44`);
  assert.equal(await page.title(), "Tideline", `${name}: the window title must stay neutral`);
  assert.deepEqual(await storageSnapshot(page), { local: 0, session: 0, cookies: 0, idb: 0, caches: 0 }, `${name}: webview storage must stay empty`);
  assert.deepEqual(problems, [], `${name}: console errors or CSP violations`);
  await shot(page, name);
}

const nav = (page, name) => page.getByRole("button", { name, exact: true }).click();

/** Starts this test's real clinic and connects to it through the Clinic screen, with its code. */
async function connectClinic(page) {
  const clinic = await server.clinic("start");
  await nav(page, "Clinic");
  await page.getByLabel("Clinic address").fill(clinic.url);
  await page.getByLabel("Code from the clinic").fill(clinic.code);
  await page.getByRole("button", { name: "Connect to my clinic" }).click();
  await page.getByRole("heading", { name: "Riverside Clinic" }).waitFor();
  // And the sync that follows the connection has finished, so no later step races it.
  await page.getByText(/^Today at /).waitFor();
}
const heading = (page) => page.locator("main h1").first().textContent();

for (const size of SIZES) {
  for (const theme of THEMES) {
    describe(`${size.name} ${theme}`, () => {
      const tag = `${size.name}-${theme}`;

      test("first run: welcome, passphrase, start date, recovery key shown once and confirmed", async () => {
        const ctx = await openApp(browser, server, { size, theme, scenario: "fresh" });
        const { page } = ctx;
        try {
          // The language comes first, the system's preselected (English on the bridge).
          await page.getByRole("heading", { name: "Choose your language" }).waitFor();
          assert.ok(await page.getByRole("radio", { name: "English" }).isChecked());
          await checkScreen(ctx, `${tag}-00-language`);
          await page.getByRole("button", { name: "Continue" }).click();
          await page.getByRole("heading", { name: "Welcome to Tideline" }).waitFor();
          // Continue makes the preselected language the patient's own choice, kept by the core.
          const chosen = async () => (await server.ipc("language_get")).chosen;
          for (let i = 0; i < 50 && !(await chosen()); i++) await page.waitForTimeout(100);
          assert.deepEqual(await server.ipc("language_get").then(({ tag, chosen }) => ({ tag, chosen })), { tag: "en", chosen: true });
          await checkScreen(ctx, `${tag}-01-welcome`);
          await page.getByRole("button", { name: "Get started" }).click();
          await page.getByLabel("Passphrase", { exact: true }).fill("short");
          await page.getByText("Use at least 10 characters").waitFor();
          await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE + " by the sea");
          await page.getByLabel("Type it again").fill(PASSPHRASE + " by the sea");
          await page.getByText(/Strong|Good/).first().waitFor();
          await page.getByLabel("I understand").check();
          await checkScreen(ctx, `${tag}-02-passphrase`);
          await page.getByRole("button", { name: "Continue" }).click();
          await page.getByLabel("Program start date").waitFor();
          await checkScreen(ctx, `${tag}-03-start-date`);
          await page.getByRole("button", { name: "Create my vault" }).click();
          await page.getByRole("heading", { name: "Your recovery key" }).waitFor();
          const groups = (await page.locator(".key span").allTextContents()).map((g) => g.trim());
          assert.equal(groups.length, 8, "the core's recovery key is shown in 8 groups");
          for (const g of groups) assert.match(g, /^[0-9A-Z]{4}$/);
          await checkScreen(ctx, `${tag}-04-recovery-key`);
          await page.getByRole("button", { name: "I wrote it down" }).click();
          const field = page.getByLabel(/Type group \d+/);
          const asked = Number((await page.locator("label[for=part]").textContent()).match(/group (\d+)/)[1]);
          await field.fill("wrong");
          await page.getByRole("button", { name: "Confirm" }).click();
          await page.getByText("That does not match").waitFor();
          await checkScreen(ctx, `${tag}-05-confirm-key`);
          await field.fill(groups[asked - 1].toLowerCase());
          await page.getByRole("button", { name: "Confirm" }).click();
          await page.getByRole("heading", { name: /Day 1 of your program/ }).waitFor();
          assert.equal(await page.getByText(groups.join("")).count(), 0, "the key is gone once confirmed");
          await checkScreen(ctx, `${tag}-06-home-empty`);
        } finally {
          await ctx.context.close();
        }
      });

      test("get help now from the first-run and unlock screens", async () => {
        for (const scenario of ["fresh", "seeded"]) {
          const ctx = await openApp(browser, server, { size, theme, scenario });
          const { page } = ctx;
          try {
            await page.getByRole("button", { name: "Get help now" }).click();
            await page.getByRole("heading", { name: "Get help now" }).waitFor();
            await page.getByText("1-800-484-3731").first().waitFor(); // the lines come from the core
            for (const text of ["988", "911", "1-800-662-4357", "1-800-487-4889", "1-800-484-3731"]) assert.ok(await page.getByText(text).first().isVisible(), `${text} shown as text`);
            for (const name of ["Call 988", "Text 988", "Chat with 988", "Call 911", "Call 1-800-662-4357", "TTY 1-800-487-4889"]) {
              assert.equal(await page.getByRole("button", { name, exact: true }).count(), 1, `"${name}" is offered`);
            }
            assert.equal(await page.locator("[role=dialog] a[href]").count(), 0, "no free navigation: the shell opens every line");
            assert.equal(await page.getByRole("heading", { name: "Your people" }).count(), 0, "no personal contacts while locked");
            await checkScreen(ctx, `${tag}-help-${scenario === "fresh" ? "first-run" : "locked"}`);
            await page.keyboard.press("Escape");
            await page.getByRole("heading", { name: "Get help now" }).waitFor({ state: "detached" });
          } finally {
            await ctx.context.close();
          }
        }
      });

      test("unlock, then every screen of the unlocked app", async () => {
        const ctx = await openApp(browser, server, { size, theme, scenario: "seeded", clock: true });
        const { page } = ctx;
        try {
          await page.getByRole("heading", { name: "Tideline is locked" }).waitFor();
          await checkScreen(ctx, `${tag}-10-unlock`);
          await page.getByLabel("Passphrase").fill("not it");
          await page.getByRole("button", { name: "Unlock" }).click();
          await page.getByText("did not unlock Tideline").waitFor();
          await checkScreen(ctx, `${tag}-11-unlock-wrong`);
          await page.getByRole("button", { name: "Use recovery key" }).click();
          await page.getByLabel("Recovery key", { exact: true }).waitFor();
          await checkScreen(ctx, `${tag}-12-unlock-recovery`);
          await page.getByRole("button", { name: "Use passphrase" }).click();
          await page.getByLabel("Passphrase").fill(PASSPHRASE);
          await page.getByRole("button", { name: "Unlock" }).click();

          await page.getByRole("heading", { name: /Day 24 of your program/ }).waitFor();
          await page.getByText(/hours this week|week's 9 hours/).waitFor();
          await checkScreen(ctx, `${tag}-20-home`);

          await nav(page, "Log craving");
          await page.getByRole("heading", { name: "Log a craving" }).waitFor();
          await page.getByText(/of 14 entries/).waitFor();
          await checkScreen(ctx, `${tag}-21-cravings`);
          await page.getByLabel(/How strong is it/).fill("7");
          await page.getByRole("button", { name: "Tired", exact: true }).click();
          await page.getByRole("button", { name: "Save entry" }).click();
          await page.getByText("Noticing a craving and naming it").waitFor();
          await page.getByText(/15 of 15 entries/).waitFor();
          if (!(await page.getByLabel("Search").isVisible())) await page.getByText("Filter and search").click();
          await page.getByLabel("Search").fill("sponsor");
          await page.getByText(/^\d+ of 15 entries/).waitFor();
          await checkScreen(ctx, `${tag}-22-cravings-saved-filtered`);
          await page.getByRole("button", { name: "Clear filters" }).click();
          // A lapse gets encouragement and a next step.
          await page.getByLabel(/How strong is it/).fill("8");
          await page.getByRole("button", { name: "Lonely", exact: true }).click();
          if (!(await page.getByLabel("I used (a lapse)").isVisible())) await page.getByText("Add more detail").click();
          await page.getByLabel("I used (a lapse)").check();
          await page.getByRole("button", { name: "Save entry" }).click();
          await page.getByText("Thank you for writing this down.").waitFor();
          await checkScreen(ctx, `${tag}-23-cravings-lapse`);
          // Edit and delete.
          await page.getByRole("button", { name: /^Edit entry/ }).first().click();
          await page.getByRole("heading", { name: "Edit craving entry" }).waitFor();
          await page.getByRole("button", { name: "Cancel editing" }).click();
          await page.getByRole("button", { name: "Delete", exact: true }).first().click();
          await page.getByRole("button", { name: "Delete for good" }).click();
          await page.getByText(/15 of 15 entries/).waitFor();

          await nav(page, "HALT check");
          await page.getByText(/in \d+ of the last 7 checks/).waitFor();
          await checkScreen(ctx, `${tag}-30-halt`);
          await page.getByRole("group", { name: "How tired are you?" }).getByLabel("Very").check();
          await page.getByRole("group", { name: "How lonely or cut off do you feel?" }).getByLabel("Quite a bit").check();
          await page.getByRole("button", { name: "See what might help" }).click();
          await page.getByRole("heading", { name: "Tired: Rest" }).waitFor();
          await page.getByRole("heading", { name: "Lonely: Reach out to someone" }).waitFor();
          assert.equal(await page.locator('a[href^="tel:"]').count() > 0, true, "a one-tap call from a flagged state");
          await checkScreen(ctx, `${tag}-31-halt-suggestions`);
          await page.getByRole("button", { name: "Start urge surfing" }).click();

          await page.getByRole("heading", { name: "Urge surfing", exact: true }).waitFor();
          await checkScreen(ctx, `${tag}-40-urge-start`);
          await page.getByRole("button", { name: "Begin" }).click();
          await page.getByRole("heading", { name: "Notice the urge" }).waitFor();
          await page.getByRole("timer").waitFor();
          await checkScreen(ctx, `${tag}-41-urge-step`);
          for (const v of ["8", "7", "5", "3"]) {
            await page.clock.fastForward("03:00");
            await page.getByLabel("How strong is the urge now?").fill(v);
            await page.getByRole("button", { name: "Next step" }).click();
          }
          await page.clock.fastForward("03:00");
          await page.getByRole("button", { name: "Finish" }).click();
          await page.clock.fastForward("00:30");
          await page.getByLabel(/at the end/).fill("2");
          await page.getByLabel("No, I rode it out").check();
          await checkScreen(ctx, `${tag}-42-urge-end`);
          await page.getByRole("button", { name: "Save session" }).click();
          await page.getByRole("heading", { name: "Your wave" }).waitFor();
          await page.getByText(/started at 5, peaked at 8 and fell to 2 over/).waitFor();
          await openAllDetails(page);
          assert.equal(await page.locator("main table tbody tr").count(), 7, "start, five steps and the end are all in the table");
          await checkScreen(ctx, `${tag}-43-urge-wave`);

          await nav(page, "Sessions");
          await page.getByRole("heading", { name: "Upcoming" }).waitFor();
          await page.getByRole("button", { name: "Maybe" }).first().click();
          await checkScreen(ctx, `${tag}-50-sessions`);
          await page.getByRole("button", { name: "Add a session" }).click();
          await page.getByLabel("Name (optional)").fill("Individual with Dr. Ortiz");
          await page.getByLabel("Kind").selectOption("individual");
          await checkScreen(ctx, `${tag}-51-sessions-add`);
          await page.getByRole("button", { name: "Save session" }).click();
          await page.getByText("Individual with Dr. Ortiz").first().waitFor();

          await nav(page, "Insights");
          await page.getByRole("heading", { name: "Attendance by week" }).waitFor();
          await checkScreen(ctx, `${tag}-60-insights`);

          await nav(page, "My plan");
          await page.getByRole("heading", { name: "If I have a lapse" }).waitFor();
          await checkScreen(ctx, `${tag}-70-plan`);
          await page.getByRole("button", { name: "Edit my plan" }).click();
          await checkScreen(ctx, `${tag}-71-plan-edit`);
          await page.getByRole("button", { name: "Save plan" }).click();
          await page.getByRole("button", { name: "Add a contact" }).click();
          await page.getByLabel("Name").fill("Jordan");
          await page.getByLabel("Phone").fill("+1 555 0142");
          await page.getByRole("button", { name: "Save contact" }).click();
          await page.getByRole("heading", { name: "Jordan" }).waitFor();

          await page.getByRole("button", { name: "Get help now" }).click();
          await page.getByRole("heading", { name: "Your people" }).waitFor();
          await page.getByRole("button", { name: "Call Jordan" }).click();
          await page.getByText("+1 555 0142", { exact: true }).last().waitFor();
          // Own contacts are callable, or their number is shown to copy (the button follows the number).
          await page.getByRole("button", { name: "Copy" }).waitFor();
          await checkScreen(ctx, `${tag}-80-help-unlocked`);
          await page.getByRole("button", { name: "Back" }).click();

          await nav(page, "Settings");
          await page.getByRole("heading", { name: "Delete everything" }).waitFor();
          await checkScreen(ctx, `${tag}-90-settings`);
          await page.getByLabel("Your passphrase").first().fill(PASSPHRASE);
          await page.getByRole("button", { name: "Show a new recovery key" }).click();
          await page.getByRole("heading", { name: "Your new recovery key" }).waitFor();
          await checkScreen(ctx, `${tag}-91-settings-new-key`);
        } finally {
          await ctx.context.close();
        }
      });

      test("level of care without a clinic: step to outpatient (6 hours), progress follows, a session marked self-reported", async () => {
        const ctx = await openApp(browser, server, { size, theme, scenario: "seeded" });
        const { page } = ctx;
        try {
          await page.getByLabel("Passphrase").fill(PASSPHRASE);
          await page.getByRole("button", { name: "Unlock" }).click();
          await page.getByRole("heading", { name: /Day \d+/ }).waitFor();
          assert.match(await page.locator("#week-sentence").textContent(), /9 hours this week|9-hour target/, "intensive outpatient: 9 hours");
          await nav(page, "Settings");
          await page.getByLabel("Level of care").selectOption("outpatient");
          await page.getByLabel(/Weekly target in hours/).fill("6");
          await page.getByRole("button", { name: "Save program" }).click();
          await page.getByText("Program saved.").waitFor();
          await checkScreen(ctx, `${tag}-92-settings-level`);

          await nav(page, "Home");
          await page.locator("#week-sentence").waitFor();
          assert.match(await page.locator("#week-sentence").textContent(), /of 6 hours this week|6-hour target/, "the target follows the level");

          // A session of the patient's own, yesterday: they mark it attended themselves.
          await nav(page, "Sessions");
          await page.getByRole("button", { name: "Add a session" }).click();
          const y = new Date(Date.now() - 86_400_000);
          const ymd = `${y.getFullYear()}-${String(y.getMonth() + 1).padStart(2, "0")}-${String(y.getDate()).padStart(2, "0")}`;
          await page.getByLabel("Date").fill(ymd);
          await page.getByLabel("Starts").fill("10:00");
          await page.getByLabel("Ends").fill("11:00");
          await page.getByLabel("Name (optional)").fill("Family session at home");
          await page.getByLabel("Kind").selectOption("family");
          await page.getByRole("button", { name: "Save session" }).click();
          const card = page.locator("li.card", { has: page.getByRole("heading", { name: "Family session at home" }) });
          await card.getByRole("button", { name: "I was there" }).click();
          await card.getByText("Attended (self-reported) — 1 h counted").waitFor();
          await checkScreen(ctx, `${tag}-52-sessions-self-reported`);
          await card.getByRole("button", { name: "Clear my mark" }).click();
          await card.getByText("Booked").waitFor();
        } finally {
          await ctx.context.close();
        }
      });

      test("clinic: connect (wrong code, offline, right code), sync, answer, parked answer, disconnect", async () => {
        const ctx = await openApp(browser, server, { size, theme, scenario: "seeded" });
        const { page } = ctx;
        try {
          const clinic = await server.clinic("start");
          await page.getByLabel("Passphrase").fill(PASSPHRASE);
          await page.getByRole("button", { name: "Unlock" }).click();
          await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
          await nav(page, "Clinic");
          await page.getByRole("heading", { name: "Connect to my clinic" }).waitFor();
          await checkScreen(ctx, `${tag}-a0-clinic-connect`);
          await page.getByLabel("Clinic address").fill(clinic.url);
          await page.getByLabel("Code from the clinic").fill("RIVER-1999");
          await page.getByRole("button", { name: "Connect to my clinic" }).click();
          await page.getByText("That code did not work").waitFor();
          await checkScreen(ctx, `${tag}-a1-clinic-wrong-code`);
          await server.clinic("stop");
          await page.getByLabel("Code from the clinic").fill(clinic.code);
          await page.getByRole("button", { name: "Connect to my clinic" }).click();
          await page.getByText(/could not be reached\. Check the address/).waitFor();
          await server.clinic("resume");
          await page.getByRole("button", { name: "Connect to my clinic" }).click();
          await page.getByRole("heading", { name: "Riverside Clinic" }).waitFor();
          await page.getByText(/Connected to Riverside Clinic\. Synced: 1 session updated/).waitFor();
          await page.getByText(/^Today at /).waitFor();
          await page.getByText("All your answers have been sent.").waitFor();
          await checkScreen(ctx, `${tag}-a2-clinic-connected`);

          // The session the clinic booked shows in Sessions; answering it waits in the outbox.
          await nav(page, "Sessions");
          const booked = page.locator("li", { has: page.getByRole("heading", { name: "IOP evening group" }) });
          await booked.getByText("Not answered yet").waitFor();
          await booked.getByRole("button", { name: "Can't make it" }).click();
          await booked.getByText("You can't make it").waitFor();
          await nav(page, "Clinic");
          await page.getByText("1 answer is waiting to be sent.").waitFor();
          // The clinic removes that session before the answer reaches it: a 404, parked and shown.
          await server.clinic("drop-sessions");
          await page.getByRole("button", { name: "Sync now" }).click();
          await page.getByRole("heading", { name: "Answers the clinic did not accept" }).waitFor();
          await page.getByText("The clinic no longer has this session").waitFor();
          await page.getByRole("heading", { name: /^IOP evening group, / }).waitFor();
          await page.getByText("Your answer: Can't make it").waitFor();
          await checkScreen(ctx, `${tag}-a3-clinic-parked`);
          await page.getByRole("button", { name: /^Dismiss the note about IOP evening group/ }).click();
          await page.getByRole("heading", { name: "Answers the clinic did not accept" }).waitFor({ state: "detached" });

          await page.getByRole("button", { name: "Disconnect", exact: true }).click();
          await checkScreen(ctx, `${tag}-a4-clinic-disconnect-confirm`);
          await page.getByRole("button", { name: "Disconnect from the clinic" }).click();
          await page.getByRole("heading", { name: "Connect to my clinic" }).waitFor();
          await page.getByText("no longer connected to the clinic").waitFor();
        } finally {
          await ctx.context.close();
        }
      });

      test("sharing: choose, see exactly what is sent and the consent, sign, who viewed, revoke", async () => {
        const ctx = await openApp(browser, server, { size, theme, scenario: "seeded" });
        const { page } = ctx;
        try {
          await page.getByLabel("Passphrase").fill(PASSPHRASE);
          await page.getByRole("button", { name: "Unlock" }).click();
          await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
          await nav(page, "Sharing");
          await page.getByRole("button", { name: "Go to Clinic" }).waitFor();
          await checkScreen(ctx, `${tag}-b0-share-not-connected`);
          // Without a clinic, the same choice can still become a PDF, written where the patient chose.
          await page.getByRole("button", { name: "Save as PDF" }).click();
          await page.getByText(/^PDF saved\. It is not encrypted/).waitFor();
          const chosen = (await server.device()).chosen;
          assert.ok(chosen.length === 1 && chosen[0].endsWith(".pdf"), `one PDF written where the patient chose: ${chosen}`);
          await connectClinic(page);
          await nav(page, "Sharing");
          await page.getByRole("heading", { name: "Choose what to share with Riverside Clinic" }).waitFor();
          await page.getByLabel("Craving records").uncheck();
          await page.getByLabel("Urge-surfing sessions").uncheck();
          await checkScreen(ctx, `${tag}-b1-share-choose`);
          await page.getByRole("button", { name: "Preview what will be sent" }).click();
          await page.getByRole("heading", { name: "What will be sent" }).waitFor();
          const titles = await page.locator(".entries h3").allTextContents();
          assert.ok(titles.length > 0 && titles.every((t) => t.startsWith("HALT check")), "only HALT checks are listed");
          await page.getByText("Tired: 3 of 3").first().waitFor();
          const consent = await page.locator(".consent").textContent();
          for (const element of ["Patient:", "I allow Riverside Clinic", "To: my care team", "Purpose:", "This consent ends", "I may revoke it", "Signed electronically", "42 CFR part 2"]) {
            assert.ok(consent.includes(element), `the consent names "${element}"`);
          }
          assert.ok(await page.getByRole("button", { name: "Sign and share" }).isDisabled(), "nothing is sent before the patient signs");
          await checkScreen(ctx, `${tag}-b2-share-preview`);
          await page.getByLabel("I have read this consent and I sign it").check();
          assert.ok(await page.getByRole("button", { name: "Sign and share" }).isDisabled(), "signing asks for the passphrase again");
          await page.getByLabel("Your passphrase, to sign").fill(PASSPHRASE);
          await page.getByRole("button", { name: "Sign and share" }).click();
          await page.getByText(/^Shared \d+ entries with your care team at Riverside Clinic/).waitFor();
          await page.getByText(/^Shared until /).waitFor();
          assert.equal(await server.clinic("staff-view"), 1, "the counselor sees the one share");
          await page.getByRole("button", { name: /^Who viewed the entries shared/ }).click();
          await page.getByText(/Dana Ortiz, LCSW viewed \d+ entries on/).waitFor();
          await checkScreen(ctx, `${tag}-b3-share-list`);
          await page.getByRole("button", { name: "Revoke", exact: true }).click();
          await page.getByRole("button", { name: "Revoke consent" }).click();
          await page.getByText("Revoked. Your care team can no longer view these entries.").waitFor();
          // A revoked consent cannot be revoked again (the list is re-read from the core after the answer).
          await page.getByRole("button", { name: "Revoke", exact: true }).waitFor({ state: "detached" });
        } finally {
          await ctx.context.close();
        }
      });
    });
  }
}

describe("behaviour", () => {
  const size = SIZES[1];

  test("every primary control is reachable by keyboard, with a visible focus", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
      const seen = await tabNames(page, 40);
      for (const name of PRIMARY) {
        const hit = seen.find((s) => s.name === name);
        assert.ok(hit, `"${name}" is reachable with Tab`);
        assert.ok(hit.visible, `"${name}" shows a visible focus`);
      }
      // Enter on a focused nav button opens that screen.
      await page.getByRole("button", { name: "Insights", exact: true }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Insights", level: 1 }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1", "focus moves to the new screen's heading");
    } finally {
      await ctx.context.close();
    }
  });

  test("the primary controls carry exactly their stable accessible names", async () => {
    const ctx = await openApp(browser, server, { size: SIZES[0], theme: "dark", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
      for (const name of PRIMARY) assert.equal(await page.getByRole("button", { name, exact: true }).count(), 1, `one control named "${name}"`);
    } finally {
      await ctx.context.close();
    }
  });

  test("locking discards everything rendered and shows only the unlock screen", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await nav(page, "Log craving");
      await page.getByText("After a long shift").first().waitFor();
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      await page.getByRole("heading", { name: "Tideline is locked" }).waitFor();
      const text = await page.evaluate(() => document.body.innerText);
      for (const secret of ["After a long shift", "Called my sponsor", "Intensity", "Sam"]) assert.ok(!text.includes(secret), `"${secret}" is gone after locking`);
      assert.equal(await page.getByRole("button", { name: "Log craving" }).count(), 0, "no navigation while locked");
    } finally {
      await ctx.context.close();
    }
  });

  test("the shell's vault-locked event (auto-lock) drops the screen at once", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await nav(page, "Log craving");
      await page.getByText("After a long shift").first().waitFor();
      await page.evaluate(() => window.__tidelineAutoLock());
      await page.getByRole("heading", { name: "Tideline is locked" }).waitFor({ timeout: 2000 });
      assert.equal(await page.getByText("After a long shift").count(), 0);
    } finally {
      await ctx.context.close();
    }
  });

  test("when the backend locks itself without an event, the next call drops the screen", async () => {
    const ctx = await openApp(browser, server, { size, theme: "dark", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await page.getByRole("heading", { name: /Day \d+/ }).waitFor();
      await server.ipc("vault_lock");
      // The pointer's move onto the button is already a call (vault_touch), which may drop the screen
      // before the click lands; either way the screen goes.
      await page.getByRole("button", { name: "Insights", exact: true }).click({ timeout: 2000 }).catch(() => {});
      await page.getByRole("heading", { name: "Tideline is locked" }).waitFor();
      assert.equal(await page.getByText("Attendance by week").count(), 0);
    } finally {
      await ctx.context.close();
    }
  });

  test("after repeated wrong passphrases the unlock screen counts down", async () => {
    const ctx = await openApp(browser, server, { size: SIZES[0], theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      for (let i = 0; i < 5; i++) {
        await page.getByLabel("Passphrase").fill(`wrong ${i}`);
        await page.getByRole("button", { name: "Unlock" }).click();
        await page.getByText(/did not unlock|pausing/).waitFor();
      }
      await page.getByText(/You can try again in \d+ seconds/).waitFor();
      assert.ok(await page.getByRole("button", { name: "Unlock" }).isDisabled(), "Unlock waits for the countdown");
      await checkScreen(ctx, "behaviour-unlock-lockout");
    } finally {
      await ctx.context.close();
    }
  });

  test("reduced motion stops the breathing animation", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded", reducedMotion: "reduce" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await nav(page, "Urge surfing");
      await page.getByRole("button", { name: "Begin" }).click();
      const anim = await page.locator(".breath").evaluate((el) => getComputedStyle(el).animationName);
      assert.equal(anim, "none");
    } finally {
      await ctx.context.close();
    }
  });

  test("at 200% zoom (640x400 CSS pixels) nothing scrolls sideways", async () => {
    const zoomed = { name: "zoom", width: 640, height: 400 };
    const ctx = await openApp(browser, server, { size: zoomed, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      for (const name of ["Home", "Log craving", "HALT check", "Urge surfing", "Sessions", "Insights", "My plan", "Sharing", "Clinic", "Settings"]) {
        await nav(page, name);
        await page.waitForTimeout(150);
        assert.ok((await overflowX(page)) <= 0, `${name} fits at 200% zoom`);
      }
      await shot(page, "zoom200-settings");
    } finally {
      await ctx.context.close();
    }
  });

  test("the tray's show-help event opens Get help now, locked and unlocked", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByRole("heading", { name: "Tideline is locked" }).waitFor();
      await page.evaluate(() => window.__tidelineShellEvent("show-help"));
      await page.getByRole("heading", { name: "Get help now" }).waitFor({ timeout: 2000 });
      assert.equal(await page.getByRole("heading", { name: "Your people" }).count(), 0, "no personal contacts while locked");
      await page.keyboard.press("Escape");
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await nav(page, "Insights");
      await page.getByRole("heading", { name: "Attendance by week" }).waitFor();
      await page.evaluate(() => window.__tidelineShellEvent("show-help"));
      await page.getByRole("heading", { name: "Your people" }).waitFor({ timeout: 2000 });
    } finally {
      await ctx.context.close();
    }
  });

  test("a background sync (the shell's sync-changed event) refreshes the open Sessions and Clinic screens", async () => {
    const ctx = await openApp(browser, server, { size, theme: "dark", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await page.getByRole("heading", { name: /Day \d+/ }).waitFor();
      // Connected before the clinic booked anything: the session arrives with a background sync.
      const clinic = await server.clinic("start");
      await server.clinic("drop-sessions");
      await nav(page, "Clinic");
      await page.getByLabel("Clinic address").fill(clinic.url);
      await page.getByLabel("Code from the clinic").fill(clinic.code);
      await page.getByRole("button", { name: "Connect to my clinic" }).click();
      await page.getByRole("heading", { name: "Riverside Clinic" }).waitFor();
      // The heading comes with the connection, before the sync that follows it: booking before that
      // sync has finished would let it bring the session (CI on caa0f5c failed so, intermittently).
      await page.getByText(/^Today at /).waitFor();
      await server.clinic("book");
      await nav(page, "Sessions");
      await page.getByRole("heading", { name: "Upcoming" }).waitFor();
      assert.equal(await page.getByText("IOP evening group").count(), 0);
      await page.evaluate(() => window.__tidelineBackgroundSync());
      await page.getByRole("heading", { name: "IOP evening group" }).waitFor({ timeout: 2000 });
      await nav(page, "Clinic");
      await page.getByText(/^Today at /).waitFor();
      await server.clinic("revoke");
      await page.evaluate(() => window.__tidelineBackgroundSync());
      await page.getByText("The clinic no longer accepts this device").waitFor({ timeout: 2000 });
      await page.getByRole("heading", { name: "Connect again" }).waitFor();
      assert.equal(await page.getByRole("button", { name: "Sync now" }).count(), 0, "nothing to sync while refused");
      await checkScreen(ctx, "behaviour-clinic-refused");
    } finally {
      await ctx.context.close();
    }
  });

  test("sharing single picked entries while offline keeps the signed consent to send again", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await page.getByRole("heading", { name: /Day \d+/ }).waitFor();
      await connectClinic(page);
      await nav(page, "Sharing");
      await page.getByLabel("Single entries I pick").check();
      assert.ok(await page.getByRole("button", { name: "Preview what will be sent" }).isDisabled(), "nothing picked yet");
      await page.getByLabel(/Craving record, .*intensity/).first().check();
      await page.getByRole("button", { name: "Preview what will be sent" }).click();
      await page.getByRole("heading", { name: "What will be sent" }).waitFor();
      assert.equal(await page.locator(".entries h3").count(), 1, "exactly the one picked entry");
      await server.clinic("stop");
      await page.getByLabel("I have read this consent and I sign it").check();
      assert.ok(await page.getByRole("button", { name: "Sign and share" }).isDisabled(), "signing asks for the passphrase");
      await page.getByLabel("Your passphrase, to sign").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Sign and share" }).click();
      await page.getByText(/signed and saved on this device, but the clinic could not be reached/).waitFor();
      await page.getByText("Not sent yet").waitFor();
      await server.clinic("resume");
      await page.getByRole("button", { name: "Send again" }).click();
      await page.getByText("Sent. Your care team can now view these entries.").waitFor();
      await page.getByText(/^Shared until /).waitFor();
    } finally {
      await ctx.context.close();
    }
  });

  test("the journal list pages through the whole journal: the true count, Show more by keyboard, an old entry found", async () => {
    const ctx = await openApp(browser, server, { size: SIZES[1], theme: "light", scenario: "seeded" });
    const { page, problems } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await page.getByRole("heading", { name: /Day \d+/ }).waitFor();
      // 45 older entries through the backend's own command; the oldest holds a word no other does.
      for (let i = 0; i < 45; i++) {
        const utc = new Date(Date.UTC(2024, 0, 1 + i, 18)).toISOString();
        await server.ipc("record_save", {
          record: { type: "craving", occurredAt: { utc, zone: "America/New_York" }, situation: i === 0 ? "walked to the lighthouse instead" : `an ordinary day ${i}`, thoughtsAndFeelings: null, intensity: 4, durationMinutes: null, coping: null, outcome: "didNotUse", triggers: [], notes: null },
        });
      }
      await nav(page, "Log craving");
      await page.getByText("59 of 59 entries, showing the newest 20").waitFor();
      assert.equal(await page.locator(".entries > li").count(), 20);
      const more = page.getByRole("button", { name: "Show 20 more" });
      await more.focus();
      await page.keyboard.press("Enter");
      await page.getByText("59 of 59 entries, showing the newest 40").waitFor();
      assert.equal(await page.locator(".entries > li").count(), 40);
      // Focus moves to the first entry that arrived, so the keyboard continues from there.
      assert.equal(await page.evaluate(() => [...document.querySelectorAll(".entries > li")].indexOf(document.activeElement)), 20);
      await page.getByRole("button", { name: "Show 19 more" }).click();
      await page.getByText("59 of 59 entries", { exact: true }).waitFor();
      assert.equal(await page.getByRole("button", { name: /^Show \d+ more$/ }).count(), 0, "nothing more to show");
      // The oldest entry, far past the first page, is found by its word.
      if (!(await page.getByLabel("Search").isVisible())) await page.getByText("Filter and search").click();
      await page.getByLabel("Search").fill("lighthouse");
      await page.getByText("1 of 59 entries", { exact: true }).waitFor();
      await page.getByText("walked to the lighthouse instead").waitFor();
      await page.getByLabel("Search").fill("");
      await page.getByLabel("Highest intensity").fill("4");
      await page.getByLabel("Outcome").selectOption("didNotUse");
      // Fewer than all 59 once the core has applied the filters (the unfiltered count matches too).
      await page.getByText(/^([0-9]|[1-4][0-9]|5[0-8]) of 59 entries/).waitFor();
      const shown = await page.locator(".entries > li strong").allTextContents();
      assert.ok(shown.length > 0 && shown.every((t) => /Intensity [0-4]$/.test(t)), shown.join(", "));
      assert.deepEqual(problems, []);
    } finally {
      await ctx.context.close();
    }
  });

  test("the theme override in settings wins over the system theme", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await nav(page, "Settings");
      await page.getByLabel("Theme").selectOption("dark");
      await page.getByRole("button", { name: "Save settings" }).click();
      await page.getByText("Settings saved.").waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
      await checkScreen(ctx, "behaviour-theme-override-dark");
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? "system"), "system", "the choice is forgotten while locked");
    } finally {
      await ctx.context.close();
    }
  });

  test("wiping needs the typed phrase and the passphrase, then returns to first run", async () => {
    const ctx = await openApp(browser, server, { size, theme: "light", scenario: "seeded" });
    const { page } = ctx;
    try {
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await nav(page, "Settings");
      const wipe = page.getByRole("button", { name: "Delete everything on this device" });
      assert.ok(await wipe.isDisabled());
      await page.getByLabel("To confirm, type: delete everything").fill("Delete everything");
      await page.locator("#s-wp").fill(PASSPHRASE);
      await wipe.click();
      await page.getByRole("heading", { name: "Choose your language" }).waitFor();
      assert.equal((await server.ipc("language_get")).chosen, false, "the language choice went with everything else");
    } finally {
      await ctx.context.close();
    }
  });
});
