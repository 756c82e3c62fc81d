// Languages other than English are modules of their own, read the first time they are shown
// (lib/i18n.svelte.ts): the window keeps the language it shows until the catalog is there, and
// only the last language asked for is shown. Its own file, so no other test has read them first.
import { describe, expect, it } from "vitest";
import { lang, setLang, sources, t } from "./lib/i18n.svelte";

describe("a language read when first shown", () => {
  it("has English at once and no other catalog before it is asked for", () => {
    expect(sources("en").length).toBeGreaterThan(10);
    expect(sources("es")).toEqual([]);
    expect(t("app-lock")).toBe("Lock");
  });

  it("keeps showing English until Spanish is read, then switches", async () => {
    const switching = setLang("es");
    expect(lang()).toBe("en");
    expect(t("app-lock")).toBe("Lock");
    await switching;
    expect(lang()).toBe("es");
    expect(document.documentElement.lang).toBe("es");
    expect(t("app-lock")).toBe("Bloquear");
    expect(sources("es").map((s) => s.path)).toContain("locales/es/ui/app.ftl");
  });

  it("shows only the last language asked for when catalogs arrive out of order", async () => {
    await setLang("en");
    const pseudo = setLang("en-XA");
    const english = setLang("en");
    expect(lang()).toBe("en");
    await Promise.all([pseudo, english]);
    expect(lang()).toBe("en");
    await setLang("en-XA");
    expect(t("app-lock")).toMatch(/^\[.+\]$/);
    await setLang("xx");
    expect(lang()).toBe("en-XA");
  });
});
