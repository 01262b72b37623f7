import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, on, onScreen, rulesOf, settle, start, warnings } from "./harness.js";

afterEach(() => {
  cleanup();
  // In case a test failed to keep the prototype clean, do not leak into the next one.
  for (const key of ["polluted", "polluted2", "hacked"]) delete (Object.prototype as Record<string, unknown>)[key];
});

const welcome = rulesOf([{ id: "welcome", type: "popup", content: { title: "Hello" } }]);

describe("API misuse never throws and warns once, naming the argument", () => {
  const misuses: Array<[string, (n: ReturnType<typeof start>["nudge"]) => unknown, RegExp]> = [
    ["track()", (n) => (n.track as (...a: unknown[]) => void)(), /track\(\): the event name must be a non-empty string, got undefined/],
    ["track(42)", (n) => n.track(42 as never), /track\(\): the event name must be a non-empty string, got number/],
    ['track("__proto__")', (n) => n.track("__proto__"), /track\(\): "__proto__" is not allowed as an event name/],
    ['track("x", "props")', (n) => n.track("x", "props"), /track\(\) props: expected an object, got "props"/],
    ['cart.add("x")', (n) => n.cart.add("x"), /cart\.add\(\): expected an item object/],
    ["cart.add({ id: 1, price: -1 })", (n) => n.cart.add({ id: 1, price: -1 }), /cart\.add\(\): item\.price must be a number ≥ 0/],
    ["cart.add({ price: 1 })", (n) => n.cart.add({ price: 1 }), /cart\.add\(\): item\.id must be/],
    ["cart.add({ id: 'a', quantity: 0.5 })", (n) => n.cart.add({ id: "a", quantity: 0.5 }), /cart\.add\(\): item\.quantity must be a whole number/],
    ["cart.set(null)", (n) => n.cart.set(null), /cart\.set\(\): expected an array/],
    ["cart.set([{ id: 'a' }, 5])", (n) => n.cart.set([{ id: "a" }, 5]), /cart\.set\(\) items\[1\]: expected an item object/],
    ["purchase(null)", (n) => n.purchase(null), /purchase\(\): expected an order object/],
    ["purchase({ id: 'o', value: 'lots' })", (n) => n.purchase({ id: "o", value: "lots" }), /purchase\(\): order\.value must be a number/],
    ['on("shown", 5)', (n) => n.on("shown", 5 as never), /on\("shown"\): the handler must be a function/],
    ['push("nope")', (n) => n.push("nope"), /push\(\): expected \["method", \.\.\.arguments\] or a function/],
    ['push(["nope"])', (n) => n.push(["nope"]), /push\(\): unknown command "nope"/],
    ['push(["destroy"])', (n) => n.push(["destroy"]), /push\(\): unknown command "destroy"/],
    ["consent('yes')", (n) => n.consent("yes"), /consent\(\): expected true, false or \{ storage\?, personalization\?, measurement\? \}/],
    ["consent({ ads: true })", (n) => n.consent({ ads: true } as never), /consent\(\): expected .*; check "ads"/],
    ["consent({ storage: 'yes' })", (n) => n.consent({ storage: "yes" } as never), /consent\(\): expected .*; check "storage"/],
    ["show({})", (n) => n.show({}), /show\(\): expected a non-empty string id/],
    ["identify('u', [1])", (n) => n.identify("u", [1]), /identify\(\) traits: expected an object, got an array/],
    ['registerWidget("x", 1)', (n) => n.registerWidget("x", 1 as never), /registerWidget\("x"\): expected \{ component/],
  ];

  it.each(misuses)("%s", async (_name, call, message) => {
    const h = start(welcome);
    await h.nudge.ready;
    expect(() => call(h.nudge)).not.toThrow();
    expect(() => call(h.nudge)).not.toThrow();
    const matching = warnings(h).filter((w) => message.test(w));
    expect(matching).toHaveLength(1);
    expect(h.problems.filter((p) => message.test(p.message))).toHaveLength(1);
    expect(h.console.error).not.toHaveBeenCalled();
  });

  it("different misuses warn separately, and valid calls around them still work", async () => {
    const h = start(welcome);
    await h.nudge.ready;
    h.nudge.track(1 as never);
    h.nudge.track("ok");
    h.nudge.track(2 as never);
    h.nudge.cart.add({ id: "fine", price: 1 });
    expect(warnings(h)).toHaveLength(1); // "got number" both times: one message
    h.nudge.track(null as never);
    expect(warnings(h)).toHaveLength(2);
    expect(h.nudge.facts().events.ok.count).toBe(1);
    expect(h.nudge.facts().cart.count).toBe(1);
  });

  it("misuse before ready warns at once and does not block the queue", async () => {
    const h = start(welcome);
    h.nudge.track(42 as never);
    h.nudge.track("queued");
    expect(warnings(h).some((w) => w.includes("track()"))).toBe(true);
    await h.nudge.ready;
    expect(h.nudge.facts().events.queued.count).toBe(1);
  });

  it("on() with a bad handler returns a callable unsubscribe", async () => {
    const h = start(welcome);
    const off = h.nudge.on("shown", null as never);
    expect(typeof off).toBe("function");
    expect(() => off()).not.toThrow();
  });
});

describe("hostile props", () => {
  it("__proto__/constructor keys, huge and deep props, and cycles never pollute Object.prototype", async () => {
    const h = start(welcome);
    await h.nudge.ready;
    const tracked: Array<Record<string, unknown>> = [];
    on(h.nudge, "track", (e) => void tracked.push(e.props));

    const evil = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted2": "yes"}}, "ok": 1}');
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    const huge: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) huge[`k${i}`] = "x".repeat(10);
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;

    expect(() => {
      h.nudge.track("evil", evil);
      h.nudge.track("deep", deep);
      h.nudge.track("huge", huge);
      h.nudge.track("cyclic", cyclic);
      h.nudge.track("long", { text: "y".repeat(1_000_000) });
      h.nudge.identify("u", evil);
      h.nudge.identify("u", JSON.parse('{"__proto__": {"hacked": true}}'));
      h.nudge.purchase({ id: "constructor", value: 1, items: [JSON.parse('{"id": "a", "__proto__": {"polluted": 2}}')] }); // before the cart.add: a purchase empties the cart
      h.nudge.cart.add({ id: "__proto__", price: 1, ...JSON.parse('{"__proto__": {"polluted": 1}}') });
      h.nudge.push(["track", "hasOwnProperty", evil]);
      h.nudge.track("toString");
    }).not.toThrow();
    await settle();

    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.polluted2).toBeUndefined();
    expect(probe.hacked).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);

    const [evilProps, deepProps, hugeProps, cyclicProps, longProps] = tracked;
    expect(Object.keys(evilProps)).toEqual(["ok"]);
    expect(Object.getPrototypeOf(evilProps)).toBe(Object.prototype);
    expect(Object.keys(hugeProps).length).toBeLessThanOrEqual(100);
    let depth = 0;
    for (let node: unknown = deepProps; node && typeof node === "object"; node = (node as Record<string, unknown>).next) depth++;
    expect(depth).toBeLessThanOrEqual(7);
    expect(cyclicProps.name).toBe("loop");
    expect((longProps.text as string).length).toBeLessThanOrEqual(2000);

    const facts = h.nudge.facts();
    expect(Object.keys(facts.attributes)).toEqual(["ok"]);
    expect(Object.getOwnPropertyDescriptor(facts.events, "hasOwnProperty")?.value).toMatchObject({ count: 1 });
    expect(Object.getOwnPropertyDescriptor(facts.events, "toString")?.value).toMatchObject({ count: 1 });
    expect(facts.cart.items.map((i) => i.id)).toEqual(["__proto__"]);
    expect(() => JSON.stringify(facts)).not.toThrow();
  });
});

describe("listeners", () => {
  it("a throwing on('shown') listener does not stop the others, and is reported", async () => {
    const h = start(welcome, { trackPageViews: false });
    const seen: string[] = [];
    h.nudge.on("shown", () => {
      throw new Error("listener boom");
    });
    on(h.nudge, "shown", (e) => void seen.push(e.id));
    h.nudge.page(); // with trackPageViews: false, the site reports the landing page itself
    await expect(h.nudge.ready).resolves.toBeUndefined();
    expect(seen).toEqual(["welcome"]);
    expect(onScreen()).toEqual(["welcome"]);
    expect(h.problems.some((p) => p.where === 'on("shown") listener' && p.message === "listener boom")).toBe(true);
  });

  it("a throwing on('error') listener is logged, not looped", async () => {
    const h = start(welcome);
    const second = vi.fn();
    h.nudge.on("error", () => {
      throw new Error("error listener boom");
    });
    h.nudge.on("error", second);
    expect(() => h.nudge.track(5 as never)).not.toThrow();
    expect(second).toHaveBeenCalledTimes(1);
    expect(h.console.error).toHaveBeenCalledWith('[nudge] an on("error") listener threw', expect.any(Error));
  });

  it("on() returns an unsubscribe function", async () => {
    const h = start(welcome);
    const seen = vi.fn();
    const off = h.nudge.on("track", seen);
    await h.nudge.ready;
    h.nudge.track("one");
    off();
    h.nudge.track("two");
    expect(seen.mock.calls.map(([e]) => (e as { name: string }).name)).toEqual(["one"]);
  });
});

describe("push() and calls before ready", () => {
  it('push(["cart.add", item]), push(["track", …]) and push(fn) work', async () => {
    const h = start(welcome);
    await h.nudge.ready;
    h.nudge.push(["cart.add", { id: "sku-1", price: 19.9 }]);
    h.nudge.push(["track", "signup", { plan: "pro" }]);
    h.nudge.push(["identify", "u-7", { tier: "gold" }]);
    let received: unknown;
    h.nudge.push((instance: unknown) => {
      received = instance;
    });
    expect(received).toBe(h.nudge);
    const facts = h.nudge.facts();
    expect(facts.cart.items).toEqual([{ id: "sku-1", price: 19.9, quantity: 1 }]);
    expect(facts.events.signup.count).toBe(1);
    expect(facts.visitor.id).toBe("u-7");
    expect(facts.attributes).toEqual({ tier: "gold" });
    expect(warnings(h)).toEqual([]);
  });

  it("a push(fn) that throws is reported, not thrown", async () => {
    const h = start(welcome);
    expect(() =>
      h.nudge.push(() => {
        throw new Error("callback boom");
      }),
    ).not.toThrow();
    expect(h.problems.some((p) => p.where === "push()" && p.message === "callback boom")).toBe(true);
  });

  it("calls made before ready apply in order after it", async () => {
    const h = start(welcome);
    const order: string[] = [];
    on(h.nudge, "track", (e) => void order.push(e.name));
    // A second, different id starts a fresh profile (another person): identify first, then the cart.
    h.nudge.identify("first", { n: 1 });
    h.nudge.identify("second", { n: 2 });
    h.nudge.cart.add({ id: "a", price: 1 });
    h.nudge.cart.add({ id: "a", price: 1, quantity: 2 });
    h.nudge.cart.remove("a");
    h.nudge.cart.add({ id: "b", price: 4 });
    h.nudge.push(["track", "queued"]);
    h.nudge.purchase({ id: "o1", value: 4 });
    expect(order).toEqual([]); // nothing applied yet
    await h.nudge.ready;
    expect(order).toEqual(["add_to_cart", "add_to_cart", "remove_from_cart", "add_to_cart", "queued", "purchase"]);
    const facts = h.nudge.facts();
    expect(facts.cart.items).toEqual([]); // the purchase emptied it
    expect(facts.visitor.id).toBe("second");
    expect(facts.attributes).toEqual({ n: 2 });
    expect(facts.orders.count).toBe(1);
  });
});

describe("purchase()", () => {
  it("empties the cart, so an abandoned-cart widget does not show after the order", async () => {
    const abandoned = rulesOf([{ id: "come-back", type: "popup", when: { "cart.count": { $gte: 1 } }, content: { title: "Your cart misses you" } }]);
    const h = start(abandoned);
    await h.nudge.ready;
    h.nudge.cart.add({ id: "mug", price: 19.9, quantity: 2 });
    expect(h.nudge.facts().cart.count).toBe(2);
    h.nudge.purchase({ id: "1001", value: 39.8, items: [{ id: "mug", price: 19.9, quantity: 2 }] });
    const facts = h.nudge.facts();
    expect(facts.cart).toMatchObject({ count: 0, value: 0, items: [] });
    expect(facts.orders.count).toBe(1);
    expect((await h.nudge.explain("come-back"))[0].blockedBy.join(" ")).toContain("when:");
  });
});

describe("destroy()", () => {
  it("removes the widget, restores history.pushState and ignores later calls", async () => {
    const original = history.pushState;
    const h = start(welcome);
    await h.nudge.ready;
    expect(history.pushState).not.toBe(original);
    expect(onScreen()).toEqual(["welcome"]);
    h.nudge.destroy();
    await settle();
    expect(history.pushState).toBe(original);
    expect(document.querySelector("nudge-root")).toBeNull();
    expect(() => h.nudge.track("late")).not.toThrow();
    expect(h.nudge.facts().events.late).toBeUndefined();
  });

  // Regression test (bug found and fixed): src/core/create-nudge.ts start() (lines ~167-179): destroy() called before `ready` runs the
  // cleanups while the list is still empty; start() then carries on and installs watchNavigation
  // (wrapping history.pushState) and the pagehide/visibilitychange listeners, which nothing removes.
  // Input: createNudge(...); destroy(); await ready. Expected: history.pushState is the original
  // function. Got: Nudge's wrapper stays installed forever, and later navigations still update the profile.
  it("destroy() before ready leaves no history wrapper behind", async () => {
    const original = history.pushState;
    const h = start(welcome);
    h.nudge.destroy();
    await h.nudge.ready;
    await settle();
    expect(history.pushState).toBe(original);
  });
});
