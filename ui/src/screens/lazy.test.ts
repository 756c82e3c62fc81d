// The screens behind the lock load on demand (lazy.svelte.ts): a module that cannot be read is
// reported (App shows "could not be opened" and a Try again button) and asked for again on retry.
import { describe, expect, it, vi } from "vitest";
import { SCREENS } from "../lib/flow";

let homeReadable = false;
vi.mock("./Home.svelte", () => {
  if (!homeReadable) throw new Error("the module could not be read");
  return { default: () => {} };
});

const { loadScreen, preloadScreens, screenComponent, screenError } = await import("./lazy.svelte");

describe("the screens behind the lock", () => {
  it("reports a screen whose module cannot be read, and loads it on the next try", async () => {
    expect(screenComponent("home")).toBeUndefined();
    await loadScreen("home");
    expect(screenError("home")).toBe(true);
    expect(screenComponent("home")).toBeUndefined();
    homeReadable = true;
    await loadScreen("home");
    expect(screenError("home")).toBe(false);
    expect(screenComponent("home")).toBeTypeOf("function");
  });

  it("preloads every screen of the navigation", async () => {
    await preloadScreens();
    for (const s of SCREENS) {
      expect(screenComponent(s), s).toBeTypeOf("function");
    }
  });
});
