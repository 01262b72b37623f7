import { describe, expect, it } from "vitest";
import type { Product } from "../../../src/render/widget-api.js";
import { recommend, type StrategyFacts } from "../../../widgets/carousel/strategies.js";

const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;

const p = (id: string, extra: Partial<Product> = {}): Product => ({ id, name: id, url: `/p/${id}`, price: 10, category: "coffee", popularity: 50, ...extra });

const feed: Product[] = [
  p("beans", { price: 18, tags: ["blend", "chocolate"], brand: "Fern", related: ["espresso"], boughtTogether: ["grinder", "mug"], popularity: 98 }),
  p("espresso", { price: 19, tags: ["blend", "dark"], brand: "Fern", popularity: 80 }),
  p("ethiopia", { price: 22, tags: ["single origin", "chocolate"], brand: "Fern", popularity: 70 }),
  p("decaf", { price: 17, tags: ["decaf"], brand: "Other", popularity: 40, inStock: false }),
  p("reserve", { price: 48, tags: ["single origin"], brand: "Fern", popularity: 30 }),
  p("gold", { price: 90, popularity: 99 }), // more than 3× beans: not an upsell
  p("mug", { price: 24, category: "ceramics", boughtTogether: ["beans", "teapot"], related: ["bowl"], popularity: 60 }),
  p("bowl", { price: 20, category: "ceramics", popularity: 20 }),
  p("teapot", { price: 45, category: "ceramics", popularity: 55 }),
  p("grinder", { price: 65, category: "brewing", boughtTogether: ["beans"], popularity: 75 }),
  p("kettle", { price: 80, category: "brewing", popularity: 65 }),
];

function facts(
  over: Partial<{ url: string; viewed: string[]; categories: string[]; cart: string[]; orders: Array<{ daysAgo: number; items: string[] }>; average: number }> = {},
): StrategyFacts {
  const viewed = over.viewed ?? [];
  return {
    page: { url: over.url ?? "https://shop.test/", path: "/", title: "", referrer: "", query: {}, utm: {}, type: "other", landing: "/", previous: "" },
    cart: { count: over.cart?.length ?? 0, value: 0, currency: "USD", items: (over.cart ?? []).map((id) => ({ id, price: 1, quantity: 1 })) },
    viewed: { products: viewed, categories: over.categories ?? [], last: viewed[0] ? { id: viewed[0] } : null },
    orders: { count: over.orders?.length ?? 0, total: 0, average: over.average ?? 0, last: null },
    time: { now: NOW, hour: 12, weekday: 2, date: "2026-12-01" },
    events: over.orders
      ? {
          purchase: {
            count: over.orders.length,
            first: 0,
            last: NOW,
            recent: over.orders.map((o, i) => ({ t: NOW - o.daysAgo * DAY, props: { id: `o${i}`, value: 1, items: o.items } })),
          },
        }
      : {},
  };
}

const ids = (list: Product[]) => list.map((x) => x.id);

describe("carousel strategies", () => {
  it("recently viewed: newest first, without the product on this page, the sold out or the feed's unknown ids", () => {
    const f = facts({ url: "https://shop.test/p/beans", viewed: ["beans", "gone", "decaf", "mug", "grinder"] });
    expect(ids(recommend(feed, f, "recently_viewed"))).toEqual(["mug", "grinder"]);
  });

  it("recently viewed elsewhere than a product page keeps the last viewed product", () => {
    expect(ids(recommend(feed, facts({ viewed: ["beans", "mug"] }), "recently_viewed"))).toEqual(["beans", "mug"]);
  });

  it("similar: same category, shared tags, brand and price band first; the page's product is the anchor", () => {
    const f = facts({ url: "https://shop.test/p/beans?utm_source=x".replace("?utm_source=x", "") });
    expect(ids(recommend(feed, f, "similar"))).toEqual(["espresso", "ethiopia", "reserve", "gold"]);
  });

  it("similar: without a product page, to the last viewed products; never sold-out, in-cart or just-bought items", () => {
    const f = facts({ viewed: ["mug"], cart: ["teapot"], orders: [{ daysAgo: 2, items: ["bowl"] }] });
    expect(ids(recommend(feed, f, "similar"))).toEqual([]);
    // bowl: same category, related to the mug, in its price band; teapot: same category only.
    expect(ids(recommend(feed, facts({ viewed: ["mug"] }), "similar"))).toEqual(["bowl", "teapot"]);
  });

  it("the anchor is found by the page URL even when the visitor's last view is another product", () => {
    const f = facts({ url: "https://shop.test/p/mug", viewed: ["beans"] });
    expect(ids(recommend(feed, f, "bought_together"))).toEqual(["beans", "teapot", "bowl"]);
  });

  it("bought together: the feed's boughtTogether, then what the visitor bought with it, then related", () => {
    const f = facts({ url: "https://shop.test/p/beans", orders: [{ daysAgo: 60, items: ["beans", "kettle"] }] });
    expect(ids(recommend(feed, f, "bought_together"))).toEqual(["grinder", "mug", "kettle", "espresso"]);
  });

  it("bought together: nothing without a product to anchor it", () => {
    expect(recommend(feed, facts(), "bought_together")).toEqual([]);
  });

  it("cart cross-sell: boughtTogether of the cart's items (most shared first), never what is in the cart", () => {
    const f = facts({ cart: ["beans", "grinder"] });
    // beans → grinder (in cart), mug; grinder → beans (in cart); then related: espresso
    expect(ids(recommend(feed, f, "cart_cross_sell"))).toEqual(["mug", "espresso"]);
    const both = facts({ cart: ["mug", "grinder"] });
    expect(ids(recommend(feed, both, "cart_cross_sell"))[0]).toBe("beans");
  });

  it("cart cross-sell learns from the visitor's own orders, and skips items bought in the last 30 days", () => {
    const f = facts({
      cart: ["bowl"],
      orders: [
        { daysAgo: 90, items: ["bowl", "kettle"] },
        { daysAgo: 3, items: ["teapot"] },
      ],
    });
    expect(ids(recommend(feed, f, "cart_cross_sell"))).toEqual(["kettle"]);
  });

  it("popular: by popularity in the option's category, the anchor's, or the most viewed one", () => {
    expect(ids(recommend(feed, facts(), "popular", { category: "brewing" }))).toEqual(["grinder", "kettle"]);
    expect(ids(recommend(feed, facts({ categories: ["ceramics", "coffee"] }), "popular"))).toEqual(["mug", "teapot", "bowl"]);
    expect(ids(recommend(feed, facts(), "popular", { limit: 3 }))).toEqual(["gold", "beans", "espresso"]);
  });

  it("upsell: pricier (up to 3×) in the same category, closest first, only for a high enough average order", () => {
    const f = facts({ url: "https://shop.test/p/beans", average: 120 });
    expect(ids(recommend(feed, f, "upsell", { minAverageOrder: 100 }))).toEqual(["espresso", "ethiopia", "reserve"]);
    expect(recommend(feed, facts({ url: "https://shop.test/p/beans", average: 40 }), "upsell", { minAverageOrder: 100 })).toEqual([]);
    // On the cart page: the priciest item in the cart is the anchor.
    expect(ids(recommend(feed, facts({ cart: ["mug", "bowl"] }), "upsell"))).toEqual(["teapot"]);
  });

  it("personal: a mix of cross-sell, similar, recently viewed and popular, each id once", () => {
    const f = facts({ cart: ["grinder"], viewed: ["mug", "espresso"], categories: ["ceramics"] });
    const list = ids(recommend(feed, f, "personal"));
    expect(list[0]).toBe("beans"); // cross-sell first
    expect(new Set(list).size).toBe(list.length);
    expect(list).toEqual(expect.arrayContaining(["teapot", "bowl", "espresso"]));
    expect(list).not.toContain("mug"); // the last viewed product is what the mix is about
    expect(list).not.toContain("grinder");
    expect(list).not.toContain("decaf");
  });

  it("the product option overrides the anchor; limit caps the list; an unknown strategy finds nothing", () => {
    expect(ids(recommend(feed, facts(), "bought_together", { product: "mug", limit: 1 }))).toEqual(["beans"]);
    expect(recommend(feed, facts(), "nope" as never)).toEqual([]);
  });

  it("is pure: the same input gives the same output and the input is not changed", () => {
    const f = facts({ cart: ["beans"], viewed: ["mug"] });
    const copy = JSON.stringify([feed, f]);
    expect(recommend(feed, f, "personal")).toEqual(recommend(feed, f, "personal"));
    expect(JSON.stringify([feed, f])).toBe(copy);
  });
});
