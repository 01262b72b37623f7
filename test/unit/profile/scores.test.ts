import { describe, expect, it } from "vitest";
import { addEvent } from "../../../src/profile/history.js";
import { newProfile, type Profile } from "../../../src/profile/profile.js";
import { scores } from "../../../src/profile/scores.js";

const DAY = 86_400_000;
const NOW = new Date(2026, 11, 6, 12).getTime();

/** A visitor built from what they did: events at days before NOW, with props. */
function visitor(build: (p: Profile) => void, events: Array<[name: string, daysAgo: number, props?: Record<string, unknown>]> = []): Profile {
  const p = newProfile("v", NOW - 100 * DAY);
  for (const [name, daysAgo, props] of events) p.events[name] = addEvent(p.events[name], NOW - daysAgo * DAY, props);
  build(p);
  return p;
}

function orders(p: Profile, ...daysAgo: number[]) {
  p.orders = { count: daysAgo.length, total: 100 * daysAgo.length, last: { id: "o", value: 100, time: NOW - Math.min(...daysAgo) * DAY } };
}

describe("scores on constructed visitors", () => {
  it("a new visitor: no discount signal, low intent, no churn risk", () => {
    expect(scores(newProfile("v", NOW), NOW)).toEqual({ discountSensitivity: 0, purchaseIntent: 0.047, churnRisk: 0 });
  });

  it("discountSensitivity: every order with a coupon, two codes copied, half the offers clicked → 1 × 0.5 + 1 × 0.3 + 0.5 × 0.2", () => {
    const hunter = visitor(
      (p) => {
        orders(p, 40, 10);
        p.widgets.offer = { shown: 4, converted: 2 } as Profile["widgets"][string];
      },
      [
        ["purchase", 40, { coupon: "SAVE10" }],
        ["purchase", 10, { coupon: "SAVE15" }],
        ["coupon_copy", 12],
        ["coupon_copy", 11],
      ],
    );
    expect(scores(hunter, NOW).discountSensitivity).toBe(0.9);
    const fullPrice = visitor(
      (p) => orders(p, 40, 10),
      [
        ["purchase", 40],
        ["purchase", 10],
      ],
    );
    expect(scores(fullPrice, NOW).discountSensitivity).toBe(0);
    const half = visitor(
      (p) => orders(p, 40, 10),
      [
        ["purchase", 40, { coupon: "SAVE10" }],
        ["purchase", 10],
      ],
    );
    expect(scores(half, NOW).discountSensitivity).toBe(0.25);
  });

  it("purchaseIntent rises with fresh views, a cart and return visits, and decays with time", () => {
    const views = (daysAgo: number) => Array.from({ length: 5 }, () => ["view_item", daysAgo] as [string, number]);
    const browsing = visitor((p) => (p.sessions = 2), views(0));
    const carting = visitor(
      (p) => {
        p.sessions = 3;
        p.cart = [{ id: "sku", price: 10, quantity: 1 }];
      },
      [...views(0), ["add_to_cart", 0]],
    );
    const cold = visitor((p) => (p.sessions = 2), views(20));
    const s = (p: Profile) => scores(p, NOW).purchaseIntent;
    // z = −3 + 0.3·5 + 0.2·1 = −1.3 → 0.214; with the cart: −3 + 1.5 + 1.5 + 0.5 + 0.4 = 0.9 → 0.711
    expect(s(browsing)).toBe(0.214);
    expect(s(carting)).toBe(0.711);
    // 20 days ago: views no longer count for the week, −0.15 × 20 = −3 → z = −5.8
    expect(s(cold)).toBe(0.003);
  });

  it("churnRisk measures the time since the last order against the customer's own rhythm", () => {
    // Orders every 10 days: 30 days after the last is three times the gap.
    const events: Array<[string, number]> = [
      ["purchase", 60],
      ["purchase", 50],
      ["purchase", 40],
      ["purchase", 30],
    ];
    const regular = visitor((p) => orders(p, 60, 50, 40, 30), events);
    expect(scores(regular, NOW).churnRisk).toBe(0.953);
    // The same 30 days for a customer who orders every 60 days is half the gap: low risk.
    const slow = visitor(
      (p) => orders(p, 210, 150, 90, 30),
      [
        ["purchase", 210],
        ["purchase", 150],
        ["purchase", 90],
        ["purchase", 30],
      ],
    );
    expect(scores(slow, NOW).churnRisk).toBe(0.011);
    // One order, 60 days ago: twice the assumed 30-day rhythm.
    const once = visitor((p) => orders(p, 60), [["purchase", 60]]);
    expect(scores(once, NOW).churnRisk).toBe(0.5);
  });

  it("every score stays within 0..1 for an extreme visitor", () => {
    const extreme = visitor(
      (p) => {
        p.sessions = 500;
        p.cart = [{ id: "x", price: 1, quantity: 99 }];
        orders(p, 399);
        p.widgets.w = { shown: 1, converted: 9 } as Profile["widgets"][string];
      },
      Array.from({ length: 80 }, () => ["view_item", 0] as [string, number]),
    );
    for (const value of Object.values(scores(extreme, NOW))) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });
});
