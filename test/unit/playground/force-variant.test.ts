import { describe, expect, it } from "vitest";
import { FORCED_HOLDOUT, forceableVariants, forceVariant } from "../../../src/cli/force-variant.js";
import { assignVariant } from "../../../src/decide/variants.js";
import { validateRules } from "../../../src/rules/validate.js";

const rules = {
  version: 1,
  widgets: [
    {
      id: "ab",
      type: "popup",
      holdout: 10,
      variants: [
        { id: "a", weight: 9, content: { title: "A" } },
        { id: "b", weight: 1, content: { title: "B" } },
      ],
    },
    { id: "plain", type: "popup", content: { title: "Plain" } },
  ],
};

describe("forceVariant: the rules a preview runs to see one variant", () => {
  it("lists each widget's variants", () => {
    expect(forceableVariants(rules)).toEqual({ ab: ["a", "b"], plain: ["default"] });
    expect(forceableVariants(null)).toEqual({});
  });

  it("a variant: every visitor gets it, the file stays valid, the other widgets are untouched", () => {
    const forced = forceVariant(rules, "ab", "b");
    expect(validateRules(forced).problems).toEqual([]);
    const widget = forced.widgets[0] as { variants: Array<{ id: string }> };
    expect(widget.variants.map((v) => v.id)).toEqual(["b"]);
    expect(widget).not.toHaveProperty("holdout");
    expect(forced.widgets[1]).toBe(rules.widgets[1]);
    for (const visitor of ["v1", "v2", "v3", "v4", "v5"]) expect(assignVariant(visitor, "ab", widget.variants as never, 0)).toBe("b");
    // The input is not changed.
    expect(rules.widgets[0].variants).toHaveLength(2);
  });

  it("the control group: as large as the file allows, every visitor in it", () => {
    const forced = forceVariant(rules, "ab", "holdout");
    expect(validateRules(forced).problems).toEqual([]);
    const widget = forced.widgets[0] as { holdout: number; variants: Array<{ id: string; weight: number }> };
    expect(widget.holdout).toBe(FORCED_HOLDOUT);
    for (let i = 0; i < 200; i++) expect(assignVariant(`visitor-${i}`, "ab", widget.variants, widget.holdout)).toBe("holdout");
  });

  it("an unknown widget or variant changes nothing", () => {
    expect(forceVariant(rules, "nope", "a")).toEqual(rules);
    expect(forceVariant(rules, "ab", "zzz").widgets[0]).toEqual(rules.widgets[0]);
  });
});
