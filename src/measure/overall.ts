/**
 * The uplift of Nudge as a whole, from the site-wide control group (`settings.holdout`):
 * visitors who would have been shown widgets (a widget passed every gate for them) but saw
 * none, against the visitors who were eligible for at least one widget and saw what the rules
 * decided. Both arms are counted the same way:
 * - a visitor belongs to the arm of their first `eligible` event that carries `siteHoldout`;
 * - their orders are the distinct goal conversions (see `attribution.ts`) recorded for them,
 *   through any widget's goal window (a show, or an eligibility in a control group);
 * - conversion = visitors with an order / visitors; revenue per visitor = order values / visitors
 *   (zeros included); average order = order values / orders with a value.
 */
import { emptyOverall, type OverallAggregate } from "./aggregates.js";
import type { Order } from "./attribution.js";
import type { MeasureEvent } from "./event.js";
import { meanUplift, rate, rateUplift, sampleFromSums, type Rate, type Sample, type Uplift } from "./stats.js";

/** One arm of the site-wide comparison. */
export interface OverallArm {
  /** Distinct visitors eligible for at least one widget. */
  visitors: number;
  /** Visitors with at least one order, and their orders. */
  converters: number;
  orders: number;
  revenue: number;
  conversionRate: Rate;
  revenuePerVisitor: number;
  /** Revenue / orders with a value; null without any. */
  averageOrderValue: number | null;
}

/** Nudge on (`treated`) against the site-wide control group. */
export interface OverallReport {
  treated: OverallArm;
  control: OverallArm;
  /** Null until both arms have visitors. */
  uplift: { conversionRate: Uplift; revenuePerVisitor: Uplift | null; averageOrderValue: Uplift | null } | null;
}

/**
 * Counts the site-wide comparison over de-duplicated events and their orders; null when no event
 * says whether its visitor is in the site-wide control group (no `settings.holdout`).
 */
export function overallAggregates(events: readonly MeasureEvent[], orders: ReadonlyMap<string, Order>): { treated: OverallAggregate; control: OverallAggregate } | null {
  const armOf = new Map<string, boolean>();
  for (const event of events) {
    if (event.name === "eligible" && typeof event.siteHoldout === "boolean" && !armOf.has(event.visitor)) armOf.set(event.visitor, event.siteHoldout);
  }
  if (!armOf.size) return null;
  const treated = emptyOverall();
  const control = emptyOverall();
  const revenueBy = new Map<string, number>();
  const converted = new Set<string>();
  for (const held of armOf.values()) (held ? control : treated).visitors++;
  for (const order of orders.values()) {
    const held = armOf.get(order.visitor);
    if (held === undefined) continue;
    const arm = held ? control : treated;
    arm.orders++;
    arm.revenue += order.value;
    converted.add(order.visitor);
    revenueBy.set(order.visitor, (revenueBy.get(order.visitor) ?? 0) + order.value);
    if (order.valued) {
      arm.valuedOrders++;
      arm.orderValues += order.value;
      arm.orderValueSquares += order.value * order.value;
    }
  }
  for (const visitor of converted) {
    const arm = armOf.get(visitor) ? control : treated;
    arm.converters++;
    const revenue = revenueBy.get(visitor) ?? 0;
    arm.revenueSquares += revenue * revenue;
  }
  return { treated, control };
}

/** The site-wide comparison's statistics, from its aggregates (counted in memory or in a database). */
export function overallFromAggregates(aggregates: { treated: OverallAggregate; control: OverallAggregate } | null, seed?: number): OverallReport | null {
  if (!aggregates) return null;
  const t = summary(aggregates.treated);
  const c = summary(aggregates.control);
  const both = t.arm.visitors > 0 && c.arm.visitors > 0;
  return {
    treated: t.arm,
    control: c.arm,
    uplift: both
      ? {
          conversionRate: rateUplift(t.arm.conversionRate, c.arm.conversionRate, seed),
          revenuePerVisitor: meanUplift(t.perVisitor, c.perVisitor),
          averageOrderValue: meanUplift(t.perOrder, c.perOrder),
        }
      : null,
  };
}

function summary(arm: OverallAggregate): { arm: OverallArm; perVisitor: Sample; perOrder: Sample } {
  const perVisitor = sampleFromSums(arm.visitors, arm.revenue, arm.revenueSquares);
  const perOrder = sampleFromSums(arm.valuedOrders, arm.orderValues, arm.orderValueSquares);
  return {
    arm: {
      visitors: arm.visitors,
      converters: arm.converters,
      orders: arm.orders,
      revenue: Math.round(arm.revenue * 100) / 100,
      conversionRate: rate(arm.converters, arm.visitors),
      revenuePerVisitor: perVisitor.mean,
      averageOrderValue: perOrder.n ? perOrder.mean : null,
    },
    perVisitor,
    perOrder,
  };
}
