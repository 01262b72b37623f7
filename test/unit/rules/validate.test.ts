import { describe, expect, it } from "vitest";
import shopFile from "../../../examples/shop/rules.json";
import type { RulesProblem } from "../../../src/rules/problems.js";
import { validateRules } from "../../../src/rules/validate.js";

const shop = structuredClone(shopFile) as Record<string, unknown>;

/** A minimal valid popup widget, with overrides. */
function popup(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: "w", type: "popup", content: { title: "Hello" }, ...overrides };
}

/** A rules file with the given widgets (and optional envelope overrides). */
function file(widgets: unknown[], envelope: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, ...envelope, widgets };
}

/** Validates and expects exactly one problem; returns it. */
function onlyProblem(input: unknown): RulesProblem {
  const { problems } = validateRules(input);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  return problems[0];
}

describe("validateRules: valid files", () => {
  it("accepts the shop example with no problems and keeps every widget", () => {
    const { rules, problems } = validateRules(shop);
    expect(problems).toEqual([]);
    expect(rules).not.toBeNull();
    expect(rules!.widgets.map((w) => w.id)).toEqual(shop.widgets.map((w: { id: string }) => w.id));
    expect(rules!.widgets).toHaveLength(shop.widgets.length); // every widget kept (several branches add to the shop)
    expect(rules!.settings).toEqual(shop.settings);
    expect(Object.keys(rules!.segments ?? {})).toEqual(["browsing", "customer"]);
  });

  it("accepts the smallest file: version and an empty widget list", () => {
    expect(validateRules({ version: 1, widgets: [] })).toEqual({ rules: { version: 1, widgets: [] }, problems: [] });
  });

  it("accepts every trigger form, both conditions forms and free content for custom widget types", () => {
    const widgets = [
      popup({ id: "a", trigger: "page_view" }),
      popup({ id: "b", trigger: "manual" }),
      popup({ id: "c", trigger: { type: "page_view" } }),
      popup({ id: "d", trigger: { type: "delay", after: "500ms" } }),
      popup({ id: "e", trigger: { type: "delay", after: 3 } }),
      popup({ id: "f", trigger: { type: "manual" } }),
      popup({ id: "g", when: { $and: [{ "cart.count": { $gte: 1 } }, { $segment: "vip" }] }, frequency: { session: 1, day: 2, total: 3 }, priority: -1 }),
      { id: "h", type: "my-carousel", content: { anything: ["goes", 1, { nested: true }] } },
      popup({ id: "i", content: { title: "T", image: { src: "https://cdn.example/a.png", alt: "" }, cta: { label: "Go", href: "/shop", action: "convert" } } }),
    ];
    const { rules, problems } = validateRules(
      file(widgets, { $schema: "./rules.schema.json", settings: { quietPeriod: 30, customWidgets: ["my-carousel"] }, segments: { vip: { "orders.count": { $gte: 3 } } } }),
    );
    expect(problems).toEqual([]);
    expect(rules!.widgets.map((w) => w.id)).toEqual(["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
  });

  it("returns the widgets as given (no mutation of the input, no extra keys)", () => {
    const input = structuredClone(shop);
    const { rules } = validateRules(input);
    expect(input).toEqual(shop);
    expect(rules!.widgets).toEqual(shop.widgets);
  });
});

describe("validateRules: each problem with its JSON path and a useful message", () => {
  it("unknown widget key: names the key and suggests the right one", () => {
    const problem = onlyProblem(file([popup({ priorty: 3 })]));
    // The path is the object holding the unknown key (as JSON Schema's additionalProperties does); the key is in the message.
    expect(problem).toEqual({ path: "widgets[0]", message: 'unknown key "priorty" (did you mean "priority"?)' });
  });

  it("unknown key in settings and at the root suggest the right key", () => {
    expect(onlyProblem(file([], { settings: { currncy: "USD" } }))).toEqual({ path: "settings", message: 'unknown key "currncy" (did you mean "currency"?)' });
    const { rules, problems } = validateRules({ version: 1, widgts: [] });
    expect(rules).toBeNull();
    expect(problems).toContainEqual({ path: "(root)", message: 'unknown key "widgts" (did you mean "widgets"?)' });
    expect(problems).toContainEqual({ path: "widgets", message: "missing: a list [...] is required here" });
  });

  it("unknown key in popup content and nested cta suggest the right key", () => {
    const { problems } = validateRules(file([popup({ content: { titel: "Hi" } })]));
    expect(problems).toContainEqual({ path: "widgets[0].content", message: 'unknown key "titel" (did you mean "title"?)' });
    expect(problems).toContainEqual({ path: "widgets[0].content.title", message: "missing: text is required here" });
    const cta = validateRules(file([popup({ content: { title: "T", cta: { label: "Go", hrf: "/x" } } })]));
    expect(cta.problems).toEqual([{ path: "widgets[0].content.cta", message: 'unknown key "hrf" (did you mean "href"?)' }]);
  });

  it("an unknown key far from any known one gets no misleading suggestion", () => {
    expect(onlyProblem(file([popup({ zzzzzzzz: 1 })])).message).toBe('unknown key "zzzzzzzz"');
  });

  it("wrong type says what was expected and what was found", () => {
    expect(onlyProblem(file([popup({ priority: "high" })]))).toEqual({ path: "widgets[0].priority", message: 'expected a number, found text "high"' });
    expect(onlyProblem(file([popup({ frequency: { session: "1" } })]))).toEqual({ path: "widgets[0].frequency.session", message: 'expected a number, found text "1"' });
    expect(onlyProblem(file([popup({ frequency: { total: 1.5 } })]))).toEqual({ path: "widgets[0].frequency.total", message: "expected a whole number, found number 1.5" });
    expect(onlyProblem(file([popup({ frequency: [1] })]))).toEqual({ path: "widgets[0].frequency", message: "expected an object, found a list" });
    expect(onlyProblem(file([popup({ id: 7 })]))).toEqual({ path: "widgets[0].id", message: "expected text, found number 7" });
    expect(onlyProblem(file([5]))).toEqual({ path: "widgets[0]", message: "expected an object, found number 5" });
  });

  it("a missing required field says it is missing", () => {
    expect(onlyProblem(file([{ type: "popup", content: { title: "T" } }]))).toEqual({ path: "widgets[0].id", message: "missing: text is required here" });
    expect(onlyProblem(file([popup({ content: {} })]))).toEqual({ path: "widgets[0].content.title", message: "missing: text is required here" });
  });

  it("long found values are shortened in the message", () => {
    const { message } = onlyProblem(file([popup({ priority: "x".repeat(500) })]));
    expect(message.length).toBeLessThan(100);
    expect(message).toMatch(/^expected a number, found text "x+\.\.\.$/);
  });

  it("bad duration: in a delay trigger and in settings.quietPeriod", () => {
    expect(onlyProblem(file([popup({ trigger: { type: "delay", after: "6 secs" } })]))).toEqual({
      path: "widgets[0].trigger.after",
      message: 'expected a duration such as "30s", "15m", "2h" or "7d", found text "6 secs"',
    });
    expect(onlyProblem(file([popup({ trigger: { type: "delay", after: -5 } })]))).toEqual({ path: "widgets[0].trigger.after", message: "-5 is below the minimum, 0" });
    const quiet = validateRules(file([popup()], { settings: { quietPeriod: "soon" } }));
    expect(quiet.rules).toBeNull();
    expect(quiet.problems).toEqual([{ path: "settings.quietPeriod", message: 'expected a duration such as "30s", "15m", "2h" or "7d", found text "soon"' }]);
  });

  it("bad enum: lists the allowed values and what was found", () => {
    expect(onlyProblem(file([popup({ content: { title: "T", cta: { label: "Go", action: "open" } } })]))).toEqual({
      path: "widgets[0].content.cta.action",
      message: 'text "open" is not allowed: write "close" or "convert"',
    });
    const trigger = onlyProblem(file([popup({ trigger: "page_veiw" })]));
    expect(trigger.path).toBe("widgets[0].trigger");
    expect(trigger.message).toContain('"page_view"');
    expect(trigger.message).toContain('"manual"');
    expect(trigger.message).toContain('{"type": "delay", …}');
    expect(trigger.message).toMatch(/found text "page_veiw" \(did you mean "page_view"\?\)$/);
  });

  it("bad trigger type inside the object form", () => {
    const problem = onlyProblem(file([popup({ trigger: { type: "hover" } })]));
    expect(problem.path).toMatch(/^widgets\[0\]\.trigger/);
    expect(problem.message).toMatch(/delay/);
  });

  // Regression test (bug found and fixed): the outer union of string and object triggers used to hide
  // the object branch's own issues, so a typo'd key was reported only as "expected one of …".
  it("a typo'd key inside an object trigger names the key and suggests the right one", () => {
    const { problems } = validateRules(file([popup({ trigger: { type: "delay", afterr: "6s" } })]));
    expect(problems).toContainEqual({ path: "widgets[0].trigger", message: 'unknown key "afterr" (did you mean "after"?)' });
    expect(problems).toContainEqual({ path: "widgets[0].trigger.after", message: 'missing: give a duration such as "30s", "15m", "2h", "7d" or a number of seconds' });
    expect(problems).toHaveLength(2);
  });

  it.each([
    ["cta.href", { cta: { label: "Go", href: "javascript:alert(1)" } }, "widgets[0].content.cta.href"],
    ["cta.href with spaces and case", { cta: { label: "Go", href: " JavaScript:alert(1)" } }, "widgets[0].content.cta.href"],
    ["cta.href data:", { cta: { label: "Go", href: "data:text/html,<script>alert(1)</script>" } }, "widgets[0].content.cta.href"],
    ["image.src", { image: { src: "javascript:alert(1)", alt: "" } }, "widgets[0].content.image.src"],
  ])("unsafe URL in content (%s) is rejected at its path", (_name, extra, path) => {
    const { rules, problems } = validateRules(file([popup({ content: { title: "T", ...extra } })]));
    expect(problems).toEqual([{ path, message: "must be an http(s) or relative URL" }]);
    expect(rules!.widgets).toEqual([]);
  });

  it("empty title (and empty CTA label) must not be empty", () => {
    expect(onlyProblem(file([popup({ content: { title: "" } })]))).toEqual({ path: "widgets[0].content.title", message: "must not be empty" });
    expect(onlyProblem(file([popup({ content: { title: "T", cta: { label: "" } } })]))).toEqual({ path: "widgets[0].content.cta.label", message: "must not be empty" });
    expect(onlyProblem(file([popup({ id: "" })]))).toEqual({ path: "widgets[0].id", message: "must not be empty" });
  });

  it("unknown condition operator in `when`, at top level and nested, with a suggestion", () => {
    expect(onlyProblem(file([popup({ when: { "cart.value": { $gtt: 1 } } })]))).toEqual({
      path: "widgets[0].when.cart.value.$gtt",
      message: "$gtt: unknown operator; did you mean $gt?",
    });
    expect(onlyProblem(file([popup({ when: { $or: [{ "cart.count": 1 }, { "cart.value": { $inn: [1] } }] } })]))).toEqual({
      path: "widgets[0].when.$or[1].cart.value.$inn",
      message: "$inn: unknown operator; did you mean $in?",
    });
    const top = onlyProblem(file([popup({ when: { $andd: [] } })]));
    expect(top.path).toBe("widgets[0].when.$andd");
    expect(top.message).toMatch(/unknown operator; did you mean \$and\?/);
  });

  it("unknown condition operator in `segments` makes the whole file unusable", () => {
    const { rules, problems } = validateRules(file([popup()], { segments: { vip: { "orders.count": { $gtee: 1 } } } }));
    expect(rules).toBeNull();
    expect(problems).toEqual([{ path: "segments.vip.orders.count.$gtee", message: "$gtee: unknown operator; did you mean $gte?" }]);
  });

  it("unknown $segment: in a widget's `when` (widget skipped) and in a segment (file unusable)", () => {
    const widget = validateRules(file([popup({ id: "a", when: { $segment: "vpi" } }), popup({ id: "b", when: { $segment: "vip" } })], { segments: { vip: {} } }));
    expect(widget.problems).toEqual([{ path: "widgets[0].when.$segment", message: 'unknown segment "vpi"; did you mean "vip"?' }]);
    expect(widget.rules!.widgets.map((w) => w.id)).toEqual(["b"]);

    const noSegments = onlyProblem(file([popup({ when: { $segment: "vip" } })]));
    expect(noSegments).toEqual({ path: "widgets[0].when.$segment", message: 'unknown segment "vip"' });

    const inSegment = validateRules(file([], { segments: { loyal: { $segment: "vipp" }, vip: {} } }));
    expect(inSegment.rules).toBeNull();
    expect(inSegment.problems).toEqual([{ path: "segments.loyal.$segment", message: 'unknown segment "vipp"; did you mean "vip"?' }]);
  });

  it("duplicate widget ids: the second is reported at its id and skipped, the first kept", () => {
    const { rules, problems } = validateRules(file([popup({ id: "dup", priority: 1 }), popup({ id: "other" }), popup({ id: "dup", priority: 2 })]));
    expect(problems).toEqual([{ path: "widgets[2].id", message: 'duplicate id "dup"' }]);
    expect(rules!.widgets.map((w) => [w.id, w.priority])).toEqual([
      ["dup", 1],
      ["other", undefined],
    ]);
  });

  it.each([
    ["missing", { widgets: [] }, "missing: write 1"],
    ["2", { version: 2, widgets: [] }, "number 2 is not allowed: write 1"],
    ['"1"', { version: "1", widgets: [] }, 'text "1" is not allowed: write 1'],
    ["null", { version: null, widgets: [] }, "null is not allowed: write 1"],
  ])("version %s makes the file unusable", (_name, input, message) => {
    expect(validateRules(input)).toEqual({ rules: null, problems: [{ path: "version", message }] });
  });

  it("lists every problem of a widget in one run (shape, content and conditions together)", () => {
    const { problems } = validateRules(file([popup({ priorty: 1, when: { "cart.value": { $gtt: 1 } }, content: { title: "" } })]));
    expect(problems.map((p) => p.path).sort()).toEqual(["widgets[0]", "widgets[0].content.title", "widgets[0].when.cart.value.$gtt"]);
  });
});

describe("validateRules: a broken widget is skipped, the rest kept", () => {
  it("keeps valid widgets next to invalid ones, in order, and reports each invalid one", () => {
    const input = file([
      popup({ id: "ok-1" }),
      popup({ id: "bad-type", priority: "x" }),
      popup({ id: "ok-2", trigger: { type: "delay", after: "6s" } }),
      popup({ id: "bad-url", content: { title: "T", cta: { label: "Go", href: "javascript:void 0" } } }),
      "not a widget",
      popup({ id: "bad-when", when: { $segment: "nope" } }),
      popup({ id: "ok-3", when: { "page.path": "/" } }),
    ]);
    const { rules, problems } = validateRules(input);
    expect(rules!.widgets.map((w) => w.id)).toEqual(["ok-1", "ok-2", "ok-3"]);
    expect(problems.map((p) => p.path)).toEqual(["widgets[1].priority", "widgets[3].content.cta.href", "widgets[4]", "widgets[5].when.$segment"]);
  });

  it("the shop example with one widget broken keeps the others", () => {
    const broken = structuredClone(shop) as { widgets: Array<Record<string, unknown>> };
    broken.widgets[0].trigger = "sometimes";
    const { rules, problems } = validateRules(broken);
    expect(problems.map((p) => p.path)).toEqual(["widgets[0].trigger"]);
    expect(rules!.widgets.map((w) => w.id)).toEqual(shop.widgets.slice(1).map((w: { id: string }) => w.id));
    expect(rules!.settings).toEqual(shop.settings);
  });
});

describe("validateRules: a broken envelope makes the file unusable", () => {
  it.each([
    ["settings.currency lowercase", { settings: { currency: "usd" } }, "settings.currency", 'expected a 3-letter ISO 4217 code such as "USD", found text "usd"'],
    ["settings.maxPerPage zero", { settings: { maxPerPage: 0 } }, "settings.maxPerPage", "must be greater than 0, found 0"],
    ["settings not an object", { settings: "fast" }, "settings", 'expected an object, found text "fast"'],
    ["widgets not an array", { widgets: {} }, "widgets", "expected a list [...], found an object"],
    ["segment not an object", { segments: { vip: [] } }, "segments.vip", "expected an object, found a list"],
  ])("%s → rules null with the problem at its path", (_name, envelope, path, message) => {
    const { rules, problems } = validateRules({ version: 1, widgets: [popup()], ...envelope });
    expect(rules).toBeNull();
    expect(problems).toEqual([{ path, message }]);
  });

  it.each([
    ["null", null, "expected an object, found null"],
    ["a number", 5, "expected an object, found number 5"],
    ["an array", [], "expected an object, found a list"],
    ["a string", "{}", 'expected an object, found text "{}"'],
    ["nothing", undefined, "missing: an object is required here"],
  ])("a root that is %s is reported at (root)", (_name, input, message) => {
    expect(validateRules(input)).toEqual({ rules: null, problems: [{ path: "(root)", message }] });
  });
});

describe("validateRules: hostile input", () => {
  it("__proto__ keys (as JSON.parse creates them) are reported as unknown keys, and do not pollute", () => {
    const input = JSON.parse('{"version":1,"settings":{"__proto__":{"polluted":1}},"widgets":[]}');
    const { rules, problems } = validateRules(input);
    expect(rules).toBeNull();
    expect(problems).toEqual([{ path: "settings", message: 'unknown key "__proto__"' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const widget = JSON.parse('{"version":1,"widgets":[{"id":"a","type":"popup","content":{"title":"T","__proto__":{"x":1}}}]}');
    expect(validateRules(widget).problems).toEqual([{ path: "widgets[0].content", message: 'unknown key "__proto__"' }]);
  });

  it("widget types named like Object.prototype members are custom types, not a crash", () => {
    for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const { rules, problems } = validateRules(file([{ id: "a", type, content: { x: 1 } }], { settings: { customWidgets: [type] } }));
      expect(problems).toEqual([]);
      expect(rules!.widgets).toHaveLength(1);
    }
  });

  it("a condition nested too deep to check is reported and the widget skipped, without throwing", () => {
    let when: Record<string, unknown> = { "cart.count": 1 };
    for (let i = 0; i < 20_000; i++) when = { $not: when };
    const { rules, problems } = validateRules(file([popup({ id: "deep", when }), popup({ id: "fine" })]));
    expect(problems).toHaveLength(1);
    // Reported at the level that passes the depth limit, not where the checker ran out of stack.
    expect(problems[0].path).toBe(`widgets[0].when${".$not".repeat(20)}`);
    expect(problems[0].message).toMatch(/^nested more than 20 levels deep/);
    expect(rules!.widgets.map((w) => w.id)).toEqual(["fine"]);
  });
});
