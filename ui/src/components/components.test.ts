// Component behaviour in a DOM (happy-dom): the inline confirm step and the intensity slider.
import { flushSync, mount, unmount } from "svelte";
import { afterEach, describe, expect, it, vi } from "vitest";
import Confirm from "./Confirm.svelte";
import Intensity from "./Intensity.svelte";

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = "";
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
