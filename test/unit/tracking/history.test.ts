import { describe, expect, it } from "vitest";
import { compileCondition } from "../../../src/rules/condition/index.js";
import { addEvent, KEEP_DAYS, KEEP_RECENT, localDayNumber, upgradeHistory } from "../../../src/profile/history.js";
import type { EventHistory } from "../../../src/rules/condition/types.js";

const DAY = 86_400_000;
const start = new Date(2026, 10, 25, 12, 0).getTime(); // local noon

describe("event history", () => {
  it("counts per local day and keeps the last raw events", () => {
    let h: EventHistory | undefined;
    h = addEvent(h, start, { price: 10 });
    h = addEvent(h, start + 1000);
    h = addEvent(h, start + DAY);
    expect(h.count).toBe(3);
    expect(h.first).toBe(start);
    expect(h.last).toBe(start + DAY);
    expect(h.days).toEqual({ [localDayNumber(start)]: 2, [localDayNumber(start + DAY)]: 1 });
    expect(h.recent).toEqual([{ t: start, props: { price: 10 } }, { t: start + 1000 }, { t: start + DAY }]);
  });

  it("stays bounded after 20,000 events over two years", () => {
    let h: EventHistory | undefined;
    const step = (2 * 365 * DAY) / 20_000;
    for (let i = 0; i < 20_000; i++) h = addEvent(h, start + i * step);
    expect(h!.count).toBe(20_000);
    expect(Object.keys(h!.days!).length).toBeLessThanOrEqual(KEEP_DAYS);
    expect(h!.recent).toHaveLength(KEEP_RECENT);
    expect(JSON.stringify(h).length).toBeLessThan(12_000);
  });

  it("is what $event reads: 'at least 2 in the last 7 days' over the compacted history", () => {
    let h: EventHistory | undefined;
    h = addEvent(h, start - 10 * DAY);
    h = addEvent(h, start - 3 * DAY);
    const now = start;
    const facts = (history: EventHistory) => {
      const d = new Date(now);
      const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      return { time: { now, date }, events: { add_to_cart: history } };
    };
    const twiceThisWeek = compileCondition({ $event: { name: "add_to_cart", within: "7d", count: { $gte: 2 } } });
    expect(twiceThisWeek(facts(h))).toBe(false);
    h = addEvent(h, start - 1000);
    expect(twiceThisWeek(facts(h))).toBe(true);
  });

  it("upgrades the v1 shape { count, last }", () => {
    expect(upgradeHistory({ count: 4, last: 1000 })).toEqual({ count: 4, first: 1000, last: 1000, days: {}, recent: [] });
  });
});
