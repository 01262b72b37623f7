import type { EventHistory } from "../rules/condition/types.js";
import type { Profile } from "./profile.js";

/**
 * Three behavioural scores, each 0–1, computed in the browser from the profile alone: simple
 * enough to reason about, so a marketer can tell why a visitor scores what they do.
 */
export interface ScoreFacts {
  /** How much this visitor responds to discounts: coupons on orders, coupon codes copied, offers clicked. */
  discountSensitivity: number;
  /** How likely this visitor is to buy soon: a logistic formula with `PURCHASE_INTENT_WEIGHTS`. */
  purchaseIntent: number;
  /** How overdue this customer is against their own order rhythm; 0 before the first order. */
  churnRisk: number;
}

/** `discountSensitivity` = 0.5 × coupon share of orders + 0.3 × min(1, coupon copies / 2) + 0.2 × offer click rate. */
export const DISCOUNT_WEIGHTS = { couponShare: 0.5, couponCopies: 0.3, offerClicks: 0.2 } as const;

/**
 * `purchaseIntent` = 1 / (1 + e^−z), z = bias + Σ weight × input, inputs capped as noted:
 * product views in the last 7 days (≤ 10), days since the last product view (≤ 30), items in
 * the cart now (0 or 1), add-to-carts in the last 7 days (≤ 5), return visits (sessions − 1, ≤ 10).
 * A new visitor scores 0.047; one with an item in the cart and a few views today about 0.5.
 */
export const PURCHASE_INTENT_WEIGHTS = { bias: -3, viewsWeek: 0.3, daysSinceView: -0.15, cartNow: 1.5, addsWeek: 0.5, returnVisits: 0.2 } as const;

/** The order rhythm assumed for a customer with one order: 30 days between orders. */
export const DEFAULT_ORDER_GAP_DAYS = 30;

const DAY_MS = 86_400_000;

/** The scores for a profile at `now` (the facts' `scores`). Bounded work: reads counts and the last 50 events. */
export function scores(profile: Profile, now: number): ScoreFacts {
  return {
    discountSensitivity: discountSensitivity(profile),
    purchaseIntent: purchaseIntent(profile, now),
    churnRisk: churnRisk(profile, now),
  };
}

function discountSensitivity(profile: Profile): number {
  const orders = profile.events.purchase?.recent ?? [];
  const couponShare = orders.length ? orders.filter((o) => typeof o.props?.coupon === "string").length / orders.length : 0;
  const copies = Math.min(1, (profile.events.coupon_copy?.count ?? 0) / 2);
  let shown = 0;
  let converted = 0;
  for (const id in profile.widgets) {
    shown += profile.widgets[id].shown;
    converted += profile.widgets[id].converted;
  }
  const offerClicks = shown ? Math.min(1, converted / shown) : 0;
  const w = DISCOUNT_WEIGHTS;
  return round(w.couponShare * couponShare + w.couponCopies * copies + w.offerClicks * offerClicks);
}

function purchaseIntent(profile: Profile, now: number): number {
  const views = profile.events.view_item;
  const w = PURCHASE_INTENT_WEIGHTS;
  // No product view yet adds nothing: the bias alone (0.047) is a new visitor's intent.
  const daysSinceView = views ? Math.min(30, Math.max(0, (now - views.last) / DAY_MS)) : 0;
  const z =
    w.bias +
    w.viewsWeek * Math.min(10, inLastWeek(views, now)) +
    w.daysSinceView * daysSinceView +
    w.cartNow * (profile.cart.length ? 1 : 0) +
    w.addsWeek * Math.min(5, inLastWeek(profile.events.add_to_cart, now)) +
    w.returnVisits * Math.min(10, Math.max(0, profile.sessions - 1));
  return round(1 / (1 + Math.exp(-z)));
}

/**
 * Days since the last order over the customer's own gap between orders (first to last order over
 * count − 1; `DEFAULT_ORDER_GAP_DAYS` with one order), through 1 / (1 + e^(−3 × (ratio − 2))):
 * on rhythm (ratio 1) 0.05, twice the usual gap 0.5, three times 0.95.
 */
function churnRisk(profile: Profile, now: number): number {
  const last = profile.orders.last?.time;
  if (!profile.orders.count || last === undefined) return 0;
  const purchases = profile.events.purchase;
  const count = Math.max(profile.orders.count, purchases?.count ?? 0);
  const gapDays = count > 1 && purchases && purchases.last > purchases.first ? (purchases.last - purchases.first) / DAY_MS / (count - 1) : DEFAULT_ORDER_GAP_DAYS;
  const ratio = Math.max(0, (now - last) / DAY_MS) / Math.max(1, gapDays);
  return round(1 / (1 + Math.exp(-3 * (ratio - 2))));
}

/** Events in the last 7 days from the per-day counts (today and the 6 days before). */
function inLastWeek(history: EventHistory | undefined, now: number): number {
  if (!history) return 0;
  const weekAgo = now - 7 * DAY_MS;
  if (history.last < weekAgo) return 0;
  return (history.recent ?? []).filter((e) => e.t >= weekAgo).length;
}

function round(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
