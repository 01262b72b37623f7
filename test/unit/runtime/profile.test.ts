import { afterEach, describe, expect, it } from "vitest";
import { addToCart, cartCount, cartValue, removeFromCart } from "../../../src/profile/cart.js";
import { migrateProfile, newProfile, recordPageView, touchSession, SESSION_IDLE_MS } from "../../../src/profile/profile.js";
import { cleanup, fakeClock, MINUTE, rulesOf, settle, start } from "./harness.js";

afterEach(cleanup);

const noRules = rulesOf([]);

describe("visitor and sessions through the instance", () => {
  it("a first visit is a new visitor with one session and one page", async () => {
    const { nudge } = start(noRules);
    await nudge.ready;
    const { visitor } = nudge.facts();
    expect(visitor.isNew).toBe(true);
    expect(visitor.sessions).toBe(1);
    expect(visitor.pagesThisSession).toBe(1);
    expect(visitor.pagesTotal).toBe(1);
    expect(visitor.id).toMatch(/\S/);
  });

  it("a returning visitor (profile in the store) is not new and keeps its id and counts", async () => {
    const first = start(noRules);
    await first.nudge.ready;
    const id = first.nudge.facts().visitor.id;
    first.nudge.destroy();
    await settle();
    const clock = fakeClock(first.clock.now() + 5 * MINUTE);
    const second = start(noRules, { store: first.store, clock });
    await second.nudge.ready;
    const { visitor } = second.nudge.facts();
    expect(visitor.isNew).toBe(false);
    expect(visitor.id).toBe(id);
    expect(visitor.pagesTotal).toBe(2);
    expect(visitor.pagesThisSession).toBe(2);
    expect(visitor.sessions).toBe(1);
  });

  it("counts pages and starts a new session after 31 minutes idle, not after 29", async () => {
    const { nudge, clock } = start(noRules, { trackPageViews: false });
    await nudge.ready;
    nudge.page();
    nudge.page();
    expect(nudge.facts().visitor).toMatchObject({ sessions: 1, pagesThisSession: 2, pagesTotal: 2 });

    await clock.advance(29 * MINUTE);
    nudge.page();
    expect(nudge.facts().visitor).toMatchObject({ sessions: 1, pagesThisSession: 3, pagesTotal: 3 });

    await clock.advance(31 * MINUTE);
    nudge.page();
    expect(nudge.facts().visitor).toMatchObject({ sessions: 2, pagesThisSession: 1, pagesTotal: 4 });
  });

  it("starts a new session across local midnight even when not idle", async () => {
    const clock = fakeClock(new Date(2025, 2, 12, 23, 50, 0).getTime());
    const { nudge } = start(noRules, { trackPageViews: false, clock });
    await nudge.ready;
    nudge.page();
    await clock.advance(5 * MINUTE); // 23:55, same day
    nudge.page();
    expect(nudge.facts().visitor).toMatchObject({ sessions: 1, pagesThisSession: 2 });
    await clock.advance(10 * MINUTE); // 00:05 the next day, only 10 minutes idle
    nudge.page();
    expect(nudge.facts().visitor).toMatchObject({ sessions: 2, pagesThisSession: 1 });
  });

  it("cart.add merges quantities of the same id; remove, set and clear replace the cart", async () => {
    const { nudge } = start(noRules);
    await nudge.ready;
    nudge.cart.add({ id: "mug", name: "Mug", price: 10 });
    nudge.cart.add({ id: "mug", price: 10, quantity: 2 });
    nudge.cart.add({ id: 7, price: 2.5 });
    let cart = nudge.facts().cart;
    expect(cart.items).toEqual([
      { id: "mug", name: "Mug", price: 10, quantity: 3 },
      { id: "7", price: 2.5, quantity: 1 },
    ]);
    expect(cart.count).toBe(4);
    expect(cart.value).toBe(32.5);

    nudge.cart.remove("mug", 2);
    expect(nudge.facts().cart.items.map((i) => [i.id, i.quantity])).toEqual([
      ["mug", 1],
      ["7", 1],
    ]);
    nudge.cart.remove("mug");
    expect(nudge.facts().cart.items.map((i) => i.id)).toEqual(["7"]);
    nudge.cart.remove("7", 0); // not a quantity: a warning, nothing removed
    expect(nudge.facts().cart.items.map((i) => i.id)).toEqual(["7"]);

    nudge.cart.set([
      { id: "a", price: 1, quantity: 2 },
      { id: "b", price: 3 },
    ]);
    cart = nudge.facts().cart;
    expect(cart.items.map((i) => [i.id, i.quantity])).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
    expect(cart.value).toBe(5);

    nudge.cart.clear();
    expect(nudge.facts().cart).toMatchObject({ count: 0, value: 0, items: [] });
    expect(nudge.facts().events).toMatchObject({ add_to_cart: { count: 3 }, remove_from_cart: { count: 2 }, cart_update: { count: 2 } });
  });

  it("purchase updates orders count, total, average and last", async () => {
    const { nudge, clock } = start(noRules);
    await nudge.ready;
    nudge.purchase({ id: "1001", value: 59.8 });
    await clock.advance(MINUTE);
    nudge.purchase({ id: 1002, value: 20.1, items: [{ id: "x", price: 20.1 }] });
    const { orders } = nudge.facts();
    expect(orders.count).toBe(2);
    expect(orders.total).toBe(79.9);
    expect(orders.average).toBe(39.95);
    expect(orders.last).toEqual({ id: "1002", value: 20.1, time: clock.now() });
    // The items' ids go with the purchase event (recommendations skip what was just bought).
    expect(nudge.facts().events.purchase.recent!.map((e) => e.props)).toEqual([
      { id: "1001", value: 59.8 },
      { id: "1002", value: 20.1, items: ["x"] },
    ]);
  });

  it("identify sets the user id and merges traits", async () => {
    const { nudge } = start(noRules);
    await nudge.ready;
    nudge.identify("user-1", { firstName: "Ada", plan: "free" });
    nudge.identify(undefined, { plan: "pro", vip: true });
    const facts = nudge.facts();
    expect(facts.visitor.id).toBe("user-1");
    expect(facts.attributes).toEqual({ firstName: "Ada", plan: "pro", vip: true });
  });
});

describe("profile functions", () => {
  const ids = () => {
    let n = 0;
    return () => `s${++n}`;
  };

  it("touchSession keeps the session at exactly 30 minutes idle and renews it just after", () => {
    const t0 = new Date(2025, 2, 12, 10, 0).getTime();
    const next = ids();
    const p = recordPageView(newProfile("v", t0), t0, next);
    expect(touchSession(p, t0 + SESSION_IDLE_MS, next).session.id).toBe(p.session.id);
    expect(touchSession(p, t0 + SESSION_IDLE_MS + 1, next).session.id).not.toBe(p.session.id);
  });

  it("cart helpers: merge, remove, totals", () => {
    const cart = addToCart(addToCart([], { id: "a", price: 1.1, quantity: 1 }), { id: "a", price: 1.1, quantity: 2 });
    expect(cart).toEqual([{ id: "a", price: 1.1, quantity: 3 }]);
    expect(cartValue(cart)).toBe(3.3);
    expect(cartCount(cart)).toBe(3);
    expect(removeFromCart(cart, "a")).toEqual([]);
    expect(removeFromCart(cart, "a", 2)).toEqual([{ id: "a", price: 1.1, quantity: 1 }]); // a basket's "−" takes some off
    expect(removeFromCart(cart, "a", 3)).toEqual([]);
    expect(removeFromCart(cart, "a", 5)).toEqual([]);
  });

  it("migrateProfile accepts a well-formed profile", () => {
    const good = recordPageView(newProfile("v", 1), 1, ids());
    expect(migrateProfile(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it("migrates a v1 profile: event counts become histories, an empty recently-viewed list is added", () => {
    const v1 = { ...newProfile("v", 1), v: 1, events: { add_to_cart: { count: 3, last: 500 } } } as Record<string, unknown>;
    delete v1.viewed;
    const migrated = migrateProfile(JSON.parse(JSON.stringify(v1)))!;
    expect(migrated.v).toBe(2);
    expect(migrated.events.add_to_cart).toEqual({ count: 3, first: 500, last: 500, days: {}, recent: [] });
    expect(migrated.viewed).toEqual({ products: [], categories: {} });
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "{not json"],
    ["an array", []],
    ["a number", 42],
    ["a future version", { ...newProfile("v", 1), v: 3 }],
    ["viewed missing", { ...newProfile("v", 1), viewed: undefined }],
    ["no version", { ...newProfile("v", 1), v: undefined }],
    ["a numeric id", { ...newProfile("v", 1), id: 5 }],
    ["firstSeen as a string", { ...newProfile("v", 1), firstSeen: "yesterday" }],
    ["a cart that is an object", { ...newProfile("v", 1), cart: {} }],
    ["orders = null", { ...newProfile("v", 1), orders: null }],
    ["events as an array", { ...newProfile("v", 1), events: [] }],
    ["no widgets", { ...newProfile("v", 1), widgets: undefined }],
    ["session as a string", { ...newProfile("v", 1), session: "s1" }],
    ["attributes = null", { ...newProfile("v", 1), attributes: null }],
  ])("migrateProfile rejects %s", (_name, stored) => {
    expect(migrateProfile(stored)).toBeUndefined();
  });
});
