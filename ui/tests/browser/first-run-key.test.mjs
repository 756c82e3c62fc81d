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
        await page.getByRole("button", { name: "I wrote it down" }).click();
        await notice.waitFor({ state: "detached" });
        assert.deepEqual(problems, []);
      } finally {
        await ctx.context.close();
      }
    }
  });
});
