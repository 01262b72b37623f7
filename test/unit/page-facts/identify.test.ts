import { afterEach, describe, expect, it } from "vitest";
import { identified } from "../../../src/profile/identify.js";
import { newProfile, recordEvent, recordPageView, type Profile } from "../../../src/profile/profile.js";
import { cleanup, rulesOf, start } from "../runtime/harness.js";

afterEach(cleanup);

let n = 0;
const newId = () => `id-${++n}`;
const T = 1_700_000_000_000;

/** An anonymous visitor with some history: a page view, a viewed product, a cart, an order and a widget shown. */
function anonymous(): Profile {
  let p = recordPageView(newProfile("anon", T), T, newId);
  p = recordEvent(p, "view_item", T, newId, { id: "sku-1", category: "tea" });
  return {
    ...p,
    attributes: { plan: "free" },
    cart: [{ id: "sku-1", price: 5, quantity: 1 }],
    orders: { count: 1, total: 20, last: { id: "o1", value: 20, time: T } },
    widgets: {
      welcome: { shown: 1, lastShown: T, sessionId: p.session.id, sessionShown: 1, day: "2023-11-14", dayShown: 1, closed: 1, lastClosed: T, converted: 0, lastConverted: 0 },
    },
  };
}

describe("identified()", () => {
  it("the first identify keeps the anonymous history and sets userId and traits", () => {
    const before = anonymous();
    const after = identified(before, "u-1", { email: "a@b.c" }, T + 1, newId);
    expect(after).toEqual({ ...before, userId: "u-1", attributes: { plan: "free", email: "a@b.c" } });
  });

  it("the same id again, or no id, only adds traits", () => {
    const known = identified(anonymous(), "u-1", {}, T, newId);
    expect(identified(known, "u-1", { a: 1 }, T, newId)).toMatchObject({ id: "anon", userId: "u-1", cart: known.cart, attributes: { plan: "free", a: 1 } });
    expect(identified(known, undefined, { b: 2 }, T, newId)).toMatchObject({ userId: "u-1", attributes: { plan: "free", b: 2 } });
  });

  it("a different id starts a fresh profile that keeps only the device's widget history and the session", () => {
    const known = identified(anonymous(), "u-1", {}, T, newId);
    const other = identified(known, "u-2", { name: "Bo" }, T + 5, newId);
    expect(other.id).not.toBe(known.id);
    expect(other).toMatchObject({
      userId: "u-2",
      attributes: { name: "Bo" },
      cart: [],
      orders: { count: 0, total: 0, last: null },
      events: {},
      viewed: { products: [], categories: {} },
      widgets: known.widgets,
      session: known.session,
      sessions: 1,
      pagesTotal: 1,
      firstSeen: T + 5,
    });
  });
});

describe("identify() in the runtime", () => {
  it("merges, then resets for another person; the facts follow", async () => {
    const h = start(rulesOf([]));
    await h.nudge.ready;
    h.nudge.cart.add({ id: "sku-1", price: 5 });
    h.nudge.viewItem({ id: "sku-1", category: "tea" });
    h.nudge.identify("u-1", { tier: "gold" });
    let facts = h.nudge.facts();
    expect(facts.visitor.id).toBe("u-1");
    expect(facts.cart.count).toBe(1);
    expect(facts.viewed.products).toEqual(["sku-1"]);
    expect(facts.attributes).toEqual({ tier: "gold" });

    h.nudge.identify("u-2");
    facts = h.nudge.facts();
    expect(facts.visitor.id).toBe("u-2");
    expect(facts.cart.count).toBe(0);
    expect(facts.viewed.products).toEqual([]);
    expect(facts.attributes).toEqual({});
    expect(facts.events).toEqual({});
    expect(facts.visitor.pagesThisSession).toBe(1);
  });
});
