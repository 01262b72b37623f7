import { describe, expect, it } from "vitest";
import { rfm, type RfmSegment } from "../../../src/profile/rfm.js";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 25);
const customer = (daysAgo: number, count: number, total: number) => rfm({ count, total, lastTime: now - daysAgo * DAY }, now);

describe("rfm", () => {
  it("gives no scores and no segment before the first order", () => {
    expect(rfm({ count: 0, total: 0, lastTime: null }, now)).toEqual({ recency: 0, frequency: 0, monetary: 0, segment: null });
  });

  it.each([
    // recency boundaries: 14 days is still 5, 15 is 4; 180 is 2, 181 is 1
    [0, 5], [14, 5], [15, 4], [30, 4], [31, 3], [90, 3], [91, 2], [180, 2], [181, 1], [2000, 1],
  ])("recency: last order %i days ago scores %i", (days, score) => {
    expect(customer(days, 1, 10).recency).toBe(score);
  });

  it.each([[1, 1], [2, 2], [3, 3], [4, 3], [5, 4], [7, 4], [8, 5], [50, 5]])("frequency: %i orders score %i", (count, score) => {
    expect(customer(1, count, 10).frequency).toBe(score);
  });

  it.each([[0, 1], [99.99, 1], [100, 2], [250, 3], [499, 3], [500, 4], [1000, 5]])("monetary: %d spent scores %i", (total, score) => {
    expect(customer(1, 1, total).monetary).toBe(score);
  });

  it.each<[string, number, number, number, RfmSegment]>([
    ["bought yesterday, often and a lot", 1, 10, 2000, "champions"],
    ["first order yesterday, small", 1, 1, 20, "new_customers"],
    ["first order 3 weeks ago", 21, 1, 20, "promising"],
    ["recent, a few orders", 5, 3, 300, "potential_loyalists"],
    ["two months ago, regular and big", 60, 6, 700, "loyal_customers"],
    ["two months ago, average", 60, 3, 300, "need_attention"],
    ["two months ago, one small order", 60, 1, 30, "about_to_sleep"],
    ["four months ago, regular", 120, 5, 300, "at_risk"],
    ["a year ago, best customer", 365, 10, 3000, "cant_lose_them"],
    ["four months ago, one small order", 120, 1, 30, "hibernating"],
    ["a year ago, one small order", 365, 1, 30, "lost"],
  ])("%s → %s", (_name, days, count, total, segment) => {
    expect(customer(days, count, total).segment).toBe(segment);
  });

  it("reaches all 11 segments over the grid", () => {
    const seen = new Set<string | null>();
    for (const days of [1, 20, 60, 120, 365]) for (const count of [1, 2, 3, 5, 8]) for (const total of [0, 100, 250, 500, 1000]) seen.add(customer(days, count, total).segment);
    expect(seen.size).toBe(11);
  });
});
