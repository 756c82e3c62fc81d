// Component behaviour in a DOM (happy-dom): the inline confirm step, the intensity slider, and
// first run's language step (a language change re-renders what is already on screen).
import { flushSync, mount, unmount } from "svelte";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import Confirm from "./Confirm.svelte";
import Intensity from "./Intensity.svelte";
import FirstRun from "../screens/FirstRun.svelte";
import { LANGS, loadLang, setLang } from "../lib/i18n.svelte";

let app: ReturnType<typeof mount> | null = null;
beforeAll(() => Promise.all(LANGS.map(loadLang)));
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = "";
  setLang("en");
});

const button = (name: string) => [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === name);

describe("Confirm", () => {
  it("asks before acting, and does nothing when the patient keeps the entry", () => {
    const onconfirm = vi.fn();
    app = mount(Confirm, { target: document.body, props: { label: "Delete", question: "Delete this entry for good?", confirmLabel: "Delete for good", onconfirm } });
    button("Delete")!.click();
    flushSync();
    expect(document.body.textContent).toContain("Delete this entry for good?");
    button("Keep it")!.click();
    flushSync();
    expect(onconfirm).not.toHaveBeenCalled();
    expect(button("Delete")).toBeTruthy();
  });

  it("acts once confirmed", () => {
    const onconfirm = vi.fn();
    app = mount(Confirm, { target: document.body, props: { label: "Delete", question: "Sure?", confirmLabel: "Delete for good", onconfirm } });
    button("Delete")!.click();
    flushSync();
    button("Delete for good")!.click();
    flushSync();
    expect(onconfirm).toHaveBeenCalledTimes(1);
  });
});

describe("Intensity", () => {
  it("labels the slider and says the value in words for screen readers", () => {
    app = mount(Intensity, { target: document.body, props: { id: "i", label: "How strong is it?", value: 8 } });
    flushSync();
    const input = document.querySelector<HTMLInputElement>("#i")!;
    expect(document.querySelector('label[for="i"]')?.textContent).toBe("How strong is it?");
    expect(input.getAttribute("aria-valuetext")).toBe("8 out of 10, strong");
    expect(input.min).toBe("0");
    expect(input.max).toBe("10");
  });
});

describe("the language", () => {
  it("re-renders a mounted component when it changes, screen-reader words included", () => {
    app = mount(Intensity, { target: document.body, props: { id: "i", label: "x", value: 5 } });
    flushSync();
    const input = document.querySelector<HTMLInputElement>("#i")!;
    expect(input.getAttribute("aria-valuetext")).toBe("5 out of 10, moderate");
    setLang("es");
    flushSync();
    expect(input.getAttribute("aria-valuetext")).toBe("5 de 10, moderada");
  });

  it("is first run's first question: each language named in itself, picking one switches the screen", () => {
    app = mount(FirstRun, { target: document.body });
    flushSync();
    const heading = () => document.querySelector("h1")?.textContent;
    expect(heading()).toBe("Choose your language");
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"][name="language"]')];
    expect(radios.map((r) => r.closest("label")?.textContent?.trim())).toEqual(["English", "Español"]);
    expect(radios.map((r) => r.closest("label")?.getAttribute("lang"))).toEqual(["en", "es"]);
    expect(radios[0]!.checked).toBe(true);
    expect(document.querySelector("fieldset legend")?.textContent).toBe("Language");
    // The core is out of reach here (no shell): the window still shows the choice at once.
    radios[1]!.click();
    flushSync();
    expect(heading()).toBe("Elija su idioma");
    expect(document.documentElement.lang).toBe("es");
    expect(radios[1]!.checked).toBe(true);
    button("Continuar")!.click();
    flushSync();
    expect(heading()).toBe("Le damos la bienvenida a Tideline");
  });
});
