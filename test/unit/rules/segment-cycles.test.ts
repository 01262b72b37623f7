import { describe, expect, it } from "vitest";
import { validateRules } from "../../../src/rules/validate.js";

const file = (segments: Record<string, unknown>) => ({ version: 1, segments, widgets: [] });

describe("segments that refer to segments", () => {
  it("accepts a chain without a circle", () => {
    const { rules, problems } = validateRules(file({ a: { $segment: "b" }, b: { $or: [{ $segment: "c" }, { "cart.count": 1 }] }, c: { "orders.count": 2 } }));
    expect(problems).toEqual([]);
    expect(rules).not.toBeNull();
  });

  it.each([
    ["a segment using itself", { a: { $segment: "a" } }, "segments.a", "a → a"],
    ["two segments using each other", { a: { "cart.count": 1, $segment: "b" }, b: { $and: [{ $segment: "a" }] } }, "segments.a", "a → b → a"],
    ["a longer circle, deep inside $not", { a: { $segment: "b" }, b: { $segment: "c" }, c: { $not: { $segment: "a" } } }, "segments.a", "a → b → c → a"],
  ])("rejects %s, naming the circle", (_name, segments, path, circle) => {
    const { rules, problems } = validateRules(file(segments));
    expect(rules).toBeNull();
    expect(problems).toEqual([{ path, message: `segments refer to each other in a circle: ${circle}` }]);
  });
});
