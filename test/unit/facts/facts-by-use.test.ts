import { afterEach, describe, expect, it } from "vitest";
import { publishRules } from "../../../src/rules/publish.js";
import type { RulesFile } from "../../../src/rules/schema/rules-schema.js";
import { cleanup, onScreen, rulesOf, settle, start } from "../runtime/harness.js";

afterEach(cleanup);

// A new visitor's purchaseIntent is 0.047 (see scores.ts); "not computed" would read 0.
const byScore = rulesOf([{ id: "intent", type: "popup", when: { "scores.purchaseIntent": { $gt: 0.04 } }, content: { title: "Hi" } }]);

describe("facts by use: rfm, scores and the usual time are computed when the rules read them", () => {
  it("nudge build lists the derived facts a file reads", () => {
    expect(publishRules(byScore).ahead.facts).toEqual(["scores"]);
    expect(publishRules(rulesOf([{ id: "r", type: "popup", when: { "rfm.segment": "champions" }, content: { title: "x" } }])).ahead.facts).toEqual(["rfm"]);
    expect(publishRules(rulesOf([{ id: "s", type: "popup", trigger: { type: "delay", after: "1s", smartTiming: true }, content: { title: "x" } }])).ahead.facts).toEqual([
      "usualTime",
    ]);
    expect(publishRules(rulesOf([{ id: "p", type: "popup", when: { "cart.count": { $gte: 1 } }, content: { title: "x" } }])).ahead.facts).toEqual([]);
  });

  it("a published file that reads scores gets them computed before its first decision", async () => {
    const h = start(publishRules(byScore) as unknown as RulesFile);
    await h.nudge.ready;
    await settle();
    expect(onScreen()).toEqual(["intent"]);
    expect(h.nudge.facts().scores.purchaseIntent).toBeCloseTo(0.047, 3);
  });
});
