import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DURATION_PATTERN, parseDuration } from "../../../src/rules/duration.js";
import { validateRules } from "../../../src/rules/validate.js";

describe("parseDuration", () => {
  it.each<[unknown, number]>([
    ["500ms", 500],
    ["0ms", 0],
    ["30s", 30_000],
    ["6s", 6_000],
    ["1.5s", 1_500],
    ["15m", 900_000],
    ["2h", 7_200_000],
    ["7d", 604_800_000],
    ["1w", 604_800_000],
    ["6 s", 6_000],
    [" 6s ", 6_000],
    [0, 0],
    [2, 2_000],
    [0.25, 250],
  ])("%j → %d ms", (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each<[unknown]>([
    ["6"],
    ["s"],
    ["6sec"],
    ["6 secs"],
    ["6S"],
    ["-5s"],
    ["1e3s"],
    [".5s"],
    ["5.s"],
    ["6y"],
    ["6s6m"],
    [""],
    [-1],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [null],
    [undefined],
    [{}],
    [["6s"]],
    [true],
  ])("%j → undefined", (input) => expect(parseDuration(input)).toBeUndefined());

  it("agrees with the rules schema: a duration string is valid in settings.quietPeriod iff parseDuration reads it", () => {
    const unit = fc.constantFrom("ms", "s", "m", "h", "d", "w", "S", "sec", "y", "");
    const durationish = fc.oneof(
      fc.tuple(fc.oneof(fc.nat({ max: 1000 }).map(String), fc.constantFrom("1.5", "-1", ".5", "1e3", "")), fc.constantFrom("", " "), unit).map(([n, sp, u]) => `${n}${sp}${u}`),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(durationish, (text) => {
        fc.pre(text === text.trim()); // parseDuration trims; the schema checks the raw string
        const valid = validateRules({ version: 1, settings: { quietPeriod: text }, widgets: [] }).problems.length === 0;
        expect(valid).toBe(parseDuration(text) !== undefined);
        expect(valid).toBe(DURATION_PATTERN.test(text));
      }),
      { numRuns: 300 },
    );
  });
});
