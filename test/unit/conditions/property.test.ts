import { evalCondition } from "@growthbook/growthbook";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition } from "../../../src/rules/condition/index.js";
import { exoticFacts, jsonFacts, validCondition } from "./arbitraries.js";

const numRuns = 500;

describe("compiled conditions (property-based)", () => {
  it("accept every generated condition and agree with GrowthBook's evalCondition", () => {
    const outcomes = { true: 0, false: 0 };
    fc.assert(
      fc.property(validCondition, jsonFacts, (condition, facts) => {
        expect(checkCondition(condition)).toEqual([]);
        const result = compileCondition(condition)(facts);
        expect(result).toBe(evalCondition(facts, condition as never));
        outcomes[`${result}`]++;
      }),
      { numRuns },
    );
    // A generator that only ever produced one outcome would prove nothing.
    expect(Math.min(outcomes.true, outcomes.false)).toBeGreaterThan(numRuns / 10);
  });

  it("never throw, whatever the facts", () => {
    fc.assert(
      fc.property(validCondition, fc.oneof(jsonFacts, exoticFacts), (condition, facts) => {
        expect(typeof compileCondition(condition)(facts)).toBe("boolean");
      }),
      { numRuns },
    );
  });

  it("checkCondition never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true }), fc.string(), (condition, prefix) => {
        expect(Array.isArray(checkCondition(condition, prefix))).toBe(true);
      }),
      { numRuns },
    );
  });
});
