import { afterEach, describe, expect, it } from "vitest";
import { publishRules } from "../../../src/rules/publish.js";
import type { RulesFile } from "../../../src/rules/schema/rules-schema.js";
import { cleanup, onScreen, rulesOf, settle, start } from "../runtime/harness.js";

afterEach(cleanup);

describe("facts by use: a file that reads none of the derived facts", () => {
  it("decides without their code; facts() loads it on its first call and has them from then on", async () => {
    const plain = rulesOf([{ id: "p", type: "popup", when: { "cart.count": { $gte: 0 } }, content: { title: "x" } }]);
    const h = start(publishRules(plain) as unknown as RulesFile);
    await h.nudge.ready;
    await settle();
    expect(onScreen()).toEqual(["p"]);
    // Not known yet on the first call: the values of a visitor with no orders and no habits.
    expect(h.nudge.facts().scores).toEqual({ discountSensitivity: 0, purchaseIntent: 0, churnRisk: 0 });
    await settle(20);
    expect(h.nudge.facts().scores.purchaseIntent).toBeCloseTo(0.047, 3);
    expect(h.nudge.facts().rfm).toEqual({ recency: 0, frequency: 0, monetary: 0, segment: null });
  });
});
