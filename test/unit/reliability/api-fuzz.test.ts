import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ConditionError } from "../../../src/rules/condition/error.js";
import { cleanup, rulesOf, settle, start } from "../runtime/harness.js";

afterEach(cleanup);

/** Every public method, as the script-tag queue names them, plus push itself. */
const METHODS = [
  "track",
  "page",
  "identify",
  "viewItem",
  "search",
  "cart.add",
  "cart.remove",
  "cart.set",
  "cart.clear",
  "purchase",
  "consent",
  "forget",
  "show",
  "hide",
  "explain",
  "facts",
  "on",
  "registerWidget",
  "push",
] as const;

const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "then", "length"];
const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS, "id", "price", "quantity", "value", "items", "name", "type", "force"), fc.string({ maxLength: 6 }));
const huge = fc.integer({ min: 10_000, max: 300_000 }).map((n) => "x".repeat(n));
const deep = fc.integer({ min: 50, max: 2000 }).map((depth) => {
  let value: Record<string, unknown> = { id: "leaf" };
  for (let i = 0; i < depth; i++) value = { [i % 2 ? "__proto__" : "nested"]: value, id: `d${i}` };
  return value;
});
/** JSON parsed with __proto__ as an own key, the way a hostile payload arrives. */
const ownProto = fc
  .constantFrom('{"__proto__": {"polluted": true}, "id": "p"}', '{"constructor": {"prototype": {"polluted": true}}}', '[{"__proto__": {"polluted": 1}}]')
  .map((text) => JSON.parse(text));
const value: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.anything({
      key,
      maxDepth: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
  },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: ownProto },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Symbol("s"),
      () => {
        throw new Error("a host function that throws");
      },
      NaN,
      -Infinity,
    ),
  },
);
/** A proxy whose every read throws (fast-check may still print it). */
function throwingProxy() {
  return new Proxy(
    {},
    {
      get: (_, key) => {
        if (key === fc.toStringMethod) return () => "throwingProxy()";
        throw new Error("a trap that throws");
      },
    },
  );
}
const call = fc.record({ method: fc.constantFrom(...METHODS), args: fc.array(value, { maxLength: 3 }) });

const PROTOS = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const snapshot = () => PROTOS.map((proto) => Object.getOwnPropertyNames(proto).sort().join());

function invoke(nudge: Record<string, unknown>, method: string, args: unknown[]): unknown {
  if (method === "push") return (nudge.push as (c: unknown) => unknown)(args.length === 1 ? args[0] : args);
  const [owner, name] = method.includes(".") ? method.split(".") : [undefined, method];
  const target = (owner ? nudge[owner] : nudge) as Record<string, (...a: unknown[]) => unknown>;
  return target[name](...args);
}

describe("arbitrary API calls", () => {
  it("never throw into the page, never reject, never pollute a prototype, and leave the instance working", async () => {
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 8 }), async (calls) => {
        const h = start(rulesOf([{ id: "w", type: "popup", trigger: "manual", content: { title: "{{attributes.name|friend}}" } }]));
        await h.nudge.ready;
        for (const { method, args } of calls) {
          let result: unknown;
          expect(() => (result = invoke(h.nudge as unknown as Record<string, unknown>, method, args))).not.toThrow();
          if (result instanceof Promise) await expect(result).resolves.not.toThrow();
        }
        await settle();
        expect(snapshot()).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        // Only warnings (misuse, named). Errors only for the host's own throwing function or proxy trap,
        // reported by name; any other error would mean Nudge itself failed on the input.
        for (const line of h.console.error.mock.calls.map((c) => String(c[0]))) expect(line).toMatch(/^\[nudge\] [\w.]+\(\): a (host function|trap) that throws$/);
        for (const line of h.console.warn.mock.calls.map((c) => String(c[0]))) expect(line).toMatch(/^\[nudge\] \S/);
        // Still working: a valid call after all that is recorded, and the facts are plain data.
        h.nudge.consent(true);
        h.nudge.track("still_ok");
        expect(h.nudge.facts().events.still_ok?.count).toBeGreaterThanOrEqual(1);
        expect(() => JSON.stringify(h.nudge.facts())).not.toThrow();
        cleanup();
      }),
      { numRuns: 150 },
    );
  });
});

// Found by the fuzzing above: on() with a null-prototype object as the event name threw inside its
// own error message ("Cannot convert object to primitive value"), and on("toString") found the
// inherited method in the emitter's listener table (an internal error instead of a listener).
it('on() with an object, "toString" or "__proto__" as the event: a warning or a working listener, never an error', async () => {
  const h = start(rulesOf([]));
  await h.nudge.ready;
  h.nudge.on(Object.create(null) as never, () => {});
  h.nudge.on("__proto__" as never, () => {});
  const heard: unknown[] = [];
  h.nudge.on("toString" as never, (payload) => heard.push(payload));
  expect(h.console.error).not.toHaveBeenCalled();
  expect(h.console.warn.mock.calls.map((c) => String(c[0]))).toEqual([
    "[nudge] on(): the event name must be a non-empty string, got object",
    '[nudge] on(): "__proto__" is not allowed as an event name',
  ]);
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, "add")).toBe(false);
});

/** A rules file that is JSON but may be anything: a valid envelope around random widgets, or random JSON. */
const widgetish = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom("a", "b", "__proto__")),
    type: fc.oneof(fc.constant("popup"), fc.string({ maxLength: 5 })),
    trigger: fc.oneof(fc.constantFrom("page_view", "manual", "exit_intent"), fc.jsonValue({ maxDepth: 2 })),
    when: fc.oneof(fc.constant({ "cart.count": { $gte: 1 } }), fc.dictionary(fc.constantFrom("$or", "$gtt", "a.b", "__proto__", "$segment"), fc.jsonValue({ maxDepth: 2 }))),
    frequency: fc.jsonValue({ maxDepth: 2 }),
    content: fc.oneof(fc.constant({ title: "t" }), fc.jsonValue({ maxDepth: 2 })),
  },
  { requiredKeys: ["id", "type"] },
);
const rulesFile = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({
    version: fc.constantFrom(1, 2, "1"),
    settings: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
    segments: fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })), { nil: undefined }),
    widgets: fc.array(widgetish, { maxLength: 4 }),
  }),
);

// Found by this test: show(id, opts) read opts.force inside its promise, so a throwing getter
// rejected the promise handed to the page (an unhandled rejection there).
it("every method given a proxy whose every read throws, in every argument position: reported, never thrown", async () => {
  const h = start(rulesOf([{ id: "w", type: "popup", trigger: "manual", content: { title: "t" } }]));
  await h.nudge.ready;
  for (const method of METHODS) {
    for (const args of [[throwingProxy()], ["w", throwingProxy()], [throwingProxy(), throwingProxy()]]) {
      let result: unknown;
      expect(() => (result = invoke(h.nudge as unknown as Record<string, unknown>, method, args)), method).not.toThrow();
      if (result instanceof Promise) await expect(result).resolves.not.toThrow();
    }
  }
  await settle();
  for (const line of h.console.error.mock.calls.map((c) => String(c[0]))) expect(line).toMatch(/^\[nudge\] [\w.]+\(\): a trap that throws$/);
  h.nudge.track("still_ok");
  expect(h.nudge.facts().events.still_ok.count).toBe(1);
});

describe("arbitrary JSON as the rules file, through the whole runtime", () => {
  it("never throws or fails to start: problems are warnings naming their JSON path, and the instance keeps working", async () => {
    await fc.assert(
      fc.asyncProperty(rulesFile, async (file) => {
        const h = start(file as Record<string, unknown>);
        await h.nudge.ready;
        for (const line of h.console.warn.mock.calls.map((c) => String(c[0]))) expect(line).toMatch(/^\[nudge\] rules: \S.*: \S/);
        for (const line of h.console.error.mock.calls.map((c) => String(c[0]))) expect(line).toMatch(/^\[nudge\] rules(: | widgets\[\d+\])/);
        // A widget left out names a problem in its condition; an internal crash (a TypeError) reported the same way is a bug.
        for (const problem of h.problems.filter((p) => p.where.startsWith("rules widgets[")))
          expect(problem.error, `${problem.where}: ${problem.message}`).toBeInstanceOf(ConditionError);
        h.nudge.track("still_ok");
        expect(h.nudge.facts().events.still_ok.count).toBe(1);
        expect(Array.isArray(h.nudge.explain())).toBe(true);
        cleanup();
      }),
      { numRuns: 150 },
    );
  });
});
