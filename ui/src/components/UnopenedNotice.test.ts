// The notice after an unlock: how many entries did not open (kept in the file unchanged), said once in
// plain words in the patient's language, and nothing at all when every entry opened.
import { flushSync, mount, tick, unmount } from "svelte";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

let unopened = 0;
const asked: string[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string) => {
    asked.push(cmd);
    return Promise.resolve(cmd === "vault_unopened" ? unopened : null);
  },
}));

const { default: UnopenedNotice } = await import("./UnopenedNotice.svelte");
const { LANGS, loadLang, setLang } = await import("../lib/i18n.svelte");

let app: ReturnType<typeof mount> | null = null;
beforeAll(() => Promise.all(LANGS.map(loadLang)));
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = "";
  asked.length = 0;
  setLang("en");
});

async function shown(count: number): Promise<string> {
  unopened = count;
  app = mount(UnopenedNotice, { target: document.body });
  await tick();
  await Promise.resolve();
  flushSync();
  return document.body.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

describe("UnopenedNotice", () => {
  it("says nothing when every entry opened", async () => {
    expect(await shown(0)).toBe("");
    expect(asked).toEqual(["vault_unopened"]);
  });

  it("says how many, that they are kept, and that a backup may bring them back, until closed", async () => {
    const text = await shown(3);
    expect(text).toContain("3 entries could not be opened");
    expect(text).toContain("kept in the file unchanged");
    expect(text).toContain("backup");
    expect(document.querySelector("[role=status]")).toBeTruthy();
    [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === "OK")!.click();
    flushSync();
    expect(document.body.textContent?.trim()).toBe("");
    expect(asked).toEqual(["vault_unopened"]);
  });

  it("speaks one entry in the singular, and Spanish", async () => {
    expect(await shown(1)).toContain("One entry could not be opened");
    unmount(app!);
    app = null;
    document.body.innerHTML = "";
    await setLang("es");
    expect(await shown(2)).toContain("no se pudieron abrir 2 entradas");
  });
});
