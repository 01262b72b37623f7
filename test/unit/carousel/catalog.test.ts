import { describe, expect, it } from "vitest";
import { checkCatalog, loadCatalog } from "../../../src/catalog/catalog.js";
import { feedProblems } from "../../../src/catalog/check-feed.js";
import type { Env } from "../../../src/env/env.js";

const good = { id: "a", name: "Mug", url: "/p/a", image: "/img/a.svg", price: 12, category: "ceramics", description: "extra fields are kept" };

describe("catalog feed validation", () => {
  it("skips each invalid product with its path and keeps the rest", () => {
    const feed = [
      good,
      null,
      { ...good, id: "b", price: "12" },
      { ...good, id: "c", url: "javascript:alert(1)" },
      { ...good, id: "d", image: "data:image/svg+xml,<svg/>" },
      { ...good, id: "e", currency: "usd" },
      { ...good, id: "f", price: -1 },
      { ...good, id: "g", tags: "sale" },
      { ...good, id: "" },
      { ...good, name: "Again" },
      { ...good, id: "h", oldPrice: 20, inStock: false, related: ["a"], boughtTogether: [], popularity: 3 },
    ];
    const { products, problems } = feedProblems(feed);
    expect(products.map((p) => p.id)).toEqual(["a", "h"]);
    expect(products[0]).toMatchObject({ description: "extra fields are kept" });
    expect(problems.map((p) => p.path)).toEqual([
      "catalog[1]",
      "catalog[2].price",
      "catalog[3].url",
      "catalog[4].image",
      "catalog[5].currency",
      "catalog[6].price",
      "catalog[7].tags",
      "catalog[8].id",
      "catalog[9].id",
    ]);
    expect(problems[2].message).toContain("must be an http(s) or relative URL; this product is skipped");
    expect(problems[8].message).toBe('"a" appears twice; the first is kept');
  });

  it("a feed that is not an array is one problem and no products", () => {
    expect(feedProblems({ products: [] })).toEqual({ products: [], problems: [{ path: "catalog", message: "expected an array of products, got object" }] });
    expect(checkCatalog(null, () => {})).toEqual([]);
  });

  it("names carousel content that points at a product or category the feed lacks", () => {
    const widgets = [
      { type: "popup", content: { product: "zzz" } },
      { type: "carousel", content: { strategy: "bought_together", product: "zzz" } },
      { type: "carousel", variants: [{ content: { strategy: "popular", category: "ceramics" } }, { content: { strategy: "popular", category: "shoes" } }] },
    ];
    expect(feedProblems([good], widgets).problems).toEqual([
      { path: "widgets[1].content.product", message: '"zzz" is not a product of the catalog' },
      { path: "widgets[2].variants[1].content.category", message: 'no product of the catalog is in category "shoes"' },
    ]);
  });

  it("loading: a failed fetch is one warning and an empty feed, never a throw", async () => {
    const warnings: string[] = [];
    const env = { fetch: () => Promise.resolve({ ok: false, status: 404, text: () => Promise.resolve("") }) } as unknown as Env;
    expect(await loadCatalog("/feed.json", env, (where, message) => warnings.push(`${where}: ${message}`))).toEqual([]);
    expect(warnings[0]).toMatch(/^catalog: the feed at \/feed.json could not be loaded \(HTTP 404\)/);
    const broken = { fetch: () => Promise.resolve({ ok: true, text: () => Promise.resolve("{not json") }) } as unknown as Env;
    expect(await loadCatalog("/feed.json", broken, () => {})).toEqual([]);
  });
});
