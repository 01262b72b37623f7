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
import type { Order } from "./attribution.js";
import type { MeasureEvent } from "./event.js";
import { meanUplift, rate, rateUplift, sampleOf, type Rate, type Sample, type Uplift } from "./stats.js";

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

interface ArmTally {
  visitors: Set<string>;
  /** Per visitor: the sum of their order values, and their number of orders; the values of orders that had one. */
  revenueBy: Map<string, number>;
  ordersBy: Map<string, number>;
  orderValues: number[];
}

const tally = (): ArmTally => ({ visitors: new Set(), revenueBy: new Map(), ordersBy: new Map(), orderValues: [] });

/**
 * The site-wide comparison over de-duplicated events and their orders; null when no event says
 * whether its visitor is in the site-wide control group (no `settings.holdout`).
 */
export function overallReport(events: readonly MeasureEvent[], orders: ReadonlyMap<string, Order>, seed?: number): OverallReport | null {
  const armOf = new Map<string, boolean>();
  for (const event of events) {
    if (event.name === "eligible" && typeof event.siteHoldout === "boolean" && !armOf.has(event.visitor)) armOf.set(event.visitor, event.siteHoldout);
  }
  if (!armOf.size) return null;
  const treated = tally();
  const control = tally();
  for (const [visitor, held] of armOf) (held ? control : treated).visitors.add(visitor);
  for (const order of orders.values()) {
    const held = armOf.get(order.visitor);
    if (held === undefined) continue;
    const arm = held ? control : treated;
    arm.ordersBy.set(order.visitor, (arm.ordersBy.get(order.visitor) ?? 0) + 1);
    arm.revenueBy.set(order.visitor, (arm.revenueBy.get(order.visitor) ?? 0) + order.value);
    if (order.valued) arm.orderValues.push(order.value);
  }
  const t = summary(treated);
  const c = summary(control);
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

function summary(arm: ArmTally): { arm: OverallArm; perVisitor: Sample; perOrder: Sample } {
  const n = arm.visitors.size;
  const perVisitor = sampleOf([...arm.visitors].map((v) => arm.revenueBy.get(v) ?? 0));
  const perOrder = sampleOf(arm.orderValues);
  let revenue = 0;
  for (const value of arm.revenueBy.values()) revenue += value;
  let orders = 0;
  for (const count of arm.ordersBy.values()) orders += count;
  return {
    arm: {
      visitors: n,
      converters: arm.ordersBy.size,
      orders,
      revenue: Math.round(revenue * 100) / 100,
      conversionRate: rate(arm.ordersBy.size, n),
      revenuePerVisitor: perVisitor.mean,
      averageOrderValue: perOrder.n ? perOrder.mean : null,
    },
    perVisitor,
    perOrder,
  };
}
