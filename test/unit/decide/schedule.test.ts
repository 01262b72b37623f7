import { afterEach, describe, expect, it } from "vitest";
import { formatElapsed, formatWait } from "../../../src/decide/format-time.js";
import { compileSchedule, parseLocalDate, scheduleBlocks as scheduleData } from "../../../src/decide/schedule.js";
import { say } from "../../../src/decide/explain-words.js";
import { cleanup, fakeClock, onScreen, rulesOf, settle, start } from "../runtime/harness.js";
import { blocked, HOUR, widgets } from "./helpers.js";

afterEach(cleanup);

/** The schedule's reasons in explain()'s words. */
const scheduleBlocks = (...a: Parameters<typeof scheduleData>) => say(scheduleData(...a));
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe("parseLocalDate", () => {
  it("reads local dates and times; an end covers the whole day or minute", () => {
    expect(parseLocalDate("2026-12-01", "start")).toBe(at(2026, 12, 1));
    expect(parseLocalDate("2026-12-01", "end")).toBe(at(2026, 12, 2));
    expect(parseLocalDate("2026-12-31T23:59", "end")).toBe(at(2027, 1, 1));
    expect(parseLocalDate("2026-12-31T09:30", "start")).toBe(at(2026, 12, 31, 9, 30));
    expect(parseLocalDate("2026-02-30", "start")).toBeNull();
    expect(parseLocalDate("2026-12-01T25:00", "start")).toBeNull();
    expect(parseLocalDate("Dec 1", "start")).toBeUndefined();
  });
});

describe("scheduleBlocks (the visitor's local time)", () => {
  const december = compileSchedule({ start: "2026-12-01", end: "2026-12-31T23:59", weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 18 } });

  it("is open on a weekday in December during the hours, including the last minute", () => {
    expect(scheduleBlocks(december, at(2026, 12, 2, 9))).toEqual([]); // Wednesday 9:00
    expect(scheduleBlocks(december, at(2026, 12, 31, 17, 59))).toEqual([]); // Thursday
  });

  it("names the failing part with its values", () => {
    expect(scheduleBlocks(december, at(2026, 11, 30, 10))).toEqual(["schedule.start: starts 2026-12-01, 14h from now"]);
    expect(scheduleBlocks(december, at(2027, 1, 4, 10))).toEqual(["schedule.end: ended 2026-12-31T23:59"]);
    expect(scheduleBlocks(december, at(2026, 12, 5, 10))).toEqual(["schedule.weekdays: today is Sat (6), shows on Mon, Tue, Wed, Thu, Fri"]);
    expect(scheduleBlocks(december, at(2026, 12, 2, 18))).toEqual(["schedule.hours: it is 18:00, shows from 9:00 to 18:00"]);
    expect(scheduleBlocks(december, at(2026, 12, 2, 8, 59))).toEqual(["schedule.hours: it is 8:59, shows from 9:00 to 18:00"]);
  });

  it("hours that span midnight", () => {
    const night = compileSchedule({ hours: { from: 22, to: 6 } });
    expect(scheduleBlocks(night, at(2026, 1, 1, 23))).toEqual([]);
    expect(scheduleBlocks(night, at(2026, 1, 1, 5))).toEqual([]);
    expect(scheduleBlocks(night, at(2026, 1, 1, 12))).toHaveLength(1);
  });

  it("formats waits and elapsed times", () => {
    expect(formatWait(500)).toBe("1s");
    expect(formatWait(23 * HOUR)).toBe("23h");
    expect(formatWait(50 * HOUR)).toBe("2d 2h");
    expect(formatElapsed(90 * 60_000)).toBe("1h 30m");
    expect(formatElapsed(49 * HOUR)).toBe("2d 1h");
  });
});

describe("schedule in the runtime", () => {
  const weekdayHours = { id: "office", type: "banner", schedule: { weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 18 } }, content: { title: "We're online" } };

  it("shows inside the schedule; outside it, explain names the part that fails", async () => {
    // Wednesday 12 March 2025, 20:00
    const h = start(rulesOf([weekdayHours]), { widgets, clock: fakeClock(at(2025, 3, 12, 20)) });
    await h.nudge.ready;
    expect(onScreen()).toEqual([]);
    expect(blocked(h, "office")).toEqual(["schedule.hours: it is 20:00, shows from 9:00 to 18:00"]);
    await h.clock.advance(13 * HOUR); // Thursday 9:00
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["office"]);
  });

  it("a start date in the future holds it back until then", async () => {
    const h = start(rulesOf([{ ...weekdayHours, schedule: { start: "2025-03-13T10:00" } }]), { widgets, clock: fakeClock(at(2025, 3, 12, 12)) });
    await h.nudge.ready;
    expect(blocked(h, "office")).toContain("schedule.start: starts 2025-03-13T10:00, 22h from now");
    await h.clock.advance(22 * HOUR);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["office"]);
  });
});
