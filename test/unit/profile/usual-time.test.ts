import { describe, expect, it } from "vitest";
import { addEvent } from "../../../src/profile/history.js";
import { usualTime } from "../../../src/profile/learn-usual-time.js";
import { hoursApart, msUntilUsual } from "../../../src/profile/usual-time.js";
import type { EventHistory } from "../../../src/rules/condition/types.js";

const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();
function views(...times: number[]): EventHistory | undefined {
  return times.reduce<EventHistory | undefined>((history, t) => addEvent(history, t), undefined);
}

describe("usualTime: the visitor's usual hour and weekdays from the page views kept", () => {
  it("knows nothing from one day of visits", () => {
    expect(usualTime(views(at(2, 20), at(2, 20, 5), at(2, 21)), at(2, 21))).toEqual({ usualHour: null, usualWeekdays: [], activeNow: false });
    expect(usualTime(undefined, at(2, 21))).toEqual({ usualHour: null, usualWeekdays: [], activeNow: false });
  });

  it("the hour seen on most days wins, however many pages one long session had", () => {
    // 2026-11-02 is a Monday. Evenings on three days; one morning with 20 page views.
    const morning = Array.from({ length: 20 }, (_, i) => at(4, 9, i));
    const history = views(at(2, 20, 10), at(3, 20, 40), ...morning, at(5, 20, 5), at(5, 21));
    const seen = usualTime(history, at(6, 19, 30));
    expect(seen.usualHour).toBe(20);
    expect(seen.activeNow).toBe(true); // 19:30 is within an hour of 20:00
    expect(usualTime(history, at(6, 9)).activeNow).toBe(false);
    // Mon, Tue, Wed, Thu each had one active day.
    expect(seen.usualWeekdays).toEqual([1, 2, 3, 4]);
  });

  it("weekdays: those with at least half the active days of the busiest", () => {
    // Saturdays (7th, 14th, 21st, 28th) four times, a Tuesday twice, a Monday once.
    const history = views(at(7, 12), at(14, 12), at(21, 12), at(28, 12), at(3, 18), at(10, 18), at(9, 18));
    expect(usualTime(history, at(29, 12)).usualWeekdays).toEqual([2, 6]);
  });
});

describe("hoursApart and msUntilUsual", () => {
  it("count across midnight", () => {
    expect(hoursApart(23, 0)).toBe(1);
    expect(hoursApart(2, 22)).toBe(4);
    expect(msUntilUsual(20, at(2, 19, 59))).toBe(0);
    expect(msUntilUsual(20, at(2, 9))).toBe(10 * 3_600_000);
    expect(msUntilUsual(1, at(2, 22))).toBe(2 * 3_600_000);
  });
});
