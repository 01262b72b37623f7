import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MeasureEvent } from "../../../src/measure/event.js";
import { buildReport } from "../../../src/measure/report.js";
import { probabilityToBeat } from "../../../src/measure/stats.js";

let n = 0;
/** A measured event of `widget` for `visitor`; `shownAt` is the time of the show (or eligibility) it belongs to. */
function ev(name: MeasureEvent["name"], visitor: string, widget: string, variant: string, shownAt: number, extra: Partial<MeasureEvent> = {}): MeasureEvent {
  return { id: `e${++n}`, name, time: shownAt, visitor, session: `s-${visitor}`, widget, type: "popup", variant, exposure: `${widget}@${shownAt}`, ...extra };
}

/** A visitor exposed to a widget (eligible, and shown unless held out) at `at`. */
const exposed = (visitor: string, widget: string, variant: string, at: number, extra: Partial<MeasureEvent> = {}) =>
  variant === "holdout" || extra.siteHoldout
    ? [ev("eligible", visitor, widget, variant, at, extra)]
    : [ev("eligible", visitor, widget, variant, at, extra), ev("shown", visitor, widget, variant, at, extra)];

/** One order of `visitor` at `time`, converting each listed (widget, variant, exposure) as the runtime does. */
const order = (visitor: string, time: number, value: number | undefined, converts: Array<[string, string, number]>, extra: Partial<MeasureEvent> = {}) =>
  converts.map(([widget, variant, at]) => ev("converted", visitor, widget, variant, at, { time, goal: "purchase", ...(value === undefined ? {} : { value }), ...extra }));

describe("attribution: each order credited to one widget", () => {
  // v1 saw the popup at 100 and the bar at 200, then bought 80 at 300: both converted, the bar (shown last) gets the credit.
  // v2 saw only the popup, bought 50 (order id o-2). v3 is in the bar's control group, saw the popup, bought 30.
  // v4 is in both control groups and bought 20: no widget shown, unattributed.
  const events = [
    ...exposed("v1", "popup", "a", 100),
    ...exposed("v1", "bar", "default", 200),
    ...order("v1", 300, 80, [
      ["popup", "a", 100],
      ["bar", "default", 200],
    ]),
    ...exposed("v2", "popup", "b", 100),
    ...order("v2", 400, 50, [["popup", "b", 100]], { order: "o-2" }),
    ...exposed("v3", "popup", "a", 100),
    ...exposed("v3", "bar", "holdout", 150),
    ...order("v3", 500, 30, [
      ["popup", "a", 100],
      ["bar", "holdout", 150],
    ]),
    ...exposed("v4", "popup", "holdout", 100),
    ...exposed("v4", "bar", "holdout", 100),
    ...order("v4", 600, 20, [
      ["popup", "holdout", 100],
      ["bar", "holdout", 100],
    ]),
  ];
  const report = buildReport(events);
  const widget = (id: string) => report.widgets.find((w) => w.widget === id)!;
  const variant = (id: string, v: string) => widget(id).variants.find((x) => x.variant === v)!;

  it("the last widget shown before the order gets it; the others shown are assisted", () => {
    expect(widget("bar")).toMatchObject({ attributed: { orders: 1, revenue: 80 }, assisted: { orders: 0, revenue: 0 } });
    expect(widget("popup")).toMatchObject({ attributed: { orders: 2, revenue: 80 }, assisted: { orders: 1, revenue: 80 } });
    expect(variant("popup", "a")).toMatchObject({ attributed: { orders: 1, revenue: 30 }, assisted: { orders: 1, revenue: 80 } });
    expect(variant("popup", "b")).toMatchObject({ attributed: { orders: 1, revenue: 50 }, assisted: { orders: 0, revenue: 0 } });
    // A control group is never shown anything: never credited.
    expect(variant("bar", "holdout").attributed).toEqual({ orders: 0, revenue: 0 });
  });

  it("totals add up: attributed orders over widgets + unattributed = orders (revenue too), no order counted twice", () => {
    expect(report.attribution).toEqual({ orders: 4, revenue: 180, unattributed: { orders: 1, revenue: 20 } });
    const attributed = report.widgets.reduce((s, w) => s + w.attributed.orders, 0);
    expect(attributed + report.attribution.unattributed.orders).toBe(4);
    // The per-arm revenue (any exposure) counts v1's order under both widgets: that is why attribution exists.
    const anyExposure = report.widgets.reduce((s, w) => s + w.variants.reduce((t, v) => t + v.revenue, 0), 0);
    expect(anyExposure).toBe(80 + 80 + 50 + 30 + 30 + 20 + 20);
  });

  it("conversion and uplift keep the any-exposure definition on both arms", () => {
    // The bar's control visitor v3 converted within its window, as did the treated v1: 1 of 1 each (v4 is the other control visitor).
    expect(variant("bar", "default").conversionRate).toMatchObject({ k: 1, n: 1 });
    expect(variant("bar", "holdout").conversionRate).toMatchObject({ k: 2, n: 2 });
    expect(variant("bar", "default").uplift!.conversionRate.probabilityToBeat).toBeCloseTo(probabilityToBeat({ k: 1, n: 1 }, { k: 2, n: 2 }), 12);
  });

  it("the same order replayed or converting a widget twice is one order; ties go to the smaller widget id", () => {
    const tied = [
      ...exposed("t", "zeta", "default", 100),
      ...exposed("t", "alpha", "default", 100),
      ...order("t", 200, 10, [
        ["zeta", "default", 100],
        ["alpha", "default", 100],
      ]),
      // The same order id again, later (a thank-you page reloaded): still one order.
      ...order("t", 900, 10, [["zeta", "default", 100]], { order: "same" }),
      ...order("t", 950, 10, [["zeta", "default", 100]], { order: "same" }),
    ];
    const r = buildReport(tied);
    expect(r.attribution.orders).toBe(2);
    expect(r.widgets.find((w) => w.widget === "alpha")!.attributed.orders).toBe(1);
    expect(r.widgets.find((w) => w.widget === "zeta")!).toMatchObject({ attributed: { orders: 1 }, assisted: { orders: 1 } });
  });

  it("a widget's own conversion (a lead form, no goal) is not an order", () => {
    const lead = [...exposed("l", "form", "default", 100), ev("converted", "l", "form", "default", 100, { time: 150 })];
    const r = buildReport(lead);
    expect(r.attribution.orders).toBe(0);
    expect(r.widgets[0].variants[0]).toMatchObject({ conversions: 1, attributed: { orders: 0 } });
  });

  it("property: for any events, attributed orders over widgets + unattributed = orders, and revenue adds up", () => {
    const widgets = ["w1", "w2", "w3"];
    const variants = ["a", "b", "holdout"];
    const exposure = fc.record({ widget: fc.constantFrom(...widgets), variant: fc.constantFrom(...variants), at: fc.integer({ min: 0, max: 50 }) });
    const anOrder = fc.record({
      visitor: fc.constantFrom("x", "y", "z"),
      time: fc.integer({ min: 51, max: 60 }),
      id: fc.option(fc.constantFrom("o1", "o2", "o3"), { nil: undefined }),
      value: fc.option(
        fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
        { nil: undefined },
      ),
      site: fc.boolean(),
      converts: fc.array(exposure, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(anOrder, { maxLength: 12 }), fc.boolean(), (orders, replay) => {
        const list = orders.flatMap((o) =>
          o.converts.map((c) =>
            ev("converted", o.visitor, c.widget, c.variant, c.at, {
              time: o.time,
              goal: "purchase",
              ...(o.id ? { order: o.id } : {}),
              ...(o.value === undefined ? {} : { value: o.value }),
              ...(o.site ? { siteHoldout: c.variant === "holdout" } : {}),
            }),
          ),
        );
        const r = buildReport(replay ? [...list, ...list] : list);
        const keys = new Set(list.map((e) => `${e.visitor}|${e.order ?? e.time}`));
        expect(r.attribution.orders).toBe(keys.size);
        const attributed = r.widgets.reduce((s, w) => s + w.attributed.orders, 0);
        expect(attributed + r.attribution.unattributed.orders).toBe(r.attribution.orders);
        const revenue = r.widgets.reduce((s, w) => s + w.attributed.revenue, 0) + r.attribution.unattributed.revenue;
        expect(revenue).toBeCloseTo(r.attribution.revenue, 6);
        // Assisted orders are never the attributed one: at most one credit of either kind per widget and order.
        for (const w of r.widgets) expect(w.attributed.orders + w.assisted.orders).toBeLessThanOrEqual(keys.size);
      }),
      { numRuns: 100 },
    );
  });
});
