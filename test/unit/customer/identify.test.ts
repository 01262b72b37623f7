import { afterEach, describe, expect, it, vi } from "vitest";
import type { CustomerCard } from "../../../src/profile/customer-card.js";
import { cleanup, onScreen, rulesOf, settle, start, warnings } from "../runtime/harness.js";

afterEach(cleanup);

const CARD: CustomerCard = {
  id: "c-1",
  orders: { count: 3, total: 160, last: { id: "1003", value: 29.5, time: Date.now() - 86_400_000 } },
  orderIds: ["1003", "1002", "1001"],
  averageOrder: 53.33,
  favouriteCategories: ["shoes"],
  favouriteItems: ["sku-1"],
  bought: {},
  couponsUsed: ["WELCOME10"],
  birthday: null,
};

const vip = { id: "vip", type: "banner", trigger: "page_view", when: { "customer.averageOrder": { $gte: 50 } }, content: { title: "For our best customers" } };
const welcome = { id: "welcome", type: "banner", trigger: "page_view", content: { title: "Welcome", coupon: { code: "WELCOME10" } } };

function shop(answer: (token: string) => { status: number; body: unknown }) {
  return vi.fn(async (_url: string, init?: RequestInit) => {
    const token = String((init?.headers as Record<string, string> | undefined)?.authorization).replace("Bearer ", "");
    const { status, body } = answer(token);
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
}

describe("identify(id, traits, { token })", () => {
  it("loads the card from settings.collector/customer: the facts show it, a widget targeted at it shows, a used code is held back", async () => {
    const fetch = shop((token) => (token === "a.b.c" ? { status: 200, body: CARD } : { status: 401, body: { error: "bad signature" } }));
    const h = start(rulesOf([vip, welcome], { collector: "https://collect.shop.example/" }), { env: { fetch: fetch as never } });
    h.nudge.identify("c-1", { firstName: "Ann" }, { token: "a.b.c" });
    await h.nudge.ready;
    await vi.waitFor(() => expect(onScreen()).toContain("vip"));
    expect(fetch).toHaveBeenCalledWith("https://collect.shop.example/customer", expect.objectContaining({ headers: { authorization: "Bearer a.b.c" } }));
    expect(h.nudge.facts().customer).toMatchObject({ known: true, averageOrder: 53.33, couponsUsed: ["WELCOME10"] });
    expect(h.nudge.facts().orders.count).toBe(3);
    expect(onScreen()).not.toContain("welcome");
    expect(h.nudge.explain("welcome")[0].blockedBy).toContain("settings.guards: this customer already used the code WELCOME10");
    // Stored in the profile: forget() erases it with everything else.
    await h.nudge.forget();
    expect(h.nudge.facts().customer).toBeUndefined();
  });

  it("a bad token loads nothing; the console and explain() say why", async () => {
    const fetch = shop(() => ({ status: 401, body: { error: "the token expired at 2026-12-06T11:00:00.000Z" } }));
    const h = start(rulesOf([vip], { customer: "/api/nudge-customer" }), { env: { fetch: fetch as never } });
    h.nudge.identify("c-1", {}, { token: "x.y.z" });
    await h.nudge.ready;
    await vi.waitFor(() => expect(warnings(h).join("\n")).toContain("customer card not loaded"));
    expect(fetch.mock.calls[0][0]).toBe("/api/nudge-customer");
    expect(h.nudge.facts().customer).toBeUndefined();
    const [explained] = h.nudge.explain("vip");
    expect(explained.wouldShow).toBe(false);
    expect(explained.blockedBy).toContain("customer card not loaded: /api/nudge-customer answered 401: the token expired at 2026-12-06T11:00:00.000Z");
  });

  it("a card for another customer than identify() named is refused; a rules file without a collector says so", async () => {
    const h = start(rulesOf([vip], { collector: "https://c.example" }), { env: { fetch: shop(() => ({ status: 200, body: { ...CARD, id: "c-2" } })) as never } });
    h.nudge.identify("c-1", {}, { token: "a.b.c" });
    await h.nudge.ready;
    await vi.waitFor(() => expect(warnings(h).join("\n")).toContain('the token is for customer "c-2", identify() named "c-1"'));
    expect(h.nudge.facts().customer).toBeUndefined();

    const bare = start(rulesOf([vip]));
    bare.nudge.identify("c-1", {}, { token: "a.b.c" });
    await bare.nudge.ready;
    await settle();
    expect(warnings(bare).join("\n")).toContain("the rules file has no settings.collector (or settings.customer)");
  });

  it("without personalization consent the card is not fetched", async () => {
    const fetch = shop(() => ({ status: 200, body: CARD }));
    const h = start(rulesOf([vip], { collector: "https://c.example" }), { consent: "required", env: { fetch: fetch as never } });
    h.nudge.identify("c-1", {}, { token: "a.b.c" });
    await h.nudge.ready;
    await settle();
    expect(fetch).not.toHaveBeenCalled();
    expect(warnings(h).join("\n")).toContain("consent: personalization not granted");
  });

  it("keeps the old forms and names a wrong token", async () => {
    const h = start(rulesOf([]));
    h.nudge.identify("c-1");
    h.nudge.identify("c-1", { plan: "pro" });
    h.nudge.identify("c-1", {}, { token: 42 as never });
    await h.nudge.ready;
    expect(h.nudge.facts().attributes).toEqual({ plan: "pro" });
    expect(warnings(h).join("\n")).toContain("identify() options.token: expected the JWT your server signed");
  });
});
