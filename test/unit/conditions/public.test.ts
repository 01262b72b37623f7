import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition, ConditionError, traceCondition } from "../../../src/rules/public.js";

describe("nudge-sdk/rules entry point", () => {
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

  it("runs the documented traceCondition example", () => {
    const result = traceCondition(
      { "cart.value": { $gte: 50 }, $or: [{ $segment: "vip" }, { "visitor.pagesThisSession": 2 }] },
      { cart: { value: 32.5 }, visitor: { pagesThisSession: 1 }, orders: { count: 1 } },
      { segment: (name) => (name === "vip" ? { "orders.count": { $gte: 5 } } : undefined) },
    );
    expect(result.pass).toBe(false);
    expect(result.failures.map((failure) => failure.message)).toEqual(["cart.value: expected $gte 50, found 32.5", "$or: none of 2 alternatives held"]);
    expect(result.failures[1].children?.map((failure) => failure.message)).toEqual(['$segment "vip": not in the segment', "visitor.pagesThisSession: expected 2, found 1"]);
  });

  it("runs the documented $event and relative-time Condition example", () => {
    const now = Date.UTC(2024, 5, 10, 12);
    const today = String(Date.UTC(2024, 5, 10) / 86_400_000);
    const cartAbandoner = compileCondition({
      $event: { name: "add_to_cart", within: "7d", count: { $gte: 2 } },
      $and: [{ $event: { name: "purchase", notWithin: "30d" } }],
      "visitor.firstSeen": { $olderThan: "1w" },
    });
    const facts = {
      time: { now, date: "2024-06-10" },
      visitor: { firstSeen: now - 10 * 86_400_000 },
      events: { add_to_cart: { count: 2, first: now, last: now, days: { [today]: 2 } } },
    };
    expect(cartAbandoner(facts)).toBe(true);
    expect(cartAbandoner({ ...facts, events: { ...facts.events, purchase: { count: 1, first: now, last: now } } })).toBe(false);
  });
});
