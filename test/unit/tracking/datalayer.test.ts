import { describe, expect, it, vi } from "vitest";
import { watchDataLayer, type Command } from "../../../src/track/datalayer.js";
import { ga4ToCommands } from "../../../src/track/ga4.js";

const mug = { item_id: "sku-1", item_name: "Mug", price: 19.9, quantity: 2, item_category: "ceramics" };

describe("ga4ToCommands", () => {
  it("maps GA4 ecommerce events to Nudge commands", () => {
    expect(ga4ToCommands({ event: "view_item", ecommerce: { items: [mug] } })).toEqual([["track", "view_item", { id: "sku-1", name: "Mug", price: 19.9, category: "ceramics" }]]);
    expect(ga4ToCommands({ event: "add_to_cart", ecommerce: { items: [mug, { item_id: 7, price: "5" }] } })).toEqual([
      ["cart.add", { id: "sku-1", name: "Mug", price: 19.9, quantity: 2, category: "ceramics" }],
      ["cart.add", { id: "7", price: 5, quantity: 1 }],
    ]);
    expect(ga4ToCommands({ event: "remove_from_cart", ecommerce: { items: [mug, { item_id: "sku-2" }] } })).toEqual([
      ["cart.remove", "sku-1", 2],
      ["cart.remove", "sku-2"],
    ]);
    expect(ga4ToCommands({ event: "begin_checkout", ecommerce: { value: 39.8 } })).toEqual([["track", "begin_checkout", { value: 39.8 }]]);
    expect(ga4ToCommands({ event: "purchase", ecommerce: { transaction_id: "T1", value: 39.8, currency: "EUR", items: [mug] } })).toEqual([
      ["purchase", { id: "T1", value: 39.8, currency: "EUR", items: [{ id: "sku-1", name: "Mug", price: 19.9, quantity: 2, category: "ceramics" }] }],
    ]); // purchase() empties the cart itself
    expect(ga4ToCommands({ event: "search", search_term: "kettle" })).toEqual([["track", "search", { query: "kettle" }]]);
    expect(ga4ToCommands({ event: "view_item_list", ecommerce: { item_list_name: "Coffee", items: [mug, mug] } })).toEqual([
      ["track", "view_item_list", { list: "Coffee", count: 2 }],
    ]);
  });

  it("reads gtag's arguments form", () => {
    function gtag(..._args: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    }
    expect(ga4ToCommands(gtag("event", "add_to_cart", { items: [mug] }))).toEqual([["cart.add", { id: "sku-1", name: "Mug", price: 19.9, quantity: 2, category: "ceramics" }]]);
  });

  it("ignores what it does not use or cannot read", () => {
    for (const entry of [
      null,
      5,
      "x",
      {},
      { ecommerce: null },
      { event: "gtm.js" },
      { event: "purchase", ecommerce: { value: 3 } },
      { event: "add_to_cart", ecommerce: { items: [{ price: 3 }] } },
    ]) {
      expect(ga4ToCommands(entry)).toEqual([]);
    }
  });
});

describe("watchDataLayer", () => {
  it("replays what was pushed before it loaded, follows new pushes once each, and restores push", async () => {
    const win = { dataLayer: [{ event: "gtm.js" }, { event: "view_item", ecommerce: { items: [mug] } }] } as unknown as Window;
    const run = vi.fn<(c: Command) => void>();
    const { ready, stop } = watchDataLayer(win, run);
    await ready; // the GA4 mapping is its own chunk, loaded because the layer holds a GA4 event
    expect(run).toHaveBeenCalledTimes(1);
    const layer = (win as unknown as { dataLayer: unknown[] }).dataLayer;
    const entry = { event: "add_to_cart", ecommerce: { items: [mug] } };
    expect(layer.push(entry)).toBe(3);
    layer.push(entry); // the same object twice (a tag manager re-pushing) counts once
    expect(run.mock.calls.map((c) => c[0][0])).toEqual(["track", "cart.add"]); // at once: the mapping is loaded
    expect(layer).toHaveLength(4);
    stop();
    layer.push({ event: "add_to_cart", ecommerce: { items: [mug] } });
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("creates the layer when the page has none, and a throwing handler never breaks the page's push", async () => {
    const win = {} as Window;
    const run = vi.fn(() => {
      throw new Error("boom");
    });
    watchDataLayer(win, run);
    const layer = (win as unknown as { dataLayer: unknown[] }).dataLayer;
    expect(() => layer.push({ event: "add_to_cart", ecommerce: { items: [mug] } })).not.toThrow();
    await vi.waitFor(() => expect(run).toHaveBeenCalledOnce()); // applied once the mapping loaded
    expect(() => layer.push({ event: "add_to_cart", ecommerce: { items: [mug] } })).not.toThrow();
    expect(layer).toHaveLength(2);
  });

  it("loads nothing for a tag manager's own events, and keeps the order of events pushed while it loads", async () => {
    const win = { dataLayer: [{ event: "gtm.js" }, { event: "page_view" }] } as unknown as Window;
    const run = vi.fn<(c: Command) => void>();
    const watch = watchDataLayer(win, run);
    await watch.ready;
    expect(run).not.toHaveBeenCalled();
    const layer = (win as unknown as { dataLayer: unknown[] }).dataLayer;
    layer.push({ event: "add_to_cart", ecommerce: { items: [mug] } });
    layer.push({ event: "purchase", ecommerce: { transaction_id: "T1", value: 20, items: [mug] } });
    await vi.waitFor(() => expect(run.mock.calls.map((c) => c[0][0])).toEqual(["cart.add", "purchase"]));
  });
});

describe("watchDataLayer: consent entries", () => {
  it("hands gtag('consent', …) entries to the consent listener at once, before and after loading, and none to the GA4 mapping", async () => {
    const win = {} as unknown as Window & { dataLayer: unknown[] };
    const gtag = function (..._args: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      (win.dataLayer ??= []).push(arguments);
    };
    gtag("consent", "default", { analytics_storage: "denied" });
    const consent: unknown[] = [];
    const commands: Command[] = [];
    const watch = watchDataLayer(
      win,
      (command) => commands.push(command),
      "dataLayer",
      () => {},
      (entry) => consent.push(Array.from(entry)),
    );
    expect(consent).toEqual([["consent", "default", { analytics_storage: "denied" }]]); // replayed synchronously
    gtag("consent", "update", { analytics_storage: "granted" });
    expect(consent).toHaveLength(2);
    await watch.ready;
    expect(commands).toEqual([]);
    watch.stop();
  });

  it("with no command runner (dataLayer: false) GA4 events are left alone while consent is still read", async () => {
    const win = { dataLayer: [{ event: "add_to_cart", ecommerce: { items: [{ item_id: "a", price: 1 }] } }] } as unknown as Window;
    const consent: unknown[] = [];
    const watch = watchDataLayer(
      win,
      null,
      "dataLayer",
      () => {},
      (entry) => consent.push(entry),
    );
    await watch.ready;
    (win as unknown as { dataLayer: unknown[] }).dataLayer.push(["consent", "update", {}]);
    expect(consent).toHaveLength(1);
    watch.stop();
  });
});
