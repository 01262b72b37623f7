import { describe, expect, it } from "vitest";
import { FORMATS, fillContent, fillTemplate, readPath } from "../../../src/render/template.js";
import { TEMPLATE_FORMATS } from "../../../src/rules/lint/templates.js";

const facts = {
  attributes: { firstName: "Ada", empty: "", nothing: null, vip: true, nested: { city: "Turin" } },
  cart: { count: 3, value: 42.5, items: [{ name: "Mug" }] },
  orders: { count: 0 },
  weird: { nan: Number.NaN, big: 1e21, neg: -0.5 },
};

describe("fillTemplate", () => {
  it.each([
    ["Hi {{attributes.firstName|friend}}!", "Hi Ada!"],
    ["Hi {{ attributes.firstName | friend }}!", "Hi Ada!"],
    ["Hi {{attributes.lastName|friend}}!", "Hi friend!"],
    ["Hi {{attributes.lastName}}!", "Hi !"],
    ["Hi {{attributes.empty|there}}", "Hi there"],
    ["Hi {{attributes.nothing|there}}", "Hi there"],
    ["From {{attributes.nested.city|afar}}", "From Turin"],
    ["{{cart.items.0.name}}", "Mug"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal "$" before a placeholder, on purpose
    ["{{cart.count}} items, ${{cart.value}}", "3 items, $42.5"],
    ["{{orders.count|none}}", "0"],
    ["{{attributes.vip}}", "true"],
    ["{{attributes.nested|?}}", "?"],
    ["{{cart.items|?}}", "?"],
    ["{{weird.nan|n/a}}", "n/a"],
    ["{{weird.neg}}", "-0.5"],
    ["no placeholders", "no placeholders"],
    ["{{}}", ""],
    ["{ single } and {{attributes.firstName}}", "{ single } and Ada"],
  ])("%s → %s", (template, expected) => {
    expect(fillTemplate(template, facts)).toBe(expected);
  });

  it("never writes undefined or null", () => {
    for (const path of ["a", "a.b.c", "attributes.nothing", "attributes.missing", "cart.items.9.name"]) {
      const text = fillTemplate(`[{{${path}}}]`, facts);
      expect(text).toBe("[]");
    }
  });

  it("prototype keys never resolve", () => {
    for (const path of [
      "__proto__",
      "constructor",
      "attributes.constructor",
      "attributes.__proto__",
      "attributes.constructor.name",
      "cart.items.constructor",
      "toString",
      "attributes.hasOwnProperty",
      "cart.prototype",
    ]) {
      expect(fillTemplate(`{{${path}|safe}}`, facts)).toBe("safe");
      expect(readPath(facts, path)).toBeUndefined();
    }
    const own = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "c"}');
    expect(fillTemplate("{{__proto__.polluted|no}} {{constructor|no}}", own)).toBe("no no");
  });

  it("a value is text: markup in it stays text for the widget to render as such", () => {
    expect(fillTemplate("Hi {{attributes.firstName}}", { attributes: { firstName: "<img src=x onerror=alert(1)>" } })).toBe("Hi <img src=x onerror=alert(1)>");
  });
});

describe("fillContent", () => {
  it("fills every string in nested objects and arrays, leaves other values and the original alone", () => {
    const content = { title: "Hi {{attributes.firstName|friend}}", cta: { label: "{{cart.count}} in cart", href: "/cart" }, list: ["{{orders.count}}", 5], flag: true };
    const filled = fillContent(content, facts);
    expect(filled).toEqual({ title: "Hi Ada", cta: { label: "3 in cart", href: "/cart" }, list: ["0", 5], flag: true });
    expect(content.title).toBe("Hi {{attributes.firstName|friend}}");
  });

  it("does not set a prototype from a __proto__ key in content", () => {
    const content = JSON.parse('{"__proto__": {"polluted": true}, "title": "x"}');
    const filled = fillContent(content, facts) as Record<string, unknown>;
    expect(filled.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(filled)).toBe(Object.prototype);
  });
});

describe("template formats", () => {
  const en = { locale: "en-US", currency: "USD" };
  const ru = { locale: "ru-RU", currency: "RUB" };
  const facts = { cart: { value: 18, count: 3, big: 1800 }, orders: { count: 21, total: 1234567.5 } };
  const fill = (text: string, options = en) => fillTemplate(text, facts, options).replace(/\s/g, " ");

  it("money in the rules' locale and currency: $18.00, 1 800 ₽", () => {
    expect(fill("{{cart.value | money}}")).toBe("$18.00");
    expect(fill("{{cart.big | money}}", ru)).toBe("1 800 ₽");
    expect(fill("{{orders.total | money}}", { locale: "de-DE", currency: "EUR" })).toBe("1.234.567,50 €");
  });

  it("numbers and plural forms per locale (en: one, other; ru: one, few, many)", () => {
    expect(fill("{{orders.total | number}}")).toBe("1,234,567.5");
    expect(fill("{{cart.count | plural: item, items}}")).toBe("3 items");
    expect(fillTemplate("{{x | plural: item, items}}", { x: 1 }, en)).toBe("1 item");
    const ruForms = (n: number) => fillTemplate("{{n | plural: товар, товара, товаров}}", { n }, ru);
    expect([1, 3, 5, 21, 12].map(ruForms)).toEqual(["1 товар", "3 товара", "5 товаров", "21 товар", "12 товаров"]);
    expect(fillTemplate("{{n | plural: # item left, # items left}}", { n: 2 }, en)).toBe("2 items left");
  });

  it("a missing value, or one that is not a number, shows the fallback; a plain fallback still works", () => {
    expect(fill("{{cart.nothing | money | soon}}")).toBe("soon");
    expect(fill("{{attributes.name | money}}")).toBe("");
    expect(fill("{{cart.count|a few}} item(s)")).toBe("3 item(s)");
    expect(fillTemplate("{{cart.count|a few}}", { cart: {} })).toBe("a few");
  });

  it("a bad locale or currency never throws", () => {
    expect(fill("{{cart.value | money}}", { locale: "not a locale!", currency: "XX" })).toMatch(/18/);
  });

  it("the validator knows the same format names", () => {
    expect([...TEMPLATE_FORMATS]).toEqual([...FORMATS]);
  });
});
