import { evalCondition } from "@growthbook/growthbook";
import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition, ConditionError } from "../../../src/rules/condition/index.js";
import { traceCondition } from "../../../src/rules/trace/index.js";
import { loadCorpus, segmentLookup } from "./corpus.js";

const corpus = loadCorpus();
const segment = segmentLookup(corpus.segments);
const segmentCondition = (name: string) => (Object.prototype.hasOwnProperty.call(corpus.segments, name) ? corpus.segments[name] : undefined);

describe(`condition corpus v${corpus.version}`, () => {
  it("is the version these tests understand and has enough cases", () => {
    expect(corpus.version).toBe(2);
    expect(corpus.cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(corpus.cases.map((c) => c.name)).size).toBe(corpus.cases.length);
  });

  it("has valid segments", () => {
    for (const [name, condition] of Object.entries(corpus.segments)) expect(checkCondition(condition, name)).toEqual([]);
  });

  it.each(corpus.cases)("$name", ({ condition, facts, expected, nudgeOnly, refused }) => {
    if (refused) {
      // Refused when compiled: one problem at its path; the trace fails it for the same reason.
      expect(() => compileCondition(condition, { segment })).toThrow(ConditionError);
      expect(checkCondition(condition).map((problem) => problem.path)).toEqual([refused]);
      expect(traceCondition(condition, facts).failures.map((failure) => failure.path)).toEqual([refused]);
      return;
    }
    expect(compileCondition(condition, { segment })(facts)).toBe(expected);
    // The trace interpreter must give the compiled verdict, and explain every false one.
    const trace = traceCondition(condition, facts, { segment: segmentCondition });
    expect(trace.pass).toBe(expected);
    expect(trace.failures.length > 0).toBe(!expected);
    // The same answer as GrowthBook proves the semantics match (nudgeOnly cases differ on purpose).
    if (!nudgeOnly) expect(evalCondition(facts as Record<string, unknown>, condition as never)).toBe(expected);
  });
});
