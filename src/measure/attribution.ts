/**
 * Attribution: one order, one widget. The runtime converts every widget whose goal window is
 * open when an order happens (so each can be compared with its own control group), which means
 * one order shows up under several widgets. For accounting, this module credits each order to
 * ONE widget, the last one shown within its window before the order, and counts the other shown
 * widgets it converted as "assisted". Orders that no shown widget converted (control groups
 * only) are "unattributed". Attributed orders summed over widgets + unattributed = orders.
 *
 * The rules below are the reference that the collector's SQL reproduces:
 * - an order is a goal conversion (`converted` with `goal`), keyed by visitor, goal and the
 *   order id (`order`), or the goal event's time when it had none;
 * - its value is the largest finite `value` among its events (they all carry the same one);
 * - candidates are its events in a shown arm: not `holdout`, not the site-wide control;
 * - the winner has the latest exposure time (the `<time>` of `exposure` = `<widget>@<time>`),
 *   ties broken by the smaller widget id; each other candidate widget is assisted once.
 */
import type { MeasureEvent } from "./event.js";

/** Orders and their revenue. */
export interface Credit {
  orders: number;
  revenue: number;
}

/** All orders in the events, and those no shown widget converted. */
export interface Attribution {
  /** Distinct orders (goal conversions) and their revenue. */
  orders: number;
  revenue: number;
  /** Orders of visitors who were shown no widget converting them (control groups). */
  unattributed: Credit;
}

/** An order: its visitor, value and the shown widgets it converted (widget → variant and exposure time). */
export interface Order {
  visitor: string;
  /** Its value (0 without one), and whether it had one. */
  value: number;
  valued: boolean;
  shown: Map<string, { variant: string; exposedAt: number }>;
}

/** The control group's variant. */
const HOLDOUT = "holdout";

export const emptyCredit = (): Credit => ({ orders: 0, revenue: 0 });

/** The order a goal conversion belongs to; undefined for anything else (a widget's own conversion, a lead form). */
export function orderKey(event: MeasureEvent): string | undefined {
  if (event.name !== "converted" || typeof event.goal !== "string") return undefined;
  return `${event.visitor}\u0000${event.goal}\u0000${event.order ?? event.time}`;
}

/** The time of the show (or eligibility) an event belongs to, from its exposure `<widget>@<time>`. */
export function exposedAt(event: MeasureEvent): number {
  const at = event.exposure.lastIndexOf("@");
  const time = at < 0 ? Number.NaN : Number(event.exposure.slice(at + 1));
  return Number.isFinite(time) ? time : Number.NEGATIVE_INFINITY;
}

/** Whether the event's visitor saw the widget's content: a variant, not a control group. */
export const isShownArm = (event: MeasureEvent) => event.variant !== HOLDOUT && event.siteHoldout !== true;

/** Adds a goal conversion to the orders it belongs to. */
export function addToOrders(orders: Map<string, Order>, event: MeasureEvent): void {
  const key = orderKey(event);
  if (key === undefined) return;
  let order = orders.get(key);
  if (!order) orders.set(key, (order = { visitor: event.visitor, value: 0, valued: false, shown: new Map() }));
  if (typeof event.value === "number" && Number.isFinite(event.value)) {
    order.value = order.valued ? Math.max(order.value, event.value) : event.value;
    order.valued = true;
  }
  if (!isShownArm(event)) return;
  const previous = order.shown.get(event.widget);
  const time = exposedAt(event);
  if (!previous || time > previous.exposedAt) order.shown.set(event.widget, { variant: event.variant, exposedAt: time });
}

/**
 * Credits each order to the last shown widget, the others as assisted.
 * `credit(widget, variant, kind, value)` is called once per credit.
 */
export function attribute(orders: Map<string, Order>, credit: (widget: string, variant: string, kind: "attributed" | "assisted", value: number) => void): Attribution {
  const result: Attribution = { orders: 0, revenue: 0, unattributed: emptyCredit() };
  for (const order of orders.values()) {
    result.orders++;
    result.revenue += order.value;
    let winner: string | undefined;
    for (const [widget, shown] of order.shown) {
      const best = winner === undefined ? undefined : order.shown.get(winner)!;
      if (!best || shown.exposedAt > best.exposedAt || (shown.exposedAt === best.exposedAt && widget < winner!)) winner = widget;
    }
    if (winner === undefined) {
      result.unattributed.orders++;
      result.unattributed.revenue += order.value;
      continue;
    }
    for (const [widget, shown] of order.shown) credit(widget, shown.variant, widget === winner ? "attributed" : "assisted", order.value);
  }
  // Sums stay unrounded here: the report rounds them once (report-from-aggregates.ts), as it does a database's.
  return result;
}

export const round = (value: number) => Math.round(value * 100) / 100;
