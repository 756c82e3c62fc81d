// Issue 11 items 6 and 7 in the window. "Someone may know my passphrase" (on the real core through
// the bridge): Settings changes the passphrase and locks every entry with a new key, shows the new
// recovery key once and asks for one group back; afterwards the old passphrase opens nothing and the
// new one opens the journal. The devices enrolled for the patient (a real tideline-clinic on loopback,
// started through the bridge): a new one warns on Home and the Clinic screen until the patient says
// they have seen it.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { axe, launch, openApp, overflowX, PASSPHRASE, SIZES, startBridge, THEMES } from "./harness.mjs";

let bridge;
let browser;
before(async () => {
  bridge = await startBridge();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await bridge?.close();
});

const NEXT = "copper lantern drifts past seven harbors";
const nav = (page, name) => page.getByRole("button", { name, exact: true }).click();

async function unlock(page, passphrase) {
  await page.getByLabel("Passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Unlock" }).click();
}

describe("someone may know my passphrase", () => {
  for (const size of SIZES) {
    for (const theme of THEMES) {
      test(`${size.name} ${theme}: a new key for everything, a new recovery key shown once`, async () => {
        const ctx = await openApp(browser, bridge, { size, theme, scenario: "seeded" });
        const { page, problems } = ctx;
        try {
          await unlock(page, PASSPHRASE);
          await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
          await nav(page, "Settings");
          await page.getByRole("heading", { name: "Change passphrase" }).waitFor();
          const box = page.getByRole("checkbox", { name: "Someone may know my passphrase" });
          assert.equal(await box.isChecked(), false, "off unless the patient turns it on");
          await page.getByText("Backups you made before still open with the passphrase you had when you made them.").waitFor();
          await page.locator("#s-cur").fill("not the passphrase at all");
          await page.locator("#s-new").fill(NEXT);
          await page.locator("#s-new2").fill(NEXT);
          await box.check();
          const go = page.getByRole("button", { name: "Change passphrase and lock everything with a new key" });
          await go.click();
          await page.getByText("That is not your current passphrase.").waitFor();
          assert.deepEqual(await axe(page), [], "the form with its error");
          await page.locator("#s-cur").fill(PASSPHRASE);
          await go.click();
          await page.getByRole("heading", { name: "Your new recovery key" }).waitFor({ timeout: 30_000 });
          const groups = await page.locator(".key span").allTextContents();
          assert.ok(groups.length >= 4, `the key is shown group by group: ${groups.length}`);
          assert.deepEqual(await axe(page), [], "the key step");
          assert.equal(await overflowX(page), 0, "no sideways scrolling");
          await page.getByRole("button", { name: "I wrote it down" }).click();
          await page.getByRole("heading", { name: "Check your new recovery key" }).waitFor();
          const label = await page.locator("label[for=s-rk-part]").textContent();
          const asked = Number(/group (\d+)/.exec(label)[1]) - 1;
          await page.locator("#s-rk-part").fill("ZZZZ");
          await page.getByRole("button", { name: "Confirm" }).click();
          await page.getByText("That does not match the key shown.").waitFor();
          await page.locator("#s-rk-part").fill(groups[asked].toLowerCase());
          await page.getByRole("button", { name: "Confirm" }).click();
          await page.getByText("Your entries are locked with a new key.").waitFor();
          assert.deepEqual(await axe(page), [], "done");

          await page.getByRole("button", { name: "Lock", exact: true }).click();
          await unlock(page, PASSPHRASE);
          await page.locator("p.error").waitFor();
          assert.equal(await page.getByRole("heading", { name: /Day \d+ of your program/ }).count(), 0, "the old passphrase opens nothing");
          await unlock(page, NEXT);
          await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
          assert.deepEqual(problems, []);
        } finally {
          await ctx.context.close();
        }
      });
    }
  }
});

describe("the patient's devices", () => {
  for (const size of SIZES) {
    for (const theme of THEMES) {
      test(`${size.name} ${theme}: a new device warns until seen; the list marks this device`, async () => {
        const ctx = await openApp(browser, bridge, { size, theme, scenario: "seeded" });
        const { page, problems } = ctx;
        try {
          const clinic = await bridge.clinic("start");
          await unlock(page, PASSPHRASE);
          await page.getByRole("heading", { name: /Day \d+ of your program/ }).waitFor();
          await nav(page, "Clinic");
          await page.getByLabel("Clinic address").fill(clinic.url);
          await page.getByLabel("Code from the clinic").fill(clinic.code);
          await page.getByRole("button", { name: "Connect to my clinic" }).click();
          await page.getByRole("heading", { name: "Riverside Clinic" }).waitFor();
          const list = page.getByRole("list", { name: "Devices connected to your clinic account" });
          await list.waitFor();
          assert.deepEqual(await list.getByRole("listitem").locator("strong").allTextContents(), ["This device"]);
          assert.equal(await page.getByRole("heading", { name: "A new device" }).count(), 0, "this device alone is no news");

          await bridge.clinic("another-device");
          await page.getByRole("button", { name: "Sync now" }).click();
          await page.getByRole("heading", { name: "A new device" }).waitFor();
          await page.getByText(/^A new device was connected to your clinic account\./).first().waitFor();
          assert.deepEqual(await list.getByRole("listitem").locator("strong").allTextContents(), ["This device", "Device 2"]);
          await list.getByText("New", { exact: true }).waitFor();
          assert.deepEqual(await axe(page), [], "the warning and the list");
          assert.equal(await overflowX(page), 0, "no sideways scrolling");
          // Home says so too, and leads to the list.
          await nav(page, "Home");
          await page.getByRole("heading", { name: "A new device" }).waitFor();
          assert.deepEqual(await axe(page), [], "the warning on Home");
          await page.getByRole("button", { name: "See the devices" }).click();
          await list.waitFor();
          await page.getByRole("button", { name: "Sync now" }).click();
          await page.getByRole("button", { name: "Sync now" }).waitFor();
          assert.equal(await page.getByRole("heading", { name: "A new device" }).count(), 1, "still there until seen");

          await page.getByRole("button", { name: "I have seen this" }).click();
          await page.getByRole("heading", { name: "A new device" }).waitFor({ state: "detached" });
          await page.getByRole("button", { name: "Sync now" }).click();
          await page.getByRole("button", { name: "Sync now" }).waitFor();
          assert.equal(await page.getByRole("heading", { name: "A new device" }).count(), 0, "acknowledged, it stays gone");

          await bridge.clinic("another-device");
          await page.getByRole("button", { name: "Sync now" }).click();
          await page.getByRole("heading", { name: "A new device" }).waitFor();
          assert.deepEqual(problems, []);
        } finally {
          await ctx.context.close();
        }
      });
    }
  }
});
