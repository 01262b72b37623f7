import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition } from "../../../src/rules/condition/index.js";
import type { CompiledCondition, Condition } from "../../../src/rules/condition/index.js";
import { traceCondition } from "../../../src/rules/trace/index.js";
import { exoticFacts, jsonFacts, validCondition } from "../conditions/arbitraries.js";
import { mixedCondition, mixedFacts, segments as segmentsArbitrary } from "./arbitraries.js";

const numRuns = 500;

/** Compiled segments with the runtime's cycle guard (as `compileRules` does). */
function compiledLookup(segments: Record<string, Condition>): (name: string) => CompiledCondition | undefined {
  const compiled = new Map<string, CompiledCondition>();
  const evaluating = new Set<string>();
  const lookup = (name: string): CompiledCondition | undefined => {
    const segment = compiled.get(name);
    if (!segment) return undefined;
    return (facts) => {
      if (evaluating.has(name)) return false;
      evaluating.add(name);
      try {
        return segment(facts);
      } finally {
        evaluating.delete(name);
      }
    };
  };
  for (const [name, condition] of Object.entries(segments)) compiled.set(name, compileCondition(condition, { segment: lookup }));
  return lookup;
}

describe("traceCondition agrees with compileCondition (property-based)", () => {
  it("on GrowthBook conditions and JSON facts", () => {
    fc.assert(
      fc.property(validCondition, jsonFacts, (condition, facts) => {
        const trace = traceCondition(condition, facts);
        expect(trace.pass).toBe(compileCondition(condition)(facts));
        expect(trace.failures.length > 0).toBe(!trace.pass);
      }),
      { numRuns },
    );
  });

  it("on conditions with $event, $segment and relative time, over event histories", () => {
    const outcomes = { true: 0, false: 0 };
    fc.assert(
      fc.property(mixedCondition, mixedFacts, segmentsArbitrary, (condition, facts, segments) => {
        expect(checkCondition(condition)).toEqual([]);
        const expected = compileCondition(condition, { segment: compiledLookup(segments) })(facts);
        const trace = traceCondition(condition, facts, { segment: (name) => (name === "s1" || name === "s2" ? segments[name] : undefined) });
        expect(trace.pass).toBe(expected);
        expect(trace.failures.length > 0).toBe(!expected);
        outcomes[`${expected}`]++;
      }),
      { numRuns },
    );
    expect(Math.min(outcomes.true, outcomes.false)).toBeGreaterThan(numRuns / 20);
  });

  it("on exotic facts (throwing getters, cycles, symbols): same verdict, never throws", () => {
    fc.assert(
      fc.property(fc.oneof(validCondition, mixedCondition), exoticFacts, (condition, facts) => {
        expect(traceCondition(condition, facts).pass).toBe(compileCondition(condition)(facts));
      }),
      { numRuns },
    );
  });
});
