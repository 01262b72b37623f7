import { afterEach, describe, expect, it, vi } from "vitest";
import { assignVariant, HOLDOUT, inSiteHoldout } from "../../../src/decide/variants.js";
import type { MeasureEvent } from "../../../src/measure/event.js";
import type { WidgetProps } from "../../../src/render/widget-api.js";
import { cleanup, fakeClock, MINUTE, rulesOf, settle, spyStore, start, warnings } from "../runtime/harness.js";

afterEach(cleanup);

const DAY = 24 * 60 * MINUTE;
const offer = (extra: Record<string, unknown> = {}) => ({
  id: "offer",
  type: "popup",
  goal: { event: "purchase", within: "7d" },
  variants: [
    { id: "a", weight: 50, content: { title: "A" } },
    { id: "b", weight: 50, content: { title: "B" } },
  ],
  holdout: 20,
  ...extra,
});
const weights = [
  { id: "a", weight: 50 },
  { id: "b", weight: 50 },
];
const userIn = (want: string) => {
  for (let i = 0; ; i++) if (assignVariant(`user-${i}`, "offer", weights, 20) === want) return `user-${i}`;
};

/** An instance whose widgets are headless: the test acts on the shown widget's props as the visitor would. */
function measured(rules = rulesOf([offer()], { currency: "EUR" }), options: Parameters<typeof start>[1] = {}) {
  const events: MeasureEvent[] = [];
  let widget: WidgetProps | undefined;
  const h = start(rules, { headless: (props) => void (widget = props), destinations: [(e: MeasureEvent) => void events.push(e)], ...options });
  return { ...h, events, widget: () => widget! };
}

const names = (events: MeasureEvent[]) => events.map((e) => e.name);

describe("the lifecycle as measured events", () => {
  it("one show is one exposure: eligible, shown, clicked and closed carry the visitor, session, variant and the show", async () => {
    const h = measured();
    h.nudge.identify(userIn("a"));
    await h.nudge.ready;
    h.widget().click({ cta: "primary" });
    h.widget().close("button");
    await vi.waitFor(() => expect(names(h.events)).toEqual(["eligible", "shown", "clicked", "closed"]));
    const [eligible, shown, clicked, closed] = h.events;
    // The visitor is the anonymous profile id, the same on every event, never the id given to identify().
    const visitor = eligible.visitor;
    expect(visitor).not.toBe(h.nudge.facts().visitor.id);
    for (const e of h.events) expect(e).toMatchObject({ widget: "offer", type: "popup", variant: "a", visitor, session: eligible.session, path: "/" });
    expect(new Set(h.events.map((e) => e.id)).size).toBe(4);
    expect(eligible.share).toBeCloseTo(0.4, 12); // 80% shown, half of them "a"
    expect(shown.exposure).toBe(`offer@${h.clock.now()}`);
    expect(clicked.exposure).toBe(shown.exposure);
    expect(closed).toMatchObject({ exposure: shown.exposure, reason: "button" });
  });

  it("a show is recorded once however often the page re-renders or the visitor acts on it", async () => {
    const h = measured();
    h.nudge.identify(userIn("b"));
    await h.nudge.ready;
    h.widget().click();
    h.widget().click();
    h.nudge.track("anything");
    h.nudge.page(); // frequency: one show per page at most; the open one stays
    await settle();
    const report = await h.nudge.report();
    const b = report!.widgets[0].variants.find((v) => v.variant === "b")!;
    expect(b.impressions).toBe(1);
    expect(b.clicks).toBe(1);
    expect(h.events.filter((e) => e.name === "shown")).toHaveLength(1);
  });
});

describe("attribution windows", () => {
  it("a purchase within the goal's window converts the show it followed, once, with the order value and currency", async () => {
    const h = measured();
    h.nudge.identify(userIn("a"));
    await h.nudge.ready;
    const shown = await vi.waitFor(() => {
      const found = h.events.find((e) => e.name === "shown");
      if (!found) throw new Error("not shown yet");
      return found;
    });
    h.widget().close("button");
    await h.clock.advance(7 * DAY - MINUTE);
    h.nudge.purchase({ id: "order-1", value: 42.5 });
    h.nudge.purchase({ id: "order-2", value: 10 }); // the same showing converts once
    await vi.waitFor(() => expect(names(h.events)).toContain("converted"));
    await settle();
    const converted = h.events.filter((e) => e.name === "converted");
    expect(converted).toHaveLength(1);
    expect(converted[0]).toMatchObject({ variant: "a", value: 42.5, currency: "EUR", goal: "purchase", order: "order-1", exposure: shown.exposure });
  });

  it("a purchase after the window converts nothing", async () => {
    const h = measured();
    h.nudge.identify(userIn("b"));
    await h.nudge.ready;
    h.widget().close("button");
    await h.clock.advance(7 * DAY + MINUTE);
    h.nudge.purchase({ id: "late", value: 30 });
    await settle();
    await h.nudge.report(); // the pipeline has run everything by now
    expect(names(h.events)).not.toContain("converted");
  });

  it("a custom window (1h) counts from the show, and a holdout visitor converts from the moment it was eligible", async () => {
    const h = measured(rulesOf([offer({ goal: { event: "signup", within: "1h" } })]));
    h.nudge.identify(userIn(HOLDOUT));
    await h.nudge.ready;
    await vi.waitFor(() => expect(names(h.events)).toEqual(["eligible"]));
    const eligible = h.events[0];
    expect(eligible).toMatchObject({ variant: HOLDOUT, share: 0.2 });
    await h.clock.advance(59 * MINUTE);
    h.nudge.track("signup");
    await vi.waitFor(() => expect(names(h.events)).toEqual(["eligible", "converted"]));
    expect(h.events[1]).toMatchObject({ variant: HOLDOUT, exposure: eligible.exposure });
    expect(h.events[1].value).toBeUndefined();
  });
});

describe("one order, several widgets: attribution", () => {
  it("a purchase converting two shown widgets is one order at one time, credited to the last one shown", async () => {
    const first = offer({ id: "first", holdout: 0, priority: 2, frequency: { total: 1 } });
    const second = offer({ id: "second", holdout: 0, priority: 1 });
    const h = measured(rulesOf([first, second]));
    await h.nudge.ready;
    await vi.waitFor(() => expect(h.events.filter((e) => e.name === "shown").map((e) => e.widget)).toEqual(["first"]));
    h.widget().close("button");
    await h.clock.advance(MINUTE);
    h.nudge.page(); // the second popup waited for the first (one modal at a time)
    await vi.waitFor(() => expect(h.events.filter((e) => e.name === "shown").map((e) => e.widget)).toEqual(["first", "second"]));
    await h.clock.advance(MINUTE);
    h.nudge.track("purchase", { value: 30 }); // no order id: the goal event's time keys the order
    await vi.waitFor(() => expect(h.events.filter((e) => e.name === "converted")).toHaveLength(2));
    const [a, b] = h.events.filter((e) => e.name === "converted");
    expect(a.time).toBe(b.time);
    const report = (await h.nudge.report())!;
    expect(report.attribution).toEqual({ orders: 1, revenue: 30, unattributed: { orders: 0, revenue: 0 } });
    const credit = Object.fromEntries(report.widgets.map((w) => [w.widget, [w.attributed.orders, w.assisted.orders]]));
    expect(credit).toEqual({ first: [0, 1], second: [1, 0] });
  });
});

describe("the site-wide control group (settings.holdout)", () => {
  const two = () => rulesOf([offer({ holdout: 0 }), offer({ id: "bar", holdout: 0, priority: -1 })], { currency: "EUR", holdout: 30 });
  const siteUser = (held: boolean) => {
    for (let i = 0; ; i++) if (inSiteHoldout(`user-${i}`, 30) === held) return `user-${i}`;
  };

  it("a visitor in it sees no widget, is counted as eligible for each, and explain() says why", async () => {
    const h = measured(two());
    h.nudge.identify(siteUser(true));
    await h.nudge.ready;
    await vi.waitFor(() => expect(names(h.events)).toEqual(["eligible", "eligible"]));
    for (const e of h.events) expect(e).toMatchObject({ variant: HOLDOUT, siteHoldout: true, share: 0.3 });
    expect(h.widget()).toBeUndefined();
    const [why] = await h.nudge.explain("offer");
    expect(why.wouldShow).toBe(false);
    expect(why.blockedBy.join("\n")).toContain("settings.holdout: this visitor is in the site-wide control group (30% of visitors)");
    h.nudge.purchase({ id: "o-1", value: 25 });
    await vi.waitFor(() => expect(names(h.events)).toEqual(["eligible", "eligible", "converted", "converted"]));
    const report = (await h.nudge.report())!;
    expect(report.widgets).toEqual([]); // not part of any widget's arms
    expect(report.overall).toMatchObject({ control: { visitors: 1, converters: 1, orders: 1, revenue: 25 }, treated: { visitors: 0 } });
    expect(report.attribution).toMatchObject({ orders: 1, unattributed: { orders: 1, revenue: 25 } });
  });

  it("everyone else sees the widgets as the rules decide, and their events say they are not in it", async () => {
    const h = measured(two());
    h.nudge.identify(siteUser(false));
    await h.nudge.ready;
    await vi.waitFor(() => expect(names(h.events)).toContain("shown"));
    for (const e of h.events) expect(e.siteHoldout).toBe(false);
    expect(h.widget()).toBeDefined();
  });

  it("without settings.holdout nobody is in it and events carry no flag", async () => {
    const h = measured(rulesOf([offer({ holdout: 0 })]));
    h.nudge.identify(siteUser(true));
    await h.nudge.ready;
    await vi.waitFor(() => expect(names(h.events)).toContain("shown"));
    expect(h.events.every((e) => e.siteHoldout === undefined)).toBe(true);
  });
});

describe("report() on the instance", () => {
  it("summarizes what this browser recorded, across page loads (the log is in the instance's store)", async () => {
    const store = spyStore();
    const once = rulesOf([offer({ frequency: { total: 1 } })], { currency: "EUR" });
    const first = measured(once, { store });
    first.nudge.identify(userIn("a"));
    await first.nudge.ready;
    first.widget().click();
    first.nudge.purchase({ id: "o1", value: 20 });
    await first.nudge.report(); // written
    first.nudge.destroy();
    await settle();

    const second = measured(once, { store, clock: fakeClock(first.clock.now() + MINUTE) });
    await second.nudge.ready;
    const report = (await second.nudge.report())!;
    expect(report.log.map((e) => e.name)).toEqual(["eligible", "shown", "clicked", "converted"]);
    const a = report.widgets[0].variants[0];
    expect(a).toMatchObject({ variant: "a", visitors: 1, impressions: 1, clicks: 1, conversions: 1, revenue: 20, revenuePerVisitor: 20, averageOrderValue: 20 });
    expect(a.ctr.value).toBe(1);
    expect(report.delivery).toEqual([{ destination: "destinations[0] (function)", sent: 0 }]); // the second page sent nothing yet
  });
});

describe("destinations", () => {
  it("none by default: nothing is sent, dataLayer untouched, no nudge: DOM events", async () => {
    const seen: string[] = [];
    window.addEventListener("nudge:shown", () => seen.push("dom"));
    const h = start(rulesOf([offer({ holdout: 0 })]), { headless: () => {} });
    await h.nudge.ready;
    const report = await h.nudge.report();
    expect(report!.log.map((e) => e.name)).toEqual(["eligible", "shown"]); // recorded locally only
    expect(seen).toEqual([]);
    const layer = (window as unknown as { dataLayer?: Array<{ event?: unknown }> }).dataLayer ?? [];
    expect(layer.filter((entry) => String(entry.event).startsWith("nudge_"))).toEqual([]);
    expect(report!.delivery).toEqual([]);
  });

  it("DOM CustomEvents nudge:<event> reach window listeners with the event as detail; dataLayer gets GA4-shaped pushes", async () => {
    const dom: Array<[string, MeasureEvent]> = [];
    for (const name of ["eligible", "shown", "clicked"]) window.addEventListener(`nudge:${name}`, (e) => dom.push([name, (e as CustomEvent<MeasureEvent>).detail]));
    const layer: Array<Record<string, unknown>> = [];
    (window as unknown as { dataLayer: unknown[] }).dataLayer = layer;
    let widget: WidgetProps | undefined;
    const h = start(rulesOf([offer({ holdout: 0 })], { currency: "USD" }), { headless: (p) => void (widget = p), destinations: ["events", "dataLayer"] });
    await h.nudge.ready;
    widget!.click();
    h.nudge.purchase({ id: "o-9", value: 12 });
    await vi.waitFor(() => expect(layer.map((e) => e.event)).toEqual(["nudge_eligible", "nudge_shown", "nudge_clicked", "nudge_converted"]));
    expect(dom.map(([name, detail]) => [name, detail.name])).toEqual([
      ["eligible", "eligible"],
      ["shown", "shown"],
      ["clicked", "clicked"],
    ]);
    const converted = layer[3];
    expect(converted).toEqual({
      event: "nudge_converted",
      nudge_event_id: expect.any(String),
      nudge_widget: "offer",
      nudge_widget_type: "popup",
      nudge_variant: expect.stringMatching(/^[ab]$/),
      nudge_exposure: expect.stringMatching(/^offer@\d+$/),
      nudge_holdout: 0,
      nudge_goal: "purchase",
      nudge_time: h.clock.now(),
      value: 12,
      currency: "USD",
      transaction_id: "o-9",
    });
    // Nudge's own GA4 pickup does not read its pushes back as commands.
    expect(h.nudge.facts().orders.count).toBe(1);
  });

  it("a throwing function is reported and the other destinations still get every event; bad entries are named and skipped", async () => {
    const got: string[] = [];
    const h = start(rulesOf([offer({ holdout: 0 })]), {
      headless: () => {},
      destinations: [
        () => {
          throw new Error("site bug");
        },
        { type: "beacon", url: 42 },
        { type: "beacon", url: "/collect", batchSize: 0 },
        "smoke-signals",
        (e: MeasureEvent) => void got.push(e.name),
      ] as never,
    });
    await h.nudge.ready;
    await vi.waitFor(() => expect(got).toEqual(["eligible", "shown"]));
    const said = warnings(h).join("\n");
    expect(said).toContain("destinations[1].url: expected the URL of your endpoint, got 42");
    expect(said).toContain("destinations[2].batchSize: expected a whole number above 0, got 0; using 25");
    expect(said).toContain('destinations[3]: unknown destination "smoke-signals"');
    expect(h.problems.map((p) => p.message)).toContain("site bug");
  });

  it("with consent required nothing is recorded or sent before consent", async () => {
    const h = measured(rulesOf([offer({ holdout: 0 })]), { consent: "required" });
    await h.nudge.ready;
    await h.clock.advance(MINUTE);
    expect(h.events).toEqual([]);
    h.nudge.consent(true);
    await vi.waitFor(() => expect(names(h.events)).toEqual(["eligible", "shown"]));
  });

  it("forget() empties the log and the beacon's queue", async () => {
    const h = measured(rulesOf([offer({ holdout: 0 })]), { destinations: [{ type: "beacon", url: "/collect" }] });
    await h.nudge.ready;
    await vi.waitFor(async () => expect((await h.nudge.report())!.log.length).toBe(2));
    expect(localStorage.getItem("nudge:outbox:/collect")).not.toBeNull(); // the fake network rejects: queued
    await h.nudge.forget();
    await settle();
    expect(localStorage.getItem("nudge:outbox:/collect")).toBeNull();
    expect((await h.nudge.report())!.log).toEqual([]);
  });
});

describe("measurement consent", () => {
  it("without measurement the widget shows but nothing is recorded or sent, and nothing is sent later for that time", async () => {
    const h = measured(rulesOf([offer({ holdout: 0 })]), { consent: "required" });
    await h.nudge.ready;
    h.nudge.consent({ storage: true, personalization: true });
    await vi.waitFor(() => expect(h.widget()).toBeDefined());
    await h.clock.advance(MINUTE);
    expect(h.events).toEqual([]);
    expect((await h.nudge.report())!.log).toEqual([]);

    h.nudge.consent({ measurement: true });
    await settle();
    h.widget().click({ cta: "claim" });
    await vi.waitFor(() => expect(names(h.events)).toEqual(["clicked"]));
  });
});
