import { describe, expect, it } from "vitest";
import type { Product } from "../../../src/render/widget-api.js";
import { validateRules } from "../../../src/rules/validate.js";
import { comparable, fieldOf } from "../../../widgets/compare/pick.js";

const p = (id: string, category: string, extra: Partial<Product> = {}): Product => ({ id, name: id, url: `/p/${id}`, price: 10, category, ...extra });
const FEED = [p("c1", "coffee"), p("c2", "coffee"), p("c3", "coffee"), p("t1", "tea"), p("c4", "coffee")];
const viewed = (...products: string[]) => ({ viewed: { products, categories: [], last: null } });

describe("comparable", () => {
  it("takes the products viewed in the category of the last one viewed, newest first", () => {
    expect(comparable(FEED, viewed("c2", "t1", "c1", "c3")).map((x) => x.id)).toEqual(["c2", "c1", "c3"]);
    expect(comparable(FEED, viewed("c2", "t1", "c1", "c3", "c4"), { limit: 2 }).map((x) => x.id)).toEqual(["c2", "c1"]);
  });

  it("needs two: one product viewed in the category is nothing to compare", () => {
    expect(comparable(FEED, viewed("t1", "c1", "c2"))).toEqual([]);
    expect(comparable(FEED, viewed())).toEqual([]);
    expect(comparable(FEED, viewed("gone", "c1"))).toEqual([]); // a product no longer in the feed is skipped
  });

  it("takes the category from the content when given", () => {
    expect(comparable(FEED, viewed("t1", "c1", "c2"), { category: "coffee" }).map((x) => x.id)).toEqual(["c1", "c2"]);
  });
});

describe("fieldOf", () => {
  it("reads dotted keys, own properties only", () => {
    const product = { ...p("x", "coffee"), specs: { weight: "340 g" } } as Product;
    expect(fieldOf(product, "specs.weight")).toBe("340 g");
    expect(fieldOf(product, "price")).toBe(10);
    expect(fieldOf(product, "constructor")).toBeUndefined();
    expect(fieldOf(product, "specs.__proto__")).toBeUndefined();
    expect(fieldOf(product, "name.length")).toBeUndefined();
  });
});

describe("content schemas of push-ask and compare", () => {
  const problemsOf = (type: string, content: unknown) =>
    validateRules({ version: 1, widgets: [{ id: "w", type, trigger: "manual", content }] }).problems.map((x) => `${x.path}: ${x.message}`);
  it("accept good content and name bad fields", () => {
    expect(problemsOf("push-ask", { title: "News?", askAgainAfter: "14d", granted: { title: "Done" } })).toEqual([]);
    expect(problemsOf("push-ask", { askAgainAfter: "two weeks" })[0]).toMatch(/^widgets\[0\]\.content\.askAgainAfter: /);
    expect(problemsOf("compare", { rows: ["price", { key: "specs.weight", label: "Weight" }], maxItems: 4 })).toEqual([]);
    expect(problemsOf("compare", { maxItems: 6 })[0]).toMatch(/^widgets\[0\]\.content\.maxItems: /);
    expect(problemsOf("compare", { rows: ["price", "__bad key"] })[0]).toMatch(/^widgets\[0\]\.content\.rows\[1\]/);
  });
});
