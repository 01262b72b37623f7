import { describe, expect, it } from "vitest";
import { isError } from "../../../src/rules/problems.js";
import { validateRules } from "../../../src/rules/validate.js";
import { notShownReason } from "../../../src/render/widget-api.js";

const countdown = (coupon: unknown) => ({
  id: "welcome",
  type: "countdown-coupon",
  content: { title: "10% off", countdown: { evergreen: "30m" }, coupon },
});
const errors = (file: unknown) =>
  validateRules(file)
    .problems.filter(isError)
    .map((p) => `${p.path}: ${p.message}`);

describe("coupon sources from the collector", () => {
  it("a pool or a server-drawn wheel without settings.collector is an error at its path", () => {
    const file = {
      version: 1,
      widgets: [
        countdown({ pool: "WELCOME" }),
        { id: "wheel", type: "wheel", content: { wheel: "SPRING" } },
        { id: "p", type: "popup", content: { title: "t", coupon: { pool: "X" } } },
      ],
    };
    expect(errors(file)).toEqual([
      'widgets[0].content.coupon.pool: a unique code comes from the collector: set "settings.collector" to its URL (nudge collect), or give a "code" instead',
      'widgets[1].content.wheel: a wheel drawn by the collector needs "settings.collector" (its URL, nudge collect), or give "segments" instead',
      'widgets[2].content.coupon.pool: a unique code comes from the collector: set "settings.collector" to its URL (nudge collect), or give a "code" instead',
    ]);
    const withCollector = validateRules({ ...file, settings: { collector: "/nudge-collector" } });
    expect(withCollector.problems.filter(isError)).toEqual([]);
    expect(withCollector.rules?.widgets).toHaveLength(3);
  });

  it("a coupon has a code or a pool, a wheel segments or a wheel, not both or neither", () => {
    const settings = { collector: "https://collect.example" };
    expect(errors({ version: 1, settings, widgets: [countdown({ code: "A", pool: "B" })] })).toEqual([
      'widgets[0].content.coupon: give either "code" (the same for everyone) or "pool" (a unique code from the collector)',
    ]);
    expect(errors({ version: 1, settings, widgets: [countdown({ label: "Your code" })] })).toHaveLength(1);
    expect(errors({ version: 1, settings, widgets: [countdown({ pool: "no spaces!" })] })[0]).toMatch(/^widgets\[0\]\.content\.coupon\.pool: /);
    const both = {
      id: "w",
      type: "wheel",
      content: {
        wheel: "S",
        segments: [
          { label: "a", weight: 1 },
          { label: "b", weight: 1 },
        ],
      },
    };
    expect(errors({ version: 1, settings, widgets: [both] })).toEqual(['widgets[0].content: give either "segments" (drawn in the browser) or "wheel" (drawn by the collector)']);
  });
});

describe("notShownReason", () => {
  it("reads false and { notShown } as nothing to show, anything else as showing", () => {
    expect(notShownReason(false)).toBe("its prepare step found no data");
    expect(notShownReason({ notShown: 'coupon pool "A": empty' })).toBe('coupon pool "A": empty');
    for (const shows of [undefined, true, 0, [], { couponCode: "X" }, { notShown: 3 }]) expect(notShownReason(shows)).toBeUndefined();
  });
});
