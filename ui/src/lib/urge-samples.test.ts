import { describe, expect, it } from "vitest";
import { recordSample } from "./urge";
import type { UrgeSample } from "./generated/UrgeSample";

describe("recordSample", () => {
  it("keeps one rating per second, the latest, so quick taps never make an invalid session", () => {
    const samples: UrgeSample[] = [];
    const labels: (string | null)[] = [];
    recordSample(samples, labels, { offsetSeconds: 0, intensity: 6 }, null);
    recordSample(samples, labels, { offsetSeconds: 0, intensity: 8 }, "noticeAndName");
    recordSample(samples, labels, { offsetSeconds: 3, intensity: 7 }, "breathe");
    expect(samples).toEqual([
      { offsetSeconds: 0, intensity: 8 },
      { offsetSeconds: 3, intensity: 7 },
    ]);
    expect(labels).toEqual(["noticeAndName", "breathe"]);
  });
});
