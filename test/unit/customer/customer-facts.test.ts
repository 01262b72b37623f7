import { describe, expect, it } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { buildFacts } from "../../../src/profile/build-facts.js";
import { parseCard, type CustomerCard } from "../../../src/profile/customer-card.js";
import { applyCustomer } from "../../../src/profile/customer-facts.js";
import { newProfile, recordEvent, type Profile } from "../../../src/profile/profile.js";
import { guardBlocks } from "../../../src/decide/guards.js";
import type { Facts } from "../../../src/profile/facts.js";

const DAY = 86_400_000;
const NOW = new Date(2026, 11, 6, 12).getTime();
const ids = () => "s";

const CARD: CustomerCard = {
  id: "c-1",
  orders: { count: 3, total: 160, last: { id: "1003", value: 29.5, time: NOW - 5 * DAY }, first: NOW - 90 * DAY },
  orderIds: ["1003", "1002", "1001"],
  averageOrder: 53.33,
  favouriteCategories: ["shoes", "socks"],
  favouriteItems: ["sku-1"],
  bought: { "sku-1": NOW - 5 * DAY, "sku-3": NOW - 40 * DAY },
  couponsUsed: ["WELCOME10"],
  birthday: "1990-12-09",
};

function purchase(profile: Profile, time: number, id: string, value: number, extra: Record<string, unknown> = {}): Profile {
  const placed = { ...profile, orders: { count: profile.orders.count + 1, total: profile.orders.total + value, last: { id, value, time } } };
  return recordEvent(placed, "purchase", time, ids, { id, value, ...extra });
}

function factsOf(profile: Profile, page: Partial<Facts["page"]> = {}): Facts {
  const env = { window: undefined, now: () => NOW } as unknown as Env;
  const facts = buildFacts(profile, { page: { path: "/", type: "other", ...page } as Facts["page"], pageStart: NOW, isNew: false, currency: "USD" }, env);
  applyCustomer(facts, profile, undefined, NOW);
  return facts;
}

describe("the customer card merged with the browser's own orders", () => {
  it("counts an order the card lists once, and one it does not list on top", () => {
    let profile: Profile = { ...newProfile("p", NOW - 10 * DAY), userId: "c-1", customer: { card: CARD, loaded: NOW } };
    profile = purchase(profile, NOW - 5 * DAY, "1003", 29.5, { coupon: "welcome10", items: ["sku-1"] }); // the shop exported it: the card lists it
    profile = purchase(profile, NOW - DAY, "2001", 40, { coupon: "SPRING5", items: ["sku-7"] }); // placed after the export
    const facts = factsOf(profile);
    expect(facts.orders).toEqual({ count: 4, total: 200, average: 50, last: { id: "2001", value: 40, time: NOW - DAY } });
    expect(facts.customer).toMatchObject({
      known: true,
      id: "c-1",
      averageOrder: 50,
      favouriteCategory: "shoes",
      couponsUsed: ["WELCOME10", "welcome10", "SPRING5"],
      boughtWithin: { "7d": ["sku-1", "sku-7"], "30d": ["sku-1", "sku-7"], "90d": ["sku-1", "sku-3", "sku-7"], "365d": ["sku-1", "sku-3", "sku-7"] },
      daysToBirthday: 3,
    });
    // RFM from the merged record: 4 orders, 200 spent, the last a day ago.
    expect(facts.rfm).toMatchObject({ recency: 5, frequency: 3, monetary: 2 });
  });

  it("without a card, customer.* comes from this browser's orders alone and orders stay as they are", () => {
    const profile = purchase(newProfile("p", NOW - DAY), NOW - DAY, "9", 10, { coupon: "X1", items: ["sku-2"] });
    const facts = factsOf(profile);
    expect(facts.orders.count).toBe(1);
    expect(facts.customer).toMatchObject({ known: false, id: null, couponsUsed: ["X1"], bought: { "sku-2": NOW - DAY }, birthday: null, daysToBirthday: null });
  });

  it("the same order recorded twice in the browser (two tabs, a reload of the thank-you page) counts once", () => {
    let profile: Profile = { ...newProfile("p", NOW), userId: "c-1", customer: { card: { ...CARD, orderIds: [] }, loaded: NOW } };
    profile = purchase(profile, NOW - DAY, "2001", 40);
    profile = purchase(profile, NOW - DAY + 1000, "2001", 40);
    expect(factsOf(profile).orders.count).toBe(4);
  });

  it("a birthday on 29 February is on the 28th in a year without one", () => {
    const profile: Profile = { ...newProfile("p", NOW), userId: "c-1", customer: { card: { ...CARD, birthday: "02-29" }, loaded: NOW } };
    // 2026-12-06 → 2027-02-28: 84 days.
    expect(factsOf(profile).customer?.daysToBirthday).toBe(84);
  });
});

describe("the card contract", () => {
  it("accepts a card and names the first field that is wrong", () => {
    expect(parseCard(JSON.parse(JSON.stringify(CARD)))).toEqual({ ...CARD, orders: { ...CARD.orders } });
    expect(parseCard({ ...CARD, orders: { count: "3" } })).toBe("orders: expected { count, total, last }");
    expect(parseCard({ ...CARD, birthday: "1990-02-30" })).toContain("birthday:");
    expect(parseCard({ ...CARD, id: "" })).toBe("id: expected the customer id, a string");
    expect(parseCard([])).toBe("expected a JSON object");
    // A prototype key in `bought` is dropped, never set on the object's prototype.
    const parsed = parseCard({ ...CARD, bought: JSON.parse('{"__proto__": 1, "sku-1": 2}') }) as CustomerCard;
    expect(Object.keys(parsed.bought)).toEqual(["sku-1"]);
  });
});

describe("settings.guards", () => {
  const known: Profile = { ...newProfile("p", NOW), userId: "c-1", customer: { card: CARD, loaded: NOW } };
  const productPage = (id: string) => {
    const profile = recordEvent(known, "view_item", NOW, ids, { id });
    return factsOf(profile, { type: "product", path: `/p/${id}` });
  };
  const coupon = { title: "10% off", coupon: { code: "welcome10" } };

  it("holds back a widget offering a code the customer already used (any case, at any depth)", () => {
    expect(guardBlocks(undefined, "countdown-coupon", coupon, factsOf(known))).toEqual(["settings.guards: this customer already used the code welcome10"]);
    expect(
      guardBlocks(
        undefined,
        "wheel",
        {
          segments: [
            { label: "5%", code: "OTHER" },
            { label: "10%", code: "WELCOME10" },
          ],
        },
        factsOf(known),
      ),
    ).toHaveLength(1);
    expect(guardBlocks(undefined, "countdown-coupon", { coupon: { code: "NEW20" } }, factsOf(known))).toEqual([]);
    expect(guardBlocks({ usedCoupons: false }, "countdown-coupon", coupon, factsOf(known))).toEqual([]);
    expect(guardBlocks(false, "countdown-coupon", coupon, factsOf(known))).toEqual([]);
  });

  it("holds back a discount widget on the product page of an item bought within the window (30d by default)", () => {
    const offer = { coupon: { code: "NEW20" } };
    expect(guardBlocks(undefined, "popup", offer, productPage("sku-1"))).toEqual([
      "settings.guards: this customer bought sku-1 5 day(s) ago (within 30d): no discount widget on its product page",
    ]);
    expect(guardBlocks(undefined, "popup", offer, productPage("sku-3"))).toEqual([]); // 40 days ago
    expect(guardBlocks({ boughtWithin: "60d" }, "popup", offer, productPage("sku-3"))).toHaveLength(1);
    expect(guardBlocks({ boughtWithin: false }, "popup", offer, productPage("sku-1"))).toEqual([]);
    expect(guardBlocks(undefined, "popup", { title: "Free shipping over $50" }, productPage("sku-1"))).toEqual([]); // not a discount
    expect(guardBlocks(undefined, "wheel", { segments: [] }, productPage("sku-1"))).toHaveLength(1); // a wheel always is
    expect(guardBlocks(undefined, "popup", { coupon: { pool: "WELCOME" } }, productPage("sku-1"))).toHaveLength(1); // unique codes too
    expect(guardBlocks(undefined, "popup", offer, factsOf(recordEvent(known, "view_item", NOW, ids, { id: "sku-1" })))).toEqual([]); // not a product page
  });

  it("holds nothing back for a visitor with neither a card nor an order", () => {
    const env = { window: undefined, now: () => NOW } as unknown as Env;
    const facts = buildFacts(newProfile("p", NOW), { page: { path: "/", type: "product" } as Facts["page"], pageStart: NOW, isNew: true, currency: "USD" }, env);
    expect(guardBlocks(undefined, "countdown-coupon", coupon, facts)).toEqual([]);
  });
});
