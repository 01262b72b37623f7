import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/rules/validate.js";

/*
 * dist/rules.schema.json is what editors check a rules file against. A real draft 2020-12 validator (ajv,
 * strict mode) proves the generated schema is itself valid, accepts what the runtime validator accepts and
 * rejects typos and wrong types, at the same place the runtime reports them.
 */

const ROOT = resolve(import.meta.dirname, "../..");
const schema = JSON.parse(readFileSync(join(ROOT, "dist/rules.schema.json"), "utf8"));
const shop = JSON.parse(readFileSync(join(ROOT, "examples/shop/rules.json"), "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(schema);

const clone = <T>(value: T): T => structuredClone(value);

function schemaErrors(input: unknown): Array<{ instancePath: string; keyword: string; params: Record<string, unknown> }> {
  validate(input);
  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));
}

describe("dist/rules.schema.json with ajv (draft 2020-12)", () => {
  it("is a valid draft 2020-12 schema and compiles in strict mode", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it("accepts examples/shop/rules.json (which the runtime accepts too)", () => {
    expect(validateRules(shop).problems).toEqual([]);
    expect(schemaErrors(shop)).toEqual([]);
  });

  it("accepts every trigger form and a custom widget type with free content", () => {
    const file = {
      version: 1,
      settings: { customWidgets: ["my-carousel"] },
      widgets: [
        { id: "a", type: "popup", trigger: "manual", content: { title: "T" } },
        { id: "b", type: "popup", trigger: { type: "delay", after: 3 }, content: { title: "T", cta: { label: "Go", action: "close" } } },
        { id: "c", type: "my-carousel", content: { slides: [1, 2, 3] } },
      ],
    };
    expect(validateRules(file).problems).toEqual([]);
    expect(schemaErrors(file)).toEqual([]);
  });

  it("rejects a typo'd widget key, like the runtime", () => {
    const file = clone(shop);
    file.widgets[0].priorty = file.widgets[0].priority;
    delete file.widgets[0].priority;
    expect(validateRules(file).problems.map((p) => p.path)).toEqual(["widgets[0]"]);
    expect(schemaErrors(file)).toContainEqual({ instancePath: "/widgets/0", keyword: "additionalProperties", params: { additionalProperty: "priorty" } });
  });

  it("rejects a typo'd key in settings and in popup content", () => {
    const settings = clone(shop);
    settings.settings.currncy = "USD";
    expect(schemaErrors(settings)).toContainEqual({ instancePath: "/settings", keyword: "additionalProperties", params: { additionalProperty: "currncy" } });
    const content = clone(shop);
    content.widgets[1].content.titel = "x";
    expect(validateRules(content).problems.map((p) => p.path)).toEqual(["widgets[1].content"]);
    expect(schemaErrors(content)).toContainEqual({ instancePath: "/widgets/1/content", keyword: "additionalProperties", params: { additionalProperty: "titel" } });
  });

  it("rejects a wrong type, like the runtime", () => {
    const file = clone(shop);
    file.widgets[1].priority = "high";
    expect(validateRules(file).problems.map((p) => p.path)).toEqual(["widgets[1].priority"]);
    expect(schemaErrors(file)).toContainEqual({ instancePath: "/widgets/1/priority", keyword: "type", params: { type: "number" } });
  });

  it.each<[string, (file: any) => void]>([
    ["version 2", (f) => (f.version = 2)],
    ["no widgets", (f) => delete f.widgets],
    ["lowercase currency", (f) => (f.settings.currency = "usd")],
    ["bad quiet period", (f) => (f.settings.quietPeriod = "soon")],
    ["bad delay", (f) => (f.widgets[1].trigger.after = "6 secs")],
    ["unknown trigger", (f) => (f.widgets[0].trigger = "page_veiw")],
    ["frequency 0", (f) => (f.widgets[0].frequency.session = 0)],
    ["frequency 1.5", (f) => (f.widgets[0].frequency.session = 1.5)],
    ["empty popup title", (f) => (f.widgets[0].content.title = "")],
    ["missing popup title", (f) => delete f.widgets[0].content.title],
    ["bad cta action", (f) => (f.widgets[0].content.cta.action = "open")],
    ["empty id", (f) => (f.widgets[0].id = "")],
    ["widget not an object", (f) => (f.widgets[0] = 5)],
  ])("rejects what the runtime rejects: %s", (_name, breakIt) => {
    const file = clone(shop);
    breakIt(file);
    expect(validateRules(file).problems.length).toBeGreaterThan(0);
    expect(schemaErrors(file).length).toBeGreaterThan(0);
  });

  it("a javascript: URL is rejected by the runtime (the schema has no URL check: a zod refinement has no JSON Schema form)", () => {
    const file = clone(shop);
    file.widgets[0].content.cta.href = "javascript:alert(1)";
    expect(validateRules(file).problems.map((p) => p.path)).toEqual(["widgets[0].content.cta.href"]);
  });
});
