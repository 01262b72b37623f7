import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, MINUTE, rulesOf, settle, start } from "../runtime/harness.js";

afterEach(() => {
  cleanup();
  delete (window as unknown as { dataLayer?: unknown }).dataLayer;
});

const noWidgets = rulesOf([]);

describe("facts from tracking", () => {
  it("keeps where the visit came from: this session's source and the first touch", async () => {
    history.replaceState({}, "", "/landing?utm_source=anna_blog&utm_medium=social&utm_campaign=winter");
    const h = start(noWidgets);
    await h.nudge.ready;
    let visitor = h.nudge.facts().visitor;
    expect(visitor.source).toEqual({ channel: "social", source: "anna_blog", medium: "social", campaign: "winter" });
    expect(visitor.firstSource).toEqual(visitor.source);

    // A later page in the same session keeps the session's source.
    history.pushState({}, "", "/shop/cart.html");
    await settle();
    expect(h.nudge.facts().visitor.source?.source).toBe("anna_blog");

    // A new session from a newsletter link: new session source, first touch unchanged.
    await h.clock.advance(31 * MINUTE);
    history.pushState({}, "", "/shop/?utm_source=news&utm_medium=email");
    await settle();
    visitor = h.nudge.facts().visitor;
    expect(visitor.source?.channel).toBe("email");
    expect(visitor.firstSource?.source).toBe("anna_blog");
  });

  it("lists recently viewed products and categories, newest first, without duplicates", async () => {
    const h = start(noWidgets);
    await h.nudge.ready;
    h.nudge.track("view_item", { id: "sku-1", name: "Mug", price: 20, category: "ceramics" });
    h.nudge.track("view_item", { id: "sku-2", category: "coffee" });
    h.nudge.track("view_item", { id: "sku-3", category: "coffee" });
    h.nudge.track("view_item", { id: "sku-1", name: "Mug", price: 20, category: "ceramics" });
    const { viewed } = h.nudge.facts();
    expect(viewed.products).toEqual(["sku-1", "sku-3", "sku-2"]);
    expect(new Set(viewed.categories)).toEqual(new Set(["ceramics", "coffee"])); // two views each
    expect(viewed.last).toEqual({ id: "sku-1", name: "Mug", price: 20, category: "ceramics" });
  });

  it("scores RFM from the orders", async () => {
    const h = start(noWidgets);
    await h.nudge.ready;
    expect(h.nudge.facts().rfm).toEqual({ recency: 0, frequency: 0, monetary: 0, segment: null });
    h.nudge.purchase({ id: "1", value: 30 });
    expect(h.nudge.facts().rfm).toEqual({ recency: 5, frequency: 1, monetary: 1, segment: "new_customers" });
  });

  it("scores RFM with the rules file's settings.rfm boundaries", async () => {
    const h = start(rulesOf([], { rfm: { monetary: [10, 20, 25, 1000] } }));
    await h.nudge.ready;
    h.nudge.purchase({ id: "1", value: 30 });
    expect(h.nudge.facts().rfm).toEqual({ recency: 5, frequency: 1, monetary: 4, segment: "potential_loyalists" });
  });

  it("records event props so $event conditions with `where` can read them", async () => {
    const h = start(
      rulesOf([
        {
          id: "big-cart",
          type: "popup",
          trigger: "manual",
          when: { $event: { name: "add_to_cart", within: "1h", where: { "props.price": { $gte: 50 } } } },
          content: { title: "x" },
        },
      ]),
    );
    await h.nudge.ready;
    h.nudge.cart.add({ id: "a", price: 10 });
    expect(h.nudge.explain("big-cart")[0].blockedBy.some((b) => b.startsWith("when"))).toBe(true);
    h.nudge.cart.add({ id: "b", price: 80 });
    expect(h.nudge.explain("big-cart")[0].blockedBy.some((b) => b.startsWith("when"))).toBe(false);
  });

  it("picks up GA4 ecommerce events from window.dataLayer, pushed before and after it loaded", async () => {
    const layer: unknown[] = [{ event: "add_to_cart", ecommerce: { items: [{ item_id: "sku-1", item_name: "Mug", price: 20, quantity: 2 }] } }];
    (window as unknown as { dataLayer: unknown[] }).dataLayer = layer;
    const h = start(noWidgets);
    await h.nudge.ready;
    expect(h.nudge.facts().cart).toMatchObject({ count: 2, value: 40 });
    layer.push({ event: "purchase", ecommerce: { transaction_id: "T-9", value: 40, currency: "USD", items: [{ item_id: "sku-1", price: 20, quantity: 2 }] } });
    const facts = h.nudge.facts();
    expect(facts.orders).toMatchObject({ count: 1, total: 40 });
    expect(facts.cart.count).toBe(0);
  });

  it("leaves window.dataLayer alone when told to", async () => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [{ event: "add_to_cart", ecommerce: { items: [{ item_id: "sku-1", price: 20 }] } }];
    const h = start(noWidgets, { dataLayer: false });
    await h.nudge.ready;
    expect(h.nudge.facts().cart.count).toBe(0);
  });

  it("decides without the page's first Intl call (visitor.timezone) unless the rules mention the time zone; facts() has it", async () => {
    const spy = vi.spyOn(Intl, "DateTimeFormat");
    try {
      const plain = start(rulesOf([{ id: "hello", type: "popup", content: { title: "Hi" } }]));
      await plain.nudge.ready;
      expect(plain.shown).toEqual(["hello"]);
      expect(spy).not.toHaveBeenCalled(); // ~80 ms of ICU loading in Chromium, a long task at init
      expect(plain.nudge.facts().visitor.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
      cleanup();

      const zoned = start(rulesOf([{ id: "zoned", type: "popup", when: { "visitor.timezone": { $regex: "." } }, content: { title: "Hi" } }]));
      await zoned.nudge.ready;
      expect(zoned.shown).toEqual(["zoned"]);
    } finally {
      spy.mockRestore();
    }
  });
});
