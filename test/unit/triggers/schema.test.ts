import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { rulesJsonSchema } from "../../../src/rules/schema/json-schema.js";
import { validateRules } from "../../../src/rules/validate.js";

const file = (...triggers: unknown[]) => ({
  version: 1,
  // The examples name events of their own ("quiz_done", "x"): declared, as a real file would.
  settings: { events: ["quiz_done", "x"] },
  widgets: triggers.map((trigger, i) => ({ id: `w${i}`, type: "popup", trigger, content: { title: "Hi" } })),
});
const problems = (trigger: unknown) => validateRules(file(trigger)).problems;

const valid = [
  "page_view",
  "manual",
  "exit_intent",
  { type: "page_view" },
  { type: "delay", after: "6s" },
  { type: "manual" },
  { type: "scroll", percent: 50 },
  { type: "scroll", px: 800 },
  { type: "exit_intent" },
  { type: "exit_intent", sensitivity: 20, minTimeOnPage: "3s", mobile: false },
  { type: "exit_intent", backButton: false },
  { type: "inactivity", after: "30s" },
  { type: "time_on_site", after: "2m" },
  { type: "click", selector: "#add-to-cart" },
  { type: "click", selector: ".buy-box button[type=submit]" },
  { type: "visible", selector: ".product-card", threshold: 0.5 },
  { type: "visible", selector: ".product-card" },
  { type: "form_submit", selector: "#checkout-form" },
  { type: "event", name: "add_to_cart", where: { "props.price": { $gte: 50 } } },
  { type: "event", name: "purchase" },
  { type: "event", name: "quiz_done", where: { $or: [{ "props.score": { $gt: 3 } }, { "props.tags": { $in: ["vip"] } }] } },
];

describe("trigger syntax in the rules file", () => {
  it.each(valid.map((t) => [JSON.stringify(t), t]))("accepts %s", (_, trigger) => {
    expect(problems(trigger)).toEqual([]);
  });

  it.each<[string, unknown, Array<{ path: string; message: string | RegExp }>]>([
    ["a typo'd key", { type: "scroll", pxx: 800, px: 800 }, [{ path: "widgets[0].trigger", message: 'unknown key "pxx" (did you mean "px"?)' }]],
    ["a typo'd exit intent option", { type: "exit_intent", sensitivty: 20 }, [{ path: "widgets[0].trigger", message: 'unknown key "sensitivty" (did you mean "sensitivity"?)' }]],
    ["scroll with neither percent nor px", { type: "scroll" }, [{ path: "widgets[0].trigger", message: /either "percent".*or "px"/ }]],
    ["scroll with both", { type: "scroll", percent: 50, px: 800 }, [{ path: "widgets[0].trigger", message: /either "percent".*or "px"/ }]],
    ["scroll past 100 %", { type: "scroll", percent: 150 }, [{ path: "widgets[0].trigger.percent", message: "must be at most 100" }]],
    ["scroll at 0 px", { type: "scroll", px: 0 }, [{ path: "widgets[0].trigger.px", message: "must be greater than 0, found 0" }]],
    [
      "an invalid click selector",
      { type: "click", selector: "#" },
      [{ path: "widgets[0].trigger.selector", message: '"#" is not a valid CSS selector: an id is missing (at character 2)' }],
    ],
    [
      "an invalid visible selector and threshold",
      { type: "visible", selector: "div[", threshold: 2 },
      [
        { path: "widgets[0].trigger.threshold", message: "must be at most 1 (the whole element)" },
        { path: "widgets[0].trigger.selector", message: /^"div\[" is not a valid CSS selector: an attribute name is missing/ },
      ],
    ],
    ["an invalid form selector", { type: "form_submit", selector: "form >> x" }, [{ path: "widgets[0].trigger.selector", message: /not a valid CSS selector/ }]],
    ["a missing selector", { type: "click" }, [{ path: "widgets[0].trigger.selector", message: "missing: text is required here" }]],
    ["a bad duration", { type: "inactivity", after: "soon" }, [{ path: "widgets[0].trigger.after", message: /a duration such as/ }]],
    ["a missing time", { type: "time_on_site" }, [{ path: "widgets[0].trigger.after", message: /^missing: give a duration such as "30s"/ }]],
    [
      "a backButton that is not true or false",
      { type: "exit_intent", backButton: "off" },
      [{ path: "widgets[0].trigger.backButton", message: /expected true or false, found text "off"/ }],
    ],
    ["a negative sensitivity", { type: "exit_intent", sensitivity: -1 }, [{ path: "widgets[0].trigger.sensitivity", message: "-1 is below the minimum, 0" }]],
    ["a missing event name", { type: "event", where: {} }, [{ path: "widgets[0].trigger.name", message: "missing: text is required here" }]],
    [
      "an unknown operator in `where`",
      { type: "event", name: "add_to_cart", where: { "props.price": { $gtee: 50 } } },
      [{ path: "widgets[0].trigger.where.props.price.$gtee", message: "$gtee: unknown operator; did you mean $gte?" }],
    ],
    [
      "a nested bad operator in `where`",
      { type: "event", name: "x", where: { $or: [{ "props.x": { $inn: [1] } }] } },
      [{ path: "widgets[0].trigger.where.$or[0].props.x.$inn", message: "$inn: unknown operator; did you mean $in?" }],
    ],
    ["an unknown trigger type", { type: "hover", selector: "a" }, [{ path: "widgets[0].trigger.type", message: /"scroll".*"exit_intent".*"form_submit".*"event"/ }]],
    ["an unknown shorthand", "exit_intnt", [{ path: "widgets[0].trigger", message: /"exit_intent"/ }]],
  ])("reports %s at its JSON path", (_, trigger, expected) => {
    const found = problems(trigger);
    expect(found).toHaveLength(expected.length);
    expected.forEach((problem, i) => {
      expect(found[i].path).toBe(problem.path);
      if (typeof problem.message === "string") expect(found[i].message).toBe(problem.message);
      else expect(found[i].message).toMatch(problem.message);
    });
  });

  it("a broken trigger skips only its own widget", () => {
    const { rules, problems: found } = validateRules(file({ type: "click", selector: "#" }, { type: "scroll", percent: 50 }));
    expect(found.map((p) => p.path)).toEqual(["widgets[0].trigger.selector"]);
    expect(rules?.widgets.map((w) => w.id)).toEqual(["w1"]);
  });
});

describe("the JSON Schema for triggers", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validate = ajv.compile(rulesJsonSchema());

  it("accepts every trigger form the validator accepts", () => {
    expect(validate(file(...valid)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("rejects a typo'd key and a wrong type where the validator does", () => {
    expect(validate(file({ type: "scroll", percnt: 50 }))).toBe(false);
    expect(validate(file({ type: "visible", selector: ".x", threshold: "half" }))).toBe(false);
    expect(validate(file({ type: "event", name: "" }))).toBe(false);
    expect(validate(file({ type: "exit_intent", backButton: "off" }))).toBe(false);
  });
});
