/**
 * The report's counting step and its statistics step meet here: per-arm
 * aggregates. `buildReport` counts them in memory; a collector's store counts
 * them in its database (SQL); both hand them to `reportFromAggregates`, which
 * alone turns counts into rates, uplifts and the sample-ratio check. Only
 * these few numbers per arm need to reach JavaScript, so memory does not grow
 * with the number of events.
 */

/**
 * What the statistics need about one arm (a widget's variant, or its `holdout`).
 * "Distinct shows" are distinct (visitor, exposure) pairs: a show counts once
 * whatever re-renders or events it had.
 */
export interface ArmAggregate {
  widget: string;
  /** The widget's type (of its earliest event). */
  type: string;
  variant: string;
  /** The share of visitors this arm should get (from its latest `eligible` event carrying one), or null. */
  share: number | null;
  /** Distinct visitors with an `eligible` event. */
  eligible: number;
  /** Distinct shows, and the distinct visitors among them. */
  impressions: number;
  shownVisitors: number;
  /** Distinct shows with a `viewable` event, and their distinct visitors. */
  viewable: number;
  viewableVisitors: number;
  /** Distinct shows with a `clicked` event, and their distinct visitors. */
  clicks: number;
  clickedVisitors: number;
  /** Distinct shows closed, minimized, with a lead. */
  closes: number;
  minimized: number;
  leads: number;
  /** `converted` events, the distinct visitors among them, and those who were also eligible in this arm. */
  conversions: number;
  converters: number;
  eligibleConverters: number;
  /** Sum of finite conversion values, and how many conversions had one. */
  revenue: number;
  orders: number;
  /**
   * Per eligible visitor, the sum of their conversion values (0 without any): the sum
   * over eligible visitors of that number, and of its square (mean and variance of the
   * revenue-per-visitor sample, zeros included).
   */
  eligibleRevenue: number;
  eligibleRevenueSquares: number;
  /**
   * Orders credited to this arm (it was the last widget shown before the order, within its
   * window) and their value; orders it converted but a widget shown later was credited with.
   * See attribution.ts for the rules.
   */
  attributedOrders: number;
  attributedRevenue: number;
  assistedOrders: number;
  assistedRevenue: number;
}

/**
 * One arm of the site-wide comparison (overall.ts): the visitors whose first `eligible` event
 * carrying `siteHoldout` put them in it, and their orders.
 */
export interface OverallAggregate {
  visitors: number;
  /** Visitors with at least one order, and their orders. */
  converters: number;
  orders: number;
  /** Sum of order values (0 for an order without one), and of each visitor's total squared (zeros included). */
  revenue: number;
  revenueSquares: number;
  /** Orders with a value: how many, the sum of the values and of their squares. */
  valuedOrders: number;
  orderValues: number;
  orderValueSquares: number;
}

/** Everything `reportFromAggregates` needs: totals, and one entry per arm. */
export interface ReportAggregates {
  /** Distinct events stored (by id). */
  events: number;
  /** Copies of already stored events that arrived again (dropped, counted). */
  duplicates: number;
  /** Distinct visitors over all events. */
  visitors: number;
  /** Time of the first and last event, or null without events. */
  from: number | null;
  to: number | null;
  arms: ArmAggregate[];
  /** Every order (goal conversion) once, and its value; those no shown widget converted. */
  orders: number;
  revenue: number;
  unattributedOrders: number;
  unattributedRevenue: number;
  /** Nudge as a whole against the site-wide control group; null when no event says who is in it. */
  overall: { treated: OverallAggregate; control: OverallAggregate } | null;
}

export const emptyOverall = (): OverallAggregate => ({
  visitors: 0,
  converters: 0,
  orders: 0,
  revenue: 0,
  revenueSquares: 0,
  valuedOrders: 0,
  orderValues: 0,
  orderValueSquares: 0,
});

/** An arm with nothing counted yet: the starting point of an in-memory count. */
export function emptyArm(widget: string, type: string, variant: string): ArmAggregate {
  return {
    widget,
    type,
    variant,
    share: null,
    eligible: 0,
    impressions: 0,
    shownVisitors: 0,
    viewable: 0,
    viewableVisitors: 0,
    clicks: 0,
    clickedVisitors: 0,
    closes: 0,
    minimized: 0,
    leads: 0,
    conversions: 0,
    converters: 0,
    eligibleConverters: 0,
    revenue: 0,
    orders: 0,
    eligibleRevenue: 0,
    eligibleRevenueSquares: 0,
    attributedOrders: 0,
    attributedRevenue: 0,
    assistedOrders: 0,
    assistedRevenue: 0,
  };
}
