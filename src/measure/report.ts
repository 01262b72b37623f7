/**
 * The report: a pure function from measured events (this browser's, or every
 * visitor's at a collector) to per-widget, per-variant numbers with the
 * statistics of `stats.ts`. No clock, no I/O: the same events give the same report.
 */
import { addToOrders, attribute, emptyCredit, round, type Attribution, type Credit, type Order } from "./attribution.js";
import type { MeasureEvent } from "./event.js";
import { overallReport, type OverallReport } from "./overall.js";
import { meanUplift, rate, rateUplift, sampleOf, sampleRatio, type Rate, type SampleRatio, type Uplift } from "./stats.js";

/** The control group's variant name. */
const HOLDOUT = "holdout";

/** Visitors at each step of the funnel (a visitor counts once per step, however often it happened). */
export interface Funnel {
  eligible: number;
  shown: number;
  viewable: number;
  clicked: number;
  converted: number;
}

/** One arm of a widget: a variant, or the control group (`holdout`). */
export interface VariantReport {
  variant: string;
  holdout: boolean;
  /** Distinct visitors who were eligible in this arm: the denominator of the per-visitor rates. */
  visitors: number;
  /** Distinct shows (a show counts once, whatever re-renders or events it had). */
  impressions: number;
  /** Shows at least half on screen. */
  viewable: number;
  /** Shows clicked at least once. */
  clicks: number;
  /** Clicked shows / impressions. */
  ctr: Rate;
  closes: number;
  minimized: number;
  leads: number;
  /**
   * Conversion events (once per showing), and the distinct visitors who converted. A visitor
   * converts an arm when the goal happens within the window after their exposure (a show, or
   * for the control group an eligibility), whatever other widgets they saw: the same
   * definition on both arms, so the uplift against the holdout stays fair.
   */
  conversions: number;
  converters: number;
  /** Converting eligible visitors / eligible visitors. */
  conversionRate: Rate;
  /**
   * Sum of conversion values (order values). One order converts every widget whose window is
   * open: summed over widgets this counts an order more than once; sum `attributed` instead.
   */
  revenue: number;
  /** Revenue of eligible visitors / eligible visitors. */
  revenuePerVisitor: number;
  /** Revenue / conversions with a value; null without any. */
  averageOrderValue: number | null;
  funnel: Funnel;
  /** Orders credited to this arm: it was the last widget shown before the order, within its window. */
  attributed: Credit;
  /** Orders this arm converted but another widget, shown later, was credited with. */
  assisted: Credit;
  /** Against the control group; null for the control itself, or a widget without one. */
  uplift: { conversionRate: Uplift; revenuePerVisitor: Uplift | null } | null;
}

export interface WidgetReport {
  widget: string;
  type: string;
  variants: VariantReport[];
  /** The variants' attributed and assisted orders, summed. */
  attributed: Credit;
  assisted: Credit;
  /** Whether visitors were split as configured; null without a split (one arm, or no shares known). */
  sampleRatio: SampleRatio | null;
}

export interface Report {
  /** Distinct events read (duplicates by id are dropped and counted). */
  events: number;
  duplicates: number;
  visitors: number;
  /** Time of the first and last event, or null without events. */
  from: number | null;
  to: number | null;
  widgets: WidgetReport[];
  /**
   * Every order (goal conversion) once: attributed orders summed over the widgets plus
   * `unattributed` equal `orders`, and the same for revenue.
   */
  attribution: Attribution;
  /** Nudge as a whole against the site-wide control group (`settings.holdout`); null without one. */
  overall: OverallReport | null;
}

export interface ReportOptions {
  /** Seed of the Monte Carlo for the uplift intervals (default: fixed, so reports are reproducible). */
  seed?: number;
}

interface Arm {
  variant: string;
  eligible: Set<string>;
  shown: Map<string, string>; // visitor's exposure → visitor
  viewable: Map<string, string>;
  clicked: Map<string, string>;
  closes: Set<string>;
  minimized: Set<string>;
  leads: Set<string>;
  conversions: number;
  converters: Set<string>;
  revenue: number;
  orders: number;
  revenueBy: Map<string, number>;
  attributed: Credit;
  assisted: Credit;
  share?: number;
}

function newArm(variant: string): Arm {
  return {
    variant,
    eligible: new Set(),
    shown: new Map(),
    viewable: new Map(),
    clicked: new Map(),
    closes: new Set(),
    minimized: new Set(),
    leads: new Set(),
    conversions: 0,
    converters: new Set(),
    revenue: 0,
    orders: 0,
    revenueBy: new Map(),
    attributed: emptyCredit(),
    assisted: emptyCredit(),
  };
}

const distinctVisitors = (m: Map<string, string>) => new Set(m.values()).size;

/** Is this a measured event we can count? Collectors may hand us anything. */
function usable(event: unknown): event is MeasureEvent {
  const e = event as MeasureEvent;
  return (
    !!e &&
    typeof e === "object" &&
    typeof e.id === "string" &&
    typeof e.name === "string" &&
    typeof e.widget === "string" &&
    typeof e.variant === "string" &&
    typeof e.visitor === "string"
  );
}

/**
 * Builds the report from measured events, in any order, duplicates allowed.
 *
 * @example
 * import { buildReport } from "nudge-sdk/measure";
 * const report = buildReport(events); // events: MeasureEvent[] from your collector
 * for (const w of report.widgets) for (const v of w.variants) console.log(w.widget, v.variant, v.conversionRate.value, v.uplift?.conversionRate.probabilityToBeat);
 */
export function buildReport(events: readonly MeasureEvent[], options: ReportOptions = {}): Report {
  const seen = new Set<string>();
  const widgets = new Map<string, { type: string; arms: Map<string, Arm> }>();
  const visitors = new Set<string>();
  let duplicates = 0;
  let from: number | null = null;
  let to: number | null = null;
  const orders = new Map<string, Order>();
  const distinct: MeasureEvent[] = [];
  const sorted = events.filter(usable).sort((a, b) => a.time - b.time);
  for (const event of sorted) {
    if (seen.has(event.id)) {
      duplicates++;
      continue;
    }
    seen.add(event.id);
    distinct.push(event);
    visitors.add(event.visitor);
    from = from === null ? event.time : Math.min(from, event.time);
    to = to === null ? event.time : Math.max(to, event.time);
    addToOrders(orders, event);
    // The site-wide control group is compared with everyone else (overall.ts), not with one widget's arms.
    if (event.siteHoldout === true) continue;
    let widget = widgets.get(event.widget);
    if (!widget) widgets.set(event.widget, (widget = { type: event.type, arms: new Map() }));
    let arm = widget.arms.get(event.variant);
    if (!arm) widget.arms.set(event.variant, (arm = newArm(event.variant)));
    const { visitor } = event;
    // A show is the visitor's: two visitors shown a widget in the same millisecond share an exposure name.
    const exposure = `${visitor}\u0000${event.exposure}`;
    switch (event.name) {
      case "eligible":
        arm.eligible.add(visitor);
        if (typeof event.share === "number") arm.share = event.share;
        break;
      case "shown":
        arm.shown.set(exposure, visitor);
        break;
      case "viewable":
        arm.viewable.set(exposure, visitor);
        break;
      case "clicked":
        arm.clicked.set(exposure, visitor);
        break;
      case "closed":
        arm.closes.add(exposure);
        break;
      case "minimized":
        arm.minimized.add(exposure);
        break;
      case "lead":
        arm.leads.add(exposure);
        break;
      case "converted":
        arm.conversions++;
        arm.converters.add(visitor);
        if (typeof event.value === "number" && Number.isFinite(event.value)) {
          arm.revenue += event.value;
          arm.orders++;
          arm.revenueBy.set(visitor, (arm.revenueBy.get(visitor) ?? 0) + event.value);
        }
        break;
    }
  }
  const attribution = attribute(orders, (id, variant, kind, value) => {
    let widget = widgets.get(id);
    if (!widget) widgets.set(id, (widget = { type: "", arms: new Map() }));
    let arm = widget.arms.get(variant);
    if (!arm) widget.arms.set(variant, (arm = newArm(variant)));
    arm[kind].orders++;
    arm[kind].revenue += value;
  });
  return {
    events: seen.size,
    duplicates,
    visitors: visitors.size,
    from,
    to,
    widgets: [...widgets.keys()].sort().map((id) => widgetReport(id, widgets.get(id)!, options)),
    attribution,
    overall: overallReport(distinct, orders, options.seed),
  };
}

function widgetReport(id: string, widget: { type: string; arms: Map<string, Arm> }, options: ReportOptions): WidgetReport {
  const arms = [...widget.arms.values()].sort((a, b) => Number(a.variant === HOLDOUT) - Number(b.variant === HOLDOUT) || a.variant.localeCompare(b.variant));
  const control = widget.arms.get(HOLDOUT);
  const controlConversions = control && convertersOf(control);
  const controlRevenue = control && sampleOf(revenueSample(control));
  const variants = arms.map((arm): VariantReport => {
    const converters = convertersOf(arm);
    const clicks = arm.clicked.size;
    const impressions = arm.shown.size;
    const isControl = arm.variant === HOLDOUT;
    const revenueOfEligible = revenueSample(arm).reduce((s, v) => s + v, 0);
    return {
      variant: arm.variant,
      holdout: isControl,
      visitors: arm.eligible.size,
      impressions,
      viewable: arm.viewable.size,
      clicks,
      ctr: rate(Math.min(clicks, impressions), impressions),
      closes: arm.closes.size,
      minimized: arm.minimized.size,
      leads: arm.leads.size,
      conversions: arm.conversions,
      converters: arm.converters.size,
      conversionRate: rate(converters.k, converters.n),
      revenue: round(arm.revenue),
      revenuePerVisitor: arm.eligible.size ? revenueOfEligible / arm.eligible.size : 0,
      averageOrderValue: arm.orders ? arm.revenue / arm.orders : null,
      funnel: {
        eligible: arm.eligible.size,
        shown: distinctVisitors(arm.shown),
        viewable: distinctVisitors(arm.viewable),
        clicked: distinctVisitors(arm.clicked),
        converted: converters.k,
      },
      attributed: { orders: arm.attributed.orders, revenue: round(arm.attributed.revenue) },
      assisted: { orders: arm.assisted.orders, revenue: round(arm.assisted.revenue) },
      uplift:
        control && !isControl && controlConversions && controlRevenue
          ? { conversionRate: rateUplift(converters, controlConversions, options.seed), revenuePerVisitor: meanUplift(sampleOf(revenueSample(arm)), controlRevenue) }
          : null,
    };
  });
  const shares: Record<string, number> = {};
  const observed: Record<string, number> = {};
  for (const arm of arms) {
    if (arm.share !== undefined) shares[arm.variant] = arm.share;
    observed[arm.variant] = arm.eligible.size;
  }
  const sum = (kind: "attributed" | "assisted"): Credit => ({
    orders: arms.reduce((s, arm) => s + arm[kind].orders, 0),
    revenue: round(arms.reduce((s, arm) => s + arm[kind].revenue, 0)),
  });
  return {
    widget: id,
    type: widget.type,
    variants,
    attributed: sum("attributed"),
    assisted: sum("assisted"),
    sampleRatio: Object.keys(shares).length === arms.length ? sampleRatio(observed, shares) : null,
  };
}

/** Converting visitors among the eligible ones (k), out of the eligible (n). */
function convertersOf(arm: Arm) {
  let k = 0;
  for (const visitor of arm.converters) if (arm.eligible.has(visitor)) k++;
  return { k, n: arm.eligible.size };
}

/** Revenue per eligible visitor, zeros included: the sample behind revenue per visitor. */
function revenueSample(arm: Arm): number[] {
  return [...arm.eligible].map((visitor) => arm.revenueBy.get(visitor) ?? 0);
}
