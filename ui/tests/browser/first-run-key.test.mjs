// The recovery key is shown only once, at the end of first run. Reading and writing it down takes
// the patient away from the keyboard, so the vault stays open while it is on screen; and should it
// lock anyway, the next unlock leads straight to making a new key instead of leaving the patient
// without one.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, launch, openApp, PASSPHRASE, startBridge } from "./harness.mjs";

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

const SIZE = { name: "phone", width: 390, height: 844 };
const PASS = PASSPHRASE + " by the sea";

async function toRecoveryKey(page) {
  // First run asks for the language before anything else; English is preselected here.
  await page.getByRole("heading", { name: "Choose your language" }).waitFor();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Welcome to Tideline" }).waitFor();
  await page.getByRole("button", { name: "Get started" }).click();
  await page.getByLabel("Passphrase", { exact: true }).fill(PASS);
  await page.getByLabel("Type it again").fill(PASS);
  await page.getByLabel("I understand").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Create my vault" }).click();
  await page.getByRole("heading", { name: "Your recovery key" }).waitFor();
}

/** Settings shows a key just made: "I wrote it down", then the group asked for, typed back. */
async function checkShownKey(page) {
  await page.getByRole("heading", { name: "Your new recovery key" }).waitFor();
  const groups = await page.locator(".key span").allTextContents();
  await page.getByRole("button", { name: "I wrote it down" }).click();
  await page.getByRole("heading", { name: "Check your new recovery key" }).waitFor();
  const label = await page.locator("label[for=s-rk-part]").textContent();
  const asked = Number(/group (\d+)/.exec(label)[1]) - 1;
  await page.locator("#s-rk-part").fill(groups[asked]);
  await page.getByRole("button", { name: "Confirm" }).click();
}

describe("first run's recovery key", () => {
  test("the idle lock waits while the key is on screen", async () => {
    const ctx = await openApp(browser, server, { size: SIZE, theme: "light", scenario: "fresh" });
    const { page, problems } = ctx;
    try {
      await toRecoveryKey(page);
      const key = (await page.locator(".key").textContent()).trim();
      assert.equal(await page.evaluate(() => window.__tidelineAutoLock()), false, "the idle timer does not lock while the key is shown");
      await page.waitForTimeout(100);
      await page.getByRole("heading", { name: "Your recovery key" }).waitFor();
      assert.equal((await page.locator(".key").textContent()).trim(), key, "the key is still shown after the idle timer fired");
      assert.equal((await server.ipc("vault_status")).state, "unlocked", "the vault holds open while the key is shown");
      assert.deepEqual(problems, []);
    } finally {
      await ctx.context.close();
    }
  });

  test("locked before the key was checked: the next unlock offers a new key at once", async () => {
    for (const theme of ["light", "dark"]) {
      const ctx = await openApp(browser, server, { size: SIZE, theme, scenario: "fresh" });
      const { page, problems } = ctx;
      try {
        await toRecoveryKey(page);
        // The lock comes anyway (the tray's Lock, sleep, or the hold ran out).
        await server.ipc("vault_lock");
        await page.evaluate(() => window.__tidelineShellEvent("vault-locked"));
        await page.getByLabel("Passphrase").fill(PASS);
        await page.getByRole("button", { name: "Unlock" }).click();
        const notice = page.getByText("Tideline locked before your recovery key was checked");
        await notice.waitFor();
        await page.getByRole("heading", { name: "New recovery key" }).waitFor();
        assert.deepEqual(await axe(page), [], `axe finds nothing (${theme})`);
        await page.locator("#s-kp").fill(PASS);
        await page.getByRole("button", { name: "Show a new recovery key" }).click();
        await notice.waitFor({ state: "detached" });
        await checkShownKey(page);
        await page.getByText("Your new recovery key is checked.").waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await ctx.context.close();
      }
    }
  });
});

// A key made later in Settings replaces the old one the moment it is made, so until the patient has
// checked it, it must not be lost to a look at another screen, and a lock before the check must lead
// to making another, as after first run.
describe("a recovery key made in Settings", () => {
  const nav = (page, name) => page.getByRole("button", { name, exact: true }).click();
  async function unlock(page) {
    await page.getByLabel("Passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
  }

  test("stays on screen across other screens, and a lock before the check leads to a new one", async () => {
    const ctx = await openApp(browser, server, { size: SIZE, theme: "dark", scenario: "seeded" });
    const { page, problems } = ctx;
    try {
      await unlock(page);
      await nav(page, "Settings");
      await page.locator("#s-kp").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Show a new recovery key" }).click();
      await page.getByRole("heading", { name: "Your new recovery key" }).waitFor();
      const key = await page.locator(".key span").allTextContents();
      assert.ok(key.length >= 4, "the key is shown group by group");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "pass-title", "focus moves to the key");
      assert.equal(await page.evaluate(() => window.__tidelineAutoLock()), false, "the idle lock waits while the key is shown");
      assert.deepEqual(await axe(page), [], "the key step");

      // A look at another screen and back: the same key, still waiting for its check.
      await nav(page, "Home");
      await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
      await nav(page, "Settings");
      await page.getByRole("heading", { name: "Your new recovery key" }).waitFor();
      assert.deepEqual(await page.locator(".key span").allTextContents(), key, "the same key comes back");
      await page.getByText("Your new recovery key is on this screen").waitFor();

      // The lock comes before the check (the tray's Lock, sleep): the key leaves with it.
      await server.ipc("vault_lock");
      await page.evaluate(() => window.__tidelineShellEvent("vault-locked"));
      await page.getByLabel("Passphrase").waitFor();
      assert.equal(await page.locator(".key").count(), 0, "no key on the lock screen");
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      const notice = page.getByText("Tideline locked before your recovery key was checked");
      await notice.waitFor();
      await page.locator("#s-kp").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Show a new recovery key" }).click();
      const second = await page.locator(".key span").allTextContents();
      assert.notDeepEqual(second, key, "another key");
      await checkShownKey(page);
      await page.getByText("Your new recovery key is checked.").waitFor();
      assert.equal(await notice.count(), 0);
      assert.equal(await page.evaluate(() => window.__tidelineAutoLock()), true, "the idle lock works again once the key is checked");
      assert.deepEqual(problems, []);
    } finally {
      await ctx.context.close();
    }
  });
});
