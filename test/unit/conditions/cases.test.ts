import { evalCondition } from "@growthbook/growthbook";
import { describe, expect, it } from "vitest";
import { compileCondition } from "../../../src/rules/condition/index.js";
import { loadCorpus, segmentLookup } from "./corpus.js";

const corpus = loadCorpus();
const segment = segmentLookup(corpus.segments);

describe(`condition corpus v${corpus.version}`, () => {
  it("is the version these tests understand and has enough cases", () => {
    expect(corpus.version).toBe(1);
    expect(corpus.cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.cases.map((c) => c.name)).size).toBe(corpus.cases.length);
  });

  it.each(corpus.cases)("$name", ({ condition, facts, expected, nudgeOnly }) => {
    expect(compileCondition(condition, { segment })(facts)).toBe(expected);
    // The same answer as GrowthBook proves the semantics match (nudgeOnly cases differ on purpose).
    if (!nudgeOnly) expect(evalCondition(facts as Record<string, unknown>, condition as never)).toBe(expected);
  });
});
