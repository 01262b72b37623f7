import { describe, expect, it } from "vitest";
import { answerFacts } from "../../../src/profile/answer-facts.js";
import type { WidgetHistory } from "../../../src/profile/profile.js";
import { shouldAsk } from "../../../widgets/push-ask/ask.js";
import type { Facts } from "../../../src/profile/facts.js";

const history = (state: Record<string, unknown>) => ({ shown: 1, closed: 0, converted: 0, state }) as unknown as WidgetHistory;
const DAY = 86_400_000;

describe("answerFacts", () => {
  it("reads the permission, and 'unsupported' without Notification", () => {
    expect(answerFacts({}, { Notification: { permission: "denied" } }).push.permission).toBe("denied");
    expect(answerFacts({}, {}).push).toEqual({ permission: "unsupported", asked: false, lastAsked: null, declined: null });
    expect(answerFacts({}, undefined).push.permission).toBe("unsupported");
  });

  it("gathers the asks of every push-ask widget: the last one, and the last 'no'", () => {
    const widgets = {
      a: history({ push: { asked: 5 * DAY, answer: "no" } }),
      b: history({ push: { asked: 9 * DAY, answer: "yes" } }),
      c: history({ deadline: 1 }),
    };
    expect(answerFacts(widgets, { Notification: { permission: "default" } }).push).toEqual({ permission: "default", asked: true, lastAsked: 9 * DAY, declined: 5 * DAY });
  });

  it("puts each survey's answers at survey.<widget id>, own keys only", () => {
    const widgets = JSON.parse('{"feedback":{"state":{"survey":{"answers":{"found":"yes","rate":4}}}},"__proto__":{"state":{"survey":{"answers":{"x":1}}}}}');
    const { survey } = answerFacts(widgets, undefined);
    expect(survey.feedback).toEqual({ found: "yes", rate: 4 });
    expect(Object.getPrototypeOf(survey)).toBe(Object.prototype);
    expect(Object.keys(survey).sort()).toEqual(["__proto__", "feedback"]);
  });
});

describe("shouldAsk (push-ask's prepare)", () => {
  const facts = (permission: string, now = 100 * DAY) => ({ push: { permission }, time: { now } }) as unknown as Facts;
  it("asks only while the browser's permission is 'default'", () => {
    expect(shouldAsk({ content: {}, facts: facts("default"), state: {} })).toBe(true);
    for (const permission of ["granted", "denied", "unsupported"]) expect(shouldAsk({ content: {}, facts: facts(permission), state: {} }), permission).toBe(false);
  });

  it("after a 'no', waits askAgainAfter (default 30 days)", () => {
    const state = { push: { asked: 80 * DAY, answer: "no" } };
    expect(shouldAsk({ content: {}, facts: facts("default", 109 * DAY), state })).toBe(false);
    expect(shouldAsk({ content: {}, facts: facts("default", 110 * DAY), state })).toBe(true);
    expect(shouldAsk({ content: { askAgainAfter: "7d" }, facts: facts("default", 87 * DAY), state })).toBe(true);
    expect(shouldAsk({ content: { askAgainAfter: "7d" }, facts: facts("default", 86 * DAY), state })).toBe(false);
    // Shown but not answered (the visitor left): asked again on a later page.
    expect(shouldAsk({ content: {}, facts: facts("default", 81 * DAY), state: { push: { asked: 80 * DAY } } })).toBe(true);
  });
});
