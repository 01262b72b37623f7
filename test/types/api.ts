// Type tests of the public API, as an app that installed nudge-sdk writes it. Every right call
// must compile; every wrong one carries `@ts-expect-error` and the error code it must raise
// (test/package/types.test.ts checks both: an unused `@ts-expect-error` is itself an error, and
// each marked line must fail with its code, not with some other mistake).
import { createNudge, type CartItem, type JsonObject, type Order, type RulesFile } from "nudge-sdk";

const nudge = createNudge({ rules: "/nudge-rules.json" });

// ── cart.add / cart.set / cart.remove: CartItem ──────────────────────────────────────────────
nudge.cart.add({ id: "sku-1", name: "Mug", price: 19.9 });
nudge.cart.add({ id: 42, price: 5, quantity: 2, category: "kitchen" });
const line: CartItem = { id: "sku-2", price: 12 };
nudge.cart.set([line, { id: "sku-3", price: 3, quantity: 4 }]);
nudge.cart.remove("sku-1");
nudge.cart.remove(42);
nudge.cart.clear();
// @ts-expect-error TS2561 a misspelt key ("prise")
nudge.cart.add({ id: 1, prise: "cheap" });
// @ts-expect-error TS2322 a price that is not a number
nudge.cart.add({ id: 1, price: "cheap" });
// @ts-expect-error TS2345 no id
nudge.cart.add({ name: "Mug", price: 19.9 });
// @ts-expect-error TS2345 a bare id instead of an item
nudge.cart.add("sku-1");
// @ts-expect-error TS2322 quantity as a string
nudge.cart.set([{ id: "sku-1", price: 1, quantity: "2" }]);
// @ts-expect-error TS2345 an object instead of an id
nudge.cart.remove({ id: "sku-1" });

// ── purchase: Order ───────────────────────────────────────────────────────────────────────────
nudge.purchase({ id: "1001", value: 59.8 });
nudge.purchase({ id: 1002, value: 20, currency: "EUR", coupon: "SAVE15", items: [{ id: "sku-1", price: 10, quantity: 2 }] });
const order: Order = { id: "1003", value: 0 };
nudge.purchase(order);
// @ts-expect-error TS2322 a value that is not a number
nudge.purchase({ id: "1001", value: "lots" });
// @ts-expect-error TS2345 no value
nudge.purchase({ id: "1001" });
// @ts-expect-error TS2561 a misspelt key ("coupn")
nudge.purchase({ id: "1001", value: 5, coupn: "SAVE15" });
// @ts-expect-error TS2561 an item with a misspelt key
nudge.purchase({ id: "1001", value: 5, items: [{ id: "sku-1", prise: 5 }] });

// ── track(name: string, props?: JsonObject) ───────────────────────────────────────────────────
nudge.track("signup");
nudge.track("signup", { plan: "pro", seats: 3, trial: true, tags: ["a", "b"], address: { city: "Oslo" }, referrer: null, later: undefined });
const props: JsonObject = { plan: "pro" };
nudge.track("signup", props);
type Plan = { plan: string; seats: number };
const plan: Plan = { plan: "pro", seats: 2 };
nudge.track("signup", plan);
// @ts-expect-error TS2345 a name that is not a string
nudge.track(42);
// @ts-expect-error TS2345 no name
nudge.track({ name: "signup" });
// @ts-expect-error TS2322 a function in the props
nudge.track("signup", { callback: () => {} });
// @ts-expect-error TS2322 a Date in the props (not JSON: send the time as a number or an ISO string)
nudge.track("signup", { at: new Date() });
// @ts-expect-error TS2345 props as a string
nudge.track("signup", "pro");

// ── identify(id?, traits?: JsonObject) ────────────────────────────────────────────────────────
nudge.identify();
nudge.identify("user-1");
nudge.identify(1001, { firstName: "Ada", vip: true });
nudge.identify(null, { newsletter: "yes" });
// @ts-expect-error TS2345 traits in the place of the id
nudge.identify({ firstName: "Ada" });
// @ts-expect-error TS2345 traits as a string
nudge.identify("user-1", "Ada");
// @ts-expect-error TS2322 a function among the traits
nudge.identify("user-1", { greet: () => "hi" });

// ── show(id: string, opts?), hide, consent, page, search, viewItem ───────────────────────────
nudge.show("welcome-offer");
nudge.show("welcome-offer", { force: true }).then((shown: boolean) => shown);
nudge.hide();
nudge.hide("welcome-offer");
nudge.consent(true);
nudge.page({ type: "product" });
nudge.search("running shoes");
nudge.viewItem({ id: "sku-1", name: "Mug", price: 19.9, category: "kitchen", brand: "Fernhouse" });
// @ts-expect-error TS2345 a widget object instead of its id
nudge.show({ id: "welcome-offer" });
// @ts-expect-error TS2561 a misspelt option ("forse")
nudge.show("welcome-offer", { forse: true });
// @ts-expect-error TS2345 consent as a string
nudge.consent("yes");
// @ts-expect-error TS2820 a page type that does not exist
nudge.page({ type: "products" });
// @ts-expect-error TS2322 a price that is not a number
nudge.viewItem({ id: "sku-1", price: "19.90" });

// ── on(event, handler): payloads are typed ────────────────────────────────────────────────────
nudge.on("converted", (event) => event.value?.toFixed(2));
nudge.on("lead", (event) => event.fields.email);
// @ts-expect-error TS2345 an event that does not exist
nudge.on("convert", () => {});
// @ts-expect-error TS2339 a payload key the event does not have
nudge.on("shown", (event) => event.value);

// ── rules: string | RulesFile, inline objects checked key by key ─────────────────────────────
createNudge({
  rules: {
    $schema: "https://unpkg.com/nudge-sdk/dist/rules.schema.json",
    version: 1,
    settings: { currency: "EUR", maxPerSession: 2, pageTypes: { product: "^/p/" } },
    segments: { returning: { "visitor.visits": { $gte: 2 } } },
    widgets: [
      {
        id: "exit-coupon",
        type: "popup",
        trigger: { type: "exit_intent", minTimeOnPage: "10s" },
        when: { "cart.count": { $gte: 1 } },
        frequency: { session: 1, cooldown: { afterClosed: "1d" }, stopAfter: ["converted"] },
        schedule: { weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 18 } },
        goal: { event: "purchase", within: "7d" },
        content: { title: "Wait! 10% off", coupon: "SAVE10" },
      },
      { id: "hello", type: "my-custom-widget", trigger: "page_view", variants: [{ id: "a", weight: 1, content: {} }] },
    ],
  },
});
const file: RulesFile = { version: 1, widgets: [] };
createNudge({ rules: file });
const checked = { version: 1, widgets: [{ id: "w", type: "popup", trigger: "exit_intent" }] } satisfies RulesFile;
createNudge({ rules: checked });
// A JSON file imported as a module: TypeScript widens its strings ("version" a number, "trigger" a string), so it goes in `as RulesFile`.
const imported = JSON.parse("{}") as { version: number; widgets: { id: string; type: string; trigger: string }[] };
// @ts-expect-error TS2322 a widened rules object without the cast
createNudge({ rules: imported });
createNudge({ rules: imported as RulesFile });
const lines = [{ id: "sku-1", price: 1 }] as const;
nudge.cart.set(lines);
nudge.purchase({ id: "1004", value: 1, items: lines });
createNudge({
  rules: {
    version: 1,
    widgets: [
      {
        id: "exit-coupon",
        type: "popup",
        // @ts-expect-error TS2561 a misspelt widget key ("trigerr")
        trigerr: "exit_intent",
      },
      // @ts-expect-error TS2820 a trigger that does not exist ("exit-intent" for "exit_intent")
      { id: "a", type: "popup", trigger: "exit-intent" },
      // @ts-expect-error TS2561 a misspelt trigger key ("percnt")
      { id: "b", type: "popup", trigger: { type: "scroll", percnt: 50 } },
      // @ts-expect-error TS2561 a misspelt cap ("sesion")
      { id: "c", type: "popup", frequency: { sesion: 1 } },
      // @ts-expect-error TS2322 a stopAfter reason that does not exist
      { id: "d", type: "popup", frequency: { stopAfter: ["closed"] } },
      // @ts-expect-error TS2741 a widget without its type
      { id: "e" },
    ],
  },
});
createNudge({
  // @ts-expect-error TS2322 a version other than 1
  rules: { version: 2, widgets: [] },
});
createNudge({
  rules: {
    version: 1,
    // @ts-expect-error TS2353 a setting that does not exist ("maxPerVisit")
    settings: { maxPerVisit: 1 },
    widgets: [],
  },
});
// @ts-expect-error TS2561 a misspelt option ("rule")
createNudge({ rule: "/nudge-rules.json" });
