import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as schedule from "../../../src/decide/schedule.js";
import { compileRules } from "../../../src/rules/compile-rules.js";
import { isError } from "../../../src/rules/problems.js";
import { validateRules, type ValidationResult } from "../../../src/rules/validate.js";

const RUNS = 300;

/** What every result must look like, whatever the input. */
function expectWellFormed(result: ValidationResult): void {
  expect(Array.isArray(result.problems)).toBe(true);
  for (const problem of result.problems) {
    expect(typeof problem.path).toBe("string");
    expect(problem.path.length).toBeGreaterThan(0);
    expect(typeof problem.message).toBe("string");
    expect(problem.message.length).toBeGreaterThan(0);
  }
  if (result.rules === null) expect(result.problems.length).toBeGreaterThan(0);
  else expect(Array.isArray(result.rules.widgets)).toBe(true);
}

/** A validated file must compile without any widget or segment failing. */
function expectCompiles(result: ValidationResult): void {
  if (!result.rules) return;
  const errors: string[] = [];
  const compiled = compileRules(result.rules, (path, error) => errors.push(`${path}: ${String(error)}`), schedule);
  expect(errors).toEqual([]);
  expect(compiled.widgets.length).toBe(result.rules.widgets.length);
}

// Keys the schema knows, near-miss typos and prototype names: random objects built from these reach deep into the validator.
const schemaKeys = [
  "version",
  "settings",
  "segments",
  "widgets",
  "$schema",
  "id",
  "type",
  "trigger",
  "when",
  "frequency",
  "priority",
  "content",
  "title",
  "text",
  "eyebrow",
  "image",
  "src",
  "alt",
  "cta",
  "label",
  "href",
  "action",
  "dismiss",
  "closeLabel",
  "after",
  "session",
  "day",
  "total",
  "locale",
  "currency",
  "quietPeriod",
  "maxPerPage",
  "maxPerSession",
  "priorty",
  "titel",
  "$gt",
  "$gtt",
  "$segment",
  "$or",
  "$not",
  "$regex",
  "constructor",
  "toString",
  "page.path",
];
const leaf = fc.oneof(
  fc.constantFrom("popup", "page_view", "manual", "delay", "6s", "7d", "javascript:alert(1)", "/shop", "", "USD", "usd", 0, 1, -1, 1.5, true, null),
  fc.string({ maxLength: 8 }),
  fc.double(),
);
function valueWithKeys(keys: string[]) {
  return fc.letrec((tie) => ({
    value: fc.oneof({ maxDepth: 4, depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...keys), tie("value"), { maxKeys: 5 })),
  })).value;
}
const vocabularyValue = valueWithKeys([...schemaKeys, "__proto__"]);
// Without "__proto__": see the BUG test at the end of this file.
const vocabularyValueNoProto = valueWithKeys(schemaKeys);

const validPopup = fc.record({
  id: fc.string({ minLength: 1, maxLength: 6 }),
  type: fc.constant("popup"),
  trigger: fc.constantFrom("page_view", "manual", { type: "delay", after: "2s" }, { type: "page_view" }),
  when: fc.constantFrom({}, { "cart.count": { $gte: 1 } }, { $or: [{ "page.path": "/" }, { "visitor.isNew": true }] }, { $segment: "vip" }),
  priority: fc.integer({ min: -5, max: 5 }),
  content: fc.record({ title: fc.string({ minLength: 1, maxLength: 10 }), text: fc.string({ maxLength: 10 }) }),
});

/** A valid popup with one field replaced by a random value (which may or may not still be valid). */
const mutatedPopup = fc
  .tuple(validPopup, fc.constantFrom("id", "type", "trigger", "when", "priority", "content", "frequency", "extra"), vocabularyValueNoProto)
  .map(([widget, key, value]) => ({ ...widget, [key]: value }));

// Hundreds of random documents per property: generous time, since CI machines may be busy (never a timing assertion).
describe("validateRules never throws", { timeout: 30_000 }, () => {
  it("on fc.anything() (exotic objects included)", () => {
    fc.assert(
      fc.property(
        fc.anything({
          // withBigInt is left out: see the BUG test below.
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withSparseArray: true,
          withTypedArray: true,
          withUnicodeString: true,
        }),
        (input) => expectWellFormed(validateRules(input)),
      ),
      { numRuns: RUNS },
    );
  });

  // Regression test (bug found and fixed): validateRules throws (its doc says "Never throws") when a value it must describe in a message is a
  // bigint, a symbol or a function: describeValue() in src/rules/validate.ts calls JSON.stringify(value), which
  // throws "Do not know how to serialize a BigInt" for a bigint and returns undefined for a symbol or a function,
  // so `text.length` throws a TypeError. Reachable through the npm API: createNudge({ rules: { version: 1n, ... } }).
  it("on values JSON cannot express (bigint, symbol, function) wherever a problem must describe them", () => {
    const popup = (extra: Record<string, unknown>) => ({ id: "a", type: "popup", content: { title: "T" }, ...extra });
    const inputs: unknown[] = [
      0n,
      Symbol("rules"),
      () => ({}),
      { version: 1n, widgets: [] },
      { version: 1, widgets: [Symbol("w")] },
      { version: 1, widgets: [popup({ priority: () => 1 })] },
      { version: 1, widgets: [popup({ content: { title: 10n } })] },
    ];
    for (const input of inputs) expectWellFormed(validateRules(input));
    fc.assert(
      fc.property(fc.anything({ withBigInt: true }), (input) => expectWellFormed(validateRules(input))),
      { numRuns: RUNS },
    );
  });

  // Regression test (bug found and fixed): validateRules also lets an exception from the input itself escape: an object whose getter throws
  // ({ version: 1, get widgets() { throw … } }) or a Proxy whose traps throw makes zod's safeParse throw, and
  // validateRules does not catch it. Not reachable from JSON, only from objects handed to createNudge({ rules }).
  it("on objects whose getters or proxy traps throw", () => {
    const getter = {
      version: 1,
      get widgets(): unknown[] {
        throw new Error("boom");
      },
    };
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
        get() {
          throw new Error("trap");
        },
      },
    );
    expectWellFormed(validateRules(getter));
    expectWellFormed(validateRules(proxy));
  });

  it("on cyclic objects", () => {
    const root: Record<string, unknown> = { version: 1, widgets: [] };
    root.self = root;
    expectWellFormed(validateRules(root));
    const widget: Record<string, unknown> = { id: "a", type: "popup", content: { title: "T" } };
    widget.when = { $or: [widget] };
    expectWellFormed(validateRules({ version: 1, widgets: [widget] }));
  });

  it("on fc.jsonValue(), and whatever it accepts compiles", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const result = validateRules(input);
        expectWellFormed(result);
        expectCompiles(result);
      }),
      { numRuns: RUNS },
    );
  });

  it("on a valid envelope around arbitrary widgets: the envelope stays usable and every problem is inside widgets[]", () => {
    fc.assert(
      fc.property(fc.array(fc.anything({ withNullPrototype: true, withObjectString: true }), { maxLength: 5 }), (widgets) => {
        const result = validateRules({ version: 1, widgets });
        expectWellFormed(result);
        expect(result.rules).not.toBeNull();
        for (const problem of result.problems) expect(problem.path).toMatch(/^widgets\[\d+\]/);
      }),
      { numRuns: RUNS },
    );
  });

  it("on random objects built from the schema's own keys, near-miss typos and prototype names", () => {
    fc.assert(
      fc.property(vocabularyValue, fc.array(vocabularyValue, { maxLength: 4 }), (envelope, widgets) => {
        const input = typeof envelope === "object" && envelope !== null && !Array.isArray(envelope) ? { version: 1, ...envelope, widgets } : envelope;
        const result = validateRules(input);
        expectWellFormed(result);
        expectCompiles(result);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("validateRules keeps exactly the valid widgets", () => {
  it("a widget is kept iff no problem points into it, ids stay unique, order is kept, and the result compiles", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(validPopup, mutatedPopup), { maxLength: 6 }), (widgets) => {
        const input = { version: 1, segments: { vip: { "orders.count": { $gte: 3 } } }, widgets };
        const result = validateRules(input);
        expectWellFormed(result);
        expect(result.rules).not.toBeNull();
        const broken = new Set(result.problems.filter(isError).map((p) => Number(/^widgets\[(\d+)\]/.exec(p.path)?.[1])));
        const expected = widgets.filter((_, index) => !broken.has(index));
        expect(result.rules!.widgets).toEqual(expected);
        const ids = result.rules!.widgets.map((w) => w.id);
        expect(new Set(ids).size).toBe(ids.length);
        expectCompiles(result);
      }),
      { numRuns: RUNS },
    );
  });

  it("unmutated valid popups are always all kept when their ids are distinct", () => {
    fc.assert(
      fc.property(fc.uniqueArray(validPopup, { selector: (w) => w.id, maxLength: 6 }), (widgets) => {
        const result = validateRules({ version: 1, segments: { vip: {} }, widgets });
        expect(result.problems).toEqual([]);
        expect(result.rules!.widgets).toEqual(widgets);
      }),
      { numRuns: RUNS },
    );
  });
});

// Regression test (bug found and fixed): zod's z.record (used for `when`, `segments` and free-form `content`) silently drops an own "__proto__" key
// (as JSON.parse creates it) from its output, and validateRules reports nothing. The validated rules then mean
// something else than the file: `"when": {"__proto__": {"x": 1}}` is a condition that is never true
// (compileCondition(...)({}) === false), but validateRules returns `when: {}`, which is always true, so the widget
// shows to everyone. A segment named "__proto__" vanishes the same way. Either keep the key or report it.
it("validateRules never silently drops a __proto__ key from a condition", () => {
  const input = JSON.parse('{"version":1,"widgets":[{"id":"a","type":"popup","content":{"title":"T"},"when":{"__proto__":{"x":1}}}]}');
  const { rules, problems } = validateRules(input);
  const kept = rules?.widgets[0];
  const keptKey = kept !== undefined && Object.prototype.hasOwnProperty.call(kept.when ?? {}, "__proto__");
  expect(keptKey || problems.length > 0).toBe(true);
});
