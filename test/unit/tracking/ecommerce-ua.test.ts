import { describe, expect, it, vi } from "vitest";
import { watchDataLayer, type Command } from "../../../src/track/datalayer.js";
import { uaToCommands } from "../../../src/track/ecommerce-ua.js";

/* Enhanced Ecommerce (Universal Analytics) objects, the format Yandex Metrica reads from dataLayer. */

const tee = { id: "P-1", name: "Футболка", price: 990, brand: "Nord", category: "Одежда/Футболки", variant: "M", quantity: 1 };
const commandsOf = (run: { mock: { calls: [Command][] } }) => run.mock.calls.map((call) => call[0]);

describe("uaToCommands", () => {
  it("maps detail, add, remove, checkout and purchase to Nudge commands", () => {
    expect(uaToCommands({ ecommerce: { currencyCode: "RUB", detail: { products: [tee] } } })).toEqual([
      ["track", "view_item", { id: "P-1", name: "Футболка", price: 990, category: "Одежда/Футболки" }],
    ]);
    expect(
      uaToCommands({
        ecommerce: {
          currencyCode: "RUB",
          add: {
            products: [
              { ...tee, quantity: 2 },
              { id: 7, price: 100 },
            ],
          },
        },
      }),
    ).toEqual([
      ["cart.add", { id: "P-1", name: "Футболка", price: 990, quantity: 2, category: "Одежда/Футболки" }],
      ["cart.add", { id: "7", price: 100, quantity: 1 }],
    ]);
    expect(uaToCommands({ ecommerce: { remove: { products: [{ id: "P-1", quantity: "1" }, { id: "P-2" }] } } })).toEqual([
      ["cart.remove", "P-1", 1],
      ["cart.remove", "P-2"],
    ]);
    expect(uaToCommands({ event: "checkout", ecommerce: { checkout: { actionField: { step: 1 }, products: [{ ...tee, quantity: 2 }] } } })).toEqual([
      ["track", "begin_checkout", { value: 1980 }],
    ]);
    expect(uaToCommands({ ecommerce: { checkout: { actionField: { step: 2 }, products: [tee] } } })).toEqual([]); // a later step is the same checkout
    expect(
      uaToCommands({ ecommerce: { currencyCode: "RUB", purchase: { actionField: { id: "A-17", revenue: 1980, coupon: "SALE10" }, products: [{ ...tee, quantity: 2 }] } } }),
    ).toEqual([
      ["purchase", { id: "A-17", value: 1980, currency: "RUB", coupon: "SALE10", items: [{ id: "P-1", name: "Футболка", price: 990, quantity: 2, category: "Одежда/Футболки" }] }],
      ["cart.clear"],
    ]);
  });

  it("reads prices, quantities and revenue given as strings, and keys a product without an id by its name", () => {
    expect(
      uaToCommands({
        ecommerce: {
          add: {
            products: [
              { id: "P-1", price: "1 290,50", quantity: "3" },
              { name: "Подарочная карта", price: "500.00" },
            ],
          },
        },
      }),
    ).toEqual([
      ["cart.add", { id: "P-1", price: 1290.5, quantity: 3 }],
      ["cart.add", { id: "Подарочная карта", name: "Подарочная карта", price: 500, quantity: 1 }],
    ]);
    const [[, order]] = uaToCommands({ ecommerce: { purchase: { actionField: { id: 1001, revenue: "2580.00" }, products: [{ id: "P-1", price: "1290", quantity: "2" }] } } });
    expect(order).toMatchObject({ id: "1001", value: 2580, items: [{ id: "P-1", price: 1290, quantity: 2 }] });
  });

  it("sums the products when a purchase has no revenue, and skips what it cannot read", () => {
    const [[, order]] = uaToCommands({
      ecommerce: {
        purchase: {
          actionField: { id: "A-1" },
          products: [
            { id: "a", price: 10, quantity: 2 },
            { id: "b", price: "5.5" },
          ],
        },
      },
    });
    expect(order).toMatchObject({ value: 25.5 });
    expect(uaToCommands({ ecommerce: { add: { products: [{ id: "a", price: "free", quantity: -2 }] } } })).toEqual([["cart.add", { id: "a", price: 0, quantity: 1 }]]);
    for (const entry of [
      null,
      "x",
      {},
      { ecommerce: null },
      { ecommerce: { currencyCode: "RUB" } },
      { ecommerce: { purchase: { products: [tee] } } },
      { ecommerce: { add: { products: [{ price: 3 }, null, "x"] } } },
      { ecommerce: { detail: { products: "P-1" } } },
    ]) {
      expect(uaToCommands(entry)).toEqual([]);
    }
  });
});

describe("watchDataLayer with Enhanced Ecommerce objects", () => {
  it("replays objects pushed before it loaded and follows new ones, in order", async () => {
    const win = { dataLayer: [{ ecommerce: { currencyCode: "RUB", detail: { products: [tee] } } }] } as unknown as Window;
    const run = vi.fn<(c: Command) => void>();
    await watchDataLayer(win, run).ready; // the Enhanced Ecommerce mapping is its own chunk
    expect(commandsOf(run)).toEqual([["track", "view_item", { id: "P-1", name: "Футболка", price: 990, category: "Одежда/Футболки" }]]);
    const layer = (win as unknown as { dataLayer: unknown[] }).dataLayer;
    layer.push({ event: "addToCart", ecommerce: { add: { products: [tee] } } });
    layer.push({ ecommerce: { purchase: { actionField: { id: "A-1", revenue: 990 }, products: [tee] } } });
    expect(commandsOf(run).map((c) => c[0])).toEqual(["track", "cart.add", "purchase", "cart.clear"]);
  });

  it("keeps push order across the two formats while their chunks load", async () => {
    const win = { dataLayer: [] } as unknown as Window;
    const run = vi.fn<(c: Command) => void>();
    watchDataLayer(win, run);
    const layer = (win as unknown as { dataLayer: unknown[] }).dataLayer;
    layer.push({ event: "search", search_term: "чай" });
    layer.push({ ecommerce: { add: { products: [tee] } } });
    layer.push({ event: "begin_checkout", ecommerce: { value: 990 } });
    await vi.waitFor(() => expect(commandsOf(run).map((c) => c[1])).toEqual(["search", expect.objectContaining({ id: "P-1" }), "begin_checkout"]));
  });

  it("counts an action reported in both formats once: the format that reported it first owns it on the page", async () => {
    const mugGa4 = { item_id: "P-1", item_name: "Футболка", price: 990, quantity: 1 };
    const win = {
      dataLayer: [
        // The platform's Metrica object, then a tag manager's GA4 event, for the same product view…
        { ecommerce: { currencyCode: "RUB", detail: { products: [tee] } } },
        { event: "view_item", ecommerce: { currency: "RUB", items: [mugGa4] } },
        // …and the GA4 event first for the same add to cart.
        { event: "add_to_cart", ecommerce: { currency: "RUB", items: [mugGa4] } },
        { ecommerce: { currencyCode: "RUB", add: { products: [tee] } } },
      ],
    } as unknown as Window;
    const run = vi.fn<(c: Command) => void>();
    await watchDataLayer(win, run).ready;
    expect(commandsOf(run)).toEqual([
      ["track", "view_item", expect.objectContaining({ id: "P-1" })],
      ["cart.add", expect.objectContaining({ id: "P-1", quantity: 1 })],
    ]);
    const layer = (win as unknown as { dataLayer: unknown[] }).dataLayer;
    // A second click, reported in both formats again: one more add, not two.
    layer.push({ ecommerce: { add: { products: [tee] } } }, { event: "add_to_cart", ecommerce: { items: [mugGa4] } });
    // One order in both formats: one purchase.
    layer.push({ ecommerce: { currencyCode: "RUB", purchase: { actionField: { id: "A-1", revenue: 1980 }, products: [{ ...tee, quantity: 2 }] } } });
    layer.push({ event: "purchase", ecommerce: { transaction_id: "A-1", value: 1980, currency: "RUB", items: [{ ...mugGa4, quantity: 2 }] } });
    // What only one format reports still counts: GA4's search, begin_checkout.
    layer.push({ event: "begin_checkout", ecommerce: { value: 1980 } });
    expect(commandsOf(run).map((c) => (c[0] === "track" ? c[1] : c[0]))).toEqual(["view_item", "cart.add", "cart.add", "purchase", "cart.clear", "begin_checkout"]);
  });
});
