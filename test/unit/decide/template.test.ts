import { describe, expect, it } from "vitest";
import { fillContent, fillTemplate, readPath } from "../../../src/render/template.js";

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
