import { describe, expect, it } from "vitest";
import { checkCondition, compileCondition, ConditionError } from "../../../src/rules/condition/index.js";
import type { ConditionProblem } from "../../../src/rules/condition/index.js";

const only = (problems: ConditionProblem[]): ConditionProblem => {
  expect(problems).toHaveLength(1);
  return problems[0];
};

describe("checkCondition", () => {
  it("accepts a valid condition using every operator", () => {
    const condition = {
      "page.path": { $regex: "^/product", $not: { $regex: "^/product/gift" } },
      "cart.value": { $gte: 50, $lt: 500 },
      "cart.items": { $size: { $gt: 0 }, $elemMatch: { category: "shoes", price: { $gt: 20 } } },
      "visitor.language": { $in: ["de", "fr"], $nin: ["en"], $ne: "it", $eq: "de" },
      "viewed.categories": { $all: ["shoes", { $regex: "^hats" }], $type: "array" },
      "geo.country": { $exists: true },
      "app.version": { $vgte: "1.2.0", $vlt: "2", $veq: "1.5.0", $vne: "1.4.0", $vgt: "1.0.0", $vlte: "9" },
      $and: [{ "time.hour": { $gte: 9 } }],
      $or: [],
      $nor: [{ "visitor.isNew": true }],
      $not: { "rfm.segment": "lost" },
      $segment: "vip",
    };
    expect(checkCondition(condition, "when", { knownSegments: ["vip"] })).toEqual([]);
  });

  it("reports an unknown operator with the closest known one", () => {
    expect(checkCondition({ "visitor.age": { $gtt: 18 } }, "widgets[2].when")).toEqual([
      { path: "widgets[2].when.visitor.age.$gtt", message: "$gtt: unknown operator; did you mean $gt?" },
    ]);
    expect(only(checkCondition({ $orr: [] })).message).toBe("$orr: unknown operator; did you mean $or?");
    expect(only(checkCondition({ x: { $elemmatch: {} } })).message).toBe("$elemmatch: unknown operator; did you mean $elemMatch?");
    expect(only(checkCondition({ x: { $regexx: "a" } })).message).toBe("$regexx: unknown operator; did you mean $regex?");
    expect(checkCondition({ x: { $regexi: "a", $ini: ["a"], $nini: ["b"], $alli: [] } })).toEqual([]); // GrowthBook's case-insensitive operators
  });

  it("does not suggest a far-off operator", () => {
    expect(only(checkCondition({ x: { $frobnicate: 1 } })).message).toBe("$frobnicate: unknown operator");
  });

  it("reports operators used at the wrong level", () => {
    const fieldOperatorOnTop = only(checkCondition({ $gt: 1 }, "when"));
    expect(fieldOperatorOnTop.path).toBe("when.$gt");
    expect(fieldOperatorOnTop.message).toMatch(/must be inside one, e\.g\. \{"age": \{"\$gt"/);
    const combinatorInField = only(checkCondition({ x: { $or: [] } }));
    expect(combinatorInField).toMatchObject({ path: "x.$or" });
    expect(combinatorInField.message).toMatch(/only valid at the top level/);
    expect(only(checkCondition({ x: { $segment: "vip" } })).path).toBe("x.$segment");
  });

  it("reports an invalid regex and a non-string pattern", () => {
    const bad = only(checkCondition({ "page.path": { $regex: "(unclosed" } }, "when"));
    expect(bad.path).toBe("when.page.path.$regex");
    expect(bad.message).toMatch(/^\$regex: invalid regular expression: /);
    expect(only(checkCondition({ x: { $regex: 5 } })).message).toBe("$regex expects a pattern string, got number");
    expect(only(checkCondition({ x: { $not: { $regex: "[" } } })).path).toBe("x.$not.$regex");
  });

  it.each([
    [{ x: { $in: "a" } }, "x.$in", "$in expects an array of values, got string"],
    [{ x: { $nin: null } }, "x.$nin", "$nin expects an array of values, got null"],
    [{ x: { $all: { a: 1 } } }, "x.$all", "$all expects an array of values, got object"],
    [{ x: { $size: "2" } }, "x.$size", '$size expects a number or an operator object like {"$gte": 2}, got string'],
    [{ x: { $size: { a: 1 } } }, "x.$size", '$size expects a number or an operator object like {"$gte": 2}, got object'],
    [{ x: { $exists: "yes" } }, "x.$exists", "$exists expects true or false, got string"],
    [{ x: { $gt: true } }, "x.$gt", "$gt expects a number or string, got boolean"],
    [{ x: { $lte: [1] } }, "x.$lte", "$lte expects a number or string, got array"],
    [{ x: { $vgt: null } }, "x.$vgt", '$vgt expects a version string like "1.2.3", got null'],
    [{ $and: {} }, "$and", "$and expects an array of condition objects, got object"],
    [{ $or: "a" }, "$or", "$or expects an array of condition objects, got string"],
    [{ $nor: [{ a: 1 }, 2] }, "$nor[1]", 'expected a condition object like {"field": value}, got number'],
    [{ $not: [] }, "$not", 'expected a condition object like {"field": value}, got array'],
    [{ $segment: 3 }, "$segment", "$segment expects a segment name (string), got number"],
    [{ x: undefined }, "x", "expected a JSON value, got undefined"],
  ])("reports a wrong operand type: %j", (condition, path, message) => {
    expect(checkCondition(condition)).toEqual([{ path, message }]);
  });

  it("reports $eq/$ne with an array or object, which could never match", () => {
    const problem = only(checkCondition({ tags: { $eq: ["a"] } }));
    expect(problem.path).toBe("tags.$eq");
    expect(problem.message).toMatch(/compares with ===, so an array never equals a fact/);
    expect(only(checkCondition({ geo: { $ne: { country: "US" } } })).path).toBe("geo.$ne");
  });

  it("reports an unknown $type name with a suggestion", () => {
    expect(only(checkCondition({ x: { $type: "strng" } })).message).toBe(
      '$type expects one of string, number, boolean, object, array, null, undefined, got "strng"; did you mean "string"?',
    );
  });

  it("reports $elemMatch operands it cannot use", () => {
    expect(only(checkCondition({ x: { $elemMatch: 3 } })).message).toMatch(/^\$elemMatch expects an operator object/);
    const combinator = only(checkCondition({ x: { $elemMatch: { $or: [{ id: "a" }] } } }));
    expect(combinator.path).toBe("x.$elemMatch.$or");
    expect(combinator.message).toMatch(/needs a field beside it/);
    expect(only(checkCondition({ x: { $elemMatch: { a: { $gtt: 1 } } } })).path).toBe("x.$elemMatch.a.$gtt");
  });

  it("reports an object mixing operators and plain keys", () => {
    const problem = only(checkCondition({ x: { $gt: 1, max: 5 } }));
    expect(problem.path).toBe("x");
    expect(problem.message).toMatch(/mixes operators \(\$gt\) with plain keys \(max\)/);
  });

  it("checks $segment names against knownSegments when given", () => {
    expect(checkCondition({ $segment: "anything" })).toEqual([]);
    expect(checkCondition({ $segment: "vip" }, "", { knownSegments: ["vip"] })).toEqual([]);
    expect(checkCondition({ $segment: "vipp" }, "when", { knownSegments: ["vip", "mobile"] })).toEqual([
      { path: "when.$segment", message: 'unknown segment "vipp"; did you mean "vip"?' },
    ]);
    expect(only(checkCondition({ $segment: "zzzzzz" }, "", { knownSegments: ["vip"] })).message).toBe('unknown segment "zzzzzz"');
  });

  it("reports a condition that is not an object at the prefix itself", () => {
    for (const condition of [null, [], "a", 5, undefined]) {
      expect(only(checkCondition(condition, "widgets[0].when")).path).toBe("widgets[0].when");
    }
  });

  it("lists every problem, with nested paths", () => {
    const problems = checkCondition({ $and: [{ a: { $in: 1 } }, { $or: [{ b: { $regex: "(" } }] }], c: { $size: { $gtt: 1 } } }, "w");
    expect(problems.map((p) => p.path)).toEqual(["w.$and[0].a.$in", "w.$and[1].$or[0].b.$regex", "w.c.$size.$gtt"]);
  });

  it("never throws, even on cyclic or throwing input", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.$and = [cyclic];
    expect(checkCondition(cyclic).length).toBeGreaterThan(0);
    const throwing = Object.defineProperty({}, "x", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    expect(checkCondition(throwing)[0].message).toMatch(/could not be checked/);
  });
});

describe("compileCondition", () => {
  it("throws a ConditionError listing every problem", () => {
    let caught: unknown;
    try {
      compileCondition({ "visitor.age": { $gtt: 18 }, "page.path": { $regex: "(" } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConditionError);
    expect(caught).toBeInstanceOf(Error);
    const error = caught as ConditionError;
    expect(error.name).toBe("ConditionError");
    expect(error.problems.map((p) => p.path)).toEqual(["visitor.age.$gtt", "page.path.$regex"]);
    expect(error.message).toMatch(/^Invalid condition \(2 problems\):\n {2}visitor\.age\.\$gtt: \$gtt: unknown operator; did you mean \$gt\?\n {2}page\.path\.\$regex: /);
  });

  it.each([[{ x: { $in: 1 } }], [{ $or: {} }], [null], [{ $segment: 1 }], [{ x: { $type: "text" } }]])("throws for %j", (condition) =>
    expect(() => compileCondition(condition)).toThrow(ConditionError),
  );

  it("compiles an unknown segment (no knownSegments at compile time) to false", () => {
    const test = compileCondition({ $segment: "later" }, { segment: () => undefined });
    expect(test({})).toBe(false);
    expect(compileCondition({ $segment: "vip" })({})).toBe(false);
  });

  it("looks segments up at evaluation time and fails closed when one throws", () => {
    const segments = new Map<string, (facts: unknown) => boolean>();
    const test = compileCondition({ $segment: "vip" }, { segment: (name) => segments.get(name) });
    expect(test({})).toBe(false);
    segments.set("vip", () => true);
    expect(test({})).toBe(true);
    segments.set("vip", () => {
      throw new Error("broken segment");
    });
    expect(test({})).toBe(false);
  });
});
