// The main screens in Spanish, on the real core with the language set through `language_set`: at
// phone and laptop size, light and dark, axe-core finds nothing, nothing scrolls sideways, every
// control is at least 44x44, <html lang> is "es", and the screens say what the Spanish catalog says
// (controls are found by message id, so a screen still in English fails). With TIDELINE_SCREENSHOTS=1
// (`make screenshots`) each screen's screenshot goes to artifacts/es/ (committed: what a Spanish-speaking
// patient sees); `make test` leaves the committed pictures alone.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { axe, launch, openAllDetails, openApp, overflowX, PASSPHRASE, SIZES, smallTargets, startBridge, storageSnapshot, THEMES, uiRoot } from "./harness.mjs";
import { words } from "./catalog.mjs";

const E = words("es");
const artifacts = join(uiRoot, "..", "artifacts", "es");
const keepScreenshots = process.env.TIDELINE_SCREENSHOTS === "1";

let server;
let browser;
before(async () => {
  server = await startBridge();
  browser = await launch();
  if (keepScreenshots) await mkdir(artifacts, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const button = (page, id, args) => page.getByRole("button", { name: E(id, args), exact: true });
const nav = (page, screen) => button(page, `app-nav-${screen}`).click();

/**
 * The checks every screen must pass in Spanish, then its screenshot in artifacts/es/ (the whole page;
 * only the window for a layer over the page, which a full-page capture would cut through).
 */
async function checkScreen(ctx, name, { layer = false } = {}) {
  const { page, problems } = ctx;
  await page.waitForTimeout(250);
  await openAllDetails(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "es", `${name}: <html lang> is es`);
  assert.deepEqual(await axe(page), [], `${name}: axe-core violations`);
  assert.ok((await overflowX(page)) <= 0, `${name}: the page scrolls sideways`);
  assert.deepEqual(await smallTargets(page), [], `${name}: targets smaller than 44x44`);
  assert.deepEqual(await storageSnapshot(page), { local: 0, session: 0, cookies: 0, idb: 0, caches: 0 }, `${name}: webview storage must stay empty`);
  assert.deepEqual(problems, [], `${name}: console errors or CSP violations`);
  if (!keepScreenshots) return;
  await page.waitForTimeout(60);
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: !layer });
}

for (const size of SIZES) {
  for (const theme of THEMES) {
    describe(`es ${size.name} ${theme}`, () => {
      const tag = `${size.name}-${theme}`;

      test("the main screens in Spanish: unlock, home, craving, HALT, urge surfing, sessions, insights, plan, help, settings, clinic, sharing", async () => {
        const ctx = await openApp(browser, server, { size, theme, scenario: "seeded", language: "es" });
        const { page } = ctx;
        try {
          await page.getByRole("heading", { name: E("unlock-title") }).waitFor();
          await checkScreen(ctx, `${tag}-01-desbloquear`);
          await page.getByLabel(E("unlock-passphrase-label")).fill(PASSPHRASE);
          await button(page, "unlock-unlock").click();
          await page.locator("#week-sentence").waitFor();
          await checkScreen(ctx, `${tag}-02-inicio`);

          await nav(page, "cravings");
          await page.getByRole("heading", { name: E("cravings-title") }).waitFor();
          await page.locator(".entries > li").first().waitFor();
          await checkScreen(ctx, `${tag}-03-deseo-de-consumir`);

          await nav(page, "halt");
          await page.getByRole("group", { name: E("halt-question-tired") }).getByLabel(E("halt-rating-3")).check();
          await button(page, "halt-submit").click();
          await page.getByRole("heading", { name: E("halt-help-title") }).waitFor();
          await checkScreen(ctx, `${tag}-04-revision-halt`);

          await nav(page, "urge");
          await page.getByRole("heading", { name: E("urge-title") }).waitFor();
          await checkScreen(ctx, `${tag}-05-surfear-el-impulso`);

          await nav(page, "sessions");
          await page.getByRole("heading", { name: E("sessions-upcoming") }).waitFor();
          await checkScreen(ctx, `${tag}-06-sesiones`);

          await nav(page, "insights");
          await page.locator("main h2").first().waitFor();
          await checkScreen(ctx, `${tag}-07-tendencias`);

          await nav(page, "plan");
          await page.getByRole("heading", { name: E("plan-after-lapse-title") }).waitFor();
          await checkScreen(ctx, `${tag}-08-mi-plan`);

          await button(page, "app-get-help").click();
          // The crisis screen in Spanish names 988's Spanish option: call and press 2.
          await page.getByText(/oprima 2/).first().waitFor();
          await checkScreen(ctx, `${tag}-09-ayuda`, { layer: true });
          await page.keyboard.press("Escape");

          await nav(page, "settings");
          await page.getByRole("heading", { name: E("settings-wipe-title") }).waitFor();
          assert.equal(await page.locator("#s-lang").inputValue(), "es", "Settings shows Español as the language");
          await checkScreen(ctx, `${tag}-10-ajustes`);

          await nav(page, "share");
          await button(page, "share-go-to-clinic").waitFor();
          await checkScreen(ctx, `${tag}-11-compartir`);

          const clinic = await server.clinic("start");
          await nav(page, "clinic");
          await page.locator("#c-server").fill(clinic.url);
          await page.locator("#c-code").fill(clinic.code);
          await button(page, "clinic-connect-submit").click();
          await page.getByRole("heading", { name: "Riverside Clinic" }).waitFor();
          await page.getByText(E("clinic-pending-none")).waitFor();
          await checkScreen(ctx, `${tag}-12-clinica`);
        } finally {
          await ctx.context.close();
        }
      });
    });
  }
}

test("first run in Spanish, then back to English in Settings without relocking", async () => {
  const ctx = await openApp(browser, server, { size: SIZES[0], theme: "light", scenario: "fresh" });
  const { page } = ctx;
  try {
    // The patient picks Español on the first screen: everything after it is in Spanish at once.
    await page.getByRole("radio", { name: "Español" }).check();
    await page.getByRole("heading", { name: E("first-run-language-title") }).waitFor();
    await checkScreen(ctx, "phone-light-00-idioma");
    await button(page, "common-continue").click();
    await page.getByRole("heading", { name: E("first-run-welcome-title") }).waitFor();
    await checkScreen(ctx, "phone-light-00-bienvenida");
    await button(page, "first-run-get-started").click();
    await page.getByLabel(E("first-run-passphrase-label"), { exact: true }).fill(PASSPHRASE + " by the sea");
    await page.getByLabel(E("first-run-repeat-label")).fill(PASSPHRASE + " by the sea");
    await page.getByLabel(E("first-run-understand")).check();
    await button(page, "common-continue").click();
    await button(page, "first-run-create").click();
    await page.getByRole("heading", { name: E("first-run-key-title") }).waitFor();
    await checkScreen(ctx, "phone-light-00-clave-de-recuperacion");
    const groups = (await page.locator(".key span").allTextContents()).map((g) => g.trim());
    await button(page, "first-run-key-written").click();
    const asked = Number((await page.locator("label[for=part]").textContent()).match(/\d+/)[0]);
    await page.locator("#part").fill(groups[asked - 1]);
    await button(page, "first-run-confirm").click();
    await nav(page, "settings");
    assert.equal((await server.ipc("language_get")).tag, "es", "the core keeps the patient's choice");
    // Back to English from Settings: the screen changes at once, still unlocked, and the core follows.
    await page.locator("#s-lang").selectOption("en");
    await page.getByRole("heading", { name: "Settings", exact: true }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal((await server.ipc("language_get")).tag, "en", "Settings stores the choice through the core");
    assert.equal(await page.getByRole("button", { name: "Lock", exact: true }).count(), 1, "still unlocked");
  } finally {
    await ctx.context.close();
  }
});
