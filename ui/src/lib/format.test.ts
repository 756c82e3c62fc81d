import { describe, expect, it } from "vitest";
import { clock, countdown, dayLabel, durationWords, hours, isoDate, localInputValue } from "./format";

const at = (s: string) => new Date(s);

describe("countdown", () => {
  const now = at("2026-11-23T10:00:00");
  it("speaks in days and hours, hours and minutes, or minutes", () => {
    expect(countdown(at("2026-11-25T13:00:00"), now)).toBe("in 2 days, 3 hours");
    expect(countdown(at("2026-11-24T10:00:00"), now)).toBe("in 1 day");
    expect(countdown(at("2026-11-23T12:30:00"), now)).toBe("in 2 hours, 30 minutes");
    expect(countdown(at("2026-11-23T11:00:00"), now)).toBe("in 1 hour");
    expect(countdown(at("2026-11-23T10:00:20"), now)).toBe("in 1 minute");
  });
  it("never counts below zero", () => {
    expect(countdown(at("2026-11-23T09:00:00"), now)).toBe("starting now");
  });
});

describe("clock and durations", () => {
  it("formats elapsed time", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(65.9)).toBe("1:05");
    expect(clock(3725)).toBe("1:02:05");
    expect(clock(-3)).toBe("0:00");
  });
  it("says durations in words", () => {
    expect(durationWords(40)).toBe("40 seconds");
    expect(durationWords(60)).toBe("1 minute");
    expect(durationWords(18 * 60)).toBe("18 minutes");
    expect(durationWords(3900)).toBe("1 hour 5 minutes");
    expect(durationWords(7200)).toBe("2 hours");
  });
});

describe("weekly hours", () => {
  it("drops a trailing .0", () => {
    expect(hours(6)).toBe("6");
    expect(hours(4.25)).toBe("4.3");
  });
});

describe("dates", () => {
  const now = at("2026-11-23T10:00:00");
  it("labels today and yesterday", () => {
    expect(dayLabel(at("2026-11-23T01:00:00"), now)).toBe("today");
    expect(dayLabel(at("2026-11-22T23:00:00"), now)).toBe("yesterday");
    expect(dayLabel(at("2026-11-20T23:00:00"), now)).not.toMatch(/today|yesterday/);
  });
  it("formats local dates for inputs", () => {
    expect(isoDate(at("2026-03-04T23:30:00"))).toBe("2026-03-04");
    expect(localInputValue(at("2026-03-04T07:05:00"))).toBe("2026-03-04T07:05");
  });
});
