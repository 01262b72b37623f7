import { describe, expect, it } from "vitest";
import type { MeasureEvent } from "../../../src/measure/event.js";
import { buildReport } from "../../../src/measure/report.js";
import { meanUplift, probabilityToBeat, rate, sampleOf } from "../../../src/measure/stats.js";

let n = 0;
const ev = (name: MeasureEvent["name"], visitor: string, widget: string, variant: string, extra: Partial<MeasureEvent> = {}): MeasureEvent => ({
  id: `o${++n}`,
  name,
  time: 1000 + n,
  visitor,
  session: `s-${visitor}`,
  widget,
  type: "popup",
  variant,
  exposure: `${widget}@1000`,
  ...extra,
});

/** A visitor of a site with a site-wide control group: eligible for `widget`, shown it unless held out, and their orders. */
function visitor(id: string, held: boolean, widget: string, orders: number[]): MeasureEvent[] {
  const variant = held ? "holdout" : "a";
  const out = [ev("eligible", id, widget, variant, { siteHoldout: held, share: held ? 0.2 : 1 })];
  if (!held) out.push(ev("shown", id, widget, variant, { siteHoldout: false }));
  orders.forEach((value, i) => out.push(ev("converted", id, widget, variant, { siteHoldout: held, goal: "purchase", value, order: `${id}-${i}` })));
  return out;
}

describe("the site-wide control group: Nudge as a whole against no Nudge", () => {
  const events = [
    ...visitor("t1", false, "popup", [40, 60]),
    ...visitor("t2", false, "bar", [50]),
    ...visitor("t3", false, "popup", []),
    ...visitor("t4", false, "bar", []),
    ...visitor("c1", true, "popup", [30]),
    ...visitor("c2", true, "bar", []),
    ...visitor("c3", true, "popup", []),
    // t1's first order also converted the bar (one order, two widgets): still one order for the visitor.
    ev("eligible", "t1", "bar", "a", { siteHoldout: false, share: 1 }),
    ev("converted", "t1", "bar", "a", { siteHoldout: false, goal: "purchase", value: 40, order: "t1-0" }),
  ];
  const report = buildReport(events);

  it("counts each visitor once in their arm, each order once, with conversion, revenue per visitor and average order", () => {
    const overall = report.overall!;
    expect(overall.treated).toMatchObject({ visitors: 4, converters: 2, orders: 3, revenue: 150, revenuePerVisitor: 150 / 4, averageOrderValue: 50 });
    expect(overall.control).toMatchObject({ visitors: 3, converters: 1, orders: 1, revenue: 30, revenuePerVisitor: 10, averageOrderValue: 30 });
    expect(overall.treated.conversionRate).toEqual(rate(2, 4));
    expect(overall.control.conversionRate).toEqual(rate(1, 3));
  });

  it("gives the uplift with intervals, from the same statistics as the widgets", () => {
    const uplift = report.overall!.uplift!;
    expect(uplift.conversionRate.relative).toBeCloseTo(2 / 4 / (1 / 3) - 1, 12);
    expect(uplift.conversionRate.probabilityToBeat).toBeCloseTo(probabilityToBeat({ k: 2, n: 4 }, { k: 1, n: 3 }), 12);
    expect(uplift.conversionRate.interval[0]).toBeLessThan(uplift.conversionRate.interval[1]);
    expect(uplift.revenuePerVisitor).toEqual(meanUplift(sampleOf([100, 50, 0, 0]), sampleOf([30, 0, 0])));
    expect(uplift.averageOrderValue).toEqual(meanUplift(sampleOf([40, 60, 50]), sampleOf([30])));
  });

  it("keeps the site-wide control out of each widget's arms", () => {
    const popup = report.widgets.find((w) => w.widget === "popup")!;
    expect(popup.variants.map((v) => v.variant)).toEqual(["a"]);
    expect(popup.variants[0]).toMatchObject({ visitors: 2, converters: 1 });
    // Their orders are in the totals, unattributed (they were shown nothing).
    expect(report.attribution).toMatchObject({ orders: 4, revenue: 180, unattributed: { orders: 1, revenue: 30 } });
  });

  it("is null without a site-wide control group, and has no uplift until both arms have visitors", () => {
    const plain = events.map(({ siteHoldout, ...e }) => e);
    expect(buildReport(plain).overall).toBeNull();
    const treatedOnly = buildReport(events.filter((e) => e.siteHoldout === false));
    expect(treatedOnly.overall).toMatchObject({ control: { visitors: 0 }, uplift: null });
  });
});
