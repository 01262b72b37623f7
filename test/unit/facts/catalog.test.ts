import { describe, expect, it } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { buildFacts } from "../../../src/profile/build-facts.js";
import { newProfile, recordEvent, recordPageView } from "../../../src/profile/profile.js";
import { readPage } from "../../../src/track/page.js";
import { applyCustomer } from "../../../src/profile/customer-facts.js";
import { BUILTIN_EVENTS, elementFacts, FACTS, findFact } from "../../../src/rules/facts-catalog.js";

/** A visitor who did a bit of everything, so every branch of the facts document is filled in. */
function richFacts() {
  const window = {
    navigator: { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1", language: "en-US" },
    innerWidth: 390,
    innerHeight: 844,
    location: new URL("https://shop.example/p/1?utm_source=google&utm_medium=cpc&utm_campaign=x&utm_term=t&utm_content=c&q=1"),
  };
  const env = { window, document: { title: "t", referrer: "" }, now: () => 1_764_000_000_000 } as unknown as Env;
  let profile = newProfile("p", 1_763_000_000_000);
  const ids = () => "s";
  profile = recordPageView(profile, 1_763_000_000_000, ids, { channel: "search", source: "google", medium: "cpc", campaign: "x" });
  profile = recordEvent(profile, "view_item", 1_763_000_000_001, ids, { id: "sku-1", name: "Socks", price: 9.9, category: "socks" });
  profile = {
    ...profile,
    userId: "u",
    cart: [{ id: "sku-1", name: "Socks", price: 9.9, quantity: 2, category: "socks", image: "https://shop.example/s.jpg" }],
    orders: { count: 1, total: 59.8, last: { id: "1001", value: 59.8, time: 1_763_500_000_000 } },
    attributes: { plan: "pro" },
    customer: {
      loaded: 1_763_900_000_000,
      card: {
        id: "u",
        orders: { count: 2, total: 90, last: { id: "1001", value: 59.8, time: 1_763_500_000_000 }, first: 1_760_000_000_000 },
        orderIds: ["1001", "900"],
        averageOrder: 45,
        favouriteCategories: ["socks"],
        favouriteItems: ["sku-1"],
        bought: { "sku-1": 1_763_500_000_000 },
        couponsUsed: ["WELCOME10"],
        birthday: "1990-02-28",
      },
    },
    widgets: {
      welcome: { shown: 1, lastShown: 1, closed: 1, lastClosed: 1, dismissed: 1, lastDismissed: 1, converted: 0, lastConverted: 0, variant: "a", state: { deadline: 5 } },
    },
  } as typeof profile;
  const facts = buildFacts(profile, { page: readPage(env), pageStart: 0, isNew: false, currency: "USD", segments: ["s"] }, env);
  applyCustomer(facts, profile, undefined, env.now());
  return { ...facts, consent: { storage: true, personalization: true, measurement: true } };
}

/** Every path down to a leaf (arrays are leaves: their elements are `[]` entries). */
function leafPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe("the facts catalog", () => {
  it("has every path once", () => {
    const paths = FACTS.map((f) => f.path);
    expect(paths.length).toBe(new Set(paths).size);
  });

  it("describes every path the facts document really has", () => {
    const missing = leafPaths(richFacts()).filter((path) => !findFact(path));
    expect(missing).toEqual([]);
  });

  it("names every field of a cart line", () => {
    const line = richFacts().cart.items[0];
    expect(Object.keys(line).filter((key) => !elementFacts("cart.items")[key])).toEqual([]);
  });

  it("gives each leaf the type the facts really have", () => {
    const facts = richFacts();
    for (const path of leafPaths(facts)) {
      const { entry } = findFact(path)!;
      const value = path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], facts);
      if (value === null || entry.type === "object" || entry.type === "any") continue;
      const actual = Array.isArray(value) ? (value.every((v) => typeof v === "string") && entry.type === "string[]" ? "string[]" : "array") : typeof value;
      const expected = entry.type === "timestamp" ? "number" : entry.type;
      expect([path, actual]).toEqual([path, expected]);
      if (entry.values) expect(entry.values).toContain(value);
    }
  });

  it("resolves wildcards and leaves unknown paths unknown", () => {
    expect(findFact("widgets.welcome.lastShown")?.wildcards).toEqual({ id: "welcome" });
    expect(findFact("attributes.plan")?.entry.path).toBe("attributes.<trait>");
    expect(findFact("page.utm.campain")).toBeUndefined();
    expect(findFact("visitor.visit")).toBeUndefined();
  });

  it("every entry has a one-line description and an example, and every built-in event is described", () => {
    for (const f of FACTS) expect([f.path, f.description.length > 5 && !f.description.includes("\n"), f.example !== undefined]).toEqual([f.path, true, true]);
    expect(BUILTIN_EVENTS.map((e) => e.name)).toContain("purchase");
  });
});
