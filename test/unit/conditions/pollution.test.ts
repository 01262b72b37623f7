import { afterEach, describe, expect, it } from "vitest";
import { compileCheckedCondition } from "../../../src/rules/condition/compile.js";
import { checkCondition, compileCondition } from "../../../src/rules/condition/index.js";

/** JSON.parse keeps `__proto__` as a plain own key, exactly as a rules file would arrive. */
const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

function expectPrototypesClean(): void {
  for (const prototype of [Object.prototype, Array.prototype, Function.prototype]) {
    expect(Object.prototype.hasOwnProperty.call(prototype, "polluted")).toBe(false);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

afterEach(expectPrototypesClean);

describe("prototype keys in paths", () => {
  it.each([
    ["constructor.name on {}", { "constructor.name": "Object" }, {}, false],
    ["constructor exists", { constructor: { $exists: true } }, {}, false],
    ["constructor is missing", { constructor: { $exists: false } }, {}, true],
    ["constructor.prototype", { "constructor.prototype": { $type: "object" } }, {}, false],
    ["toString is inherited", { toString: { $exists: true } }, {}, false],
    ["hasOwnProperty is inherited", { "a.hasOwnProperty": { $exists: true } }, { a: {} }, false],
    ["array methods are inherited", { "items.map": { $exists: true } }, { items: [1] }, false],
    ["own constructor key", { constructor: "x" }, json('{"constructor": "x"}'), false],
    ["own prototype key", { "a.prototype": 1 }, { a: { prototype: 1 } }, false],
    ["own prototype key reads as null", { "a.prototype": null }, { a: { prototype: 1 } }, true],
  ])("%s", (_name, condition, facts, expected) => {
    expect(compileCondition(condition)(facts)).toBe(expected);
  });

  it("never resolves __proto__, inherited or own", () => {
    const exists = compileCondition(json('{"__proto__": {"$exists": true}}'));
    expect(exists({})).toBe(false);
    expect(exists(json('{"__proto__": {"x": 1}}'))).toBe(false);
    expect(compileCondition(json('{"__proto__": {"$exists": false}}'))({})).toBe(true);
    expect(compileCondition({ "__proto__.x": 1 })(json('{"__proto__": {"x": 1}}'))).toBe(false);
    expect(compileCondition({ "a.__proto__": { $type: "object" } })({ a: {} })).toBe(false);
  });

  it("does not reach prototypes through $elemMatch element conditions", () => {
    const condition = { items: { $elemMatch: { "constructor.name": "Object" } } };
    expect(compileCondition(condition)({ items: [{}] })).toBe(false);
  });
});

describe("compiling and evaluating never pollutes prototypes", () => {
  const hostileConditions = [
    '{"__proto__": {"polluted": {"$exists": true}}}',
    '{"__proto__.polluted": 1, "constructor.prototype.polluted": 1}',
    '{"a": {"__proto__": {"polluted": 1}}}',
    '{"a": {"$elemMatch": {"__proto__": {"polluted": 1}}}}',
    '{"$or": [{"__proto__": {"polluted": 1}}, {"constructor": {"prototype": {"polluted": 1}}}]}',
    '{"a": {"$all": [{"__proto__": {"polluted": 1}}]}, "b": {"$in": [{"__proto__": {"polluted": 1}}]}}',
  ];
  const hostileFacts = [
    {},
    json('{"__proto__": {"polluted": 1}}'),
    json('{"a": {"__proto__": {"polluted": 1}}, "constructor": {"prototype": {"polluted": 1}}}'),
    json('{"a": [{"__proto__": {"polluted": 1}}]}'),
  ];

  it.each(hostileConditions)("%s", (text) => {
    const condition = json(text);
    const before = JSON.stringify(condition);
    expect(checkCondition(condition)).toEqual([]);
    const test = compileCondition(condition);
    for (const facts of hostileFacts) {
      const factsBefore = JSON.stringify(facts);
      test(facts);
      expect(JSON.stringify(facts)).toBe(factsBefore);
    }
    // Compiling reads the condition; it never writes to it.
    expect(JSON.stringify(condition)).toBe(before);
  });
});

describe("$event never reaches prototypes", () => {
  const now = 1_718_000_000_000;
  const history = { count: 3, first: now, last: now, days: { "19884": 3 }, recent: [{ t: now, props: { price: 1 } }] };
  const facts = json(
    `{"time": {"now": ${now}}, "events": {"__proto__": ${JSON.stringify(history)}, "constructor": ${JSON.stringify(history)}, "prototype": ${JSON.stringify(history)}}}`,
  );

  it.each(["__proto__", "constructor", "prototype"])("event name %s is rejected and never resolves", (name) => {
    expect(checkCondition({ $event: { name } })).toHaveLength(1);
    // Compiled without the check (as the runtime does), it still never resolves: never happened.
    expect(compileCheckedCondition({ $event: { name } })(facts)).toBe(false);
    expect(compileCheckedCondition({ $event: { name, notWithin: "1d" } })(facts)).toBe(true);
  });

  it("inherited names (toString, hasOwnProperty) never happened", () => {
    for (const name of ["toString", "hasOwnProperty", "valueOf"]) {
      expect(compileCondition({ $event: { name, count: 0 } })({ time: { now }, events: {} })).toBe(true);
    }
  });

  it("where reads only own props", () => {
    const where = compileCondition({ $event: { name: "a", where: { "props.constructor.name": "Object" } } });
    expect(where({ time: { now }, events: { a: { count: 1, last: now, recent: [{ t: now, props: {} }] } } })).toBe(false);
  });

  it("a hostile $event leaves the facts and prototypes untouched", () => {
    const condition = json('{"$event": {"name": "__proto__", "where": {"__proto__.polluted": 1}, "count": {"$gte": 0}}}');
    const before = JSON.stringify(facts);
    compileCheckedCondition(condition)(facts);
    expect(JSON.stringify(facts)).toBe(before);
  });
});
