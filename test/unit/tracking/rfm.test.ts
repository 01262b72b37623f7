import { describe, expect, it } from "vitest";
import { validateRules } from "../../../src/rules/validate.js";
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
    [0, 5],
    [14, 5],
    [15, 4],
    [30, 4],
    [31, 3],
    [90, 3],
    [91, 2],
    [180, 2],
    [181, 1],
    [2000, 1],
  ])("recency: last order %i days ago scores %i", (days, score) => {
    expect(customer(days, 1, 10).recency).toBe(score);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 3],
    [5, 4],
    [7, 4],
    [8, 5],
    [50, 5],
  ])("frequency: %i orders score %i", (count, score) => {
    expect(customer(1, count, 10).frequency).toBe(score);
  });

  it.each([
    [0, 1],
    [99.99, 1],
    [100, 2],
    [250, 3],
    [499, 3],
    [500, 4],
    [1000, 5],
  ])("monetary: %d spent scores %i", (total, score) => {
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

describe("rfm with the rules file's settings.rfm boundaries", () => {
  const scored = (daysAgo: number, count: number, total: number) =>
    rfm({ count, total, lastTime: now - daysAgo * DAY }, now, { recencyDays: [7, 14, 60, 365], frequency: [3, 6, 10, 20], monetary: [1000, 5000, 10000, 50000] });

  it.each([
    [7, 5],
    [8, 4],
    [14, 4],
    [15, 3],
    [60, 3],
    [61, 2],
    [365, 2],
    [366, 1],
  ])("recency: %i days ago scores %i", (days, score) => {
    expect(scored(days, 1, 10).recency).toBe(score);
  });

  it.each([
    [2, 1],
    [3, 2],
    [5, 2],
    [6, 3],
    [9, 3],
    [10, 4],
    [19, 4],
    [20, 5],
  ])("frequency: %i orders score %i", (count, score) => {
    expect(scored(1, count, 10).frequency).toBe(score);
  });

  it.each([
    [999.99, 1],
    [1000, 2],
    [4999, 2],
    [5000, 3],
    [10000, 4],
    [49999, 4],
    [50000, 5],
  ])("monetary: %d spent scores %i", (total, score) => {
    expect(scored(1, 1, total).monetary).toBe(score);
  });

  it("an axis left out keeps its defaults", () => {
    const only = rfm({ count: 5, total: 250, lastTime: now - 15 * DAY }, now, { monetary: [1000, 5000, 10000, 50000] });
    expect(only).toMatchObject({ recency: 4, frequency: 4, monetary: 1 });
  });
});

describe("settings.rfm in the rules file", () => {
  const check = (rfmSettings: unknown) => validateRules({ version: 1, settings: { rfm: rfmSettings }, widgets: [] }).problems;

  it("accepts ascending boundaries, for any of the three axes", () => {
    expect(check({ recencyDays: [7, 14, 60, 365], frequency: [3, 6, 10, 20], monetary: [1000, 5000, 10000, 50000] })).toEqual([]);
    expect(check({ monetary: [0, 50, 100, 200] })).toEqual([]);
    expect(check({})).toEqual([]);
  });

  it.each<[string, unknown, string, RegExp]>([
    ["not ascending", { recencyDays: [14, 30, 30, 180] }, "settings.rfm.recencyDays", /ascending/],
    ["three boundaries", { frequency: [2, 3, 5] }, "settings.rfm.frequency", /four boundaries/],
    ["five boundaries", { monetary: [1, 2, 3, 4, 5] }, "settings.rfm.monetary", /four boundaries/],
    ["a fractional order count", { frequency: [1.5, 3, 5, 8] }, "settings.rfm.frequency[0]", /expected a whole number, found number 1.5/],
    ["a negative amount", { monetary: [-1, 250, 500, 1000] }, "settings.rfm.monetary[0]", /.+/],
    ["an unknown axis", { recency: [14, 30, 90, 180] }, "settings.rfm", /unknown key "recency"/],
  ])("names the problem: %s", (_name, value, path, message) => {
    const problems = check(value);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toMatch(message);
  });
});
