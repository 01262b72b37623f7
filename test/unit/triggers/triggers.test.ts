import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { armTriggers, compileTrigger, type PageTriggers, type Triggerable } from "../../../src/decide/triggers/index.js";
import type { Trigger } from "../../../src/rules/schema/trigger-schema.js";
import { siteClock, TIME_ON_SITE_KEY } from "../../../src/track/signals/time-on-site.js";
import { fakeEnv, mouse, nextFrame, pageHeight, scrollTo, setVisibility } from "./fake-env.js";

let fake: ReturnType<typeof fakeEnv>;
let triggers: PageTriggers | undefined;
let fired: string[];

const widget = (trigger: Trigger, id = "w"): Triggerable => ({ id, trigger: compileTrigger(trigger) });

/** Arms the given widgets' triggers and waits until the page-signal ones are armed too. */
async function arm(...widgets: Triggerable[]) {
  triggers = armTriggers(widgets, { env: fake.env, fire: (id) => fired.push(id) });
  await triggers.ready;
  return triggers;
}

beforeEach(() => {
  fake = fakeEnv();
  fired = [];
  document.body.innerHTML = "";
  sessionStorage.clear();
  pageHeight(3000); // the viewport is 768 px: the page scrolls 2232 px
  scrollTo(0);
});
afterEach(() => {
  triggers?.dispose();
  triggers = undefined;
  siteClock(fake.env).stop(); // the page's clock (started by a time_on_site trigger when no runtime did): the next test is a new page
  vi.restoreAllMocks();
  setVisibility("visible");
});

describe("compileTrigger", () => {
  it.each<[Trigger | undefined, object]>([
    [undefined, { kind: "page_view", afterMs: 0 }],
    ["exit_intent", { kind: "exit_intent", afterMs: 0 }],
    [
      { type: "scroll", percent: 50 },
      { kind: "scroll", afterMs: 0, percent: 50 },
    ],
    [
      { type: "scroll", px: 800 },
      { kind: "scroll", afterMs: 0, px: 800 },
    ],
    [
      { type: "exit_intent", sensitivity: 10, minTimeOnPage: "3s", mobile: false },
      { kind: "exit_intent", afterMs: 3000, sensitivity: 10, mobile: false },
    ],
    [
      { type: "inactivity", after: "30s" },
      { kind: "inactivity", afterMs: 30_000 },
    ],
    [
      { type: "time_on_site", after: "2m" },
      { kind: "time_on_site", afterMs: 120_000 },
    ],
    [
      { type: "click", selector: "#buy" },
      { kind: "click", afterMs: 0, selector: "#buy" },
    ],
    [
      { type: "visible", selector: ".card", threshold: 0.25 },
      { kind: "visible", afterMs: 0, selector: ".card", threshold: 0.25 },
    ],
    [
      { type: "form_submit", selector: "form" },
      { kind: "form_submit", afterMs: 0, selector: "form" },
    ],
    [
      { type: "event", name: "purchase" },
      { kind: "event", afterMs: 0, name: "purchase" },
    ],
  ])("%j → %j", (trigger, expected) => {
    expect(compileTrigger(trigger)).toEqual(expected);
  });

  it("compiles an event's `where` into a function over { props }", () => {
    const compiled = compileTrigger({ type: "event", name: "add_to_cart", where: { "props.price": { $gte: 50 } } });
    expect(compiled.kind === "event" && compiled.where?.({ props: { price: 60 } })).toBe(true);
    expect(compiled.kind === "event" && compiled.where?.({ props: { price: 40 } })).toBe(false);
  });
});

describe("page_view, delay, manual", () => {
  it("page_view fires at once; delay after its time; manual never", async () => {
    const t = await arm(widget("page_view", "now"), widget({ type: "delay", after: "6s" }, "later"), widget("manual", "never"));
    expect(fired).toEqual(["now"]);
    fake.advance(5999);
    expect(t.awaiting(widget({ type: "delay", after: "6s" }, "later"))).toBe("trigger: delay, 1s left on this page");
    fake.advance(1);
    expect(fired).toEqual(["now", "later"]);
    fake.advance(3_600_000);
    expect(fired).toEqual(["now", "later"]);
    expect(t.awaiting(widget("manual", "never"))).toBe("trigger: manual, waits for show()");
    expect(t.awaiting(widget("page_view", "now"))).toBe("trigger: page_view, waits for the next page view");
    expect(t.reason("later")).toBe("delay elapsed");
  });

  it("a disposed page's delay never fires", async () => {
    const t = await arm(widget({ type: "delay", after: "6s" }));
    t.dispose();
    fake.advance(10_000);
    expect(fired).toEqual([]);
    expect(fake.pending()).toBe(0);
  });
});

describe("event", () => {
  const cart = widget({ type: "event", name: "add_to_cart", where: { "props.price": { $gte: 50 } } });

  it("fires for that event when its condition holds, once per page view", async () => {
    const t = await arm(cart);
    expect(t.awaiting(cart)).toBe('trigger: event, waiting for "add_to_cart" with {"props.price":{"$gte":50}}');
    t.event("purchase", { price: 100 });
    t.event("add_to_cart", { price: 20 });
    t.event("add_to_cart", {});
    expect(fired).toEqual([]);
    t.event("add_to_cart", { price: 50 });
    t.event("add_to_cart", { price: 70 });
    expect(fired).toEqual(["w"]);
    expect(t.awaiting(cart)).toBe('trigger: event, fired on this page ("add_to_cart" event); waits for the next page view');
  });

  it("without `where`, any event of that name; custom names too", async () => {
    const t = await arm(widget({ type: "event", name: "quiz_done" }));
    expect(t.awaiting(widget({ type: "event", name: "quiz_done" }))).toBe('trigger: event, waiting for "quiz_done"');
    t.event("quiz_done", {});
    expect(fired).toEqual(["w"]);
  });

  it("is re-armed by the next page view", async () => {
    (await arm(cart)).event("add_to_cart", { price: 60 });
    triggers!.dispose();
    const next = await arm(cart);
    next.event("add_to_cart", { price: 60 });
    expect(fired).toEqual(["w", "w"]);
  });
});

describe("scroll", () => {
  it("percent: fires once the page is scrolled that far, and says how far it is", async () => {
    const half = widget({ type: "scroll", percent: 50 });
    const t = await arm(half);
    scrollTo(268); // 12 %
    await nextFrame();
    expect(fired).toEqual([]);
    expect(t.awaiting(half)).toBe("trigger: scroll, 50% not reached (at 12%)");
    scrollTo(1116); // 50 %
    await nextFrame();
    expect(fired).toEqual(["w"]);
    scrollTo(2000);
    await nextFrame();
    expect(fired).toEqual(["w"]);
  });

  it("px: fires at that many pixels", async () => {
    const t = await arm(widget({ type: "scroll", px: 800 }));
    scrollTo(799);
    await nextFrame();
    expect(t.awaiting(widget({ type: "scroll", px: 800 }))).toBe("trigger: scroll, 800px not reached (at 799px)");
    scrollTo(800);
    await nextFrame();
    expect(fired).toEqual(["w"]);
  });

  it("a page already scrolled far enough when armed counts", async () => {
    scrollTo(1500);
    await arm(widget({ type: "scroll", percent: 50 }));
    expect(fired).toEqual(["w"]);
  });

  it("a page too short to scroll that far never fires, and says so", async () => {
    pageHeight(1000); // scrolls 232 px
    const px = widget({ type: "scroll", px: 800 }, "px");
    const percent = widget({ type: "scroll", percent: 10 }, "percent");
    pageHeight(700); // cannot scroll at all
    const t = await arm(px, percent);
    scrollTo(0);
    await nextFrame();
    expect(fired).toEqual([]);
    expect(t.awaiting(px)).toBe("trigger: scroll, 800px not reached (at 0px; the page scrolls only 0px)");
    expect(t.awaiting(percent)).toBe("trigger: scroll, 10% not reached (at 0%; the page does not scroll)");
  });
});

describe("exit_intent through armTriggers", () => {
  it("fires on a fast exit through the top after minTimeOnPage, and keeps the reason", async () => {
    const exit = widget({ type: "exit_intent", minTimeOnPage: "3s" });
    const t = await arm(exit);
    expect(t.awaiting(exit)).toBe("trigger: exit_intent, waiting (desktop: pointer leaving through the top); armed in 3s");
    fake.advance(3000);
    expect(t.awaiting(exit)).toBe("trigger: exit_intent, waiting (desktop: pointer leaving through the top)");
    for (const y of [300, 100, 4]) {
      mouse("mousemove", y);
      fake.advance(16);
    }
    mouse("mouseout", -5);
    expect(fired).toEqual(["w"]);
    expect(t.reason("w")).toBe("pointer left through the top");
    expect(t.awaiting(exit)).toBe("trigger: exit_intent, fired on this page (pointer left through the top); waits for the next page view");
  });
});

describe("inactivity", () => {
  it("fires after that long without input; any input starts the wait over", async () => {
    const idle = widget({ type: "inactivity", after: "30s" });
    const t = await arm(idle);
    fake.advance(20_000);
    expect(t.awaiting(idle)).toBe("trigger: inactivity, 30s without input not reached (idle 20s)");
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    fake.advance(20_000);
    mouse("mousemove", 300);
    fake.advance(29_000);
    window.dispatchEvent(new Event("scroll"));
    fake.advance(29_999);
    expect(fired).toEqual([]);
    fake.advance(1);
    expect(fired).toEqual(["w"]);
  });
});

describe("time_on_site", () => {
  const twoMinutes = widget({ type: "time_on_site", after: "2m" });

  it("adds up visible time across the pages of the session (sessionStorage)", async () => {
    sessionStorage.setItem(TIME_ON_SITE_KEY, "100000");
    const t = await arm(twoMinutes);
    fake.advance(10_000);
    expect(t.awaiting(twoMinutes)).toBe("trigger: time_on_site, 2m not reached (at 110s this session)");
    fake.advance(10_000);
    expect(fired).toEqual(["w"]);
  });

  it("counts only while the page is visible, and saves the total for the next page", async () => {
    const t = await arm(twoMinutes);
    fake.advance(60_000);
    setVisibility("hidden");
    expect(sessionStorage.getItem(TIME_ON_SITE_KEY)).toBe("60000");
    fake.advance(600_000);
    expect(fired).toEqual([]);
    expect(t.awaiting(twoMinutes)).toBe("trigger: time_on_site, 2m not reached (at 1m this session, paused while the tab is hidden)");
    setVisibility("visible");
    fake.advance(20_000);
    t.dispose(); // a single-page-app navigation: the next page view goes on with the same clock
    await arm(twoMinutes);
    fake.advance(10_000);
    siteClock(fake.env).stop(); // a full page load: the total is saved…
    expect(sessionStorage.getItem(TIME_ON_SITE_KEY)).toBe("90000");
    triggers!.dispose();
    await arm(twoMinutes); // …and the next page's clock starts from it
    fake.advance(29_999);
    expect(fired).toEqual([]);
    fake.advance(1);
    expect(fired).toEqual(["w"]);
  });

  it("without sessionStorage (blocked or full) counts this page's time and throws nothing", async () => {
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new Error("SecurityError");
    });
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new Error("QuotaExceededError");
    });
    await arm(twoMinutes);
    fake.advance(119_000);
    setVisibility("hidden");
    setVisibility("visible");
    expect(fired).toEqual([]);
    fake.advance(1_000);
    expect(fired).toEqual(["w"]);
  });

  it("two widgets share one clock: time is not counted twice", async () => {
    await arm(twoMinutes, widget({ type: "time_on_site", after: "1m" }, "one"));
    fake.advance(60_000);
    expect(fired).toEqual(["one"]);
    setVisibility("hidden");
    expect(sessionStorage.getItem(TIME_ON_SITE_KEY)).toBe("60000");
  });

  it("reads the clock the runtime started (the one visitor.secondsOnSite reads), and leaves it running when disarmed", async () => {
    const clock = siteClock(fake.env);
    fake.advance(100_000);
    const t = await arm(twoMinutes);
    expect(siteClock(fake.env)).toBe(clock);
    expect(t.awaiting(twoMinutes)).toBe("trigger: time_on_site, 2m not reached (at 100s this session)");
    t.dispose();
    fake.advance(5_000);
    expect(clock.total()).toBe(105_000);
    await arm(twoMinutes);
    fake.advance(15_000);
    expect(fired).toEqual(["w"]);
  });
});

describe("click and form_submit", () => {
  it("a click on, or inside, a matching element fires, elements added later included", async () => {
    const click = widget({ type: "click", selector: "#add-to-cart" });
    const t = await arm(click);
    expect(t.awaiting(click)).toBe('trigger: click, waiting for a click on "#add-to-cart" (0 matching on this page)');
    document.body.innerHTML = '<p id="other">x</p><button id="add-to-cart"><span>Add</span></button>';
    document.getElementById("other")!.click();
    expect(fired).toEqual([]);
    expect(t.awaiting(click)).toBe('trigger: click, waiting for a click on "#add-to-cart" (1 matching on this page)');
    document.querySelector("#add-to-cart span")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(fired).toEqual(["w"]);
    document.getElementById("add-to-cart")!.click();
    expect(fired).toEqual(["w"]);
  });

  it("sees the click even when the page stops its propagation (capture phase)", async () => {
    document.body.innerHTML = '<button id="buy">Buy</button>';
    document.getElementById("buy")!.addEventListener("click", (event) => event.stopPropagation());
    await arm(widget({ type: "click", selector: "#buy" }));
    document.getElementById("buy")!.click();
    expect(fired).toEqual(["w"]);
  });

  it("an invalid selector never matches and never throws", async () => {
    await arm(widget({ type: "click", selector: "#[" }));
    document.body.innerHTML = "<button>x</button>";
    expect(() => document.querySelector("button")!.click()).not.toThrow();
    expect(fired).toEqual([]);
  });

  it("form_submit fires on a submit from a matching form", async () => {
    document.body.innerHTML = '<form id="search"></form><form id="checkout-form"><button>Pay</button></form>';
    const t = await arm(widget({ type: "form_submit", selector: "#checkout-form" }));
    document.getElementById("search")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    expect(fired).toEqual([]);
    expect(t.awaiting(widget({ type: "form_submit", selector: "#checkout-form" }))).toBe(
      'trigger: form_submit, waiting for a submit on "#checkout-form" (1 matching on this page)',
    );
    document.getElementById("checkout-form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    expect(fired).toEqual(["w"]);
  });
});

describe("visible", () => {
  /** A controllable IntersectionObserver: `show(el, ratio)` reports an element's visible share. */
  function fakeIntersection() {
    const observers: Array<{ callback: IntersectionObserverCallback; observed: Set<Element>; threshold: number }> = [];
    class FakeIO {
      observed = new Set<Element>();
      constructor(callback: IntersectionObserverCallback, options: IntersectionObserverInit) {
        observers.push({ callback, observed: this.observed, threshold: Number(options.threshold) });
      }
      observe(el: Element) {
        this.observed.add(el);
      }
      disconnect() {
        this.observed.clear();
      }
    }
    vi.stubGlobal("IntersectionObserver", FakeIO);
    return {
      observers,
      show(el: Element, ratio: number) {
        for (const o of observers)
          if (o.observed.has(el)) o.callback([{ target: el, isIntersecting: ratio > 0, intersectionRatio: ratio } as IntersectionObserverEntry], o as never);
      },
    };
  }
  afterEach(() => vi.unstubAllGlobals());

  it("fires once a matching element is at least `threshold` in view, added later ones included", async () => {
    const io = fakeIntersection();
    document.body.innerHTML = '<div class="product-card" id="a"></div>';
    const card = widget({ type: "visible", selector: ".product-card", threshold: 0.5 });
    const t = await arm(card);
    expect(io.observers[0].threshold).toBe(0.5);
    expect(t.awaiting(card)).toBe('trigger: visible, waiting for ".product-card" to be 50% in view (1 matching on this page)');
    io.show(document.getElementById("a")!, 0.3);
    expect(fired).toEqual([]);
    const later = Object.assign(document.createElement("div"), { className: "product-card" });
    document.body.append(later);
    await nextFrame();
    await nextFrame();
    io.show(later, 0.6);
    expect(fired).toEqual(["w"]);
  });

  it("without IntersectionObserver it never fires and throws nothing", async () => {
    vi.stubGlobal("IntersectionObserver", undefined);
    document.body.innerHTML = '<div class="product-card"></div>';
    const t = await arm(widget({ type: "visible", selector: ".product-card" }));
    expect(fired).toEqual([]);
    expect(t.awaiting(widget({ type: "visible", selector: ".product-card" }))).toBe(
      'trigger: visible, waiting for ".product-card" to be 50% in view (no IntersectionObserver in this browser)',
    );
  });
});

describe("dispose and safety", () => {
  const everySignal = [
    widget({ type: "scroll", percent: 50 }, "scroll"),
    widget({ type: "exit_intent" }, "exit"),
    widget({ type: "inactivity", after: "30s" }, "idle"),
    widget({ type: "time_on_site", after: "2m" }, "site"),
    widget({ type: "click", selector: "#b" }, "click"),
    widget({ type: "visible", selector: "#b" }, "visible"),
    widget({ type: "form_submit", selector: "form" }, "submit"),
    widget({ type: "delay", after: "5s" }, "delay"),
  ];

  it("removes every listener and timer it added", async () => {
    siteClock(fake.env); // the page's clock is the runtime's, started before any trigger, and outlives them
    const spies = [window, document].map((target) => ({ add: vi.spyOn(target, "addEventListener"), remove: vi.spyOn(target, "removeEventListener") }));
    const t = await arm(...everySignal);
    t.dispose();
    for (const { add, remove } of spies) {
      const key = (call: unknown[]) => `${call[0]}:${(call[2] as AddEventListenerOptions)?.capture}`;
      expect(add.mock.calls.length).toBeGreaterThan(0);
      expect(remove.mock.calls.map(key).sort()).toEqual(add.mock.calls.map(key).sort());
      // The very same functions are removed.
      expect(new Set(remove.mock.calls.map((c) => c[1]))).toEqual(new Set(add.mock.calls.map((c) => c[1])));
    }
    expect(fake.pending()).toBe(0);
    document.body.innerHTML = '<form><button id="b">x</button></form>';
    document.getElementById("b")!.click();
    scrollTo(2000);
    await nextFrame();
    fake.advance(3_600_000);
    expect(fired).toEqual([]);
  });

  it("a dispose before the page-signal code has loaded arms nothing", async () => {
    const t = armTriggers(everySignal, { env: fake.env, fire: (id) => fired.push(id) });
    t.dispose();
    await t.ready;
    document.body.innerHTML = '<button id="b">x</button>';
    document.getElementById("b")!.click();
    fake.advance(3_600_000);
    expect(fired).toEqual([]);
  });

  it("a `fire` that throws does not escape into the page's event dispatch", async () => {
    document.body.innerHTML = '<button id="b">x</button>';
    triggers = armTriggers([widget({ type: "click", selector: "#b" })], {
      env: fake.env,
      fire: () => {
        throw new Error("boom");
      },
    });
    await triggers.ready;
    expect(() => document.getElementById("b")!.click()).not.toThrow();
    expect(fake.env.console.warn).toHaveBeenCalled();
  });

  it("without a document (SSR), page-signal triggers are not armed and say so", async () => {
    const env = { ...fake.env, window: undefined, document: undefined };
    const t = armTriggers([widget({ type: "scroll", percent: 50 })], { env, fire: (id) => fired.push(id) });
    await t.ready;
    expect(t.awaiting(widget({ type: "scroll", percent: 50 }))).toBe("trigger: scroll, no page to watch");
  });
});
