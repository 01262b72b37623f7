import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition, ConditionError } from "../../../src/rules/public.js";

describe("nudge/rules entry point", () => {
  it("runs the documented compileCondition example", () => {
    const productPageWithBigCart = compileCondition({
      "cart.value": { $gte: 50 },
      "page.path": { $regex: "^/product" },
    });
    expect(productPageWithBigCart({ cart: { value: 72.5 }, page: { path: "/product/42" } })).toBe(true);
    expect(productPageWithBigCart({ cart: { value: 10 }, page: { path: "/product/42" } })).toBe(false);
  });

  it("runs the documented checkCondition and ConditionError examples", () => {
    expect(checkCondition({ "visitor.age": { $gtt: 18 } }, "widgets[2].when")).toEqual([
      { path: "widgets[2].when.visitor.age.$gtt", message: "$gtt: unknown operator; did you mean $gt?" },
    ]);
    expect(() => compileCondition({ "page.path": { $regex: "(" } })).toThrow(ConditionError);
  });
});
