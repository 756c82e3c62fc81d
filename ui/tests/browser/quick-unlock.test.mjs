// Phones: quick unlock with the platform's fingerprint or face check. The desktop shell does not
// have the commands, so nothing about it shows there; on a phone the patient turns it on in Settings
// with the passphrase and then opens Tideline from the lock screen without typing.
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

const PHONE = { name: "phone", width: 390, height: 844 };
const LAPTOP = { name: "laptop", width: 1280, height: 800 };
const quickButton = (page) => page.getByRole("button", { name: "Unlock with fingerprint or face" });

describe("quick unlock", () => {
  test("on the desktop nothing offers it", async () => {
    const ctx = await openApp(browser, server, { size: LAPTOP, theme: "light", scenario: "seeded" });
    const { page, problems } = ctx;
    try {
      await page.getByRole("heading", { name: "Tideline is locked" }).waitFor();
      assert.equal(await quickButton(page).count(), 0);
      await page.getByLabel("Passphrase").fill(PASSPHRASE);
      await page.getByRole("button", { name: "Unlock" }).click();
      await page.getByRole("button", { name: "Settings", exact: true }).click();
      await page.getByRole("heading", { name: "New recovery key" }).waitFor();
      assert.equal(await page.getByRole("heading", { name: "Quick unlock on this phone" }).count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await ctx.context.close();
    }
  });

  test("on a phone: turned on with the passphrase, it opens the lock screen without typing", async () => {
    for (const theme of ["light", "dark"]) {
      const ctx = await openApp(browser, server, { size: PHONE, theme, scenario: "seeded", phone: true });
      const { page, problems } = ctx;
      try {
        await page.getByRole("heading", { name: "Tideline is locked" }).waitFor();
        assert.equal(await quickButton(page).count(), 0, "not offered before the patient turns it on");
        await page.getByLabel("Passphrase").fill(PASSPHRASE);
        await page.getByRole("button", { name: "Unlock" }).click();
        await page.getByRole("button", { name: "Settings", exact: true }).click();
        await page.getByRole("heading", { name: "Quick unlock on this phone" }).waitFor();
        await page.locator("#s-qp").fill("not the passphrase at all");
        await page.getByRole("button", { name: "Turn on quick unlock" }).click();
        await page.getByRole("button", { name: "Turn on quick unlock" }).waitFor();
        assert.equal(await page.getByText("Quick unlock is on.").count(), 0, "a wrong passphrase turns nothing on");
        await page.locator("#s-qp").fill(PASSPHRASE);
        await page.getByRole("button", { name: "Turn on quick unlock" }).click();
        await page.getByText("Quick unlock is on.").waitFor();
        assert.deepEqual(await axe(page), [], `axe finds nothing (${theme})`);
        await page.getByRole("button", { name: "Lock", exact: true }).click();
        await quickButton(page).click();
        await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await ctx.context.close();
      }
    }
  });
});
