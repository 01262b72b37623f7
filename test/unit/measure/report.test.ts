import { describe, expect, it, vi } from "vitest";
import { createEmitter } from "../../../src/core/emitter.js";
import { envelope } from "../../../src/measure/envelope.js";
import type { MeasureEvent } from "../../../src/measure/event.js";
import { createMeasure } from "../../../src/measure/hook.js";
import { buildReport } from "../../../src/measure/report.js";
import { probabilityToBeat, rate } from "../../../src/measure/stats.js";
import { memoryStore } from "../../../src/profile/storage.js";

let n = 0;
const ev = (name: MeasureEvent["name"], visitor: string, variant: string, extra: Partial<MeasureEvent> = {}): MeasureEvent => ({
  id: `id-${++n}`,
  name,
  time: 1_000 + n,
  visitor,
  session: `s-${visitor}`,
  widget: "offer",
  type: "popup",
  variant,
  exposure: `offer@${visitor}`,
  ...extra,
});

/** A visitor's events: eligible, then (unless holdout) shown, optionally clicked and converted. */
function visitor(id: string, variant: string, opts: { click?: boolean; buy?: number; share?: number; viewable?: boolean } = {}): MeasureEvent[] {
  const out = [ev("eligible", id, variant, { share: opts.share })];
  if (variant !== "holdout") {
    out.push(ev("shown", id, variant));
    if (opts.viewable) out.push(ev("viewable", id, variant));
    if (opts.click) out.push(ev("clicked", id, variant), ev("clicked", id, variant));
  }
  if (opts.buy !== undefined) out.push(ev("converted", id, variant, { value: opts.buy, goal: "purchase" }));
  return out;
}

describe("buildReport (pure, over any visitors' events)", () => {
  const events = [
    ...visitor("a1", "a", { click: true, buy: 40, share: 0.45, viewable: true }),
    ...visitor("a2", "a", { click: true, share: 0.45, viewable: true }),
    ...visitor("a3", "a", { share: 0.45 }),
    ...visitor("a4", "a", { buy: 20, share: 0.45 }),
    ...visitor("b1", "b", { share: 0.45 }),
    ...visitor("b2", "b", { click: true, share: 0.45 }),
    ...visitor("h1", "holdout", { buy: 30, share: 0.1 }),
    ...visitor("h2", "holdout", { share: 0.1 }),
  ];

  it("counts per variant: visitors, impressions, clicked shows, conversions, revenue, funnel", () => {
    const report = buildReport(events);
    expect(report).toMatchObject({ events: events.length, duplicates: 0, visitors: 8 });
    const [a, b, holdout] = report.widgets[0].variants;
    expect([a.variant, b.variant, holdout.variant]).toEqual(["a", "b", "holdout"]);
    expect(a).toMatchObject({ visitors: 4, impressions: 4, viewable: 2, clicks: 2, conversions: 2, converters: 2, revenue: 60, revenuePerVisitor: 15, averageOrderValue: 30 });
    expect(a.funnel).toEqual({ eligible: 4, shown: 4, viewable: 2, clicked: 2, converted: 2 });
    expect(a.ctr).toEqual(rate(2, 4));
    expect(a.conversionRate).toEqual(rate(2, 4));
    expect(b).toMatchObject({ visitors: 2, impressions: 2, clicks: 1, conversions: 0, revenue: 0, averageOrderValue: null });
    expect(holdout).toMatchObject({ holdout: true, visitors: 2, impressions: 0, conversions: 1, revenue: 30, uplift: null });
  });

  it("uplift against the holdout uses the same statistics as stats.ts", () => {
    const [a] = buildReport(events).widgets[0].variants;
    expect(a.uplift!.conversionRate.relative).toBeCloseTo(0.5 / 0.5 - 1, 12);
    expect(a.uplift!.conversionRate.probabilityToBeat).toBeCloseTo(probabilityToBeat({ k: 2, n: 4 }, { k: 1, n: 2 }), 12);
    expect(a.uplift!.revenuePerVisitor!.relative).toBeCloseTo(15 / 15 - 1, 12);
    // Without a control group there is no uplift.
    const noControl = buildReport(events.filter((e) => e.variant !== "holdout"));
    expect(noControl.widgets[0].variants.every((v) => v.uplift === null)).toBe(true);
  });

  it("de-duplicates by event id (a collector may receive a batch twice) and accepts any order", () => {
    const shuffled = [...events].reverse();
    const twice = buildReport([...shuffled, ...events.slice(0, 5)]);
    expect(twice.duplicates).toBe(5);
    expect(twice.widgets).toEqual(buildReport(events).widgets);
  });

  it("a show counts once, whatever the number of shown events for the same exposure (re-renders)", () => {
    const again = [...events, ev("shown", "a1", "a"), ev("shown", "a1", "a")];
    expect(buildReport(again).widgets[0].variants[0].impressions).toBe(4);
  });

  it("a converting visitor who was never eligible in the arm adds revenue but not to the rate", () => {
    const stray = [...events, ev("converted", "zz", "b", { value: 99 })];
    const b = buildReport(stray).widgets[0].variants[1];
    expect(b).toMatchObject({ conversions: 1, revenue: 99, revenuePerVisitor: 0 });
    expect(b.conversionRate.k).toBe(0);
  });

  it("the sample-ratio check reads each arm's configured share from its eligible events", () => {
    const srm = buildReport(events).widgets[0].sampleRatio!;
    expect(srm.observed).toEqual({ a: 4, b: 2, holdout: 2 });
    expect(srm.expected.a).toBeCloseTo(8 * 0.45, 12);
    expect(srm.df).toBe(2);
    expect(srm.mismatch).toBe(false);
    const lopsided: MeasureEvent[] = [];
    for (let i = 0; i < 600; i++) lopsided.push(ev("eligible", `x${i}`, "a", { share: 0.5 }));
    for (let i = 0; i < 400; i++) lopsided.push(ev("eligible", `y${i}`, "b", { share: 0.5 }));
    expect(buildReport(lopsided).widgets[0].sampleRatio!.mismatch).toBe(true);
  });

  it("skips what is not a measured event instead of throwing", () => {
    const junk = [null, 42, { id: 1 }, { name: "shown" }] as unknown as MeasureEvent[];
    expect(buildReport([...junk, ...events]).events).toBe(events.length);
    expect(buildReport([])).toEqual({
      events: 0,
      duplicates: 0,
      visitors: 0,
      from: null,
      to: null,
      widgets: [],
      attribution: { orders: 0, revenue: 0, unattributed: { orders: 0, revenue: 0 } },
      overall: null,
    });
  });
});

describe("the widget events the runtime is adding (viewable, minimized, restored, lead, action)", () => {
  const profile = {
    id: "anon-1",
    session: { id: "s-1" },
    widgets: {
      offer: { shown: 1, lastShown: 5000, sessionId: "s-1", sessionShown: 1, day: "", dayShown: 1, closed: 0, lastClosed: 0, converted: 0, lastConverted: 0, variant: "a" },
    },
  };
  const base = { id: "x", time: 6000, profile, path: "/p" };

  it("belong to the show they happened in; a lead carries its field names, never their values", () => {
    const payload = { id: "offer", type: "popup", variant: "a" };
    expect(envelope({ ...base, name: "viewable", payload })).toMatchObject({ exposure: "offer@5000", name: "viewable", visitor: "anon-1", session: "s-1" });
    const lead = envelope({ ...base, name: "lead", payload: { ...payload, fields: { email: "ada@example.com", phone: "+1 555" } } });
    expect(lead.fields).toEqual(["email", "phone"]);
    expect(JSON.stringify(lead)).not.toContain("ada@example.com");
    expect(envelope({ ...base, name: "action", payload: { ...payload, name: "copy-code", payload: { code: "X" } } as never }).action).toBe("copy-code");
  });

  it("reach the pipeline through the instance's emitter once the runtime emits them", async () => {
    const events = createEmitter<Record<string, unknown>>(() => {});
    const got: MeasureEvent[] = [];
    const store = memoryStore();
    const measure = createMeasure({
      env: {
        window: undefined,
        document: undefined,
        now: () => 6000,
        random: Math.random,
        setTimeout: (fn: () => void) => setTimeout(fn, 0),
        clearTimeout: () => {},
        fetch: undefined,
        console,
      },
      reporter: { warn: () => {}, error: () => {} },
      destinations: [(e: MeasureEvent) => void got.push(e)],
      consented: () => true,
      store: () => store,
      rules: () => null,
      on: events.on as never,
      profile: () => profile,
    });
    for (const name of ["viewable", "minimized", "restored", "lead", "action"]) events.emit(name, { id: "offer", type: "popup", variant: "a", fields: {}, name: "n" });
    await vi.waitFor(() => expect(got.map((e) => e.name)).toEqual(["viewable", "minimized", "restored", "lead", "action"]));
    const report = (await measure.report())!;
    expect(report.widgets[0].variants[0]).toMatchObject({ viewable: 1, minimized: 1, leads: 1 });
  });
});

describe("shows of different visitors", () => {
  it("count apart even when they happened in the same millisecond (the same exposure name)", () => {
    const same = (visitor: string, name: MeasureEvent["name"]) => ev(name, visitor, "a", { exposure: "offer@5000" });
    const report = buildReport([same("p", "eligible"), same("p", "shown"), same("p", "clicked"), same("q", "eligible"), same("q", "shown"), same("q", "clicked")]);
    expect(report.widgets[0].variants[0]).toMatchObject({ impressions: 2, clicks: 2 });
  });
});
